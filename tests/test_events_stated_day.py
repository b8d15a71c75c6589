"""Round 9 of the events (issue 14): an undated report whose own text gives the day and month
of a dated report of the same contact joins its event with the content overlap two dated
reports need, not the much higher overlap of an undated one; and only there: the same report
without its day, with the day of another contact of the pair, of another kind, or with a day
two events of different years share, stays apart. Pure: invented reports, no dev-set pages."""

import dataclasses
import datetime as dt

from app.loader.events import SAME_DAY, Report, date_events, group, settings, similarity
from tests.events_builders import report

TOKAYEV, MACRON = "kassym-jomart-tokayev", "emmanuel-macron"


def _visit(
    ident: str,
    date: dt.date | None,
    *,
    countries: set[str],
    places: set[str],
    month_day: tuple[int, int] | None = None,
    kinds: frozenset[str] = frozenset({"meeting", "visit"}),
    head_class: str | None = None,
    language: str = "en",
) -> Report:
    return report(
        ident,
        language=language,
        date=date,
        month_day=month_day,
        kinds=kinds,
        leaders=((MACRON, 8.0), (TOKAYEV, 5.0)),
        countries=countries,
        places=places,
        head_class=head_class,
    )


# An English agency report of the visit to Astana on 1 November, naming the neighbours and
# the places of the talks; a Russian paper's commentary stating only «1 ноября» and Astana.
DATED = _visit(
    "en-visit",
    dt.date(2023, 11, 1),
    countries={"KZ", "FR", "RU", "CN", "UA", "UZ"},
    places={"astana", "akorda", "elysee"},
)
STATING = _visit(
    "ru-comment", None, countries={"KZ", "FR"}, places={"astana", "moscow"}, month_day=(11, 1), language="ru"
)


def _together(events: list, a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in events)


def test_the_reports_overlap_little_on_content() -> None:
    """The case the rule is for: less overlap than an undated report needs, more than two
    dated reports need (else the other tests would prove nothing)."""
    s = settings()
    assert s.min_similarity_stated_day <= similarity(DATED, STATING) < s.min_similarity_undated


def test_an_undated_report_stating_the_day_of_a_visit_joins_it_and_says_so() -> None:
    events = group([DATED, STATING])
    assert _together(events, "en-visit", "ru-comment")
    (event,) = [e for e in events if "ru-comment" in e.reports]
    assert any(SAME_DAY in reason for reason in event.reasons["ru-comment"])
    # Joining is not dating: taking the event's year asks for the content a date needs
    # (`min_similarity_to_infer`), which so little overlap does not give.
    assert date_events(events, [DATED, STATING]) == []


def test_without_its_day_it_stays_apart() -> None:
    loose = dataclasses.replace(STATING, month_day=None)
    assert not _together(group([DATED, loose]), "en-visit", "ru-comment")


def test_the_day_of_another_contact_of_the_pair_keeps_it_apart() -> None:
    """A call of the two presidents a month later, and a report stating its day: it joins
    neither the visit nor, by so little overlap, anything else."""
    for day in ((12, 1), (11, 5)):
        loose = dataclasses.replace(STATING, month_day=day)
        assert not _together(group([DATED, loose]), "en-visit", "ru-comment")


def test_a_call_stating_the_day_of_a_meeting_in_the_same_week_stays_apart() -> None:
    """«Телефонный разговор 1 ноября» names its kind outright: a call is not the visit."""
    call = dataclasses.replace(
        STATING, kinds=frozenset({"phone_call"}), head_class="call", places=frozenset()
    )
    assert not _together(group([DATED, call]), "en-visit", "ru-comment")


def test_a_day_two_visits_of_different_years_share_joins_neither() -> None:
    """Two visits of the same leader a year apart, both on 1 November, alike in content: a
    report stating «1 ноября» without a year could be either, and joins none."""
    later = dataclasses.replace(DATED, id="en-visit-2024", date=dt.date(2024, 11, 1))
    events = group([DATED, later, STATING])
    assert not _together(events, "en-visit", "ru-comment")
    assert not _together(events, "en-visit-2024", "ru-comment")
    assert date_events(events, [DATED, later, STATING]) == []
