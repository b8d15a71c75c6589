"""In-process search latency on a loaded archive: the fixed query set, p50/p95/p99.

    python bench/search.py --data DIR          (DIR from `bench/load.py --keep DIR`)

Columns: plain Whoosh as the issue measured it (top-10; + total count; + facet counts by
walking every match's stored fields) and this archive's search() (top-10 page, exact total,
facets, timeline, summaries from SQLite), first pass and warm. The fixed set repeats queries,
so its first pass is partly answered from the result cache: cold figures come from
bench/cold.py.
"""

import argparse
import sqlite3
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session  # noqa: E402
from whoosh import query as wq  # noqa: E402

from app.build import layout as builds  # noqa: E402
from app.build.archive import open_archive  # noqa: E402
from app.queries.search import search  # noqa: E402
from app.search.engine import QueryTooExpensive, build_query  # noqa: E402
from bench import fts5  # noqa: E402
from bench.queries import query_set  # noqa: E402

FACET_FIELDS = ("language", "outlet", "leaders", "countries", "organisations", "event_types")


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    pick = lambda p: ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000  # noqa: E731
    return f"p50 {pick(0.50):7.1f}  p95 {pick(0.95):7.1f}  p99 {pick(0.99):7.1f} ms"


def plain_whoosh(searcher, query, level: str) -> None:
    """The issue's baseline: plain use of Whoosh."""
    q = build_query(query.q) or wq.Every()
    if level == "top10":
        searcher.search(q, limit=10)
    elif level == "count":
        len(searcher.search(q, limit=10))
    else:
        counts = {f: Counter() for f in FACET_FIELDS}
        for hit in searcher.search(q, limit=None):
            stored = hit.fields()
            for f in FACET_FIELDS:
                counts[f].update((stored.get(f) or "").split(","))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a data directory with a loaded archive")
    parser.add_argument("--n", type=int, default=200, help="queries in the set")
    parser.add_argument("--only-archive", action="store_true", help="skip the plain Whoosh and FTS5 columns")
    parser.add_argument("--no-whoosh", action="store_true", help="skip the plain Whoosh column")
    args = parser.parse_args()
    build = builds.current_build(args.data)
    assert build is not None, "no archive in that directory"
    t0 = time.perf_counter()
    archive = open_archive(build)
    opened = time.perf_counter() - t0
    queries = query_set(args.n)
    print(f"archive: {archive.columns.size} documents, opened in {opened * 1000:.0f} ms")
    searcher = archive.searcher()
    for level in () if args.only_archive or args.no_whoosh else ("top10", "count", "facets"):
        samples = []
        for query in queries:
            t = time.perf_counter()
            plain_whoosh(searcher, query, level)
            samples.append(time.perf_counter() - t)
        print(f"plain Whoosh {level:<7} {percentiles(samples)}")
    fts_path = args.data / "fts5.sqlite"
    if not args.only_archive:
        rate = fts5.build(archive.index, build / builds.DB_NAME, fts_path)
        print(f"FTS5 built at {rate:.0f} docs/s ({fts_path.stat().st_size / 1e6:.0f} MB)")
    db = sqlite3.connect(fts_path)
    for level in () if args.only_archive else ("top10", "count", "facets"):
        samples = []
        for query in queries:
            t = time.perf_counter()
            fts5.run(db, query, level)
            samples.append(time.perf_counter() - t)
        print(f"SQLite FTS5  {level:<7} {percentiles(samples)}")
    with Session(archive.engine) as session:
        for label in ("1st", "warm"):
            samples, refused = [], 0
            for query in queries:
                t = time.perf_counter()
                try:
                    search(archive, session, query)
                except QueryTooExpensive:
                    refused += 1
                samples.append(time.perf_counter() - t)
            print(
                f"archive search() {label:<4} {percentiles(samples)}   (page + total + facets + timeline;"
                f" {refused} refused past the time limit)"
            )


if __name__ == "__main__":
    main()
