"""Launch to the first answered search: `archive serve` on 127.0.0.1, timed from the process
start to the first 200 of a search it has never seen, several runs, median and range, with
the CPU the server's processes spent by then (the figure a busy machine does not blur).

    python bench/startup.py --data DIR [--runs 5] [--workers 1] [--path /api/search?q=...]

Also prints the memory of its own (USS) of the server and of each worker at the first
answer, and how long `import app.main` takes in a fresh interpreter (wall and CPU) and how
many modules it loads. Each run asks another query, so none is answered from a cache.
Loopback only; every wait is bounded.
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
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
# Words of the generated corpus (bench/corpus.py), one per run: a search no run has asked.
WORDS = ("Казахстан", "Tokayev", "сотрудничество", "Қазақстан", "visit", "переговоры", "ынтымақтастық")


def cpu_seconds(pid: int) -> float:
    """utime + stime of a process and of its children still running (uvicorn's workers)."""
    total = 0.0
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        fields = stat[stat.rindex(")") + 2 :].split()
        total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return total
    return total + sum(cpu_seconds(int(child)) for child in children)


def own_mb(pid: int) -> float:
    """A process's memory of its own (USS: private pages, clean or dirty), in MB: what
    ending it would give back. Pages a forked worker still shares with its supervisor (the
    imported code) are not its own."""
    try:
        lines = Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()
    except OSError:
        return 0.0
    kb = sum(int(line.split()[1]) for line in lines if line.startswith(("Private_Clean:", "Private_Dirty:")))
    return kb / 1024


def tree_own_mb(pid: int) -> list[float]:
    """USS of the server process and of each of its children (the workers), in that order."""
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        children = []
    return [own_mb(pid), *(own_mb(int(child)) for child in children)]


def one_start(data: Path, port: int, path: str, workers: int) -> tuple[float, float, list[float]]:
    """Seconds from start to the first 200 of `path`, the server's CPU seconds by then, and
    the USS of the server and its workers then (MB)."""
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data), "ARCHIVE_WORKERS": str(workers)}
    command = [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)]
    started = time.perf_counter()
    server = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        while time.perf_counter() - started < 60:
            try:
                if httpx.get(f"http://127.0.0.1:{port}{path}", timeout=10).status_code == 200:
                    return time.perf_counter() - started, cpu_seconds(server.pid), tree_own_mb(server.pid)
            except httpx.HTTPError:
                time.sleep(0.02)
        raise SystemExit("no response within 60 s")
    finally:
        server.terminate()
        server.wait(timeout=20)


def import_cost() -> tuple[float, float, int]:
    code = (
        "import sys, time; t = time.perf_counter(); c = time.process_time(); import app.main; "
        "print(time.perf_counter() - t, time.process_time() - c, len(sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    seconds, cpu, modules = out.stdout.split()
    return float(seconds), float(cpu), int(modules)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--port", type=int, default=8797)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--path", help="what to ask (default: /api/search?q=<a word, another each run>)")
    args = parser.parse_args()
    imports = [import_cost() for _ in range(args.runs)]
    print(
        f"import app.main: median {statistics.median(s for s, _, _ in imports):.2f} s, "
        f"CPU {statistics.median(c for _, c, _ in imports):.2f} s, {imports[0][2]} modules"
    )
    runs = []
    for run in range(args.runs):
        path = args.path or f"/api/search?q={WORDS[run % len(WORDS)]}"
        runs.append(one_start(args.data.resolve(), args.port, path, args.workers))
    times, cpu = [t for t, _, _ in runs], [c for _, c, _ in runs]
    print(
        f"start to first answer ({args.path or '/api/search?q=…'}, {args.workers} worker(s)): "
        f"median {statistics.median(times):.2f} s (min {min(times):.2f}, max {max(times):.2f}, "
        f"{args.runs} runs); server CPU by then median {statistics.median(cpu):.2f} s "
        f"(min {min(cpu):.2f}, max {max(cpu):.2f})"
    )
    memory = runs[len(runs) // 2][2]
    print(
        "memory of its own (USS) at the first answer, MB: "
        + ", ".join(f"{mb:.0f}" for mb in memory)
        + (" (the supervisor, then each worker)" if len(memory) > 1 else " (the one process)")
    )


if __name__ == "__main__":
    main()
