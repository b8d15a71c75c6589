"""Round 16 of the events (issue 14): a dated report of one leader's visit naming the visited
country only by its places («Президент ресми сапармен Бішкекке барды», «Macron arrived in
Astana») is of that leader and the one head of state in office on its day (event_store.py
`counterparts` with the date): its key, not a guest's, so it joins the dated reports of the
pair's visit of its days and no other visit of theirs. Invented reports."""

import datetime as dt

from app.loader.event_store import counterparts
from app.loader.events import Report, group
from app.text.event_words import places_in
from tests.events_builders import MACRON, NAZARBAYEV, TOKAYEV, report

PLACES = frozenset({"astana", "akorda"})
ABOUT = {"KZ", "FR"}


def _lone(ident: str, date: dt.date, hosts: tuple[str, ...]) -> Report:
    """Macron alone, in Astana, on a day."""
    return report(
        ident,
        date=date,
        kinds={"visit"},
        leaders=((MACRON, 8.0),),
        countries=ABOUT,
        places=PLACES,
        numbers=("3",),
        counterparts=hosts,
    )


def _talks(ident: str, date: dt.date) -> Report:
    return report(
        ident,
        date=date,
        kinds={"visit", "meeting"},
        leaders=((MACRON, 8.0), (TOKAYEV, 6.0)),
        countries=ABOUT,
        places=PLACES,
        numbers=("3",),
    )


def _with(events: list, ident: str) -> set[str]:
    return {i for e in events if ident in e.reports for i in e.reports}


def test_the_head_of_state_in_office_on_the_day_is_the_one_candidate() -> None:
    lone, own = [(MACRON, 8.0)], {MACRON: "FR"}
    assert counterparts(lone, own, PLACES, frozenset(), dt.date(2023, 11, 1)) == (TOKAYEV,)
    assert counterparts(lone, own, PLACES, frozenset(), dt.date(2017, 6, 1)) == (NAZARBAYEV,)
    # The Kazakh spelling of Bishkek names it.
    assert places_in("Президент ресми сапармен Бішкекке барды") == {"bishkek"}


def test_a_dated_lone_visit_report_joins_the_visit_of_its_day() -> None:
    day = dt.date(2023, 11, 1)
    lone = _lone("alone", day, (TOKAYEV,))
    assert (MACRON, TOKAYEV) in lone.keys and not lone.guest_keys
    events = group([lone, _talks("btalks", day), _talks("ctalks-later", dt.date(2024, 11, 1))])
    assert _with(events, "alone") == {"alone", "btalks"}


def test_no_candidate_on_its_day_leaves_it_apart() -> None:
    """Counterpart: the same report with no head of state on its day (`counterparts` found
    none, or two) joins no visit of the pair."""
    day = dt.date(2023, 11, 1)
    lone = _lone("alone", day, ())
    assert _with(group([lone, _talks("btalks", day)]), "alone") == {"alone"}
