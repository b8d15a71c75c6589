"""Round 7 of the events (issue 14): an undated report joins the dated event of its own kind
only, and its own day and month (in Kazakh case forms and Russian ordinals too) tell one
call of two presidents from another. Pure: invented reports, no pages of the dev set."""

import dataclasses
import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from app.i18n.evidence import link_reason
from app.loader.event_store import stated_days
from app.loader.events import SAME_DAY, Report, date_events, group
from app.loader.pipeline import load
from app.main import create_app
from tests.conftest import event_rows, make_settings
from tests.events_builders import report

TOKAYEV, PUTIN = "kassym-jomart-tokayev", "vladimir-putin"


def _report(
    ident: str,
    date: dt.date | None,
    kinds: set[str],
    head_class: str | None = None,
    countries: frozenset[str] = frozenset({"KZ", "RU"}),
    month_day: tuple[int, int] | None = None,
    language: str = "kk",
) -> Report:
    return report(
        ident,
        language=language,
        date=date,
        month_day=month_day,
        kinds=kinds,
        leaders=((TOKAYEV, 6.0), (PUTIN, 5.0)),
        countries=countries,
        numbers={"25", "80"},
        head_class=head_class,
    )


def _together(events: list, a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in events)


def test_an_undated_call_joins_no_dated_meeting_of_the_same_presidents() -> None:
    """«Назарбаев Путинмен телефон арқылы сөйлесті», undated, names Syria and Ukraine and the
    numbers of a dated report of their meeting in Akorda: a call is not that meeting, and it
    takes no date from it. The same report saying no kind outright still joins it."""
    shared = frozenset({"KZ", "RU", "SY", "UA"})
    meeting = _report("m", dt.date(2015, 10, 15), {"meeting", "visit"}, countries=shared, language="ru")
    call = _report("c", None, {"phone_call"}, head_class="call", countries=shared)
    events = group([meeting, call])
    assert not _together(events, "m", "c")
    assert date_events(events, [meeting, call]) == []
    unsaid = dataclasses.replace(call, id="u", kinds=frozenset({"meeting"}), head_class=None)
    unsaid = dataclasses.replace(unsaid, headline_kinds=frozenset({"meeting"}))
    assert _together(group([meeting, unsaid]), "m", "u")


def test_a_kazakh_or_russian_day_in_its_case_form_is_the_contacts_day() -> None:
    """«9 қаңтарда», «қаңтардың 9-ы», «9-қаңтар күні» and «9-го января» in the clause that
    says the contact took place give its day; a span of days planned, or a day in a clause
    about something else, gives none."""
    assert stated_days("Тоқаев 9 қаңтарда Путинмен телефон арқылы сөйлесті") == {(1, 9)}
    assert stated_days("Екі президенттің кездесуі қаңтардың 9-ы күні өтті") == {(1, 9)}
    assert stated_days("Мемлекет басшылары 9-қаңтар күні телефон арқылы сөйлесті") == {(1, 9)}
    assert stated_days("Путин и Токаев днем 9-го января провели телефонный разговор") == {(1, 9)}
    assert stated_days("Министрдің сапары 3-7 қаңтар аралығына жоспарланған") == set()
    assert stated_days("Токаев поздравил его с итогами встречи, состоявшейся 9-го января") == set()
    assert stated_days("In the 1990s the 10-е годы were busy") == set()


def test_a_day_a_contact_was_called_off_is_not_its_day() -> None:
    """«2 қаңтар күні ... сапары тоқтатылды», «визит, перенесённый 5 марта», "the visit was
    called off on May 3": a day in a clause calling the contact off gives no day; the same
    clause telling of the contact gives it."""
    assert stated_days("2 қаңтар күні Мемлекеттік хатшының сапары тоқтатылды") == set()
    assert stated_days("2 қаңтар күні Мемлекеттік хатшының сапары басталды") == {(1, 2)}
    assert stated_days("Визит президента, 5 марта перенесённый на осень") == set()
    assert stated_days("Визит президента 5 марта начался в Астане") == {(3, 5)}
    assert stated_days("On May 3 the visit was called off") == set()
    assert stated_days("On May 3 the visit began in Astana") == {(5, 3)}


def test_an_undated_report_stating_its_day_joins_the_call_of_that_day() -> None:
    """Two dated calls of the same presidents and an undated report sharing nothing beyond
    them but its own day and month («9 қаңтарда»): it joins the call of 9 January, says so,
    and takes no date (its day is its own; the year is not). The same report without a day
    joins neither call; one with a day of neither joins neither."""
    bare = frozenset({"KZ", "RU"})
    january = _report("a", dt.date(2022, 1, 9), {"phone_call"}, "call", bare, language="en")
    april = _report("b", dt.date(2022, 4, 20), {"phone_call"}, "call", bare, language="ru")
    stated = dataclasses.replace(
        _report("s", None, {"phone_call"}, "call", bare), numbers=frozenset(), month_day=(1, 9)
    )
    january, april = (dataclasses.replace(r, numbers=frozenset()) for r in (january, april))
    events = group([january, april, stated])
    assert _together(events, "a", "s")
    assert not _together(events, "b", "s")
    (event,) = [e for e in events if "s" in e.reports]
    assert any(SAME_DAY in reason for reason in event.reasons["s"])
    assert date_events(events, [january, april, stated]) == []
    for other_day in (None, (3, 1)):
        loose = dataclasses.replace(stated, month_day=other_day)
        events = group([january, april, loose])
        assert not any("s" in e.reports and len(e.reports) > 1 for e in events)


def test_the_same_day_reason_reads_in_three_languages() -> None:
    """The event page says why the report was linked in the reader's language: the new clause
    is translated, not shown as stored English."""
    stored = f"linked to abc123: same participants: {TOKAYEV} and {PUTIN}; {SAME_DAY}"
    names = {TOKAYEV: "Tokayev", PUTIN: "Putin"}
    shown = {lang: link_reason(lang, stored, names) for lang in ("kk", "ru", "en")}
    assert all(e.translated for e in shown.values())
    assert "өз мәтінінде сол күн мен ай" in shown["kk"].text
    assert "тот же день и месяц" in shown["ru"].text
    assert "its own text gives the same day and month" in shown["en"].text


def test_the_event_page_says_in_three_languages_that_a_report_gave_its_day(tmp_path: Path) -> None:
    """Through the real loader and app: an undated Kazakh report whose lead gives «9 қаңтарда»
    and nothing beyond the two presidents joins the call of 9 January (not the one of
    20 February), and /events/{id} says why in kk, ru and en."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in {
        "en-january": "Tokayev and Putin speak by phone\n\nJanuary 9, 2025\n\nPresident Kassym-Jomart "
        "Tokayev held a telephone conversation with President of Russia Vladimir Putin.\n\nThe "
        "presidents discussed the harvest season.\n",
        "en-february": "Tokayev and Putin speak by phone again\n\nFebruary 20, 2025\n\nPresident "
        "Kassym-Jomart Tokayev held a telephone conversation with President of Russia Vladimir Putin.\n\n"
        "The presidents discussed the railway timetable.\n",
        "kk-undated": "Тоқаев Путинмен телефон арқылы сөйлесті\n\nМемлекет басшысы Қасым-Жомарт Тоқаев "
        "9 қаңтарда Ресей Президенті Владимир Путинмен телефон арқылы сөйлесті.\n",
    }.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).exit_code == 0
    events = event_rows(tmp_path / "data")
    (joined,) = [e for e, files in events.items() if "kk-undated" in files]
    assert events[joined] == {"en-january", "kk-undated"}
    expected = {
        "kk": "өз мәтінінде сол күн мен ай көрсетілген",
        "ru": "в его собственном тексте тот же день и месяц",
        "en": "its own text gives the same day and month",
    }
    with TestClient(create_app(settings)) as client:
        for lang, words in expected.items():
            html = client.get(f"/{lang}/events/{joined}").text
            assert words in html, lang


def test_undated_reports_of_a_call_keep_to_it_beside_a_report_of_an_earlier_call(tmp_path: Path) -> None:
    """Through the real loader: a dated report of Tokayev and Putin's call of 17 August, two
    undated reports of it, and an undated report of their call of 8 August («8 августа
    провели телефонный разговор») that speaks of the same summit and more. The undated
    reports of 17 August are as close to that report as to each other: joined to it along a
    link, they took its day and lost their call. They join the call of 17 August; the report
    of 8 August does not."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in {
        "ru-dated": "Токаев и Путин провели телефонный разговор\n\n17 августа 2025 года\n\nПрезидент "
        "Казахстана Касым-Жомарт Токаев провел телефонный разговор с Президентом России Владимиром "
        "Путиным. Владимир Путин рассказал Касым-Жомарту Токаеву о встрече с Дональдом Трампом в "
        "США, стороны обсудили урегулирование на Украине.\n",
        "ru-undated-a": "Токаев и Путин обсудили итоги встречи на Аляске\n\nКасым-Жомарт Токаев и "
        "Владимир Путин поговорили по телефону. Глава России поделился с казахстанским коллегой "
        "впечатлениями от переговоров с Дональдом Трампом; говорили и об Украине. Казахстан "
        "приветствует диалог России и США.\n",
        "ru-undated-b": "Путин позвонил Токаеву\n\nВладимир Путин позвонил Касым-Жомарту Токаеву и "
        "подробно рассказал о своей поездке в США и беседе с Дональдом Трампом. Президенты "
        "уделили внимание ситуации вокруг Украины, сообщает пресс-служба. Россия и Казахстан "
        "продолжат контакты.\n",
        "ru-earlier": "Путин и Токаев провели телефонный разговор\n\nКасым-Жомарт Токаев и Владимир "
        "Путин 8 августа провели телефонный разговор. Президент России рассказал Президенту "
        "Казахстана о предстоящей встрече с Дональдом Трампом в США, стороны обсудили "
        "урегулирование на Украине, отношения с Китаем и Индией.\n",
    }.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).exit_code == 0
    events = event_rows(tmp_path / "data")
    (call,) = [files for files in events.values() if "ru-dated" in files]
    assert call == {"ru-dated", "ru-undated-a", "ru-undated-b"}


def test_an_undated_report_closer_to_a_report_stating_a_day_goes_with_it() -> None:
    """The other side of the rule above: an undated report that shares more with an undated
    report of 8 August (China, Ukraine, a sum of 300) than with the dated call of 17 August
    joins the report of 8 August, and so not the call of 17 August."""
    wide = frozenset({"KZ", "RU", "US", "UA", "CN"})
    dated = _report(
        "a", dt.date(2025, 8, 17), {"phone_call"}, "call", frozenset({"KZ", "RU", "US"}), language="ru"
    )
    loose = dataclasses.replace(
        _report("u", None, {"phone_call"}, "call", wide, language="ru"),
        numbers=frozenset({"25", "80", "300"}),
    )
    stating = dataclasses.replace(loose, id="s", month_day=(8, 8))
    events = group([dated, loose, stating])
    assert _together(events, "u", "s")
    assert not _together(events, "a", "u")
