"""The fast paths of a load give the archive a full load gives.

A later load copies the served build and writes only what changed; a file whose size and
time are as stored is not read again. Whatever those shortcuts skip, the archive must be
the one a load of the same files into an empty folder makes: every table, row for row,
except what says when and by which run a row was written.
"""

import json
import os
import shutil
import sqlite3
import threading
import time
from pathlib import Path

from sqlmodel import Session

from app.build import layout as builds
from app.config import Settings
from app.loader.discover import discover
from app.loader.pipeline import load
from app.loader.progress import PARSING
from app.loader.store import _insert, migrate, writer_engine
from app.models import ArticleCountry
from bench.corpus import write_corpus
from tests.conftest import make_settings

# Columns that say when or in which run a row was written, not what the archive holds.
RUN_COLUMNS = {"loaded_at", "started_at", "finished_at", "build_id", "seen_at_ns", "report"}
RUN_TABLES = {"load_run"}


def _tables(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, without the run's own columns and without row numbers
    (an integer id counts the rows ever written, not the ones there)."""
    tables = {}
    with sqlite3.connect(db_path) as connection:
        names = [n for (n,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for name in sorted(set(names) - RUN_TABLES):
            info = connection.execute(f"PRAGMA table_info({name})").fetchall()
            columns = [
                column
                for _, column, kind, *_ in info
                if column not in RUN_COLUMNS and not (column == "id" and kind.upper() == "INTEGER")
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            rows = connection.execute(f"SELECT {listed} FROM {name}").fetchall()
            tables[name] = sorted((tuple(map(_unordered, row)) for row in rows), key=repr)
    return tables


def _unordered(value: object) -> object:
    """JSON text by what it says: the order of an object's keys is no part of the archive."""
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return json.dumps(json.loads(value), sort_keys=True, ensure_ascii=False)
        except ValueError:
            return value
    return value


def _age(*paths: Path) -> None:
    """Files written a minute ago: outside the window in which a load reads a file again
    because it may still be being written."""
    past = time.time() - 60
    for path in paths:
        os.utime(path, (past, past))


def test_a_load_after_changes_gives_the_archive_a_full_load_gives(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 40, seed=7)
    _age(*paths)
    settings = make_settings(tmp_path / "kept")
    assert load([corpus], settings).published
    # One file edited, one gone, one new, one copy of another under a new name.
    edited = paths[5]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nСтороны договорились о новой встрече.\n")
    paths[9].unlink()
    extra = write_corpus(tmp_path / "more", 1, seed=8)[0]
    shutil.copy(extra, corpus / "zz_new.txt")
    shutil.copy(paths[12], corpus / "copy_of_twelve.txt")
    _age(edited, corpus / "zz_new.txt", corpus / "copy_of_twelve.txt")
    again = load([corpus], settings)
    assert again.published, again.summary()
    assert again.count("unchanged") >= 30, again.summary()
    fresh = make_settings(tmp_path / "fresh")
    assert load([corpus], fresh).published
    _same_archive(settings, fresh)
    # Nothing changed since: nothing is written, the same build stays served.
    assert not load([corpus], settings).published
    # One file edited again and loaded on its own, by name.
    edited.write_text(edited.read_text(encoding="utf-8") + "\nВизит состоится осенью.\n")
    _age(edited)
    alone = load([edited], settings)
    assert alone.count("updated") == 1, alone.summary()
    again_fresh = make_settings(tmp_path / "fresh-again")
    assert load([corpus], again_fresh).published
    _same_archive(settings, again_fresh)


def _same_archive(kept_settings: Settings, fresh_settings: Settings) -> None:
    kept, full = builds.current_build(kept_settings.data_dir), builds.current_build(fresh_settings.data_dir)
    assert kept is not None and full is not None
    kept_tables, full_tables = _tables(kept / builds.DB_NAME), _tables(full / builds.DB_NAME)
    assert kept_tables.keys() == full_tables.keys()
    for name in kept_tables:
        assert kept_tables[name] == full_tables[name], name


class _ReadCount:
    """A progress display that keeps how many files the load set out to read."""

    def __init__(self) -> None:
        self.read: int | None = None

    def stage(self, name: str, total: int | None = None) -> None:
        if name == PARSING:
            self.read = total

    def advance(self, count: int = 1) -> None:
        pass


def _load_counting_reads(corpus: Path, settings: Settings) -> tuple[bool, int | None, int]:
    shown = _ReadCount()
    report = load([corpus], settings, shown)
    return report.published, shown.read, report.count("unchanged")


def test_files_touched_but_unchanged_are_read_once_then_known_by_their_new_time(tmp_path: Path) -> None:
    """A copy or a touch gives files a new time and the same bytes: the load that finds them
    reads them to see that, and notes the new time, so the next load reads none of them. No
    build is written for it: the served one stays, byte for byte."""
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 12, seed=3)
    _age(*paths)
    settings = make_settings(tmp_path / "kept")
    assert load([corpus], settings).published
    served = builds.current_build(settings.data_dir)
    assert served is not None
    served_bytes = (served / builds.DB_NAME).read_bytes()
    later = time.time() - 30
    for path in paths:
        os.utime(path, (later, later))
    assert _load_counting_reads(corpus, settings) == (False, len(paths), len(paths))
    assert _load_counting_reads(corpus, settings) == (False, 0, len(paths))
    assert builds.current_build(settings.data_dir) == served
    assert (served / builds.DB_NAME).read_bytes() == served_bytes
    # A file edited after its new time was noted is read again, and its article updated.
    edited = paths[4]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nСтороны обсудили торговлю.\n", encoding="utf-8")
    _age(edited)
    again = load([corpus], settings)
    assert again.published and again.count("updated") == 1, again.summary()
    fresh = make_settings(tmp_path / "fresh")
    assert load([corpus], fresh).published
    _same_archive(settings, fresh)
    assert _load_counting_reads(corpus, settings) == (False, 0, len(paths))


def test_discover_lists_nested_folders_in_path_order_without_hidden_ones(tmp_path: Path) -> None:
    """The order is the one `sorted(rglob, key=parts)` gives, the reference here: a folder's
    files just after the folder's name, before a sibling whose name extends it."""
    for name in ("a.txt", "a/x.txt", "a/b/y.txt", "a-b/z.txt", "a.b/q.txt", "A/u.txt", "1/2/3.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    for hidden in (".h/in.txt", "a/.hid.txt", "b/.d/k.txt"):
        (tmp_path / hidden).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / hidden).write_text(hidden)
    os.symlink(tmp_path / "a", tmp_path / "linked-folder")
    os.mkfifo(tmp_path / "pipe")
    files, refused = discover([tmp_path])
    reference = [
        p
        for p in sorted(tmp_path.rglob("*"), key=lambda p: p.parts)
        if p.is_file()
        and not p.is_symlink()
        and not any(s.startswith(".") for s in p.relative_to(tmp_path).parts)
    ]
    assert files == [p.resolve() for p in reference]
    assert [(r.path.name, r.reason.split(" (")[0]) for r in refused] == [
        ("linked-folder", "symbolic link to a directory"),
        ("pipe", "not a regular file"),
    ]


def test_a_none_written_where_the_column_has_a_default_gets_the_default(tmp_path: Path) -> None:
    """Rows go to SQLite through Core, as the ORM's bulk insert wrote them before: a None for
    a column with a default is that default, not NULL."""
    engine = writer_engine(tmp_path / "a.sqlite")
    migrate(engine)
    with Session(engine) as session:
        session.connection().exec_driver_sql("PRAGMA foreign_keys = OFF")
        _insert(
            session,
            ArticleCountry,
            [{"article_id": "x", "country_code": "KZ", "mentions": None, "demonym_mentions": 2}],
        )
        session.commit()
    engine.dispose()
    with sqlite3.connect(tmp_path / "a.sqlite") as connection:
        assert connection.execute("SELECT mentions, demonym_mentions FROM article_country").fetchall() == [
            (0, 2)
        ]


def test_a_load_that_copied_ahead_but_writes_no_build_leaves_nothing_behind(tmp_path: Path) -> None:
    """A new file starts the next build's copy of the served one before it is parsed; when
    it turns out a copy of a stored article, no build is written, and the copy made ahead
    goes: the builds folder holds what it held, and the same build stays served."""
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 6, seed=3)
    _age(*paths)
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).published
    served = builds.current_build(settings.data_dir)
    folders = sorted((settings.data_dir / builds.BUILDS).iterdir())
    twin = corpus / "twin_of_two.txt"
    shutil.copy(paths[2], twin)
    _age(twin)
    report = load([corpus], settings)
    assert report.count("duplicate") == 1 and not report.published, report.summary()
    assert sorted((settings.data_dir / builds.BUILDS).iterdir()) == folders
    assert builds.current_build(settings.data_dir) == served


def test_a_copy_made_ahead_is_gone_before_the_next_load_can_start(tmp_path: Path) -> None:
    """The copy ahead of a load that writes no build is removed while the load still holds
    the lock: released first, the next load could start while the copy thread still wrote
    into the build it clears. A watcher takes the lock the moment it is free and looks."""
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 6, seed=3)
    _age(*paths)
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).published
    served = builds.current_build(settings.data_dir)
    assert served is not None
    # A served file big enough that its copy still runs when the load ends.
    with sqlite3.connect(served / builds.DB_NAME) as connection:
        connection.execute("CREATE TABLE padding (bytes BLOB)")
        connection.execute("INSERT INTO padding VALUES (zeroblob(?))", (96 * 2**20,))
    connection.close()
    twin = corpus / "twin_of_two.txt"
    shutil.copy(paths[2], twin)
    _age(twin)
    seen_after_lock: list[list[Path]] = []
    copying = threading.Event()

    def watch() -> None:
        deadline = time.monotonic() + 60
        while not list((settings.data_dir / builds.BUILDS).glob("*.tmp")):
            if time.monotonic() > deadline:
                return
            time.sleep(0.0005)
        copying.set()
        while time.monotonic() < deadline:
            try:
                with builds.load_lock(settings.data_dir):
                    seen_after_lock.append(sorted((settings.data_dir / builds.BUILDS).glob("*.tmp")))
                    return
            except builds.LoadInProgress:
                time.sleep(0.0005)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    report = load([corpus], settings)
    watcher.join(timeout=60)
    assert copying.is_set(), "the load made no copy ahead"
    assert report.count("duplicate") == 1 and not report.published, report.summary()
    assert seen_after_lock == [[]]
