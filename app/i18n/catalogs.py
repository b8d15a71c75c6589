"""The gettext catalogs (app/locale/{kk,ru,en}/LC_MESSAGES/messages.po): templates and
Python labels read their words through them.

The install compiles each .po into a .mo (`make i18n-compile`, the Dockerfile); a catalog whose
.mo is missing or older than its .po is compiled in memory instead, so a checkout that has
not run the install still shows the current wording rather than English.
"""

import io
import logging
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from app.i18n.languages import Lang

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
logger = logging.getLogger(__name__)


def catalog_path(lang: str, suffix: str = ".po") -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / (DOMAIN + suffix)


@cache
def translations(lang: Lang) -> Translations:
    """One language's catalog, loaded once per process."""
    po, mo = catalog_path(lang), catalog_path(lang, ".mo")
    if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    logger.warning("%s is missing or older than its .po: compiled in memory (run `make i18n-compile`)", mo)
    with po.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=DOMAIN)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def translate(lang: Lang, message: str) -> str:
    return translations(lang).gettext(message)


def translate_plural(lang: Lang, singular: str, plural: str, n: int) -> str:
    return translations(lang).ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802  # gettext's name for "marked, translated later"
    """Marks a label for extraction; it is translated where it is shown."""
    return message
