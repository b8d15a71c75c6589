"""Which interface language a reader gets: a path prefix chooses it for pages, the
`Accept-Language` header (RFC 9110, q-values) proposes one where there is no prefix."""

import re
from typing import Literal, TypeGuard

from babel.core import negotiate_locale

Lang = Literal["kk", "ru", "en"]
# The order of the language switcher: the state language, then Russian, then English.
LANGUAGES: tuple[Lang, ...] = ("kk", "ru", "en")
DEFAULT_LANGUAGE: Lang = "en"
RANGE = re.compile(r"^\s*([A-Za-z]{1,8}(?:[-_][A-Za-z0-9]{1,8})*|\*)\s*(?:;\s*q\s*=\s*([0-9.]+))?\s*$")
MAX_RANGES = 32


def is_language(value: object) -> TypeGuard[Lang]:
    return value in LANGUAGES


def accepted(header: str | None) -> list[str]:
    """The language ranges of an Accept-Language header, most wanted first (a range with
    q=0 is refused, a malformed one ignored, never an error)."""
    ranges: list[tuple[float, int, str]] = []
    for position, item in enumerate((header or "").split(",")[:MAX_RANGES]):
        m = RANGE.match(item)
        if not m or m.group(1) == "*":
            continue
        try:
            quality = float(m.group(2)) if m.group(2) is not None else 1.0
        except ValueError:
            continue
        if quality > 0:
            ranges.append((-quality, position, m.group(1).replace("-", "_")))
    return [tag for _, _, tag in sorted(ranges)]


def negotiate(header: str | None, default: Lang = DEFAULT_LANGUAGE) -> Lang:
    """The best of kk / ru / en for an Accept-Language header (`kk-KZ` is kk), else the
    default. `kz`, the country code readers sometimes send for Kazakh, counts as kk."""
    wanted = accepted(header)
    best = negotiate_locale(wanted, list(LANGUAGES), aliases={"kz": "kk"})
    if best is None:
        # Babel compares whole tags first, then the bare language of each.
        best = negotiate_locale([tag.split("_")[0] for tag in wanted], list(LANGUAGES), aliases={"kz": "kk"})
    return best if is_language(best) else default
