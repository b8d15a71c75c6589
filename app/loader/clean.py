"""Clean stage: normalise the text and remove outlet boilerplate, keeping what was removed and why.

Named boilerplate lives in data/boilerplate.toml; the layout stage (layout.py) weighs the
rest of each line's evidence. This module only applies them.
"""

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from app.datafiles import load_data
from app.loader.background import unrelated_closing
from app.loader.layout import BODY, BOILERPLATE, DECLARED, HEADLINE, METADATA, NO_TEXT, Piece, classify
from app.loader.outlet_register import alias_alternation, outlets
from app.loader.prefilter import LineNeeds, line_needs, stand_in
from app.loader.wrapping import join_hard_wrapped
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
# str.translate looks every character up in the table: searching first is ~10x faster on the
# usual text, which has none of these characters.
ANY_ZERO_WIDTH = re.compile("[" + "".join(map(chr, ZERO_WIDTH)) + "]")


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
    # What a line needs for the pattern to match it (prefilter.py): most lines fail this
    # test, which is cheaper than the search.
    needs: LineNeeds = LineNeeds()

    def matches(self, text: str) -> bool:
        return self.needs.allow(text) and self.pattern.search(text) is not None


@dataclass(frozen=True)
class CleanedText:
    """Kept lines (blank ones mark paragraph breaks) and removed lines with reasons."""

    lines: tuple[Line, ...]
    removed: tuple[RemovedLine, ...]
    source_lines: tuple[str, ...]
    # The headline the layout chose (also the first kept line), and the metadata lines above
    # or inside the text (dates, bylines) that may date the article.
    headline: Line | None = None
    metadata: tuple[RemovedLine, ...] = ()
    # False when the page has no running text to place its lines by: the parser then judges
    # the first line as a headline by itself.
    layout_known: bool = True
    # The page declared its headline (a Markdown `#` title): the parser takes it
    # as it is, however long.
    headline_declared: bool = False

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
    aliases = [a for o in outlets() for a in o.aliases]
    outlet_names = alias_alternation(aliases)
    rules = []
    for rule in load_data("boilerplate.toml")["rule"]:
        source = rule["pattern"]
        rules.append(
            BoilerplateRule(
                reason=rule["reason"],
                pattern=re.compile(source.replace("{outlet}", outlet_names), re.IGNORECASE),
                next_lines=int(rule.get("next_lines", 0)),
                needs=line_needs(source.replace("{outlet}", stand_in(aliases)), re.IGNORECASE),
            )
        )
    return tuple(rules)


# Lines whose first matching rule is kept (some 150 characters each): every line is asked of
# twice (by the layout, then by the count of repeated lines), a site's chrome on every page.
FIRST_RULE_LINES = 8192


@lru_cache(maxsize=FIRST_RULE_LINES)
def first_rule(text: str) -> BoilerplateRule | None:
    """The first rule of data/boilerplate.toml, in the file's order, that matches the line."""
    return next((rule for rule in boilerplate_rules() if rule.matches(text)), None)


def normalise(text: str) -> list[str]:
    """NFC, one newline style, plain spaces, no zero-width or direction characters, no
    fullwidth forms or stress marks (`plain_letters`), trimmed lines."""
    return list(_normalised(text))


# The last pages' lines: a page is cleaned, then its repeated lines are profiled from the
# same text (and a page parsed again with its site's lines is cleaned twice).
@lru_cache(maxsize=4)
def _normalised(text: str) -> tuple[str, ...]:
    text = unicodedata.normalize("NFC", text)
    if ANY_ZERO_WIDTH.search(text):
        text = text.translate(ZERO_WIDTH)
    text = plain_letters(text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return tuple(HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n"))


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


UNRELATED_CLOSING = "background from another story (after the text)"


def _drop_unrelated_closing(kept: list[Line], removed: list[RemovedLine], headline: Line | None) -> None:
    """Move a closing line of background that tells another story (background.py) to the
    removed lines. Scraped paragraphs are lines, so the last kept line is the candidate."""
    body = [line for line in kept if line.text and line is not headline]
    if not unrelated_closing([line.text for line in body], headline.text if headline else None):
        return
    kept.remove(body[-1])
    removed.append(RemovedLine(body[-1].number, body[-1].text, UNRELATED_CLOSING))
    while kept and not kept[-1].text:
        kept.pop()


def rule_pieces(joined: list[tuple[int, str]], site: Mapping[int, str]) -> list[Piece]:
    """What the rules make of each line: the load's site lines (line number -> reason)
    first, then the layout's verdicts on the rest (bench/train_lines.py weighs these too)."""
    pieces = [Piece(n, BOILERPLATE, t, site[n]) for n, t in joined if t and n in site]
    pieces += classify([(n, t) for n, t in joined if t and n not in site], first_rule)
    return pieces


def clean(text: str, site_lines: Mapping[int, str] | None = None) -> CleanedText:
    """Split the article from what surrounds it; every removed line keeps its reason.

    The layout stage says what each line is; the headline stays the first kept line and is
    named in `headline`, metadata above or inside the text is kept apart for the parser.
    `site_lines` (line number -> reason) are lines the load found on many pages of the
    same outlet (repeated.py): they go before the layout weighs the rest.
    """
    source_lines = normalise(text)
    joined = join_hard_wrapped(join_wrapped_lines(list(source_lines)))
    pieces = rule_pieces(joined, site_lines or {})
    by_number: dict[int, list[Piece]] = {}
    for piece in pieces:
        by_number.setdefault(piece.number, []).append(piece)
    kept: list[Line] = []
    removed: list[RemovedLine] = []
    metadata: list[RemovedLine] = []
    headline: Line | None = None
    for number, line in joined:
        if not line:
            if kept and kept[-1].text:
                kept.append(Line(number, ""))
            continue
        for piece in by_number.get(number, []):
            if piece.kind == HEADLINE:
                headline = Line(number, piece.text)
                kept.append(headline)
            elif piece.kind == BODY:
                kept.append(Line(number, piece.text))
            else:
                removed.append(RemovedLine(number, piece.text, piece.reason))
                if piece.kind == METADATA and piece.dated:
                    metadata.append(removed[-1])
    while kept and not kept[-1].text:
        kept.pop()
    _drop_unrelated_closing(kept, removed, headline)
    return CleanedText(
        lines=tuple(kept),
        removed=tuple(removed),
        source_lines=tuple(source_lines),
        headline=headline,
        metadata=tuple(metadata),
        layout_known=not any(p.reason == NO_TEXT for p in pieces),
        headline_declared=any(p.kind == HEADLINE and p.reason == DECLARED for p in pieces),
    )
