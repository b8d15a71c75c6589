"""Site boilerplate found across pages: a line that one outlet prints on many pages of a load.

A single page cannot tell a site's footer, its subscription call or a menu item from its own
text when they read like prose; the pages beside it can. The pipeline counts, over every
page of a load (unchanged ones included), on how many pages of one outlet each line stands;
a line on `min_pages` pages or more, and on at least `min_share` of the outlet's pages, is
the site's, not the article's. A paragraph the outlet reuses in some stories (a background
sentence, a template) stands on fewer of its pages, and one standing between lines of the
page's own running text is part of that text and stays. A page most of whose lines stand on
other pages is a copy of them (an updated version, a reprint) and keeps its lines. A page's
own headline stays on that page (the same line elsewhere is a link to it), unless it is the
headline of several pages: then it is the site's line, taken for a headline.
Everything here is pure: line counts and one page in, removals out.
"""

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from app.datafiles import load_data
from app.loader.clean import boilerplate_rules, join_wrapped_lines, normalise
from app.loader.evidence import features

REASON = "repeated on {count} pages of this load (site boilerplate)"
REASON_PREFIX = "repeated on "
LineKey = bytes


@dataclass(frozen=True)
class Thresholds:
    """When a line counts as repeated site boilerplate (app/data/layout.toml, [repeated])."""

    min_pages: int
    min_share: float
    max_page_share: float
    min_letters: int


@lru_cache(maxsize=1)
def thresholds() -> Thresholds:
    data = load_data("layout.toml")["repeated"]
    return Thresholds(
        min_pages=int(data["min_pages"]),
        min_share=float(data["min_share"]),
        max_page_share=float(data["max_page_share"]),
        min_letters=int(data["min_letters"]),
    )


@lru_cache(maxsize=4)
def _letters(count: int) -> re.Pattern[str]:
    """Found in a line with at least `count` letters (stops at the last one it needs)."""
    return re.compile(r"[^\W\d_]" + r"(?:[\W\d_]*[^\W\d_])" * (count - 1))


def line_key(text: str) -> LineKey | None:
    """A fingerprint of one line: case and spacing aside, digits kept (`Date: 1 May` and
    `Date: 2 May` are different lines); None for a line with too few letters to tell."""
    folded = " ".join(text.casefold().split())
    if _letters(thresholds().min_letters).search(folded) is None:
        return None
    return hashlib.blake2b(folded.encode(), digest_size=8).digest()


def page_lines(text: str) -> list[tuple[int, str]]:
    """The page's lines as the clean stage numbers them (normalised, wrapped words rejoined)."""
    return [(n, t) for n, t in join_wrapped_lines(normalise(text)) if t]


def line_keys(text: str) -> frozenset[LineKey]:
    """The distinct line fingerprints of a page."""
    return frozenset(k for _, t in page_lines(text) if (k := line_key(t)) is not None)


@dataclass(frozen=True)
class CountedPage:
    """One page of the load as the count sees it: its group (outlet, or folder when the
    outlet is unknown), its headline and its line fingerprints."""

    group: str
    headline: str
    keys: frozenset[LineKey]


@dataclass
class GroupCounts:
    """One group's pages and on how many of them each line stands."""

    pages: int = 0
    lines: Counter[LineKey] = field(default_factory=Counter)
    # On how many pages each line is the headline (as the page was last parsed).
    headlines: Counter[LineKey | None] = field(default_factory=Counter)


def count_lines(pages: Iterable[CountedPage]) -> dict[str, GroupCounts]:
    counts: dict[str, GroupCounts] = {}
    for page in pages:
        found = counts.setdefault(page.group, GroupCounts())
        found.pages += 1
        found.lines.update(page.keys)
        found.headlines[line_key(page.headline)] += 1
    return counts


def site_lines(text: str, counts: GroupCounts | None, headline: str = "") -> dict[int, str]:
    """Line number -> reason, for the lines of this page that its outlet prints on
    `min_pages` pages or more of the load and on `min_share` of its pages, unless the
    page's own running text stands both above and below the line. The headline and lines
    that a named rule of data/boilerplate.toml removes stay for the layout."""
    if counts is None:
        return {}
    config = thresholds()
    least = max(config.min_pages, config.min_share * counts.pages)
    own = line_key(headline)
    if own is not None and counts.headlines[own] > 1:
        own = None  # the "headline" of several pages is the site's line, not a story's
    lines = page_lines(text)
    repeated: list[int] = []
    own_text: list[bool] = []
    counted = shared = 0
    for _, line in lines:
        key = line_key(line)
        count = counts.lines.get(key, 0) if key is not None and key != own else 0
        counted += key is not None and key != own
        shared += count >= least
        # A line a named rule removes keeps that rule's reason (and takes its linked title).
        named = count >= least and any(rule.pattern.search(line) for rule in boilerplate_rules())
        repeated.append(count if count >= least and not named else 0)
        own_text.append(count < least and features(line).prose)
    if shared > config.max_page_share * counted:
        # Most of the page stands on other pages too: a copy of them (an edited version, a
        # reprint), not a page of its own framed by the site's lines.
        return {}
    below = [False] * (len(lines) + 1)
    for i in range(len(lines) - 1, -1, -1):
        below[i] = below[i + 1] or own_text[i]
    removals: dict[int, str] = {}
    above = False
    for i, (number, _) in enumerate(lines):
        if repeated[i] and not (above and below[i + 1]):
            removals[number] = REASON.format(count=repeated[i])
        above = above or own_text[i]
    return removals


def recorded(removed_lines: Iterable[Mapping[str, Any]]) -> frozenset[int]:
    """The line numbers a stored record removed as repeated across pages."""
    return frozenset(int(r["line"]) for r in removed_lines if str(r["reason"]).startswith(REASON_PREFIX))
