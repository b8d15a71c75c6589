"""A copy of the served build's SQLite file made ahead, for the next load to start from.

Every load writes a new build, and a build's SQLite file is a copy of the served one's (its
readers open it immutable, so it is never written in place): at 100,000 articles a load of
one changed file copied 1.2 GB before its first write, longer than all the rest of it. So
once a build is published, a process of its own copies its database aside:

data/
  spare/<build id>.sqlite     the published build's database, copied and flushed whole
  spare.lock                  held by the one process copying, or taking the copy

and the next load takes that copy by a rename instead of copying (layout.take_spare). The
copy is never served, so nothing reads it while it is written or taken; it is named after
the build it copies and taken only for that build; it is renamed into place only once
complete and on disk. A load that starts before the copy is done waits for it (the copy
had a head start); with no copy there, it copies as before.

Run as a script (`python spare.py DATA_DIR BUILD`), it imports nothing of the project: a
fresh interpreter that costs the load nothing, and which outlives it. It then removes the
builds the load pruned (data/trash/): freeing a 1.2 GB file is file-system time too.

The same process keeps what every load reads first of the published build, each stored
article's identity, hashes, size and time (app/loader/stored.py), as one marshal file:

data/
  state/<build id>.marshal    the rows of STATE_QUERY, with the database's size and time

At 100,000 articles SQLite gave those rows in 0.5-0.6 s of CPU, marshal in 0.2-0.3 s, in
every load (one that finds nothing changed included). The rows are the query's own, read
from the build that never changes again; a file of another query, format or database
file, or one that cannot be read, is not taken, and the load asks SQLite as before.
"""

import fcntl
import marshal
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

SPARE_DIR = "spare"
SPARE_LOCK = "spare.lock"
# Written in builds/<id>/ (layout.DB_NAME; not imported, see the module's docstring).
DB_NAME = "archive.sqlite"
# Pruned builds (layout.prune moves them here), removed after the copy: out of the load's time.
TRASH = "trash"
PARTIAL = ".partial"
STATE_DIR = "state"
# What a load reads of every stored article first (app/loader/stored.py), in this order.
STATE_QUERY = (
    "SELECT id, source_path, source_sha256, content_fingerprint, pipeline_version,"
    " source_size, source_mtime_ns, loaded_at, slug FROM article"
)
STATE_FORMAT = 1


def spare_path(data_dir: Path, build_name: str) -> Path:
    return data_dir / SPARE_DIR / f"{build_name}.sqlite"


@contextmanager
def spare_lock(data_dir: Path, wait: bool = True) -> Iterator[bool]:
    """Exclusive: a load waits for a copy under way rather than copy beside it. With
    `wait` False, yields False at once when another process holds it."""
    data_dir.mkdir(parents=True, exist_ok=True)
    with (data_dir / SPARE_LOCK).open("a+") as handle:
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            if wait:
                raise
            yield False
            return
        try:
            yield True
        finally:
            fcntl.lockf(handle, fcntl.LOCK_UN)


def fsync_path(path: Path) -> None:
    """Flush a file's data, or a folder's entries, to the disk (both open read-only)."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def make_spare(data_dir: Path, build: Path) -> Path | None:
    """Copy `build`'s database to the spare folder (other spares, of older builds, go) and
    keep its stored state (`write_state`), then remove the pruned builds, still holding the
    lock: a load that starts meanwhile leaves the trash to this. None when the build is
    gone (pruned meanwhile) or the copy failed: the next load copies."""
    with spare_lock(data_dir):
        try:
            write_state(data_dir, build)
            return _copied(data_dir, build)
        finally:
            empty_trash(data_dir)


def state_path(data_dir: Path, build_name: str) -> Path:
    return data_dir / STATE_DIR / f"{build_name}.marshal"


def _database_stamp(database: Path) -> tuple[int, int]:
    made = database.stat()
    return made.st_size, made.st_mtime_ns


def write_state(data_dir: Path, build: Path) -> Path | None:
    """Keep the rows of STATE_QUERY of `build`'s database in data/state/ (the states of
    other builds go); None when they could not be read or written (the next load asks
    SQLite)."""
    target = state_path(data_dir, build.name)
    partial = target.with_name(target.name + PARTIAL)
    database = build / DB_NAME
    try:
        target.parent.mkdir(exist_ok=True)
        for old in target.parent.iterdir():
            if old != target:
                old.unlink(missing_ok=True)
        stamp = _database_stamp(database)
        uri = f"file:{quote(str(database.absolute()))}?mode=ro"
        with closing(sqlite3.connect(uri, uri=True)) as db:
            rows = db.execute(STATE_QUERY).fetchall()
        if _database_stamp(database) != stamp:
            return None
        partial.write_bytes(marshal.dumps((STATE_FORMAT, STATE_QUERY, *stamp, rows)))
        partial.rename(target)
    except (OSError, sqlite3.Error):
        partial.unlink(missing_ok=True)
        return None
    return target


def read_state(data_dir: Path, build: Path) -> list[tuple[Any, ...]] | None:
    """The rows `write_state` kept of `build`, if they are of this query and format and of
    the database file as it is; else None."""
    try:
        kept = marshal.loads(state_path(data_dir, build.name).read_bytes())
        made = _database_stamp(build / DB_NAME)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if not isinstance(kept, tuple) or len(kept) != 5 or kept[:4] != (STATE_FORMAT, STATE_QUERY, *made):
        return None
    rows = kept[4]
    return rows if isinstance(rows, list) else None


def _copied(data_dir: Path, build: Path) -> Path | None:
    target = spare_path(data_dir, build.name)
    target.parent.mkdir(exist_ok=True)
    for old in target.parent.iterdir():
        if old != target:
            old.unlink(missing_ok=True)
    if target.is_file():
        return target
    partial = target.with_name(target.name + PARTIAL)
    try:
        shutil.copyfile(build / DB_NAME, partial)
        fsync_path(partial)
        partial.rename(target)
        fsync_path(target.parent)
    except OSError:
        partial.unlink(missing_ok=True)
        return None
    return target


# Copies started by this process: kept, so that each is reaped once done (not warned of).
_started: list[subprocess.Popen[bytes]] = []


def start_spare(data_dir: Path, build: Path) -> subprocess.Popen[bytes] | None:
    """Start copying `build`'s database aside in a process of its own, in a session of its
    own: it goes on when the load has returned (and its command has ended). None when no
    process could be started: the next load copies the database itself, as before."""
    _started[:] = [p for p in _started if p.poll() is None]
    try:
        started = subprocess.Popen(
            [
                sys.executable,
                "-S",
                "-E",
                str(Path(__file__).resolve()),
                str(data_dir.absolute()),
                str(build.absolute()),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            close_fds=True,
        )
    except OSError:
        return None
    _started.append(started)
    return started


def wait_for_copy_of(data_dir: Path, build_name: str, timeout: float = 120.0) -> bool:
    """Wait until the copy of build `build_name` is made and its process has let go of the
    data folder, whichever process started it (`archive load` returns before its copy ends):
    a script that removes the folder after a load would race the copy otherwise. False when
    no copy appeared within `timeout` seconds (it failed, or none was started)."""
    deadline = time.monotonic() + timeout
    while not spare_path(data_dir, build_name).is_file():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    # The copy is renamed into place under the lock, and the trash emptied before it is let go.
    with spare_lock(data_dir):
        return True


def empty_trash(data_dir: Path) -> None:
    """Remove the pruned builds (layout.prune moves them to the trash)."""
    trash = data_dir / TRASH
    if trash.is_dir():
        for path in trash.iterdir():
            shutil.rmtree(path, ignore_errors=True)


def wait_for_spares(timeout: float | None = None) -> None:
    """Wait for the copies this process started to end (benchmarks, tests that copy a data
    folder); with `timeout`, no longer than that for each."""
    for started in _started:
        try:
            started.wait(timeout)
        except subprocess.TimeoutExpired:
            continue
    _started[:] = [p for p in _started if p.returncode is None]


if __name__ == "__main__":
    make_spare(Path(sys.argv[1]), Path(sys.argv[2]))
