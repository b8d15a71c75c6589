"""The first grouping of a build (issue 14): it reads the articles in bounded batches, only
those naming a leader, and only the head of each body, and groups exactly as one read of
everything would. Fixtures: tests/data/events/ (our own texts) and one long article."""

import gc
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import Session, SQLModel, create_engine

from app.loader import event_store, events
from app.loader.events import Key, Link, Report
from app.loader.pipeline import load
from tests.conftest import make_settings

FIXTURES = Path(__file__).parent / "data" / "events"


def _rows(data_dir: Path) -> set[tuple[str, str, str, str | None]]:
    db = sqlite3.connect(f"file:{data_dir / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    return set(db.execute("SELECT event_id, article_id, reasons, inferred_date FROM event_report"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("first-grouping") / "corpus"
    shutil.copytree(FIXTURES, root)
    # An article naming no leader at all, and one whose body runs far past the head the
    # grouping reads: a number at its very end is none of the report's.
    (root / "en-weather.txt").write_text(
        "Snow expected in the capital\n\nJune 2, 2025\n\nForecasters expect heavy snow.\n",
        encoding="utf-8",
    )
    (root / "en-long-call.txt").write_text(
        "Tokayev and Erdogan talk by phone\n\nJune 2, 2025\n\n"
        "President Kassym-Jomart Tokayev held a telephone conversation with President of "
        "Türkiye Recep Tayyip Erdoğan.\n\n"
        + "".join(
            f"The presidents discussed {a} and {b} at length.\n\n"
            for a in ("trade", "transport", "energy", "water", "culture", "science", "tourism", "grain")
            for b in ("banking", "railways", "pipelines", "schools", "hospitals", "farming", "mining")
        )
        + "Trade reached 7777 million dollars.\n",
        encoding="utf-8",
    )
    return root


def test_the_first_grouping_reads_bounded_batches_of_articles_naming_a_leader(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    whole = tmp_path / "whole"
    load([corpus], make_settings(whole))
    read: list[set[str] | None] = []
    real = event_store.read_reports

    def spy(session: Session, ids: set[str] | None = None, text: bool = True) -> list[Report]:
        read.append(ids)
        return real(session, ids, text)

    monkeypatch.setattr(event_store, "read_reports", spy)
    monkeypatch.setattr(event_store, "BATCH", 3)
    batched = tmp_path / "batched"
    load([corpus], make_settings(batched))
    assert read and all(ids is not None and len(ids) <= 3 for ids in read)
    db = sqlite3.connect(f"file:{batched / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    (weather,) = [i for (i, name) in db.execute("SELECT id, source_file FROM article") if "weather" in name]
    assert all(weather not in ids for ids in read if ids is not None)
    assert len(read) >= 3
    assert _rows(batched) == _rows(whole)


def test_a_report_is_read_from_the_head_of_its_text(corpus: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    load([corpus], make_settings(data))
    engine = create_engine(f"sqlite:///{data / 'current' / 'archive.sqlite'}")
    with Session(engine) as session:
        reports = event_store.contact_reports(session)
    (long_call,) = [r for r in reports if r.leaders and "recep-tayyip-erdogan" in dict(r.leaders)]
    assert "7777" not in long_call.numbers
    assert len(reports) == len({r.id for r in reports})


def test_the_first_grouping_writes_its_rows_batch_by_batch(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: a first grouping writes each batch's report and key rows as it reads the
    batch, and the event rows a chunk of events at a time: it never holds every row at once
    (at 100k articles they and the reports they were made of peaked the load's memory)."""
    whole = tmp_path / "whole"
    load([corpus], make_settings(whole))
    written: list[tuple[str, int]] = []
    real = event_store._write

    def spy(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
        written.append((model.__tablename__, len(rows)))  # type: ignore[arg-type]
        real(session, model, rows)

    monkeypatch.setattr(event_store, "_write", spy)
    monkeypatch.setattr(event_store, "BATCH", 3)
    monkeypatch.setattr(event_store, "CHUNK", 2)
    batched = tmp_path / "batched"
    load([corpus], make_settings(batched))
    sizes = {table: [n for t, n in written if t == table] for table, _ in written}
    assert len(sizes["article_event_report"]) >= 3 and max(sizes["article_event_report"]) <= 3
    assert len(sizes["article_event_key"]) >= 3
    assert len(sizes["event"]) >= 3 and max(sizes["event"]) <= 2
    assert sum(sizes["event_report"]) == len(_rows(whole))
    assert _rows(batched) == _rows(whole)


def test_the_grouping_makes_the_links_of_one_key_at_a_time(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: the candidate links (a million at 100k articles) are made key by key as the
    grouping goes: when a key is grouped, the only links alive are its own."""
    data = tmp_path / "data"
    load([corpus], make_settings(data))
    engine = create_engine(f"sqlite:///{data / 'current' / 'archive.sqlite'}")
    with Session(engine) as session:
        reports = event_store.contact_reports(session)
    seen: list[tuple[int, int]] = []
    real = events._group_key

    def spy(key: Key, ids: list[str], links: list[Link], index: dict[str, Report]) -> Any:
        seen.append((len(links), sum(isinstance(o, Link) for o in gc.get_objects())))
        return real(key, ids, links, index)

    monkeypatch.setattr(events, "_group_key", spy)
    made = events.group(reports)
    assert made and sum(1 for own, _ in seen if own) >= 2
    assert all(alive == own for own, alive in seen)
