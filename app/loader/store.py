"""SQLite writes through SQLModel: schema by Alembic, one transaction per load."""

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlmodel import Session, select

from app.models import Article, LoadRun

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"


@dataclass(frozen=True)
class StoredState:
    """What the archive already holds for one article, to decide unchanged/updated."""

    id: str
    source_path: str
    source_sha256: str
    content_fingerprint: str
    pipeline_version: str


def writer_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=DELETE")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to head with the project's Alembic migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def stored_state(db_path: Path) -> dict[str, StoredState]:
    """Every stored article's identity and hashes, read from a (read-only) build."""
    engine = create_engine(f"sqlite:///file:{db_path}?mode=ro&uri=true")
    try:
        with Session(engine) as session:
            rows = session.exec(
                select(
                    Article.id,
                    Article.source_path,
                    Article.source_sha256,
                    Article.content_fingerprint,
                    Article.pipeline_version,
                )
            ).all()
    finally:
        engine.dispose()
    return {row[0]: StoredState(*row) for row in rows}


def write_articles(engine: Engine, articles: list[Article], run: LoadRun, existing: set[str]) -> None:
    """Insert new and replace changed articles, and record the run, all or nothing."""
    # The index is written from the same objects after the commit: keep them loaded.
    with Session(engine, expire_on_commit=False) as session:
        for article in articles:
            if article.id in existing:
                session.merge(article)
            else:
                session.add(article)
        session.add(run)
        session.commit()
