"""Server start to first response: uvicorn with one worker on 127.0.0.1, timed from the
process start to the first 200 of the home page, several runs, median and range.

    python bench/startup.py --data DIR [--runs 5]

Also prints how long `import app.main` takes in a fresh interpreter and how many modules
it loads. Loopback only; every wait is bounded.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def one_start(data: Path, port: int, path: str) -> float:
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data)}
    command = [sys.executable, "-m", "uvicorn", "app.main:create_app", "--factory", "--host", "127.0.0.1"]
    command += ["--port", str(port), "--log-level", "warning", "--no-access-log"]
    started = time.perf_counter()
    server = subprocess.Popen(command, env=env, cwd=ROOT)
    try:
        while time.perf_counter() - started < 60:
            try:
                if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=2).status_code == 200:
                    return time.perf_counter() - started
            except httpx.HTTPError:
                time.sleep(0.02)
        raise SystemExit("no response within 60 s")
    finally:
        server.terminate()
        server.wait(timeout=20)


def import_cost() -> tuple[float, int]:
    code = (
        "import sys, time; t = time.perf_counter(); import app.main; "
        "print(time.perf_counter() - t, len(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    seconds, modules = out.stdout.split()
    return float(seconds), int(modules)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--path", default="/")
    args = parser.parse_args()
    imports = [import_cost() for _ in range(args.runs)]
    print(
        f"import app.main: median {statistics.median(s for s, _ in imports):.2f} s, {imports[0][1]} modules"
    )
    times = [one_start(args.data.resolve(), args.port, args.path) for _ in range(args.runs)]
    print(
        f"start to first response ({args.path}): median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}, {args.runs} runs)"
    )


if __name__ == "__main__":
    main()
