"""What a build already holds of each file, read straight through sqlite3: every stored
article's identity, hashes, size and time, and the files earlier loads skipped.

Every load reads this for the whole archive before it knows whether anything changed, so it
imports neither SQLAlchemy nor the models: a load that finds nothing changed needs no more
(app/loader/survey.py).
"""

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from app.build.spare import STATE_QUERY, read_state
from app.build.sqlite import sqlite_uri


class StoredState(NamedTuple):
    """What the archive already holds for one article, to decide unchanged/updated. A tuple:
    every load makes one per stored article, and a frozen dataclass took four times as long."""

    id: str
    source_path: str
    source_sha256: str
    content_fingerprint: str
    pipeline_version: str
    source_size: int | None = None
    source_mtime_ns: int | None = None
    loaded_at_ns: int | None = None
    slug: str = ""


class Skipped(NamedTuple):
    """A file an earlier load skipped (a duplicate, or failed), as the skipped_file table
    holds it (app.models.SkippedFile)."""

    path: str
    size: int
    mtime_ns: int
    status: str
    reason: str
    fingerprint: str
    pipeline_version: str
    seen_at_ns: int


def stored_state(db_path: Path, data_dir: Path | None = None) -> dict[str, StoredState]:
    """Every stored article's identity and hashes, read from a (read-only) build: with
    `data_dir`, from the rows the process that copies ahead kept of a published build
    (app/build/spare.py write_state) when it has."""
    rows = read_state(data_dir, db_path.parent) if data_dir is not None else None
    if rows is None:
        with sqlite3.connect(sqlite_uri(db_path, read_only=True), uri=True) as connection:
            rows = connection.execute(STATE_QUERY).fetchall()
    # Articles loaded together share their time: each distinct one is read once.
    moments: dict[str | datetime, int] = {}

    def loaded_ns(loaded: str | datetime) -> int:
        found = moments.get(loaded)
        if found is None:
            found = moments[loaded] = epoch_ns(_stored_time(loaded))
        return found

    return {
        ident: StoredState(
            ident,
            path,
            sha256,
            fingerprint,
            version,
            size,
            mtime_ns,
            loaded_ns(loaded) if loaded else None,
            slug,
        )
        for ident, path, sha256, fingerprint, version, size, mtime_ns, loaded, slug in rows
    }


def skipped_files(db_path: Path) -> dict[str, Skipped]:
    """Files earlier loads skipped (duplicates, failures), by path."""
    with sqlite3.connect(sqlite_uri(db_path, read_only=True), uri=True) as connection:
        rows = connection.execute(
            "SELECT path, size, mtime_ns, status, reason, fingerprint, pipeline_version, seen_at_ns"
            " FROM skipped_file"
        ).fetchall()
    return {row[0]: Skipped(*row) for row in rows}


def _stored_time(value: str | datetime) -> datetime:
    """SQLAlchemy stores datetimes as ISO text (`2026-12-01 09:00:00.123456`)."""
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def epoch_ns(moment: datetime) -> int:
    """SQLite gives back naive datetimes; the loader wrote them in UTC."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return int(aware.timestamp() * 1e9)
