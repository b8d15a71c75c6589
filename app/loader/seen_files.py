"""Files a load read again and found as stored: their new size and time, noted beside the builds.

A file copied or touched (`cp -r`, `touch`, a checkout) keeps its text but gets a new
modification time. Its stored article stays, but the stored time no longer matches, and
without a note of the new one every later load reads and hashes the file again (100,000
copied files: 14 s for a load that finds nothing changed).

The note is a fact about the file, true whatever build is served: at `seen_ns` the file at
`path` had this size and time and these bytes (`sha256`). It lives in `data/seen.sqlite`,
which the web app never opens, so a load that changes no article writes no build: the
served one stays as it is, never written (it is opened with immutable=1). A load trusts a
note only while the stored article was made from the same bytes. The next build written
takes the notes into its articles (store.refresh_stats), and they are dropped.
"""

import sqlite3
from collections.abc import Collection, Iterable, Mapping
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from app.loader.stored import StoredState

SEEN_NAME = "seen.sqlite"
SCHEMA = (
    "CREATE TABLE IF NOT EXISTS seen_file ("
    " path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,"
    " sha256 TEXT NOT NULL, seen_ns INTEGER NOT NULL)"
)


@dataclass(frozen=True)
class SeenFile:
    """The file at `path` had this size, time and content (`sha256`) when a load read it at `seen_ns`."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    seen_ns: int


def seen_files(data_dir: Path) -> dict[str, SeenFile]:
    """The notes earlier loads left, by path (none when there is no note file yet)."""
    path = data_dir / SEEN_NAME
    if not path.is_file():
        return {}
    with closing(sqlite3.connect(path)) as db:
        try:
            rows = db.execute("SELECT path, size, mtime_ns, sha256, seen_ns FROM seen_file").fetchall()
        except sqlite3.OperationalError:  # a note file without its table: no notes
            return {}
    return {row[0]: SeenFile(*row) for row in rows}


def note_seen(data_dir: Path, noted: Iterable[SeenFile], stale: Collection[str] = ()) -> None:
    """Keep these notes (a newer one replaces the path's older), and drop the `stale` paths'.
    Call only while holding the load lock: the load is the one writer."""
    rows = [(s.path, s.size, s.mtime_ns, s.sha256, s.seen_ns) for s in noted]
    gone = [(path,) for path in stale]
    if not rows and not gone:
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    with closing(sqlite3.connect(data_dir / SEEN_NAME)) as db, db:
        db.execute(SCHEMA)
        db.executemany("DELETE FROM seen_file WHERE path = ?", gone)
        db.executemany("INSERT OR REPLACE INTO seen_file VALUES (?, ?, ?, ?, ?)", rows)


def clear_notes(data_dir: Path) -> None:
    """Drop every note: the build just published holds them (store.refresh_stats)."""
    (data_dir / SEEN_NAME).unlink(missing_ok=True)


def stale_notes(notes: Mapping[str, SeenFile], by_path: Mapping[str, StoredState]) -> list[str]:
    """Notes no stored article can use any more: its file now gives another text, or no
    article is stored from that path."""
    return [
        path
        for path, note in notes.items()
        if (state := by_path.get(path)) is None or state.source_sha256 != note.sha256
    ]


def as_noted(
    state: StoredState | None, note: SeenFile | None, size: int | None, mtime_ns: int | None
) -> StoredState | None:
    """The stored article as the decision on its file should see it: with the noted size and
    time when the file now has them and the note is of the bytes the article was made from."""
    if (
        state is None
        or note is None
        or note.sha256 != state.source_sha256
        or (note.size, note.mtime_ns) != (size, mtime_ns)
    ):
        return state
    return state._replace(source_size=note.size, source_mtime_ns=note.mtime_ns, loaded_at_ns=note.seen_ns)
