"""Words written with a look-alike letter of another script, read in their own script.

`Посοл` (a Greek omicron), `Cемей` (a Latin C) and `Сouncil` (a Cyrillic С) look right to a
reader and match no table: some sites mix scripts on purpose (against copying), typists by
accident. A word is read in the script most of its letters are in when every other letter has
a look-alike there (data/lookalikes.toml); a word of two scripts that do not look alike
(`KLIMENTYEVРеджеп`, two words glued) stays as written. Each letter stays one letter, so
offsets into the text are the text's own.
"""

import re
from functools import lru_cache

from app.datafiles import load_data

CYRILLIC = "\u0400-\u04ff"
OTHER = "A-Za-z\u0370-\u03ff"
# Only a text where letters of two scripts touch inside a word needs reading word by word.
_TOUCH = re.compile(
    f"[{CYRILLIC}][{OTHER}]|[{OTHER}][{CYRILLIC}]|[A-Za-z][\u0370-\u03ff]|[\u0370-\u03ff][A-Za-z]"
)
_WORD = re.compile(f"[{CYRILLIC}{OTHER}]+")
_IS_CYRILLIC = re.compile(f"[{CYRILLIC}]")
_IS_LATIN = re.compile("[A-Za-z]")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, str]]:
    data = load_data("lookalikes.toml")
    return dict(data["to_cyrillic"]), dict(data["to_latin"])


def _own_script(word: str) -> str:
    cyrillic = len(_IS_CYRILLIC.findall(word))
    latin = len(_IS_LATIN.findall(word))
    if cyrillic == len(word) or latin == len(word):
        return word
    to_cyrillic, to_latin = _tables()
    if cyrillic > latin:
        table, native = to_cyrillic, _IS_CYRILLIC
    elif latin > cyrillic:
        table, native = to_latin, _IS_LATIN
    else:
        return word
    if not all(native.match(ch) or ch in table for ch in word):
        return word
    return "".join(ch if native.match(ch) else table[ch] for ch in word)


def in_own_script(text: str) -> str:
    """`text` with each word of mixed scripts read in its own script (same length)."""
    if not _TOUCH.search(text):
        return text
    return _WORD.sub(lambda m: _own_script(m.group()), text)
