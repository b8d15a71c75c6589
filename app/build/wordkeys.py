"""Each body word's search keys, written with the build: what snippets read to mark a body's
words that share a key with the query.

A snippet marks a word when one of its keys (`query_keys`: surface, stems and lemmas in
every language) is one of the query's. Working those keys out for the words a process had
not seen yet (pymorphy3's analysis, twice for a Cyrillic word) was 41-57 % of a cold
search's CPU at 10k articles. A word's keys depend on the word alone, not on its article,
so the load works them out once per word of the archive and keeps them here; a load copies
the served build's table and adds only the words new to it.

The table names the analysis it was made with (`analysis_version`): a table made by other
code or data files is not read (snippets then work the keys out, as before) and the next
load writes it again from every body.
"""

import hashlib
import shutil
import sqlite3
import threading
from collections.abc import Collection, Iterator
from contextlib import closing
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from app import __version__
from app.build.layout import DB_NAME
from app.build.sqlite import sqlite_uri
from app.datafiles import data_path
from app.text.analysis import WORD
from app.text.morphology import query_keys

WORD_KEYS_FILE = "word_keys.sqlite"
# What `query_keys` reads besides the code: its data files and the packages that analyse.
ANALYSIS_DATA = ("folding.toml", "kazakh_suffixes.toml", "russian_names.toml")
ANALYSIS_PACKAGES = ("pymorphy3", "pymorphy3-dicts-ru", "PyStemmer")
# Keys joined by a character no word holds; a word without keys has NULL.
SEPARATOR = "\x1f"
ID_CHUNK = 500  # article ids or words per IN (...) list
# Words looked up, kept per build and process (about 5 MB when full): the common words of
# the bodies; a rare one is read again (a few microseconds). The body words no longer go
# through query_keys, whose 200,000 words held them before.
KEPT_LOOKUPS = 10_000


@lru_cache(maxsize=1)
def analysis_version() -> str:
    """The code's version, the analysis's data files and the analysing packages' versions:
    keys made under another of these may differ from what `query_keys` says now."""
    digest = hashlib.sha256(__version__.encode())
    for name in ANALYSIS_DATA:
        digest.update(name.encode() + data_path(name).read_bytes())
    for package in ANALYSIS_PACKAGES:
        try:
            digest.update(f"{package}={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(f"{package}=none".encode())
    return f"{__version__}+{digest.hexdigest()[:16]}"


def table_version(path: Path) -> str | None:
    """The analysis a table was made with; None when there is no readable table."""
    if not path.is_file():
        return None
    try:
        with closing(sqlite3.connect(sqlite_uri(path, read_only=True), uri=True)) as db:
            row = db.execute("SELECT value FROM meta WHERE name = 'analysis'").fetchone()
    except sqlite3.DatabaseError:
        return None
    return str(row[0]) if row else None


def _bodies(database: Path, ids: Collection[str] | None) -> Iterator[str]:
    """The clean bodies of `ids` (every article's when None), as snippets read them."""
    with closing(sqlite3.connect(sqlite_uri(database, read_only=True), uri=True)) as db:
        if ids is None:
            for (body,) in db.execute("SELECT body FROM article"):
                yield body or ""
            return
        wanted = sorted(ids)
        for start in range(0, len(wanted), ID_CHUNK):
            chunk = wanted[start : start + ID_CHUNK]
            statement = f"SELECT body FROM article WHERE id IN ({', '.join('?' * len(chunk))})"
            for (body,) in db.execute(statement, chunk):
                yield body or ""


def write_word_keys(build: Path, previous: Path | None, changed: Collection[str]) -> int:
    """The build's table: `previous`'s (the build this one was copied from) with the words
    of the `changed` articles' bodies added, or, when `previous` has no table of this
    analysis, every body's words. The number of words added."""
    target = build / WORD_KEYS_FILE
    target.unlink(missing_ok=True)
    current = analysis_version()
    earlier = previous / WORD_KEYS_FILE if previous is not None else None
    extend = earlier is not None and table_version(earlier) == current
    if extend:
        assert earlier is not None
        shutil.copyfile(earlier, target)
    staging = target.with_name(target.name + ".tmp")
    if not extend:
        staging.unlink(missing_ok=True)
    with closing(sqlite3.connect(target if extend else staging)) as db:
        db.execute("PRAGMA journal_mode = OFF")
        db.execute("PRAGMA synchronous = OFF")
        if not extend:
            db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
            db.execute("CREATE TABLE word_keys (word TEXT PRIMARY KEY, keys TEXT) WITHOUT ROWID")
            db.execute("INSERT INTO meta VALUES ('analysis', ?)", (current,))
        found: set[str] = set()
        for body in _bodies(build / DB_NAME, changed if extend else None):
            found.update(WORD.findall(body))
        # Lowercased as the snippet does (`word.lower()`), after the words are found.
        words = sorted({word.lower() for word in found})
        have: set[str] = set()
        if extend:  # only the changed articles' words are looked up, not the whole table read
            for start in range(0, len(words), ID_CHUNK):
                chunk = words[start : start + ID_CHUNK]
                statement = f"SELECT word FROM word_keys WHERE word IN ({', '.join('?' * len(chunk))})"
                have.update(word for (word,) in db.execute(statement, chunk))
        new = [word for word in words if word not in have]
        rows = ((w, SEPARATOR.join(keys) if (keys := query_keys(w)) else None) for w in new)
        db.executemany("INSERT INTO word_keys VALUES (?, ?)", rows)
        db.commit()
    if not extend:
        staging.replace(target)
    return len(new)


class WordKeys:
    """A build's table, read-only, shared by the request threads of a process."""

    def __init__(self, path: Path) -> None:
        self._db: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        if table_version(path) == analysis_version():
            uri = sqlite_uri(path, read_only=True, immutable=True)
            self._db = sqlite3.connect(uri, uri=True, check_same_thread=False)
        self.keys = lru_cache(maxsize=KEPT_LOOKUPS)(self._keys)

    @property
    def readable(self) -> bool:
        return self._db is not None

    def _keys(self, word: str) -> tuple[str, ...]:
        """`query_keys(word)` (word lowercased) as the load wrote it; worked out when the
        table lacks the word (a build without a table, or a body word it missed)."""
        if self._db is not None:
            with self._lock:
                row = self._db.execute("SELECT keys FROM word_keys WHERE word = ?", (word,)).fetchone()
            if row is not None:
                return () if row[0] is None else tuple(row[0].split(SEPARATOR))
        return query_keys(word)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
