"""Rebuild the pages collected for the events set (ev-, ev2- to ev5-<lang>-NN.txt) into devset/pages/.

devset/events.jsonl names every page of the events set: the development set's pages
(rebuilt by fetch.py), the seeds (in the repository) and the pages collected for this set,
with their URL and SHA-256. The texts are not ours to redistribute; this script fills
devset/pages/ the same two ways as fetch.py:

    python devset/fetch_events.py --from DIR   # copy ev*-*.txt from a directory you were given
    python devset/fetch_events.py              # download each URL and turn its HTML into text
    python devset/fetch_events.py --from DIR --part v3   # only one part's pages (ev3-*.txt)
    python devset/fetch_events.py --from DIR --part v4   # the fourth check's pages (ev4-*.txt)
    python devset/fetch_events.py --from DIR --part v5   # the fifth check's pages (ev5-*.txt)
"""

import argparse
import json
import sys
from pathlib import Path

from fetch import fetch_pages

EVENTS = Path(__file__).resolve().parent / "events.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--from", dest="source", type=Path, help="directory holding ev-*.txt files")
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--part", help="only the pages of this part (tuning, held_out, v2, v3, v4, v5)")
    args = parser.parse_args()
    rows = [json.loads(line) for line in EVENTS.read_text(encoding="utf-8").splitlines()]
    pages = [r for r in rows if r["type"] == "page" and r["source"] == "events"]
    if args.part:
        pages = [r for r in pages if r["part"] == args.part]
    failed = fetch_pages(pages, args.source, args.timeout)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
