"""Builds on disk: each load writes a new build aside, then swaps the `current` link atomically.

data/
  current -> builds/<id>      the one the web app serves
  builds/<id>/archive.sqlite  SQLite (schema by Alembic)
  builds/<id>/index/          Whoosh
  builds/<id>/word_keys.sqlite  each body word's search keys, for snippets (app/build/wordkeys.py)
  builds/<id>/line_counts.npz  per outlet group, on how many pages each line stands (app/loader/linecounts.py)
  load.lock                   held by the one running load
  spare/, spare.lock          the served build's database copied ahead (app/build/spare.py)
  state/                      its stored articles' identities kept for the next survey (spare.py)
  tables/                     tables derived from the data files (app/tablecache.py)
  trash/                      pruned builds, removed by the process that copies ahead
"""

import errno
import fcntl
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from app.build.spare import TRASH, empty_trash, fsync_path, spare_lock, spare_path
from app.build.sqlite import sqlite_uri

DB_NAME = "archive.sqlite"
INDEX_NAME = "index"
CURRENT = "current"
BUILDS = "builds"
LOCK_NAME = "load.lock"
TABLES = "tables"
HOLDER_WAIT_STEPS = 50


class LoadInProgress(Exception):
    """Another load holds the lock; two writers would corrupt nothing but waste work."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"another load is running (pid {holder}); try again when it ends")
        self.holder = holder


def current_build(data_dir: Path) -> Path | None:
    link = data_dir / CURRENT
    if not link.is_symlink() and not link.is_dir():
        return None
    target = link.resolve()
    return target if (target / DB_NAME).is_file() and (target / INDEX_NAME).is_dir() else None


# Lock files this process holds. A POSIX lock does not exclude a second holder in the same
# process, and closing any descriptor of the file would release it: so look here first.
_held: set[str] = set()
_held_guard = threading.Lock()


def _holder(handle: IO[str]) -> str:
    """The pid the lock's holder wrote. It writes it just after taking the lock: a load
    refused in between waits a moment for it rather than naming no one."""
    for _ in range(HOLDER_WAIT_STEPS):
        handle.seek(0)
        holder = handle.read().strip()
        if holder:
            return holder
        time.sleep(0.01)
    return "unknown"


@contextmanager
def load_lock(data_dir: Path) -> Iterator[None]:
    """Exclusive, non-blocking: a second load refuses at once with a clear message.

    A POSIX record lock (fcntl), not flock: it belongs to this process alone. The processes
    a load forks (parse workers, Whoosh's writers) do not inherit it, and the kernel drops
    it the moment this process dies, however it dies: a killed load, or orphans it left,
    never keep the next load out.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_NAME
    key = str(path.resolve())
    with _held_guard:
        if key in _held:
            raise LoadInProgress(str(os.getpid()))
        handle = path.open("a+")
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = _holder(handle)
            handle.close()
            if exc.errno not in (errno.EACCES, errno.EAGAIN):
                raise
            raise LoadInProgress(holder) from exc
        _held.add(key)
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        with _held_guard:
            handle.seek(0)
            handle.truncate()
            handle.close()  # releases the lock
            _held.discard(key)


def new_build(data_dir: Path) -> Path:
    """A fresh, empty, unpublished build directory (its name ends in .tmp until published)."""
    builds = data_dir / BUILDS
    builds.mkdir(parents=True, exist_ok=True)
    # Names sort in creation order: prune() relies on it.
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = builds / f"{stamp}-{os.getpid()}.tmp"
    path.mkdir()
    return path


def take_spare(data_dir: Path, source: Path, target: Path) -> bool:
    """Move the copy of `source`'s database made ahead (spare.py) into `target`, waiting for
    it if it is being made. False when there is none of that build, or `source`'s file has
    changed since (a published build is never written again: this is a guard, not a path)."""
    spare = spare_path(data_dir, source.name)
    with spare_lock(data_dir):
        if not spare.is_file():
            return False
        made, original = spare.stat(), (source / DB_NAME).stat()
        if made.st_size != original.st_size or made.st_mtime_ns < original.st_mtime_ns:
            spare.unlink()
            return False
        spare.rename(target / DB_NAME)
    return True


def give_back_spare(data_dir: Path, source: Path, build: Path) -> None:
    """Put a spare taken for a build that is not written back, for the next load."""
    spare = spare_path(data_dir, source.name)
    with spare_lock(data_dir):
        if not spare.exists():
            (build / DB_NAME).rename(spare)


def copy_build(source: Path, target: Path, data_dir: Path | None = None) -> bool:
    """Start a build from the served one: SQLite copied, Whoosh files hard-linked. With
    `data_dir`, the copy of the database made ahead is taken when there is one (spare.py).

    A published build is never written again and its last transaction is committed (no
    journal beside it): its file is copied as it is, by the kernel (a quarter of the time
    of SQLite's backup API, which stays for a file with a journal). Whoosh never rewrites a
    segment file in place (new segments, new TOC), so links are safe and make an
    incremental load cost O(changes), not O(archive). True when the spare was taken.
    """
    database = source / DB_NAME
    try:
        spare = data_dir is not None and take_spare(data_dir, source, target)
    except OSError:
        spare = False  # no spare to be had (its folder unwritable...): copied as before
    if spare:
        pass  # the copy made ahead: the database as it is, flushed
    elif any(database.with_name(database.name + suffix).exists() for suffix in ("-journal", "-wal")):
        with sqlite3.connect(sqlite_uri(database, read_only=True), uri=True) as src:
            with sqlite3.connect(target / DB_NAME) as dst:
                src.backup(dst)
    else:
        shutil.copyfile(database, target / DB_NAME)
    (target / INDEX_NAME).mkdir()
    for item in (source / INDEX_NAME).iterdir():
        if item.name.endswith("LOCK"):
            continue
        try:
            os.link(item, target / INDEX_NAME / item.name)
        except OSError:
            shutil.copy2(item, target / INDEX_NAME / item.name)
    return spare


class CopyAhead:
    """A new build started as a copy of the served one in a thread, while the load parses.

    The copy (and the flush of its SQLite file, which is what the disk spends its time on)
    is in the kernel, outside the GIL: a load of one changed file at 100k articles spent
    1.4 s copying a 1.2 GB database before its first write, on top of its parse. Started as
    soon as the load knows a build will follow, it runs beside the parse instead.
    """

    def __init__(self, data_dir: Path, served: Path) -> None:
        self.data_dir = data_dir
        self.build = new_build(data_dir)
        self._served = served
        self._failure: BaseException | None = None
        self._took_spare = False
        # Set by discard(): a copy nobody will use skips its flush, the longest part.
        self._unwanted = threading.Event()
        self._thread = threading.Thread(target=self._run, name="copy-ahead", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._took_spare = copy_build(self._served, self.build, self.data_dir)
            if not self._unwanted.is_set():
                fsync_path(self.build / DB_NAME)
        except BaseException as exc:  # raised in the load's thread by result()
            self._failure = exc

    def result(self) -> Path:
        """The build, once its copy is complete; the copy's failure, if it failed."""
        self._thread.join()
        if self._failure is not None:
            raise self._failure
        return self.build

    def discard(self) -> None:
        """Remove the build once the thread has stopped writing into it (removed while it
        wrote, files it made after would be left behind)."""
        self._unwanted.set()
        self._thread.join()
        if self._took_spare and self._failure is None:
            give_back_spare(self.data_dir, self._served, self.build)
        discard(self.build)


def sync_tree(root: Path) -> None:
    """Flush every file and folder of a build to disk: after a power cut, `current` must
    not point at files whose contents never left the page cache."""
    for folder, _dirs, names in os.walk(root, topdown=False):
        for name in names:
            fsync_path(Path(folder, name))
        fsync_path(Path(folder))


def publish(data_dir: Path, build: Path) -> Path:
    """Flush the build, rename it to its final name and point `current` at it in one atomic
    replace."""
    sync_tree(build)
    final = build.with_suffix("")
    build.rename(final)
    fsync_path(final.parent)
    link_tmp = data_dir / f".{CURRENT}.{os.getpid()}"
    if link_tmp.is_symlink():
        link_tmp.unlink()
    link_tmp.symlink_to(final.relative_to(data_dir))
    os.replace(link_tmp, data_dir / CURRENT)
    fsync_path(data_dir)
    return final


def discard(build: Path) -> None:
    shutil.rmtree(build, ignore_errors=True)


def clear_leftovers(data_dir: Path, trash: bool = True) -> list[Path]:
    """Remove what killed loads left: unpublished `.tmp` builds and temporary `current` links
    (and, with `trash`, pruned builds the process that copies ahead did not remove).

    Call only while holding the load lock: then no other load is writing any of them.
    Runs at the start of every load, so leftovers never outlive the next load, even one
    that finds nothing changed.
    """
    builds = data_dir / BUILDS
    stale = sorted(builds.glob("*.tmp")) if builds.is_dir() else []
    links = [p for p in data_dir.glob(f".{CURRENT}.*") if p.is_symlink()]
    for path in stale:
        discard(path)
    for link in links:
        link.unlink(missing_ok=True)
    if trash:
        with spare_lock(data_dir, wait=False) as free:
            if free:  # else the process copying ahead empties it when its copy is done
                empty_trash(data_dir)
    return stale + links


def _retire(data_dir: Path, build: Path) -> None:
    """Take a pruned build out of builds/ at once; its files go later (empty_trash): at
    100,000 articles the file system took a quarter of a second to free a 1.2 GB database,
    in the load's time."""
    trash = data_dir / TRASH
    try:
        trash.mkdir(exist_ok=True)
        build.rename(trash / build.name)
    except OSError:
        discard(build)


def prune(data_dir: Path, keep: int, previous: Path | None = None) -> list[Path]:
    """Remove old finished builds and leftovers of killed loads.

    Never the served build, nor `previous`, the one served until this load swapped
    `current`: a running server answers from it until it notices the swap, and requests
    under way finish on it. Builds are kept newest first, these two counted in `keep`;
    a build a killed load renamed but never published is newer, not more needed.
    """
    served = current_build(data_dir)
    builds = sorted((data_dir / BUILDS).iterdir()) if (data_dir / BUILDS).is_dir() else []
    finished = [b for b in builds if b.is_dir() and not b.name.endswith(".tmp")]
    # By name: `current` resolves to an absolute path, data_dir may be relative.
    needed = [b for b in finished if b.name in {p.name for p in (served, previous) if p is not None}]
    others = [b for b in finished if b not in needed]
    spare = max(0, keep - len(needed))
    old = others[: max(0, len(others) - spare)]
    for path in old:
        _retire(data_dir, path)
    return old + clear_leftovers(data_dir, trash=False)
