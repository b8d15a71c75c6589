"""Fixtures: an archive built from seeds/ by the real loader once per run, opened read-only."""

import json
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import httpx
import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser, sync_playwright

from app.build import layout as builds
from app.build.archive import Archive, open_archive
from app.build.spare import wait_for_spares
from app.config import Settings
from app.loader.pipeline import LoadReport, load
from app.main import create_app
from bench.corpus import write_corpus

if TYPE_CHECKING:
    from app.models import Article

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Every archive of the suite, in this process or another, shares one folder of the tables
# loads derive from the data files (ARCHIVE_TABLES_DIR): a load in a fresh process built them
# again for each new data folder, 1.3 of the 6 s of CPU a fresh load of the seeds costs.
# Each table is named by a hash of what it is made from, so a folder left by another run of
# other code is never read wrong. Tests of the tables kept in a data folder unset it
# (`own_tables`).
SHARED_TABLES = Path(tempfile.gettempdir()) / f"press-archive-test-tables-{os.getuid()}"
os.environ.setdefault("ARCHIVE_TABLES_DIR", str(SHARED_TABLES))


def own_tables() -> dict[str, str]:
    """The environment for a process whose archive keeps its tables in its own data folder."""
    return {k: v for k, v in os.environ.items() if k != "ARCHIVE_TABLES_DIR"}


SEEDS_DIR = PROJECT_ROOT / "seeds"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SEED_IDS = {
    "000": "0850c73b636fa0ad",
    "001": "79748dd0cfb8815e",
    "002": "cf854c5743a0f1ee",
    "003": "2496c4a878802486",
    "004": "4e61c8ae04ec0d81",
}


# The files that take 20 s of CPU or more (per-file CPU of a whole run, most first), handed
# out first: pytest-xdist gives each process whole files in collection order (make test
# turns off its reordering by number of tests, which put the container's four tests last,
# to run alone while the other process had finished).
HEAVY_FIRST = (
    "test_container.py",
    "test_load_faults.py",
    "test_cli_serve.py",
    "test_large_articles.py",
    "test_search_fast_paths.py",
    "test_api_fuzz.py",
    "test_entities_fast_paths.py",
    "test_reload_while_serving.py",
    "test_hostile_requests.py",
    "test_loader_robustness.py",
    "test_events_members.py",
    "test_events_common_features.py",
    "test_browser_i18n.py",
    "test_event_adds.py",
    "test_load_mutations.py",
    "test_loader_repeated_lines.py",
    "test_events_incremental.py",
    "test_loader_pipeline.py",
    "test_cli.py",
    "test_search_columns.py",
    "test_browser.py",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The heavy files first, each file's tests kept together and in order (a stable sort)."""
    rank = {name: i for i, name in enumerate(HEAVY_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))


def probe_load(probe: str, data: Path, article: Path, env: dict[str, str] | None = None) -> Any:
    """Run `probe` (a script that loads argv[2] into the data folder argv[1] and prints JSON
    as its last line) in a fresh process, as `archive load` runs: that JSON."""
    done = subprocess.run(
        [sys.executable, "-c", probe, str(data), str(article)],
        check=True,
        capture_output=True,
        text=True,
        cwd=PROJECT_ROOT,
        env=env,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def seed_path(number: str) -> Path:
    return SEEDS_DIR / f"{number}_{SEED_IDS[number]}.txt"


def seed_text(number: str) -> str:
    return seed_path(number).read_text(encoding="utf-8")


def articles_in(data_dir: Path) -> dict[str, "Article"]:
    """Every article of the served build, read from its SQLite file."""
    from sqlmodel import Session, create_engine, select

    from app.build import layout as builds
    from app.models import Article

    build = builds.current_build(data_dir)
    assert build is not None
    engine = create_engine(f"sqlite:///file:{build / builds.DB_NAME}?mode=ro&uri=true")
    with Session(engine) as session:
        rows = {a.id: a for a in session.exec(select(Article)).all()}
    engine.dispose()
    return rows


def served_search(data_dir: Path, text: str) -> list[str]:
    """Ids the search box's query finds in the served build's index."""
    from whoosh import index as whoosh_index

    from app.build import layout as builds

    build = builds.current_build(data_dir)
    assert build is not None
    return search_ids(whoosh_index.open_dir(str(build / builds.INDEX_NAME)), text)[0]


def search_ids(ix, text: str, limit: int = 50) -> tuple[list[str], int]:  # type: ignore[no-untyped-def]
    """The Whoosh query the search box builds, run on the index alone: ids and total."""
    from app.search.engine import build_query

    query = build_query(text)
    if query is None:
        return [], 0
    with ix.searcher() as searcher:
        results = searcher.search(query, limit=limit)
        return [hit["id"] for hit in results], len(results)


def event_rows(data_dir: Path) -> dict[str, frozenset[str]]:
    """The served archive's events: event id -> the file names (stems) of its reports."""
    db = sqlite3.connect(f"file:{data_dir / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    names = {ident: Path(name).stem for ident, name in db.execute("SELECT id, source_file FROM article")}
    rows: dict[str, set[str]] = {}
    for event_id, article_id in db.execute("SELECT event_id, article_id FROM event_report"):
        rows.setdefault(event_id, set()).add(names[article_id])
    db.close()
    return {k: frozenset(v) for k, v in rows.items()}


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    """Settings for a test archive. Whole-answer caching is off unless a test turns it on:
    tests read the template context of HTML answers, which a replayed answer lacks
    (tests/test_response_cache.py covers the cache itself)."""
    return Settings(data_dir=data_dir, seeds_dir=SEEDS_DIR, **{"response_cache": 0, **overrides})


def load_generated(corpus: Path, count: int) -> tuple[Settings, list[Path]]:
    """`count` generated articles and the seeds, written to `corpus` (beside what is there)
    and loaded into `data` beside it: the archive the search tests read. The generated
    articles' paths come back for tests that edit them."""
    paths = write_corpus(corpus, count)
    for seed in SEEDS_DIR.iterdir():
        shutil.copy(seed, corpus)
    settings = make_settings(corpus.parent / "data")
    assert load([corpus], settings).published
    return settings, paths


def warmed_up(client: TestClient) -> None:
    """Wait for the app's warm-up (app.main: it asks for a results page in every language
    and a JSON search), then forget the whole answers it left: a test that counts the
    searches or answers of its own requests would count the warm-up's too."""
    for thread in threading.enumerate():
        if thread.name == "warm-up":
            thread.join(timeout=120)
    archive = client.app.state.registry.get()  # type: ignore[attr-defined]
    if archive is not None:
        archive.responses._entries.clear()


def served_archive(data_dir: Path) -> Archive:
    """The build the data directory serves, opened (there must be one)."""
    build = builds.current_build(data_dir)
    assert build is not None, f"no build is served in {data_dir}"
    return open_archive(build)


@pytest.fixture(scope="session", autouse=True)
def copies_ahead_end() -> Iterator[None]:
    """Loads leave a process copying their build's database ahead (app/build/spare.py): the
    session waits for the last ones, rather than leave them running as it exits."""
    yield
    wait_for_spares(timeout=60)


@pytest.fixture(scope="session")
def seed_archive(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, LoadReport]:
    settings = make_settings(tmp_path_factory.mktemp("archive") / "data")
    report = load([SEEDS_DIR], settings)
    assert report.published, report.summary()
    return settings, report


@pytest.fixture(scope="session")
def client(seed_archive: tuple[Settings, LoadReport]) -> Iterator[TestClient]:
    settings, _ = seed_archive
    with TestClient(create_app(settings)) as test_client:
        yield test_client


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 60.0) -> None:
    """Until the server answers (60 s: a server that had logged its start still had not
    answered after 30 s on a machine at load average 15)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early: {process.stdout.read() if process.stdout else ''}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"server did not answer within {seconds}s")


@contextmanager
def serving(data_dir: Path, **settings: str) -> Iterator[str]:
    """`archive serve` under a real uvicorn on 127.0.0.1 for the archive in `data_dir`,
    with any other settings given by name (`header_timeout="1"`)."""
    port = free_port()
    overrides = {f"ARCHIVE_{name.upper()}": value for name, value in settings.items()}
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(data_dir), **overrides}
    # The server's log goes to a file, not a pipe: nobody reads a pipe until the end, and
    # once its 64 KiB buffer of access log is full the server blocks and stops answering.
    with tempfile.TemporaryFile(mode="w+", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            text=True,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            try:
                wait_until_up(f"{base}/healthz", process)
            except AssertionError as exc:
                log.seek(0)
                raise AssertionError(f"{exc}\n{log.read()[-3000:]}") from None
            yield base
        finally:
            process.terminate()
            process.wait(timeout=10)


@pytest.fixture(scope="session")
def live_server(seed_archive: tuple[Settings, LoadReport]) -> Iterator[str]:
    """The seed archive, served."""
    with serving(seed_archive[0].data_dir) as base:
        yield base


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's headless Chromium through Playwright (no browser download)."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield instance
        finally:
            instance.close()
