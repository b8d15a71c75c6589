"""The index's postings as NumPy arrays (field + term → document numbers and weights), beside
the index, with each document's field lengths.

Whoosh decodes postings and scores matches in Python, about 2 µs per posting; deciding
which of 100k articles match a common word, and ranking them, took seconds. An archive
build never changes, so the loader writes every term's document numbers and Whoosh's own
weights once, and the web process matches and ranks with array operations
(`app.queries.matching`, `app.queries.ranking`) to the same results Whoosh gives.

The arrays are plain `.npy` files, memory-mapped by the web process: every worker shares
one copy in the page cache instead of holding its own.
"""

import pickle
from collections import defaultdict
from pathlib import Path

import numpy as np
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.index import Index
from whoosh.matching import Matcher
from whoosh.matching.wrappers import FilterMatcher

from app.loader.index import FACETS, TEXT_FIELDS

POSTINGS_DIR = "postings"
# Every field a search can name: words (scored by BM25F) and the entity and filter fields.
POSTING_FIELDS = (*TEXT_FIELDS, *FACETS.values())
SEPARATOR = b"\x1f"


ARRAYS = ("keys", "offsets", "docs", "weights", "positions", "position_offsets")


def postings_complete(build: Path) -> bool:
    """Whether the build has every array this version reads (older builds lack some)."""
    return all((build / POSTINGS_DIR / f"{name}.npy").is_file() for name in ARRAYS)


def posting_key(fieldname: str, term: bytes) -> bytes:
    return fieldname.encode() + SEPARATOR + term


def _decode_positions(values: list[bytes]) -> tuple[list[int], list[int]]:
    """Whoosh's Positions values (a count, then a pickled list of deltas) as one flat list of
    deltas and the number per posting: the same decoding as `Positions.decode_positions`,
    with the running sums left to NumPy."""
    deltas: list[int] = []
    counts: list[int] = []
    for value in values:
        codes = pickle.loads(value[4:] if value.endswith(b".") else value[4:] + b".")
        deltas.extend(codes)
        counts.append(len(codes))
    return deltas, counts


def _read(matcher: Matcher, with_positions: bool) -> tuple[list[int], list[float], list[int], list[int]]:
    """All of a leaf matcher's postings: ids, weights and, for text fields, position deltas
    and their count per posting. Whoosh's block matcher hands over a block at a time (its
    own decoding, about 30 times faster than a step per posting); deleted documents are
    dropped later, from the index-wide map."""
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
            if with_positions:
                matcher._read_values()
                values.extend(matcher._values)
            matcher._next_block()
    else:
        while matcher.is_active():
            ids.append(matcher.id())
            weights.append(matcher.weight())
            if with_positions:
                values.append(matcher.value())
            matcher.next()
    deltas, counts = _decode_positions(values) if with_positions else ([], [0] * len(ids))
    return ids, weights, deltas, counts


class _Term:
    """One term's postings gathered over the segments, before they become arrays."""

    def __init__(self) -> None:
        self.docs: list[np.ndarray] = []
        self.weights: list[np.ndarray] = []
        self.deltas: list[np.ndarray] = []
        self.counts: list[np.ndarray] = []


def write_postings(ix: Index, build: Path) -> None:
    out = build / POSTINGS_DIR
    out.mkdir(exist_ok=True)
    per_key: dict[bytes, _Term] = defaultdict(_Term)
    with ix.reader() as reader:
        size = reader.doc_count_all()
        deleted = np.zeros(size, dtype=bool)
        for leaf, offset in reader.leaf_readers():
            for docnum in getattr(leaf, "deleted_docs_set", frozenset()):
                deleted[docnum + offset] = True
            for fieldname in POSTING_FIELDS:
                with_positions = fieldname in TEXT_FIELDS
                for term in leaf.lexicon(fieldname):
                    ids, weights, deltas, counts = _read(leaf.postings(fieldname, term), with_positions)
                    gathered = per_key[posting_key(fieldname, term)]
                    gathered.docs.append(np.asarray(ids, dtype=np.int32) + offset)
                    gathered.weights.append(np.asarray(weights, dtype=np.float32))
                    gathered.deltas.append(np.asarray(deltas, dtype=np.int64))
                    gathered.counts.append(np.asarray(counts, dtype=np.int64))
        for fieldname in TEXT_FIELDS:
            lengths = np.fromiter(
                (reader.doc_field_length(d, fieldname, 0) for d in range(size)), dtype=np.int32, count=size
            )
            np.save(out / f"length_{fieldname}.npy", lengths)
    keys = sorted(per_key)
    docs, weights, deltas, counts = [], [], [], []
    for key in keys:
        gathered = per_key.pop(key)
        term_docs = np.concatenate(gathered.docs)
        term_counts = np.concatenate(gathered.counts)
        term_deltas = np.concatenate(gathered.deltas)
        keep = ~deleted[term_docs]
        docs.append(term_docs[keep])
        weights.append(np.concatenate(gathered.weights)[keep])
        deltas.append(term_deltas[np.repeat(keep, term_counts)])
        counts.append(term_counts[keep])
    all_counts = np.concatenate(counts) if keys else np.zeros(0, dtype=np.int64)
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(d) for d in docs])
    np.save(out / "keys.npy", np.array(keys, dtype=bytes) if keys else np.zeros(0, dtype="S1"))
    np.save(out / "offsets.npy", offsets)
    np.save(out / "docs.npy", np.concatenate(docs) if keys else np.zeros(0, dtype=np.int32))
    np.save(out / "weights.npy", np.concatenate(weights) if keys else np.zeros(0, dtype=np.float32))
    positions, position_offsets = _positions(np.concatenate(deltas) if keys else np.zeros(0), all_counts)
    np.save(out / "positions.npy", positions)
    np.save(out / "position_offsets.npy", position_offsets)


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
