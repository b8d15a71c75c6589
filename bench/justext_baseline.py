"""jusText as a baseline boilerplate classifier on the development set.

    pip install justext lxml_html_clean   # not in the lock: for measuring only
    python bench/justext_baseline.py

Each non-empty raw line of a page becomes one <p>; jusText's stopword-density and length rules
(with its English, Russian and Kazakh stoplists) call it good or boilerplate. Printed per part
(tuning, held out): boilerplate and metadata lines jusText keeps, the headline line it keeps,
and body lines it drops, in the same terms as bench/accuracy.py.
"""

import html
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
STOPLISTS = {"en": "English", "ru": "Russian", "kk": "Kazakh"}


def main() -> int:
    try:
        import justext
    except ImportError:
        print("justext is not installed: pip install justext lxml_html_clean")
        return 0
    truths = [json.loads(line) for line in (ROOT / "devset" / "truth.jsonl").read_text().splitlines() if line]
    for part, held in (("tuning part", False), ("held out", True)):
        counts: Counter = Counter()
        for truth in truths:
            page = ROOT / "devset" / "pages" / f"{truth['id']}.txt"
            if truth["held_out"] != held or not page.exists():
                continue
            lines = page.read_text(encoding="utf-8").split("\n")
            numbers = [n for n, line in enumerate(lines, 1) if line.strip()]
            doc = "".join(f"<p>{html.escape(lines[n - 1])}</p>" for n in numbers)
            paragraphs = justext.justext(
                f"<html><body>{doc}</body></html>".encode(),
                justext.get_stoplist(STOPLISTS[truth["language"]]),
                encoding="utf-8",
            )
            if len(paragraphs) != len(numbers):
                counts["pages not aligned"] += 1
                continue
            good = {numbers[k] for k, p in enumerate(paragraphs) if not p.is_boilerplate}
            for kind in ("boilerplate", "metadata"):
                counts[kind] += len(truth[f"{kind}_lines"])
                counts[f"{kind} left"] += sum(e["line"] in good for e in truth[f"{kind}_lines"])
            counts["body"] += len(truth["body_lines"])
            counts["body lost"] += sum(e["line"] not in good for e in truth["body_lines"])
            counts["headline line left"] += bool(truth["headline_line"] and truth["headline_line"] in good)
        print(
            f"{part}: boilerplate left {counts['boilerplate left']} of {counts['boilerplate']}, "
            f"metadata left {counts['metadata left']} of {counts['metadata']}, "
            f"headline line left {counts['headline line left']}, "
            f"body lost {counts['body lost']} of {counts['body']}"
            + (f", {counts['pages not aligned']} pages not aligned" if counts["pages not aligned"] else "")
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
