"""Round 16 of the events (issue 14): the days a body's first paragraphs give for a contact
(«начал государственный визит в Астану 3 мая») keep two reports apart when none of one's days
is near the other's: undated reports of one pair's visits of different years chained on
content. Such a day may be another contact's the report tells of, so it never dates the report,
and a report is never given a date that is not a day its body gives. Invented reports."""

import datetime as dt

from app.loader.event_store import body_days
from app.loader.events import Report, date_events, dates_agree, group
from tests.events_builders import MIRZIYOYEV, TOKAYEV, report

VISIT = ((MIRZIYOYEV, 8.0), (TOKAYEV, 6.0))


def _of_a_visit(
    ident: str, *, day: dt.date | None = None, mentioned: tuple[tuple[int, int], ...] = ()
) -> Report:
    """A report of Mirziyoyev in Astana, alike in content to every other."""
    return report(
        ident,
        date=day,
        kinds=("visit", "meeting"),
        leaders=VISIT,
        numbers=("12", "350"),
        places=("astana", "akorda"),
        mentioned_days=mentioned,
    )


def _together(events: list, a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in events)


def test_a_body_gives_the_day_of_the_contact_it_tells_of() -> None:
    body = (
        "Президент Узбекистана вылетел в Астану.\n"
        "Мирзиёев начал государственный визит в Казахстан 14 марта.\n"
        "Лидеры обсудят торговлю."
    )
    assert body_days(body) == {(3, 14)}
    assert body_days("Uzbek President arrived in Astana on a working visit on Friday, September 8.") == {
        (9, 8)
    }
    assert body_days("Өзбекстан Президенті 14 наурызда Астанаға сапармен келді.") == {(3, 14)}


def test_a_recalled_contact_or_one_dated_with_its_year_gives_no_day() -> None:
    """Counterpart: the days of earlier contacts the body recalls are not taken."""
    assert body_days("Последний раз с визитом в Ташкенте Токаев был 22 декабря.") == frozenset()
    assert body_days("Мирзиёев посещал Астану с 14 по 15 марта 2023 года.") == frozenset()
    assert body_days("Tokayev previously visited Tashkent on December 22.") == frozenset()
    # A day far from the first paragraphs is not read.
    assert body_days("Первый абзац.\nВторой.\nТретий.\nВизит начался 14 марта.") == frozenset()


def test_undated_reports_whose_bodies_give_days_far_apart_stay_apart() -> None:
    spring = _of_a_visit("aspring", mentioned=((3, 14),))
    autumn = _of_a_visit("bautumn", mentioned=((9, 8),))
    assert dates_agree(spring, autumn, 2) is False
    assert not _together(group([spring, autumn]), "aspring", "bautumn")


def test_undated_reports_whose_bodies_give_near_days_or_none_still_join() -> None:
    """Counterpart: one day near the other's, or none on one side, keeps them together."""
    first = _of_a_visit("afirst", mentioned=((3, 14), (12, 22)))
    second = _of_a_visit("bsecond", mentioned=((3, 15),))
    silent = _of_a_visit("csilent")
    assert dates_agree(first, second, 2) is None
    assert _together(group([first, second]), "afirst", "bsecond")
    assert _together(group([first, silent]), "afirst", "csilent")


def test_a_day_a_body_gives_is_never_contradicted_by_an_inferred_date() -> None:
    dated = _of_a_visit("adated", day=dt.date(2024, 3, 15))
    day_before = _of_a_visit("bbefore", mentioned=((3, 14),))
    events = group([dated, day_before])
    assert _together(events, "adated", "bbefore")
    assert date_events(events, [dated, day_before]) == []


def test_the_day_a_body_gives_is_taken_when_it_is_the_event_s() -> None:
    """Counterpart: its body giving the event's own day, it takes the date."""
    dated = _of_a_visit("adated", day=dt.date(2024, 3, 15))
    same_day = _of_a_visit("bsame", mentioned=((3, 15),))
    events = group([dated, same_day])
    assert [(d.report, d.date) for d in date_events(events, [dated, same_day])] == [
        ("bsame", dt.date(2024, 3, 15))
    ]
