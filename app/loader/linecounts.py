"""The count of lines repeated across an outlet's pages, kept with each build.

Whether a line is an outlet's boilerplate depends on how many pages of its group (outlet, or
folder) carry it (app/loader/repeated.py). A load of one file counted the line over every
page of the group it joins: at 100,000 articles 20,000 pages read from SQLite and counted,
1.5 s of a 6.5 s load. Each build keeps here, per group, the number of pages on which each
line (and each headline) stands, over every page the build holds; the next load takes the
pages that leave or enter out of it or into it (`GroupCount.changed`) and reads no other page
unless a line crosses the bound (then the group is counted whole, as before).

`unsettled` names the groups whose stored pages may carry removals the count no longer
gives (a page that had to be parsed again could not be: its file changed or was gone): a
load touching such a group counts and checks it whole. The file names the code and data
files it was made with (`pipeline_version`): another version's is not read, nor a file cut
short; without one, the load counts whole groups and writes the file from the build.
"""

import zipfile
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path

import numpy as np

from app.loader.repeated import KEY, GroupCount

LINE_COUNTS_FILE = "line_counts.npz"
FORMAT = "1"


class LineCounts(Mapping[str, GroupCount]):
    """A build's kept counts, each group's arrays read when first asked for."""

    def __init__(self, path: Path, groups: list[str], unsettled: frozenset[str]) -> None:
        self.path = path
        self.numbers = {name: number for number, name in enumerate(groups)}
        self.unsettled = unsettled
        self._read: dict[str, GroupCount] = {}

    def __getitem__(self, name: str) -> GroupCount:
        found = self._read.get(name)
        if found is None:
            number = self.numbers[name]
            with np.load(self.path, allow_pickle=False) as arrays:
                found = GroupCount(
                    int(arrays["pages"][number]),
                    arrays[f"k{number}"],
                    arrays[f"c{number}"],
                    arrays[f"h{number}"],
                    arrays[f"hc{number}"],
                )
            self._read[name] = found
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.numbers)

    def __len__(self) -> int:
        return len(self.numbers)


def read_line_counts(build: Path, version: str) -> LineCounts | None:
    """The counts kept with `build`, or None when there are none of this `version`."""
    path = build / LINE_COUNTS_FILE
    try:
        with np.load(path, allow_pickle=False) as arrays:
            if str(arrays["stamp"]) != f"{FORMAT}|{version}":
                return None
            groups = [str(g) for g in arrays["groups"]]
            unsettled = frozenset(str(g) for g in arrays["unsettled"])
            if len(arrays["pages"]) != len(groups):
                return None
    except (OSError, ValueError, KeyError, zipfile.BadZipFile):
        return None
    return LineCounts(path, groups, unsettled)


def write_line_counts(
    build: Path, counts: Mapping[str, GroupCount], unsettled: Iterable[str], version: str
) -> None:
    """Keep `counts` (every group the build holds) with `build`."""
    groups = sorted(name for name, count in counts.items() if count.pages > 0)
    arrays: dict[str, np.ndarray] = {
        "stamp": np.array(f"{FORMAT}|{version}"),
        "groups": np.array(groups, dtype=str),
        "unsettled": np.array(sorted(set(unsettled) & set(groups)), dtype=str),
        "pages": np.array([counts[name].pages for name in groups], dtype=np.int64),
    }
    for number, name in enumerate(groups):
        count = counts[name]
        arrays[f"k{number}"] = count.keys.astype(KEY)
        arrays[f"c{number}"] = count.counts.astype(np.int64)
        arrays[f"h{number}"] = count.heads.astype(KEY)
        arrays[f"hc{number}"] = count.head_counts.astype(np.int64)
    part = build / (LINE_COUNTS_FILE + ".part")
    with open(part, "wb") as out:
        np.savez(out, **arrays)  # type: ignore[arg-type]
    part.rename(build / LINE_COUNTS_FILE)
