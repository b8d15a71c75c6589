"""Round 20 of the events (issue 14): a summit is not the visit of two of its leaders. The
chancellor's visit to Astana on the 16th and the Germany–Central Asia summit there on the 17th
have the same two leaders, places and kind (in person), two days apart: a head naming a summit
(`names_summit`: a summit word and no words of a contact of two, «на полях», "meets") keeps the
summit's reports apart from the visit's, while reports of one summit, and a meeting on the
sidelines beside reports of that meeting, still join. Invented headlines and reports (kk, ru,
en), no dev-set pages."""

import datetime as dt

from app.loader.events import Report, group, names_summit, summit_apart
from tests.events_builders import SCHOLZ, TOKAYEV, report

PAIR = ((TOKAYEV, 7.0), (SCHOLZ, 6.0))
ABOUT = {"KZ", "DE", "UZ", "KG"}  # what the invented reports all name


def _in_person(
    ident: str, *, summit: bool, date: dt.date | None = None, month_day: tuple[int, int] | None = None
) -> Report:
    """A report of the chancellor in Astana, alike in content to every other."""
    return report(
        ident,
        date=date,
        month_day=month_day,
        kinds=("visit", "meeting"),
        leaders=PAIR,
        countries=ABOUT,
        places=("astana", "akorda"),
        summit=summit,
    )


def _together(events: list, a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in events)


def test_heads_naming_a_summit() -> None:
    for head in (
        "Kazakhstan hosted the second Germany-Central Asia summit in Astana on Tuesday",
        "В Астане прошел второй саммит «Центральная Азия – Германия»",
        "Астанада «Орталық Азия – Германия» саммиті өтті",
    ):
        assert names_summit(head), head


def test_heads_of_a_meeting_beside_a_summit_are_not_summits() -> None:
    """Counterparts: a meeting of two leaders before or on the sidelines of a summit."""
    for head in (
        "Xi meets Kazakh President Tokayev in Tianjin ahead of SCO summit",
        "На полях саммита ШОС Токаев встретился с Си Цзиньпином",
        "Тоқаев ШЫҰ саммиті аясында Си Цзиньпинмен кездесті",
        "Токаев провел переговоры с Шольцем",
    ):
        assert not names_summit(head), head


def test_a_summit_and_a_visit_of_two_of_its_leaders_a_day_apart_are_two_events() -> None:
    visit = _in_person("en-visit", summit=False, date=dt.date(2024, 9, 16))
    summit = _in_person("ru-summit", summit=True, date=dt.date(2024, 9, 17))
    undated = _in_person("kk-visit", summit=False, month_day=(9, 16))
    events = group([visit, summit, undated])
    assert not _together(events, "en-visit", "ru-summit")
    assert not _together(events, "kk-visit", "ru-summit")
    assert _together(events, "kk-visit", "en-visit")


def test_reports_of_one_summit_still_join() -> None:
    """Counterpart: the summit's reports in three languages, dated and undated, are one event."""
    dated = _in_person("en-summit", summit=True, date=dt.date(2024, 9, 17))
    other = _in_person("ru-summit", summit=True, date=dt.date(2024, 9, 17))
    undated = _in_person("kk-summit", summit=True, month_day=(9, 17))
    events = group([dated, other, undated])
    assert _together(events, "en-summit", "ru-summit")
    assert _together(events, "kk-summit", "en-summit")


def test_a_call_about_a_summit_is_no_summit() -> None:
    """Counterpart: only two in-person reports are kept apart so (a call inviting to a summit
    is weighed as a call)."""
    call = report("ru-call", kinds=("phone_call",), leaders=PAIR, summit=True)
    other = report("en-call", kinds=("phone_call",), leaders=PAIR)
    assert not summit_apart(call, other)
    assert summit_apart(_in_person("a", summit=True), _in_person("b", summit=False))
