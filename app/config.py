"""Settings for the loader and the web app, read from ARCHIVE_* environment variables."""

from functools import lru_cache
from pathlib import Path

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
    max_file_bytes: int = Field(
        default=5 * 1024 * 1024,
        description="Raw files larger than this are refused, not read.",
    )
    keep_builds: int = Field(
        default=2,
        description="How many finished builds to keep on disk (the served one included).",
    )
    load_workers: int = Field(
        default=0,
        description="Processes that parse files in parallel during a load (0: one per CPU core).",
    )
    host: str = Field(default="127.0.0.1", description="Address `archive serve` listens on.")
    port: int = Field(default=8000, description="Port `archive serve` listens on.")
    workers: int = Field(default=1, description="Uvicorn worker processes for `archive serve`.")
    threads: int = Field(default=8, description="Request threads per worker (each holds a searcher).")
    response_cache: int = Field(
        default=1024, ge=0, description="Whole answers kept per worker and build, by ETag (0: none)."
    )


@lru_cache
def get_settings() -> Settings:
    return Settings()
