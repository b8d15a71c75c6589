"""Rebuild the pages collected for the events set (ev-<lang>-NN.txt) into devset/pages/.

devset/events.jsonl names every page of the events set: the development set's pages
(rebuilt by fetch.py), the seeds (in the repository) and the pages collected for this set,
with their URL and SHA-256. The texts are not ours to redistribute; this script fills
devset/pages/ the same two ways as fetch.py:

    python devset/fetch_events.py --from DIR   # copy ev-*.txt from a directory you were given
    python devset/fetch_events.py              # download each URL and turn its HTML into text
"""

import argparse
import json
import shutil
import sys
from pathlib import Path

from fetch import PAGES, download, sha256

EVENTS = Path(__file__).resolve().parent / "events.jsonl"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--from", dest="source", type=Path, help="directory holding ev-*.txt files")
    parser.add_argument("--timeout", type=float, default=20.0)
    args = parser.parse_args()
    rows = [json.loads(line) for line in EVENTS.read_text(encoding="utf-8").splitlines()]
    pages = [r for r in rows if r["type"] == "page" and r["source"] == "events"]
    PAGES.mkdir(exist_ok=True)
    failed = differs = 0
    for page in pages:
        target = PAGES / f"{page['id']}.txt"
        try:
            if args.source:
                shutil.copyfile(args.source / target.name, target)
            else:
                target.write_text(download(page["url"], args.timeout), encoding="utf-8")
        except (OSError, ValueError) as error:
            failed += 1
            print(f"failed   {page['id']}: {error}", file=sys.stderr)
            continue
        same = sha256(target) == page["sha256"]
        differs += not same
        print(f"{'ok' if same else 'differs'}  {page['id']}  {page['url']}")
    print(f"{len(pages) - failed} of {len(pages)} pages in {PAGES}; {differs} differ from the stored copy")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
