"""The private Whoosh API this archive relies on, all of it, in one place.

Whoosh decodes and scores postings in Python, one at a time; the build's arrays are made,
and read, with parts of Whoosh that are not its public API:

- `W3LeafMatcher._read_ids`, `._read_weights`, `._read_values`, their `._ids`, `._weights`,
  `._values` and `._next_block`: a whole block of postings at a time (the postings writer;
  about 30 times faster than a step per posting).
- The stored form of a `Positions` value: a 4-byte count, then a pickle of the position
  deltas (`whoosh.formats.Positions.encode`), decoded here in bulk (many values' pickles
  joined into one).
- `BM25F._field_B`: the per-field B of Whoosh's default weighting (the array ranking
  reproduces Whoosh's scores).
- `FileIndex._segments()`: the segments the table of contents lists, read without opening
  a reader (which reads every segment's term dictionary).
- `W3PerDocReader.doc_field_length`, `._cached_reader`, `._doccount` and the lengths column
  (`_lenfield`, `LENGTHS_COLUMN`): a writer committing a segment asks for a document's field
  length once per posting, each a seek and a read of one byte; `whole_length_columns` reads
  each field's column once instead (a seventh of the index writers' commit).
- `Positions.word_values` and `.encode`: a document's keys, their counts, weights and encoded
  positions; for the archive's own analyser `index_writing` makes them from its key
  positions directly (`ArchiveTokenizer.positions`), without a Token object per key.

They hold for the pinned `whoosh-reloaded==2.7.5` only. tests/test_build_whoosh_private.py
checks each of them against the installed Whoosh, so an upgrade fails there, by name,
rather than giving other search results.
"""

import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import chain
from typing import Any

import whoosh
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3LeafMatcher, W3PerDocReader, _lenfield
from whoosh.formats import Positions
from whoosh.index import FileIndex
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher
from whoosh.scoring import BM25F
from whoosh.util.numeric import byte_to_length

from app.text.analysis import ArchiveTokenizer

PINNED_VERSION = (2, 7, 5)
POSITIONS_COUNT_BYTES = 4  # whoosh.formats._INT_SIZE


def installed_version() -> tuple[int, ...]:
    return tuple(whoosh.__version__)


def read_postings(matcher: Matcher, with_values: bool) -> tuple[list[int], list[float], list[bytes]]:
    """All of a leaf matcher's postings: document numbers, weights and (if asked) the raw
    values. Whoosh's block matcher hands over a block at a time; any other matcher is
    stepped through with the public API."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    ids: list[int] = []
    weights: list[float] = []
    values: list[bytes] = []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            if with_values:
                matcher._read_values()
                values.extend(matcher._values)
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if with_values:
                values.append(matcher.value())
            matcher.next()
    return ids, weights, values


def decode_positions(values: list[bytes]) -> tuple[list[int], list[int]]:
    """Whoosh's Positions values as one flat list of deltas and the number per posting: the
    same decoding as `Positions.decode_positions`, with the running sums left to NumPy.
    Each value's pickle (a list, without its protocol header) is put between one MARK and
    one LIST: a single `pickle.loads` gives every posting's list (one call per posting was
    a third of the postings writer's time)."""
    if not values:
        return [], []
    start = POSITIONS_COUNT_BYTES
    bodies = [value[start:-1] if value.endswith(b".") else value[start:] for value in values]
    lists: list[list[int]] = pickle.loads(b"(" + b"".join(bodies) + b"l.")
    if len(lists) != len(values):
        raise ValueError(f"{len(values)} positions values decoded as {len(lists)} lists")
    return list(chain.from_iterable(lists)), [len(codes) for codes in lists]


def segment_offsets(index: FileIndex) -> list[tuple[str, int]]:
    """Each segment's id and first document number, in the index's order, from its table of
    contents: what `reader().leaf_readers()` gives, without opening any segment."""
    offsets: list[tuple[str, int]] = []
    start = 0
    for segment in index._segments():
        offsets.append((segment.segment_id(), start))
        start += segment.doc_count_all()
    return offsets


def field_b(weighting: BM25F, fieldname: str) -> float:
    """BM25F's B for one field: its per-field value, else the model's own."""
    return float(weighting._field_B.get(fieldname, weighting.B))


def _whole_column_length(self: Any, docnum: int, fieldname: str, default: int = 0) -> int | None:
    """`W3PerDocReader.doc_field_length`, the field's column read whole at the first call:
    the same answers (None for a document with no length byte, as Whoosh's gives)."""
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    columns: dict[str, list[int | None]] = self.__dict__.setdefault("_archive_lengths", {})
    lengths = columns.get(fieldname)
    if lengths is None:
        reader = self._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if reader is None:
            return default
        lengths = columns[fieldname] = [byte_to_length(b) if b else None for b in reader.load()]
    return lengths[docnum] if docnum < len(lengths) else None


_whoosh_word_values = Positions.word_values


def _archive_word_values(
    self: Any, value: Any, analyzer: Any, **kwargs: Any
) -> Iterator[tuple[str, int, float, bytes]]:
    """`Positions.word_values` for a text in the archive's analyser: the same tuples in the
    same order (a key's weight is its count of boosts of 1.0, times the field's boost),
    from the analyser's key positions."""
    if type(analyzer) is not ArchiveTokenizer or not isinstance(value, str):
        yield from _whoosh_word_values(self, value, analyzer, **kwargs)
        return
    boost = self.field_boost
    for key, positions in analyzer.positions(value).items():
        yield key, len(positions), float(len(positions)) * boost, self.encode(positions)


@contextmanager
def whole_length_columns() -> Iterator[None]:
    """While writing an index (and in the writer processes forked meanwhile), per-document
    readers read each field's lengths column once, not once per posting."""
    original = W3PerDocReader.doc_field_length
    W3PerDocReader.doc_field_length = _whole_column_length
    try:
        yield
    finally:
        W3PerDocReader.doc_field_length = original


@contextmanager
def index_writing() -> Iterator[None]:
    """What writing the archive's index goes through: `whole_length_columns`, and positions
    made from the archive analyser's keys (`_archive_word_values`)."""
    with whole_length_columns():
        Positions.word_values = _archive_word_values
        try:
            yield
        finally:
            Positions.word_values = _whoosh_word_values
