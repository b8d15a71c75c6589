"""The web process cannot change the archive it serves: SQLite is opened read-only and
immutable, the Whoosh index read-only, and serving leaves the build's files as they were."""

import asyncio
import hashlib
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError
from whoosh import index as whoosh_index
from whoosh.filedb.filestore import ReadOnlyError

from app.build.archive import Archive
from app.build.layout import DB_NAME, INDEX_NAME, current_build
from app.deps import get_session
from tests.conftest import SEED_IDS

WRITES = [
    "INSERT INTO article (id) VALUES ('written-by-the-web-app')",
    f"UPDATE article SET title = 'defaced' WHERE id = '{SEED_IDS['000']}'",
    f"DELETE FROM article WHERE id = '{SEED_IDS['000']}'",
    "CREATE TABLE intruder (x TEXT)",
    "DROP TABLE article",
    "PRAGMA user_version = 99",
]
# What a visitor does: pages, searches, the API, a feed and an export.
VISIT = [
    "/en/",
    "/en/articles?q=Токаев",
    f"/en/articles/{SEED_IDS['002']}",
    f"/en/articles/{SEED_IDS['003']}/source",
    "/en/leaders/kassym-jomart-tokayev",
    "/api/search?q=Израиль&lang=ru",
    "/en/feeds/articles.atom?country=IL",
    "/en/export/articles.csv?q=Тоқаев",
]


@pytest.fixture(scope="module")
def archive(client) -> Archive:  # type: ignore[no-untyped-def]
    served = client.app.state.registry.get()
    assert served is not None
    return served


def snapshot(build: Path) -> dict[str, str]:
    """Every file of a build with a hash of its bytes: any write, lock or journal shows."""
    return {
        str(p.relative_to(build)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(build.rglob("*"))
        if p.is_file()
    }


@pytest.mark.parametrize("statement", WRITES)
def test_writes_through_the_apps_engine_fail(archive: Archive, statement: str) -> None:
    with archive.engine.connect() as connection:
        with pytest.raises(OperationalError, match="attempt to write a readonly database"):
            connection.execute(text(statement))


def test_a_request_session_cannot_write(archive: Archive) -> None:
    """The session a route gets (app.deps.get_session) is bound to the same read-only file."""

    async def attempt() -> None:
        sessions = get_session(archive)
        session = await anext(sessions)
        try:
            with pytest.raises(OperationalError, match="attempt to write a readonly database"):
                session.connection().execute(text("UPDATE article SET title = 'defaced'"))
        finally:
            await sessions.aclose()

    asyncio.run(attempt())
    with archive.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM article WHERE title = 'defaced'")).scalar() == 0


def test_the_engine_opens_the_file_immutable(archive: Archive) -> None:
    """immutable=1: the app reads without taking SQLite's locks, so even a process holding an
    exclusive lock on the file (which no one should) cannot stall it; a plain reader waits."""
    import sqlite3

    from sqlalchemy import text

    holder = sqlite3.connect(archive.build / DB_NAME, isolation_level=None)
    try:
        holder.execute("BEGIN EXCLUSIVE")
        plain = sqlite3.connect(archive.build / DB_NAME, timeout=0.1)
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            plain.execute("SELECT count(*) FROM article").fetchone()
        plain.close()
        with archive.engine.connect() as connection:
            assert connection.execute(text("SELECT count(*) FROM article")).scalar() == 5
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_the_apps_index_storage_refuses_to_create_files(archive: Archive) -> None:
    """A Whoosh writer needs new segment files; the app's storage cannot make any."""
    assert archive.index.storage.readonly
    with pytest.raises(ReadOnlyError):
        archive.index.storage.create_file("intruder.seg")
    assert not (archive.build / INDEX_NAME / "intruder.seg").exists()


def test_serving_leaves_the_build_untouched_and_its_write_lock_free(seed_archive, live_server: str) -> None:  # type: ignore[no-untyped-def]
    """A real server answers a visitor; meanwhile no file of the build changes, appears or
    disappears, and Whoosh's write lock stays free for the loader (this is another process)."""
    settings, _ = seed_archive
    build = current_build(settings.data_dir)
    assert build is not None
    before = snapshot(build)
    for path in VISIT:
        assert httpx.get(live_server + path, timeout=10).status_code == 200, path
    lock_file = build / INDEX_NAME / "MAIN_WRITELOCK"
    lock_existed = lock_file.exists()
    ix = whoosh_index.open_dir(str(build / INDEX_NAME))
    lock = ix.storage.lock(f"{ix.indexname}_WRITELOCK")
    assert lock.acquire(blocking=False), "someone holds the Whoosh write lock"
    lock.release()
    ix.close()
    if not lock_existed:
        lock_file.unlink()  # made by this probe, not by the server
    assert snapshot(build) == before
