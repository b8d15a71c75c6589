"""Tables a process derives from the data files at first use, kept on disk for the next one.

The entity matcher's alias table (every alias of every leader, country and organisation,
each word turned into its morphological keys) takes a third of a second to build: more
than the whole parse of the one file that a small load reads. A load keeps such tables in
its data folder (`keep_in`), under a name that carries a hash of everything they are made
from: the data files, the code that derives them and the versions of the packages it calls.
A changed rule or dictionary gives another name, so a stale table is never read; one that
cannot be read or written is simply built, as without a folder.
"""

import hashlib
from collections.abc import Callable
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TypeVar

from app.datafiles import DATA_DIR, keep_parsed_in, kept_or_built

T = TypeVar("T")
APP_DIR = Path(__file__).resolve().parent
# What a derived table may depend on beyond the data files: the text analysers' code, the
# loader's (app/loader/dates.py builds the calendar tables), the morphology dictionaries
# and stemmers they call, and Babel's calendar data (CLDR).
CODE_DIRS = ("entities", "text", "loader")
PACKAGES = ("pymorphy3", "pymorphy3-dicts-ru", "PyStemmer", "Babel")

_folder: list[Path] = []


def keep_in(folder: Path | None) -> None:
    """Keep tables in `folder` from now on in this process (None: build them every time),
    and the parsed data files they are made from (app.datafiles)."""
    _folder[:] = [folder] if folder is not None else []
    keep_parsed_in(folder)


def read_from(folder: Path) -> None:
    """Read the tables and parsed data files a load kept in `folder` from now on in this
    process, and write none there: the web process, which writes nothing in the archive's
    folder. Its first search read the data files and built the alias table a load of the
    same code had kept already (a tenth of a second of every worker's start)."""
    _folder[:] = [folder]
    keep_parsed_in(folder, write=False)


@cache
def _inputs_digest() -> str:
    digest = hashlib.sha256()
    sources = sorted(DATA_DIR.glob("*.toml")) + sorted(DATA_DIR.glob("*.json"))
    sources += [p for d in CODE_DIRS for p in sorted((APP_DIR / d).glob("*.py"))]
    for path in [*sources, Path(__file__)]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    for package in PACKAGES:
        try:
            digest.update(f"{package}=={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{package} missing".encode())
    return digest.hexdigest()[:16]


def cached(name: str, build: Callable[[], T]) -> T:
    """The table `name`, read from the folder when one of the same inputs is there, else
    built (and written there for the next process)."""
    if not _folder:
        return build()
    return kept_or_built(_folder[0] / f"{name}-{_inputs_digest()}.pickle", name, build)
