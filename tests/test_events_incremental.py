"""A load changing one report regroups only the part of its contacts it can touch
(app/loader/events.py `reach`), and gets the events a load from scratch gets: on invented
reports (pure), and through the real loader on generated articles."""

import dataclasses
import datetime as dt
import random
import re
import sqlite3
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest

from app.loader import event_store
from app.loader.events import Event, Key, Report, date_events, group, reach
from app.loader.pipeline import load
from bench.corpus import write_corpus
from tests.conftest import make_settings
from tests.events_builders import NAZARBAYEV, PUTIN, TOKAYEV
from tests.events_builders import report as make_report

PAIR = (("kassym-jomart-tokayev", 5.0), ("vladimir-putin", 4.0))


def _report(
    ident: str,
    date: dt.date | None,
    numbers: set[str] = frozenset(),  # type: ignore[assignment]
    countries: set[str] = frozenset(),  # type: ignore[assignment]
    kind: str = "phone_call",
    month_day: tuple[int, int] | None = None,
) -> Report:
    return make_report(
        ident,
        date=date,
        month_day=month_day,
        kinds={kind},
        leaders=PAIR,
        countries={"KZ", "RU", *countries},
        numbers=numbers,
        headline_kinds=(),
    )


def _of(reports: list[Report]) -> "dict[Key, list[Report]]":
    by_key: dict[Key, list[Report]] = {}
    for r in reports:
        for key in r.keys:
            by_key.setdefault(key, []).append(r)
    return by_key


def test_a_change_reaches_the_reports_within_its_window_and_those_sharing_with_an_undated_one() -> None:
    """Pure: a call of 3 March touches the call of 4 March (one window), not the calls of
    20 March or of the next year; an undated report naming Ukraine touches the dated call
    that names it too, wherever it is in time, and not the undated report naming nothing."""
    day = dt.date(2025, 3, 3)
    reports = [
        _report("a", day),
        _report("b", day + dt.timedelta(days=1)),
        _report("c", dt.date(2025, 3, 20), countries={"UA"}),
        _report("d", dt.date(2026, 1, 1)),
        _report("u", None, countries={"UA"}),
        _report("v", None),
    ]
    by_key = _of(reports)
    assert set(reach([reports[0]], lambda key: by_key[key])) == {"a", "b"}
    assert set(reach([reports[4]], lambda key: by_key[key])) == {"u", "c"}
    assert set(reach([reports[5]], lambda key: by_key[key])) == {"v"}
    # Moved to 19 March, the call of 3 March (as it was and as it is) touches both sides.
    moved = dataclasses.replace(reports[0], date=dt.date(2025, 3, 19))
    now = [moved, *reports[1:]]
    by_key = _of(now)
    assert set(reach([reports[0], moved], lambda key: by_key[key])) == {"a", "b", "c", "u"}


def _invented(rng: random.Random, n: int, days: int = 28, guests: bool = False) -> list[Report]:
    """Calls and meetings of one pair over eight months, a third of them undated (some stating
    their day, among the first `days` of a month: few days, many undated reports stating one
    day), sharing numbers and a third country at random. With `guests`, some undated reports
    name Putin alone in Astana (guests of his contacts with Tokayev and with Nazarbayev:
    `guest_keys`), and some dated ones are meetings of Putin and Nazarbayev."""
    reports = []
    for i in range(n):
        dated = rng.random() < 0.65
        date = dt.date(2025, 3, 1) + dt.timedelta(days=rng.randrange(240)) if dated else None
        stated = None if dated or rng.random() < 0.6 else (rng.randrange(3, 11), rng.randrange(1, days + 1))
        numbers = {str(rng.randrange(10, 40)) for _ in range(rng.randrange(3))}
        if guests and rng.random() < 0.3:
            reports.append(
                make_report(
                    f"r{i:03d}",
                    date=date,
                    kinds={"meeting"},
                    leaders=((PUTIN, 5.0),) if date is None else ((NAZARBAYEV, 5.0), (PUTIN, 4.0)),
                    affiliations={PUTIN: "RU", NAZARBAYEV: "KZ"},
                    countries={"KZ", "RU"},
                    numbers=numbers,
                    places={"astana"},
                    counterparts=(TOKAYEV, NAZARBAYEV) if date is None else (),
                )
            )
            continue
        reports.append(
            _report(
                f"r{i:03d}",
                date,
                numbers=numbers,
                countries={c for c in ("UA", "CN") if rng.random() < 0.1},
                kind=rng.choice(["phone_call", "phone_call", "meeting"]),
                month_day=stated,
            )
        )
    return reports


def _dated(events: list[Event], reports: list[Report]) -> dict[str, tuple[object, ...]]:
    """Every event, as written: its fields and the dates inferred for its reports."""
    inferred = {(d.event, d.report): (d.date, d.evidence) for d in date_events(events, reports)}
    return {
        e.id: (*dataclasses.astuple(e), sorted((r, v) for (ev, r), v in inferred.items() if ev == e.id))
        for e in events
    }


@pytest.mark.parametrize(
    ("seed", "days", "guests"),
    [(seed, 28, False) for seed in range(6)]
    + [(seed, 3, False) for seed in range(4)]
    + [(seed, 28, True) for seed in range(4)],
)
def test_the_part_a_report_reaches_groups_alone_as_in_the_whole(seed: int, days: int, guests: bool) -> None:
    """Pure, on generated reports: for each report, grouping only what it reaches gives the
    events (members, kind, reasons, dates) that grouping every report gives them; with stated
    days crowded on three days of a month too, where undated reports stating one day are
    linked by it (`same_stated_day`); and with guests of two candidate keys (`guest_keys`)."""
    rng = random.Random(seed)
    reports = _invented(rng, 60, days, guests)
    whole = _dated(group(reports), reports)
    by_key = _of(reports)
    sizes = []
    for report in reports:
        scope = reach([report], lambda key: by_key[key])
        part = sorted(scope.values(), key=lambda r: r.id)
        alone = _dated(group(part), part)
        assert alone == {e: row for e, row in whole.items() if set(row[3]) & scope.keys()}
        sizes.append(len(scope))
    # The part is a part: some report reaches less than every report of the pair.
    assert min(sizes) < len(reports)


def _rows(data_dir: Path) -> tuple[set[tuple[object, ...]], set[tuple[object, ...]]]:
    """The event and event_report tables, article ids as file names."""
    db = sqlite3.connect(f"file:{data_dir / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    names = {ident: Path(name).stem for ident, name in db.execute("SELECT id, source_file FROM article")}
    events = set(db.execute("SELECT * FROM event"))
    reports = {
        (event, names[article], reasons, date, str(sorted(names[i] for i in re.findall(r"\w{16}", proof))))
        for event, article, reasons, date, proof in db.execute(
            "SELECT event_id, article_id, reasons, inferred_date, date_evidence FROM event_report"
        )
    }
    db.close()
    return events, reports


def test_loading_one_changed_generated_article_regroups_its_part_as_a_full_load_would(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Through the real loader, on the bench's generated corpus: a Russian report moved to
    another day and a Kazakh (undated) report rewritten are regrouped with the few reports
    they can touch, not their whole pairs, and the archive's events are a fresh load's."""
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 300)
    data = tmp_path / "data"
    settings = make_settings(data)
    assert load([corpus], settings).exit_code == 0
    sizes: list[int] = []
    real = event_store.group

    def spy(reports: list[Report], counts: Callable[[Key], Counter[int]] | None = None) -> list[Event]:
        sizes.append(len(reports))
        return real(reports, counts)

    monkeypatch.setattr(event_store, "group", spy)
    texts = {p: p.read_text(encoding="utf-8") for p in paths}
    russian = next(p for p, t in texts.items() if "АСТАНА, " in t and "date " not in t)
    text = russian.read_text(encoding="utf-8")
    day = int(re.search(r"АСТАНА, (\d+) ", text).group(1))  # type: ignore[union-attr]
    russian.write_text(text.replace(f"АСТАНА, {day} ", f"АСТАНА, {day % 28 + 1} "), encoding="utf-8")
    kazakh = next(p for p in paths if "телефон арқылы" in p.read_text(encoding="utf-8"))
    kazakh.write_text(kazakh.read_text(encoding="utf-8") + "Тараптар энергетика мәселесін талқылады.\n")
    load([corpus], settings)
    (regrouped,) = sizes
    fresh = tmp_path / "fresh"
    load([corpus], make_settings(fresh))
    assert _rows(data) == _rows(fresh)
    # Fewer reports than the two changed reports' pairs hold: a part of them, not every one.
    db = sqlite3.connect(f"file:{data / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    names = {ident: Path(name).stem for ident, name in db.execute("SELECT id, source_file FROM article")}
    keys = list(db.execute("SELECT article_id, first, second FROM article_event_key"))
    db.close()
    theirs = {(f, s) for a, f, s in keys if names[a] in (russian.stem, kazakh.stem)}
    pairs = {a for a, f, s in keys if (f, s) in theirs}
    assert 1 <= regrouped < len(pairs) / 2, (regrouped, len(pairs))
