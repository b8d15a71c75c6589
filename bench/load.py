"""Load throughput: generate N synthetic articles, load them, print articles/s, size, memory.

    python bench/load.py --n 10000

Also times an incremental re-load of one changed file, one with nothing changed, the changed
file loaded on its own (in this process, then `--single-repeats` times by `archive load FILE`
in a fresh process each, as a person would: wall and CPU from the child's rusage, and whether
the copy of the served database made ahead was ready, app/build/spare.py), the whole folder
with nothing changed by `archive load DIR` in a fresh process as often, and the events
stage (app/loader/event_store.py) in each load;
`--no-events` leaves that stage out, to compare full loads with and without it. The full
load's CPU time (its processes included) and the peak memory of its process tree (RSS and
PSS summed over the load and its workers, sampled from /proc) are printed beside the wall
time, which a busy machine stretches; the sampler's own CPU is left out of the load's.
`--profile` times the full load by stage and by process instead (bench/load_profile.py: ms
of CPU per article for the parse workers, the main thread, Whoosh's writers, the thread
feeding them; how many cores the tree kept busy) and profiles the parse of 1000 files.
Figures go in the issue notes.
"""

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.build import layout as builds  # noqa: E402
from app.build.spare import SPARE_DIR, spare_path, wait_for_spares  # noqa: E402
from app.config import Settings  # noqa: E402
from app.entities.extract import extract  # noqa: E402
from app.loader import pipeline  # noqa: E402
from app.loader.clean import clean  # noqa: E402
from app.loader.discover import read_file  # noqa: E402
from app.loader.parse import parse  # noqa: E402
from app.loader.pipeline import load  # noqa: E402
from bench.corpus import write_corpus  # noqa: E402
from bench.load_profile import LoadProfile, parse_profile  # noqa: E402


def directory_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


class TreeMemory:
    """Peak memory of this process and its descendants (parse workers, Whoosh's writers),
    sampled from /proc every `interval` seconds: the sum of their RSS (pages a forked child
    shares with the load counted in each) and of their PSS (shared pages split between the
    processes sharing them: what the tree takes from the machine)."""

    def __init__(self, interval: float = 0.2) -> None:
        self.interval = interval
        self.peak_rss = self.peak_pss = 0
        self.peak_processes = 0
        # CPU seconds the sampling itself took (reading smaps_rollup of a large process is not
        # free: about 1 ms per article at 10k): not the load's, so taken off its CPU.
        self.own_cpu = 0.0
        # At the tree's peak: each process's PSS, this one first (what holds the peak).
        self.at_peak: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="memory-sampler", daemon=True)

    def __enter__(self) -> "TreeMemory":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    @staticmethod
    def _tree(pid: int) -> list[int]:
        found, todo = [], [pid]
        while todo:
            current = todo.pop()
            found.append(current)
            try:
                for task in os.listdir(f"/proc/{current}/task"):
                    with open(f"/proc/{current}/task/{task}/children") as children:
                        todo.extend(int(c) for c in children.read().split())
            except OSError:
                continue
        return found

    @staticmethod
    def _sizes(pid: int) -> tuple[int, int]:
        rss = pss = 0
        try:
            with open(f"/proc/{pid}/smaps_rollup") as rollup:
                for line in rollup:
                    if line.startswith("Rss:"):
                        rss = int(line.split()[1])
                    elif line.startswith("Pss:"):
                        pss = int(line.split()[1])
        except OSError:
            pass
        return rss * 1024, pss * 1024

    def sample(self) -> None:
        pids = self._tree(os.getpid())
        sizes = [self._sizes(pid) for pid in pids]
        self.peak_rss = max(self.peak_rss, sum(r for r, _ in sizes))
        if sum(p for _, p in sizes) > self.peak_pss:
            self.peak_pss = sum(p for _, p in sizes)
            self.at_peak = [p for _, p in sizes]
        self.peak_processes = max(self.peak_processes, len(pids))

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()
        self.own_cpu = time.thread_time()


def stage_costs(paths: list[Path], sample: int = 1000) -> dict[str, float]:
    """Milliseconds per article for each pure stage, on the first `sample` files."""
    totals = dict.fromkeys(("read", "clean", "parse", "extract entities"), 0.0)
    chosen = paths[:sample]
    for path in chosen:
        t0 = time.perf_counter()
        decoded = read_file(path, 10**7)
        t1 = time.perf_counter()
        cleaned = clean(decoded.text)
        t2 = time.perf_counter()
        parsed = parse(cleaned)
        t3 = time.perf_counter()
        extract(parsed.display_title, list(parsed.paragraphs), parsed.language, parsed.date.value)
        t4 = time.perf_counter()
        for name, spent in zip(totals, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
            totals[name] += spent
    return {name: 1000 * spent / len(chosen) for name, spent in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=10_000, help="number of articles")
    parser.add_argument("--keep", type=Path, help="keep the corpus and archive in this directory")
    parser.add_argument("--no-events", action="store_true", help="leave the events stage out")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="with --keep: the corpus and archive kept there by an earlier run are used as they are "
        "(no full load; only the re-loads are timed)",
    )
    parser.add_argument(
        "--single-repeats",
        type=int,
        default=3,
        help="times the changed file is loaded alone by the command, each in a fresh process",
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=5.0,
        help="seconds between those loads (the copy ahead of the last build is made meanwhile)",
    )
    parser.add_argument(
        "--bytecode",
        action="store_true",
        help="compile app/ and migrations/ to bytecode first, as the image does (Dockerfile): "
        "a fresh process then reads the project's modules instead of compiling them",
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help="time the full load by stage and process (bench/load_profile.py), profile the parse "
        "of 1000 files, and stop there",
    )
    args = parser.parse_args()
    if args.reuse and not args.keep:
        parser.error("--reuse needs --keep")
    events_spent: list[float] = []
    grouping = pipeline.write_events

    def timed_events(*a: object, **k: object) -> int:
        if args.no_events:
            return 0
        t0 = time.perf_counter()
        written = grouping(*a, **k)  # type: ignore[arg-type]
        events_spent.append(time.perf_counter() - t0)
        return written

    pipeline.write_events = timed_events  # type: ignore[assignment]
    work = args.keep or Path(tempfile.mkdtemp(prefix="archive-bench-"))
    corpus, data = work / "corpus", work / "data"
    settings = Settings(data_dir=data)
    if args.reuse:
        paths = sorted(corpus.iterdir())
        args.n = len(paths)
        assert builds.current_build(data) is not None, f"no archive kept in {data}"
        # A later re-load must not take the files the last run just wrote for racy ones.
        past = time.time() - 60
        for path in paths:
            os.utime(path, (past, past))
        report = load([corpus], settings)  # settles the files touched above: not timed
        # The next build written takes their new times into its articles (seen_files): one
        # file edited and loaded here, so that the timed re-load below does not.
        settle = paths[len(paths) // 3]
        settle.write_text(settle.read_text(encoding="utf-8") + "\nСтороны подвели итоги.\n", encoding="utf-8")
        os.utime(settle, (past, past))
        report = load([settle], settings)
        events_spent.clear()
    else:
        shutil.rmtree(corpus, ignore_errors=True)
        shutil.rmtree(data, ignore_errors=True)
        paths = write_corpus(corpus, args.n)
    raw_bytes = sum(p.stat().st_size for p in paths)

    started, cpu = time.perf_counter(), _cpu()
    with TreeMemory() as memory, LoadProfile().running() if args.profile else nullcontext() as profile:
        if not args.reuse:
            report = load([corpus], settings)
    elapsed, load_cpu = time.perf_counter() - started, _cpu() - cpu
    load_cpu -= memory.own_cpu + (profile.own_cpu if profile is not None else 0.0)
    if profile is not None:
        print(
            f"full load {elapsed:.1f} s = {args.n / elapsed:.0f} articles/s,"
            f" {1000 * load_cpu / args.n:.2f} ms CPU/article, tree peak {memory.peak_pss / 1e6:.0f} MB PSS"
        )
        shares = " + ".join(f"{p / 1e6:.0f}" for p in memory.at_peak)
        print(f"  at the peak, PSS by process  {shares} MB (the load first, then its children)")
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  peak RSS of the load's own process  {peak_mb:.0f} MB")
        print(profile.report(args.n))
        print(parse_profile(paths))
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        return
    build = builds.current_build(data)
    assert (report.published or args.reuse) and build is not None, report.summary()
    # Each figure is printed as soon as it is measured: a run of an hour at 100k keeps what
    # it measured when a later step fails or is stopped.
    print(f"articles                 {args.n}")
    print(f"raw corpus               {raw_bytes / 1e6:.1f} MB")
    if not args.reuse:
        print(f"full load                {elapsed:.1f} s = {args.n / elapsed:.0f} articles/s")
        print(
            f"  CPU (load + children)  {load_cpu:.1f} s = {1000 * load_cpu / args.n:.2f} ms/article"
            f" (the memory sampler's own {memory.own_cpu:.1f} s left out)"
        )
        print(
            f"  peak memory, process tree  {memory.peak_pss / 1e6:.0f} MB PSS,"
            f" {memory.peak_rss / 1e6:.0f} MB RSS summed over up to {memory.peak_processes} processes"
        )
        shares = " + ".join(f"{p / 1e6:.0f}" for p in memory.at_peak)
        print(f"  at the peak, PSS by process  {shares} MB (the load first, then its children)")
        print(f"  report                 {report.summary()}", flush=True)

    changed = paths[len(paths) // 2]
    changed.write_text(
        changed.read_text(encoding="utf-8") + "\nДобавленный абзац о визите.\n", encoding="utf-8"
    )
    # Each timed load first waits for the copy ahead the load before it started (spare.py):
    # reaped in its window, that process's CPU would count as the load's.
    wait_for_spares()
    started, cpu = time.perf_counter(), _cpu()
    again = load([corpus], settings)
    reload_elapsed, reload_cpu = time.perf_counter() - started, _cpu() - cpu
    counts = f"{again.count('updated')} updated, {again.count('unchanged')} unchanged"
    print(f"re-load, 1 file changed  {reload_elapsed:.2f} s, {reload_cpu:.2f} s CPU ({counts})", flush=True)
    # Nothing changed since: every file is looked at, none read again.
    wait_for_spares()
    started, cpu = time.perf_counter(), _cpu()
    unchanged = load([corpus], settings)
    unchanged_elapsed, unchanged_cpu = time.perf_counter() - started, _cpu() - cpu
    print(f"re-load, nothing changed {unchanged_elapsed:.2f} s, {unchanged_cpu:.2f} s CPU", flush=True)
    assert not unchanged.published, unchanged.summary()
    # The same file changed once more and loaded on its own: one article re-indexed.
    changed.write_text(changed.read_text(encoding="utf-8") + "\nЕщё один абзац.\n", encoding="utf-8")
    wait_for_spares()
    single_spare = spare_state(data)
    started, cpu = time.perf_counter(), _cpu()
    single = load([changed], settings)
    single_elapsed, single_cpu = time.perf_counter() - started, _cpu() - cpu
    assert single.count("updated") == 1, single.summary()
    print(
        f"1 changed file loaded alone {single_elapsed:.2f} s, {single_cpu:.2f} s CPU"
        f" (one article re-indexed and published; copy made ahead: {single_spare})",
        flush=True,
    )
    if args.bytecode:
        root = Path(__file__).resolve().parent.parent
        subprocess.run([sys.executable, "-m", "compileall", "-q", "app", "migrations"], cwd=root, check=True)
    for number in range(args.single_repeats):
        time.sleep(args.pause)
        changed.write_text(changed.read_text(encoding="utf-8") + f"\nАбзац {number}.\n", encoding="utf-8")
        wall, cpu_s, state = load_command(changed, data)
        compiled = ", bytecode compiled" if args.bytecode else ""
        print(
            f"  `archive load FILE`, fresh process: {wall:.2f} s, {cpu_s:.2f} s CPU"
            f" (copy ahead: {state}{compiled})",
            flush=True,
        )
    wait_for_spares()
    # The whole folder again, nothing changed since, by the command in a fresh process.
    for _ in range(args.single_repeats):
        wall, cpu_s, _ = load_command(corpus, data)
        said = f"{wall:.2f} s, {cpu_s:.2f} s CPU"
        print(f"  `archive load DIR`, nothing changed, fresh process: {said}", flush=True)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    build = builds.current_build(data)
    if events_spent:
        stages = ", ".join(f"{t:.2f}" for t in events_spent)
        print(f"events stage             {stages} s (full load, re-load, one file alone)")
    print(f"sqlite size              {(build / builds.DB_NAME).stat().st_size / 1e6:.1f} MB")
    print(f"whoosh index size        {directory_size(build / builds.INDEX_NAME) / 1e6:.1f} MB")
    print(f"peak RSS                 {peak_mb:.0f} MB (this process), {child_mb:.0f} MB (largest child)")
    for name, ms in stage_costs(paths).items():
        print(f"  {name:<22} {ms:.2f} ms/article (warm caches, 1000-article sample)")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)


def spare_state(data: Path) -> str:
    """Whether the copy of the served database made ahead is there for the next load."""
    served = builds.current_build(data)
    if served is not None and spare_path(data, served.name).is_file():
        return "ready"
    folder = data / SPARE_DIR
    return "being made" if folder.is_dir() and any(folder.glob("*.partial")) else "none"


def load_command(path: Path, data: Path) -> tuple[float, float, str]:
    """`archive load PATH` in a fresh process: its wall time, its CPU time (with its own
    children) and whether the copy made ahead was ready when it started."""
    state = spare_state(data)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "app.cli", "--data-dir", str(data), "load", "-q", str(path)],
        cwd=Path(__file__).resolve().parent.parent,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, state


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


if __name__ == "__main__":
    main()
