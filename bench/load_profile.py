"""Where a full load's CPU goes: by stage of the load and by process (bench/load.py --profile).

The load's stages are timed by wrapping the pipeline's steps (the innermost one running in
the load's main thread names the stage); the CPU of every process of the load's tree and of
every thread of the load itself is sampled from /proc, so that the Whoosh writers, the parse
workers and the index-feeding thread are told apart from the main thread. Children are named
by the stage in which they first appear. Also: how many cores the tree kept busy over the
load (and the machine as a whole, from /proc/stat), and a cProfile of the parse of a sample
of files in this process, by rule module and by function.
"""

import cProfile
import functools
import os
import pstats
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.loader import pipeline

TICKS = os.sysconf("SC_CLK_TCK")
# The load's steps, as the pipeline module names them: wrapped to time the stages.
STEPS = (
    "process_files",
    "_settle_repetition",
    "_write_build",
    "_write_sqlite",
    "write_documents",
    "write_events",
    "write_columns",
    "write_postings",
    "start_spare",
)
# Threads of the bench itself (this profiler, bench/load.py's memory sampler): left out.
SAMPLERS = {"memory-sampler"}
# What a child forked during a stage is.
CHILD_ROLE = {
    "process_files": "parse workers",
    "_settle_repetition": "parse workers (again)",
    "_write_build": "Whoosh writers",
    "_write_sqlite": "Whoosh writers",
    "write_documents": "Whoosh writers",
    "start_spare": "spare copy",
}


def _cpu_of(stat_path: str) -> float | None:
    """utime + stime of a process or thread, in seconds."""
    try:
        with open(stat_path) as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS


def _children(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    kids = [int(c) for c in handle.read().split()]
                found += kids
                todo += kids
        except OSError:
            continue
    return found


def _machine_busy() -> tuple[float, float]:
    """Busy and total jiffies of the whole machine since boot."""
    with open("/proc/stat") as handle:
        values = [int(v) for v in handle.readline().split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


@dataclass
class LoadProfile:
    interval: float = 0.1
    # (name, start, end) of every wrapped step that ran in the main thread.
    spans: list[tuple[str, float, float]] = field(default_factory=list)
    stack: list[str] = field(default_factory=list)
    # CPU seconds by (process role or thread, stage running in the main thread then).
    cpu: dict[tuple[str, str], float] = field(default_factory=lambda: defaultdict(float))
    wall: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    # Seconds of wall time during which the tree used <0.5, 0.5-1.5, >=1.5 cores.
    busy: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    machine: list[float] = field(default_factory=list)
    roles: dict[int, str] = field(default_factory=dict)
    last: dict[str, float] = field(default_factory=dict)
    started: float = 0.0
    ended: float = 0.0
    # CPU seconds the sampling thread took: not the load's.
    own_cpu: float = 0.0
    # The previous sample: when, each thread's and child's CPU, the machine's jiffies.
    _at: float = 0.0
    _before: dict[str, float] = field(default_factory=dict)
    _busy: float = 0
    _total: float = 0

    def stage(self) -> str:
        return self.stack[-1] if self.stack else "other (main)"

    @contextmanager
    def running(self) -> Iterator["LoadProfile"]:
        originals = {name: getattr(pipeline, name) for name in STEPS}
        for name, original in originals.items():
            setattr(pipeline, name, self._wrap(name, original))
        stop = threading.Event()
        sampler = threading.Thread(target=self._sample_until, args=(stop,), daemon=True)
        self.started = time.perf_counter()
        self._sample(first=True)
        sampler.start()
        try:
            yield self
        finally:
            stop.set()
            sampler.join()
            self._sample()
            self.ended = time.perf_counter()
            for name, original in originals.items():
                setattr(pipeline, name, original)

    def _wrap(self, name: str, original: Callable[..., Any]) -> Callable[..., Any]:
        profile = self

        @functools.wraps(original)
        def timed(*args: Any, **kwargs: Any) -> Any:
            if threading.current_thread() is not threading.main_thread():
                return original(*args, **kwargs)
            start = time.perf_counter()
            profile.stack.append(name)
            try:
                result = original(*args, **kwargs)
                return result
            finally:
                profile.stack.pop()
                profile.spans.append((name, start, time.perf_counter()))

        return timed

    def _sample_until(self, stop: threading.Event) -> None:
        while not stop.wait(self.interval):
            self._sample()
        self.own_cpu = time.thread_time()

    def _sample(self, first: bool = False) -> None:
        now = time.perf_counter()
        stage = self.stage()
        me = os.getpid()
        names = {t.native_id: t.name for t in threading.enumerate()}
        current: dict[str, float] = {}
        for task in os.listdir(f"/proc/{me}/task"):
            tid = int(task)
            cpu = _cpu_of(f"/proc/{me}/task/{task}/stat")
            if cpu is None:
                continue
            name = names.get(tid, "other thread")
            if tid == threading.get_native_id() or name in SAMPLERS:
                continue
            key = f"main: {'main thread' if tid == me else name}"
            current[f"t{tid}"] = cpu
            self._add(f"t{tid}", key, stage, cpu, first)
        for pid in _children(me):
            cpu = _cpu_of(f"/proc/{pid}/stat")
            if cpu is None:
                continue
            role = self.roles.setdefault(pid, CHILD_ROLE.get(stage, f"child during {stage}"))
            current[f"p{pid}"] = cpu
            self._add(f"p{pid}", role, stage, cpu, first)
        busy, total = _machine_busy()
        if not first:
            elapsed = now - self._at
            tree = sum(current.get(k, 0.0) - self._before.get(k, 0.0) for k in current) / elapsed
            band = "<0.5 cores" if tree < 0.5 else "0.5-1.5 cores" if tree < 1.5 else ">=1.5 cores"
            self.busy[band] += elapsed
            self.wall[stage] += elapsed
            self.machine.append((busy - self._busy) / max(1, total - self._total) * (os.cpu_count() or 1))
        self._at, self._before, self._busy, self._total = now, current, busy, total

    def _add(self, key: str, who: str, stage: str, cpu: float, first: bool) -> None:
        before = self.last.get(key)
        self.last[key] = cpu
        if first:
            return
        # A child born since the last sample: its CPU so far counts to this stage.
        self.cpu[(who, stage)] += cpu - (before or 0.0)

    def report(self, articles: int) -> str:
        wall = self.ended - self.started
        stages = sorted(self.wall, key=lambda s: -self.wall[s])
        whos = sorted(
            {w for w, _ in self.cpu}, key=lambda w: -sum(v for (x, _), v in self.cpu.items() if x == w)
        )
        lines = [f"profile over {wall:.1f} s wall, {articles} articles (ms CPU per article)"]
        header = f"{'stage (main thread in)':<24} {'wall s':>7} {'share':>6} " + " ".join(
            f"{w[:14]:>14}" for w in whos
        )
        lines.append(header + f" {'all':>8}")
        for stage in stages:
            row = [1000 * self.cpu.get((w, stage), 0.0) / articles for w in whos]
            lines.append(
                f"{stage:<24} {self.wall[stage]:>7.1f} {self.wall[stage] / wall:>6.0%} "
                + " ".join(f"{v:>14.2f}" for v in row)
                + f" {sum(row):>8.2f}"
            )
        totals = [1000 * sum(v for (x, _), v in self.cpu.items() if x == w) / articles for w in whos]
        lines.append(
            f"{'all':<24} {wall:>7.1f} {'':>6} "
            + " ".join(f"{v:>14.2f}" for v in totals)
            + f" {sum(totals):>8.2f}"
        )
        spent = sum(self.busy.values()) or 1.0
        lines.append(
            "tree busy: " + ", ".join(f"{band} {self.busy[band] / spent:.0%}" for band in sorted(self.busy))
        )
        if self.machine:
            ordered = sorted(self.machine)
            lines.append(
                f"machine busy (cores of {os.cpu_count()}): mean {sum(ordered) / len(ordered):.2f},"
                f" median {ordered[len(ordered) // 2]:.2f}"
            )
        top = [(n, s, e) for n, s, e in self.spans if n in ("process_files", "_write_build")]
        for name, start, end in top:
            lines.append(f"  {name} {start - self.started:.1f}-{end - self.started:.1f} s")
        return "\n".join(lines)


# The rule modules a parse goes through, named as the brief's stages.
PARSE_STAGES = {
    "clean": ("app/loader/clean.py", "clean"),
    "parse": ("app/loader/parse.py", "parse"),
    "outlet_of (site lines)": ("app/loader/parse.py", "outlet_of"),
    "entities": ("app/entities/extract.py", "extract"),
    "repetition profile": ("app/loader/repeated.py", "profile"),
    "pack": ("app/loader/store.py", "pack"),
}


def parse_profile(paths: list[Path], sample: int = 1000, top: int = 30) -> str:
    """cProfile of the parse of `sample` files in this process (warm): the cumulative time
    of each stage's entry and of each module, and the functions that cost most themselves."""
    from datetime import UTC, datetime

    from app.loader.discover import read_file
    from app.loader.store import PackedRecord

    chosen = paths[:sample]
    decoded = [read_file(p, 10**7) for p in chosen]
    now = datetime.now(UTC)
    for item in decoded[:20]:  # warm the caches and compiled patterns
        pipeline.to_record(item, now)
    profiler = cProfile.Profile(time.process_time)
    started = time.process_time()
    profiler.enable()
    for item in decoded:
        PackedRecord.pack(pipeline.to_record(item, now))
    profiler.disable()
    spent = time.process_time() - started
    stats = pstats.Stats(profiler)
    raw: dict[Any, Any] = stats.stats  # type: ignore[attr-defined]
    lines = [
        f"parse of {len(chosen)} files in process: {1000 * spent / len(chosen):.2f} ms CPU/article (profiled)"
    ]
    for label, (suffix, function) in PARSE_STAGES.items():
        cumulative = sum(v[3] for (f, _, n), v in raw.items() if f.endswith(suffix) and n == function)
        lines.append(f"  {label:<26} {1000 * cumulative / len(chosen):6.2f} ms/article cumulative")
    by_module: dict[str, float] = defaultdict(float)
    for (filename, _, _), value in raw.items():
        module = filename.split("/app/", 1)[1] if "/app/" in filename else Path(filename).name
        by_module[module] += value[2]
    lines.append("  own time by module:")
    for module, own in sorted(by_module.items(), key=lambda kv: -kv[1])[:15]:
        lines.append(f"    {module:<40} {1000 * own / len(chosen):6.2f} ms/article")
    lines.append("  functions by own time:")
    ranked = sorted(raw.items(), key=lambda kv: -kv[1][2])[:top]
    for (filename, line, name), value in ranked:
        where = filename.split("/app/", 1)[1] if "/app/" in filename else Path(filename).name
        lines.append(
            f"    {1000 * value[2] / len(chosen):6.3f} own {1000 * value[3] / len(chosen):7.3f} cum"
            f"  {value[1]:>8} calls  {where}:{line} {name}"
        )
    return "\n".join(lines)
