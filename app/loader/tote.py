"""Kazakh in the Arabic script (töte) read through a transliteration to Kazakh Cyrillic.

The date, outlet and entity stages read Cyrillic and Latin (month names, registers, role
words); a töte page is read by them in a Cyrillic copy, while the record keeps the page as
written. The correspondence is data (app/data/tote.toml); what is read through it says so in
its evidence, and an entity's offsets point back into the text as written.
"""

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.datafiles import load_data
from app.entities.extract import Entities, FoundMention, extract
from app.entities.matcher import all_aliases
from app.loader.clean import CleanedText, Line, RemovedLine
from app.loader.evidence import config
from app.text.fold import fold

# Said beside a date, an outlet or an entity read in the Cyrillic copy.
READ_THROUGH = "read through the töte transliteration to Cyrillic"
WORD = re.compile(r"[^\W\d_]+")
# A register word this short (`Су` of Судан's stem) is no evidence of a name.
REGISTER_WORD_MIN_LETTERS = 4
QUOTES_BEFORE = "«\"“'(—–- "


@dataclass(frozen=True)
class Reading:
    """The Cyrillic copy of a text and, for each of its characters, the one it came from."""

    text: str
    source: tuple[int, ...]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the text as written that the copy's `start:end` was read from."""
        if end <= start:
            at = self.source[start] if start < len(self.source) else len(self.source)
            return at, at
        return self.source[start], self.source[end - 1] + 1


@dataclass(frozen=True)
class _Table:
    letters: dict[str, str]
    vowels: dict[str, tuple[str, str]]
    front_marks: frozenset[str]
    front_letters: frozenset[str]
    back_letters: frozenset[str]
    neutral: re.Pattern[str]
    yeh: frozenset[str]
    vowel_letters: frozenset[str]
    yeh_forms: dict[str, str]
    sentence_end: str
    surname: re.Pattern[str]
    surname_min_letters: int
    ending_max_letters: int
    not_given_name_endings: tuple[str, ...]

    @property
    def script(self) -> frozenset[str]:
        return frozenset(self.letters) | frozenset(self.vowels) | self.yeh


@lru_cache(maxsize=1)
def _table() -> _Table:
    data: dict[str, Any] = load_data("tote.toml")
    harmony, yeh, capitals = data["harmony"], data["yeh"], data["capitals"]
    return _Table(
        letters=dict(data["letters"]),
        vowels={k: (v[0], v[1]) for k, v in data["vowels"].items()},
        front_marks=frozenset(harmony["front_marks"]),
        front_letters=frozenset(harmony["front_letters"]),
        back_letters=frozenset(harmony["back_letters"]),
        neutral=re.compile(harmony["neutral"]),
        yeh=frozenset(yeh["letters"]),
        vowel_letters=frozenset(yeh["vowel_letters"]),
        yeh_forms={k: v for k, v in yeh.items() if k not in ("letters", "vowel_letters")},
        sentence_end=capitals["sentence_end"],
        surname=re.compile(capitals["surname"]),
        surname_min_letters=int(capitals["surname_min_letters"]),
        ending_max_letters=int(capitals["ending_max_letters"]),
        not_given_name_endings=tuple(capitals["not_given_name_endings"]),
    )


@lru_cache(maxsize=1)
def _capital_words() -> frozenset[str]:
    """The first word of every register name written with a capital, folded: a word of the
    reading that opens with one of them (a case ending after it) is that name's."""
    words: set[str] = set()
    for alias in all_aliases():
        if alias.kind in ("name", "surname", "honorific") or alias.text[:1].isupper():
            first = WORD.findall(alias.text)
            if first and len(first[0]) >= REGISTER_WORD_MIN_LETTERS:
                words.add(fold(first[0].lower()))
    return frozenset(words)


def _stopwords() -> frozenset[str]:
    return config().stopwords


def _front(word: str, table: _Table) -> list[bool]:
    """Whether each letter of the word is read front: a hamza makes the whole word front; a
    word with front letters and no back ones is front; one with both (a compound, қыркүйек)
    reads each vowel by the nearest of them."""
    plain = table.neutral.sub(lambda m: "\u0640" * len(m.group()), word)
    letters = set(plain)
    if letters & table.front_marks:
        return [True] * len(word)
    front = [i for i, c in enumerate(plain) if c in table.front_letters]
    back = [i for i, c in enumerate(plain) if c in table.back_letters]
    if not front or not back:
        return [bool(front)] * len(word)
    return [min(abs(i - j) for j in front) < min(abs(i - j) for j in back) for i in range(len(word))]


def _word(word: str, table: _Table) -> list[tuple[str, int]]:
    """Each letter's Cyrillic reading and its index in the word."""
    fronts = _front(word, table)
    out: list[tuple[str, int]] = []
    skip = -1
    for i, char in enumerate(word):
        if i == skip:
            continue
        if char in table.vowels:
            out.append((table.vowels[char][fronts[i]], i))
        elif char in table.yeh:
            before = word[i - 1] if i else ""
            after = word[i + 1] if i + 1 < len(word) else ""
            after_vowel = bool(before) and (before in table.vowel_letters or before in table.yeh)
            if after == "ا" and not after_vowel:
                # the alef is the vowel of я: read with the ي, not on its own
                form = table.yeh_forms["before_alef_after_consonant" if before else "before_alef_opening"]
                out.extend((c, i) for c in form)
                skip = i + 1
                continue
            if after_vowel and _russian_ev_after(word, i, table):
                continue
            near_vowel = after_vowel or (not before and after in table.vowel_letters)
            out.append((table.yeh_forms["consonant" if near_vowel else "vowel"], i))
        else:
            out.extend((c, i) for c in table.letters.get(char, char))
    return out


def _russian_ev_after(word: str, i: int, table: _Table) -> bool:
    """ي between a vowel and a Russian surname's -ев (نازاربايەۆ): Cyrillic writes the
    [j] with the е itself (Назарбаев, Мирзияев, Алиев), so the ي is not read."""
    return word.startswith(table.yeh_forms["silent_before"], i + 1)


def _register_word(lower: str, table: _Table) -> bool:
    folded = fold(lower)
    names = _capital_words()
    longest = len(folded)
    shortest = max(REGISTER_WORD_MIN_LETTERS, longest - table.ending_max_letters)
    return any(folded[:n] in names for n in range(shortest, longest + 1))


def _tse(letters: list[tuple[str, int]], table: _Table) -> list[tuple[str, int]]:
    """Töte writes a loanword's ц as ت+س (فرانتسيا `Франтсия`, Франция): the pair is read ц
    when that makes the word a register name's and the letters as they are do not. The
    pair stays т+с elsewhere: a Kazakh verb's т before its -са/-се (`кетсе`)."""
    lower = "".join(c for c, _ in letters).lower()
    if (
        "тс" not in lower
        or _register_word(lower, table)
        or not _register_word(lower.replace("тс", "ц"), table)
    ):
        return letters
    out: list[tuple[str, int]] = []
    skip = False
    for number, (char, index) in enumerate(letters):
        if skip:
            skip = False
        elif char == "т" and number + 1 < len(letters) and letters[number + 1][0] == "с":
            out.append(("ц", index))
            skip = True
        else:
            out.append((char, index))
    return out


def _surname(lower: str, table: _Table) -> bool:
    return len(lower) >= table.surname_min_letters and table.surname.search(lower) is not None


@dataclass
class _Word:
    letters: list[tuple[str, int]]
    start: int
    capital: bool = False
    surname: bool = False
    gap: str = ""
    # the word's length as written: a letter read with the next one (ي before ا, `я`) has no
    # index of its own, and the word ends after it all the same
    length: int = 0

    @property
    def lower(self) -> str:
        return "".join(c for c, _ in self.letters).lower()


def read(text: str) -> Reading:
    """The Cyrillic copy of a töte text (its Cyrillic and Latin words are kept as they are)."""
    table = _table()
    script = table.script
    stopwords = _stopwords()
    words: list[_Word] = []
    starts_sentence = True
    position = 0
    for match in WORD.finditer(text):
        gap = text[position : match.start()]
        before = gap.rstrip(QUOTES_BEFORE)
        if "\n" in gap or (before and before[-1] in table.sentence_end):
            starts_sentence = True
        elif before:
            starts_sentence = False
        position = match.end()
        word = match.group()
        if not set(word) & script:
            words.append(
                _Word([(c, i) for i, c in enumerate(word)], match.start(), gap=gap, length=len(word))
            )
            starts_sentence = False
            continue
        item = _Word(_tse(_word(word, table), table), match.start(), gap=gap, length=len(word))
        lower = item.lower
        if not lower:
            continue
        initial = len(lower) == 1 and text[match.end() : match.end() + 1] == "."
        item.surname = lower not in stopwords and _surname(lower, table)
        item.capital = (
            starts_sentence
            or initial
            or item.surname
            or (lower not in stopwords and _register_word(lower, table))
        )
        words.append(item)
        starts_sentence = False
    for previous, item in zip(words, words[1:], strict=False):
        # the given name before a surname (`амандық Баталов`); a role word before it
        # (`әкімі`, `елшісі`) ends in a possessive -ы/-і
        lower = previous.lower
        if (
            item.surname
            and item.gap.isspace()
            and lower not in stopwords
            and not lower.endswith(table.not_given_name_endings)
        ):
            previous.capital = True
    out: list[str] = []
    source: list[int] = []
    position = 0
    for item in words:
        _between(text[position : item.start], position, table, out, source)
        for number, (char, index) in enumerate(item.letters):
            out.append(char.upper() if number == 0 and item.capital else char)
            source.append(item.start + index)
        position = item.start + item.length
    _between(text[position:], position, table, out, source)
    return Reading("".join(out), tuple(source))


def _between(gap: str, offset: int, table: _Table, out: list[str], source: list[int]) -> None:
    for i, char in enumerate(gap):
        reading = table.letters.get(char, char)
        out.append(reading)
        source.extend([offset + i] * len(reading))


def read_cleaned(cleaned: CleanedText, reader: Callable[[str], Reading] | None = None) -> CleanedText:
    """The cleaned page with every line read as Cyrillic, for the date and outlet stages;
    `reader` reads one line (töte's `read` unless another script's is given)."""
    reading = reader or read

    def line(item: Line) -> Line:
        return Line(item.number, reading(item.text).text)

    def removed(item: RemovedLine) -> RemovedLine:
        return RemovedLine(item.number, reading(item.text).text, item.reason)

    return dataclasses.replace(
        cleaned,
        lines=tuple(line(x) for x in cleaned.lines),
        removed=tuple(removed(x) for x in cleaned.removed),
        source_lines=tuple(reading(x).text for x in cleaned.source_lines),
        headline=line(cleaned.headline) if cleaned.headline is not None else None,
        metadata=tuple(removed(x) for x in cleaned.metadata),
    )


def read_entities(title: str, paragraphs: list[str], language: str, day: dt.date | None) -> Entities:
    """The entities of a töte page, read in its Cyrillic copy (`entities_of_readings`)."""
    body = "\n\n".join(paragraphs)
    return entities_of_readings((title, read(title)), (body, read(body)), language, day, "töte")


def entities_of_readings(
    title: tuple[str, Reading], body: tuple[str, Reading], language: str, day: dt.date | None, script: str
) -> Entities:
    """The entities found in the Cyrillic copies of a page written in another script (each
    field as written, with its reading): each mention's offsets are the text's as written,
    and its surface the words as written with their reading (`Тоқаев` found in töte or in
    Latin letters says which words of the page it was read from)."""
    found = extract(title[1].text, body[1].text.split("\n\n"), language, day)
    readings = {"title": title, "body": body}
    mentions: list[FoundMention] = []
    for m in found.mentions:
        written, reading = readings[m.field]
        start, end = reading.span(m.start, m.end)
        surface = f"{written[start:end]} ({script}, read as {m.surface})"
        mentions.append(dataclasses.replace(m, start=start, end=end, surface=surface))
    found.mentions = mentions
    return found
