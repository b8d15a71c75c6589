"""Round 10 of the events (issue 14): two undated reports that each state the same day and
month of one kind of contact of one pair are one event, with the overlap two dated reports
need and the day counted as what they share beyond the participants; and only then: the same
reports without their days, with days a month apart, of a call and a meeting of one day, or
naming two different years, stay apart, and a round-up of two calls of one day still gives
two events. Invented reports (ru, en, kk), no dev-set pages: pure, and once through the real
loader and app."""

import dataclasses
from pathlib import Path

from fastapi.testclient import TestClient

from app.i18n.evidence import link_reason
from app.loader.events import BOTH_SAME_DAY, Report, distinctive, group, reach, settings, similarity
from app.loader.pipeline import load
from app.main import create_app
from tests.conftest import event_rows, make_settings
from tests.events_builders import report

PUTIN, TOKAYEV, MIRZIYOYEV = "vladimir-putin", "kassym-jomart-tokayev", "shavkat-mirziyoyev"


def _call(
    ident: str,
    leaders: tuple[tuple[str, float], ...],
    countries: set[str],
    *,
    month_day: tuple[int, int] | None = (8, 8),
    language: str = "ru",
    years: set[int] = frozenset(),  # type: ignore[assignment]
) -> Report:
    return report(
        ident,
        language=language,
        month_day=month_day,
        leaders=leaders,
        countries=countries,
        years=years,
        head_class="call",
    )


# «8 августа Путин и Токаев провели телефонный разговор», naming the United States and
# Ukraine; "On August 8 Tokayev spoke by phone with Putin", naming Ukraine and a third leader.
RU = _call("aru", ((TOKAYEV, 7.0), (PUTIN, 6.0)), {"KZ", "RU", "US", "UA", "TR"})
EN = _call("ben", ((PUTIN, 8.0), (TOKAYEV, 7.0)), {"KZ", "RU", "CN", "FR", "DE"}, language="en")


def _together(events: list, a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in events)


def test_the_reports_share_too_little_to_be_linked_on_content() -> None:
    """The case the rule is for: less overlap than two undated reports need and nothing
    shared beyond the pair and their countries (else the other tests would prove nothing)."""
    s = settings()
    assert s.min_similarity_stated_day <= similarity(RU, EN) < s.min_similarity_undated
    assert distinctive(RU, EN, (TOKAYEV, PUTIN)) < s.min_distinctive


def test_two_undated_reports_stating_the_day_of_a_call_are_one_event_and_say_why() -> None:
    events = group([RU, EN])
    assert _together(events, "aru", "ben")
    (event,) = [e for e in events if "aru" in e.reports]
    assert event.date is None  # the day is stated, the year is not: no date is made up
    (reason,) = event.reasons["aru"]
    assert BOTH_SAME_DAY in reason
    names = {PUTIN: "Путин", TOKAYEV: "Токаев"}
    shown = link_reason("ru", reason, names)
    assert shown.translated
    assert "в обоих текстах назван один и тот же день и месяц контакта" in shown.text
    assert link_reason("kk", reason, names).text.count("екі мәтінде де байланыстың бір күні мен айы") == 1


def test_the_next_day_is_the_same_call_across_time_zones() -> None:
    late = dataclasses.replace(EN, month_day=(8, 9), language="kk")
    assert _together(group([RU, late]), "aru", "ben")


def test_without_their_days_they_stay_apart() -> None:
    for first, second in (
        (RU, dataclasses.replace(EN, month_day=None)),
        (dataclasses.replace(RU, month_day=None), EN),
    ):
        assert not _together(group([first, second]), "aru", "ben")


def test_two_calls_of_the_pair_a_month_apart_stay_apart() -> None:
    later = dataclasses.replace(EN, month_day=(9, 8))
    assert not _together(group([RU, later]), "aru", "ben")


def test_a_call_and_a_meeting_stating_one_day_stay_apart() -> None:
    meeting = dataclasses.replace(
        EN, kinds=frozenset({"meeting"}), headline_kinds=frozenset({"meeting"}), head_class=None
    )
    assert not _together(group([RU, meeting]), "aru", "ben")


def test_the_same_day_of_two_years_stays_apart() -> None:
    """«8 августа 2024 года» and "August 8, 2025": the day recurs every year."""
    first = dataclasses.replace(RU, years=frozenset({2024}))
    second = dataclasses.replace(EN, years=frozenset({2025}))
    assert not _together(group([first, second]), "aru", "ben")
    # One naming a year, the other none: nothing rules the day out.
    assert _together(group([first, EN]), "aru", "ben")


def test_a_round_up_of_two_calls_of_one_day_still_gives_two_events() -> None:
    """Putin's calls with Tokayev and Mirziyoyev on 8 August, in one round-up: it joins each
    single report of its day in that call's event, and the two single reports, each of another
    pair, stay apart."""
    round_up = _call(
        "cround", ((PUTIN, 9.0), (TOKAYEV, 6.0), (MIRZIYOYEV, 6.0)), {"KZ", "RU", "UZ"}, language="en"
    )
    uzbek = _call("duz", ((MIRZIYOYEV, 7.0), (PUTIN, 6.0)), {"UZ", "RU", "IN", "CN"})
    events = group([RU, uzbek, round_up])
    assert _together(events, "aru", "cround")
    assert _together(events, "duz", "cround")
    assert not _together(events, "aru", "duz")


def test_a_report_stating_a_day_reaches_the_undated_reports_stating_it() -> None:
    """The bounded regroup: a change to one of the two reaches the other (and not a report
    stating a day a month away), so a load changing one regroups both."""
    far = dataclasses.replace(EN, id="efar", month_day=(9, 20), countries=frozenset({"KZ", "RU"}))
    reports = [RU, EN, far]
    by_key: dict = {}
    for r in reports:
        for key in r.keys:
            by_key.setdefault(key, []).append(r)
    assert set(reach([RU], lambda key: by_key[key])) == {"aru", "ben"}
    assert set(reach([far], lambda key: by_key[key])) == {"efar"}


def test_the_event_page_says_in_three_languages_that_both_reports_gave_the_day(tmp_path: Path) -> None:
    """Through the real loader and app: an undated Kazakh report «9 қаңтарда ... телефон
    арқылы сөйлесті» and an undated Russian one «9 января ... провели телефонный разговор»,
    naming nothing beyond the two presidents, are one event; a Russian report of their call
    stating 20 February stays apart; /events/{id} says why in kk, ru and en."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in {
        "kk-january": "Тоқаев Путинмен телефон арқылы сөйлесті\n\nМемлекет басшысы Қасым-Жомарт Тоқаев "
        "9 қаңтарда Ресей Президенті Владимир Путинмен телефон арқылы сөйлесті.\n",
        "ru-january": "Токаев и Путин провели телефонный разговор\n\n9 января Президент Казахстана "
        "Касым-Жомарт Токаев и Президент России Владимир Путин провели телефонный разговор.\n",
        "ru-february": "Токаев и Путин снова провели телефонный разговор\n\n20 февраля Президент "
        "Казахстана Касым-Жомарт Токаев и Президент России Владимир Путин провели телефонный разговор.\n",
    }.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).exit_code == 0
    events = event_rows(tmp_path / "data")
    (joined,) = [e for e, files in events.items() if "kk-january" in files]
    assert events[joined] == {"kk-january", "ru-january"}
    expected = {
        "kk": "екі мәтінде де байланыстың бір күні мен айы көрсетілген",
        "ru": "в обоих текстах назван один и тот же день и месяц контакта",
        "en": "both texts give the same day and month of the contact",
    }
    with TestClient(create_app(settings)) as client:
        for lang, words in expected.items():
            html = client.get(f"/{lang}/events/{joined}").text
            assert words in html, lang
