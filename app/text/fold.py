"""Cross-script folding of Kazakh and Russian Cyrillic, driven by data/folding.toml."""

import re
import unicodedata
from functools import lru_cache

from app.datafiles import load_data

KAZAKH_LETTERS = frozenset("әғқңөұүһі")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    letters = load_data("folding.toml")["letters"]
    table = {ord(src): dst for src, dst in letters.items()}
    table.update({ord(src.upper()): dst.upper() for src, dst in letters.items()})
    return table


def fold(text: str) -> str:
    """Map Kazakh-specific letters and ё to their Russian neighbours (case is kept)."""
    return text.translate(_fold_table())


def has_kazakh_letters(text: str) -> bool:
    return any(ch in KAZAKH_LETTERS for ch in text.lower())


# Letters that look alike in Latin and Cyrillic: a Latin `T` typed into `Tокаев`, or a
# Cyrillic `о` into `Tokayev`, makes a word no reader can tell apart and no index key matches.
# Lowercase pairs of capitals-only look-alikes (b/в, t/т) count too: index keys and query
# words are lowercased before they get here.
LATIN_TO_CYRILLIC = dict(zip("AaBbCcEeHhIiKkMmOoPpTtXxYy", "АаВвСсЕеНнІіКкМмОоРрТтХхУу", strict=True))
CYRILLIC_TO_LATIN = {c: latin for latin, c in LATIN_TO_CYRILLIC.items() if latin not in "Yy"}
CYRILLIC_TO_LATIN.update({"у": "y", "У": "Y"})
CYRILLIC_LETTER = re.compile(r"[\u0400-\u04ff]")
LATIN_LETTER = re.compile(r"[A-Za-z]")
WORD = re.compile(r"\w+")
# Stress marks (`Тока́ев`) stay combining after NFC in Cyrillic; they are not letters.
STRESS_MARKS = dict.fromkeys(map(ord, "\u0300\u0301"))
# Fullwidth ASCII (`Ｔｏｋａｙｅｖ`) to ASCII; the ideographic space to a space.
FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
ANY_FULLWIDTH = re.compile("[\uff01-\uff5e\u3000]")


def _one_script(match: re.Match[str]) -> str:
    word = match.group(0)
    cyrillic = len(CYRILLIC_LETTER.findall(word))
    latin = len(LATIN_LETTER.findall(word))
    if not cyrillic or not latin:
        return word
    table = LATIN_TO_CYRILLIC if cyrillic >= latin else CYRILLIC_TO_LATIN
    minority = LATIN_LETTER if cyrillic >= latin else CYRILLIC_LETTER
    if not all(ch in table for ch in minority.findall(word)):
        return word  # a real mixed word (an abbreviation, a code), not a look-alike
    return "".join(table.get(ch, ch) for ch in word)


def plain_letters(text: str) -> str:
    """Fullwidth forms as ASCII and no stress marks: what the loader's clean stage does to
    the text itself (neither is a letter of its own, and a stress mark splits a word)."""
    if ANY_FULLWIDTH.search(text):  # translate looks up every character: only when needed
        text = text.translate(FULLWIDTH)
    if "\u0300" in text or "\u0301" in text:
        text = unicodedata.normalize("NFC", unicodedata.normalize("NFC", text).translate(STRESS_MARKS))
    return text


def unify_letters(text: str) -> str:
    """One look for one letter, for index keys and query words: `plain_letters`, and each
    word's look-alike letters in the script of the rest of the word (`Tокаев` → `Токаев`).
    The text itself keeps the letters it was written with."""
    text = plain_letters(text)
    if CYRILLIC_LETTER.search(text) and LATIN_LETTER.search(text):
        text = WORD.sub(_one_script, text)
    return text
