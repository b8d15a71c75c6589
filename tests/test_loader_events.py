"""Events made at load time: the reports of one contact grouped across languages, the hard
cases kept apart, dates inferred from linked reports (never against a report's own text),
and event ids that survive a second load. Fixtures: tests/data/events/ (our own texts)."""

import dataclasses
import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from app.loader import event_store
from app.loader.event_store import _as_register, _skeleton, host_by_title, stated_days
from app.loader.events import (
    Report,
    contact_keys,
    date_events,
    distinctive,
    group,
    report_class,
    stated_class,
)
from app.loader.pipeline import load
from app.text.event_words import places_in
from tests.conftest import event_rows, make_settings

FIXTURES = Path(__file__).parent / "data" / "events"


def _events(data_dir: Path) -> tuple[dict[str, set[str]], dict[str, str | None], dict[str, list[str]]]:
    """Per fixture file: the events it is in, its inferred date, its date evidence (as file names)."""
    db = sqlite3.connect(f"file:{data_dir / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    names = {ident: Path(name).stem for ident, name in db.execute("SELECT id, source_file FROM article")}
    events: dict[str, set[str]] = {name: set() for name in names.values()}
    inferred: dict[str, str | None] = {}
    evidence: dict[str, list[str]] = {}
    for event_id, article_id, date, proof in db.execute(
        "SELECT event_id, article_id, inferred_date, date_evidence FROM event_report"
    ):
        events[names[article_id]].add(event_id)
        if date:
            inferred[names[article_id]] = date
            evidence[names[article_id]] = sorted(names[i] for i in json.loads(proof))
    return events, inferred, evidence


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("events")
    corpus = root / "corpus"
    shutil.copytree(FIXTURES, corpus)
    data = root / "data"
    report = load([corpus], make_settings(data))
    assert report.exit_code == 0, report.summary()
    return corpus, data


def same(events: dict[str, set[str]], a: str, b: str) -> bool:
    return bool(events[a] & events[b])


def test_one_call_reported_in_three_languages_is_one_event(loaded: tuple[Path, Path]) -> None:
    events, _, _ = _events(loaded[1])
    assert same(events, "en-call-march", "ru-call-march")
    assert same(events, "en-call-march", "kk-call-march-undated")


def test_two_calls_a_month_apart_are_two_events(loaded: tuple[Path, Path]) -> None:
    events, _, _ = _events(loaded[1])
    assert not same(events, "en-call-march", "en-call-april")
    assert not same(events, "kk-call-march-undated", "en-call-april")


def test_a_call_and_a_meeting_in_one_week_are_two_events(loaded: tuple[Path, Path]) -> None:
    events, _, _ = _events(loaded[1])
    assert not same(events, "ru-call-march", "ru-meeting-march")
    assert not same(events, "en-call-march", "ru-meeting-march")


def test_a_summit_round_up_reports_the_meeting_it_shares_with_another_report(
    loaded: tuple[Path, Path],
) -> None:
    events, _, _ = _events(loaded[1])
    assert same(events, "en-roundup-summit", "ru-mirziyoyev-summit")
    # The round-up names other meetings too, which the Uzbek report does not.
    assert len(events["en-roundup-summit"]) >= 1
    assert not same(events, "en-roundup-summit", "en-call-march")


def test_an_undated_report_takes_the_date_of_its_event_with_evidence(loaded: tuple[Path, Path]) -> None:
    _, inferred, evidence = _events(loaded[1])
    assert inferred["kk-call-march-undated"] == "2025-03-03"
    assert evidence["kk-call-march-undated"] == ["en-call-march", "ru-call-march"]
    # Dated reports keep their own date: nothing is inferred for them.
    assert "en-call-march" not in inferred


def test_a_report_is_never_given_a_date_its_text_contradicts(loaded: tuple[Path, Path]) -> None:
    events, inferred, _ = _events(loaded[1])
    # It is a report of the Dushanbe meeting, but it says "11 October" without a year: the
    # event's 9 October is not given to it.
    assert same(events, "kk-mirziyoyev-undated-contradicts", "ru-mirziyoyev-summit")
    assert "kk-mirziyoyev-undated-contradicts" not in inferred


def test_event_ids_are_stable_across_loads(loaded: tuple[Path, Path], tmp_path: Path) -> None:
    corpus, _ = loaded
    data = tmp_path / "data"
    settings = make_settings(data)
    load([corpus], settings)
    first, _, _ = _events(data)
    # A second load that adds an unrelated report leaves the other events' ids as they were.
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "en-other.txt").write_text(
        "Kazakh foreign minister meets Japanese ambassador\n\n"
        "ASTANA, May 5, 2025. Foreign Minister Murat Nurtleu received the Ambassador of Japan.\n",
        encoding="utf-8",
    )
    load([corpus, extra], settings)
    second, _, _ = _events(data)
    assert {k: v for k, v in second.items() if k != "en-other"} == first


def _report(
    ident: str, day: int | None, numbers: set[str], kinds: set[str] = frozenset({"phone_call"})
) -> Report:

    return Report(
        id=ident,
        language="en",
        date=dt.date(2025, 3, day) if day else None,
        month_day=None,
        kinds=frozenset(kinds),
        leaders=(("kassym-jomart-tokayev", 5.0), ("vladimir-putin", 4.0)),
        affiliations={},
        countries=frozenset({"KZ", "RU"}),
        organisations=frozenset(),
        numbers=frozenset(numbers),
    )


def test_an_undated_report_equally_close_to_two_calls_gets_no_date() -> None:
    """Pure: two dated calls of the same presidents and an undated report that could be
    either: it may join one, but it is never given a date it cannot be sure of."""
    reports = [_report("a", 3, {"25"}), _report("b", 20, {"25"}), _report("u", None, {"25"})]
    events = group(reports)
    assert not any({"a", "b"} <= set(e.reports) for e in events)
    assert [d.report for d in date_events(events, reports)] == []


def test_every_link_says_why() -> None:
    reports = [_report("a", 3, {"25", "80"}), _report("b", 3, {"25", "80"})]
    (event,) = group(reports)
    assert event.reports == ["a", "b"]
    assert any("same participants" in r and "dates within" in r for r in event.reasons["b"])


def test_an_undated_report_sharing_only_the_two_presidents_joins_no_dated_call(
    loaded: tuple[Path, Path],
) -> None:
    """Every call between Tokayev and Putin names the two of them and their countries; an
    undated report that says nothing more could be any of them, so it joins none and
    takes no date (it used to join the March call on the names alone)."""
    events, inferred, _ = _events(loaded[1])
    assert not same(events, "ru-call-undated-bare", "en-call-march")
    assert not same(events, "ru-call-undated-bare", "en-call-april")
    assert "ru-call-undated-bare" not in inferred


def test_a_host_named_only_by_title_is_the_president_in_office_that_day(
    loaded: tuple[Path, Path],
) -> None:
    """ "Мемлекет басшысы" with Macron, on 10 May 2024: the register's president of
    Kazakhstan that day, so the report is the same call as the English one naming Tokayev."""
    events, _, _ = _events(loaded[1])
    assert same(events, "kk-host-by-title", "en-macron-call")


def test_host_by_title_follows_the_register_terms_and_asks_for_a_day() -> None:
    macron = [("emmanuel-macron", 3.0)]
    head = "Глава государства провёл телефонный разговор с президентом Франции"
    assert host_by_title(macron, {}, {"KZ"}, head, dt.date(2024, 5, 10), frozenset()) == (
        "kassym-jomart-tokayev",
        3.0,
    )
    assert host_by_title(macron, {}, {"KZ"}, head, dt.date(2015, 5, 10), frozenset())[0] == (  # type: ignore[index]
        "nursultan-nazarbayev"
    )
    # No day: no host. In a Russian report not about Kazakhstan the title is someone else's.
    assert host_by_title(macron, {}, {"KZ"}, head, None, frozenset()) is None
    assert host_by_title(macron, {}, {"FR"}, head, dt.date(2024, 5, 10), frozenset(), "ru") is None


def test_the_headline_kind_outweighs_a_mention_further_down() -> None:
    """A call whose third paragraph recalls a visit is a call; a visit report that mentions
    an earlier call in passing is a visit (the whole head names both)."""
    visit = _report("v", 3, set(), kinds={"visit", "phone_call"})
    visit = dataclasses.replace(
        visit, kinds=frozenset({"visit", "phone_call"}), headline_kinds=frozenset({"visit"})
    )
    assert report_class(visit) == "in_person"
    assert report_class(dataclasses.replace(visit, headline_kinds=frozenset())) == "call"


def test_a_load_regroups_only_the_events_its_changed_reports_touch(
    loaded: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _ = loaded
    data = tmp_path / "data"
    settings = make_settings(data)
    load([corpus], settings)
    first = event_rows(data)
    read: list[set[str] | None] = []
    real = event_store.read_reports

    def spy(session: object, ids: set[str] | None = None, text: bool = True) -> list[Report]:
        if text:
            read.append(ids)
        return real(session, ids, text)  # type: ignore[arg-type]

    monkeypatch.setattr(event_store, "read_reports", spy)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "en-erdogan.txt").write_text(
        "Tokayev and Erdogan talk by phone\n\nJune 2, 2025\n\n"
        "President Kassym-Jomart Tokayev held a telephone conversation with President of "
        "Türkiye Recep Tayyip Erdoğan.\n",
        encoding="utf-8",
    )
    load([corpus, extra], settings)
    second = event_rows(data)
    # Only the new report was read in full and grouped, not the whole build ...
    assert len(read) == 1 and read[0] is not None and len(read[0]) == 1
    # ... and every event it does not touch is the same row as before, id and all.
    new_events = {e for e, reports in second.items() if reports not in first.values()}
    assert {e: r for e, r in second.items() if e not in new_events} == first
    assert len(new_events) == 1


def test_an_incremental_load_groups_as_a_full_load_of_the_same_files(
    loaded: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A changed report that loses a participant and a removed report: the regrouping found
    through the stored keys (without reading every article) gives the events and keys a
    load from scratch gives."""
    corpus = tmp_path / "corpus"
    shutil.copytree(loaded[0], corpus)
    data = tmp_path / "data"
    settings = make_settings(data)
    load([corpus], settings)
    everything: list[bool] = []
    real = event_store.read_reports

    def spy(session: object, ids: set[str] | None = None, text: bool = True) -> list[Report]:
        everything.append(ids is None)
        return real(session, ids, text)  # type: ignore[arg-type]

    monkeypatch.setattr(event_store, "read_reports", spy)
    (corpus / "kk-call-march-undated.txt").unlink()
    march = corpus / "ru-call-march.txt"
    march.write_text(march.read_text(encoding="utf-8").replace("Путин", "Си Цзиньпин"), encoding="utf-8")
    load([corpus], settings)
    assert everything and not any(everything)
    fresh = tmp_path / "fresh"
    load([corpus], make_settings(fresh))
    assert event_rows(data) == event_rows(fresh)
    assert _key_rows(data) == _key_rows(fresh)
    assert ("ru-call-march", "kassym-jomart-tokayev", "xi-jinping") in _key_rows(data)


def _key_rows(data_dir: Path) -> set[tuple[str, str, str]]:
    """(file name, first, second) of the stored contact keys."""
    db = sqlite3.connect(f"file:{data_dir / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    names = {ident: Path(name).stem for ident, name in db.execute("SELECT id, source_file FROM article")}
    return {
        (names[a], f, s) for a, f, s in db.execute("SELECT article_id, first, second FROM article_event_key")
    }


def test_the_organisation_a_participant_heads_tells_no_meeting_from_another() -> None:
    """Every report of Tokayev and Guterres names the UN, as every call of Tokayev and Putin
    names Russia: two undated reports sharing only that are not one event."""

    def guterres(ident: str, day: int | None) -> Report:
        return dataclasses.replace(
            _report(ident, day, set(), kinds={"meeting"}),
            leaders=(("kassym-jomart-tokayev", 5.0), ("antonio-guterres", 4.0)),
            affiliations={"antonio-guterres": "UN", "kassym-jomart-tokayev": "KZ"},
            countries=frozenset({"KZ"}),
            organisations=frozenset({"UN"}),
        )

    a, b = guterres("a", None), guterres("b", None)
    key = ("antonio-guterres", "kassym-jomart-tokayev")
    assert distinctive(a, b, key) == 0
    assert distinctive(a, dataclasses.replace(b, countries=frozenset({"KZ", "FR"})), key) == 0
    assert distinctive(a, dataclasses.replace(a, id="c", numbers=frozenset({"25", "80"})), key) == 0
    both = dataclasses.replace(a, numbers=frozenset({"25", "80"}))
    assert distinctive(both, dataclasses.replace(both, id="c"), key) == 1.0
    assert not any({"a", "b"} <= set(e.reports) for e in group([a, b, guterres("d", 3)]))


def _putin_call(ident: str, day: int | None, others: set[str]) -> Report:
    """A Tokayev-Putin call naming the countries `others` besides their own."""
    return dataclasses.replace(
        _report(ident, day, set()),
        affiliations={"kassym-jomart-tokayev": "KZ", "vladimir-putin": "RU"},
        countries=frozenset({"KZ", "RU"} | others),
    )


def test_undated_reports_join_only_when_each_is_close_to_each() -> None:
    """No chain through an undated report: u1 and u3 share nothing beyond the presidents,
    so u2, close to both, does not make the three one call."""
    reports = [
        _putin_call("u1", None, {"UA", "US"}),
        _putin_call("u2", None, {"UA", "US", "FR", "DE"}),
        _putin_call("u3", None, {"FR", "DE"}),
    ]
    events = group(reports)
    assert not any({"u1", "u3"} <= set(e.reports) for e in events)
    assert any({"u1", "u2"} <= set(e.reports) for e in events)


def test_an_undated_report_joins_the_call_it_is_clearly_closest_to() -> None:
    """Two dated calls it could be: it joins the one it shares clearly more with, and takes
    no date (the other call shares something with it too); about equally close to both, it
    joins neither."""
    a, b = _putin_call("a", 3, {"UA", "US", "FR"}), _putin_call("b", 20, {"UA"})
    u = _putin_call("u", None, {"UA", "US", "FR"})
    events = group([a, b, u])
    assert any({"a", "u"} <= set(e.reports) for e in events)
    assert not any({"b", "u"} <= set(e.reports) for e in events)
    assert date_events(events, [a, b, u]) == []
    even = _putin_call("e", None, {"UA", "US"})
    twin = _putin_call("b", 20, {"UA", "US"})
    events = group([a, twin, even])
    assert not any("e" in e.reports and len(e.reports) > 1 for e in events)


def test_a_press_secretary_who_tells_of_a_visit_takes_no_part_in_it() -> None:
    """Akorda's press secretary, named throughout a Kazakh report of Xi's visit, is not the
    one Xi met: the contact is Xi and Tokayev."""
    told = dataclasses.replace(
        _report("k", None, set(), kinds={"visit"}),
        leaders=(("xi-jinping", 7.5), ("ruslan-zheldibay", 6.5), ("kassym-jomart-tokayev", 2.0)),
    )
    assert contact_keys(told) == [("kassym-jomart-tokayev", "xi-jinping")]


def test_one_shared_number_groups_an_undated_report_but_dates_it_not() -> None:
    """An undated report sharing one number (a sum, a count) with the one dated call of the
    same presidents is that call's report; one number is too little to take its date."""
    a = _putin_call("a", 3, set())
    a = dataclasses.replace(a, numbers=frozenset({"25"}))
    u = dataclasses.replace(_putin_call("u", None, set()), numbers=frozenset({"25"}))
    bare = _putin_call("b", None, set())
    events = group([a, u, bare])
    assert any({"a", "u"} <= set(e.reports) for e in events)
    assert not any("b" in e.reports and len(e.reports) > 1 for e in events)
    assert date_events(events, [a, u, bare]) == []


def test_a_leader_named_in_passing_makes_no_contact_of_his_own() -> None:
    """A call between Putin and Tokayev "after Tokayev's meeting with Zelensky" is no contact
    of Tokayev and Zelensky (it linked that call to Zelensky's own calls); a round-up naming
    each callee once pairs the caller with each; a compatriot of the guest is no participant."""
    call = dataclasses.replace(
        _report("c", 3, set()),
        leaders=(("kassym-jomart-tokayev", 12.0), ("vladimir-putin", 11.0), ("volodymyr-zelensky", 2.5)),
        affiliations={"kassym-jomart-tokayev": "KZ", "vladimir-putin": "RU", "volodymyr-zelensky": "UA"},
    )
    assert contact_keys(call) == [("kassym-jomart-tokayev", "vladimir-putin")]
    round_up = dataclasses.replace(
        call,
        leaders=(("vladimir-putin", 10.0), ("alexander-lukashenko", 1.0), ("kassym-jomart-tokayev", 1.0)),
        affiliations={"vladimir-putin": "RU", "alexander-lukashenko": "BY", "kassym-jomart-tokayev": "KZ"},
    )
    assert contact_keys(round_up) == [
        ("alexander-lukashenko", "vladimir-putin"),
        ("kassym-jomart-tokayev", "vladimir-putin"),
    ]
    greetings = dataclasses.replace(
        call,
        leaders=(("kassym-jomart-tokayev", 8.5), ("zhao-leji", 6.5), ("xi-jinping", 4.5)),
        affiliations={"kassym-jomart-tokayev": "KZ", "zhao-leji": "CN", "xi-jinping": "CN"},
    )
    assert contact_keys(greetings) == [("kassym-jomart-tokayev", "zhao-leji")]


def test_a_report_that_names_its_kind_outright_is_of_that_kind() -> None:
    """ "Путин созвонился с Токаевым" is a call though its lead speaks of talks ("переговоры"):
    it is never linked to a meeting."""
    assert stated_class("Путин созвонился с лидером Казахстана") == "call"
    assert stated_class("Зеленьский Тоқаевқа телефон шалып, үш тақырып бойынша пікір алмасты") == "call"
    assert stated_class("Tokayev held a phone call with Macron") == "call"
    assert stated_class("Токаев провел переговоры с Путиным в Кремле") is None
    call = dataclasses.replace(
        _report("c", None, {"25"}, kinds={"meeting"}), head_class="call", numbers=frozenset({"25", "80"})
    )
    meeting = dataclasses.replace(
        _report("m", None, {"25"}, kinds={"meeting"}), numbers=frozenset({"25", "80"})
    )
    assert report_class(call) == "call"
    assert not any({"c", "m"} <= set(e.reports) for e in group([call, meeting]))


def test_an_undated_report_gives_the_day_its_headline_ties_to_the_contact() -> None:
    """The day in the clause that says the contact took place, or a dateline's; not the day
    of another event the same sentence recalls."""
    assert stated_days("Путин и Токаев днем 17 августа провели телефонные переговоры.") == {(8, 17)}
    assert stated_days("Заголовок\nКИЕВ. 2 ақпан. Украина президенті телефон шалып") == {(2, 2)}
    assert (
        stated_days(
            "Токаев провел телефонный разговор с Путиным и поздравил его с итогами встречи "
            "с Трампом, состоявшейся 15 августа в Анкоридже."
        )
        == set()
    )


def test_places_count_but_a_datelines_place_does_not() -> None:
    """The agency's own city opening a dateline names no venue; Moscow and the Kremlin in
    the text do, in any case ending."""
    text = "Астана. 3 июля. КазТАГ – церемония в Акорде\nТокаев прибыл в Москву, в Кремль"
    assert places_in(text) == frozenset({"akorda", "moscow", "kremlin"})
    assert places_in("НУР-СУЛТАН, 2 февраля. /ТАСС/. Встреча началась") == frozenset()


def test_a_register_person_spelt_another_way_is_the_register_person() -> None:
    """The Kazakh press's «Володимир Зеленьский» (a discovered person) is the register's
    Zelensky: one participant in every script."""
    assert _skeleton("volodimir-zelenskii") == _skeleton("volodymyr-zelensky")
    leaders, own = _as_register(
        [("kassym-jomart-tokayev", 7.5), ("volodimir-zelenskii", 3.5)],
        {"kassym-jomart-tokayev": "KZ", "volodimir-zelenskii": "UA"},
        {"volodimir-zelenskii": "volodymyr-zelensky"},
    )
    assert leaders == [("kassym-jomart-tokayev", 7.5), ("volodymyr-zelensky", 3.5)]
    assert own == {"kassym-jomart-tokayev": "KZ", "volodymyr-zelensky": "UA"}


def test_a_summit_report_pairs_its_speaker_with_the_organisation() -> None:
    """Reports of one OTS summit name different leaders beside Tokayev (the next host in
    one, the chair in another); all of them name the summit of the OTS, which is the key
    they share, in any language and case."""
    from app.loader.events import summits_in

    assert summits_in("Түркі мемлекеттері ұйымының ХІ саммиті келесі жылы өтеді", {"OTS", "UN"}) == {"OTS"}
    assert summits_in("на 10-м саммите Организации тюркских государств", {"OTS", "UN"}) == {"OTS"}
    assert summits_in("Токаев высказался об Организации тюркских государств", {"OTS"}) == frozenset()
    speech = dataclasses.replace(
        _report("s", None, set()),
        leaders=(("kassym-jomart-tokayev", 4.5), ("shavkat-mirziyoyev", 2.0)),
        affiliations={"kassym-jomart-tokayev": "KZ", "shavkat-mirziyoyev": "UZ"},
        organisations=frozenset({"OTS"}),
        summit_of=frozenset({"OTS"}),
    )
    assert ("kassym-jomart-tokayev", "org:OTS") in contact_keys(speech)
    # The organisation of the key tells no summit from another: Mirziyoyev and Uzbekistan do.
    other = dataclasses.replace(speech, id="t")
    assert distinctive(speech, other, ("kassym-jomart-tokayev", "org:OTS")) == 2.0


def test_a_stored_report_is_the_report_and_one_of_other_word_lists_is_derived_again() -> None:
    """A later load regroups from the stored rows (article_event_report) instead of the
    texts: a row must give back the very report, and a row derived with other data files
    (another `v`) none, so that it is derived again."""
    report = dataclasses.replace(
        _report("r", None, {"25", "80"}, kinds={"meeting", "visit"}),
        month_day=(7, 3),
        places=frozenset({"akorda"}),
        years=frozenset({2024}),
        headline_kinds=frozenset({"visit"}),
        head_class="call",
        summit_of=frozenset({"SCO"}),
        affiliations={"kassym-jomart-tokayev": "KZ"},
    )
    data = json.loads(json.dumps(event_store.report_data(report)))
    again = event_store.report_from("r", data)
    assert again == report and again is not None and again.keys == report.keys
    assert event_store.report_from("r", {**data, "v": "other"}) is None


def test_an_event_is_of_its_participants_countries_as_reported_and_of_what_its_key_names() -> None:
    """The countries an event is of (its facet and filter, the country pages' calendars):
    each participant's as the report states it, and the organisation of a summit or the
    country visited that its key names."""
    from app.loader.events import event_countries

    summit = dataclasses.replace(
        _report("s", 3, set()),
        leaders=(("kassym-jomart-tokayev", 4.5),),
        affiliations={"kassym-jomart-tokayev": "KZ"},
        organisations=frozenset({"OTS"}),
        summit_of=frozenset({"OTS"}),
    )
    (event,) = group([summit])
    assert event.participants == ["kassym-jomart-tokayev"] and event.countries == ["KZ", "OTS"]
    assert event_countries(("country:KZ", "xi-jinping"), ["xi-jinping"], [summit]) == ["KZ"]
