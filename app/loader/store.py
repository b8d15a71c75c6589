"""SQLite writes through SQLModel: schema by Alembic, one transaction per load."""

import json
import os
import pickle
import sqlite3
import tempfile
import threading
import weakref
import zlib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, Table, bindparam, delete, event, exists, insert, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine.interfaces import DBAPIConnection
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import configure_mappers
from sqlalchemy.pool import ConnectionPoolEntry
from sqlalchemy.sql.schema import ScalarElementColumnDefault
from sqlmodel import Session, SQLModel, col, select

from app.build.sqlite import MIGRATIONS_DIR, head_revision, sqlite_engine, sqlite_uri
from app.entities import register
from app.entities.extract import Entities, LeaderLink
from app.loader.repeated import PageLines
from app.models import (
    Article,
    ArticleCountry,
    ArticleLeader,
    ArticleLines,
    ArticleOrganisation,
    Country,
    Leader,
    LoadRun,
    Mention,
    Organisation,
    SkippedFile,
)
from app.text.fold import has_kazakh_letters

if TYPE_CHECKING:
    from alembic.config import Config

LINK_TABLES = (ArticleLeader, ArticleCountry, ArticleOrganisation, Mention)
LinkTable = type[ArticleLeader] | type[ArticleCountry] | type[ArticleOrganisation] | type[Mention]


@dataclass(frozen=True)
class StoredPage:
    """A stored article's raw text and what its record made of it: for counting the lines
    a load's pages share (repeated.py) without parsing unchanged files again."""

    id: str
    source_path: str
    raw_text: str
    outlet: str | None
    display_title: str
    removed_lines: list[dict[str, Any]]


@dataclass
class ArticleRecord:
    """One article and everything found in it, ready to be written."""

    article: Article
    entities: Entities
    # What the person loading should know about this file (a repaired byte, a guessed
    # encoding, an impossible date, an id taken by another file): the report's reason.
    notes: list[str] = field(default_factory=list)
    # Its lines as the count of repeated lines sees them (stored in article_lines).
    lines: PageLines | None = None


class SpillFile:
    """Where a load keeps its parsed records' packed bytes until it writes them: an unnamed
    temporary file (gone when the load drops it), read back by offset. At 100k articles the
    bytes are about 230 MB that the load would otherwise hold from the parse to the end of
    the build, beside the index writers and the grouping of events."""

    def __init__(self) -> None:
        self._file = tempfile.TemporaryFile(prefix="archive-load-")
        # Closed (and so its space freed) once the load drops the last record that reads it.
        weakref.finalize(self, self._file.close)
        self._end = 0
        self._lock = threading.Lock()

    def put(self, data: bytes) -> tuple[int, int]:
        """Write `data`; its offset and size, to read it back with `get`."""
        with self._lock:
            offset = self._end
            self._end += len(data)
        written = 0
        while written < len(data):
            written += os.pwrite(self._file.fileno(), data[written:], offset + written)
        return offset, len(data)

    def get(self, offset: int, size: int) -> bytes:
        data = os.pread(self._file.fileno(), size, offset)
        if len(data) != size:
            raise OSError(f"spilled record cut short: {len(data)} of {size} bytes")
        return data


@dataclass
class PackedRecord:
    """A parsed article as a load holds it until it is written: the fields the load's
    decisions read and change, beside the whole record pickled and compressed. A record
    takes about 29 KB as Python objects and 3 KB packed: a load of 100k files holds them
    all at once, and unpacks each only to write it (`Unpacked`)."""

    id: str
    id_source: str
    slug: str
    display_title: str
    content_fingerprint: str
    source_path: str
    source_sha256: str
    source_size: int | None
    source_mtime_ns: int | None
    has_text: bool
    notes: list[str]
    lines: PageLines | None
    packed: bytes = field(repr=False)
    # Where `packed` went when the load spilled it (`spill`): the file, offset and size.
    spilled: tuple[SpillFile, int, int] | None = field(default=None, repr=False)

    @classmethod
    def pack(cls, record: ArticleRecord) -> "PackedRecord":
        a = record.article
        # The article's fields, not the SQLModel object: half the time to unpack.
        whole = pickle.dumps((a.model_dump(), record.entities), protocol=pickle.HIGHEST_PROTOCOL)
        return cls(
            id=a.id,
            id_source=a.id_source,
            slug=a.slug,
            display_title=a.display_title,
            content_fingerprint=a.content_fingerprint,
            source_path=a.source_path,
            source_sha256=a.source_sha256,
            source_size=a.source_size,
            source_mtime_ns=a.source_mtime_ns,
            has_text=bool(a.body or a.title),
            notes=list(record.notes),
            lines=record.lines,
            packed=zlib.compress(whole, 1),
        )

    def spill(self, into: SpillFile) -> None:
        """Move the packed bytes out of memory, into `into`; `unpack` reads them back."""
        if self.spilled is None:
            self.spilled = (into, *into.put(self.packed))
            self.packed = b""

    def unpack(self) -> ArticleRecord:
        """The whole record, with what the load decided since (id, slug, notes, lines)."""
        packed = self.packed if self.spilled is None else self.spilled[0].get(*self.spilled[1:])
        fields, entities = pickle.loads(zlib.decompress(packed))
        fields.update(id=self.id, id_source=self.id_source, slug=self.slug)
        # Fields written by this code a moment ago: no validation to pay for again. An object
        # built so reads its fields through mappers that must be configured first (__init__
        # would see to it): a first build indexes in a thread before any query has run.
        _configure_mappers()
        article = Article.model_construct(**fields)
        return ArticleRecord(article=article, entities=entities, notes=list(self.notes), lines=self.lines)


_mappers_configured = False


def _configure_mappers() -> None:
    global _mappers_configured
    if not _mappers_configured:
        configure_mappers()
        _mappers_configured = True


class Unpacked:
    """Packed records, unpacked one at a time as they are read (to be written or indexed)."""

    def __init__(self, packed: Sequence[PackedRecord]) -> None:
        self.packed = packed

    def __len__(self) -> int:
        return len(self.packed)

    def __iter__(self) -> Iterator[ArticleRecord]:
        return (p.unpack() for p in self.packed)


def writer_engine(db_path: Path) -> Engine:
    """An engine for a build being written (never a published one). SQLite does not flush
    the journal and the file at each commit: a build nobody reads until it is published,
    flushed whole first (layout.publish), and discarded if the load fails, needs no
    flush before. The journal stays a file (a rollback works; tests/test_load_faults.py
    sees a write transaction by it)."""
    engine = sqlite_engine(db_path)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection: DBAPIConnection, _record: ConnectionPoolEntry) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=DELETE")
        cursor.execute("PRAGMA synchronous=OFF")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return engine


def _alembic_config() -> "Config":
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def migrate(engine: Engine) -> None:
    """Bring the schema to head with the project's Alembic migrations. A build copied from
    one already at head (most loads) is left as it is without starting Alembic, whose
    import and scripts cost a load of one file a quarter of its time."""
    with engine.connect() as connection:
        if _at_head(connection):
            return
    from alembic import command

    config = _alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def _at_head(connection: Connection) -> bool:
    try:
        row = connection.exec_driver_sql("SELECT version_num FROM alembic_version").fetchone()
    except OperationalError:  # no such table: a new file
        return False
    return row is not None and row[0] == head_revision()


def stored_pages(db_path: Path, ids: list[str]) -> dict[str, StoredPage]:
    """The raw text, outlet, headline and removed lines of these stored articles."""
    engine = sqlite_engine(db_path, read_only=True)
    pages: dict[str, StoredPage] = {}
    try:
        with Session(engine) as session:
            for start in range(0, len(ids), 500):
                rows = session.exec(
                    select(  # type: ignore[call-overload]  # more than the four columns sqlmodel types
                        Article.id,
                        Article.source_path,
                        Article.raw_text,
                        Article.outlet,
                        Article.display_title,
                        Article.removed_lines,
                    ).where(col(Article.id).in_(ids[start : start + 500]))
                ).all()
                pages.update((row[0], StoredPage(*row)) for row in rows)
    finally:
        engine.dispose()
    return pages


def _key(value: bytes | None) -> int | None:
    return None if value is None else int.from_bytes(value, "little")


def _key_bytes(value: int | None) -> bytes | None:
    return None if value is None else value.to_bytes(8, "little")


@dataclass(frozen=True)
class StoredLines:
    """Reads the stored articles' lines (article_lines) from a build, straight through
    sqlite3: a load reads them for the whole archive, and the ORM would cost more than the
    reading. A page's per-line rows are read only for the few pages a load must check."""

    db_path: Path

    def _rows(
        self, query: str, ids: Collection[str] | None, key: str = "article_id"
    ) -> list[tuple[Any, ...]]:
        with sqlite3.connect(sqlite_uri(self.db_path, read_only=True), uri=True) as connection:
            if ids is None:
                return connection.execute(query).fetchall()
            wanted = sorted(ids)
            rows: list[tuple[Any, ...]] = []
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows += connection.execute(f"{query} WHERE {key} IN ({marks})", chunk).fetchall()
            return rows

    def summaries(self, groups: Collection[str] | None = None) -> dict[str, PageLines]:
        """Every stored page's group, headline, line fingerprints and signature (its lines
        and removals left empty: see `fill`); only the pages of `groups` when given."""
        query = "SELECT article_id, page_group, headline, keys, signature FROM article_lines"
        rows = self._rows(query, None) if groups is None else self._rows(query, groups, "page_group")
        return {
            ident: PageLines(group, _key(headline), keys, b"", signature=_key(signature))
            for ident, group, headline, keys, signature in rows
        }

    def summaries_of(self, ids: Collection[str]) -> dict[str, PageLines]:
        """What `summaries` gives, for these stored pages."""
        query = "SELECT article_id, page_group, headline, keys, signature FROM article_lines"
        return {
            ident: PageLines(group, _key(headline), keys, b"", signature=_key(signature))
            for ident, group, headline, keys, signature in self._rows(query, ids)
        }

    def every_page(self) -> list[PageLines]:
        """Every stored article's group, headline and line fingerprints (not of rows whose
        article is gone), for a whole count."""
        query = (
            "SELECT l.page_group, l.headline, l.keys FROM article_lines AS l"
            " JOIN article AS a ON a.id = l.article_id"
        )
        return [
            PageLines(group, _key(headline), keys, b"") for group, headline, keys in self._rows(query, None)
        ]

    def groups_of(self, ids: Collection[str]) -> dict[str, str]:
        """The group each of these stored pages was counted in."""
        return dict(self._rows("SELECT article_id, page_group FROM article_lines", ids))

    def count(self) -> int:
        """How many stored pages have their lines stored."""
        return int(self._rows("SELECT count(*) FROM article_lines", None)[0][0])

    def fill(self, pages: Mapping[str, PageLines]) -> None:
        """Read the per-line rows and removals of these pages into them."""
        query = "SELECT article_id, lines, removed FROM article_lines"
        for ident, lines, removed in self._rows(query, list(pages)):
            page = pages[ident]
            page.lines = lines
            page.removed = frozenset(
                int.from_bytes(removed[i : i + 4], "little") for i in range(0, len(removed), 4)
            )

    def pages(self, ids: list[str]) -> dict[str, StoredPage]:
        """Stored texts, for pages stored without lines (by a version before article_lines)."""
        return stored_pages(self.db_path, ids)


def _lines_row(article_id: str, page: PageLines) -> dict[str, Any]:
    return {
        "article_id": article_id,
        "page_group": page.group,
        "headline": _key_bytes(page.headline),
        "keys": page.keys,
        "lines": page.lines,
        "removed": b"".join(n.to_bytes(4, "little") for n in sorted(page.removed)),
        "signature": _key_bytes(page.signature),
    }


def _upsert(session: Session, table: type[SQLModel], key: str, rows: list[dict[str, Any]]) -> None:
    rows = _differing(session, table, key, rows)
    if not rows:
        return
    statement = sqlite_insert(table)
    columns = {c: statement.excluded[c] for c in rows[0] if c != key}
    session.execute(statement.on_conflict_do_update(index_elements=[key], set_=columns), rows)


def _differing(
    session: Session, table: type[SQLModel], key: str, rows: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The rows the table does not hold as they are. A build copied from the served one
    holds the register as the same data files gave it: writing it again cost a load of one
    file a quarter of a second, most of it SQLAlchemy compiling the statements."""
    if not rows:
        return rows
    names = list(rows[0])
    listed = ", ".join(f'"{n}"' for n in names)
    found = session.connection().exec_driver_sql(f'SELECT {listed} FROM "{table.__tablename__}"')
    held = {row[names.index(key)]: row for row in found}

    def same(row: dict[str, Any]) -> bool:
        stored = held.get(row[key])
        return stored is not None and all(
            _as_written(value) == stored[i] for i, value in enumerate(row[n] for n in names)
        )

    return [row for row in rows if not same(row)]


def _as_written(value: Any) -> Any:
    """A value as SQLite gives it back: JSON columns as their text, booleans as integers."""
    if isinstance(value, list | dict):
        return json.dumps(value)
    if isinstance(value, bool):
        return int(value)
    return value


def _names(entity: register.CountryEntry | register.OrganisationEntry) -> dict[str, str]:
    return {"name_en": entity.name_en, "name_ru": entity.name_ru, "name_kk": entity.name_kk}


def _sync_reference(session: Session) -> None:
    """Countries, organisations and register leaders exactly as the data files say now."""
    _upsert(
        session,
        Country,
        "code",
        [
            {
                "code": c.code,
                "alpha_3": c.alpha_3,
                "name_en": c.name_en,
                "name_ru": c.name_ru,
                "name_kk": c.name_kk,
            }
            for c in register.countries().values()
        ],
    )
    _upsert(
        session,
        Organisation,
        "code",
        [
            {
                "code": o.code,
                "parent": o.parent,
                "name_en": o.name_en,
                "name_ru": o.name_ru,
                "name_kk": o.name_kk,
            }
            for o in register.organisations().values()
        ],
    )
    leader_rows = []
    for leader in register.leaders().values():
        latest = leader.role_on(None)
        leader_rows.append(
            {
                "slug": leader.slug,
                "name_en": leader.name_en,
                "name_ru": leader.name_ru,
                "name_kk": leader.name_kk,
                "in_register": True,
                "role_title": None,
                "affiliation": latest.affiliation if latest else None,
                "roles": [
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
                "names": list(leader.names),
            }
        )
    _upsert(session, Leader, "slug", leader_rows)


def _unknown_leader_rows(records: list[ArticleRecord]) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for record in records:
        for link in record.entities.leaders:
            if not link.in_register:
                # a name written in Cyrillic is stored under its Latin form, as the register's
                # people are under their English names, and as written in its own language
                kazakh = has_kazakh_letters(link.name)
                rows[link.slug] = {
                    "slug": link.slug,
                    "name_en": link.latin or link.name,
                    "name_ru": link.name if link.latin and not kazakh else None,
                    "name_kk": link.name if link.latin and kazakh else None,
                    "in_register": False,
                    "role_title": link.role_title,
                    "affiliation": link.affiliation,
                    "roles": [],
                    "names": [link.name, *([link.latin] if link.latin else [])],
                }
    return list(rows.values())


def _link_rows(records: list[ArticleRecord]) -> dict[LinkTable, list[dict[str, Any]]]:
    """Every link and mention row of the changed articles, for one bulk insert per table."""
    rows: dict[LinkTable, list[dict[str, Any]]] = {table: [] for table in LINK_TABLES}
    for record in records:
        article_id, found = record.article.id, record.entities
        rows[ArticleLeader].extend(
            {
                "article_id": article_id,
                "leader_slug": link.slug,
                "mentions": link.mentions,
                "centrality": link.centrality,
                "role_title": link.role_title,
                "affiliation": link.affiliation,
                "resolved_from_title": link.resolved_from_title,
            }
            for link in found.leaders
        )
        rows[ArticleCountry].extend(
            {"article_id": article_id, "country_code": code, "mentions": names, "demonym_mentions": demonyms}
            for code, (names, demonyms) in found.countries.items()
        )
        rows[ArticleOrganisation].extend(
            {"article_id": article_id, "organisation_code": code, "mentions": count}
            for code, count in found.organisations.items()
        )
        rows[Mention].extend(
            {
                "article_id": article_id,
                "entity_type": m.entity_type,
                "entity_key": m.key,
                "field": m.field,
                "start": m.start,
                "end": m.end,
                "surface": m.surface,
                "kind": m.kind,
            }
            for m in found.mentions
        )
    return rows


@cache
def _column_defaults(table: Table) -> tuple[tuple[str, Any], ...]:
    """The table's columns that have a plain default value, and that value."""
    return tuple(
        (column.key, column.default.arg)
        for column in table.columns
        if isinstance(column.default, ScalarElementColumnDefault)
    )


def _insert(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    """Insert rows as SQLAlchemy Core does (one executemany), not through the ORM's bulk
    insert: that costs more than SQLite's own writing, and sends a batch as many statements
    (one per pattern of None values). Rows are written as the ORM would write them: a None
    where the column has a default gets the default."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    defaults = _column_defaults(table)
    for row in rows:
        for key, value in defaults:
            if row.get(key, value) is None:
                row[key] = value
    session.connection().execute(table.insert(), rows)


# Records written per statement: the rows of a batch are in memory at once, not the load's.
WRITE_BATCH = 500


def batched(items: Iterable[ArticleRecord], size: int) -> Iterator[list[ArticleRecord]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def write_articles(
    engine: Engine,
    records: Iterable[ArticleRecord],
    run: LoadRun,
    existing: set[str],
    skipped: list[SkippedFile] | None = None,
    settled: Mapping[str, PageLines] | None = None,
) -> None:
    """Insert new and replace changed articles with their links, and record the run: all or
    nothing. `settled` are the lines of unchanged articles whose removals this load checked.
    Records are read once, in batches: a large load never has all their rows in memory."""
    # Core bulk inserts: the ORM's per-object bookkeeping cost more than the writes.
    with Session(engine) as session:
        _sync_reference(session)
        lines_gone = existing | set(settled or ())
        if lines_gone:
            session.exec(delete(ArticleLines).where(col(ArticleLines.article_id).in_(lines_gone)))
        if existing:
            for table in LINK_TABLES:
                session.exec(delete(table).where(col(table.article_id).in_(existing)))
            session.exec(delete(Article).where(col(Article.id).in_(existing)))
        lines_rows = [_lines_row(i, page) for i, page in (settled or {}).items() if i not in existing]
        if lines_rows:
            _insert(session, ArticleLines, lines_rows)
        leaders = _UnknownLeaders()
        loaded_paths: list[str] = []
        for batch in batched(records, WRITE_BATCH):
            _insert(session, Article, [r.article.model_dump() for r in batch])
            lines_rows = [_lines_row(r.article.id, r.lines) for r in batch if r.lines is not None]
            if lines_rows:
                _insert(session, ArticleLines, lines_rows)
            leaders.write(session, _unknown_leader_rows(batch))
            for table, rows in _link_rows(batch).items():
                if rows:
                    _insert(session, table, rows)
            loaded_paths += [r.article.source_path for r in batch]
        orphaned = select(Leader.slug).where(
            col(Leader.in_register).is_(False),
            ~exists().where(col(ArticleLeader.leader_slug) == col(Leader.slug)),
        )
        session.exec(delete(Leader).where(col(Leader.slug).in_(orphaned)))
        if loaded_paths:
            session.exec(delete(SkippedFile).where(col(SkippedFile.path).in_(loaded_paths)))
        for row in skipped or []:
            session.merge(row)
        session.add(run)
        session.commit()


class _UnknownLeaders:
    """Leaders outside the register, written batch by batch as if all at once: a leader the
    archive already has stays as it is; of this load's, the last record's row wins."""

    def __init__(self) -> None:
        self.written: set[str] = set()

    def write(self, session: Session, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        again = [row for row in rows if row["slug"] in self.written]
        if again:
            statement = sqlite_insert(Leader)
            columns = {c: statement.excluded[c] for c in again[0] if c != "slug"}
            session.execute(statement.on_conflict_do_update(index_elements=["slug"], set_=columns), again)
        fresh = [row for row in rows if row["slug"] not in self.written]
        if not fresh:
            return
        slugs = [row["slug"] for row in fresh]
        stored = set(session.exec(select(Leader.slug).where(col(Leader.slug).in_(slugs))).all())
        new = [row for row in fresh if row["slug"] not in stored]
        if new:
            session.execute(insert(Leader), new)
            self.written |= {row["slug"] for row in new}


def refresh_stats(engine: Engine, noted: Iterable[tuple[str, str, int, int, datetime]]) -> None:
    """Give stored articles the size and time their files were last found at with the same
    bytes, and that moment as their `loaded_at` (path, sha256, size, mtime_ns, seen at): a
    build written after files were copied or touched holds what a load of them from scratch
    would, and needs no note of them any more (app/loader/seen_files.py)."""
    table: Table = Article.__table__  # type: ignore[attr-defined]
    statement = (
        update(table)
        .where(table.c.source_path == bindparam("path"), table.c.source_sha256 == bindparam("sha256"))
        .values(
            source_size=bindparam("size"), source_mtime_ns=bindparam("mtime_ns"), loaded_at=bindparam("seen")
        )
    )
    rows = [
        {"path": path, "sha256": sha256, "size": size, "mtime_ns": mtime_ns, "seen": seen}
        for path, sha256, size, mtime_ns, seen in noted
    ]
    if not rows:
        return
    with engine.begin() as connection:
        connection.execute(statement, rows)


def stored_records(engine: Engine, skip: set[str]) -> Iterator[ArticleRecord]:
    """Articles already in the archive, with the entity keys the index needs: for re-indexing
    everything when the index schema has changed."""
    with Session(engine) as session:
        links: dict[str, Entities] = {}

        def entities(article_id: str) -> Entities:
            return links.setdefault(article_id, Entities())

        for article_id, slug in session.exec(select(ArticleLeader.article_id, ArticleLeader.leader_slug)):
            entities(article_id).leaders.append(LeaderLink(slug=slug, in_register=True, name=slug))
        for article_id, code in session.exec(select(ArticleCountry.article_id, ArticleCountry.country_code)):
            entities(article_id).countries[code] = (1, 0)
        for article_id, code in session.exec(
            select(ArticleOrganisation.article_id, ArticleOrganisation.organisation_code)
        ):
            entities(article_id).organisations[code] = 1
        for article in session.exec(select(Article)):
            if article.id not in skip:
                yield ArticleRecord(article=article, entities=links.get(article.id, Entities()))
