"""SQLModel tables. The schema is created and changed only by Alembic (migrations/)."""

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Column
from sqlmodel import Field, SQLModel


class Article(SQLModel, table=True):
    """One press item as the loader understood it, with the evidence for each decision."""

    id: str = Field(primary_key=True, description="Hash from the file name, else a content hash")
    id_source: str = Field(description="`file name` or `content`")
    slug: str = Field(index=True, unique=True)
    source_file: str = Field(description="File name as loaded")
    source_path: str
    source_sha256: str = Field(index=True, description="SHA-256 of the raw bytes")
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
    removed_lines: list[dict[str, Any]] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))

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
