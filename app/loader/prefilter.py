"""What a line must have for a rule's pattern to find anything in it: a test cheaper than
the search, which most lines fail.

The layout and the count of repeated lines try some 44 boilerplate patterns on every line of
every page, and almost no line matches any: the cost is the search failing. Many patterns
can only match a line of bounded length (`^(©|\\(c\\)|copyright\\b).{0,200}$`), or only a line
holding one of a few characters that case does not change (`/`, `©`, `:`). Both are read off
the pattern as `re` parses it, so they hold for whatever the data files say: a line the test
turns away is one the search would not have matched (a necessary condition, never a guess).
"""

import importlib
import re
from dataclasses import dataclass
from typing import Any

# re's parser, its opcodes and its engine (no stubs): the parsed pattern is what is read here.
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")
_sre: Any = importlib.import_module("_sre")

_STARTS = {_c.AT_BEGINNING, _c.AT_BEGINNING_STRING}
_ENDS = {_c.AT_END, _c.AT_END_STRING}


@dataclass(frozen=True, slots=True)
class LineNeeds:
    """A line shorter than `min_chars`, longer than `max_chars` (a pattern anchored at both
    ends), or holding none of `chars` (when there are some) cannot match."""

    min_chars: int = 0
    max_chars: int | None = None
    chars: str = ""

    def allow(self, text: str) -> bool:
        size = len(text)
        if size < self.min_chars:
            return False
        # `$` also matches before a final newline: that newline is outside the match.
        if self.max_chars is not None and size - text.endswith("\n") > self.max_chars:
            return False
        return not self.chars or any(c in text for c in self.chars)


def stand_in(literals: list[str] | tuple[str, ...]) -> str:
    """A pattern that reads as many characters as one of `literals` and needs no character:
    in place of a long alternation of them, what `line_needs` finds holds (it may find less)
    and is found in a fraction of the time (re's parser is pure Python)."""
    return f"(?:.{{{min(map(len, literals), default=0)},{max(map(len, literals), default=0)}}})"


def line_needs(pattern: str, flags: int) -> LineNeeds:
    """What `pattern`, compiled with `flags`, needs of a line to match in it."""
    tree = _parser.parse(pattern, flags)
    low, high = tree.getwidth()
    data = list(tree.data)
    anchored = (
        not tree.state.flags & re.MULTILINE
        and len(data) >= 2
        and data[0][0] is _c.AT
        and data[0][1] in _STARTS
        and data[-1][0] is _c.AT
        and data[-1][1] in _ENDS
    )
    chars = _needed(data)
    return LineNeeds(
        min_chars=low,
        max_chars=high if anchored and high < _c.MAXREPEAT else None,
        chars="".join(sorted(chars)) if chars else "",
    )


def _uncased(code: int) -> bool:
    """Matched as itself under IGNORECASE too: no other character stands for it."""
    return not _sre.unicode_iscased(code)


def _needed(sequence: Any) -> frozenset[str] | None:
    """Characters one of which every match of the sequence holds (the fewest found), or None."""
    best: frozenset[str] | None = None
    for op, av in sequence:
        found = _needed_by(op, av)
        if found is not None and (best is None or len(found) < len(best)):
            best = found
    return best


def _needed_by(op: Any, av: Any) -> frozenset[str] | None:
    if op is _c.LITERAL:
        return frozenset(chr(av)) if _uncased(av) else None
    if op is _c.IN:
        if not av or any(o is not _c.LITERAL or not _uncased(a) for o, a in av):
            return None
        return frozenset(chr(a) for _, a in av)
    if op is _c.SUBPATTERN:
        return _needed(av[3])
    if op is _c.ATOMIC_GROUP:
        return _needed(av)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        return _needed(av[2]) if av[0] >= 1 else None
    if op is _c.BRANCH:
        union: set[str] = set()
        for alternative in av[1]:
            found = _needed(alternative)
            if found is None:
                return None
            union |= found
        return frozenset(union)
    # A lookahead or lookbehind that must hold: what it reads lies in the line too.
    if op is _c.ASSERT:
        return _needed(av[1])
    return None


class CharCount:
    """How many characters of a text one character class (`[A-Za-z]`, `[^\\W\\d_]`, `\\s`)
    matches: the length of what is left when the runs of every other character are cut out,
    where `findall` built a string for each character it counted (most of a line's letters)."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        source = pattern.pattern
        data = list(_parser.parse(source, pattern.flags).data)
        if len(data) != 1 or data[0][0] not in (_c.IN, _c.LITERAL):
            raise ValueError(f"not one character class: {source}")
        inner = source[1:-1] if source.startswith("[") else source
        others = f"[{inner[1:]}]+" if inner.startswith("^") else f"[^{inner}]+"
        self.pattern = pattern
        self.others = re.compile(others, pattern.flags)

    def __call__(self, text: str) -> int:
        return len(self.others.sub("", text))
