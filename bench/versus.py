"""End-to-end search over HTTP, side by side: this archive's /api/search (page, exact total,
facet counts) against Datasette serving the FTS5 copy of the same corpus with the same
queries, filters and facets (three SQL requests: top-10, count, facet counts).

    python bench/search.py --data DIR      (builds DIR/fts5.sqlite)
    python bench/versus.py --data DIR

One client, the fixed query set, each server on 127.0.0.1 with 2 worker processes/threads
as configured below; prints p50/p95/p99 per server and the ratio.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.search.engine import ArticleQuery  # noqa: E402
from bench import fts5  # noqa: E402
from bench.queries import query_set  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent


def archive_params(request: ArticleQuery) -> list[tuple[str, str]]:
    params = [("q", request.q), ("limit", str(request.limit))]
    params += [(name, value) for name, values in request.filters.items() for value in values]
    if request.date_from:
        params.append(("date_from", request.date_from.isoformat()))
    if request.date_to:
        params.append(("date_to", request.date_to.isoformat()))
    return params


def wait_up(url: str, process: subprocess.Popen, seconds: float = 120) -> float:
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        if process.poll() is not None:
            raise SystemExit(f"server exited: {process.args}")
        try:
            if httpx.get(url, timeout=2).status_code < 500:
                return time.perf_counter() - started
        except httpx.HTTPError:
            time.sleep(0.05)
    raise SystemExit(f"server did not start: {url}")


def summary(samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=100)
    return f"p50 {q[49] * 1000:7.1f}  p95 {q[94] * 1000:7.1f}  p99 {q[98] * 1000:7.1f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--port", type=int, default=8797)
    args = parser.parse_args()
    fts_path = args.data / "fts5.sqlite"
    assert fts_path.exists(), "run bench/search.py --data DIR first: it builds DIR/fts5.sqlite"
    queries = query_set(args.n)
    ours_cmd = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host",
                "127.0.0.1", "--port", str(args.port), "--workers", "2", "--log-level", "warning",
                "--no-access-log"]  # fmt: skip
    theirs_cmd = [sys.executable, "-m", "datasette", "serve", "-i", str(fts_path), "--host", "127.0.0.1",
                  "--port", str(args.port + 1), "--setting", "sql_time_limit_ms", "60000",
                  "--setting", "num_sql_threads", "2"]  # fmt: skip
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(args.data)}
    ours = subprocess.Popen(ours_cmd, env=env, cwd=ROOT)
    theirs = subprocess.Popen(theirs_cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        ours_base, theirs_base = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.port + 1}"
        wait_up(ours_base + "/healthz", ours)
        wait_up(theirs_base + "/-/versions.json", theirs)
        results: dict[str, list[float]] = {"archive /api/search": [], "Datasette (3 SQL requests)": []}
        errors = dict.fromkeys(results, 0)
        with httpx.Client(timeout=120) as client:
            for request in queries:
                t = time.perf_counter()
                response = client.get(ours_base + "/api/search", params=archive_params(request))
                results["archive /api/search"].append(time.perf_counter() - t)
                errors["archive /api/search"] += response.status_code >= 500
                sql = fts5.statements(request)
                if sql is None:
                    continue
                t = time.perf_counter()
                for statement, params in sql.values():
                    query = {"sql": statement, "_shape": "array", **{k: str(v) for k, v in params.items()}}
                    response = client.get(theirs_base + "/fts5.json", params=query)
                    errors["Datasette (3 SQL requests)"] += response.status_code != 200
                results["Datasette (3 SQL requests)"].append(time.perf_counter() - t)
        for name, samples in results.items():
            print(f"{name:<28} {summary(samples)}   errors {errors[name]}   ({len(samples)} queries)")
        ours_q = statistics.quantiles(results["archive /api/search"], n=100)
        theirs_q = statistics.quantiles(results["Datasette (3 SQL requests)"], n=100)
        ratios = f"p50 {ours_q[49] / theirs_q[49]:.2f}  p95 {ours_q[94] / theirs_q[94]:.2f}"
        print(f"ratio archive/Datasette: {ratios}")
    finally:
        for process in (ours, theirs):
            process.terminate()
            process.wait(timeout=20)


if __name__ == "__main__":
    main()
