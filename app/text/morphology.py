"""Per-language index keys for one word: surface, stems and lemmas, all cross-script folded.

Several keys per token let every case form of a word meet every other: Snowball alone
splits `Казахстан`/`Казахстане`, pymorphy3 alone gets surnames wrong, so we keep both,
plus a surname rule and the Kazakh suffix stripper.
"""

import re
import threading
from collections.abc import Sequence
from functools import cache, lru_cache
from typing import TYPE_CHECKING

import Stemmer

from app.datafiles import load_data
from app.text.fold import fold, has_kazakh_letters, unify_letters
from app.text.kazakh import kazakh_stems

if TYPE_CHECKING:
    import pymorphy3

LANGUAGES = ("ru", "kk", "en")
CYRILLIC = re.compile(r"[а-яёәғқңөұүһі]")
LATIN = re.compile(r"[a-z]")
MIN_KEY_LENGTH = 2


# The analyser, once loaded; the lock is held while it loads: a worker's first request and
# its warm-up thread, asking at once, each loaded the dictionaries (lru_cache makes no
# caller wait for another's call).
_analyser: dict[str, "pymorphy3.MorphAnalyzer"] = {}
_analyser_loading = threading.Lock()


def _morph() -> "pymorphy3.MorphAnalyzer":
    analyser = _analyser.get("ru")
    if analyser is None:
        with _analyser_loading:
            if "ru" not in _analyser:
                _analyser["ru"] = _load_morph()
            analyser = _analyser["ru"]
    return analyser


def _load_morph() -> "pymorphy3.MorphAnalyzer":
    # Imported on first use (the web process's warm-up thread): 70 ms off its start.
    import pymorphy3
    import pymorphy3_dicts_ru

    # The dictionary named, not looked up: the look-up scans every installed package's entry
    # points, 20 ms of a fresh `archive load` (the same dictionary and language either way).
    return pymorphy3.MorphAnalyzer(path=pymorphy3_dicts_ru.get_path(), lang="ru")


@cache
def _stemmer(language: str) -> Stemmer.Stemmer:
    return Stemmer.Stemmer(language)


@lru_cache(maxsize=1)
def _surname_pattern() -> re.Pattern[str]:
    rules = load_data("russian_names.toml")
    bases = "|".join(rules["surname_bases"])
    endings = "|".join(sorted(rules["case_endings"], key=len, reverse=True))
    return re.compile(rf"^(\w{{2,}}(?:{bases}))(?:{endings})$")


def russian_lemmas(word: str) -> list[str]:
    """Dictionary lemmas when pymorphy3 knows the word, else its single best guess."""
    parses = _morph().parse(word)
    known = [p.normal_form for p in parses if p.is_known]
    return list(dict.fromkeys(known)) if known else [parses[0].normal_form] if parses else []


# A Cyrillic word's Russian keys are what it indexes as a word of a Russian document and of
# an English one: `query_keys` asks for both, one right after the other, and analysed the
# word twice (pymorphy3's parse is most of a key's cost). Kept a few words long.
@lru_cache(maxsize=256)
def russian_keys(word: str) -> tuple[str, ...]:
    plain = word.replace("ё", "е")
    keys = [plain, _stemmer("russian").stemWord(plain)]
    if not has_kazakh_letters(word):
        keys.extend(lemma.replace("ё", "е") for lemma in russian_lemmas(word))
    surname = _surname_pattern().match(plain)
    if surname:
        keys.append(surname.group(1))
    return tuple(keys)


def english_keys(word: str) -> list[str]:
    return [word, _stemmer("english").stemWord(word)]


@lru_cache(maxsize=200_000)
def index_keys(word: str, language: str) -> tuple[str, ...]:
    """Keys indexed at one position of a document in `language` (word is lowercase)."""
    word = unify_letters(word)
    keys: Sequence[str]
    if LATIN.search(word) and not CYRILLIC.search(word):
        keys = english_keys(word)
    elif language == "kk":
        keys = [word, *kazakh_stems(word)]
    elif language == "ru" or CYRILLIC.search(word):
        keys = russian_keys(word)
    else:
        keys = [word]
    folded = (fold(k) for k in keys)
    return tuple(dict.fromkeys(k for k in folded if len(k) >= MIN_KEY_LENGTH or k == fold(word)))


@lru_cache(maxsize=200_000)
def query_keys(word: str) -> tuple[str, ...]:
    """Keys a query word looks for: the union over languages, since a query has none."""
    keys: list[str] = []
    for language in LANGUAGES:
        keys.extend(index_keys(word, language))
    return tuple(dict.fromkeys(keys))


@lru_cache(maxsize=50_000)
def russian_verb(word: str) -> bool:
    """Whether pymorphy3's best reading of a known Russian word is a finite verb (`принял`)."""
    parses = _morph().parse(word)
    return bool(parses) and parses[0].is_known and parses[0].tag.POS == "VERB"


@lru_cache(maxsize=50_000)
def russian_genitive(word: str) -> bool:
    """Whether any of pymorphy3's readings of a known Russian word is in the genitive
    (`культуры`, `внешних`, `области`): the words of an office that depends on its role."""
    return any(p.is_known and p.tag.case == "gent" for p in _morph().parse(word))
