"""Shortcuts of a load that must decide what the plain way decides: the stored pages that
stay (the repetition count), the stored state kept beside a published build, and how a
build being written is written to SQLite."""

import marshal
import random
from pathlib import Path

from app.build import layout as builds
from app.build.spare import state_path, wait_for_spares
from app.loader.pipeline import _Wanted, load
from app.loader.store import writer_engine
from app.loader.stored import StoredState, stored_state
from tests.conftest import SEEDS_DIR, make_settings


def _state(ident: str, path: str) -> StoredState:
    return StoredState(ident, path, "sha-" + ident, "fp-" + ident, "v1")


def _plain(
    stored: dict[str, StoredState],
    in_load: set[str],
    unchanged: dict[str, int],
    leaving: frozenset[str],
    given: set[str],
) -> dict[str, int | None]:
    """What the load decided before the shortcut, by a pass over every stored article."""
    return {
        s.id: unchanged.get(s.id)
        for s in stored.values()
        if s.id in unchanged or (s.source_path not in in_load and s.id not in leaving and s.id not in given)
    }


def test_the_stored_pages_that_stay_and_go_are_those_a_pass_over_every_article_finds() -> None:
    chooser = random.Random(16)
    for _ in range(300):
        size = chooser.randint(0, 30)
        paths = [f"/corpus/{n:03}.txt" for n in range(size)]
        # Now and then two stored articles of one path (an older archive): found without it.
        if size > 2 and chooser.random() < 0.2:
            paths[1] = paths[0]
        stored = {f"a{n}": _state(f"a{n}", path) for n, path in enumerate(paths)}
        ids = list(stored)
        in_load = {p for p in paths if chooser.random() < 0.4} | {"/corpus/new.txt"}
        unchanged = {i: n for n, i in enumerate(ids) if chooser.random() < 0.3}
        leaving = frozenset(i for i in ids if chooser.random() < 0.2)
        given = {i for i in ids if chooser.random() < 0.2} | {"new-id"}
        by_path = {s.source_path: s for s in stored.values()}
        wanted = _Wanted(stored, by_path, in_load, unchanged, leaving, given)
        plain = _plain(stored, in_load, unchanged, leaving, given)
        assert wanted.as_dict() == plain
        assert wanted.gone() == set(stored) - set(plain)
        assert all((i in wanted) == (i in plain) for i in [*ids, "new-id", "unknown"])
        assert all(wanted.index(i) == plain[i] for i in plain)


def test_a_build_being_written_is_not_flushed_at_each_commit(tmp_path: Path) -> None:
    """Publishing flushes the whole build (layout.publish); the journal stays a file, so a
    failed write still rolls back."""
    engine = writer_engine(tmp_path / "archive.sqlite")
    try:
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 0
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "delete"
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()


def test_a_load_reads_the_stored_state_kept_beside_the_published_build(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    assert load([SEEDS_DIR], settings).published
    wait_for_spares()
    served = builds.current_build(settings.data_dir)
    assert served is not None
    database, kept = served / builds.DB_NAME, state_path(settings.data_dir, served.name)
    plain = stored_state(database)
    assert kept.is_file() and len(plain) == 5
    assert stored_state(database, settings.data_dir) == plain
    # The kept rows are what is read: one changed in the file shows.
    form, query, size, mtime_ns, rows = marshal.loads(kept.read_bytes())
    rows[0] = (rows[0][0], "/elsewhere.txt", *rows[0][2:])
    kept.write_bytes(marshal.dumps((form, query, size, mtime_ns, rows)))
    assert stored_state(database, settings.data_dir)[rows[0][0]].source_path == "/elsewhere.txt"
    # Kept of another database file (its size or time differ), of another query, cut
    # short: SQLite is asked.
    for changed in (
        (form, query, size + 1, mtime_ns, rows),
        (form, query, size, mtime_ns - 1, rows),
        (form, query + " WHERE 0", size, mtime_ns, rows),
    ):
        kept.write_bytes(marshal.dumps(changed))
        assert stored_state(database, settings.data_dir) == plain
    kept.write_bytes(marshal.dumps((form, query, size, mtime_ns, rows))[:-7])
    assert stored_state(database, settings.data_dir) == plain
