"""Worker memory after a mixed run of distinct requests: `archive serve` on 127.0.0.1,
asked N requests no two alike, its memory read from /proc at every tenth of the run.

    python bench/memory.py --data DIR [--requests 20000] [--workers 1] [--clients 4] [--seed 1]

The mix (drawn with the seed from the build): searches of every class of bench/coldset.py
(half through /api/search, half as /{lang}/articles pages), article pages and their JSON,
leader, country and organisation pages in each language, article lists with filters, sorts,
date ranges and later pages, and the API's lists. Every request is distinct, so no answer is
replayed from a cache: what a worker keeps after the run is what its caches hold at their
bounds, plus what it never gives back.

Per worker: USS ("of its own": Private_Clean + Private_Dirty of /proc/PID/smaps_rollup, which
counts pages of the mapped build files that no other process maps), its anonymous memory
(heap, arrays read into memory), its resident mapped files (RSS minus anonymous: the build's
arrays and SQLite pages, shared with other workers through the page cache), PSS, and the CPU
it spent. Loopback only; every wait is bounded.
"""

import argparse
import asyncio
import os
import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cold import http_params  # noqa: E402
from bench.coldset import query_set  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LANGS = ("kk", "ru", "en")
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def memory(pid: int) -> dict[str, float]:
    """MB from /proc/PID/smaps_rollup: uss, anon, mapped (file-backed resident), pss, rss."""
    fields: dict[str, float] = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            parts = line.split()
            if len(parts) == 3 and parts[2] == "kB":
                fields[parts[0].rstrip(":")] = int(parts[1]) / 1024
    except OSError:
        return {}
    rss, anon = fields.get("Rss", 0.0), fields.get("Anonymous", 0.0)
    return {
        "uss": fields.get("Private_Clean", 0.0) + fields.get("Private_Dirty", 0.0),
        "anon": anon,
        "mapped": rss - anon,
        "pss": fields.get("Pss", 0.0),
        "rss": rss,
    }


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process, from /proc/PID/stat."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def workers_of(pid: int) -> list[int]:
    """uvicorn's worker processes, or the server itself when it runs one worker in-process.
    Multiprocessing's resource tracker is a child too, but answers no request: left out by
    its command line."""
    try:
        found = [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return [pid]
    found = [p for p in found if b"resource_tracker" not in Path(f"/proc/{p}/cmdline").read_bytes()]
    return found or [pid]


def mixed_paths(data: Path, count: int, seed: int) -> list[str]:
    """`count` distinct request paths of every kind, shuffled with the seed."""
    build = (data / "current").resolve()
    rng = random.Random(seed)
    db = sqlite3.connect(f"file:{build / 'archive.sqlite'}?mode=ro", uri=True)
    ids = [row[0] for row in db.execute("SELECT id FROM article ORDER BY id")]
    leaders = [row[0] for row in db.execute("SELECT slug FROM leader ORDER BY slug")]
    countries = [row[0].lower() for row in db.execute("SELECT code FROM country ORDER BY code")]
    organisations = [row[0].lower() for row in db.execute("SELECT code FROM organisation ORDER BY code")]
    db.close()
    paths: list[str] = []
    # Entity pages: every one, in every language, as a page and in the API.
    for slug in leaders:
        paths += [f"/{lang}/leaders/{slug}" for lang in LANGS] + [f"/en/leaders/{slug}?order=date"]
        paths.append(f"/api/leaders/{slug}")
    for code in countries:
        paths += [f"/{lang}/countries/{code}" for lang in LANGS] + [f"/api/countries/{code}"]
    for code in organisations:
        paths += [f"/{lang}/organisations/{code}" for lang in LANGS] + [f"/api/organisations/{code}"]
    paths += [f"/{lang}/{index}" for lang in LANGS for index in ("", "leaders", "countries", "organisations")]
    paths += [f"/api/leaders?affiliation={code}" for code in countries[:100]]
    paths += ["/api/leaders", "/api/countries", "/api/organisations", "/en/about", "/en/events"]
    # Article lists: a filter or two, a sort, a date range, a later page.
    from app.queries.search import encode_cursor

    lists = set()
    while len(lists) < count // 8:
        params: list[tuple[str, str]] = []
        if rng.random() < 0.6:
            params.append(("leader", rng.choice(leaders)))
        if rng.random() < 0.5:
            params.append(("country", rng.choice(countries).upper()))
        if rng.random() < 0.3:
            year = rng.randint(2000, 2025)
            params += [("date_from", f"{year}-01-01"), ("date_to", f"{year}-12-31")]
        params.append(("sort", rng.choice(("newest", "oldest"))))
        if rng.random() < 0.3:
            params.append(("cursor", encode_cursor(20 * rng.randint(1, 5))))
        prefix = rng.choice(["/api", *(f"/{lang}" for lang in LANGS)])
        lists.add(f"{prefix}/articles?{urlencode(params)}")
    paths += sorted(lists)
    # Searches of every class, each asked once, through the API or as a page.
    searches = query_set(build, seed, max(1, (count * 3 // 8) // 9))
    for i, query in enumerate(searches):
        prefix = "/api/search" if i % 2 == 0 else f"/{LANGS[i % 3]}/articles"
        paths.append(f"{prefix}?{urlencode(http_params(query))}")
    # Articles fill the rest: a page in one language, or its JSON.
    rng.shuffle(ids)
    for i, article_id in enumerate(ids):
        if len(set(paths)) >= count:
            break
        paths.append(
            f"/api/articles/{article_id}" if i % 4 == 0 else f"/{LANGS[i % 3]}/articles/{article_id}"
        )
    distinct = sorted(set(paths))
    rng.shuffle(distinct)
    return distinct[:count]


async def drive(base: str, paths: list[str], clients: int, on_tenth) -> tuple[int, dict[int, int]]:  # type: ignore[no-untyped-def]
    """Every path once, `clients` at a time; on_tenth() after each tenth of them."""
    pending = iter(range(len(paths)))
    done = 0
    statuses: dict[int, int] = {}
    tenth = max(1, len(paths) // 10)

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal done
        for i in pending:
            try:
                response = await client.get(base + paths[i])
                statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            except httpx.HTTPError:
                statuses[0] = statuses.get(0, 0) + 1
            done += 1
            if done % tenth == 0:
                on_tenth(done)

    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(limits=limits, timeout=60) as client:
        await asyncio.gather(*(client_loop(client) for _ in range(clients)))
    return done, statuses


def start_server(data: Path, port: int, workers: int) -> subprocess.Popen[bytes]:
    """`archive serve` as a reader runs it (its uvicorn options), quiet."""
    env = {
        **os.environ,
        "ARCHIVE_DATA_DIR": str(data),
        "ARCHIVE_PORT": str(port),
        "ARCHIVE_WORKERS": str(workers),
    }
    command = [sys.executable, "-c", "from app.cli import main; main()", "serve"]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def wait_ready(base: str, server: subprocess.Popen[bytes], workers: int) -> None:
    deadline = time.perf_counter() + 120
    while time.perf_counter() < deadline:
        if server.poll() is not None:
            raise SystemExit("the server stopped")
        try:
            if (
                httpx.get(base + "/healthz", timeout=2).status_code == 200
                and len(workers_of(server.pid)) >= workers
            ):
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise SystemExit("the server did not start within 120 s")


def report(label: str, pids: list[int], cpu_before: dict[int, float]) -> None:
    for pid in pids:
        m = memory(pid)
        cpu = cpu_seconds(pid) - cpu_before.get(pid, 0.0)
        print(
            f"{label:>14}  worker {pid}: USS {m.get('uss', 0):6.0f}  anon {m.get('anon', 0):6.0f}  "
            f"mapped {m.get('mapped', 0):6.0f}  PSS {m.get('pss', 0):6.0f}  RSS {m.get('rss', 0):6.0f} MB  "
            f"cpu {cpu:7.1f} s",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--requests", type=int, default=20_000)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=8793)
    args = parser.parse_args()
    data = args.data.resolve()
    paths = mixed_paths(data, args.requests, args.seed)
    kinds: dict[str, int] = {}
    for path in paths:
        parts = path.split("?")[0].split("/")
        key = "/".join(parts[:3]) if parts[1] == "api" else "/{lang}/" + "/".join(parts[2:3])
        key += "/…" * (len(parts) > 3) + "?…" * ("?" in path)
        kinds[key] = kinds.get(key, 0) + 1
    print(
        f"{len(paths)} distinct requests, seed {args.seed}: "
        + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))
    )
    server = start_server(data, args.port, args.workers)
    base = f"http://127.0.0.1:{args.port}"
    try:
        wait_ready(base, server, args.workers)
        pids = workers_of(server.pid)
        report("started", pids, {})
        before = {pid: cpu_seconds(pid) for pid in pids}
        started = time.perf_counter()
        done, statuses = asyncio.run(
            drive(base, paths, args.clients, lambda n: report(f"{n} requests", pids, before))
        )
        elapsed = time.perf_counter() - started
        print(
            f"{done} requests in {elapsed:.0f} s ({done / elapsed:.0f} req/s, {args.clients} clients, "
            f"{args.workers} worker(s)); statuses: {dict(sorted(statuses.items()))}"
        )
        report("at the end", pids, before)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
