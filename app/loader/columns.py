"""Per-document columns beside the Whoosh index, for facets, filters and date order.

Whoosh's sorting facets walk every match and read stored fields; at 100k articles that is
most of a search's time. An archive build never changes, so the loader writes its
filterable fields once as NumPy arrays indexed by Whoosh document number (columns.npz),
and the web process counts facets with bincount instead.
"""

from pathlib import Path

import numpy as np
from whoosh.index import Index

from app.loader.index import MULTI_VALUED, SINGLE_VALUED

COLUMNS_FILE = "columns.npz"


def _codes(values: list[str]) -> tuple[np.ndarray, list[str]]:
    vocabulary = sorted(set(values))
    lookup = {v: i for i, v in enumerate(vocabulary)}
    return np.array([lookup[v] for v in values], dtype=np.int32), vocabulary


def write_columns(ix: Index, path: Path) -> None:
    np.savez(path / COLUMNS_FILE, **column_arrays(ix))


def column_arrays(ix: Index) -> dict[str, np.ndarray]:
    """Read every live document's stored fields once and turn them into arrays."""
    with ix.reader() as reader:
        size = reader.doc_count_all()
        ids = [""] * size
        live = np.zeros(size, dtype=bool)
        date_sort = np.zeros(size, dtype=np.int32)
        single: dict[str, list[str]] = {name: [""] * size for name in SINGLE_VALUED}
        multi: dict[str, list[list[str]]] = {name: [[] for _ in range(size)] for name in MULTI_VALUED}
        for docnum, stored in reader.iter_docs():
            ids[docnum] = stored["id"]
            live[docnum] = True
            date_sort[docnum] = stored.get("date_sort") or 0
            for name, field in SINGLE_VALUED.items():
                single[name][docnum] = stored.get(field) or ""
            for name, field in MULTI_VALUED.items():
                multi[name][docnum] = [v for v in (stored.get(field) or "").split(",") if v]
    id_array = np.array(ids, dtype=str)
    arrays: dict[str, np.ndarray] = {
        "ids": id_array,
        "live": live,
        "date_sort": date_sort,
        # Position of each id in sorted order: a numeric tie-breaker for date order.
        "id_rank": np.argsort(np.argsort(id_array, kind="stable"), kind="stable").astype(np.int32),
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
