"""The served archive, opened read-only: SQLite with mode=ro and a Whoosh searcher.

The loader swaps the `current` link when a new build is complete; each request asks for
the archive once and so sees one build from start to end, never a mix.
"""

import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from whoosh.filedb.filestore import FileStorage
from whoosh.index import FileIndex, Index
from whoosh.searching import Searcher

from app.build.columns import COLUMNS_FILE, Columns, load_columns
from app.build.layout import DB_NAME, INDEX_NAME, current_build
from app.build.postings import Postings, postings_complete, segment_dirs
from app.build.sqlite import head_revision, schema_revision, sqlite_engine
from app.build.whoosh_private import segment_offsets

if TYPE_CHECKING:
    from sqlalchemy import Engine

T = TypeVar("T")


CACHE_ENTRIES = 256
NO_ARCHIVE = "No archive has been loaded yet: run `archive load`."


class ResultCache:
    """Least-recently-used results of one build. A build never changes, so an entry is
    never stale; a new build gets a new Archive and so an empty cache.

    Bounded by count, and also by weight when given `max_weight` and `weigh` (whole answers
    by their bytes: a count alone let 1,024 long articles hold half a gigabyte). A value
    heavier than the whole bound is not kept."""

    def __init__(
        self, size: int, max_weight: int | None = None, weigh: Callable[[Any], int] | None = None
    ) -> None:
        self.size = size
        self.max_weight = max_weight
        self._weigh = weigh if max_weight is not None else None
        self.weight = 0
        self._entries: OrderedDict[Hashable, tuple[Any, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Any | None:
        """The value for `key` (now the most recently used), or None."""
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]
        return None

    def put(self, key: Hashable, value: Any) -> None:
        weight = self._weigh(value) if self._weigh is not None else 0
        if self.size <= 0 or (self.max_weight is not None and weight > self.max_weight):
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self.weight -= previous[1]
            self._entries[key] = (value, weight)
            self.weight += weight
            while len(self._entries) > self.size or (
                self.max_weight is not None and self.weight > self.max_weight
            ):
                _, (_, dropped) = self._entries.popitem(last=False)
                self.weight -= dropped

    def get_or_compute(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The cached value, or `compute()` stored (values are never None)."""
        value = self.get(key)
        if value is None:
            value = compute()
            self.put(key, value)
        return value


def answer_bytes(answer: tuple[bytes, int, list[tuple[bytes, bytes]]]) -> int:
    """What a kept whole answer (body, status, headers) weighs: its body and headers."""
    body, _, headers = answer
    return len(body) + sum(len(name) + len(value) for name, value in headers)


@dataclass
class Archive:
    build: Path
    engine: "Engine"
    index: Index
    columns: Columns
    postings: Postings
    cache: "ResultCache" = field(default_factory=lambda: ResultCache(CACHE_ENTRIES))
    # Whole responses by ETag (build + URL): a build never changes, so neither do they.
    responses: "ResultCache" = field(default_factory=lambda: ResultCache(0))
    _local: threading.local = field(default_factory=threading.local)
    _once: dict[Hashable, Any] = field(default_factory=dict)
    _once_locks: dict[Hashable, threading.Lock] = field(default_factory=dict)
    _once_guard: threading.Lock = field(default_factory=threading.Lock)
    _shared: Searcher | None = None
    _shared_lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def build_id(self) -> str:
        return self.build.name

    def once(self, key: Hashable, compute: Callable[[], T]) -> T:
        """A value computed once per build and process, never evicted (a build never
        changes): for tables every page reads, such as facet labels and the event index.
        One thread computes it while the others asking wait for its answer: at 100k
        articles the event index takes seconds and about 100 MB, and the first requests of
        a fresh worker, arriving together, each built their own."""
        if key not in self._once:
            with self._once_guard:
                lock = self._once_locks.setdefault(key, threading.Lock())
            with lock:
                if key not in self._once:
                    self._once[key] = compute()
        value: T = self._once[key]
        return value

    @contextmanager
    def whoosh(self, wait: float | None = None) -> Iterator[Searcher]:
        """The process's one Whoosh searcher, one thread at a time, for the few paths that
        need Whoosh itself (query kinds the arrays do not model). Opened through mmap a
        searcher held about 170 MB at 100k articles (see `open_index`), and one per request
        thread multiplied it.
        `wait`: seconds to wait for another thread to finish with it, then WhooshBusy."""
        if not self._shared_lock.acquire(timeout=-1 if wait is None else max(wait, 0.0)):
            raise WhooshBusy
        try:
            if self._shared is None:
                self._shared = self._keep(self.index.searcher())
            yield self._shared
        finally:
            self._shared_lock.release()

    def searcher(self) -> Searcher:
        """A long-lived searcher for this thread, for tools and tests that compare with Whoosh
        (the app itself uses `whoosh()`)."""
        searcher = getattr(self._local, "searcher", None)
        if searcher is None:
            searcher = self._local.searcher = self._keep(self.index.searcher())
        return searcher

    def _keep(self, searcher: Searcher) -> Searcher:
        """A searcher that lives as long as this archive: its segment files (read by handle,
        see `open_index`) are closed when the archive is collected, not left to the files'
        own finalisers, which warn."""
        weakref.finalize(self, searcher.close)
        return searcher


class WhooshBusy(Exception):
    """Other requests held the Whoosh searcher for longer than this one could wait."""


class ArchiveOutdated(Exception):
    """The served build was made by older code; the read-only app cannot migrate it."""


def outdated(build: Path, index: Index | None = None) -> bool:
    """Built by older code: an older schema, or without the arrays this version searches
    (columns, and postings describing exactly the index's segments). The app does not serve
    such a build; the next load rebuilds it, whether or not a file changed."""
    if schema_revision(build / DB_NAME) != head_revision():
        return True
    if not (build / COLUMNS_FILE).exists() or not postings_complete(build):
        return True
    if index is None:
        index = open_index(build)
    return not _arrays_match(build, index)


def open_index(build: Path) -> Index:
    """The build's Whoosh index, read-only (no writer, no lock file), its files read
    through file handles. Through mmap, Whoosh copies each segment's whole term dictionary
    and postings into memory (a BytesIO over the map) whenever a reader opens them: 176 MB
    per worker at 100k articles for the one searcher, held for good, and 0.4 s of every
    worker's start for the check below. Read by handle, the searcher holds about 2 MB and
    answers as fast."""
    storage = FileStorage(str(build / INDEX_NAME), supports_mmap=False, readonly=True)
    return storage.open_index()


def open_archive(build: Path) -> Archive:
    message = f"The archive in {build.name} was built by an older version: run `archive load` to upgrade it."
    if schema_revision(build / DB_NAME) != head_revision():
        raise ArchiveOutdated(message)
    # No pool: a read-only SQLite connection costs microseconds to open, and a bounded pool
    # deadlocked under load (sessions waiting for a thread to close them held every slot).
    # immutable=1: a published build is never written again (loads copy it), so SQLite may
    # skip locking and change detection; with mode=ro any write fails at the connection.
    engine = sqlite_engine(build / DB_NAME, read_only=True, immutable=True)
    index = open_index(build)
    if outdated(build, index):
        engine.dispose()
        index.close()
        raise ArchiveOutdated(message)
    columns = Columns(load_columns(build))
    return Archive(build=build, engine=engine, index=index, columns=columns, postings=Postings(build))


def _arrays_match(build: Path, index: Index) -> bool:
    """The postings arrays describe exactly the index's segments, in its order (read from
    its table of contents: opening a reader read every segment's term dictionary)."""
    assert isinstance(index, FileIndex)
    return [(folder.name, offset) for folder, offset in segment_dirs(build)] == segment_offsets(index)


class ArchiveRegistry:
    """Hands out the archive `current` points at, reopening when a load has swapped it."""

    def __init__(self, data_dir: Path, response_cache: int = 0, response_cache_mb: int | None = None) -> None:
        self.data_dir = data_dir
        self.response_cache = response_cache
        self.response_cache_bytes = None if response_cache_mb is None else response_cache_mb * 1024 * 1024
        self._archive: Archive | None = None
        self._lock = threading.Lock()
        self.problem = NO_ARCHIVE

    def get(self) -> Archive | None:
        build = current_build(self.data_dir)
        if build is None:
            self.problem = NO_ARCHIVE
            return None
        archive = self._archive
        if archive is not None and archive.build == build:
            return archive
        with self._lock:
            if self._archive is None or self._archive.build != build:
                try:
                    self._archive = open_archive(build)
                    self._archive.responses = ResultCache(
                        self.response_cache, self.response_cache_bytes, answer_bytes
                    )
                except ArchiveOutdated as exc:
                    self.problem = str(exc)
                    return None
            return self._archive
