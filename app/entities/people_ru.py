"""Russian person names by natasha's NER, used only next to a role word.

Chosen by measurement (48 sentences, 45 leaders, 34 not in the register): natasha's PER
spans filtered by a nearby role scored F1 0.84 strict against 0.40 for pymorphy3 tags plus
role context alone, at ~2.5 ms per sentence; it mis-reads Kazakh, so it runs on Russian only,
and only on sentences where a role word stands without a register name.
"""

import os
import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.datafiles import load_data

# numpy's threaded BLAS makes single short sentences ~60x slower on a 2-core machine.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("OMP_NUM_THREADS", "1")

MAX_CACHED_TEXTS = 256
GLUED_INITIAL = re.compile(r"(?<![\w.])([А-ЯЁ])\.(?=[А-ЯЁ][а-яё])")


@dataclass(frozen=True)
class PersonSpan:
    start: int
    end: int
    name: str  # normalised to the nominative


@lru_cache(maxsize=1)
def _pipeline() -> tuple[Any, ...]:
    # natasha's pymorphy2 imports pkg_resources, which warns on every load; the lock pins a
    # setuptools that still has it (pyproject.toml), so the warning says nothing to a user.
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="pkg_resources is deprecated", category=UserWarning)
        from natasha import MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger, Segmenter

        embedding = NewsEmbedding()
        return Segmenter(), MorphVocab(), NewsMorphTagger(embedding), NewsNERTagger(embedding)


@lru_cache(maxsize=MAX_CACHED_TEXTS)
def people_in(text: str) -> tuple[PersonSpan, ...]:
    """Every PER span of a Russian text with its nominative form."""
    from natasha import Doc

    segmenter, morph_vocab, morph_tagger, ner_tagger = _pipeline()
    # «Г.Шринивас»: an initial glued to the surname is read apart from it, so natasha sees a
    # person; the dot becomes a space (offsets stay) and comes back on the initial below
    doc = Doc(GLUED_INITIAL.sub(r"\1 ", text))
    doc.segment(segmenter)
    doc.tag_morph(morph_tagger)
    doc.tag_ner(ner_tagger)
    found = []
    written_nominative: list[str] = []
    for span in doc.spans:
        if span.type == "PER":
            span.normalize(morph_vocab)
            normal = (span.normal or span.text).split()
            written = [(token.text, dict(token.feats)) for token in span.tokens]
            # the words of one name agree in case; the tagger is surest of the first
            case = written[0][1].get("Case") if written else None
            written = [
                (text, {**feats, "Case": case or ""} if feats.get("Case") else feats)
                for text, feats in written
            ]
            if len(normal) == len(written):
                normal = [
                    _nominative(word, text, feats)
                    for word, (text, feats) in zip(normal, written, strict=True)
                ]
            as_written = [text for text, _ in written]
            if _instrumental_surname(as_written) and len(normal) == len(as_written):
                # the surname's ending is surer of the case than the tagger («Байжановым»); a
                # given name the dictionary brought back (Павлом → Павел) stays its reading
                fixed = nominative_name(as_written).split()
                normal = [
                    new if old.casefold() == seen.casefold() else old
                    for old, seen, new in zip(normal[:-1], as_written[:-1], fixed[:-1], strict=True)
                ] + [fixed[-1]]
            normal = [f"{w}." if _initial(w, 0 < i == len(normal) - 1) else w for i, w in enumerate(normal)]
            found.append(PersonSpan(span.start, span.stop, " ".join(normal)))
            if case == "Nom" and len(as_written) >= 2:
                written_nominative.append(" ".join(as_written))
    return tuple(_as_written_in_nominative(person, written_nominative) for person in found)


ROMAN_ONE_LETTER = frozenset("IVX")


def _initial(word: str, last: bool) -> bool:
    """A capital letter alone is an initial, given its dot; a Latin I, V or X closing a name
    is a regnal number («Хуаном Карлосом I» is Хуан Карлос I, not «I.»)."""
    return len(word) == 1 and word.isupper() and not (last and word in ROMAN_ONE_LETTER)


def _as_written_in_nominative(person: PersonSpan, nominatives: list[str]) -> PersonSpan:
    """«Мирослава Енча» (accusative), read «Мирослав Енч», is the «Мирослав Енча» the text
    writes in the nominative elsewhere: a surname the dictionary does not know keeps the
    form the text itself gives it. Same given name; one surname a beginning of the other."""
    words = person.name.split()
    for nominative in nominatives:
        other = nominative.split()
        if (
            len(other) == len(words) >= 2
            and other[:-1] == words[:-1]
            and other[-1] != words[-1]
            and (other[-1].startswith(words[-1]) or words[-1].startswith(other[-1]))
            and abs(len(other[-1]) - len(words[-1])) == 1
        ):
            return PersonSpan(person.start, person.end, nominative)
    return person


@lru_cache(maxsize=1)
def _surname_pattern() -> re.Pattern[str]:
    """A Russian-style surname and its case ending (Шумковым = Шумков + ым)."""
    rules = load_data("russian_names.toml")
    bases = "|".join(rules["surname_bases"])
    endings = "|".join(sorted(rules["case_endings"], key=len, reverse=True))
    return re.compile(rf"^(\w{{2,}}(?:{bases}))(?:{endings})$")


@lru_cache(maxsize=1)
def _oblique_endings() -> tuple[dict[str, list[list[str]]], dict[str, list[list[str]]]]:
    table = load_data("russian_names.toml")
    return table["oblique_endings"], table["oblique_endings_masculine"]


@lru_cache(maxsize=4096)
def _case_bases(word: str) -> frozenset[str]:
    """The word and what each oblique ending of the table would make of it."""
    common, masculine = _oblique_endings()
    rows = [row for table in (common, masculine) for rows in table.values() for row in rows]
    made = {
        word[: -len(ending)] + base
        for ending, base in rows
        if word.endswith(ending) and len(word) - len(ending) >= 3
    }
    return frozenset(made | {word})


def case_forms_meet(word: str, other: str) -> bool:
    """Two spellings of one name in two cases (`Сагибы`, `Сагиба`; `Сергеем`, `Сергей`): an
    ending of the table of oblique endings brings both to one form. Another name sharing
    a stem (`Стив`, `Стивен`) has no such ending."""
    return word != other and bool(_case_bases(word) & _case_bases(other))


def _nominative(normal: str, written: str, feats: dict[str, str]) -> str:
    """A name word natasha left as written although it tagged an oblique case («Махамы»,
    «Лулой», «Брахима»): its dictionary does not know the name, so the case ending is
    replaced by the nominative's from a table of endings."""
    case = feats.get("Case")
    if case in (None, "", "Nom") or not written[:1].isupper():
        return normal
    surname = _surname_pattern().match(written)
    if surname:
        # «Шумковым» → Шумков, not natasha's «Шумковой»: a surname in -ов/-ев/-ин keeps the
        # gender the word is tagged with
        base = surname.group(1)
        return base + ("а" if feats.get("Gender") == "Fem" else "")
    if normal != written:
        return normal
    common, masculine = _oblique_endings()
    rows = common.get(case, []) + (masculine.get(case, []) if feats.get("Gender") == "Masc" else [])
    for ending, replacement in sorted(rows, key=lambda row: -len(row[0])):
        if written.endswith(ending) and len(written) - len(ending) >= 2:
            return _with_ending(written[: len(written) - len(ending)], replacement)
    return normal


SOFT_SIGN_AFTER = re.compile(r"[бвгдзклмнпрстфх]$", re.IGNORECASE)


def _with_ending(stem: str, replacement: str) -> str:
    """A nominative's «й» follows a vowel (Серге-ем → Сергей); after a consonant the same
    case forms come from a soft sign (Игор-ем → Игорь, Дегтяр-я → Дегтярь)."""
    if replacement == "й" and SOFT_SIGN_AFTER.search(stem):
        return stem + "ь"
    return stem + replacement


# A surname's instrumental says the case and gender of the whole name («Ерланом Байжановым»,
# «Айгерим Байжановой»): the case endings of these forms and the feminine flag.
INSTRUMENTAL_SURNAME = {"ым": False, "ой": True}


def _instrumental_surname(words: list[str]) -> bool:
    surname = _surname_pattern().match(words[-1]) if words else None
    return surname is not None and words[-1][len(surname.group(1)) :] in INSTRUMENTAL_SURNAME


def nominative_name(words: list[str]) -> str:
    """A name the role scan found as written, in the nominative when its surname's ending
    tells the case: the instrumental after «с», «встрече с послом …» is the common one.
    Other forms stay as written (a feminine -ова may be a nominative already)."""
    surname = _surname_pattern().match(words[-1]) if words else None
    ending = words[-1][len(surname.group(1)) :] if surname else ""
    if surname is None or ending not in INSTRUMENTAL_SURNAME:
        return " ".join(words)
    feminine = INSTRUMENTAL_SURNAME[ending]
    common, masculine = _oblique_endings()
    rows = common.get("Ins", []) if feminine else masculine.get("Ins", [])
    given = []
    for word in words[:-1]:
        for old, new in sorted(rows, key=lambda row: -len(row[0])):
            if word.endswith(old) and len(word) - len(old) >= 2:
                word = _with_ending(word[: len(word) - len(old)], new)
                break
        given.append(word)
    return " ".join([*given, surname.group(1) + ("а" if feminine else "")])
