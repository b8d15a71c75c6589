"""The register (countries, organisations, register leaders) in a build is the data files'
as they are now: rows that differ are written again, rows that agree are left as they are."""

import sqlite3
from pathlib import Path

from sqlmodel import Session

from app.loader.store import _sync_reference, migrate, writer_engine


def _rows(path: Path, table: str) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return sorted(db.execute(f"SELECT * FROM {table}").fetchall(), key=repr)


def test_register_rows_that_differ_are_written_again_and_the_others_kept(tmp_path: Path) -> None:
    path = tmp_path / "a.sqlite"
    engine = writer_engine(path)
    migrate(engine)
    with Session(engine) as session:
        _sync_reference(session)
        session.commit()
    written = {t: _rows(path, t) for t in ("country", "organisation", "leader")}
    assert all(written.values())
    with sqlite3.connect(path) as db:
        db.execute("UPDATE country SET name_en = 'Old name' WHERE rowid = (SELECT min(rowid) FROM country)")
        db.execute("UPDATE leader SET names = '[]' WHERE rowid = (SELECT min(rowid) FROM leader)")
        db.execute("DELETE FROM organisation WHERE rowid = (SELECT min(rowid) FROM organisation)")
    db.close()
    with Session(engine) as session:
        _sync_reference(session)
        session.commit()
    engine.dispose()
    assert {t: _rows(path, t) for t in written} == written
