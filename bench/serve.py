"""End-to-end HTTP load: uvicorn with the production settings on 127.0.0.1, driven by
concurrent clients for a bounded time, per page type and concurrency.

    python bench/serve.py --data DIR [--workers 2] [--seconds 10]

Prints requests/s, p50/p95/p99 latency, errors, RSS per worker, and the time from start to
first response. Each line also gives the CPU per request of the workers and of the load
generator (wrk's own rusage; this process for httpx), the share of the machine's cores the
load generator took, and the share other processes took: on two cores what wrk takes is
taken from the server, so req/s at 10 clients is what wrk and the rest of the machine left.
Loopback only; every loop is bounded in time and count.
"""

import argparse
import asyncio
import os
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.cold import machine_busy_seconds  # noqa: E402
from bench.memory import cpu_seconds, workers_of  # noqa: E402
from bench.queries import query_set  # noqa: E402

MAX_REQUESTS_PER_RUN = 200_000
# CPU seconds the last wrk run took (user + system): on a machine of two cores the load
# generator takes its share of the cores the server is measured on.
LOAD_GENERATOR_CPU = [0.0]
# The language prefix of the pages asked for (the API has none).
PAGES = "/en"


def rss_mb(pid: int, kind: str = "VmRSS") -> float:
    """Resident memory in MB: VmRSS, or RssAnon (the process's own) or RssFile (mapped files,
    such as the postings arrays, shared with the other workers through the page cache)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(f"{kind}:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


async def drive(
    base: str, paths: list[str], concurrency: int, seconds: float
) -> tuple[int, int, list[float], float]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + seconds
    counter = 0

    async def client_loop(client: httpx.AsyncClient, offset: int) -> None:
        nonlocal errors, counter
        i = offset
        while time.perf_counter() < deadline and counter < MAX_REQUESTS_PER_RUN:
            path = paths[i % len(paths)]
            i += concurrency
            counter += 1
            t = time.perf_counter()
            try:
                response = await client.get(base + path)
                if response.status_code >= 400:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - t)

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    start = time.perf_counter()
    async with httpx.AsyncClient(limits=limits, timeout=30) as client:
        await asyncio.gather(*(client_loop(client, k) for k in range(concurrency)))
    return len(latencies), errors, latencies, time.perf_counter() - start


def wrk_run(
    base: str, paths: list[str], concurrency: int, seconds: float
) -> tuple[int, float, float, float, float, int]:
    """wrk over the paths, in turn: (requests, seconds, p50, p95, p99 in ms, errors of any kind,
    non-2xx/3xx answers included). Bounded by -d and wrk's own timeout. wrk's own CPU (its
    rusage, as this process's child) is left in `LOAD_GENERATOR_CPU`."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    duration = f"-d{max(1, round(seconds))}s"
    command = ["wrk", f"-t{min(2, concurrency)}", f"-c{concurrency}", duration, "--timeout", "30s",
               "-s", str(Path(__file__).with_name("wrk_paths.lua")), base]  # fmt: skip
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    try:
        out = subprocess.run(
            command, env={**os.environ, "WRK_PATHS": listing.name}, capture_output=True, text=True,
            timeout=seconds + 60, check=True,
        ).stdout  # fmt: skip
    finally:
        os.unlink(listing.name)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    LOAD_GENERATOR_CPU[0] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    fields = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
    count, elapsed, p50, p95, p99, errors = fields
    return int(count), float(elapsed), float(p50), float(p95), float(p99), int(errors)


def distinct_articles(data: Path, count: int) -> list[str]:
    """Article pages no worker has served yet: every request a cold one (no cached answer)."""
    build = (data / "current").resolve()
    with sqlite3.connect(f"file:{build / 'archive.sqlite'}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT id FROM article ORDER BY source_sha256 LIMIT ?", (count,)).fetchall()
    return [f"{PAGES}/articles/{article_id}" for (article_id,) in rows]


def wait_until_healthy(base: str, started: float, limit: float) -> httpx.Response | None:
    """The first answer of /healthz that is not a refusal to connect, within `limit` seconds
    of `started`: 200 when an archive is served, 503 with the reason (an archive to upgrade,
    none loaded) when not."""
    while time.perf_counter() - started < limit:
        try:
            answer = httpx.get(base + "/healthz", timeout=2)
            if answer.status_code == 200 or answer.status_code == 503:
                return answer
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    return None


# Seconds the lists the sets are drawn from may take: a worker's first event list builds the
# build's event index (over httpx's default 5 s at 100k articles on a busy machine).
LISTING_TIMEOUT = 120


def page_sets(base: str) -> dict[str, list[str]]:
    """Paths per page type. The API gives pages' paths without a language; a page asked that
    way only redirects to the reader's language, so pages are asked in one (`PAGES`)."""

    def listing(path: str) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = httpx.get(base + path, timeout=LISTING_TIMEOUT).json()["items"]
        return items

    articles = [item["article"]["url"] for item in listing("/api/articles?limit=100")]
    leaders = [x["url"] for x in listing("/api/leaders")[:30]]
    countries = [x["url"] for x in listing("/api/countries")[:30]]
    # Issue 14: events pages should answer as fast as leader pages; the event list filtered by
    # each of the leaders above is the events twin of a leader page.
    events = [x["url"] for x in listing("/api/events?limit=30")]
    event_lists = [f"/events?leader={quote(url.rsplit('/', 1)[1])}" for url in leaders]
    searches = [f"/api/search?q={quote(q.q)}" for q in query_set(100)]
    pages = [f"/articles?q={quote(q.q)}" for q in query_set(100, seed=11)]
    api = [p.replace("/articles/", "/api/articles/") for p in articles]
    api += [x.replace("/leaders/", "/api/leaders/") for x in leaders]
    in_language = (articles, leaders, countries, events, event_lists, pages)
    articles, leaders, countries, events, event_lists, pages = ([PAGES + p for p in ps] for ps in in_language)
    sets = {
        # The front page in one language: "/" only redirects to the reader's language.
        "home": [PAGES + "/"],
        "search (API)": searches,
        "search (page)": pages,
        "article": articles,
        "leader": leaders,
        "country": countries,
        "event": events,
        "events (leader)": event_lists,
        "API items": api,
    }
    # What a public archive meets: every kind interleaved, pages weighted over the API.
    kinds = [sets[k] for k in ("home", "search (page)", "article", "article", "leader", "country",
                               "search (API)", "API items")]  # fmt: skip
    sets["mix"] = [kind[i % len(kind)] for i in range(400) for kind in kinds][:2400]
    return sets


class PeakRSS(threading.Thread):
    """Samples the server's processes' resident memory until stopped: the peak per worker."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.stopped = pid, threading.Event()
        self.peak = self.peak_anon = self.peak_file = 0.0

    def run(self) -> None:
        while not self.stopped.wait(0.2):
            for p in children(self.pid) or [self.pid]:
                self.peak = max(self.peak, rss_mb(p))
                self.peak_anon = max(self.peak_anon, rss_mb(p, "RssAnon"))
                self.peak_file = max(self.peak_file, rss_mb(p, "RssFile"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--port", type=int, default=8799)
    parser.add_argument("--concurrency", default="1,10,50")
    parser.add_argument("--sets", default="", help="comma-separated page sets (default: all)")
    parser.add_argument("--client", choices=("auto", "wrk", "httpx"), default="auto",
                        help="load generator: wrk when installed (apt install wrk), else httpx")  # fmt: skip
    args = parser.parse_args()
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(args.data)}
    started = time.perf_counter()
    # `archive serve`, as a deployment runs it: the archive's own HTTP protocol (header and
    # time limits), its concurrency limit and one listening socket per worker.
    command = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1"]
    command += ["--port", str(args.port), "--workers", str(args.workers)]
    # Its log (one access line per request) goes to a file: read at the end for workers the
    # supervisor found dead or hung and replaced, which a throughput figure would hide.
    log = tempfile.NamedTemporaryFile(prefix="serve-bench-", suffix=".log", delete=False)  # noqa: SIM115
    server = subprocess.Popen(
        command, env=env, cwd=Path(__file__).resolve().parent.parent, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        health = wait_until_healthy(base, started, limit=120.0)
        print(f"start to first response: {time.perf_counter() - started:.2f} s")
        if health is None or health.status_code != 200:
            detail = "no answer" if health is None else health.text
            raise SystemExit(f"the server is not serving an archive: {detail}")
        sets = page_sets(base)
        sets["article (cold)"] = distinct_articles(args.data, 20_000)
        if args.sets:
            sets = {name: sets[name] for name in args.sets.split(",")}
        for name, paths in sets.items():
            # A redirect or an error timed as an answer would flatter every figure below.
            answer = httpx.get(base + paths[0], timeout=LISTING_TIMEOUT)
            if answer.status_code != 200:
                raise SystemExit(f"{name}: {paths[0]} answers {answer.status_code}, not a page: fix the set")
        peak = PeakRSS(server.pid)
        peak.start()
        use_wrk = args.client == "wrk" or (args.client == "auto" and shutil.which("wrk"))
        print(
            f"load generator: {'wrk (C, Debian package)' if use_wrk else 'httpx (Python, in this process)'}"
        )
        workers = workers_of(server.pid)
        cores = len(os.sched_getaffinity(0))
        for levels in [int(c) for c in args.concurrency.split(",")]:
            for name, paths in sets.items():
                # CPU per request of the workers, of the load generator (wrk: its rusage; httpx:
                # this process) and of everything else on the machine: req/s is what they left.
                server_before = sum(cpu_seconds(p) for p in workers)
                client_before = time.process_time()
                machine_before = machine_busy_seconds()
                if use_wrk:
                    count, elapsed, p50, p95, p99, errors = wrk_run(base, paths, levels, args.seconds)
                    client = LOAD_GENERATOR_CPU[0]
                else:
                    count, errors, latencies, elapsed = asyncio.run(drive(base, paths, levels, args.seconds))
                    q = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [latencies[0]] * 99
                    p50, p95, p99 = q[49] * 1000, q[94] * 1000, q[98] * 1000
                    client = time.process_time() - client_before
                served = sum(cpu_seconds(p) for p in workers) - server_before
                others = max(0.0, machine_busy_seconds() - machine_before - served - client)
                per = 1000 / max(count, 1)
                print(
                    f"c={levels:<3} {name:<13} {count / elapsed:8.0f} req/s  p50 {p50:6.1f}  "
                    f"p95 {p95:6.1f}  p99 {p99:6.1f} ms  errors {errors}  CPU ms/req: server "
                    f"{served * per:.2f}, load generator {client * per:.2f} "
                    f"({100 * client / max(elapsed * cores, 1e-9):.0f} % of {cores} cores), "
                    f"others {100 * others / max(elapsed * cores, 1e-9):.0f} %"
                )
        peak.stopped.set()
        print(
            f"peak RSS of one worker: {peak.peak:.0f} MB (own memory {peak.peak_anon:.0f} MB, "
            f"mapped files shared with the other workers {peak.peak_file:.0f} MB)"
        )
        workers = children(server.pid)
        print(
            "RSS per worker (MB):",
            ", ".join(f"{rss_mb(p):.0f}" for p in workers) or f"{rss_mb(server.pid):.0f}",
        )
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()
        lines = Path(log.name).read_text(errors="replace").splitlines()
        replaced = [line for line in lines if "died" in line or "not ready in time" in line]
        print(f"workers the supervisor replaced: {len(replaced)}")
        for line in [*replaced[:5], *([] if lines and not replaced else lines[-5:])]:
            print("  server:", line)
        Path(log.name).unlink()


if __name__ == "__main__":
    main()
