"""The Latin form of a name the text writes in Cyrillic (`Кестутис Янкаускас` → `Kestutis
Yankauskas`): a discovered person is stored and found under it as the register's people are
under their English names, and shown beside the name as written.

Transliteration is iuliia's Wikipedia scheme (chosen by measurement on the dev set: it gives
the English press's spelling of 76 of 175 discovered Cyrillic names exactly, against 46 for
anyascii and 59 for BGN/PCGN); Kazakh letters are first folded to their Russian neighbours
(data/folding.toml), which the scheme reads as the English press writes them (`Қ` → `K`)."""

import re
from functools import lru_cache

import iuliia
from slugify import slugify

from app.text.fold import fold

CYRILLIC = re.compile(r"[\u0400-\u04ff]")


@lru_cache(maxsize=4096)
def latin_form(name: str) -> str | None:
    """The name in Latin letters, or None when it has no Cyrillic letter to transliterate."""
    if not CYRILLIC.search(name):
        return None
    return str(iuliia.WIKIPEDIA.translate(fold(name)))


def person_slug(name: str) -> str:
    """A discovered person's slug, made from the Latin form: the same person written in either
    script gets one slug (`Аида Балаева` and `Aida Balayeva`: `aida-balayeva`)."""
    return str(slugify(latin_form(name) or name))
