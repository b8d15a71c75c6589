"""A load changing one report reads whole only the stored reports it reaches: of the others
of its pairs it reads what `Reach` needs (events.py `Member`, stored beside each key), so a
frequent pair's thousands of reports are not rebuilt for one change. Counted, not timed."""

import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from app.loader import event_store
from app.loader.events import Event, Key, Report
from app.loader.pipeline import load
from bench.corpus import write_corpus
from tests.conftest import make_settings
from tests.test_events_incremental import _rows


def _move_a_russian_report(paths: list[Path]) -> Path:
    """A dated Russian report moved to another day of its month."""
    russian = next(
        p for p in paths if "АСТАНА, " in (t := p.read_text(encoding="utf-8")) and "date " not in t
    )
    text = russian.read_text(encoding="utf-8")
    day = int(re.search(r"АСТАНА, (\d+) ", text).group(1))  # type: ignore[union-attr]
    russian.write_text(text.replace(f"АСТАНА, {day} ", f"АСТАНА, {day % 28 + 1} "), encoding="utf-8")
    return russian


def _pair_members(data: Path, name: str) -> tuple[str, set[str]]:
    """The id of the article from file `name`, and the articles sharing a key with it."""
    db = sqlite3.connect(f"file:{data / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    (ident,) = [i for i, f in db.execute("SELECT id, source_file FROM article") if Path(f).stem == name]
    keys = list(db.execute("SELECT article_id, first, second FROM article_event_key"))
    db.close()
    theirs = {(f, s) for a, f, s in keys if a == ident}
    return ident, {a for a, f, s in keys if (f, s) in theirs} - {ident}


def test_a_changed_report_reads_whole_only_the_stored_reports_it_reaches(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 300)
    data = tmp_path / "data"
    settings = make_settings(data)
    assert load([corpus], settings).exit_code == 0
    whole: list[str] = []
    grouped: set[str] = set()
    read, real = event_store.report_from, event_store.group

    def reading(ident: str, stored: dict[str, object]) -> Report | None:
        whole.append(ident)
        return read(ident, stored)

    def grouping(reports: list[Report], counts: Callable[[Key], Counter[int]] | None = None) -> list[Event]:
        grouped.update(r.id for r in reports)
        return real(reports, counts)

    monkeypatch.setattr(event_store, "report_from", reading)
    monkeypatch.setattr(event_store, "group", grouping)
    moved = _move_a_russian_report(paths)
    load([corpus], settings)
    ident, pair = _pair_members(data, moved.stem)
    untouched = set(whole) - grouped - {ident}
    assert not untouched, f"{len(untouched)} stored reports read whole but not regrouped"
    assert len(set(whole) - {ident}) < len(pair) / 2, (len(whole), len(pair))
    fresh = tmp_path / "fresh"
    load([corpus], make_settings(fresh))
    assert _rows(data) == _rows(fresh)


def test_an_archive_stored_without_members_regroups_as_a_fresh_load_and_stores_them(tmp_path: Path) -> None:
    """An archive whose keys were stored before their members (an older build, migrated):
    the first load touching a pair reads its reports whole, as before, and stores their
    members for the next."""
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 300)
    data = tmp_path / "data"
    settings = make_settings(data)
    assert load([corpus], settings).exit_code == 0
    served = data / "current" / "archive.sqlite"
    with sqlite3.connect(served) as db:
        db.execute("UPDATE article_event_key SET reach = NULL")
    moved = _move_a_russian_report(paths)
    load([corpus], settings)
    fresh = tmp_path / "fresh"
    load([corpus], make_settings(fresh))
    assert _rows(data) == _rows(fresh)
    ident, pair = _pair_members(data, moved.stem)
    db = sqlite3.connect(f"file:{data / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    rows = list(db.execute("SELECT article_id, first, second, reach FROM article_event_key"))
    db.close()
    theirs = {(f, s) for a, f, s, _ in rows if a == ident}
    members = [(a, reach) for a, f, s, reach in rows if (f, s) in theirs]
    assert pair and len(members) == len(pair) + len(theirs)
    assert all(reach is not None for _, reach in members)
