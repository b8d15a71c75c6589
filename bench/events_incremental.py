"""The events stage of a load changing one article, on a copy of a built archive: CPU seconds
of `write_events(engine, {id})` (app/loader/event_store.py), the regroup only.

    .venv/bin/python bench/events_incremental.py ARCHIVE.sqlite [--pick 5] [--runs 3] [--full]

Works on the file it is given (it writes the events tables): give it a copy. The articles are
picked evenly over the archive's source files; each is regrouped `--runs` times in this
process (the first run of the process also pays for reading the word lists and the register,
as a fresh `archive load FILE` does), and the median of the later runs is printed with how
many reports the regroup held. The stored reports must be of this code's `report_version`
(else the first load of each pair derives them again from the texts): `--full` regroups the
whole archive first, as a first load does, and prints its CPU time.
"""

import argparse
import sqlite3
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from app.build.sqlite import sqlite_engine  # noqa: E402
from app.loader import event_store  # noqa: E402
from app.loader.events import Event, Key, Report  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("archive", type=Path)
    parser.add_argument("--pick", type=int, default=5, help="how many articles, spread over the archive")
    parser.add_argument("--runs", type=int, default=3, help="regroups of each article")
    parser.add_argument("--full", action="store_true", help="regroup the whole archive first")
    args = parser.parse_args()
    engine = sqlite_engine(args.archive)
    if args.full:
        started = time.process_time()
        written = event_store.write_events(engine, None)
        spent = time.process_time() - started
        print(f"full regroup             {spent:.2f} s CPU, {written} events", flush=True)
    with sqlite3.connect(args.archive) as db:
        rows = db.execute(
            "SELECT a.id FROM article a JOIN article_event_key k ON k.article_id = a.id "
            "GROUP BY a.id ORDER BY a.source_file"
        ).fetchall()
    step = max(1, len(rows) // (args.pick + 1))
    picked = [rows[step * (n + 1)][0] for n in range(min(args.pick, len(rows)))]
    sizes: list[int] = []
    real = event_store.group

    def counting(reports: list[Report], counts: Callable[[Key], Counter[int]] | None = None) -> list[Event]:
        sizes.append(len(reports))
        return real(reports, counts)

    event_store.group = counting  # type: ignore[assignment]
    first = True
    medians = []
    for ident in picked:
        spent = []
        for _ in range(args.runs):
            started = time.process_time()
            event_store.write_events(engine, {ident})
            spent.append(time.process_time() - started)
        later = spent[1:] if first and len(spent) > 1 else spent
        first = False
        medians.append(statistics.median(later))
        runs = " / ".join(f"{s:.3f}" for s in spent)
        print(f"{ident}  {runs} s CPU, {sizes[-1]} reports regrouped", flush=True)
    print(f"median over the articles {statistics.median(medians):.3f} s CPU")


if __name__ == "__main__":
    main()
