"""Cold search latency by query class, the archive beside reference engines, one run.

    python bench/cold.py --data DIR [--seed 1] [--per-class 40] [--client plain] [--reuse-copies] [--repeat 3]
    python bench/cold.py --data DIR --seed 31 --profile "multi-word"   (where one class's CPU goes)

Cold: every query is one its process has never seen. The set (`bench/coldset.py`) is drawn
with the seed from the archive's own vocabulary and holds no two queries the result cache
would take for one; each engine runs in a fresh process, asks each query exactly once, and
refuses to time a query its process has seen (for the archive: one already in its result
cache). Nothing in the app is cleared or bypassed. Before timing, each process answers a
few warm-up queries that are not in the set, so opening files is not counted against the
first query, and then freezes its heap as a served worker does after its warm-up
(app.serving.freeze_heap_once). The OS page cache is not cold: at 10k the whole archive stays in memory.

Engines, each in its own process: the archive's search() (page of 10, exact total, facets,
timeline, summaries and snippets), tantivy over the same index keys (top 10, count, the
same six facets and months, by aggregation), SQLite FTS5 over the same keys (top 10, count,
facets and months in SQL), and /api/search over HTTP from a fresh `archive serve` (its
default workers: one per core, at most 4; `--workers N` for another count) with 1 and then
10 concurrent clients (a fresh server for each). The reference engines read
phrases as all their words (their keys put several at one position); each row says how
often its totals agree with the archive's.

Each in-process engine's CPU time per query is printed beside its wall time, with the
archive's p95 over tantivy's per class in both: on a machine shared with other work the
wall times stretch, the CPU times much less; `--repeat N` runs each in-process engine N
times, each in a fresh process, and takes each query's least time over the runs. The HTTP
runs print the CPU each request cost the client and each worker; `--client plain` drives
them with a hand-spoken HTTP/1.1 client that costs a fifth of httpx's CPU, which shares the
server's cores, and the share of the machine's cores other processes took meanwhile (on a
shared machine, the throughput of 10 clients is what they left).
"""

import argparse
import asyncio
import datetime as dt
import hashlib
import json
import math
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.build import layout as builds  # noqa: E402
from bench.coldset import CLASSES, BenchQuery, query_set  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
# Per query, in-process engines: (wall seconds, total, CPU seconds of the process); the CPU
# figure is the one a machine shared with other work does not stretch.
Sample = tuple[float, int | None, float]
# Not in any set (the generator never makes these): they open files and searchers.
WARMUP = ("зщхъэ", "date:2020 зщхъэжд", "xqzv")


def percentile(samples: list[float], p: float) -> float:
    """Nearest rank: with 40 queries in a class, p99 is its slowest."""
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p * len(ordered)) - 1))]


def archive_request(query: BenchQuery):  # type: ignore[no-untyped-def]
    from app.search.engine import ArticleQuery

    return ArticleQuery(
        q=query.q,
        filters={k: list(v) for k, v in query.filters.items()},
        date_from=dt.date.fromisoformat(query.date_from) if query.date_from else None,
        date_to=dt.date.fromisoformat(query.date_to) if query.date_to else None,
        limit=10,
    )


# --- the archive in process ---------------------------------------------------------------


def run_archive(build: Path, queries: list[BenchQuery], profile: Path | None = None) -> list[Sample]:
    """`profile`: write cProfile's statistics of the timed searches (not the warm-up) there."""
    import cProfile

    from sqlmodel import Session

    from app.build.archive import open_archive
    from app.queries.search import cache_key, search
    from app.search.engine import QueryTooExpensive
    from app.serving import freeze_heap_once

    archive = open_archive(build)
    out: list[Sample] = []
    with Session(archive.engine) as session:
        for text in WARMUP:
            search(archive, session, archive_request(BenchQuery(kind="warm-up", q=text)))
        # As a served worker does once its warm-up is over: what start-up loaded is never
        # walked by the garbage collector again.
        freeze_heap_once()
        seen: set[tuple] = set()
        profiler = cProfile.Profile() if profile else None
        for query in queries:
            request = archive_request(query)
            key = cache_key(request, request.effective_sort, 0)
            # The refusal to time a warm query: new to this process and not in its cache.
            assert key not in seen and archive.cache.get(key) is None, f"not cold: {query.q!r}"
            seen.add(key)
            if profiler is not None:
                profiler.enable()
            t, c = time.perf_counter(), time.process_time()
            try:
                total: int | None = search(archive, session, request).total
            except QueryTooExpensive:
                total = None
            out.append((time.perf_counter() - t, total, time.process_time() - c))
            if profiler is not None:
                profiler.disable()
        if profiler is not None and profile is not None:
            profiler.dump_stats(str(profile))
    return out


# --- the same keys in SQLite FTS5 -----------------------------------------------------------


def word_keys(word: str) -> list[str]:
    """The index keys a word looks up, and the keys of the entities it names (as the
    archive's word clause does, through its entity fields)."""
    from app.entities.matcher import entities_for_word
    from app.text.morphology import query_keys
    from bench.fts5 import entity_token

    named = {entity_token(kind, value) for kind, value in entities_for_word(word)}
    return sorted(set(query_keys(word)) | named)


def _fts_word(word: str) -> str:
    keys = word_keys(word)
    return "(" + " OR ".join('"' + k.replace('"', '""') + '"' for k in keys) + ")"


def _fts_alternative(kind: str, value) -> str:  # type: ignore[no-untyped-def]
    from app.text.analysis import query_words
    from app.text.fold import fold

    if kind == "word":
        return " AND ".join(_fts_word(w) for w in query_words(value))
    if kind == "phrase":
        return "(" + " AND ".join(_fts_word(w) for word in value for w in query_words(word)) + ")"
    return '"' + fold(query_words(value)[0]) + '"*'


def fts5_statements(query: BenchQuery) -> dict[str, tuple[str, dict[str, object]]]:
    from bench.fts5 import facet_narrowing

    groups = ["(" + " OR ".join(_fts_alternative(k, v) for k, v in alts) + ")" for alts in query.groups]
    expression = " AND ".join(groups)
    if expression and query.negatives:
        negatives = " OR ".join(_fts_alternative("word", w) for w in query.negatives)
        expression = f"({expression}) NOT ({negatives})"
    params: dict[str, object] = {}
    narrowing = facet_narrowing(query.filters, params)
    bounds = [
        (int(query.date_from.replace("-", "")) if query.date_from else 1),
        (int(query.date_to.replace("-", "")) if query.date_to else 99991231),
    ]
    for i, (low, high) in enumerate(
        [b for b in (query.box_dates, bounds if query.date_from or query.date_to else None) if b]
    ):
        params[f"lo{i}"], params[f"hi{i}"] = low, high
        narrowing += f" AND id IN (SELECT doc FROM dates WHERE date_sort BETWEEN :lo{i} AND :hi{i})"
    if expression:
        params["q"] = expression
        matches = (
            "WITH m AS MATERIALIZED (SELECT rowid AS id, rank FROM doc WHERE doc MATCH :q) "
            f"SELECT id FROM m WHERE 1{narrowing}"
        )
        top10 = matches.replace("SELECT id FROM m", "SELECT id, rank FROM m") + " ORDER BY rank LIMIT 10"
    else:
        matches = f"SELECT id FROM (SELECT doc AS id, date_sort FROM dates) WHERE 1{narrowing}"
        top10 = f"SELECT id FROM (SELECT doc AS id, date_sort FROM dates) WHERE 1{narrowing} "
        top10 += "ORDER BY date_sort DESC LIMIT 10"
    return {
        "top10": (top10, params),
        "count": (f"SELECT count(*) FROM ({matches})", params),
        "facets": (
            f"SELECT name, value, count(*) FROM facet WHERE doc IN ({matches}) GROUP BY name, value",
            params,
        ),
        "months": (
            f"SELECT date_sort / 100, count(*) FROM dates WHERE date_sort > 0 AND doc IN ({matches}) "
            "GROUP BY 1",
            params,
        ),
    }


def run_fts5(path: Path, queries: list[BenchQuery]) -> list[Sample]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    for text in ("зщхъэ", "xqzv"):
        for statement, params in fts5_statements(
            BenchQuery(kind="", q=text, groups=[[["word", text]]])
        ).values():
            db.execute(statement, params).fetchall()
    out: list[Sample] = []
    seen: set[tuple] = set()
    for query in queries:
        assert query.identity() not in seen, f"not cold: {query.q!r}"
        seen.add(query.identity())
        t, c = time.perf_counter(), time.process_time()
        total = None
        for part, (statement, params) in fts5_statements(query).items():
            rows = db.execute(statement, params).fetchall()
            if part == "count":
                total = rows[0][0]
        out.append((time.perf_counter() - t, total, time.process_time() - c))
    return out


# --- the same keys in tantivy ---------------------------------------------------------------

TANTIVY_FACETS = {
    "lang": "language",
    "outlet": "outlet",
    "leader": "leaders",
    "country": "countries",
    "organisation": "organisations",
    "event": "event_types",
}


def build_tantivy(fts_path: Path, target: Path) -> float:
    """tantivy over the FTS5 copy's keys, facets and dates (so both hold the same documents)."""
    import tantivy

    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    schema_builder = tantivy.SchemaBuilder()
    schema_builder.add_text_field("keys", tokenizer_name="whitespace")
    for field in TANTIVY_FACETS.values():
        schema_builder.add_text_field(field, tokenizer_name="raw", fast=True)
    schema_builder.add_integer_field("date_sort", indexed=True, fast=True)
    schema_builder.add_integer_field("month", fast=True)
    index = tantivy.Index(schema_builder.build(), path=str(target))
    started = time.perf_counter()
    db = sqlite3.connect(f"file:{fts_path}?mode=ro", uri=True)
    facets: dict[int, dict[str, list[str]]] = {}
    for doc, name, value in db.execute("SELECT doc, name, value FROM facet"):
        facets.setdefault(doc, {}).setdefault(name, []).append(value)
    dates = dict(db.execute("SELECT doc, date_sort FROM dates"))
    writer = index.writer(heap_size=128_000_000, num_threads=1)
    count = 0
    for rowid, keys in db.execute("SELECT rowid, keys FROM doc"):
        fields: dict[str, object] = {"keys": keys, "date_sort": int(dates.get(rowid) or 0)}
        fields["month"] = int(dates.get(rowid) or 0) // 100
        for name, values in facets.get(rowid, {}).items():
            fields[name] = values
        writer.add_document(tantivy.Document(**fields))
        count += 1
    writer.commit()
    writer.wait_merging_threads()
    db.close()
    return count / (time.perf_counter() - started)


def tantivy_query(schema, query: BenchQuery):  # type: ignore[no-untyped-def]
    import tantivy
    from tantivy import Occur, Query

    from app.text.analysis import query_words
    from app.text.fold import fold

    def word(w: str):  # type: ignore[no-untyped-def]
        keys = word_keys(w)
        return Query.boolean_query([(Occur.Should, Query.term_query(schema, "keys", k)) for k in keys])

    def every(words: list[str]):  # type: ignore[no-untyped-def]
        return Query.boolean_query([(Occur.Must, word(w)) for w in words])

    def alternative(kind: str, value):  # type: ignore[no-untyped-def]
        if kind == "word":
            return every(query_words(value))
        if kind == "phrase":
            return every([w for part in value for w in query_words(part)])
        return Query.regex_query(schema, "keys", fold(query_words(value)[0]) + ".*")

    clauses = [
        (Occur.Must, Query.boolean_query([(Occur.Should, alternative(k, v)) for k, v in alts]))
        for alts in query.groups
    ]
    clauses += [(Occur.MustNot, every(query_words(w))) for w in query.negatives]
    for name, values in query.filters.items():
        clauses += [(Occur.Must, Query.term_query(schema, TANTIVY_FACETS[name], v)) for v in values]
    ranges = [query.box_dates] if query.box_dates else []
    if query.date_from or query.date_to:
        low = int(query.date_from.replace("-", "")) if query.date_from else 1
        ranges.append([low, int(query.date_to.replace("-", "")) if query.date_to else 99991231])
    for low, high in ranges:
        clauses.append(
            (Occur.Must, Query.range_query(schema, "date_sort", tantivy.FieldType.Integer, low, high))
        )
    if not query.groups:
        clauses.append((Occur.Must, Query.all_query()))
    return Query.boolean_query(clauses)


AGGREGATIONS = {
    **{field: {"terms": {"field": field, "size": 10_000}} for field in TANTIVY_FACETS.values()},
    "months": {"terms": {"field": "month", "size": 10_000}},
}


def run_tantivy(path: Path, queries: list[BenchQuery]) -> list[Sample]:
    import tantivy

    index = tantivy.Index.open(str(path))
    searcher = index.searcher()
    schema = index.schema
    for text in ("зщхъэ", "xqzv"):
        q = tantivy_query(schema, BenchQuery(kind="", q=text, groups=[[["word", text]]]))
        searcher.search(q, limit=10, count=True)
        searcher.aggregate(q, AGGREGATIONS)
    out: list[Sample] = []
    seen: set[tuple] = set()
    for query in queries:
        assert query.identity() not in seen, f"not cold: {query.q!r}"
        seen.add(query.identity())
        t, c = time.perf_counter(), time.process_time()
        q = tantivy_query(schema, query)
        if query.groups:
            result = searcher.search(q, limit=10, count=True)
        else:
            result = searcher.search(q, limit=10, count=True, order_by_field="date_sort")
        searcher.aggregate(q, AGGREGATIONS)
        out.append((time.perf_counter() - t, result.count, time.process_time() - c))
    return out


# --- /api/search over HTTP ------------------------------------------------------------------


def http_params(query: BenchQuery) -> list[tuple[str, str]]:
    params = [("q", query.q), ("limit", "10")]
    params += [(name, value) for name, values in query.filters.items() for value in values]
    if query.date_from:
        params.append(("date_from", query.date_from))
    if query.date_to:
        params.append(("date_to", query.date_to))
    return params


class PlainClient:
    """One kept-alive HTTP/1.1 connection spoken by hand: a GET, the answer's headers and
    its Content-Length body, nothing else. httpx spent about 2 ms of CPU a request, on the
    same two cores the server has: with 10 clients the bench's own client took a quarter of
    the machine. This one spends a tenth of that (`--client plain`)."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str, params: list[tuple[str, str]]) -> tuple[int, bytes]:
        from urllib.parse import urlencode

        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        target = path + "?" + urlencode(params)
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        length = 0
        closing = False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
            elif name.strip().lower() == b"connection" and value.strip().lower() == b"close":
                closing = True
        body = await self.reader.readexactly(length)
        if closing:
            await self.close()
        return status, body

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def _drive_plain(
    base: str, queries: list[BenchQuery], clients: int
) -> tuple[list[tuple[float, int | None]], float]:
    """_drive with PlainClient: one connection per client."""
    from urllib.parse import urlsplit

    address = urlsplit(base)
    assert address.hostname is not None and address.port is not None
    out: list[tuple[float, int | None]] = [(0.0, None)] * len(queries)
    assert len({q.identity() for q in queries}) == len(queries), "not cold: the set repeats a query"
    pending = iter(range(len(queries)))

    async def client_loop() -> None:
        client = PlainClient(address.hostname or "", address.port or 0)
        for i in pending:
            t = time.perf_counter()
            status, body = await client.get("/api/search", http_params(queries[i]))
            elapsed = time.perf_counter() - t
            out[i] = (elapsed, json.loads(body).get("total") if status == 200 else None)
        await client.close()

    started = time.perf_counter()
    await asyncio.gather(*(client_loop() for _ in range(clients)))
    return out, time.perf_counter() - started


async def _drive(
    base: str, queries: list[BenchQuery], clients: int
) -> tuple[list[tuple[float, int | None]], float]:
    import httpx

    out: list[tuple[float, int | None]] = [(0.0, None)] * len(queries)
    assert len({q.identity() for q in queries}) == len(queries), "not cold: the set repeats a query"
    pending = iter(range(len(queries)))

    async def client_loop(client: httpx.AsyncClient) -> None:
        for i in pending:  # one shared iterator: every query is asked exactly once
            t = time.perf_counter()
            response = await client.get(base + "/api/search", params=http_params(queries[i]))
            elapsed = time.perf_counter() - t
            total = response.json().get("total") if response.status_code == 200 else None
            out[i] = (elapsed, total)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    started = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
    return out, time.perf_counter() - started


def run_http(
    data: Path,
    queries: list[BenchQuery],
    clients: int,
    port: int,
    workers: int | None,
    plain: bool = False,
) -> tuple[list, float, dict[str, float]]:
    """`archive serve` as a reader runs it (its uvicorn options, its default workers unless
    `workers` is given), its log discarded. Also the CPU seconds the timed run cost this
    client (it shares the machine's cores with the server) and each worker, and the load
    average at its end."""
    import httpx

    from bench.memory import cpu_seconds, workers_of

    command = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data)}
    env.pop("ARCHIVE_WORKERS", None)
    if workers:
        env["ARCHIVE_WORKERS"] = str(workers)
    server = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.perf_counter() + 120
        while True:
            if server.poll() is not None or time.perf_counter() > deadline:
                raise SystemExit("the server did not start")
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        # Both workers open the archive and Whoosh before timing (more than one try each).
        for text in WARMUP * 2:
            httpx.get(base + "/api/search", params={"q": text}, timeout=60)
        pids = workers_of(server.pid)
        before = [cpu_seconds(pid) for pid in pids]
        client_before = time.process_time()
        machine_before = machine_busy_seconds()
        samples, elapsed = asyncio.run((_drive_plain if plain else _drive)(base, queries, clients))
        cpu = {"client": time.process_time() - client_before, "load": os.getloadavg()[0]}
        for i, (pid, start) in enumerate(zip(pids, before, strict=True)):
            cpu[f"worker {i + 1}"] = cpu_seconds(pid) - start
        # What the rest of the machine took meanwhile, from the same cores: on a shared
        # machine the throughput of 10 clients is what these left to the server.
        ours = sum(v for k, v in cpu.items() if k != "load")
        cpu["others"] = max(0.0, machine_busy_seconds() - machine_before - ours)
        cpu["elapsed"] = elapsed
        return samples, elapsed, cpu
    finally:
        server.terminate()
        server.wait(timeout=30)


def machine_busy_seconds() -> float:
    """CPU seconds every core of the machine has spent busy since boot (/proc/stat)."""
    from bench.memory import CLOCK_TICKS

    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and iowait
    return (sum(fields[:8]) - idle) / CLOCK_TICKS


# --- the run --------------------------------------------------------------------------------


def worker(args: argparse.Namespace) -> None:
    """One engine in this (fresh) process: read the set, time it, write the samples."""
    queries = [BenchQuery(**q) for q in json.loads(args.queries.read_text())]
    build = builds.current_build(args.data)
    assert build is not None
    if args.engine == "archive":
        samples = run_archive(build, queries, args.profile_out)
    elif args.engine == "fts5":
        samples = run_fts5(args.data / "fts5.sqlite", queries)
    else:
        samples = run_tantivy(args.data / "tantivy", queries)
    args.out.write_text(json.dumps(samples))


def profile_class(args: argparse.Namespace, queries: list[BenchQuery]) -> None:
    """The archive's searches of one class, profiled in a fresh process, as cumulative and
    own time of the functions that took most."""
    import pstats

    chosen = [q for q in queries if args.profile in ("overall", q.kind)]
    assert chosen, f"no class {args.profile!r}: one of {', '.join(CLASSES)}"
    with tempfile.TemporaryDirectory() as work:
        listing, out, stats = Path(work) / "queries.json", Path(work) / "out.json", Path(work) / "stats"
        listing.write_text(json.dumps([q.to_json() for q in chosen], ensure_ascii=False))
        command = [sys.executable, __file__, "--data", str(args.data), "--engine", "archive"]
        command += ["--queries", str(listing), "--out", str(out), "--profile-out", str(stats)]
        subprocess.run(command, check=True, cwd=ROOT)
        cpu = [s[2] for s in json.loads(out.read_text())]
        mean = 1000 * sum(cpu) / len(cpu)
        print(
            f"{args.profile}: {len(chosen)} queries, seed {args.seed}, CPU mean {mean:.2f} ms"
            f" (under the profiler), p95 {1000 * percentile(cpu, 0.95):.2f} ms"
        )
        report = pstats.Stats(str(stats))
        report.sort_stats("cumulative").print_stats(45)
        report.sort_stats("tottime").print_stats(30)


def table_row(name: str, rows: list[tuple[str, list[float]]], extra: str = "") -> None:
    cells = []
    for _, samples in rows:
        ms = [s * 1000 for s in samples]
        cells.append(f"{percentile(ms, 0.5):.1f} / {percentile(ms, 0.95):.1f} / {percentile(ms, 0.99):.1f}")
    print(f"| {name} | " + " | ".join(cells) + f" |{extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True, help="a data directory with a loaded archive")
    parser.add_argument("--seed", type=int, default=1, help="another seed draws another query set")
    parser.add_argument("--per-class", type=int, default=40, help="queries per class (9 classes)")
    parser.add_argument("--port", type=int, default=8795)
    parser.add_argument("--engines", default="archive,tantivy,fts5,http1,http10")
    parser.add_argument("--workers", type=int, help="the HTTP server's workers (default: archive serve's)")
    parser.add_argument(
        "--client",
        choices=("httpx", "plain"),
        default="httpx",
        help="the HTTP client: httpx, or a hand-spoken HTTP/1.1 one that takes a tenth of the CPU",
    )
    parser.add_argument(
        "--reuse-copies",
        action="store_true",
        help="keep the FTS5 and tantivy copies an earlier run made of this build with this file",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run each in-process engine this many times, each in a fresh process, and time each "
        "query by its least time over the runs (a machine shared with other work stretches each "
        "run's times by a different amount)",
    )
    parser.add_argument("--save", type=Path, help="write every query and each engine's (seconds, total) here")
    parser.add_argument(
        "--profile",
        metavar="CLASS",
        help="instead of the table: cProfile the archive's searches of one class (or 'overall')"
        " in one fresh process and print where their time goes",
    )
    parser.add_argument("--engine", help=argparse.SUPPRESS)
    parser.add_argument("--profile-out", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--queries", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engine:
        return worker(args)
    build = builds.current_build(args.data)
    assert build is not None, "no archive in that directory"
    queries = query_set(build, args.seed, args.per_class)
    identities = {q.identity() for q in queries}
    assert len(identities) == len(queries), "the set repeats a query"
    assert not identities & {BenchQuery(kind="", q=text).identity() for text in WARMUP}
    if args.profile:
        return profile_class(args, queries)
    counts = {kind: sum(q.kind == kind for q in queries) for kind in CLASSES}
    print(f"seed {args.seed}: {len(queries)} distinct queries from {build.name}")
    print("  load average before the run: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))
    print("  " + ", ".join(f"{kind} {n}" for kind, n in counts.items()))
    engines = args.engines.split(",")
    fts_path, tantivy_path = args.data / "fts5.sqlite", args.data / "tantivy"
    # Rebuilt every run (seconds at 10k, minutes at 100k): a copy left by another build or
    # older code would answer other questions. --reuse-copies keeps copies made of this very
    # build by this very file (a stamp names both).
    stamp_path = args.data / "copies.stamp"
    stamp = f"{build.name} {hashlib.sha256(Path(__file__).read_bytes()).hexdigest()}"
    reuse = (
        args.reuse_copies
        and stamp_path.exists()
        and stamp_path.read_text() == stamp
        and fts_path.exists()
        and tantivy_path.exists()
    )
    if reuse:
        print("FTS5 and tantivy copies of this build reused")
    elif {"fts5", "tantivy"} & set(engines):
        from whoosh import index as whoosh_index

        from bench import fts5

        stamp_path.unlink(missing_ok=True)
        ix = whoosh_index.open_dir(str(build / builds.INDEX_NAME), readonly=True)
        print(f"FTS5 copy built at {fts5.build(ix, build / builds.DB_NAME, fts_path):.0f} docs/s")
        if "tantivy" in engines:
            print(f"tantivy copy built at {build_tantivy(fts_path, tantivy_path):.0f} docs/s")
            stamp_path.write_text(stamp)
    results: dict[str, list[tuple[float, int | None]]] = {}
    cpu_times: dict[str, list[float]] = {}
    rates: dict[str, float] = {}
    costs: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as work:
        listing = Path(work) / "queries.json"
        listing.write_text(json.dumps([q.to_json() for q in queries], ensure_ascii=False))
        for engine in engines:
            if engine.startswith("http"):
                clients = int(engine[4:])
                samples, elapsed, costs[engine] = run_http(
                    args.data, queries, clients, args.port, args.workers, args.client == "plain"
                )
                results[engine], rates[engine] = samples, len(queries) / elapsed
                continue
            runs = []
            for _ in range(args.repeat):
                out = Path(work) / f"{engine}.json"
                command = [sys.executable, __file__, "--data", str(args.data), "--engine", engine]
                subprocess.run([*command, "--queries", str(listing), "--out", str(out)], check=True, cwd=ROOT)
                runs.append(json.loads(out.read_text()))
            # Each run is a fresh process that sees every query once: each query's time is
            # its least over the runs, what the machine's other work added to it the least.
            per_query = list(zip(*runs, strict=True))
            results[engine] = [(min(s[0] for s in query), query[0][1]) for query in per_query]
            cpu_times[engine] = [min(s[2] for s in query) for query in per_query]
    if args.save:
        saved = {
            "seed": args.seed,
            "queries": [q.to_json() for q in queries],
            "results": results,
            "cpu": cpu_times,
        }
        args.save.write_text(json.dumps(saved, ensure_ascii=False, indent=1))
    names = {
        "archive": "archive `search()` in process",
        "tantivy": "tantivy over the same keys",
        "fts5": "SQLite FTS5 over the same keys",
        "http1": "`/api/search` over HTTP, 1 client",
        "http10": "`/api/search` over HTTP, 10 clients",
    }
    least = f", each query's least of {args.repeat} fresh-process runs" if args.repeat > 1 else ""
    print(
        f"\ncold, p50 / p95 / p99 ms, seed {args.seed}, {len(queries)} queries ({args.per_class} per class)"
        f"{least}\n"
    )
    print("| engine | overall | " + " | ".join(CLASSES) + " | req/s | totals = archive's |")
    print("|---" * (len(CLASSES) + 4) + "|")
    reference = [total for _, total in results.get("archive", [])]
    for engine, samples in results.items():
        rows = [("overall", [s for s, _ in samples])]
        rows += [
            (kind, [s for (s, _), q in zip(samples, queries, strict=True) if q.kind == kind])
            for kind in CLASSES
        ]
        rate = f" {rates[engine]:.0f} |" if engine in rates else " |"
        agree = " |"
        if reference:
            same = sum(a == b for a, b in zip(reference, [t for _, t in samples], strict=True))
            agree = f" {same}/{len(queries)} |"
        table_row(names.get(engine, engine), rows, rate + agree)
    if cpu_times:
        print("\nCPU time of the answering process, p50 / p95 / p99 ms\n")
        print("| engine | overall | " + " | ".join(CLASSES) + " |")
        print("|---" * (len(CLASSES) + 2) + "|")
        for engine, seconds in cpu_times.items():
            rows = [("overall", seconds)]
            rows += [
                (kind, [s for s, q in zip(seconds, queries, strict=True) if q.kind == kind])
                for kind in CLASSES
            ]
            table_row(names.get(engine, engine), rows)
    if "archive" in results and "tantivy" in results:
        print("\narchive p95 / tantivy p95 (wall; CPU):")
        for kind in ("overall", *CLASSES):
            ratios = []
            for table in ({e: [s for s, _ in results[e]] for e in ("archive", "tantivy")}, cpu_times):
                chosen = [
                    [s for s, q in zip(table[e], queries, strict=True) if kind in ("overall", q.kind)]
                    for e in ("archive", "tantivy")
                ]
                ratios.append(percentile(chosen[0], 0.95) / max(percentile(chosen[1], 0.95), 1e-9))
            print(f"  {kind}: {ratios[0]:.2f}x; {ratios[1]:.2f}x")
    cores = os.cpu_count() or 1  # /proc/stat counts every core of the machine
    for engine, cost in costs.items():
        spent = ", ".join(
            f"{who} {1000 * seconds / len(queries):.2f}"
            for who, seconds in cost.items()
            if who not in ("load", "others", "elapsed")
        )
        others = cost["others"] / max(cost["elapsed"] * cores, 1e-9)
        print(
            f"\n{engine} ({args.client} client): CPU ms per request: {spent}; "
            f"load average at the end {cost['load']:.2f}; other processes took {100 * others:.0f} % "
            f"of the {cores} cores meanwhile"
        )
    refused = sum(total is None for _, total in results.get("archive", []))
    if refused:
        print(f"\narchive: {refused} queries refused past the time limit (timed as they ran)")


if __name__ == "__main__":
    main()
