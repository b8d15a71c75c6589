"""SQLite writes through SQLModel: schema by Alembic, one transaction per load."""

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, delete, event, exists
from sqlmodel import Session, col, select

from app.entities import register
from app.entities.extract import Entities
from app.models import (
    Article,
    ArticleCountry,
    ArticleLeader,
    ArticleOrganisation,
    Country,
    Leader,
    LoadRun,
    Mention,
    Organisation,
)

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
LINK_TABLES = (ArticleLeader, ArticleCountry, ArticleOrganisation, Mention)


@dataclass(frozen=True)
class StoredState:
    """What the archive already holds for one article, to decide unchanged/updated."""

    id: str
    source_path: str
    source_sha256: str
    content_fingerprint: str
    pipeline_version: str


@dataclass
class ArticleRecord:
    """One article and everything found in it, ready to be written."""

    article: Article
    entities: Entities


def writer_engine(db_path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{db_path}")

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=DELETE")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
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


def _sync_reference(session: Session) -> None:
    """Countries, organisations and register leaders exactly as the data files say now."""
    for country in register.countries().values():
        session.merge(
            Country(
                code=country.code,
                alpha_3=country.alpha_3,
                name_en=country.name_en,
                name_ru=country.name_ru,
                name_kk=country.name_kk,
            )
        )
    for org in register.organisations().values():
        session.merge(
            Organisation(
                code=org.code,
                parent=org.parent,
                name_en=org.name_en,
                name_ru=org.name_ru,
                name_kk=org.name_kk,
            )
        )
    for leader in register.leaders().values():
        latest = leader.role_on(None)
        session.merge(
            Leader(
                slug=leader.slug,
                name_en=leader.name_en,
                name_ru=leader.name_ru,
                name_kk=leader.name_kk,
                in_register=True,
                affiliation=latest.affiliation if latest else None,
                roles=[
                    {
                        "office": r.office,
                        "affiliation": r.affiliation,
                        "title_en": r.title_en,
                        "title_ru": r.title_ru,
                        "title_kk": r.title_kk,
                        "start": r.start.isoformat() if r.start else None,
                        "end": r.end.isoformat() if r.end else None,
                        "approx": r.approx,
                    }
                    for r in leader.roles
                ],
                names=list(leader.names),
            )
        )


def _unknown_leaders(record: ArticleRecord, session: Session) -> None:
    for link in record.entities.leaders:
        if not link.in_register:
            session.merge(
                Leader(
                    slug=link.slug,
                    name_en=link.name,
                    in_register=False,
                    role_title=link.role_title,
                    affiliation=link.affiliation,
                    names=[link.name],
                )
            )


def _links(record: ArticleRecord, session: Session) -> None:
    article_id = record.article.id
    found = record.entities
    for link in found.leaders:
        session.add(
            ArticleLeader(
                article_id=article_id,
                leader_slug=link.slug,
                mentions=link.mentions,
                centrality=link.centrality,
                role_title=link.role_title,
                affiliation=link.affiliation,
                resolved_from_title=link.resolved_from_title,
            )
        )
    for code, (names, demonyms) in found.countries.items():
        session.add(
            ArticleCountry(
                article_id=article_id, country_code=code, mentions=names, demonym_mentions=demonyms
            )
        )
    for code, count in found.organisations.items():
        session.add(ArticleOrganisation(article_id=article_id, organisation_code=code, mentions=count))
    for m in found.mentions:
        session.add(
            Mention(
                article_id=article_id,
                entity_type=m.entity_type,
                entity_key=m.key,
                field=m.field,
                start=m.start,
                end=m.end,
                surface=m.surface,
                kind=m.kind,
            )
        )


def write_articles(engine: Engine, records: list[ArticleRecord], run: LoadRun, existing: set[str]) -> None:
    """Insert new and replace changed articles with their links, and record the run: all or nothing."""
    # The index is written from the same objects after the commit: keep them loaded.
    with Session(engine, expire_on_commit=False) as session:
        _sync_reference(session)
        if existing:
            for table in LINK_TABLES:
                session.exec(delete(table).where(col(table.article_id).in_(existing)))  # type: ignore[attr-defined]
        for record in records:
            if record.article.id in existing:
                session.merge(record.article)
            else:
                session.add(record.article)
        session.flush()
        for record in records:
            _unknown_leaders(record, session)
        session.flush()
        for record in records:
            _links(record, session)
        session.flush()
        orphaned = select(Leader.slug).where(
            col(Leader.in_register).is_(False),
            ~exists().where(col(ArticleLeader.leader_slug) == col(Leader.slug)),
        )
        session.exec(delete(Leader).where(col(Leader.slug).in_(orphaned)))  # type: ignore[call-overload]
        session.add(run)
        session.commit()
