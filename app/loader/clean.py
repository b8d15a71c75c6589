"""Clean stage: normalise the text and remove outlet boilerplate, keeping what was removed and why.

The rules live in data/boilerplate.toml; this module only applies them.
"""

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from app.loader.gazetteers import alias_alternation, load_data, outlets
from app.text.fold import plain_letters

# Zero-width characters, and the invisible direction marks and overrides (U+202E turns a
# headline around on screen): none is text.
ZERO_WIDTH = dict.fromkeys(
    map(
        ord,
        "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069",
    )
)
HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")


@dataclass(frozen=True)
class Line:
    """One line of the normalised source; `number` is 1-based in the raw file."""

    number: int
    text: str


@dataclass(frozen=True)
class RemovedLine:
    number: int
    text: str
    reason: str


@dataclass(frozen=True)
class BoilerplateRule:
    reason: str
    pattern: re.Pattern[str]
    next_lines: int = 0


@dataclass(frozen=True)
class CleanedText:
    """Kept lines (blank ones mark paragraph breaks) and removed lines with reasons."""

    lines: tuple[Line, ...]
    removed: tuple[RemovedLine, ...]
    source_lines: tuple[str, ...]

    @property
    def paragraphs(self) -> list[list[Line]]:
        groups: list[list[Line]] = [[]]
        for line in self.lines:
            if line.text:
                groups[-1].append(line)
            elif groups[-1]:
                groups.append([])
        return [g for g in groups if g]


@lru_cache(maxsize=1)
def boilerplate_rules() -> tuple[BoilerplateRule, ...]:
    outlet_names = alias_alternation([a for o in outlets() for a in o.aliases])
    rules = []
    for rule in load_data("boilerplate.toml")["rule"]:
        source = rule["pattern"].replace("{outlet}", outlet_names)
        rules.append(
            BoilerplateRule(
                reason=rule["reason"],
                pattern=re.compile(source, re.IGNORECASE),
                next_lines=int(rule.get("next_lines", 0)),
            )
        )
    return tuple(rules)


def normalise(text: str) -> list[str]:
    """NFC, one newline style, plain spaces, no zero-width or direction characters, no
    fullwidth forms or stress marks (`plain_letters`), trimmed lines."""
    text = plain_letters(unicodedata.normalize("NFC", text).translate(ZERO_WIDTH))
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return [HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n")]


WRAPPED = re.compile(r"\w-$")


def join_wrapped_lines(lines: list[str]) -> list[tuple[int, str]]:
    """Rejoin words a layout broke at a line end (`Тока-` / `ева`, `Касым-` / `Жомарт`).

    A lowercase continuation was a soft break, so the hyphen goes; an uppercase one was a
    real hyphen (a double name), so it stays. Returns (first raw line number, text).
    """
    joined: list[tuple[int, str]] = []
    skip_until = 0
    for index, line in enumerate(lines):
        if index < skip_until:
            continue
        number, text = index + 1, line
        nxt = index + 1
        while WRAPPED.search(text) and nxt < len(lines) and lines[nxt][:1].isalpha():
            text = (text[:-1] if lines[nxt][0].islower() else text) + lines[nxt]
            nxt += 1
        skip_until = nxt
        joined.append((number, text))
    return joined


def _comparable(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" .!?:;—–-")


def classify_line(text: str, rules: tuple[BoilerplateRule, ...]) -> BoilerplateRule | None:
    for rule in rules:
        if rule.pattern.search(text):
            return rule
    return None


def clean(text: str) -> CleanedText:
    """Split boilerplate from article text; every removed line keeps its reason."""
    source_lines = normalise(text)
    rules = boilerplate_rules()
    kept: list[Line] = []
    removed: list[RemovedLine] = []
    first_line: str | None = None
    carry: tuple[int, str] = (0, "")
    for number, line in join_wrapped_lines(list(source_lines)):
        if not line:
            if kept and kept[-1].text:
                kept.append(Line(number, ""))
            continue
        if carry[0]:
            removed.append(RemovedLine(number, line, f"{carry[1]} (linked title)"))
            carry = (carry[0] - 1, carry[1])
            continue
        rule = classify_line(line, rules)
        if rule is not None:
            removed.append(RemovedLine(number, line, rule.reason))
            carry = (rule.next_lines, rule.reason)
            continue
        if first_line is None:
            first_line = _comparable(line)
        elif _comparable(line) == first_line:
            removed.append(RemovedLine(number, line, "repeated headline"))
            continue
        kept.append(Line(number, line))
    while kept and not kept[-1].text:
        kept.pop()
    return CleanedText(lines=tuple(kept), removed=tuple(removed), source_lines=tuple(source_lines))
