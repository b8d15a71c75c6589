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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from app.datafiles import load_data
from app.loader.clean import first_rule, join_wrapped_lines, normalise
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


# One counted line of a page: its number, its fingerprint and what the page alone says of it.
LINE = np.dtype([("number", "<u4"), ("key", "<u8"), ("flags", "u1")])
HAS_KEY, PROSE, NAMED = 1, 2, 4
KEY = np.dtype("<u8")
# Spreads a group's number over 64 bits: (group, line) pairs count apart in one array.
MIX = 0x9E3779B97F4A7C15
MASK = (1 << 64) - 1


def _number(key: LineKey) -> int:
    return int.from_bytes(key, "little")


@dataclass(slots=True)
class PageLines:
    """What the count needs of one page, worked out once when the page is parsed and stored
    beside its record (table article_lines): a later load counts and checks the archive's
    pages from these instead of reading and cleaning every stored text again.

    `lines` holds one LINE per line of the page; `keys` its distinct fingerprints (8 bytes
    each). `removed` are the lines its record removed as repeated, and `signature` names
    the repeated lines (and headline) those removals were last found right for: while the
    count gives the page the same signature, its removals stand without looking again."""

    group: str
    headline: int | None
    keys: bytes
    lines: bytes
    removed: frozenset[int] = frozenset()
    signature: int | None = None


def _named(line: str) -> bool:
    return first_rule(line) is not None


def profile(text: str, group: str, headline: str) -> PageLines:
    """The page's lines as the count sees them (pure; done in the parse workers)."""
    rows: list[tuple[int, int, int]] = []
    keys: set[int] = set()
    for number, line in page_lines(text):
        key = line_key(line)
        flags = (PROSE if features(line).prose else 0) | (NAMED if _named(line) else 0)
        if key is not None:
            keys.add(_number(key))
            rows.append((number, _number(key), flags | HAS_KEY))
        elif flags & PROSE:  # a line without a fingerprint only matters as the page's own text
            rows.append((number, 0, flags))
    own = line_key(headline)
    return PageLines(
        group=group,
        headline=_number(own) if own is not None else None,
        keys=np.array(sorted(keys), dtype=KEY).tobytes(),
        lines=np.array(rows, dtype=LINE).tobytes(),
    )


@dataclass
class Counts:
    """On how many pages of each group each line stands, as far as the removals need it."""

    groups: dict[str, int]
    # The least count that makes a line repeated, per group number.
    least: list[float]
    # (line ^ group mix) -> pages, for the lines on `min_pages` pages or more (no rarer line
    # reaches a group's least count); the same as two sorted arrays, for whole-array look-ups.
    common: dict[int, int]
    common_lines: np.ndarray
    common_pages: np.ndarray
    # (headline ^ group mix) of headlines that stand on more than one page of their group.
    shared_headlines: set[int]


def _mix(group: int) -> int:
    return (group * MIX) & MASK


def _arrays(pages: Sequence[PageLines], groups: dict[str, int]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every page's keys in one array, mixed with their page's group; the pages' key counts
    and group numbers."""
    keys = np.frombuffer(b"".join(p.keys for p in pages), dtype=KEY)
    sizes = np.fromiter((len(p.keys) // KEY.itemsize for p in pages), dtype=np.int64, count=len(pages))
    page_group = np.fromiter((groups[p.group] for p in pages), dtype=np.uint64, count=len(pages))
    mixed = keys ^ np.repeat(page_group * np.uint64(MIX), sizes)
    return mixed, sizes, page_group


def count(pages: Sequence[PageLines]) -> Counts:
    """Count each line over the pages of its group (each page once: copies left out before)."""
    config = thresholds()
    groups: dict[str, int] = {}
    for page in pages:
        groups.setdefault(page.group, len(groups))
    mixed, _, page_group = _arrays(pages, groups)
    per_group = np.bincount(page_group.astype(np.int64), minlength=len(groups))
    least = [max(config.min_pages, config.min_share * int(n)) for n in per_group]
    lines, found = np.unique(mixed, return_counts=True)
    keep = found >= config.min_pages
    common_lines, common_pages = lines[keep], found[keep]
    common = dict(zip(common_lines.tolist(), common_pages.tolist(), strict=True))
    heads = [p.headline ^ _mix(groups[p.group]) for p in pages if p.headline is not None]
    head_values, head_found = np.unique(np.array(heads, dtype=KEY), return_counts=True)
    shared = set(head_values[head_found > 1].tolist())
    return Counts(groups, least, common, common_lines, common_pages, shared)


def _own(page: PageLines, counts: Counts, group: int) -> int | None:
    """The page's headline, unless it heads several pages (then it is the site's line)."""
    if page.headline is None or (page.headline ^ _mix(group)) in counts.shared_headlines:
        return None
    return page.headline


def signatures(pages: Sequence[PageLines], counts: Counts) -> list[tuple[int, bool]]:
    """Per page, a number naming its repeated lines and its own headline, and whether it has
    repeated lines at all. The page's removals are a function of these and of the page
    itself: an unchanged signature means unchanged removals, and a page without repeated
    lines removes none. Pages of groups the count has not seen are counted alone."""
    if not pages:
        return []
    groups = dict(counts.groups)
    for page in pages:
        groups.setdefault(page.group, len(groups))
    mixed, sizes, page_group = _arrays(pages, groups)
    at = np.searchsorted(counts.common_lines, mixed)
    at[at == len(counts.common_lines)] = 0
    found = len(counts.common_lines) > 0
    hit = counts.common_lines[at] == mixed if found else np.zeros(len(mixed), dtype=bool)
    pages_with = np.where(hit, counts.common_pages[at] if found else 0, 0)
    least = np.array([*counts.least, *[np.inf] * (len(groups) - len(counts.least))])
    own = [_own(p, counts, groups[p.group]) if p.group in counts.groups else p.headline for p in pages]
    own_key = np.array([o if o is not None else 0 for o in own], dtype=KEY)
    has_own = np.array([o is not None for o in own], dtype=bool)
    keys = mixed ^ np.repeat(page_group * np.uint64(MIX), sizes)
    is_own = np.repeat(has_own, sizes) & (keys == np.repeat(own_key, sizes))
    is_repeated = (pages_with >= np.repeat(least[page_group.astype(np.int64)], sizes)) & ~is_own
    summed = np.concatenate(([np.uint64(0)], np.cumsum(np.where(is_repeated, keys, np.uint64(0)), dtype=KEY)))
    ends = np.cumsum(sizes)
    totals = summed[ends] - summed[ends - sizes]
    repeated = np.concatenate(([0], np.cumsum(is_repeated)))
    signature: list[int] = (totals + own_key * np.uint64(3) + has_own.astype(KEY)).tolist()
    return list(zip(signature, (repeated[ends] > repeated[ends - sizes]).tolist(), strict=True))


def removals(page: PageLines, counts: Counts) -> dict[int, str]:
    """Line number -> reason, for the lines of this page that its outlet prints on
    `min_pages` pages or more of the load and on `min_share` of its pages, unless the
    page's own running text stands both above and below the line. The headline and lines
    that a named rule of data/boilerplate.toml removes stay for the layout."""
    config = thresholds()
    group = counts.groups[page.group]
    least, mix = counts.least[group], _mix(group)
    own = _own(page, counts, group)
    rows = np.frombuffer(page.lines, dtype=LINE).tolist()
    repeated: list[int] = []
    own_text: list[bool] = []
    counted = shared = 0
    for _, key, flags in rows:
        has = bool(flags & HAS_KEY) and key != own
        pages_with = counts.common.get(key ^ mix, 0) if has else 0
        counted += has
        common = pages_with >= least
        shared += common
        # A line a named rule removes keeps that rule's reason (and takes its linked title).
        repeated.append(pages_with if common and not flags & NAMED else 0)
        own_text.append(not common and bool(flags & PROSE))
    if shared > config.max_page_share * counted:
        # Most of the page stands on other pages too: a copy of them (an edited version, a
        # reprint), not a page of its own framed by the site's lines.
        return {}
    below = [False] * (len(rows) + 1)
    for i in range(len(rows) - 1, -1, -1):
        below[i] = below[i + 1] or own_text[i]
    found: dict[int, str] = {}
    above = False
    for i, (number, _, _) in enumerate(rows):
        if repeated[i] and not (above and below[i + 1]):
            found[number] = REASON.format(count=repeated[i])
        above = above or own_text[i]
    return found


def recorded(removed_lines: Iterable[Mapping[str, Any]]) -> frozenset[int]:
    """The line numbers a stored record removed as repeated across pages."""
    return frozenset(int(r["line"]) for r in removed_lines if str(r["reason"]).startswith(REASON_PREFIX))


@dataclass(frozen=True)
class GroupCount:
    """On how many pages of one group each line stands, and each headline heads: every
    line, not only the common ones, so that pages entering and leaving the group update it
    (`changed`) as a count over all its pages would give it. Kept with each build
    (app/loader/linecounts.py): a load of one file reads its group's count instead of every
    page of the group (20,000 at 100k articles)."""

    pages: int
    keys: np.ndarray  # sorted distinct line fingerprints (KEY)
    counts: np.ndarray  # pages per fingerprint (int64)
    heads: np.ndarray  # sorted distinct headline fingerprints (KEY)
    head_counts: np.ndarray  # pages per headline (int64)

    @staticmethod
    def empty() -> "GroupCount":
        none = np.zeros(0, dtype=KEY)
        return GroupCount(0, none, np.zeros(0, dtype=np.int64), none, np.zeros(0, dtype=np.int64))

    def changed(self, leaving: Sequence[PageLines], entering: Sequence[PageLines]) -> "GroupCount":
        """The count once `leaving` pages left the group and `entering` pages joined it."""
        keys, counts = _merged(self.keys, self.counts, [p.keys for p in leaving], [p.keys for p in entering])
        heads, head_counts = _merged(
            self.heads, self.head_counts, [_head(p) for p in leaving], [_head(p) for p in entering]
        )
        return GroupCount(self.pages - len(leaving) + len(entering), keys, counts, heads, head_counts)

    def of(self, keys: np.ndarray) -> np.ndarray:
        """Pages per fingerprint of `keys` (0 for one no page has)."""
        return _looked_up(self.keys, self.counts, keys)

    def heading(self, heads: np.ndarray) -> np.ndarray:
        return _looked_up(self.heads, self.head_counts, heads)


def _head(page: PageLines) -> bytes:
    return np.array([page.headline], dtype=KEY).tobytes() if page.headline is not None else b""


def _looked_up(keys: np.ndarray, counts: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    if not len(keys):
        return np.zeros(len(wanted), dtype=np.int64)
    at = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
    return np.where(keys[at] == wanted, counts[at], 0)


def _merged(
    keys: np.ndarray, counts: np.ndarray, leaving: Sequence[bytes], entering: Sequence[bytes]
) -> tuple[np.ndarray, np.ndarray]:
    """`keys`/`counts` with one page less for each key of `leaving`, one more for `entering`."""
    gone = np.frombuffer(b"".join(leaving), dtype=KEY)
    come = np.frombuffer(b"".join(entering), dtype=KEY)
    if not len(gone) and not len(come):
        return keys, counts
    every = np.concatenate((keys, gone, come))
    weight = np.concatenate((counts, -np.ones(len(gone), dtype=np.int64), np.ones(len(come), dtype=np.int64)))
    distinct, where = np.unique(every, return_inverse=True)
    summed = np.bincount(where, weights=weight, minlength=len(distinct)).astype(np.int64)
    kept = summed > 0
    return distinct[kept], summed[kept]


def group_counts(pages: Iterable[PageLines]) -> dict[str, GroupCount]:
    """Each group's count over these pages (a whole archive's, when no earlier one is kept)."""
    by_group: dict[str, list[PageLines]] = {}
    for page in pages:
        by_group.setdefault(page.group, []).append(page)
    return {group: GroupCount.empty().changed([], members) for group, members in sorted(by_group.items())}


def _least(pages: int) -> float:
    config = thresholds()
    return max(config.min_pages, config.min_share * pages)


def counts_from(
    kept: Mapping[str, GroupCount],
    leaving: Sequence[PageLines],
    entering: Sequence[PageLines],
    beside: Iterable[str] = (),
) -> Counts | None:
    """The Counts a count over every page would give the `entering` pages, from the groups'
    kept counts, `leaving` pages (each counted in them) taken out and `entering` put in
    (each page once: copies left out before). None when the change moves a line or headline
    of a page outside `entering` across a bound (its line becomes repeated, or no longer is;
    a headline starts or stops heading more than one page): then those pages must be counted
    and checked again, and only a count over every page of their group finds them. `beside`:
    more groups to give their least count (of pages checked but not counted: copies)."""
    config = thresholds()
    names = sorted({p.group for p in leaving} | {p.group for p in entering} | set(beside))
    groups = {name: number for number, name in enumerate(names)}
    least: list[float] = []
    common: dict[int, int] = {}
    shared: set[int] = set()
    for name in names:
        before = kept.get(name, GroupCount.empty())
        out = [p for p in leaving if p.group == name]
        into = [p for p in entering if p.group == name]
        after = before.changed(out, into)
        was, now = _least(before.pages), _least(after.pages)
        moved = np.unique(np.frombuffer(b"".join(p.keys for p in (*out, *into)), dtype=KEY))
        old, new = before.of(moved), after.of(moved)
        if np.any((old >= was) != (new >= now)):
            return None
        if was != now and np.any((before.counts >= min(was, now)) & (before.counts < max(was, now))):
            return None
        heads = np.unique(np.frombuffer(b"".join(_head(p) for p in (*out, *into)), dtype=KEY))
        if np.any((before.heading(heads) > 1) != (after.heading(heads) > 1)):
            return None
        mix = np.uint64(_mix(groups[name]))
        least.append(now)
        found = new >= config.min_pages
        common.update(zip((moved[found] ^ mix).tolist(), new[found].tolist(), strict=True))
        shared.update((heads[after.heading(heads) > 1] ^ mix).tolist())
    lines = np.array(sorted(common), dtype=KEY)
    pages = np.array([common[line] for line in lines.tolist()], dtype=np.int64)
    return Counts(groups, least, common, lines, pages, shared)
