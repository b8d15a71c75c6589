"""Round 15 of the events (issue 14): the years an undated report names are mostly of the past
it recalls ("the treaty of 2015", "trade grew in 2023"), not its own: on the events set 12 of 22
undated reports naming a year do not name the year of their event. A report can recall no
year after its own, so it is of no year before the least it names: an undated report naming
only earlier years still fits a dated event of a later year (it takes no date from it: a
date is inferred only when the report names its year, or none), and one naming only later
years than a dated event stays apart from it. Invented reports."""

import datetime as dt

from app.loader.events import Report, date_events, dates_agree, group
from tests.events_builders import PUTIN, TOKAYEV, report

ABOUT = {"KZ", "RU", "EAEU"}


def _of_the_visit(ident: str, *, day: dt.date | None, years: tuple[int, ...] = ()) -> Report:
    """A report of Putin's state visit to Astana, alike in content to every other."""
    return report(
        ident,
        date=day,
        kinds=("visit", "meeting"),
        leaders=((PUTIN, 8.0), (TOKAYEV, 6.0)),
        countries=ABOUT,
        numbers=("27", "28", "140"),
        places=("astana", "akorda"),
        years=years,
    )


def _together(events: list, a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in events)


def test_a_report_recalling_an_earlier_year_joins_the_later_event() -> None:
    dated = _of_the_visit("avisit", day=dt.date(2024, 11, 27))
    recalling = _of_the_visit("brecall", day=None, years=(2015,))
    assert dates_agree(dated, recalling, 2) is None
    events = group([dated, recalling])
    assert _together(events, "avisit", "brecall")
    # It names a year, not this one: no date is taken.
    assert date_events(events, [dated, recalling]) == []


def test_a_report_naming_only_later_years_stays_apart() -> None:
    """Counterpart: an undated report of a visit naming 2025 only is of no visit of 2024."""
    dated = _of_the_visit("avisit", day=dt.date(2024, 11, 27))
    later = _of_the_visit("blater", day=None, years=(2025,))
    assert dates_agree(dated, later, 2) is False
    assert not _together(group([dated, later]), "avisit", "blater")


def test_a_report_naming_its_year_still_takes_the_date() -> None:
    """Counterpart: naming the event's year among earlier ones, it joins and takes the date."""
    dated = _of_the_visit("avisit", day=dt.date(2024, 11, 27))
    naming = _of_the_visit("bnaming", day=None, years=(2015, 2024))
    events = group([dated, naming])
    assert _together(events, "avisit", "bnaming")
    assert [(d.report, d.date) for d in date_events(events, [dated, naming])] == [
        ("bnaming", dt.date(2024, 11, 27))
    ]
