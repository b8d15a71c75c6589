"""Which development-set pages a folder holds, and whether each is the snapshot the truth was written on.

The page texts are not in git (see devset/README.md), so a fresh machine rebuilds them: from a folder
someone hands over, or from the search tool's stored copies. Before measuring, this says per part
(v1 to v17) which pages are there byte for byte (their SHA-256 is the one recorded in the truth), which
are there but differ (bench/accuracy.py then finds their lines by prefix and hash, not by number) and
which are missing (the bench skips them, so a part's figures would cover fewer pages).

    python devset/check_pages.py                         # devset/pages against devset/truth.jsonl
    python devset/check_pages.py devset/staging --list   # and name the pages that differ or are missing
    python devset/check_pages.py --part v12              # one part only

Standard library only: it runs before the project's environment exists.
"""

import argparse
import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
TRUTH = HERE / "truth.jsonl"
PAGES = HERE / "pages"

Truth = Mapping[str, object]


@dataclass
class PartPages:
    """The page ids of one part, by state; each list keeps the truth file's order."""

    exact: list[str] = field(default_factory=list)
    differs: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    def total(self) -> int:
        return len(self.exact) + len(self.differs) + len(self.missing)


def read_truths(path: Path) -> list[Truth]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def part_of(truth: Truth) -> str:
    # The first set was gathered before parts existed: its lines carry none (as in fetch.py).
    return str(truth.get("part", "v1"))


def part_order(part: str) -> tuple[int, str]:
    """v2 before v10: parts sort by number, not as text."""
    number = part[1:]
    return (int(number), part) if number.isdigit() else (sys.maxsize, part)


def page_state(truth: Truth, folder: Path) -> str:
    """'exact', 'differs' or 'missing' for the page's <id>.txt in `folder`."""
    path = folder / f"{truth['id']}.txt"
    if not path.is_file():
        return "missing"
    same = hashlib.sha256(path.read_bytes()).hexdigest() == truth["sha256"]
    return "exact" if same else "differs"


def check(truths: Iterable[Truth], folder: Path) -> dict[str, PartPages]:
    """Every truth page's state in `folder`, grouped by part, parts in order."""
    parts: dict[str, PartPages] = {}
    for truth in truths:
        pages = parts.setdefault(part_of(truth), PartPages())
        by_state = {"exact": pages.exact, "differs": pages.differs, "missing": pages.missing}
        by_state[page_state(truth, folder)].append(str(truth["id"]))
    return {part: parts[part] for part in sorted(parts, key=part_order)}


def table(parts: Mapping[str, PartPages]) -> str:
    """One line per part and a total, as plain aligned columns."""
    counts = {
        part: [pages.total(), len(pages.exact), len(pages.differs), len(pages.missing)]
        for part, pages in parts.items()
    }
    totals = [sum(column) for column in zip(*counts.values(), strict=True)] or [0, 0, 0, 0]
    rows: list[list[str]] = [["part", "pages", "exact", "differs", "missing"]]
    rows += [[part, *map(str, row)] for part, row in counts.items()]
    rows.append(["all", *map(str, totals)])
    return "\n".join(f"{row[0]:<6}" + "".join(f"{cell:>9}" for cell in row[1:]) for row in rows)


def listing(parts: Mapping[str, PartPages]) -> str:
    """The ids that differ or are missing, part by part (an exact page needs no name)."""
    lines = []
    for part, pages in parts.items():
        for state, ids in (("differs", pages.differs), ("missing", pages.missing)):
            if ids:
                lines.append(f"{part} {state}: {' '.join(ids)}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", type=Path, default=PAGES, help="folder of <id>.txt files")
    parser.add_argument("--truth", type=Path, default=TRUTH, help="the truth file (JSON lines)")
    parser.add_argument("--part", help="only this part (v1 to v17)")
    parser.add_argument("--list", action="store_true", help="name the pages that differ or are missing")
    args = parser.parse_args(argv)

    truths = read_truths(args.truth)
    if args.part:
        truths = [truth for truth in truths if part_of(truth) == args.part]
    parts = check(truths, args.folder)
    print(table(parts))
    if args.list and (names := listing(parts)):
        print()
        print(names)
    return 0


if __name__ == "__main__":
    sys.exit(main())
