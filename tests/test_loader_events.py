"""Events made at load time: the reports of one contact grouped across languages, the hard
cases kept apart, dates inferred from linked reports (never against a report's own text),
and event ids that survive a second load. Fixtures: tests/data/events/ (our own texts)."""

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.loader.events import Report, date_events, group
from app.loader.pipeline import load
from tests.conftest import make_settings

FIXTURES = Path(__file__).parent / "data" / "events"


def _events(data_dir: Path) -> tuple[dict[str, set[str]], dict[str, str | None], dict[str, list[str]]]:
    """Per fixture file: the events it is in, its inferred date, its date evidence (as file names)."""
    db = sqlite3.connect(f"file:{data_dir / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    names = {ident: Path(name).stem for ident, name in db.execute("SELECT id, source_file FROM article")}
    events: dict[str, set[str]] = {name: set() for name in names.values()}
    inferred: dict[str, str | None] = {}
    evidence: dict[str, list[str]] = {}
    for event_id, article_id, date, proof in db.execute(
        "SELECT event_id, article_id, inferred_date, date_evidence FROM event_report"
    ):
        events[names[article_id]].add(event_id)
        if date:
            inferred[names[article_id]] = date
            evidence[names[article_id]] = sorted(names[i] for i in json.loads(proof))
    return events, inferred, evidence


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("events")
    corpus = root / "corpus"
    shutil.copytree(FIXTURES, corpus)
    data = root / "data"
    report = load([corpus], make_settings(data))
    assert report.exit_code == 0, report.summary()
    return corpus, data


def same(events: dict[str, set[str]], a: str, b: str) -> bool:
    return bool(events[a] & events[b])


def test_one_call_reported_in_three_languages_is_one_event(loaded: tuple[Path, Path]) -> None:
    events, _, _ = _events(loaded[1])
    assert same(events, "en-call-march", "ru-call-march")
    assert same(events, "en-call-march", "kk-call-march-undated")


def test_two_calls_a_month_apart_are_two_events(loaded: tuple[Path, Path]) -> None:
    events, _, _ = _events(loaded[1])
    assert not same(events, "en-call-march", "en-call-april")
    assert not same(events, "kk-call-march-undated", "en-call-april")


def test_a_call_and_a_meeting_in_one_week_are_two_events(loaded: tuple[Path, Path]) -> None:
    events, _, _ = _events(loaded[1])
    assert not same(events, "ru-call-march", "ru-meeting-march")
    assert not same(events, "en-call-march", "ru-meeting-march")


def test_a_summit_round_up_reports_the_meeting_it_shares_with_another_report(
    loaded: tuple[Path, Path],
) -> None:
    events, _, _ = _events(loaded[1])
    assert same(events, "en-roundup-summit", "ru-mirziyoyev-summit")
    # The round-up names other meetings too, which the Uzbek report does not.
    assert len(events["en-roundup-summit"]) >= 1
    assert not same(events, "en-roundup-summit", "en-call-march")


def test_an_undated_report_takes_the_date_of_its_event_with_evidence(loaded: tuple[Path, Path]) -> None:
    _, inferred, evidence = _events(loaded[1])
    assert inferred["kk-call-march-undated"] == "2025-03-03"
    assert evidence["kk-call-march-undated"] == ["en-call-march", "ru-call-march"]
    # Dated reports keep their own date: nothing is inferred for them.
    assert "en-call-march" not in inferred


def test_a_report_is_never_given_a_date_its_text_contradicts(loaded: tuple[Path, Path]) -> None:
    events, inferred, _ = _events(loaded[1])
    # It is a report of the Dushanbe meeting, but it says "11 October" without a year: the
    # event's 9 October is not given to it.
    assert same(events, "kk-mirziyoyev-undated-contradicts", "ru-mirziyoyev-summit")
    assert "kk-mirziyoyev-undated-contradicts" not in inferred


def test_event_ids_are_stable_across_loads(loaded: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, _ = loaded
    data = tmp_path / "data"
    settings = make_settings(data)
    load([corpus], settings)
    first, _, _ = _events(data)
    # A second load that adds an unrelated report leaves the other events' ids as they were.
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "en-other.txt").write_text(
        "Kazakh foreign minister meets Japanese ambassador\n\n"
        "ASTANA, May 5, 2025. Foreign Minister Murat Nurtleu received the Ambassador of Japan.\n",
        encoding="utf-8",
    )
    load([corpus, extra], settings)
    second, _, _ = _events(data)
    assert {k: v for k, v in second.items() if k != "en-other"} == first


def _report(
    ident: str, day: int | None, numbers: set[str], kinds: set[str] = frozenset({"phone_call"})
) -> Report:

    return Report(
        id=ident,
        language="en",
        date=dt.date(2025, 3, day) if day else None,
        month_day=None,
        kinds=frozenset({"phone_call"}),
        leaders=(("kassym-jomart-tokayev", 5.0), ("vladimir-putin", 4.0)),
        affiliations={},
        countries=frozenset({"KZ", "RU"}),
        organisations=frozenset(),
        numbers=frozenset(numbers),
    )


def test_an_undated_report_equally_close_to_two_calls_gets_no_date() -> None:
    """Pure: two dated calls of the same presidents and an undated report that could be
    either: it may join one, but it is never given a date it cannot be sure of."""
    reports = [_report("a", 3, {"25"}), _report("b", 20, {"25"}), _report("u", None, {"25"})]
    events = group(reports)
    assert not any({"a", "b"} <= set(e.reports) for e in events)
    assert [d.report for d in date_events(events, reports)] == []


def test_every_link_says_why() -> None:
    reports = [_report("a", 3, {"25", "80"}), _report("b", 3, {"25", "80"})]
    (event,) = group(reports)
    assert event.reports == ["a", "b"]
    assert any("same participants" in r and "dates within" in r for r in event.reasons["b"])
