"""A build's SQLite file: how it is addressed (a percent-encoded file: URI, read-only and
immutable when served) and which migration it was built to.

The schema itself is Alembic's (migrations/, run by the loader). The web process only
compares revisions, so the head is read from the migration files' own `revision` and
`down_revision` lines, without importing Alembic (a test checks it agrees with Alembic).
"""

import ast
import sqlite3
from contextlib import closing
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    from sqlalchemy import Engine

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


def sqlite_uri(db_path: Path, read_only: bool = False, immutable: bool = False) -> str:
    """A percent-encoded SQLite file: URI. A plain path in a URL would read '?', '#' or '%' in
    a directory name as a query, a fragment or an escape, and open some other file."""
    mode = ("?mode=ro" + ("&immutable=1" if immutable else "")) if read_only else ""
    return f"file:{quote(str(db_path.absolute()))}{mode}"


def sqlite_engine(db_path: Path, read_only: bool = False, immutable: bool = False) -> "Engine":
    """An engine on one SQLite file, connecting through `sqlite_uri`; no pool (a connection
    costs microseconds, and a bounded pool deadlocked the web app under load). SQLAlchemy is
    imported here: a load that finds nothing changed reads builds through sqlite3 alone."""
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    uri = sqlite_uri(db_path, read_only, immutable)
    return create_engine(
        "sqlite://",
        creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        poolclass=NullPool,
    )


def _revision_lines(path: Path) -> tuple[str | None, tuple[str, ...]]:
    """A migration file's `revision` and its `down_revision`(s), read as literals."""
    revision: str | None = None
    down: tuple[str, ...] = ()
    target: ast.expr
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.AnnAssign) and node.value is not None:
            target, value_node = node.target, node.value
        elif isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value_node = node.targets[0], node.value
        else:
            continue
        if not isinstance(target, ast.Name):
            continue
        value = ast.literal_eval(value_node) if target.id in ("revision", "down_revision") else None
        if target.id == "revision":
            revision = value
        elif target.id == "down_revision" and value is not None:
            down = tuple(value) if isinstance(value, list | tuple) else (value,)
    return revision, down


@lru_cache(maxsize=1)
def head_revision() -> str | None:
    """The migration every build of this code is made to: the one no other revises."""
    revisions = {}
    for path in sorted((MIGRATIONS_DIR / "versions").glob("*.py")):
        revision, down = _revision_lines(path)
        if revision is not None:
            revisions[revision] = down
    revised = {parent for parents in revisions.values() for parent in parents}
    heads = sorted(set(revisions) - revised)
    if len(heads) > 1:
        raise RuntimeError(f"migrations have several heads: {', '.join(heads)}")
    return heads[0] if heads else None


def schema_revision(db_path: Path) -> str | None:
    """The migration a (read-only) archive database was built to."""
    with closing(sqlite3.connect(sqlite_uri(db_path, read_only=True), uri=True)) as db:
        try:
            row = db.execute("SELECT version_num FROM alembic_version").fetchone()
        except sqlite3.OperationalError:
            return None
    return row[0] if row else None
