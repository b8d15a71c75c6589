"""Kazakh in the Latin alphabet read through a transliteration to Kazakh Cyrillic.

The entity stage's registers, role words and country names are Cyrillic and English: a Kazakh
page in Latin letters (`Qytaıǵa`, `Toqaev`, `EQYU-nyń`) matches none of the Kazakh ones. Such
a page is read by the entity stage in a Cyrillic copy, as a töte page is (app/loader/tote.py),
while the record keeps the page as written. The alphabets are data
(app/data/kazakh_latin.toml); an entity's offsets point back into the text as written.
"""

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from app.datafiles import load_data
from app.entities.extract import Entities
from app.loader.clean import CleanedText
from app.loader.evidence import features, metadata_reason
from app.loader.language import KAZAKH_LATIN_CONFIDENCE, LETTER
from app.loader.tote import Reading, entities_of_readings, read_cleaned

if TYPE_CHECKING:  # parse.py reads a Kazakh Latin page's date and outlet through this module
    from app.loader.parse import ParsedArticle

# Said beside a date or an outlet read in the Cyrillic copy.
READ_THROUGH_LATIN = "read through the Kazakh Latin transliteration to Cyrillic"

# Said beside an entity read in the Cyrillic copy.
WORD = re.compile(r"[^\W\d_]+")
LATIN = re.compile(r"[a-zA-Z\u00c0-\u024f]")
SAMPLE_CHARS = 800


@dataclass(frozen=True)
class _Alphabet:
    marks: frozenset[str]
    letters: dict[str, str]
    digraphs: dict[str, str]
    short_i: str  # the letter read й after a vowel, и elsewhere
    word_initial: dict[str, str]
    vowels: frozenset[str]
    front_vowels: frozenset[str]


@lru_cache(maxsize=1)
def _alphabets() -> tuple[_Alphabet, ...]:
    data: dict[str, Any] = load_data("kazakh_latin.toml")
    common = data["common"]
    return tuple(
        _Alphabet(
            marks=frozenset(data[name]["marks"]),
            letters=dict(data[name]["letters"]),
            digraphs=dict(data[name]["digraphs"]),
            short_i=data[name]["i_and_short_i"],
            word_initial=dict(common["word_initial"]),
            vowels=frozenset(common["vowels"]),
            front_vowels=frozenset(common["front_vowels"]),
        )
        for name in ("alphabet_2018", "alphabet_2021")
    )


def alphabet_of(text: str) -> _Alphabet | None:
    """The alphabet whose own letters the text has most of; None when it has none of either."""
    lower = text.lower()
    counts = [(sum(lower.count(m) for m in a.marks), a) for a in _alphabets()]
    best = max(counts, key=lambda pair: pair[0])
    return best[1] if best[0] else None


def is_kazakh_latin(parsed: "ParsedArticle") -> bool:
    """A page the language stage called Kazakh in the Latin alphabet (its confidence marks
    the guess by letters), with Latin letters for most of its text."""
    if parsed.language != "kk" or parsed.language_confidence != KAZAKH_LATIN_CONFIDENCE:
        return False
    sample = "\n".join([parsed.display_title, *parsed.paragraphs[:3]])[:SAMPLE_CHARS]
    letters = len(LETTER.findall(sample))
    return len(LATIN.findall(sample)) * 2 > letters and alphabet_of(sample) is not None


def _cased(reading: str, capital: bool) -> str:
    return reading[:1].upper() + reading[1:] if capital else reading


def _read_word(word: str, start: int, alphabet: _Alphabet, out: list[str], source: list[int]) -> None:
    lower = "".join(c.lower()[:1] for c in word)  # one letter for one: İ lowers to i and a dot
    upper_word = len(word) > 1 and word.isupper()
    index = 0
    previous = ""
    while index < len(word):
        capital = word[index].isupper()
        reading, width = None, 1
        if index == 0:
            for written, read in alphabet.word_initial.items():
                if lower.startswith(written):
                    reading, width = read, len(written)
        if reading is None:
            for written, read in alphabet.digraphs.items():
                if lower.startswith(written, index):
                    reading, width = read, len(written)
                    break
        if reading is None:
            char = lower[index]
            if word[index] == "I" and alphabet.short_i == "ı":
                # 2018: a capital I is І before a front vowel (Ishki Ішкі), И before a back
                # one (Iran Иран); the next vowel decides, not a suffix's (Iranmen)
                following = next((c for c in lower[index + 1 :] if c in alphabet.vowels), "")
                front = following in alphabet.front_vowels
                reading = "і" if front else ("й" if previous in alphabet.vowels else "и")
            elif word[index] == "I" and "ı" in alphabet.letters:
                reading = alphabet.letters["ı"]  # 2021: I is the capital of ı (Ы), İ of i
            elif char == alphabet.short_i:
                reading = "й" if previous in alphabet.vowels else "и"
            else:
                reading = alphabet.letters.get(char, word[index])
        if upper_word:
            reading = reading.upper()
        else:
            reading = _cased(reading, capital)
        out.append(reading)
        source.extend([start + index] * len(reading))
        previous = lower[index + width - 1]
        index += width


def read(text: str, alphabet: _Alphabet | None = None) -> Reading:
    """The Cyrillic copy of a Kazakh Latin text (its Cyrillic words are kept as they are)."""
    alphabet = alphabet or alphabet_of(text) or _alphabets()[0]
    out: list[str] = []
    source: list[int] = []
    position = 0
    for match in WORD.finditer(text):
        for i in range(position, match.start()):
            out.append(text[i])
            source.append(i)
        word = match.group()
        if LATIN.search(word):
            _read_word(word, match.start(), alphabet, out, source)
        else:
            out.append(word)
            source.extend(range(match.start(), match.end()))
        position = match.end()
    for i in range(position, len(text)):
        out.append(text[i])
        source.append(i)
    return Reading("".join(out), tuple(source))


def read_cleaned_latin(cleaned: CleanedText) -> CleanedText:
    """The cleaned page read as Kazakh Cyrillic, in the alphabet its text is written in, for
    the date and outlet stages (`12 Qazan, 2022`, `dep jazady Egemen.kz`: month names and
    attribution clauses are Cyrillic data)."""
    sample = "\n".join(line.text for line in cleaned.lines)[: SAMPLE_CHARS * 4]
    alphabet = alphabet_of(sample)
    copy = read_cleaned(cleaned, lambda text: _read_beside_addresses(text, alphabet))
    return _with_dated_chrome(copy)


# A web address or an e-mail in a line (`Egemen.kz`, `www.adyrna.kz`): a name, not Kazakh words.
ADDRESS = re.compile(r"(?:https?://)?(?:[\w-]+\.)+[a-z]{2,6}\b(?:/\S*)?|\S+@\S+", re.IGNORECASE)


def _read_beside_addresses(text: str, alphabet: _Alphabet | None) -> Reading:
    """A line read as Cyrillic with its web addresses kept as written: the outlet's domain
    (`dep jazady Egemen.kz`) is matched by the register as spelled."""
    parts: list[str] = []
    source: list[int] = []
    position = 0
    for m in ADDRESS.finditer(text):
        gap = read(text[position : m.start()], alphabet)
        parts.append(gap.text)
        source.extend(position + i for i in gap.source)
        parts.append(m.group())
        source.extend(range(m.start(), m.end()))
        position = m.end()
    rest = read(text[position:], alphabet)
    parts.append(rest.text)
    source.extend(position + i for i in rest.source)
    return Reading("".join(parts), tuple(source))


def _with_dated_chrome(copy: CleanedText) -> CleanedText:
    """The layout weighed the page as written, where a stamp in Latin letters (`Álem • 12
    Qazan, 2022`) reads as no date and goes as chrome above the headline; read in Cyrillic
    (`Әлем • 12 Қазан, 2022`), a line above the headline that is a stamp may date the page."""
    top = copy.headline.number if copy.headline is not None else 0
    dated = [
        r
        for r in copy.removed
        if r.number < top
        and r.reason.startswith("site chrome")
        and (reason := metadata_reason(features(r.text))) is not None
        and reason.startswith("date")
    ]
    return dataclasses.replace(copy, metadata=(*copy.metadata, *dated)) if dated else copy


def read_entities(title: str, paragraphs: list[str], language: str, day: dt.date | None) -> Entities:
    """The entities of a Kazakh Latin page, read in its Cyrillic copy (as a töte page's are)."""
    body = "\n\n".join(paragraphs)
    alphabet = alphabet_of(f"{title}\n{body}")
    return entities_of_readings(
        (title, read(title, alphabet)), (body, read(body, alphabet)), language, day, "Kazakh Latin"
    )
