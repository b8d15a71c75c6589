"""An undated report of one leader's visit naming the other side by its country's places only
(«Macron arrived in Astana», no word of Tokayev) is a candidate report of the visit's event
(events.py `guest_keys`, event_store.py `counterparts`): it joins the one dated event of the
leader with a head of state of that country it clearly fits, and no other."""

import datetime as dt
from pathlib import Path

from app.i18n.evidence import link_reason
from app.loader.event_store import counterparts
from app.loader.events import GUEST, Report, date_events, group, primary_key
from app.loader.pipeline import load
from tests.conftest import event_rows, make_settings
from tests.events_builders import MACRON, NAZARBAYEV, TOKAYEV, report

VISIT = {"KZ", "FR", "UZ", "RU"}
PLACES = {"astana", "akorda"}


def _visit(ident: str, date: dt.date | None, host: str = TOKAYEV, **kw: object) -> Report:
    return report(  # type: ignore[arg-type]
        ident,
        date=date,
        kinds={"meeting", "visit"},
        leaders=((MACRON, 8.0), (host, 6.0)),
        affiliations={MACRON: "FR", host: "KZ"},
        countries=VISIT,
        places=PLACES,
        language="en",
        **kw,
    )


def _guest(ident: str = "z-guest", **kw: object) -> Report:
    """Macron alone, in Astana: his country's places are none of its own."""
    given: dict[str, object] = {"counterparts": (TOKAYEV, NAZARBAYEV), **kw}
    return report(  # type: ignore[arg-type]
        ident,
        kinds={"visit"},
        leaders=((MACRON, 8.0),),
        countries={"KZ", "FR", "UZ", "RU"},
        places=PLACES,
        **given,
    )


def _with(events: list, ident: str) -> set[str]:
    return {i for e in events if ident in e.reports for i in e.reports}


def test_the_presidents_who_may_have_received_him_come_from_the_register() -> None:
    assert counterparts([(MACRON, 8.0)], {MACRON: "FR"}, frozenset(PLACES), frozenset()) == (
        TOKAYEV,
        NAZARBAYEV,
    )
    assert counterparts([(MACRON, 8.0)], {MACRON: "FR"}, frozenset(PLACES), frozenset({2023})) == (TOKAYEV,)
    # Places of his own country (as the register has it, when the report does not say), or of
    # two others: no candidate.
    assert counterparts([(TOKAYEV, 8.0)], {}, frozenset(PLACES), frozenset()) == ()
    assert counterparts([(MACRON, 8.0)], {MACRON: "FR"}, frozenset({"paris", "elysee"}), frozenset()) == ()
    assert counterparts([(MACRON, 8.0)], {MACRON: "FR"}, frozenset({"astana", "tashkent"}), frozenset()) == ()


def test_a_guest_joins_the_dated_visit_and_takes_no_date() -> None:
    dated = [_visit("a-talks", dt.date(2023, 11, 1)), _visit("b-welcome", dt.date(2023, 11, 1))]
    guest = _guest()
    events = group([*dated, guest])
    assert _with(events, "z-guest") == {"a-talks", "b-welcome", "z-guest"}
    assert not [d for d in date_events(events, [*dated, guest]) if d.report == "z-guest"]
    # Its own event, of Macron and Kazakhstan, is folded into the visit's.
    assert all(set(e.reports) != {"z-guest"} for e in events)


def test_a_guest_is_held_to_the_dated_report_closest_to_it() -> None:
    """Beside a dated report of the talks naming what it names, and one of the signing
    naming six numbers and other countries (0.23 on content with it: 0.54 on average, under
    the 0.55 an undated report needs), it still joins: it names one side only, each dated
    report both."""
    talks = _visit("a-talks", dt.date(2023, 11, 1))
    signing = report(
        "b-signing",
        date=dt.date(2023, 11, 1),
        kinds={"meeting"},
        leaders=((MACRON, 8.0), (TOKAYEV, 6.0)),
        countries={"KZ", "FR", "DE", "IT", "CN"},
        numbers={"12", "30", "45", "77", "81", "93"},
    )
    events = group([talks, signing, _guest()])
    assert _with(events, "z-guest") == {"a-talks", "b-signing", "z-guest"}


def test_a_guest_is_never_about_its_candidate_contact() -> None:
    """Keyed to the EU it names (a key sorting after its candidates'), it is still about that,
    not a contact of Macron and Tokayev: it takes no date through them."""
    guest = _guest(organisations={"EU"})
    assert guest.guest_keys and primary_key(guest) == (MACRON, "org:EU")
    dated = [_visit("a-talks", dt.date(2023, 11, 1)), _visit("b-welcome", dt.date(2023, 11, 1))]
    events = group([*dated, guest])
    assert "a-talks" in _with(events, "z-guest")
    assert not [d for d in date_events(events, [*dated, guest]) if d.report == "z-guest"]


def test_without_the_candidates_it_stays_alone() -> None:
    dated = [_visit("a-talks", dt.date(2023, 11, 1)), _visit("b-welcome", dt.date(2023, 11, 1))]
    events = group([*dated, _guest(counterparts=())])
    assert _with(events, "z-guest") == {"z-guest"}


def test_a_guest_fitting_visits_of_two_presidents_joins_neither() -> None:
    """A visit of 2017 to Nazarbayev and one of 2023 to Tokayev, alike: it could be either."""
    earlier = [_visit("c-2017", dt.date(2017, 6, 9), host=NAZARBAYEV)]
    later = [_visit("a-talks", dt.date(2023, 11, 1))]
    events = group([*earlier, *later, _guest()])
    assert _with(events, "z-guest") == {"z-guest"}


def test_a_guest_as_close_to_two_visits_of_one_pair_joins_neither() -> None:
    """Two visits a month apart, alike: no clear fit."""
    first = _visit("a-first", dt.date(2023, 11, 1))
    second = _visit("b-second", dt.date(2023, 12, 1))
    events = group([first, second, _guest()])
    assert _with(events, "z-guest") == {"z-guest"}


def test_a_summit_report_is_no_guest() -> None:
    """Macron's report of a summit in Astana is of the summit's organisation, not a visit to
    its host."""
    dated = [_visit("a-talks", dt.date(2023, 11, 1)), _visit("b-welcome", dt.date(2023, 11, 1))]
    summit = _guest(organisations={"EU"}, summit_of={"EU"})
    assert not summit.guest_keys
    events = group([*dated, summit])
    assert "a-talks" not in _with(events, "z-guest")


def test_through_the_loader_a_report_naming_only_the_visitor_joins_the_visit(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in {
        "ru-dated": "Токаев провел переговоры с Макроном\n\n1 ноября 2023 года\n\nПрезидент Казахстана "
        "Касым-Жомарт Токаев провел переговоры с Президентом Франции Эмманюэлем Макроном в Акорде, "
        "Астана. Подписаны 45 документов, стороны обсудили поставки урана и транзит через Каспий.\n",
        "en-dated": "Tokayev and Macron hold talks in Astana\n\nNovember 1, 2023\n\nPresident "
        "Kassym-Jomart Tokayev held talks with French President Emmanuel Macron at the Akorda in "
        "Astana. The sides signed 45 documents on uranium and the Caspian transit route.\n",
        "ru-guest": "Макрон прибыл в Астану\n\nПрезидент Франции Эмманюэль Макрон прибыл в Астану с "
        "официальным визитом. В Акорде будут подписаны 45 документов, в том числе о поставках урана "
        "и транзите через Каспий.\n",
    }.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).exit_code == 0
    events = event_rows(tmp_path / "data")
    (visit,) = [files for files in events.values() if "ru-dated" in files]
    assert visit == {"ru-dated", "en-dated", "ru-guest"}


def test_why_a_guest_was_linked_reads_in_three_languages() -> None:
    """The event page says why the guest joined in the reader's language, not as stored
    English: the guest clause is in the catalogue of link reasons."""
    # Ids as the loader makes them (word characters): the stored reason names the report linked to.
    dated = [_visit("atalks", dt.date(2023, 11, 1)), _visit("bwelcome", dt.date(2023, 11, 1))]
    events = group([*dated, _guest("zguest")])
    (visit,) = [e for e in events if "zguest" in e.reports]
    stored = [reason for reason in visit.reasons["zguest"] if GUEST in reason]
    assert stored, visit.reasons["zguest"]
    names = {TOKAYEV: "Tokayev", MACRON: "Macron"}
    shown = {lang: link_reason(lang, stored[0], names) for lang in ("kk", "ru", "en")}
    assert all(e.translated for e in shown.values()), shown
    assert "тізілімнен" in shown["kk"].text
    assert "из реестра" in shown["ru"].text
    assert "taken from the register" in shown["en"].text
