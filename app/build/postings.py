"""The index's postings as NumPy arrays (field + term → document numbers and weights), beside
the index, with each document's field lengths.

Whoosh decodes postings and scores matches in Python, about 2 µs per posting; deciding
which of 100k articles match a common word, and ranking them, took seconds. An archive
build never changes, so the loader writes every term's document numbers and Whoosh's own
weights once, and the web process matches and ranks with array operations
(`app.search.matching`, `app.search.ranking`) to the same results Whoosh gives. The writer
(`write_postings`, run by the loader) and the reader (`Postings`) live here side by side.

The arrays are plain `.npy` files. The web process maps the small ones (term dictionary,
lengths, spelling index) and reads slices of the large ones on demand (`ReadOnDemand`):
every worker shares one copy in the page cache instead of holding its own. They are kept per Whoosh segment,
with segment-local document numbers, because a segment's postings never change: an
incremental load links the arrays of every segment it did not touch (deletions are read
from the index's live map at search time) and decodes only its new segment.
"""

import bisect
import copy
import json
import os
import shutil
import sqlite3
import weakref
from pathlib import Path
from typing import Any, BinaryIO, NamedTuple

import numpy as np
from whoosh.index import Index
from whoosh.matching import Matcher
from whoosh.reading import IndexReader

from app.build import spelling
from app.build.layout import DB_NAME
from app.build.schema import FACETS, TEXT, TEXT_FIELDS
from app.build.sqlite import sqlite_uri
from app.build.whoosh_private import decode_positions, read_postings

POSTINGS_DIR = "postings"
# Every field a search can name: words (scored by BM25F) and the entity and filter fields.
POSTING_FIELDS = (*TEXT_FIELDS, *FACETS.values())
SEPARATOR = b"\x1f"


class _PythonWrites:
    """A file numpy does not recognise as one, so it writes through `write` (see save_array)."""

    def __init__(self, handle: BinaryIO) -> None:
        self.write = handle.write


def save_array(path: Path, array: np.ndarray) -> None:
    """np.save, except that a full disk says so. Given a real file, numpy writes with C's
    fwrite and reports a short write by its counts alone ("230793 requested and 24048
    written", no errno); through Python's writes the same disk raises ENOSPC."""
    with path.open("wb") as handle:
        np.save(_PythonWrites(handle), array, allow_pickle=False)


ARRAYS = (
    "keys",
    "offsets",
    "docs",
    "weights",
    "positions",
    "position_offsets",
    *(f"length_{f}" for f in TEXT_FIELDS),
    *spelling.SPELLING_ARRAYS,
)
MANIFEST = "segments.json"
# Each document's result summary (see write_summaries): not in ARRAYS, since a build without
# them is still served (its summaries are read from SQLite).
SUMMARY_ARRAYS = ("summaries", "summary_offsets")
# Each term's total weight in its segment: a respelling's candidates are ranked by it, and
# reading their postings' weights for it was most of a search that finds nothing. Not in
# ARRAYS either: without it, the weights are read.
TERM_WEIGHTS = "term_weights"


def segment_entries(build: Path) -> list[dict[str, Any]]:
    """The manifest: per segment, in the index's order, its folder name, first document
    number, document count and total field lengths."""
    entries: list[dict[str, Any]] = json.loads((build / POSTINGS_DIR / MANIFEST).read_text(encoding="utf-8"))
    return entries


def segment_dirs(build: Path) -> list[tuple[Path, int]]:
    """Each segment's array folder with its first document number, in the index's order."""
    return [
        (build / POSTINGS_DIR / entry["segment"], int(entry["offset"])) for entry in segment_entries(build)
    ]


def _segment_complete(folder: Path) -> bool:
    return all((folder / f"{name}.npy").is_file() for name in ARRAYS)


def postings_complete(build: Path) -> bool:
    """Whether the build has every array this version reads (older builds lack some)."""
    try:
        entries = segment_entries(build)
        return all(
            _segment_complete(build / POSTINGS_DIR / e["segment"])
            and set(e["field_lengths"]) == set(TEXT_FIELDS)
            and int(e["documents"]) >= 0
            for e in entries
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def posting_key(fieldname: str, term: bytes) -> bytes:
    return fieldname.encode() + SEPARATOR + term


def _read(matcher: Matcher, with_positions: bool) -> tuple[list[int], list[float], list[int], list[int]]:
    """All of a leaf matcher's postings: ids, weights and, for text fields, position deltas
    and their count per posting; deleted documents are dropped later, from the index-wide map."""
    ids, weights, values = read_postings(matcher, with_positions)
    deltas, counts = decode_positions(values) if with_positions else ([], [0] * len(ids))
    return ids, weights, deltas, counts


def write_postings(ix: Index, build: Path, previous: Path | None = None) -> None:
    """Arrays for every segment of the index: linked from `previous` (the build this one
    was copied from) when it has that segment's, else decoded from Whoosh."""
    out = build / POSTINGS_DIR
    out.mkdir(exist_ok=True)
    manifest = []
    with ix.reader() as reader:
        for leaf, offset in reader.leaf_readers():
            segment = leaf.segment().segment_id()
            manifest.append(
                {
                    "segment": segment,
                    "offset": offset,
                    "documents": leaf.doc_count_all(),
                    # Whoosh's exact totals (deleted documents included), for BM25F's average.
                    "field_lengths": {name: leaf.field_length(name) for name in TEXT_FIELDS},
                }
            )
            folder = out / segment
            if not folder.exists():
                earlier = previous / POSTINGS_DIR / segment if previous is not None else None
                if earlier is not None and _segment_complete(earlier):
                    _link_folder(earlier, folder)
                else:
                    _write_segment(leaf, folder)
            if not summaries_complete(folder):
                write_summaries(leaf, folder, build / DB_NAME)
            if not (folder / f"{TERM_WEIGHTS}.npy").is_file():
                write_term_weights(folder)
    (out / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def weight_totals(weights: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """Each term's total weight in the segment (Whoosh's frequency there), in float64.
    The weights are counts of a term in a document, whole numbers: summed in any order,
    the total is the one `Postings.frequency` sums from the weights themselves."""
    totals = np.zeros(len(offsets) - 1, dtype=np.float64)
    starts = offsets[:-1]
    present = offsets[1:] > starts
    if present.any():
        sums = np.add.reduceat(np.asarray(weights, dtype=np.float64), starts[present])
        totals[present] = sums
    return totals


def write_term_weights(folder: Path) -> None:
    """The totals for a segment's arrays written before they were (linked from an older
    build): read from its own weights, written under another name and renamed."""
    weights = np.load(folder / "weights.npy", mmap_mode="r")
    offsets = np.load(folder / "offsets.npy")
    save_array(folder / f"{TERM_WEIGHTS}.npy.part", weight_totals(weights, offsets))
    (folder / f"{TERM_WEIGHTS}.npy.part").rename(folder / f"{TERM_WEIGHTS}.npy")


def summaries_complete(folder: Path) -> bool:
    return all((folder / f"{name}.npy").is_file() for name in SUMMARY_ARRAYS)


# A summary's own columns, in the order a record holds them (app.queries.articles reads them).
SUMMARY_COLUMNS = (
    "id, slug, display_title, title_derived, date, date_precision, date_inferred, date_month,"
    " date_day, language, outlet, lead, event_types"
)
_SUMMARY_LINKS = {
    "leaders": "SELECT article_id, leader_slug, role_title, affiliation, resolved_from_title"
    " FROM article_leader WHERE article_id IN ({marks}) ORDER BY centrality DESC, leader_slug",
    "countries": "SELECT article_id, country_code FROM article_country WHERE article_id IN ({marks})"
    " ORDER BY mentions DESC, country_code",
    "organisations": "SELECT article_id, organisation_code FROM article_organisation"
    " WHERE article_id IN ({marks}) ORDER BY mentions DESC, organisation_code",
}
SUMMARY_CHUNK = 500


def summary_records(database: Path, ids: list[str]) -> dict[str, bytes]:
    """Each article's summary as the search page shows it, before names and dates are put
    in a language: its own columns, then its leaders (slug, role, affiliation, resolved
    from a title), countries and organisations (codes), each list in the page's order, as
    one JSON array. Names come from the entity tables when read: the register can rename
    a leader without the article being indexed again."""
    records: dict[str, bytes] = {}
    db = sqlite3.connect(sqlite_uri(database, read_only=True), uri=True)
    try:
        for start in range(0, len(ids), SUMMARY_CHUNK):
            chunk = ids[start : start + SUMMARY_CHUNK]
            marks = ", ".join("?" * len(chunk))
            links: dict[str, dict[str, list[Any]]] = {name: {} for name in _SUMMARY_LINKS}
            for name, statement in _SUMMARY_LINKS.items():
                for article_id, *rest in db.execute(statement.format(marks=marks), chunk):
                    links[name].setdefault(article_id, []).append(rest if name == "leaders" else rest[0])
            rows = db.execute(f"SELECT {SUMMARY_COLUMNS} FROM article WHERE id IN ({marks})", chunk)
            for row in rows:
                article_id = row[0]
                record = [*row, *(links[name].get(article_id, []) for name in _SUMMARY_LINKS)]
                records[article_id] = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode()
    finally:
        db.close()
    return records


class _GrowingArray:
    """A 1-D .npy file written piece by piece: the items go to a side file as they come, and
    the header (which holds the length) is put before them at the end. The file is the one
    np.save gives for the whole array."""

    def __init__(self, path: Path, dtype: type[np.generic] | np.dtype) -> None:
        self.path, self.dtype, self.length = path, np.dtype(dtype), 0
        self.side = path.with_name(path.name + ".items")
        self.handle = self.side.open("wb")

    def append(self, items: np.ndarray) -> None:
        data = np.ascontiguousarray(items, dtype=self.dtype)
        try:
            # Python's write, not numpy's: a full disk raises ENOSPC (see save_array).
            self.handle.write(data.data)
        except BaseException:
            self.handle.close()
            raise
        self.length += len(data)

    def discard(self) -> None:
        """Given up (the build failed): the side file closed; the build's folder goes."""
        self.handle.close()

    def close(self) -> None:
        self.handle.close()
        header = {"descr": np.lib.format.dtype_to_descr(self.dtype), "fortran_order": False}
        with self.path.open("wb") as out, self.side.open("rb") as items:
            np.lib.format.write_array_header_1_0(out, {**header, "shape": (self.length,)})
            shutil.copyfileobj(items, out, 1 << 20)
        self.side.unlink()


def write_summaries(leaf: IndexReader, folder: Path, database: Path) -> None:
    """Every live document's summary record (`summary_records`) by its number in the
    segment, as bytes and offsets: a search page reads its ten from here, not from SQLite
    (four statements a page, whose reads wade through each article's raw text and body).
    Deleted documents get an empty record. Read and written SUMMARY_CHUNK documents at a
    time: a segment's records are not all held at once."""
    size = leaf.doc_count_all()
    ids = {docnum: str(stored["id"]) for docnum, stored in leaf.iter_docs()}
    offsets = np.zeros(size + 1, dtype=np.int64)
    # Written under other names and renamed, offsets last: a folder with both is complete.
    data = _GrowingArray(folder / "summaries.npy.part", np.uint8)
    try:
        for start in range(0, size, SUMMARY_CHUNK):
            numbers = range(start, min(start + SUMMARY_CHUNK, size))
            records = summary_records(database, sorted({ids[d] for d in numbers if d in ids}))
            parts = [records.get(ids[d], b"") if d in ids else b"" for d in numbers]
            offsets[start + 1 : numbers.stop + 1] = [len(p) for p in parts]
            data.append(np.frombuffer(b"".join(parts), dtype=np.uint8))
        data.close()
    except BaseException:
        data.discard()
        raise
    np.cumsum(offsets, out=offsets)
    save_array(folder / "summary_offsets.npy.part", offsets)
    (folder / "summaries.npy.part").rename(folder / "summaries.npy")
    (folder / "summary_offsets.npy.part").rename(folder / "summary_offsets.npy")


def _link_folder(source: Path, target: Path) -> None:
    target.mkdir()
    for item in source.iterdir():
        try:
            os.link(item, target / item.name)
        except OSError:
            shutil.copy2(item, target / item.name)


def field_lengths(leaf: IndexReader, fieldname: str) -> np.ndarray:
    """Each document's length in a field. Whoosh answers None, not 0, for a document whose
    field has no tokens (a headline of only `***` or `📷`) once any other document of the
    segment has some: read as 0, or one such article would sink every load that decodes
    its segment, merges included."""
    size = leaf.doc_count_all()
    return np.fromiter(
        (leaf.doc_field_length(d, fieldname, 0) or 0 for d in range(size)), dtype=np.int32, count=size
    )


# Postings (and positions) one segment writer decodes before it writes them out: its memory
# is bounded by this, not by its segment's size (a 50k-article segment's postings held at
# once, as lists and then joined, took the load to 1.24 GB).
WRITE_BATCH_POSTINGS = 1 << 20


class _SegmentWriter:
    """The postings arrays of one segment, written a batch of terms at a time in key order."""

    def __init__(self, staging: Path) -> None:
        self.docs = _GrowingArray(staging / "docs.npy", np.int32)
        self.weights = _GrowingArray(staging / "weights.npy", np.float32)
        self.positions = _GrowingArray(staging / "positions.npy", np.uint32)
        self.position_offsets = _GrowingArray(staging / "position_offsets.npy", np.int64)
        self.position_offsets.append(np.zeros(1, dtype=np.int64))
        self.positions_written = 0
        # Per term: its postings and total weight (small: one number per term).
        self.sizes: list[np.ndarray] = []
        self.totals: list[np.ndarray] = []
        self._clear()

    def _clear(self) -> None:
        self.ids: list[int] = []
        self.term_weights: list[float] = []
        self.deltas: list[int] = []
        self.counts: list[int] = []
        self.term_sizes: list[int] = []

    def add(self, ids: list[int], weights: list[float], deltas: list[int], counts: list[int]) -> None:
        """One term's postings (position deltas and their count per posting)."""
        self.ids += ids
        self.term_weights += weights
        self.deltas += deltas
        self.counts += counts
        self.term_sizes.append(len(ids))
        if len(self.ids) + len(self.deltas) >= WRITE_BATCH_POSTINGS:
            self.flush()

    def flush(self) -> None:
        if not self.term_sizes:
            return
        sizes = np.array(self.term_sizes, dtype=np.int64)
        offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum(sizes)
        weights = np.array(self.term_weights, dtype=np.float32)
        self.docs.append(np.array(self.ids, dtype=np.int32))
        self.weights.append(weights)
        self.sizes.append(sizes)
        self.totals.append(weight_totals(weights, offsets))
        positions, position_offsets = _positions(
            np.array(self.deltas, dtype=np.int64), np.array(self.counts, dtype=np.int64)
        )
        self.positions.append(positions)
        self.position_offsets.append(position_offsets[1:] + self.positions_written)
        self.positions_written += len(positions)
        self._clear()

    def discard(self) -> None:
        for array in (self.docs, self.weights, self.positions, self.position_offsets):
            array.discard()

    def close(self) -> tuple[np.ndarray, np.ndarray]:
        """Every file written; the terms' offsets into the postings, and their total weights."""
        self.flush()
        for array in (self.docs, self.weights, self.positions, self.position_offsets):
            array.close()
        sizes = np.concatenate(self.sizes) if self.sizes else np.zeros(0, dtype=np.int64)
        offsets = np.zeros(len(sizes) + 1, dtype=np.int64)
        offsets[1:] = np.cumsum(sizes)
        totals = np.concatenate(self.totals) if self.totals else np.zeros(0, dtype=np.float64)
        return offsets, totals


def segment_keys(leaf: IndexReader) -> list[bytes]:
    """Every posting key of a segment, sorted: field by field, each field's terms as Whoosh
    lists them (sorted already: then the sort is one pass)."""
    keys = [posting_key(name, term) for name in sorted(POSTING_FIELDS) for term in leaf.lexicon(name)]
    keys.sort()
    return keys


def _write_segment(leaf: IndexReader, folder: Path) -> None:
    """One segment's arrays, document numbers local to it, deleted documents included.
    Terms are decoded in key order and written a batch at a time (WRITE_BATCH_POSTINGS)."""
    staging = folder.with_name(folder.name + ".part")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    keys = segment_keys(leaf)
    for fieldname in TEXT_FIELDS:
        save_array(staging / f"length_{fieldname}.npy", field_lengths(leaf, fieldname))
    sorted_keys = np.array(keys, dtype=bytes) if keys else np.zeros(0, "S1")
    save_array(staging / "keys.npy", sorted_keys)
    for name, array in spelling.spelling_arrays(sorted_keys, spelling.FIELD_PREFIX).items():
        save_array(staging / f"{name}.npy", array)
    del sorted_keys
    writer = _SegmentWriter(staging)
    try:
        for key in keys:
            field, term = key.split(SEPARATOR, 1)
            fieldname = field.decode()
            writer.add(*_read(leaf.postings(fieldname, term), fieldname in TEXT_FIELDS))
        offsets, totals = writer.close()
    except BaseException:
        writer.discard()
        raise
    save_array(staging / "offsets.npy", offsets)
    save_array(staging / f"{TERM_WEIGHTS}.npy", totals)
    staging.rename(folder)


def _positions(deltas: np.ndarray, counts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Absolute positions from per-posting deltas, and where each posting's positions start."""
    position_offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    position_offsets[1:] = np.cumsum(counts)
    running = np.cumsum(deltas)
    starts = position_offsets[:-1][counts > 0]
    # Each posting's running sum restarts: subtract what came before its first delta.
    before = running[starts] - deltas[starts]
    positions = running - np.repeat(before, counts[counts > 0])
    return positions.astype(np.uint32), position_offsets


# Postings one search keeps of the terms it read (Postings.for_one_search): 1.5 MB at most
# (document number and weight), every term of a rare word at 100k articles.
KEPT_POSTINGS = 1 << 17


class PrefixPart(NamedTuple):
    """One segment's postings of the terms of a prefix (see `Postings.prefix_items`)."""

    docs: np.ndarray  # index-wide document numbers
    weights: np.ndarray
    terms: np.ndarray  # each posting's term, an index into the prefix's terms
    term_count: int  # terms of the prefix in this segment
    segment_documents: int  # the segment's doc_count_all


class ReadOnDemand:
    """A 1-D .npy array read a slice at a time (`os.pread`), never mapped: what a search
    reads stays in the kernel's page cache, shared by every worker and charged to none, and
    nothing of it stays in the worker. Mapped, every page of the postings a worker's
    searches had touched counted as its own memory (Private_Clean) for as long as it ran:
    about 350 MB at 100k articles after 20,000 searches and pages. Only basic slices."""

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            version = np.lib.format.read_magic(handle)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(handle)
            else:
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(handle)
            self.start = handle.tell()
        if len(shape) != 1 or dtype.hasobject:
            raise ValueError(f"{path.name}: not a flat array of numbers")
        self.dtype: np.dtype = dtype
        self.length = int(shape[0])
        self.fd = os.open(path, os.O_RDONLY)
        weakref.finalize(self, os.close, self.fd)

    def __len__(self) -> int:
        return self.length

    def __getitem__(self, part: slice) -> np.ndarray:
        start, stop, step = part.indices(self.length)
        if step != 1:
            raise IndexError("only contiguous slices are read")
        return self.read(start, stop)

    def read(self, start: int, stop: int) -> np.ndarray:
        """Items start to stop, both within the array (a search reads a few hundred slices:
        this is __getitem__ without the slice's checks)."""
        size = max(0, stop - start) * self.dtype.itemsize
        data = os.pread(self.fd, size, self.start + start * self.dtype.itemsize) if size else b""
        if len(data) != size:
            raise OSError(f"short read: {len(data)} of {size} bytes")
        return np.frombuffer(data, dtype=self.dtype)


class SegmentPostings:
    """One segment's arrays (see `write_postings`), local doc numbers: the term dictionary,
    lengths and spelling index memory-mapped (small, read by every search), the postings
    themselves read on demand (large: see ReadOnDemand)."""

    def __init__(self, folder: Path, offset: int, documents: int = 0) -> None:

        def load(name: str) -> np.ndarray:
            # A plain ndarray over the mapping: np.memmap's own __getitem__ is Python code,
            # a few microseconds on every term looked up (several per term, per segment).
            array: np.ndarray = np.load(folder / f"{name}.npy", mmap_mode="r").view(np.ndarray)
            return array

        self.folder, self.offset, self.documents = folder, offset, documents
        self.keys: np.ndarray = load("keys")
        self.offsets: np.ndarray = load("offsets")
        self.docs = ReadOnDemand(folder / "docs.npy")
        self.weights = ReadOnDemand(folder / "weights.npy")
        self.positions = ReadOnDemand(folder / "positions.npy")
        self.position_offsets = ReadOnDemand(folder / "position_offsets.npy")
        self.lengths = {name: load(f"length_{name}") for name in TEXT_FIELDS}
        self.spell_hashes: np.ndarray = load("spell_hashes")
        self.spell_terms: np.ndarray = load("spell_terms")
        totals = folder / f"{TERM_WEIGHTS}.npy"
        self.term_weights: np.ndarray | None = load(TERM_WEIGHTS) if totals.is_file() else None
        complete = summaries_complete(folder)
        self.summaries = ReadOnDemand(folder / "summaries.npy") if complete else None
        self.summary_offsets = load("summary_offsets") if complete else None

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
            SegmentPostings(build / POSTINGS_DIR / e["segment"], int(e["offset"]), int(e["documents"]))
            for e in entries
        ]
        self.starts = [s.offset for s in self.segments]
        # Whoosh's statistics, for BM25F without opening a searcher (that costs ~170 MB at 100k).
        self.doc_count_all = sum(int(e["documents"]) for e in entries)
        self.field_length_totals = {
            name: sum(int(e["field_lengths"][name]) for e in entries) for name in TEXT_FIELDS
        }
        self.lengths = {
            name: _joined([s.lengths[name] for s in self.segments], np.int32) for name in TEXT_FIELDS
        }
        self._spans: dict[tuple[str, str], list[tuple[int, int]]] | None = None
        self._kept: dict[tuple[str, str], tuple[np.ndarray, np.ndarray | None]] | None = None
        self._kept_postings = 0

    @property
    def has_summaries(self) -> bool:
        """Whether every segment has its summary records (builds before them have none)."""
        return all(s.summaries is not None for s in self.segments)

    def summary(self, docnum: int) -> bytes:
        """The summary record of an index-wide document number (`write_summaries`); empty
        for a deleted document."""
        at = bisect.bisect_right(self.starts, docnum) - 1
        segment = self.segments[at]
        assert segment.summaries is not None and segment.summary_offsets is not None
        local = docnum - segment.offset
        start, end = int(segment.summary_offsets[local]), int(segment.summary_offsets[local + 1])
        return segment.summaries.read(start, end).tobytes()

    def for_one_search(self) -> "Postings":
        """This build's postings with a memory of what one search asked for: matching, a
        phrase's places and then ranking look each of its terms up two or three times
        (document numbers, weights, document frequency), a binary search of every segment's
        term dictionary and a read per segment each time. Where each term is, always; its
        arrays, up to KEPT_POSTINGS postings per search (holding every term's arrays until
        the search ended kept megabytes per search in flight at 100k articles; the terms of
        a page's few words that fit are most of a search's reads at 10k). Not shared between
        searches (threads), and gone with the search."""
        view = copy.copy(self)
        view._spans = {}
        view._kept = {}
        view._kept_postings = 0
        return view

    def _keep(self, fieldname: str, term: str, docs: np.ndarray, weights: np.ndarray | None) -> None:
        if self._kept is None:
            return
        added = 0 if (fieldname, term) in self._kept else len(docs)
        if self._kept_postings + added > KEPT_POSTINGS:
            return
        self._kept_postings += added
        self._kept[fieldname, term] = (docs, weights)

    def _term_spans(self, fieldname: str, term: str) -> list[tuple[int, int]]:
        """(low, high) of the term's postings in each segment (equal where it has none)."""
        if self._spans is not None and (fieldname, term) in self._spans:
            return self._spans[fieldname, term]
        key = posting_key(fieldname, term.encode())
        spans = [segment.span(key) for segment in self.segments]
        if self._spans is not None:
            self._spans[fieldname, term] = spans
        return spans

    def term_spans(self, fieldname: str, term: str) -> list[tuple[int, int]]:
        """(low, high) of the term's postings in each segment, in `segments`' order (equal
        where it has none)."""
        return self._term_spans(fieldname, term)

    def items(self, fieldname: str, term: str) -> tuple[np.ndarray, np.ndarray]:
        """Document numbers and Whoosh's weights (term frequency times field boost)."""
        kept = self._kept.get((fieldname, term)) if self._kept is not None else None
        if kept is not None and kept[1] is not None:
            return kept[0], kept[1]
        spans = self._term_spans(fieldname, term)
        docs = kept[0] if kept is not None else self._read_docs(spans)
        weights = _joined(
            [
                segment.weights.read(low, high)
                for segment, (low, high) in zip(self.segments, spans, strict=True)
                if low < high
            ],
            np.float32,
        )
        self._keep(fieldname, term, docs, weights)
        return docs, weights

    def _read_docs(self, spans: list[tuple[int, int]]) -> np.ndarray:
        return _joined(
            [
                segment.docs.read(low, high) + np.int64(segment.offset)
                for segment, (low, high) in zip(self.segments, spans, strict=True)
                if low < high
            ],
            np.int64,
        )

    def doc_frequency(self, fieldname: str, term: str) -> int:
        """Postings of the term, deleted documents included: Whoosh's doc_frequency."""
        return sum(high - low for low, high in self._term_spans(fieldname, term))

    def frequency(self, fieldname: str, term: str) -> float:
        """The term's total weight over all segments, deleted documents included: Whoosh's
        `reader.frequency`."""
        key = posting_key(fieldname, term.encode())
        total = 0.0
        for segment in self.segments:
            if segment.term_weights is not None:
                i = int(np.searchsorted(segment.keys, key))
                if i < len(segment.keys) and segment.keys[i] == key:
                    total += float(segment.term_weights[i])
                continue
            low, high = segment.span(key)
            total += float(segment.weights[low:high].sum(dtype=np.float64))
        return total

    def respelling(self, word: str) -> str | None:
        """The text-field term Whoosh's corrector would offer for `word` (app.build.spelling),
        from each segment's symmetric-delete index. A candidate's frequency (its weights,
        read in every segment) is read only once it is known to be close enough: reading
        every candidate's was most of a search that finds nothing at 100k articles."""
        frequencies: dict[str, float] = {}
        measured: set[str] = set()
        wanted = spelling.wanted_hashes(word)
        for segment in self.segments:
            found = spelling.candidates(segment.keys, segment.spell_hashes, segment.spell_terms, word, wanted)
            for index in found.tolist():
                term = bytes(segment.keys[index])[len(spelling.FIELD_PREFIX) :].decode()
                if term not in measured:
                    measured.add(term)
                    if spelling.close(word, term):
                        frequencies[term] = self.frequency(TEXT, term)
        return spelling.best(word, frequencies, measured=True)

    def docs_for(self, fieldname: str, term: str) -> np.ndarray:
        """The term's document numbers (its weights are not read)."""
        kept = self._kept.get((fieldname, term)) if self._kept is not None else None
        if kept is not None:
            return kept[0]
        docs = self._read_docs(self._term_spans(fieldname, term))
        self._keep(fieldname, term, docs, None)
        return docs

    def docs_with_prefix(self, fieldname: str, prefix: str) -> np.ndarray:
        start = posting_key(fieldname, prefix.encode())
        docs = []
        for segment in self.segments:
            low, high = segment.prefix_span(start)
            docs.append(segment.docs[low:high] + np.int64(segment.offset))
        return _joined(docs, np.int64)

    def prefix_items(self, fieldname: str, prefix: str) -> tuple[np.ndarray, list[PrefixPart]]:
        """Every posting of every term starting with `prefix`, read as one range of the sorted
        term dictionary per segment: each term's document frequency over all segments
        (deleted documents included, as Whoosh counts), and per segment its postings."""
        start = posting_key(fieldname, prefix.encode())
        ranges = []
        for segment in self.segments:
            low = int(np.searchsorted(segment.keys, start))
            high = int(np.searchsorted(segment.keys, start + b"\xff"))
            if low < high:
                ranges.append((segment, low, high))
        if not ranges:
            return np.zeros(0, dtype=np.int64), []
        # Sorted and deduplicated by hand: np.unique imported numpy.ma on its first call, a
        # quarter of a second charged to the first prefix search of every worker.
        terms = np.sort(np.concatenate([segment.keys[low:high] for segment, low, high in ranges]))
        terms = terms[np.concatenate(([True], terms[1:] != terms[:-1]))]
        frequencies = np.zeros(len(terms), dtype=np.int64)
        parts = []
        for segment, low, high in ranges:
            # A term is once in a segment's sorted keys: plain fancy-index adds do not collide.
            term_index = np.searchsorted(terms, segment.keys[low:high])
            counts = np.diff(segment.offsets[low : high + 1])
            frequencies[term_index] += counts
            first, last = int(segment.offsets[low]), int(segment.offsets[high])
            parts.append(
                PrefixPart(
                    docs=segment.docs[first:last] + np.int64(segment.offset),
                    weights=segment.weights[first:last],
                    terms=np.repeat(term_index, counts),
                    term_count=high - low,
                    segment_documents=segment.documents,
                )
            )
        return frequencies, parts

    def places(self, fieldname: str, terms: list[str], within: np.ndarray | None = None) -> np.ndarray:
        """Where any of the terms stands, as sorted unique codes: document << 32 | position.
        `within`: a mask over document numbers; the places in other documents may be left
        out (a phrase's candidates: every place of a common word at 100k articles is a
        million). They are, where that drops at least half of a term's postings; filtering
        out fewer cost more than it saved."""
        chunks = []
        seen: list[list[tuple[np.ndarray, np.ndarray, np.ndarray] | None]] = []
        for term in terms:
            read: list[tuple[np.ndarray, np.ndarray, np.ndarray] | None] = []
            # Index-wide document numbers, segment after segment (as a phrase's candidates
            # read them: kept by a search's view).
            term_docs, at = self.docs_for(fieldname, term), 0
            for segment, (low, high) in zip(self.segments, self._term_spans(fieldname, term), strict=True):
                if low == high:
                    read.append(None)
                    continue
                starts = segment.position_offsets.read(low, high + 1)
                positions = segment.positions.read(int(starts[0]), int(starts[-1]))
                read.append((term_docs[at : at + high - low], np.diff(starts), positions))
                at += high - low
            # A word's keys (its form, stem, lemma) often index the very same tokens: a key
            # whose postings and positions equal an earlier one's adds no place.
            if any(_same_places(read, earlier) for earlier in seen):
                continue
            seen.append(read)
            for found in read:
                if found is None:
                    continue
                docs, counts, positions = found
                if within is not None:
                    narrowed = postings_within(docs, counts, positions, within)
                    if narrowed is None:
                        continue
                    docs, counts, positions = narrowed
                # Shifted before they are repeated, positions widened inside the OR: two
                # passes over the places instead of four.
                chunks.append(np.repeat(docs << 32, counts) | positions)
        if not chunks:
            return np.zeros(0, dtype=np.int64)
        codes = np.concatenate(chunks)
        if len(seen) == 1:
            return codes  # one term's places, segment after segment: sorted and unique
        codes.sort(kind="stable")  # timsort merges the sorted runs; np.unique hashed 30x slower
        return codes[np.concatenate(([True], codes[1:] != codes[:-1]))]


def _same_places(
    one: list[tuple[np.ndarray, np.ndarray, np.ndarray] | None],
    other: list[tuple[np.ndarray, np.ndarray, np.ndarray] | None],
) -> bool:
    """Whether two terms' (documents, position counts, positions) are equal in every segment."""
    for a, b in zip(one, other, strict=True):
        if a is None or b is None:
            if a is not b:
                return False
            continue
        if not same_postings(a, b):
            return False
    return True


def same_postings(
    one: tuple[np.ndarray, np.ndarray, np.ndarray], other: tuple[np.ndarray, np.ndarray, np.ndarray]
) -> bool:
    """Whether two keys' (documents, position counts, positions) in one segment are equal."""
    if len(one[0]) != len(other[0]) or len(one[2]) != len(other[2]):
        return False
    # Lengths are equal: one comparison each (np.array_equal's checks cost more here).
    return all((x == y).all() for x, y in zip(one, other, strict=True))


def postings_within(
    docs: np.ndarray, counts: np.ndarray, positions: np.ndarray, within: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """A key's postings (documents, position counts, positions) kept to the documents the
    mask `within` marks, where that drops at least half of them (filtering out fewer cost
    more than it saved); None when it keeps none."""
    kept = docs < len(within)
    kept[kept] = within[docs[kept]]
    share = np.count_nonzero(kept)
    if not share:
        return None
    if 2 * share <= len(kept):
        return docs[kept], counts[kept], positions[np.repeat(kept, counts)]
    return docs, counts, positions


def common(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The values in both of two sorted arrays of unique values, sorted. A binary search per
    value of the shorter one when it is much shorter; else one merge of the two (timsort
    of two sorted runs is linear): over a million places of common words at 100k articles,
    the searches took twice as long."""
    if len(first) > len(second):
        first, second = second, first
    if not len(first):
        return first
    if 16 * len(first) < len(second):
        found = np.searchsorted(second, first)
        found[found == len(second)] = 0
        shared: np.ndarray = first[second[found] == first]
        return shared
    both = np.concatenate([first, second])
    both.sort(kind="stable")
    shared = both[1:][both[1:] == both[:-1]]
    return shared
