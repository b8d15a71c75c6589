"""Which documents match a query, as a boolean mask, without Whoosh decoding postings.

Terms of the text fields come from the build's postings arrays (title words are in `text`
too), entity and filter fields from the columns; OR, AND, NOT and prefixes are array
operations. Span queries (phrases) are checked by Whoosh, but only on documents that hold
all their words. The result equals Whoosh's own `query.docs()`; a test checks it.
"""

import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import numpy as np
from whoosh import query as wq
from whoosh.query import spans
from whoosh.searching import Searcher

from app.loader.index import FACETS, TEXT_FIELDS
from app.loader.postings import POSTINGS_DIR, posting_key, segment_entries
from app.queries.columns import Columns

FACET_OF_FIELD = {field: name for name, field in FACETS.items()}


class TooSlow(Exception):
    """The phrase check ran past its deadline."""


class SegmentPostings:
    """One segment's arrays (see `app.loader.postings`), memory-mapped, local doc numbers."""

    def __init__(self, folder: Path, offset: int) -> None:
        load = lambda name: np.load(folder / f"{name}.npy", mmap_mode="r")  # noqa: E731
        self.offset = offset
        self.keys: np.ndarray = load("keys")
        self.offsets: np.ndarray = load("offsets")
        self.docs: np.ndarray = load("docs")
        self.weights: np.ndarray = load("weights")
        self.positions: np.ndarray = load("positions")
        self.position_offsets: np.ndarray = load("position_offsets")
        self.lengths = {name: load(f"length_{name}") for name in TEXT_FIELDS}

    def span(self, key: bytes) -> tuple[int, int]:
        i = int(np.searchsorted(self.keys, key))
        if i < len(self.keys) and self.keys[i] == key:
            return int(self.offsets[i]), int(self.offsets[i + 1])
        return 0, 0

    def prefix_span(self, start: bytes) -> tuple[int, int]:
        low = int(np.searchsorted(self.keys, start))
        high = int(np.searchsorted(self.keys, start + b"\xff"))
        return int(self.offsets[low]), int(self.offsets[high])


def _joined(parts: list[np.ndarray], dtype: type) -> np.ndarray:
    return parts[0] if len(parts) == 1 else np.concatenate(parts) if parts else np.zeros(0, dtype=dtype)


class Postings:
    """The build's postings over all its segments, with index-wide document numbers. Deleted
    documents are still in them: callers combine with the live map, as search does."""

    def __init__(self, build: Path) -> None:
        entries = segment_entries(build)
        self.segments = [
            SegmentPostings(build / POSTINGS_DIR / e["segment"], int(e["offset"])) for e in entries
        ]
        # Whoosh's statistics, for BM25F without opening a searcher (that costs ~170 MB at 100k).
        self.doc_count_all = sum(int(e["documents"]) for e in entries)
        self.field_length_totals = {
            name: sum(int(e["field_lengths"][name]) for e in entries) for name in TEXT_FIELDS
        }
        self.lengths = {
            name: _joined([s.lengths[name] for s in self.segments], np.int32) for name in TEXT_FIELDS
        }

    def items(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Document numbers and Whoosh's weights (term frequency times field boost)."""
        key = posting_key(fieldname, term.encode())
        docs, weights = [], []
        for segment in self.segments:
            low, high = segment.span(key)
            if low < high:
                docs.append(segment.docs[low:high] + np.int64(segment.offset))
                weights.append(segment.weights[low:high])
        return _joined(docs, np.int64), _joined(weights, np.float32)

    def doc_frequency(self, fieldname: str, term: str) -> int:
        """Postings of the term, deleted documents included: Whoosh's doc_frequency."""
        key = posting_key(fieldname, term.encode())
        return sum(high - low for low, high in (segment.span(key) for segment in self.segments))

    def docs_for(self, fieldname: str, term: str) -> np.ndarray:
        return self.items(fieldname, term)[0]

    def docs_with_prefix(self, fieldname: str, prefix: str) -> np.ndarray:
        start = posting_key(fieldname, prefix.encode())
        docs = []
        for segment in self.segments:
            low, high = segment.prefix_span(start)
            docs.append(segment.docs[low:high] + np.int64(segment.offset))
        return _joined(docs, np.int64)

    def places(self, fieldname: str, terms: list[str]) -> np.ndarray:
        """Where any of the terms stands, as sorted unique codes: document << 32 | position."""
        chunks = []
        for term in terms:
            key = posting_key(fieldname, term.encode())
            for segment in self.segments:
                low, high = segment.span(key)
                if low == high:
                    continue
                starts = segment.position_offsets[low : high + 1]
                positions = segment.positions[starts[0] : starts[-1]].astype(np.int64)
                docs = np.repeat(segment.docs[low:high].astype(np.int64) + segment.offset, np.diff(starts))
                chunks.append((docs << 32) | positions)
        if not chunks:
            return np.zeros(0, dtype=np.int64)
        codes = np.concatenate(chunks)
        codes.sort(kind="stable")  # timsort merges the sorted runs; np.unique hashed 30x slower
        return codes[np.concatenate(([True], codes[1:] != codes[:-1]))]


def _phrase_terms(query: spans.SpanNear2) -> tuple[str, list[list[str]]] | None:
    """(field, each word's alternative keys) when the phrase is adjacent words in order,
    each a term or an Or of terms of one field; None for anything else."""
    if (query.slop, query.ordered, query.mindist) != (1, True, 1):
        return None
    fields: set[str] = set()
    words: list[list[str]] = []
    for part in query.qs:
        leaves = list(part.subqs) if isinstance(part, spans.SpanOr) else [part]
        if not leaves or not all(isinstance(leaf, wq.Term) and isinstance(leaf.text, str) for leaf in leaves):
            return None
        fields.update(leaf.fieldname for leaf in leaves)
        words.append([leaf.text for leaf in leaves])
    if len(fields) != 1 or not fields <= set(TEXT_FIELDS):
        return None
    return fields.pop(), words


class Matcher:
    """Evaluates a Whoosh query tree to a mask over document numbers."""

    def __init__(
        self,
        postings: Postings,
        columns: Columns,
        whoosh: Callable[[], AbstractContextManager[Searcher]],
        deadline: float,
    ) -> None:
        self.postings, self.columns, self.whoosh, self.deadline = postings, columns, whoosh, deadline

    def _mask(self, docs: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.columns.size, dtype=bool)
        mask[docs[docs < self.columns.size]] = True
        return mask

    def mask(self, query: wq.Query) -> np.ndarray:
        if isinstance(query, wq.Term):
            return self._term(query.fieldname, query.text)
        if isinstance(query, wq.Prefix) and query.fieldname in TEXT_FIELDS:
            return self._mask(self.postings.docs_with_prefix(query.fieldname, query.text))
        if isinstance(query, wq.AndNot):
            return self.mask(query.a) & ~self.mask(query.b)
        if isinstance(query, wq.And):
            result = np.ones(self.columns.size, dtype=bool)
            for sub in query.subqueries:
                result &= self.mask(sub)
            return result
        if isinstance(query, wq.Or) and not isinstance(query, spans.SpanQuery):
            result = np.zeros(self.columns.size, dtype=bool)
            for sub in query.subqueries:
                result |= self.mask(sub)
            return result
        if isinstance(query, wq.Every):
            return self.columns.live.copy()
        if isinstance(query, wq.NumericRange) and query.fieldname == "date_sort":
            dates = self.columns.date_sort
            mask = dates > 0
            if query.start is not None:
                mask &= dates >= query.start
            if query.end is not None:
                mask &= dates <= query.end
            return mask
        if isinstance(query, spans.SpanNear2):
            return self._phrase(query)
        with self.whoosh() as searcher:
            return self._mask(np.fromiter(query.docs(searcher), dtype=np.int64))

    def _term(self, fieldname: str, text: str) -> np.ndarray:
        if fieldname in TEXT_FIELDS:
            return self._mask(self.postings.docs_for(fieldname, text))
        if fieldname in FACET_OF_FIELD:
            return self.columns.docs_with(FACET_OF_FIELD[fieldname], text)
        with self.whoosh() as searcher:
            return self._mask(np.fromiter(wq.Term(fieldname, text).docs(searcher), dtype=np.int64))

    def _phrase(self, query: spans.SpanNear2) -> np.ndarray:
        """Words next to each other, in order: from the positions arrays when the phrase is
        the plain kind the search box makes, else checked by Whoosh."""
        words = _phrase_terms(query)
        if words is None:
            return self._phrase_by_whoosh(query)
        fieldname, terms = words
        # Whoosh's SpanNear2(slop=1, ordered, mindist=1): each word stands right after the
        # span so far, so following span ends is enough.
        ends = self.postings.places(fieldname, terms[0])
        for alternatives in terms[1:]:
            if not len(ends):
                break
            if time.monotonic() > self.deadline:  # a phrase of very many common words
                raise TooSlow
            following = ends + 1
            places = self.postings.places(fieldname, alternatives)
            found = np.searchsorted(places, following)
            found[found == len(places)] = 0
            ends = following[places[found] == following] if len(places) else places
        return self._mask((ends >> 32).astype(np.int64))

    def _phrase_by_whoosh(self, query: spans.SpanNear2) -> np.ndarray:
        """Whoosh checks positions, but only at documents that hold every word."""
        candidates = np.ones(self.columns.size, dtype=bool)
        for part in query.qs:
            candidates &= self.mask(wq.Or(list(part.subqs)) if isinstance(part, spans.SpanOr) else part)
        result = np.zeros(self.columns.size, dtype=bool)
        wanted = np.flatnonzero(candidates)
        with self.whoosh() as searcher:
            self._check_spans(query, searcher, wanted, result)
        return result

    def _check_spans(
        self, query: spans.SpanNear2, searcher: Searcher, wanted: np.ndarray, result: np.ndarray
    ) -> None:
        checked = 0
        for leaf, offset in searcher.leaf_searchers():
            end = offset + leaf.doc_count_all()
            local = wanted[(wanted >= offset) & (wanted < end)] - offset
            if not len(local):
                continue
            matcher = query.matcher(leaf)
            for docnum in local.tolist():
                if not matcher.is_active():
                    break
                if matcher.id() < docnum:
                    matcher.skip_to(docnum)
                    if not matcher.is_active():
                        break
                if matcher.id() == docnum:
                    result[docnum + offset] = True
                checked += 1
                if checked % 1024 == 1 and time.monotonic() > self.deadline:
                    raise TooSlow
