"""Per-document columns beside the Whoosh index, for facets, filters and date order: the
writer (the loader, once per build) and the reader (the web process) side by side.

Whoosh's sorting facets walk every match and read stored fields; at 100k articles that is
most of a search's time. An archive build never changes, so the loader writes its
filterable fields once as NumPy arrays indexed by Whoosh document number (columns.npz),
and the web process counts facets with bincount instead: same answers as walking Whoosh's
results and reading stored fields (a test checks it), at the cost of a few vectorised
passes over arrays of document numbers.
"""

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np
from whoosh.index import Index
from whoosh.reading import IndexReader

from app.build.schema import MULTI_VALUED, SINGLE_VALUED

COLUMNS_FILE = "columns.npz"


def _codes(values: list[str]) -> tuple[np.ndarray, list[str]]:
    vocabulary = sorted(set(values))
    lookup = {v: i for i, v in enumerate(vocabulary)}
    return np.array([lookup[v] for v in values], dtype=np.int32), vocabulary


def write_columns(ix: Index, path: Path, previous: Path | None = None) -> None:
    """Write the build's columns; with `previous` (the build this one was copied from), the
    rows of segments both builds share are taken from its columns, and only new segments
    are read from Whoosh: an incremental load costs O(changes) reads, not O(archive)."""
    arrays = _arrays_from(ix, previous) if previous is not None else None
    # No object arrays here, as np.load reads them. Named, the keyword is also one mypy no
    # longer checks the arrays against.
    np.savez(path / COLUMNS_FILE, allow_pickle=False, **(arrays or column_arrays(ix)))


# Per document: id, date, single-valued fields and each multi-valued field's values.
_Row = tuple[str, int, dict[str, str], dict[str, list[str]]]


def _stored_rows(leaf: IndexReader) -> Iterator[tuple[int, _Row]]:
    """Every live document of one reader, with its number in that reader: one at a time, so
    that only the arrays grow (all rows held at once took 640 MB at 100k articles)."""
    for docnum, stored in leaf.iter_docs():
        yield (
            docnum,
            (
                stored["id"],
                stored.get("date_sort") or 0,
                {name: stored.get(field) or "" for name, field in SINGLE_VALUED.items()},
                {
                    name: [v for v in (stored.get(field) or "").split(",") if v]
                    for name, field in MULTI_VALUED.items()
                },
            ),
        )


def _split(value: str | None) -> list[str]:
    return [v for v in (value or "").split(",") if v]


def column_arrays(ix: Index) -> dict[str, np.ndarray]:
    """Read every live document's stored fields once and turn them into arrays."""
    with ix.reader() as reader:
        size = reader.doc_count_all()
        return _to_arrays(size, _stored_rows(reader))


def _to_arrays(size: int, rows: Iterable[tuple[int, _Row]]) -> dict[str, np.ndarray]:
    ids = [""] * size
    live = np.zeros(size, dtype=bool)
    date_sort = np.zeros(size, dtype=np.int32)
    single: dict[str, list[str]] = {name: [""] * size for name in SINGLE_VALUED}
    multi: dict[str, list[list[str]]] = {name: [[] for _ in range(size)] for name in MULTI_VALUED}
    for docnum, (ident, date, singles, multis) in rows:
        ids[docnum] = ident
        live[docnum] = True
        date_sort[docnum] = date
        for name, value in singles.items():
            single[name][docnum] = value
        for name, values in multis.items():
            multi[name][docnum] = values
    id_array = np.array(ids, dtype=str)
    arrays: dict[str, np.ndarray] = {
        "ids": id_array,
        "live": live,
        "date_sort": date_sort,
        # Position of each id in sorted order: a numeric tie-breaker for date order.
        "id_rank": _rank(id_array),
    }
    for name, values in single.items():
        codes, vocabulary = _codes(values)
        arrays[f"{name}_codes"], arrays[f"{name}_vocab"] = codes, np.array(vocabulary, dtype=str)
    for name, lists in multi.items():
        flat = [v for row in lists for v in row]
        codes, vocabulary = _codes(flat)
        offsets = np.zeros(size + 1, dtype=np.int64)
        offsets[1:] = np.cumsum([len(row) for row in lists])
        arrays[f"{name}_values"], arrays[f"{name}_vocab"] = codes, np.array(vocabulary, dtype=str)
        arrays[f"{name}_rows"] = np.repeat(np.arange(size, dtype=np.int32), np.diff(offsets))
    return arrays


def _rank(ids: np.ndarray) -> np.ndarray:
    ranked: np.ndarray = np.argsort(np.argsort(ids, kind="stable"), kind="stable").astype(np.int32)
    return ranked


def _recode(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Codes into the sorted vocabulary, as `_codes` gives them, for a string array."""
    if not len(values):
        return np.zeros(0, dtype=np.int32), np.array([], dtype=str)
    vocabulary, codes = np.unique(values, return_inverse=True)
    return codes.astype(np.int32).reshape(-1), vocabulary


def _arrays_from(ix: Index, previous: Path) -> dict[str, np.ndarray] | None:
    """The columns from `previous`'s for the segments it shares with `ix`, documents
    deleted since blanked; new segments read from Whoosh. None when `previous` has no
    columns or segment list to go by."""
    # Here, not at the top: postings imports this module's neighbours, not the reverse.
    from app.build.postings import segment_entries

    try:
        old = load_columns(previous)
        segments = {e["segment"]: (int(e["offset"]), int(e["documents"])) for e in segment_entries(previous)}
    except (OSError, ValueError, KeyError, TypeError):
        return None
    expected = {"ids", "live", "date_sort"} | {f"{n}_{a}" for n in SINGLE_VALUED for a in ("codes", "vocab")}
    expected |= {f"{n}_{a}" for n in MULTI_VALUED for a in ("values", "rows", "vocab")}
    if not expected <= set(old):
        return None  # columns of an older version: read everything again
    old_size = len(old["ids"])
    pieces: list[_Kept | dict[str, np.ndarray]] = []
    with ix.reader() as reader:
        size = reader.doc_count_all()
        for leaf, _ in reader.leaf_readers():
            count = leaf.doc_count_all()
            known = segments.get(leaf.segment().segment_id())
            if known is None or known[1] != count or known[0] + count > old_size:
                part = _to_arrays(count, _stored_rows(leaf))
                pieces.append(_decoded(part, 0, count))
                continue
            live = np.ones(count, dtype=bool)
            if leaf.has_deletions():
                live[list(leaf.segment().deleted_docs())] = False
            start = known[0]
            pieces.append(_Kept(start, count, live & old["live"][start : start + count]))
    if sum(p.count if isinstance(p, _Kept) else len(p["ids"]) for p in pieces) != size:
        return None
    if not size:
        return _joined(
            [_decoded(old, p.start, p.count, p.keep) if isinstance(p, _Kept) else p for p in pieces], 0
        )
    return _stitched(old, pieces, size)


@dataclass(frozen=True)
class _Kept:
    """Rows start..start+count of the previous build's columns, those not in `keep` blanked."""

    start: int
    count: int
    keep: np.ndarray


def _stitched(
    old: dict[str, np.ndarray], pieces: list["_Kept | dict[str, np.ndarray]"], size: int
) -> dict[str, np.ndarray]:
    """What `_joined` makes of the same pieces, worked out on the previous build's codes:
    its vocabularies are sorted and small, so the rows taken from it are recoded through
    them (searchsorted) instead of being turned back into strings and sorted again (at
    100,000 articles that took 0.3 s of a load of one file). New rows are coded from
    their strings. Same arrays, value for value (tests/test_build_columns.py)."""
    kept = [p for p in pieces if isinstance(p, _Kept)]
    fresh = [p for p in pieces if not isinstance(p, _Kept)]
    blanked = any(not p.keep.all() for p in kept)

    def rows_of(piece: "_Kept | dict[str, np.ndarray]") -> int:
        return piece.count if isinstance(piece, _Kept) else len(piece["ids"])

    ids = np.concatenate(
        [
            np.where(p.keep, old["ids"][p.start : p.start + p.count], "")
            if isinstance(p, _Kept)
            else p["ids"]
            for p in pieces
        ]
    ).astype(str)
    arrays: dict[str, np.ndarray] = {
        "ids": ids,
        "live": np.concatenate([p.keep if isinstance(p, _Kept) else p["live"] for p in pieces]),
        "date_sort": np.concatenate(
            [
                np.where(p.keep, old["date_sort"][p.start : p.start + p.count], 0)
                if isinstance(p, _Kept)
                else p["date_sort"]
                for p in pieces
            ]
        ).astype(np.int32),
        "id_rank": _rank(ids),
    }
    for name in SINGLE_VALUED:
        codes, vocab = old[f"{name}_codes"], old[f"{name}_vocab"]
        used = [codes[p.start : p.start + p.count][p.keep] for p in kept]
        new_values = [p[name] for p in fresh]
        vocabulary = _vocabulary(vocab, used, new_values, blank=blanked)
        recoded = np.searchsorted(vocabulary, vocab) if len(vocab) else np.zeros(0, dtype=np.int64)
        blank = np.searchsorted(vocabulary, "")
        arrays[f"{name}_codes"] = np.concatenate(
            [
                np.where(p.keep, recoded[codes[p.start : p.start + p.count]], blank)
                if isinstance(p, _Kept)
                else np.searchsorted(vocabulary, p[name])
                for p in pieces
            ]
        ).astype(np.int32)
        arrays[f"{name}_vocab"] = vocabulary
    starts = np.cumsum([0, *[rows_of(p) for p in pieces]])
    for name in MULTI_VALUED:
        rows, codes, vocab = old[f"{name}_rows"], old[f"{name}_values"], old[f"{name}_vocab"]
        parts_rows, parts_codes, new_values = [], [], []
        for piece, start in zip(pieces, starts, strict=False):
            if isinstance(piece, _Kept):
                chosen = (rows >= piece.start) & (rows < piece.start + piece.count)
                local = rows[chosen] - piece.start
                taken = piece.keep[local]
                parts_rows.append(local[taken].astype(np.int64) + start)
                parts_codes.append(codes[chosen][taken])
            else:
                parts_rows.append(piece[f"{name}_rows"] + start)
                parts_codes.append(piece[f"{name}_values"])
                new_values.append(piece[f"{name}_values"])
        used = [c for piece, c in zip(pieces, parts_codes, strict=True) if isinstance(piece, _Kept)]
        vocabulary = _vocabulary(vocab, used, new_values, blank=False)
        recoded = np.searchsorted(vocabulary, vocab) if len(vocab) else np.zeros(0, dtype=np.int64)
        arrays[f"{name}_values"] = np.concatenate(
            [
                recoded[c] if isinstance(piece, _Kept) else np.searchsorted(vocabulary, c)
                for piece, c in zip(pieces, parts_codes, strict=True)
            ]
            or [np.zeros(0, dtype=np.int32)]
        ).astype(np.int32)
        arrays[f"{name}_vocab"] = vocabulary
        arrays[f"{name}_rows"] = np.concatenate(parts_rows or [np.zeros(0, dtype=np.int64)]).astype(np.int32)
    return arrays


def _vocabulary(
    vocab: np.ndarray, used: list[np.ndarray], new_values: list[np.ndarray], blank: bool
) -> np.ndarray:
    """The sorted distinct values of the stitched rows: the previous vocabulary's values the
    kept rows use, the new rows' values, and "" for blanked rows."""
    codes = np.unique(np.concatenate(used)) if used else np.zeros(0, dtype=np.int64)
    values = [vocab[codes], *new_values, *([np.array([""])] if blank else [])]
    joined = np.concatenate(values).astype(str) if values else np.array([], dtype=str)
    if not len(joined):
        return np.array([], dtype=str)
    vocabulary: np.ndarray = np.unique(joined)
    return vocabulary


def _decoded(
    arrays: dict[str, np.ndarray], start: int, count: int, live: np.ndarray | None = None
) -> dict[str, np.ndarray]:
    """Rows start..start+count of a columns file as plain values (multi-valued ones as
    (row, value) pairs); documents not in `live` blanked, as a fresh read leaves them."""
    end = start + count
    keep = arrays["live"][start:end] if live is None else live & arrays["live"][start:end]
    part: dict[str, np.ndarray] = {
        "ids": np.where(keep, arrays["ids"][start:end], ""),
        "live": keep,
        "date_sort": np.where(keep, arrays["date_sort"][start:end], 0).astype(np.int32),
    }
    for name in SINGLE_VALUED:
        values = (
            arrays[f"{name}_vocab"][arrays[f"{name}_codes"][start:end]] if count else np.array([], dtype=str)
        )
        part[name] = np.where(keep, values, "")
    for name in MULTI_VALUED:
        rows = arrays[f"{name}_rows"]
        chosen = (rows >= start) & (rows < end)
        local = rows[chosen] - start
        kept = keep[local]
        part[f"{name}_rows"] = local[kept].astype(np.int64)
        part[f"{name}_values"] = arrays[f"{name}_vocab"][arrays[f"{name}_values"][chosen]][kept]
    return part


def _joined(parts: list[dict[str, np.ndarray]], size: int) -> dict[str, np.ndarray]:
    """One columns file from the segments' plain values, in document order."""
    ids = np.concatenate([p["ids"] for p in parts]).astype(str)
    arrays: dict[str, np.ndarray] = {
        "ids": ids,
        "live": np.concatenate([p["live"] for p in parts]),
        "date_sort": np.concatenate([p["date_sort"] for p in parts]).astype(np.int32),
        "id_rank": _rank(ids),
    }
    for name in SINGLE_VALUED:
        codes, vocabulary = _recode(np.concatenate([p[name] for p in parts]).astype(str))
        arrays[f"{name}_codes"], arrays[f"{name}_vocab"] = codes, vocabulary
    starts = np.cumsum([0, *[len(p["ids"]) for p in parts]])
    for name in MULTI_VALUED:
        values = np.concatenate([p[f"{name}_values"] for p in parts]).astype(str)
        rows = np.concatenate([p[f"{name}_rows"] + start for p, start in zip(parts, starts, strict=False)])
        codes, vocabulary = _recode(values)
        arrays[f"{name}_values"], arrays[f"{name}_vocab"] = codes, vocabulary
        arrays[f"{name}_rows"] = rows.astype(np.int32)
    assert len(ids) == size
    return arrays


def load_columns(build: Path) -> dict[str, np.ndarray]:
    with np.load(build / COLUMNS_FILE) as data:
        return {name: data[name] for name in data.files}


class Columns:
    def __init__(self, arrays: dict[str, np.ndarray]) -> None:
        self.ids: np.ndarray = arrays["ids"]
        self.live: np.ndarray = arrays["live"]
        self.date_sort: np.ndarray = arrays["date_sort"]
        self.id_rank: np.ndarray = arrays["id_rank"]
        self.single = {
            name: (arrays[f"{name}_codes"], list(arrays[f"{name}_vocab"])) for name in SINGLE_VALUED
        }
        self.multi = {
            name: (arrays[f"{name}_values"], arrays[f"{name}_rows"], list(arrays[f"{name}_vocab"]))
            for name in MULTI_VALUED
        }
        vocabularies = {name: vocab for name, (_, vocab) in self.single.items()}
        vocabularies.update({name: vocab for name, (_, _, vocab) in self.multi.items()})
        self.lookup = {name: {v: i for i, v in enumerate(vocab)} for name, vocab in vocabularies.items()}

    @property
    def size(self) -> int:
        return len(self.ids)

    def docs_with(self, name: str, value: str) -> np.ndarray:
        """Boolean mask of documents having `value` in facet `name` (all False if unknown)."""
        mask = np.zeros(self.size, dtype=bool)
        code = self.lookup[name].get(value)
        if code is None:
            return mask
        if name in self.single:
            matches: np.ndarray = self.single[name][0] == code
            return matches
        values, rows, _ = self.multi[name]
        mask[rows[values == code]] = True
        return mask

    def filter_mask(
        self,
        filters: dict[str, list[str]],
        date_from: dt.date | None,
        date_to: dt.date | None,
    ) -> np.ndarray:
        mask = self.live.copy()
        for name, values in filters.items():
            values = [v for v in values if v]
            if not values:
                continue
            masks = [self.docs_with(name, v) for v in values]
            mask &= np.logical_or.reduce(masks) if name in self.single else np.logical_and.reduce(masks)
        if date_from or date_to:
            mask &= self.date_sort > 0
            if date_from:
                mask &= self.date_sort >= int(date_from.strftime("%Y%m%d"))
            if date_to:
                mask &= self.date_sort <= int(date_to.strftime("%Y%m%d"))
        return mask

    def facet_counts(self, mask: np.ndarray) -> dict[str, list[tuple[str, int]]]:
        """Every facet value with its count among masked documents, most frequent first."""
        counts: dict[str, list[tuple[str, int]]] = {}
        for name, (codes, vocab) in self.single.items():
            tally = np.bincount(codes[mask], minlength=len(vocab))
            counts[name] = [(vocab[i], int(tally[i])) for i in np.flatnonzero(tally) if vocab[i]]
        for name, (values, rows, vocab) in self.multi.items():
            tally = np.bincount(values[mask[rows]], minlength=len(vocab))
            counts[name] = [(vocab[i], int(tally[i])) for i in np.flatnonzero(tally)]
        for name in counts:
            counts[name].sort(key=lambda item: (-item[1], item[0]))
        return counts

    def timeline(self, mask: np.ndarray) -> tuple[list[tuple[str, int]], int]:
        dates = self.date_sort[mask]
        dated = dates[dates > 0]
        months, tally = np.unique(dated // 100, return_counts=True)
        return [(f"{m // 100:04d}-{m % 100:02d}", int(c)) for m, c in zip(months, tally, strict=True)], int(
            len(dates) - len(dated)
        )

    @cached_property
    def _live_by_id(self) -> tuple[np.ndarray, np.ndarray]:
        """Live document numbers in id order, and their ids: a binary search finds an
        article's document. A dict of every id held about 20 MB per worker at 100k articles
        and cost a worker's first article page a tenth of a second to build."""
        live = np.flatnonzero(self.live)
        docs = live[np.argsort(self.id_rank[live], kind="stable")]
        return docs, self.ids[docs]

    def docnum(self, article_id: str) -> int | None:
        """The live document of an article id, or None if this build has none."""
        docs, ids = self._live_by_id
        at = int(np.searchsorted(ids, article_id))
        if at < len(ids) and str(ids[at]) == article_id:
            return int(docs[at])
        return None

    @cached_property
    def entity_counts(self) -> dict[str, np.ndarray]:
        """How many live articles name each value of each multi-valued facet."""
        return {
            name: np.bincount(values[self.live[rows]], minlength=len(vocab))
            for name, (values, rows, vocab) in self.multi.items()
        }

    @cached_property
    def _newest_by_value(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per multi-valued facet, the live documents naming each value, grouped by value and
        each group in `by_date` order (newest first), with where each group starts: related
        articles read the head of a few groups. Scanning every posting for each shared value
        and sorting all its articles by date cost an article page tens of milliseconds at
        100k articles, for a leader named in half of them."""
        grouped: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for name, (values, rows, vocab) in self.multi.items():
            kept = self.live[rows]
            codes, docs = values[kept], rows[kept]
            dates = self.date_sort[docs].astype(np.int64)
            order = np.lexsort((self.id_rank[docs], -dates, dates == 0, codes))
            starts = np.searchsorted(codes[order], np.arange(len(vocab) + 1))
            grouped[name] = (docs[order], starts)
        return grouped

    def linked(self, name: str, value: str) -> np.ndarray:
        """Live documents having `value` in multi-valued facet `name` (a leader, a country)."""
        linked: np.ndarray = self.docs_with(name, value) & self.live
        return linked

    def counts_among(self, name: str, mask: np.ndarray) -> dict[str, int]:
        """How many masked documents name each value of facet `name`."""
        values, rows, vocab = self.multi[name]
        tally = np.bincount(values[mask[rows]], minlength=len(vocab))
        return {vocab[i]: int(tally[i]) for i in np.flatnonzero(tally)}

    def newest(self, mask: np.ndarray, limit: int) -> list[str]:
        """Ids of the newest masked documents (undated last, ties by id), as SQL orders them."""
        return [str(self.ids[d]) for d in self.by_date(np.flatnonzero(mask), newest=True)[:limit]]

    def related(self, article_id: str, limit: int, entities: int, scan: int) -> list[str] | None:
        """Articles sharing this one's leaders and countries, rarer shared entities weighing
        more: only the rarest `entities` are followed, each to its newest `scan` articles.
        None if the article is not in this build's columns."""
        docnum = self.docnum(article_id)
        if docnum is None:
            return None
        shared: dict[int, float] = defaultdict(float)
        for name, weight in (("leader", 2.0), ("country", 1.0)):
            values, rows, _ = self.multi[name]
            low, high = np.searchsorted(rows, [docnum, docnum + 1])  # rows ascend: a doc's values are a run
            own = values[low:high]
            counts = self.entity_counts[name]
            grouped, starts = self._newest_by_value[name]
            for code in sorted(np.unique(own).tolist(), key=lambda c: (counts[c], c))[:entities]:
                # This (live) article is in its own group as often as it names the value.
                first = int(starts[code])
                end = min(int(starts[code + 1]), first + scan + int((own == code).sum()))
                others = grouped[first:end]
                for other in others[others != docnum][:scan].tolist():
                    shared[other] += weight / math.log(2 + int(counts[code]))
        ranked = sorted(shared.items(), key=lambda kv: (-kv[1], str(self.ids[kv[0]])))
        return [str(self.ids[d]) for d, _ in ranked[:limit]]

    def by_date(self, docnums: np.ndarray, newest: bool) -> np.ndarray:
        """Dated first (newest or oldest first), then undated; ties by article id."""
        dates = self.date_sort[docnums].astype(np.int64)
        undated = dates == 0
        key = -dates if newest else dates
        order = np.lexsort((self.id_rank[docnums], key, undated))
        return docnums[order]
