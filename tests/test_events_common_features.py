"""Round 19 of the events (issue 14): a feature beyond the participants (a third country, a
number) tells one contact of a pair from another only when few of the pair's reports name it
(data/event_grouping.toml `feature_max_reports`; events.py `mark_rare`, `Report.beyond`). A
country named in a thousand of a pair's reports links none of them, and reaches none of them
when one changes (`Reach.few_features`): at 100k generated articles it had joined thousands
of reports into the part one changed report regroups. Decided from every report of the pair,
so a load crossing the bound regroups as a full grouping would: pure, and through the real
loader."""

import dataclasses
import datetime as dt
import random
import re
import sqlite3
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.loader import event_store, events
from app.loader.events import Event, Key, Report, date_events, distinctive, group, key_counts, reach
from app.loader.pipeline import load
from bench.corpus import write_corpus
from tests.conftest import make_settings
from tests.events_builders import PUTIN, TOKAYEV, report
from tests.test_events_incremental import _rows

KEY = (TOKAYEV, PUTIN)
DAY = dt.date(2025, 3, 3)


@pytest.fixture
def bound() -> Iterator[Callable[[int], None]]:
    """Set `feature_max_reports` for a test (the shipped bound is past what a test can hold)."""
    real = events.settings
    cached = real()

    def set_to(most: int) -> None:
        events.settings = lambda: dataclasses.replace(cached, feature_max_reports=most)  # type: ignore[assignment]

    yield set_to
    events.settings = real  # type: ignore[assignment]


def _call(ident: str, date: dt.date | None, countries: set[str], numbers: tuple[str, ...] = ()) -> Report:
    return report(ident, date=date, countries={"KZ", "RU", *countries}, numbers=numbers)


def _pair(others: int) -> list[Report]:
    """A dated call and an undated report of it naming Ukraine, and `others` calls of the pair
    months apart naming Ukraine too, each with numbers of its own (less like the undated one
    than the call of its days is)."""
    found = [_call("dated", DAY, {"UA"}), _call("undated", None, {"UA"})]
    for n in range(others):
        day = dt.date(2019, 1, 1) + dt.timedelta(days=40 * n)
        found.append(_call(f"other{n:02d}", day, {"UA"}, tuple(str(100 + 3 * n + k) for k in range(3))))
    return found


def _together(found: list[Event], a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in found)


def test_a_country_few_of_the_pair_s_reports_name_links_an_undated_report(
    bound: Callable[[int], None],
) -> None:
    """Ukraine named by three reports of the pair: the undated report joins the call it is
    clearly closest to through it."""
    bound(3)
    reports = _pair(1)
    found = group(reports)
    assert _together(found, "dated", "undated")
    assert distinctive(reports[0], reports[1], KEY) == 1.0


def test_a_country_most_of_the_pair_s_reports_name_links_none(bound: Callable[[int], None]) -> None:
    """Counterpart: Ukraine named by more than `feature_max_reports` reports of the pair tells
    none of their calls from another: shared with nothing else, the undated report joins none
    and takes no date."""
    bound(3)
    reports = _pair(2)
    found = group(reports)
    assert not _together(found, "dated", "undated")
    assert distinctive(reports[0], reports[1], KEY) == 0.0
    assert date_events(found, reports) == []


def test_the_shipped_bound_holds_every_pair_of_the_events_set() -> None:
    """The bound is past the reports any pair of the labelled set has (its largest pair has a
    few dozen), so the set's grouping is what it was; at 100k it cuts a thousand."""
    assert events.settings().feature_max_reports >= 50


def test_a_common_country_reaches_nothing(bound: Callable[[int], None]) -> None:
    """A changed report naming a country many of the pair's reports name does not reach them
    (the part it regroups stays its own), while one naming a country few name does."""
    bound(3)
    reports = _pair(6)
    by_key = {KEY: reports}
    changed = _call("undated", None, {"UA"})
    assert set(reach([changed], lambda key: by_key[key], changed={"undated"})) == {"undated"}
    few = [*reports[:1], _call("undated", None, {"UA"})]
    assert set(reach([few[1]], lambda key: {KEY: few}[key], changed={"undated"})) == {"dated", "undated"}


def _invented(rng: random.Random, n: int) -> list[Report]:
    """Calls of one pair over a year, half undated, each naming a few of six third countries
    and numbers at random: with a bound of 3, some countries are common and some rare."""
    found = []
    for i in range(n):
        dated = rng.random() < 0.5
        date = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365)) if dated else None
        countries = {c for c in ("UA", "CN", "TR", "DE", "FR", "IN") if rng.random() < 0.08}
        numbers = tuple(str(rng.randrange(10, 60)) for _ in range(rng.randrange(2)))
        found.append(_call(f"r{i:03d}", date, countries, numbers))
    return found


def _dated(found: list[Event], reports: list[Report]) -> dict[str, tuple[object, ...]]:
    inferred = {(d.event, d.report): (d.date, d.evidence) for d in date_events(found, reports)}
    return {
        e.id: (*dataclasses.astuple(e), sorted((r, v) for (ev, r), v in inferred.items() if ev == e.id))
        for e in found
    }


def _incremental(
    before: list[Report], after: list[Report], changed: set[str]
) -> dict[str, tuple[object, ...]]:
    """The events a load changing `changed` leaves, done as event_store.py does it: the events
    of the full grouping before it, less those holding a report the change reaches (`reach`,
    as it was and as it is; an event reached is regrouped whole), and the part grouped alone
    with the pair's counts after it."""
    was = _dated(group(before), before)
    index = {r.id: r for r in after}
    by_key: dict[Key, list[Report]] = {KEY: after}
    counts = {KEY: key_counts(KEY, after)}
    seeds = [r for r in [*before, *after] if r.id in changed]
    scope: dict[str, Report] = {}
    while seeds:
        scope |= reach(seeds, lambda key: by_key[key], changed=changed)
        touched = {i for row in was.values() if set(row[3]) & (scope.keys() | changed) for i in row[3]}
        seeds = [index[i] for i in sorted(touched - scope.keys() - changed) if i in index]
    part = sorted(scope.values(), key=lambda r: r.id)
    kept = {e: row for e, row in was.items() if not set(row[3]) & (scope.keys() | changed)}
    return kept | _dated(group(part, counts.__getitem__), part)


def test_a_country_made_common_by_a_report_far_away_regroups_the_reports_naming_it(
    bound: Callable[[int], None],
) -> None:
    """Pure: the undated report joins the call through Ukraine (three reports name it); a load
    adds Ukraine to a call of the pair a year later, which touches neither by its day: the
    country is common now, the undated report is apart, and the load regroups it."""
    bound(3)
    before = [*_pair(1), _call("later", DAY + dt.timedelta(days=365), set(), ("77", "78", "79"))]
    assert _together(group(before), "dated", "undated")
    after = [*before[:-1], _call("later", DAY + dt.timedelta(days=365), {"UA"}, ("77", "78", "79"))]
    whole = _dated(group(after), after)
    assert not any({"dated", "undated"} <= set(row[3]) for row in whole.values())
    assert _incremental(before, after, {"later"}) == whole


@pytest.mark.parametrize("seed", range(8))
def test_a_change_crossing_the_bound_regroups_as_the_whole(bound: Callable[[int], None], seed: int) -> None:
    """Pure: a report gaining or losing a third country moves its count across the bound (3),
    and with it every report naming it from compared to not, or back. The events a load of
    the change leaves (`_incremental`) are those a grouping of every report gives."""
    bound(3)
    rng = random.Random(seed)
    before = _invented(rng, 40)
    crossed = 0
    for n, old in enumerate(before):
        country = rng.choice(("UA", "CN", "TR"))
        new = dataclasses.replace(old, countries=frozenset(set(old.countries) ^ {country}))
        after = [*before[:n], new, *before[n + 1 :]]
        crossed += sum(1 for r in after if country in r.countries) in (3, 4)
        assert _incremental(before, after, {old.id}) == _dated(group(after), after), (n, country)
    assert crossed  # the bound was crossed, both ways, many times


def test_loading_a_report_that_makes_a_country_common_regroups_as_a_fresh_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bound: Callable[[int], None]
) -> None:
    """Through the real loader, with a bound of 2: two generated undated Kazakh reports of one
    pair name Afghanistan, a later load adds it to a third report of the pair (the country
    becomes common: the two first are not changed but compared otherwise), and a load taking it
    out again; each time the archive's events are a fresh load's."""
    bound(2)
    monkeypatch.setattr(event_store, "settings", events.settings)
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 200)
    texts = {p: p.read_text(encoding="utf-8") for p in paths}
    pair = re.compile(r"Тоқаев\S* Ресей Президенті Владимир Путинмен телефон арқылы")
    kazakh = [p for p, t in texts.items() if pair.search(t) and "date " not in t]
    assert len(kazakh) >= 3
    note = "Тараптар Ауғанстандағы жағдайды талқылады.\n"
    for path in kazakh[:2]:
        path.write_text(texts[path] + note, encoding="utf-8")
    data = tmp_path / "data"
    settings = make_settings(data)
    assert load([corpus], settings).exit_code == 0
    kazakh[2].write_text(texts[kazakh[2]] + note, encoding="utf-8")
    together = _linked(data, kazakh[0], kazakh[1])
    load([corpus], settings)
    assert _rows(data) == _rows(_fresh(tmp_path / "fresh", corpus))
    # The two first were compared through the country, and are not once it is common.
    assert together and not _linked(data, kazakh[0], kazakh[1])
    kazakh[2].write_text(texts[kazakh[2]], encoding="utf-8")
    load([corpus], settings)
    assert _rows(data) == _rows(_fresh(tmp_path / "again", corpus))
    assert _linked(data, kazakh[0], kazakh[1])


def _fresh(data: Path, corpus: Path) -> Path:
    load([corpus], make_settings(data))
    return data


def _linked(data: Path, a: Path, b: Path) -> bool:
    """Whether the reports of files `a` and `b` share an event."""
    events_of: dict[str, set[str]] = {}
    db = sqlite3.connect(f"file:{data / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    names = {ident: Path(name).stem for ident, name in db.execute("SELECT id, source_file FROM article")}
    for event, article in db.execute("SELECT event_id, article_id FROM event_report"):
        events_of.setdefault(names[article], set()).add(event)
    db.close()
    return bool(events_of.get(a.stem, set()) & events_of.get(b.stem, set()))


def test_counts_name_features_and_runs_of_the_key() -> None:
    """`key_counts` counts the runs each report holds and the features outside the key's own:
    the two presidents and their countries are in every report and counted in none."""
    a = _call("a", DAY, {"UA"}, ("25",))
    b = _call("b", None, {"UA", "CN"})
    counted: Counter[int | str] = key_counts(KEY, [a, b])
    assert counted["c:UA"] == 2 and counted["c:CN"] == 1 and counted["n:25"] == 1
    assert counted["c:KZ"] == 0 and counted[f"l:{TOKAYEV}"] == 0
