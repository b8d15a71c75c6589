"""One discovered person under several spellings: a short given name beside the full one
(Steve / Stephen, Стив / Стивен) and a Cyrillic rendering beside a Latin one (Стивен Уиткофф /
Stephen Witkoff). Data in names.toml (given_name_forms, sound_folds, sound_classes)."""

from functools import lru_cache

from slugify import slugify

from app.datafiles import load_data
from app.text.fold import CYRILLIC_LETTER

MIN_SURNAME_CONSONANTS = 3
VOWEL_CLASS = "a"


@lru_cache(maxsize=1)
def _full_forms() -> dict[str, str]:
    """casefolded given name -> its full form (itself for the full form)."""
    return {form.casefold(): row[0] for row in load_data("names.toml")["given_name_forms"] for form in row}


def full_given_name(word: str) -> str:
    """`Steve` -> `Stephen`; a name no row lists is its own full form."""
    return _full_forms().get(word.casefold(), word)


def full_form_name(name: str) -> str:
    """The name with its first word in full form: `Steve Witkoff` -> `Stephen Witkoff`."""
    words = name.split()
    if not words:
        return name
    return " ".join([full_given_name(words[0]), *words[1:]])


@lru_cache(maxsize=1)
def _sound_table() -> tuple[tuple[tuple[str, str], ...], dict[str, str]]:
    data = load_data("names.toml")
    folds = tuple((a, b) for a, b in data["sound_folds"])
    classes = {letter: code for letters, code in data["sound_classes"] for letter in letters}
    return folds, classes


def sound_key(word: str) -> str:
    """A word's sound key, the same for its Cyrillic and Latin renderings (names.toml)."""
    folds, classes = _sound_table()
    latin = slugify(word, separator="")
    for written, common in folds:
        latin = latin.replace(written, common)
    key: list[str] = []
    previous = ""
    for code in (classes.get(letter, "") for letter in latin):
        if code and code != previous:
            key.append(code)
        previous = code
    return "".join(key)


def name_key(name: str) -> tuple[str, ...]:
    """Every word's sound key, the given name taken in full form first."""
    return tuple(sound_key(word) for word in full_form_name(name).split())


def distinct_enough(key: str) -> bool:
    """A surname key with consonants enough to tell people apart by (Witkoff, not Aliyev)."""
    return sum(c != VOWEL_CLASS for c in key) >= MIN_SURNAME_CONSONANTS


def is_cyrillic(name: str) -> bool:
    return CYRILLIC_LETTER.search(name) is not None
