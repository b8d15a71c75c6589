"""Settings for the loader and the web app, read from ARCHIVE_* environment variables."""

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Every setting has a default and a description; the README lists them all."""

    model_config = SettingsConfigDict(env_prefix="ARCHIVE_", env_file=".env", extra="ignore")

    data_dir: Path = Field(
        default=Path("data"),
        description="Where the archive lives: builds/<id>/ and the `current` link to the served one.",
    )
    seeds_dir: Path = Field(
        default=Path("seeds"),
        description="What `archive load` reads when it is given no path.",
    )
    tables_dir: Path | None = Field(
        default=None,
        description="Where loads keep the tables they derive from the data files (aliases, "
        "patterns, parsed rule files) for the next process, and the web app reads them: "
        "DATA_DIR/tables when unset. Archives of the same code may share one (each table is "
        "named by a hash of what it is made from).",
    )
    max_file_bytes: int = Field(
        default=5 * 1024 * 1024,
        gt=0,
        description="Raw files larger than this are refused, not read.",
    )
    keep_builds: int = Field(
        default=2,
        ge=2,
        description="How many finished builds to keep on disk, at least 2: the served one and the one "
        "served before it, which a running server may still be answering from.",
    )
    follow_outside_links: bool = Field(
        default=False,
        description="Load files that symbolic links inside a loaded folder point to outside the "
        "loaded folders (refused by name otherwise).",
    )
    load_workers: int = Field(
        default=0,
        ge=0,
        description="Processes that parse files in parallel during a load (0: one per CPU core).",
    )
    host: str = Field(default="127.0.0.1", description="Address `archive serve` listens on.")
    port: int = Field(default=8000, ge=0, le=65535, description="Port `archive serve` listens on.")
    workers: int = Field(
        default=0,
        ge=0,
        description="Uvicorn worker processes for `archive serve` (0: one per CPU core it may use, "
        "at most 4). Workers share the build's mapped files; each holds its own caches.",
    )
    threads: int = Field(
        default=2,
        ge=1,
        description="Request threads per worker, each with its own SQLite connection. Two let "
        "a slow request leave the worker answering; more only contend for its interpreter lock "
        "(10 clients on 2 cores, 10k articles: 2 threads 355-383 req/s, 8 threads 290-373).",
    )
    response_cache: int = Field(
        default=1024, ge=0, description="Whole answers kept per worker and build, by ETag (0: none)."
    )
    response_cache_mb: int = Field(
        default=32,
        ge=0,
        description="The most the whole answers kept per worker may weigh in all, in MB: long "
        "articles make large answers, and 1,024 of them would otherwise hold up to 512 MB.",
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000",
        description="The site's address as readers reach it, for the absolute links feeds need "
        "(never taken from a request's Host).",
    )
    allowed_hosts: str = Field(
        default="127.0.0.1,localhost,::1,testserver",
        description="Comma-separated Host names the site answers to (`*.example.org` for "
        "subdomains, `*` for any); any other Host gets a 400.",
    )
    max_header_bytes: int = Field(
        default=32 * 1024,
        ge=4096,
        description="Largest request line and headers `archive serve` reads, in bytes; more is a 431.",
    )
    header_timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds a client has to send a whole request (headers and any body) before "
        "`archive serve` closes the connection.",
    )
    send_timeout: float = Field(
        default=30.0,
        gt=0,
        description="Seconds `archive serve` waits for a client to read more of an answer before "
        "dropping the connection.",
    )
    keep_alive_timeout: int = Field(
        default=5, ge=1, description="Seconds an idle kept-alive connection stays open."
    )
    default_language: Literal["kk", "ru", "en"] = Field(
        default="en",
        description="Interface language (kk, ru or en) for a reader whose Accept-Language names "
        "none of the three; `/` and addresses without a language prefix redirect to it.",
    )
    limit_concurrency: int = Field(
        default=256,
        ge=1,
        description="Open connections per worker beyond which `archive serve` answers 503.",
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()


def tables_folder(settings: Settings) -> Path:
    """The folder of derived tables for these settings (`tables_dir`, else DATA_DIR/tables)."""
    return settings.tables_dir if settings.tables_dir is not None else settings.data_dir / "tables"
