"""Round 20 of the events (issue 14): an undated report that overlaps little with the dated
reports of its contact (a call told from the Kremlin's side and from Akorda's names different
subjects and figures) joins the one dated event of its pair and kind near it when it shares
with it what tells it from the pair's other contacts (a third country and an organisation:
`min_distinctive_alone`), and joins none when a second dated contact of that kind is near it,
when it shares less, or when it is of another kind (events.py `_only_candidate`). Invented
reports (kk, ru, en); pure, and a load adding or removing a report regroups as a full
grouping does."""

import dataclasses
import datetime as dt
import random

from app.i18n.evidence import link_reason
from app.loader.events import ONLY_CANDIDATE, Event, Report, group, similarity
from tests.events_builders import PUTIN, TOKAYEV, report
from tests.test_events_common_features import _dated, _incremental

DAY = dt.date(2025, 12, 30)


def _call(
    ident: str,
    date: dt.date | None,
    countries: set[str],
    organisations: tuple[str, ...],
    numbers: tuple[str, ...],
    language: str = "ru",
    kinds: tuple[str, ...] = ("phone_call",),
) -> Report:
    return report(
        ident,
        date=date,
        language=language,
        kinds=kinds,
        countries={"KZ", "RU", *countries},
        organisations=organisations,
        numbers=numbers,
    )


def _kremlin(ident: str = "ru-kremlin", date: dt.date = DAY) -> Report:
    """The dated Russian report: Ukraine, the UN, the US and many figures of its own."""
    return _call(ident, date, {"UA", "US", "DE"}, ("UN",), tuple(str(n) for n in range(40, 52)))


def _akorda(ident: str = "kk-akorda", language: str = "kk") -> Report:
    """The undated report of the same call: Ukraine and the UN too, China and figures of its own."""
    return _call(ident, None, {"UA", "CN", "IN"}, ("UN", "SCO"), ("17", "18", "19"), language)


def _together(found: list[Event], a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in found)


def test_an_undated_report_overlapping_little_joins_the_one_dated_call_near_it() -> None:
    dated, kk, en = _kremlin(), _akorda(), _akorda("en-akorda", "en")
    assert similarity(kk, dated) < 0.4  # under every content threshold of the rules
    found = group([dated, kk, en])
    assert _together(found, "ru-kremlin", "kk-akorda")
    assert _together(found, "ru-kremlin", "en-akorda")
    (event,) = [e for e in found if "kk-akorda" in e.reports]
    stored = [r for reasons in event.reasons.values() for r in reasons if ONLY_CANDIDATE in r]
    assert stored
    names = {TOKAYEV: "Tokayev", PUTIN: "Putin"}
    shown = {lang: link_reason(lang, stored[0], names) for lang in ("kk", "ru", "en")}
    assert all(ONLY_CANDIDATE in str(shown[lang]) for lang in shown)  # shown as stored until translated


def test_two_dated_calls_near_it_and_it_joins_neither() -> None:
    """Counterpart: a call of the pair a month later naming Ukraine and the UN too."""
    later = _call(
        "en-later", DAY + dt.timedelta(days=30), {"UA", "FR"}, ("UN",), ("61", "62", "63", "64"), "en"
    )
    found = group([_kremlin(), _akorda(), later])
    assert not _together(found, "ru-kremlin", "kk-akorda")
    assert not _together(found, "en-later", "kk-akorda")


def test_sharing_less_beyond_the_pair_it_stays_apart() -> None:
    """Counterpart: one figure in common (half a unit) is near, not enough."""
    undated = _call("kk-less", None, {"CN"}, ("SCO",), ("17", "40"), "kk")
    found = group([_kremlin(), undated])
    assert not _together(found, "ru-kremlin", "kk-less")


def test_a_report_of_another_kind_stays_apart() -> None:
    """Counterpart: an undated report of a meeting of the pair beside their dated call."""
    meeting = _call("en-meeting", None, {"UA", "CN"}, ("UN",), ("17",), "en", kinds=("meeting",))
    found = group([_kremlin(), meeting])
    assert not _together(found, "ru-kremlin", "en-meeting")


def _invented(rng: random.Random, n: int) -> list[Report]:
    """Calls of the pair over two years, a third undated, each naming a few third countries
    and organisations and figures of its own: many undated ones near one dated call only."""
    found = []
    for i in range(n):
        date = dt.date(2024, 1, 1) + dt.timedelta(days=rng.randrange(730)) if rng.random() < 0.66 else None
        countries = {c for c in ("UA", "CN", "TR", "DE", "FR", "IN", "US") if rng.random() < 0.15}
        organisations = tuple(o for o in ("UN", "SCO", "EU", "CSTO") if rng.random() < 0.15)
        numbers = tuple(str(1000 + 10 * i + k) for k in range(rng.randrange(8)))
        found.append(_call(f"r{i:03d}", date, countries, organisations, numbers))
    return found


def test_a_load_regroups_as_the_whole() -> None:
    """Pure: a load removing one report, or adding it back, leaves the events a grouping of
    every report gives (`_incremental`, as event_store.py does it), in six invented archives
    in three of which the rule joins reports."""
    fired = 0
    for seed in range(6):
        rng = random.Random(seed)
        every = _invented(rng, 24)
        full = _dated(group(every), every)
        fired += sum(ONLY_CANDIDATE in r for row in full.values() for rs in row[7].values() for r in rs)
        for n, gone in enumerate(every):
            rest = [*every[:n], *every[n + 1 :]]
            assert _incremental(every, rest, {gone.id}) == _dated(group(rest), rest), (seed, n)
            assert _incremental(rest, every, {gone.id}) == full, (seed, n)
    assert fired  # the rule joined reports in these archives


def test_the_rule_needs_the_data_setting() -> None:
    """The bound is data (data/event_grouping.toml `min_distinctive_alone`), above the least
    a report must share to be near (`min_distinctive`)."""
    from app.loader.events import settings

    assert settings().min_distinctive_alone > settings().min_distinctive
    assert dataclasses.fields(settings())  # a frozen dataclass read once
