"""Rule-based Kazakh suffix stripping for the search index.

No Kazakh stemmer installs offline, so this module cuts inflection off a lowercase Cyrillic
word with the tables in data/kazakh_suffixes.toml: at most one case ending, then one
possessive ending, then one plural ending. Each cut must agree with vowel harmony and with
the consonant assimilation of the suffix's first sound, and must leave a plausible stem.
The indexer stores the surface word and every stem at the same position, so a spare stem
costs little, but a missing one loses matches (Қазақстанның must find Қазақстан).
"""

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.datafiles import data_path

DATA_FILE = data_path("kazakh_suffixes.toml")

HARMONIES = frozenset({"back", "front", "any"})
PERSONS = frozenset({"3", "1sg", "2sg", "1pl", "2formal"})
CYRILLIC = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі")


@dataclass(frozen=True)
class Suffix:
    """One ending and the conditions under which it may be cut."""

    form: str
    harmony: str
    after: frozenset[str]
    after_possessive: frozenset[str]
    or_possessive: bool
    person: str | None
    min_stem: int


@dataclass(frozen=True)
class Protected:
    """An ending that no cut may eat into, optionally only after certain sound classes."""

    ending: str
    preceded_by: frozenset[str]


@dataclass(frozen=True)
class Rules:
    """The data file, checked and indexed for the stripper."""

    letter_class: dict[str, str]
    silent: str
    back: str
    front: str
    neutral: str
    glides: str
    neutral_after_vowel: str
    front_final_clusters: tuple[str, ...]
    either_harmony_finals: tuple[str, ...]
    voicing: dict[str, tuple[str, bool]]
    protected: tuple[Protected, ...]
    stop_words: frozenset[str]
    min_stem_letters: int
    min_stem_vowels: int
    min_open_stem_letters: int
    case: tuple[Suffix, ...]
    possessive: tuple[Suffix, ...]
    plural: tuple[Suffix, ...]

    @property
    def vowels(self) -> str:
        """Every vowel letter, loan vowels included, for counting and harmony."""
        return self.back + self.front + self.neutral


def _suffix(entry: dict[str, Any], classes: set[str], table: str) -> Suffix:
    """Validate one table entry: a typo in the data must fail loudly, not cut silently."""
    form = entry.get("form")
    if not isinstance(form, str) or not form:
        raise ValueError(f"{table}: entry without a form: {entry!r}")
    harmony = entry.get("harmony")
    if harmony not in HARMONIES:
        raise ValueError(f"{table}: {form!r} has unknown harmony {harmony!r}")
    after = frozenset(entry.get("after", ()))
    after_possessive = frozenset(entry.get("after_possessive", ()))
    if bool(after) == bool(after_possessive):
        raise ValueError(f"{table}: {form!r} needs exactly one of after / after_possessive")
    if after - classes:
        raise ValueError(f"{table}: {form!r} names unknown classes {sorted(after - classes)}")
    person = entry.get("person")
    if table == "possessive" and person not in PERSONS:
        raise ValueError(f"possessive: {form!r} has unknown person {person!r}")
    return Suffix(
        form=form,
        harmony=harmony,
        after=after,
        after_possessive=after_possessive,
        or_possessive=bool(entry.get("or_possessive", False)),
        person=person,
        min_stem=int(entry.get("min_stem", 0)),
    )


def _longest_first(suffixes: list[Suffix]) -> tuple[Suffix, ...]:
    """Longest endings are tried first, so -дағы wins over -ғы and -ыңыз over -ңыз."""
    return tuple(sorted(suffixes, key=lambda s: -len(s.form)))


def load_rules(path: Path = DATA_FILE) -> Rules:
    """Read and check the suffix tables; public so tests can check the shipped file."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    classes = data["sound_classes"]
    letter_class = {letter: name for name, letters in classes.items() for letter in letters}
    names = set(classes)
    tables = {
        table: _longest_first([_suffix(entry, names, table) for entry in data["suffixes"][table]])
        for table in ("case", "possessive", "plural")
    }
    possessive_forms = {suffix.form for suffix in tables["possessive"]}
    for suffix in tables["case"]:
        if suffix.after_possessive - possessive_forms:
            raise ValueError(f"case: {suffix.form!r} follows unknown possessive forms")
    protected = []
    for entry in data.get("protected", []):
        preceded_by = frozenset(entry.get("preceded_by", ()))
        if preceded_by - names:
            raise ValueError(f"protected {entry['ending']!r}: unknown classes {preceded_by}")
        protected.append(Protected(entry["ending"], preceded_by))
    harmony = data["harmony"]
    return Rules(
        letter_class=letter_class,
        silent=data.get("silent_letters", ""),
        back=harmony["back"],
        front=harmony["front"],
        neutral=harmony["neutral"],
        glides=harmony["glides"],
        neutral_after_vowel=harmony["neutral_after_vowel"],
        front_final_clusters=tuple(harmony["front_final_clusters"]),
        either_harmony_finals=tuple(harmony.get("either_harmony_finals", ())),
        voicing={k: (v["final"], bool(v["keep_voiced"])) for k, v in data["voicing"].items()},
        protected=tuple(protected),
        stop_words=frozenset(data.get("stop_words", ())),
        min_stem_letters=int(data["min_stem_letters"]),
        min_stem_vowels=int(data["min_stem_vowels"]),
        min_open_stem_letters=int(data["min_open_stem_letters"]),
        case=tables["case"],
        possessive=tables["possessive"],
        plural=tables["plural"],
    )


@lru_cache(maxsize=1)
def _rules() -> Rules:
    """The shipped tables, read once per process."""
    return load_rules()


def _final_class(rules: Rules, stem: str) -> str | None:
    """Sound class of the last pronounced letter (Израиль ends in л)."""
    core = stem.rstrip(rules.silent)
    return rules.letter_class.get(core[-1]) if core else None


def _harmonies(rules: Rules, stem: str) -> frozenset[str]:
    """Which suffix harmonies may follow the stem, judged by its last vowel."""
    allowed = {"any"}
    if stem.endswith(rules.either_harmony_finals):
        return frozenset({"any", "back", "front"})
    if stem.endswith(rules.front_final_clusters):
        allowed.add("front")
    vowels = rules.vowels
    for i in range(len(stem) - 1, -1, -1):
        letter = stem[i]
        if letter not in vowels:
            continue
        after_vowel = i > 0 and stem[i - 1] in vowels
        if letter in rules.glides and after_vowel:
            continue
        if letter in rules.neutral or (letter in rules.neutral_after_vowel and after_vowel):
            break
        allowed.add("back" if letter in rules.back else "front")
        return frozenset(allowed)
    return frozenset({"any", "back", "front"})


def _keeps_protected(rules: Rules, form: str, stem_len: int) -> bool:
    """True when cutting `form` to `stem_len` letters leaves every protected ending whole."""
    for guard in rules.protected:
        start = form.find(guard.ending)
        while start != -1:
            applies = not guard.preceded_by or (
                start > 0 and _final_class(rules, form[:start]) in guard.preceded_by
            )
            if applies and stem_len < start + len(guard.ending):
                return False
            start = form.find(guard.ending, start + 1)
    return True


def _cut(rules: Rules, form: str, suffix: Suffix) -> str | None:
    """The stem left by cutting `suffix` off `form`, or None when the cut breaks a rule."""
    if not form.endswith(suffix.form):
        return None
    stem = form[: -len(suffix.form)]
    if len(stem) < max(rules.min_stem_letters, suffix.min_stem):
        return None
    if sum(letter in rules.vowels for letter in stem) < rules.min_stem_vowels:
        return None
    if _final_class(rules, stem) == "vowel" and len(stem) < rules.min_open_stem_letters:
        return None
    if not _keeps_protected(rules, form, len(stem)):
        return None
    if suffix.harmony not in _harmonies(rules, stem):
        return None
    if suffix.after and _final_class(rules, stem) not in suffix.after:
        return None
    return stem


def _unvoice(rules: Rules, stem: str, suffix: Suffix) -> list[str]:
    """Dictionary forms of a stem that a vowel-initial suffix voiced (кітаб-ы → кітап)."""
    voiced = stem[-1]
    if suffix.form[0] not in rules.vowels or voiced not in rules.voicing:
        return [stem]
    final, keep_voiced = rules.voicing[voiced]
    restored = stem[:-1] + final
    return [restored, stem] if keep_voiced else [restored]


def _cut_possessive(rules: Rules, form: str, only: frozenset[str] | None = None) -> list[list[str]]:
    """Every reading of `form` as stem + possessive, longest ending first.

    Each reading lists the stem's dictionary form first. Several readings survive because
    the endings overlap: басшы-сы and жұмыс-ы both end in -сы.
    """
    readings = []
    for suffix in rules.possessive:
        if only is not None and suffix.form not in only:
            continue
        stem = _cut(rules, form, suffix)
        if stem is not None:
            readings.append(_unvoice(rules, stem, suffix))
    return readings


def _cut_case(rules: Rules, form: str) -> tuple[str, list[list[str]] | None, bool] | None:
    """The longest fitting case ending: the stem it leaves, the possessive cut it forced,
    and whether the ending may instead be read as a stem-final н plus a possessive.

    An ending with the pronominal н (үйі-не) is only a case ending when what precedes it is
    a possessive, so that possessive cut is made here and handed on.
    """
    for suffix in rules.case:
        stem = _cut(rules, form, suffix)
        if stem is None:
            continue
        if not suffix.after_possessive:
            return stem, None, suffix.or_possessive
        readings = _cut_possessive(rules, stem, suffix.after_possessive)
        if readings:
            return stem, readings, False
    return None


def _cut_plural(rules: Rules, form: str) -> str | None:
    """The stem left by the one plural ending that fits, if any."""
    for suffix in rules.plural:
        stem = _cut(rules, form, suffix)
        if stem is not None:
            return stem
    return None


@lru_cache(maxsize=1)
def _derivations() -> dict[str, tuple[Suffix, ...]]:
    """The [derivation] tables of the data file, checked like the inflection tables."""
    with DATA_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    classes = set(data["sound_classes"])
    return {
        table: tuple(_suffix(entry, classes, table) for entry in entries)
        for table, entries in data.get("derivation", {}).items()
    }


def derived_forms(word: str, table: str) -> list[str]:
    """`word` with each ending of a [derivation] table whose harmony and first sound fit it
    (Қытай → қытайлық, Ресей → ресейлік): the stripper only cuts inflection, so a derived
    word is listed whole where it is wanted (a country's adjective)."""
    rules = _rules()
    stem = word.lower()
    if not stem or not set(stem) <= CYRILLIC:
        return []
    harmonies = _harmonies(rules, stem)
    final = _final_class(rules, stem)
    return [stem + s.form for s in _derivations()[table] if s.harmony in harmonies and final in s.after]


def kazakh_stems(word: str) -> list[str]:
    """All candidate stems of one lowercase Cyrillic word, in the order the cuts were made.

    Case is cut first, then possessive, then plural; the list is de-duplicated, never holds
    the word itself, and is empty when nothing can be cut.
    """
    rules = _rules()
    if not word or word in rules.stop_words or not set(word) <= CYRILLIC:
        return []
    found: list[str] = []
    form = word
    readings: list[list[str]] | None = None
    case = _cut_case(rules, form)
    if case is not None:
        form, readings, or_possessive = case
        found.append(form)
        if or_possessive:
            found.extend(stem for reading in _cut_possessive(rules, word) for stem in reading)
    if readings is None:
        readings = _cut_possessive(rules, form)
    for reading in readings:
        found.extend(reading)
    for base in [reading[0] for reading in readings] or [form]:
        plural = _cut_plural(rules, base)
        if plural is not None:
            found.append(plural)
    return [stem for stem in dict.fromkeys(found) if stem != word]
