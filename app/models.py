"""SQLModel tables. The schema is created and changed only by Alembic (migrations/)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column, Index
from sqlmodel import Field, SQLModel, col


class Article(SQLModel, table=True):
    """One press item as the loader understood it, with the evidence for each decision."""

    id: str = Field(primary_key=True, description="Hash from the file name, else a content hash")
    id_source: str = Field(description="`file name` or `content`")
    slug: str = Field(index=True, unique=True)
    source_file: str = Field(description="File name as loaded")
    source_path: str
    source_sha256: str = Field(index=True, description="SHA-256 of the raw bytes")
    source_size: int | None = Field(default=None, description="Bytes, for the unchanged-file shortcut")
    source_mtime_ns: int | None = Field(default=None, description="Modification time when loaded")
    content_fingerprint: str = Field(index=True, description="Hash of the normalised text")
    encoding: str
    had_bom: bool = False
    newline: str = "lf"
    raw_text: str

    title: str | None = Field(default=None, description="Headline as printed, if the text has one")
    display_title: str
    title_derived: bool = False
    lead: str = ""
    body: str = ""

    date: str | None = Field(default=None, index=True, description="ISO date at its precision")
    date_sort: int | None = Field(default=None, index=True, description="YYYYMMDD for ordering")
    date_year: int | None = None
    date_month: int | None = None
    date_day: int | None = None
    date_precision: str = "unknown"
    date_inferred: bool = False
    date_source: str = "none"
    date_evidence: str = ""

    dateline: str | None = None
    dateline_place: str | None = None
    outlet: str | None = Field(default=None, index=True)
    outlet_evidence: str = ""
    cited_source: str | None = None
    cited_source_text: str | None = None
    language: str = Field(index=True)
    language_confidence: float = 0.0
    tags: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    original_url: str | None = Field(
        default=None, description="Where it was first published, if the file says"
    )
    removed_lines: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))

    event_types: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    unresolved_titles: list[str] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False),
        description="Role titles with no name that the register could not resolve for the date",
    )

    pipeline_version: str
    loaded_at: datetime


class LoadRun(SQLModel, table=True):
    """One `archive load`: what it did to which files."""

    __tablename__ = "load_run"

    id: int | None = Field(default=None, primary_key=True)
    build_id: str
    started_at: datetime
    finished_at: datetime
    loaded: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: int = 0
    report: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class Country(SQLModel, table=True):
    """Every ISO 3166-1 country, with CLDR names."""

    code: str = Field(primary_key=True, description="ISO 3166-1 alpha-2")
    alpha_3: str
    name_en: str
    name_ru: str
    name_kk: str


class Organisation(SQLModel, table=True):
    code: str = Field(primary_key=True, description="Short English code: UN, SCO, CICA ...")
    parent: str | None = None
    name_en: str
    name_ru: str
    name_kk: str


class Leader(SQLModel, table=True):
    """A person from the register, or one discovered in the text (in_register = False)."""

    slug: str = Field(primary_key=True)
    name_en: str
    name_ru: str | None = None
    name_kk: str | None = None
    in_register: bool = True
    role_title: str | None = Field(default=None, description="For discovered people: the role as written")
    affiliation: str | None = Field(default=None, description="Country code or organisation code")
    roles: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    names: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))


class ArticleLeader(SQLModel, table=True):
    __tablename__ = "article_leader"

    article_id: str = Field(foreign_key="article.id", primary_key=True)
    leader_slug: str = Field(foreign_key="leader.slug", primary_key=True, index=True)
    mentions: int = 0
    centrality: float = 0.0
    role_title: str | None = None
    affiliation: str | None = None
    resolved_from_title: bool = False


class ArticleCountry(SQLModel, table=True):
    __tablename__ = "article_country"

    article_id: str = Field(foreign_key="article.id", primary_key=True)
    country_code: str = Field(foreign_key="country.code", primary_key=True, index=True)
    mentions: int = Field(default=0, description="Mentions by name or abbreviation")
    demonym_mentions: int = Field(default=0, description="Weaker mentions by adjective (израильский)")


class ArticleOrganisation(SQLModel, table=True):
    __tablename__ = "article_organisation"

    article_id: str = Field(foreign_key="article.id", primary_key=True)
    organisation_code: str = Field(foreign_key="organisation.code", primary_key=True, index=True)
    mentions: int = 0


class Mention(SQLModel, table=True):
    """Where an entity is named: character offsets in the article's title or clean body."""

    id: int | None = Field(default=None, primary_key=True)
    article_id: str = Field(foreign_key="article.id", index=True)
    entity_type: str
    entity_key: str = Field(index=True)
    field: str = Field(description="title or body")
    start: int
    end: int
    surface: str
    kind: str = Field(description="name, surname, honorific, demonym, abbreviation, title or role")


class SkippedFile(SQLModel, table=True):
    """A file that did not become an article (a duplicate, or failed), remembered so that an
    untouched one is not read and parsed again at every load."""

    __tablename__ = "skipped_file"

    path: str = Field(primary_key=True)
    size: int
    mtime_ns: int
    status: str = Field(description="duplicate or failed")
    reason: str = ""
    fingerprint: str = Field(default="", description="For a duplicate: the text it shares with an article")
    pipeline_version: str
    seen_at_ns: int = Field(description="When the load that skipped it started (ns since epoch)")


class Event(SQLModel, table=True):
    """One contact (a call, meeting, visit, message) as the reports of it tell it: made at
    load time from the articles by app/loader/events.py."""

    id: str = Field(primary_key=True, description="Hash of the earliest-id report and the participants")
    kind: str = Field(index=True, description="phone_call, meeting, visit, message, ... or contact")
    participants: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    date: str | None = Field(default=None, description="ISO day the dated reports agree on")
    date_sort: int | None = Field(default=None, index=True, description="YYYYMMDD for ordering")
    date_conflict: bool = Field(default=False, description="Its dated reports disagree: no date given")
    report_count: int = 0
    countries: list[str] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False, server_default="[]"),
        description="Countries and organisations it is of (app/loader/events.py `event_countries`)",
    )


class EventReport(SQLModel, table=True):
    """A report of an event, why it was linked, and the date it takes from the event."""

    __tablename__ = "event_report"

    event_id: str = Field(foreign_key="event.id", primary_key=True)
    article_id: str = Field(primary_key=True, index=True)
    reasons: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    inferred_date: str | None = Field(
        default=None, description="The event's date, for a report whose text gives none"
    )
    date_evidence: list[str] = Field(
        default_factory=list,
        sa_column=Column(JSON, nullable=False),
        description="The dated reports the inferred date comes from",
    )


class ArticleEventKey(SQLModel, table=True):
    """A contact an article reports (a pair of participants, app/loader/events.py
    `contact_keys`), stored with the events so that a load changing one article finds the
    reports it must regroup by a look-up, not by reading every article again."""

    __tablename__ = "article_event_key"
    __table_args__ = (Index("ix_article_event_key_pair", "first", "second"),)

    article_id: str = Field(primary_key=True, index=True)
    first: str = Field(primary_key=True, description="The participant whose slug sorts first")
    second: str = Field(primary_key=True, description="The other participant, country: or org:")
    reach: str | None = Field(
        default=None,
        description="What a load changing another report of the pair reads of this one to tell "
        "whether it is touched (app/loader/events.py `Member`): JSON, null when not yet known",
    )


class ArticleEventReport(SQLModel, table=True):
    """What the event grouping reads of one article that reports a contact (app/loader/
    event_store.py `stored_report`): its leaders, kinds, dates, numbers, places, as the
    grouping derived them from the text. A load changing one article regroups the reports of
    its contacts from these rows, without reading their texts again; `data["v"]` names the
    data files they were derived with, so a row from other word lists is derived again."""

    __tablename__ = "article_event_report"

    article_id: str = Field(primary_key=True)
    data: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


# What every load reads of every stored article (app/loader/store.py `stored_state`): from this
# index alone, not by a scan of the article table and its texts.
Index(
    "ix_article_state",
    *(
        col(column)
        for column in (
            Article.id,
            Article.source_path,
            Article.source_sha256,
            Article.content_fingerprint,
            Article.pipeline_version,
            Article.source_size,
            Article.source_mtime_ns,
            Article.loaded_at,
            Article.slug,
        )
    ),
)


class ArticleLines(SQLModel, table=True):
    """An article's lines as the count of lines repeated across an outlet's pages sees them
    (app/loader/repeated.py `PageLines`), written with the article: a later load counts and
    checks the archive's pages from these instead of cleaning every stored text again."""

    __tablename__ = "article_lines"

    article_id: str = Field(primary_key=True)
    page_group: str = Field(description="Its outlet, or its folder when the outlet is unknown")
    headline: bytes | None = Field(default=None, description="The headline's line fingerprint")
    keys: bytes = Field(description="The page's distinct line fingerprints, 8 bytes each")
    lines: bytes = Field(description="Per line: number, fingerprint, prose and named-rule flags")
    removed: bytes = Field(description="The line numbers it removed as repeated, 4 bytes each")
    signature: bytes | None = Field(
        default=None, description="The repeated lines its removals were last found right for"
    )
