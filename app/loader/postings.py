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


def posting_key(fieldname: str, term: bytes) -> bytes:
    return fieldname.encode() + SEPARATOR + term


def _ids_and_weights(matcher: Matcher) -> tuple[list[int], list[float]]:
    """All of a leaf matcher's postings. Whoosh's block matcher hands over a block of ids and
    weights at a time (its own decoding, about 30 times faster than a step per posting);
    deleted documents are dropped later, from the index-wide map."""
    if isinstance(matcher, FilterMatcher):
        matcher = matcher.child
    ids: list[int] = []
    weights: list[float] = []
    if isinstance(matcher, W3LeafMatcher):
        while matcher.is_active():
            matcher._read_ids()
            matcher._read_weights()
            ids.extend(matcher._ids)
            weights.extend(matcher._weights)
            matcher._next_block()
        return ids, weights
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def write_postings(ix: Index, build: Path) -> None:
    out = build / POSTINGS_DIR
    out.mkdir(exist_ok=True)
    per_key: dict[bytes, list[tuple[np.ndarray, np.ndarray]]] = defaultdict(list)
    with ix.reader() as reader:
        size = reader.doc_count_all()
        deleted = np.zeros(size, dtype=bool)
        for leaf, offset in reader.leaf_readers():
            for docnum in getattr(leaf, "deleted_docs_set", frozenset()):
                deleted[docnum + offset] = True
            for fieldname in POSTING_FIELDS:
                for term in leaf.lexicon(fieldname):
                    ids, weights = _ids_and_weights(leaf.postings(fieldname, term))
                    per_key[posting_key(fieldname, term)].append(
                        (np.asarray(ids, dtype=np.int32) + offset, np.asarray(weights, dtype=np.float32))
                    )
        for fieldname in TEXT_FIELDS:
            lengths = np.fromiter(
                (reader.doc_field_length(d, fieldname, 0) for d in range(size)), dtype=np.int32, count=size
            )
            np.save(out / f"length_{fieldname}.npy", lengths)
    keys = sorted(per_key)
    doc_chunks, weight_chunks = [], []
    for key in keys:
        docs = np.concatenate([d for d, _ in per_key[key]])
        weights = np.concatenate([w for _, w in per_key[key]])
        keep = ~deleted[docs]
        doc_chunks.append(docs[keep])
        weight_chunks.append(weights[keep])
    offsets = np.zeros(len(keys) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(c) for c in doc_chunks])
    np.save(out / "keys.npy", np.array(keys, dtype=bytes) if keys else np.zeros(0, dtype="S1"))
    np.save(out / "offsets.npy", offsets)
    np.save(out / "docs.npy", np.concatenate(doc_chunks) if keys else np.zeros(0, dtype=np.int32))
    np.save(out / "weights.npy", np.concatenate(weight_chunks) if keys else np.zeros(0, dtype=np.float32))
