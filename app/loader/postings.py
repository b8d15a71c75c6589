"""The `text` field's postings as NumPy arrays (term → document numbers), beside the index.

Whoosh decodes postings in Python, about 2 µs each; deciding which of 100k articles match a
common word took seconds. An archive build never changes, so the loader writes every term's
document numbers once (postings.npz) and the web process answers "which documents" with
array slices; Whoosh still ranks the top of the list and checks phrases.
"""

from pathlib import Path

import numpy as np
from whoosh.index import Index

POSTINGS_FILE = "postings.npz"
FIELD = "text"


def write_postings(ix: Index, path: Path) -> None:
    terms: list[str] = []
    chunks: list[np.ndarray] = []
    with ix.reader() as reader:
        for term in reader.lexicon(FIELD):
            terms.append(term.decode("utf-8"))
            chunks.append(np.fromiter(reader.postings(FIELD, term).all_ids(), dtype=np.int32))
    offsets = np.zeros(len(chunks) + 1, dtype=np.int64)
    offsets[1:] = np.cumsum([len(c) for c in chunks])
    docs = np.concatenate(chunks) if chunks else np.zeros(0, dtype=np.int32)
    np.savez(path / POSTINGS_FILE, terms=np.array(terms, dtype=str), offsets=offsets, docs=docs)
