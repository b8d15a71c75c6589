"""CPU per article of each pure stage of the parse, warm, best of `--runs`.

    python bench/stage_cpu.py [--code DIR] [--n 500] [--runs 5]

Stages as bench/load.py --profile names them: clean, parse, entities, the repeated-lines
profile, the record (to_record's own work: ids, slug, fields) and packing. Each stage runs
over all the synthetic files (bench/corpus.py) on the previous stage's outputs, so one
stage's figure holds no other's. `--code` runs another checkout's `app` (a worktree of main):
run both alternately to compare, CPU time (time.process_time) being what a busy machine
does not stretch.
"""

import argparse
import cProfile
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=HERE, help="the checkout whose app/ runs")
    parser.add_argument("--n", type=int, default=500, help="synthetic articles a run")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--calls",
        action="store_true",
        help="also count the regex calls per article (cProfile: exact, not timed)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    sys.path.insert(1, str(HERE))
    from app.entities.extract import extract
    from app.loader import pipeline, repeated
    from app.loader.clean import clean
    from app.loader.discover import read_file
    from app.loader.parse import parse
    from app.loader.store import PackedRecord
    from bench.corpus import write_corpus

    with tempfile.TemporaryDirectory() as tmp:
        decoded = [read_file(p, 10**7) for p in write_corpus(Path(tmp), args.n * (args.runs + 2))]
    now = datetime(2026, 1, 1, tzinfo=UTC)
    for item in decoded[args.n * (args.runs + 1) :]:
        PackedRecord.pack(pipeline.to_record(item, now))
    spent: dict[str, list[float]] = {}

    def profile(d: Any, p: Any) -> Any:
        return repeated.profile(d.text, pipeline._group(p.outlet, str(d.path)), p.display_title)

    def timed(stage: str, work: Callable[[Any], Any], items: list[Any]) -> list[Any]:
        started = time.process_time()
        out = [work(item) for item in items]
        spent.setdefault(stage, []).append(time.process_time() - started)
        return out

    # Each run has its own articles (a load reads each text once: what a cache kept of one
    # run's texts must not speed the next), the stages in to_record's order.
    for run in range(args.runs):
        chunk = decoded[run * args.n : (run + 1) * args.n]
        cleaned = timed("clean", lambda d: clean(d.text), chunk)
        parsed = timed("parse", parse, cleaned)
        timed(
            "entities",
            lambda p: extract(p.display_title, list(p.paragraphs), p.language, p.date.value),
            parsed,
        )
        timed("repeated-lines profile", lambda dp: profile(*dp), list(zip(chunk, parsed, strict=True)))
        # The whole of it again (warm now): what the record adds, and the packing.
        records = timed("to_record, warm", lambda d: pipeline.to_record(d, now), chunk)
        timed("packing", PackedRecord.pack, records)
    print(f"{args.n} synthetic articles a run, {args.code}: ms CPU per article, best of {args.runs}")
    stages = ["clean", "parse", "entities", "repeated-lines profile"]
    for name, times in spent.items():
        print(f"  {name:<24} {1000 * min(times) / args.n:7.3f}")
    total = [sum(spent[s][i] for s in stages) for i in range(args.runs)]
    print(f"  {'four stages, cold':<24} {1000 * min(total) / args.n:7.3f}")
    if args.calls:
        print(
            regex_calls(
                decoded[args.n * args.runs : args.n * (args.runs + 1)], lambda d: pipeline.to_record(d, now)
            )
        )


def regex_calls(items: list[Any], work: Callable[[Any], Any]) -> str:
    """Calls of compiled patterns' methods per item (and of `re`'s module functions, which
    compile or look up their pattern each time) while `work` runs over `items`: exact counts,
    which a busy machine does not blur as it does CPU times."""
    profiler = cProfile.Profile()
    profiler.enable()
    for item in items:
        work(item)
    profiler.disable()
    raw: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    counts = {
        name: value[1]
        for (filename, _, name), value in raw.items()
        if "re.Pattern" in name or (filename.endswith("/re/__init__.py") and name in RE_FUNCTIONS)
    }
    lines = [f"  regex calls per article ({len(items)} articles, to_record, cold)"]
    for name, count in sorted(counts.items(), key=lambda kv: -kv[1]):
        lines.append(f"    {count / len(items):9.1f}  {name}")
    lines.append(f"    {sum(counts.values()) / len(items):9.1f}  all")
    return "\n".join(lines)


RE_FUNCTIONS = {"search", "match", "fullmatch", "findall", "finditer", "sub", "subn", "split"}


if __name__ == "__main__":
    main()
