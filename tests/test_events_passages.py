"""Round 18 of the events (issue 14): a passage two reports both hold, word for word (an
agency's release reprinted by other outlets, a message quoted), counts beyond the pair as a
shared number does, but only when it is rare among the reports of the pair and makes up much
of the shorter report (data/event_grouping.toml `passage_*`; events.py `passages_in`,
`mark_rare`, `reprint`). A formula the press service repeats from call to call («Стороны
обсудили вопросы торгово-экономического сотрудничества ...») links no two calls: in many of
the pair's reports it is common, and in two long reports it is two or three runs of words of
many. Decided from every report of the pair, so a load that changes a few of them decides it
as a full grouping would (`Reach` reaches the holders of a run whose count crosses the bound).
Invented reports in Kazakh, Russian and English."""

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from app.i18n.evidence import link_reason
from app.loader.event_store import member_from
from app.loader.events import (
    PASSAGE_REASON,
    Event,
    Report,
    date_events,
    distinctive,
    group,
    passage_counts,
    passages_in,
    reach,
    settings,
)
from app.loader.pipeline import load
from tests.conftest import make_settings
from tests.events_builders import PUTIN, TOKAYEV, report
from tests.events_texts import FORMULA, OWN, RELEASE
from tests.test_events_incremental import _rows

LANGUAGES = ("ru", "kk", "en")
PAIR = ((TOKAYEV, 8.0), (PUTIN, 6.0))
KEY = (TOKAYEV, PUTIN)
# Two outlets' own openings around the passage they reprint.
OPENINGS = {
    "ru": ("Акорда сообщает. ", "Стали известны подробности телефонного разговора. "),
    "kk": ("Ақорда хабарлайды. ", "Телефон арқылы сөйлесудің мән-жайы белгілі болды. "),
    "en": ("Akorda reports. ", "Details of the phone conversation became known. "),
}


def _undated(ident: str, text: str, language: str = "ru", numbers: tuple[str, ...] = ()) -> Report:
    """An undated call of the pair naming the two and their countries, nothing else but its text."""
    return report(ident, leaders=PAIR, language=language, numbers=numbers, passages=passages_in(text))


def _together(events: list[Event], a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in events)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reprinted_release_is_found_in_each_language(language: str) -> None:
    first = passages_in(OPENINGS[language][0] + RELEASE[language])
    second = passages_in(OPENINGS[language][1] + RELEASE[language].upper())  # case does not matter
    assert len(first & second) >= settings().passage_min_runs


def test_the_case_the_rule_is_for() -> None:
    """Without the passage two reports of the pair share nothing beyond it (else the tests
    below would prove nothing)."""
    a, b = _undated("a", ""), _undated("b", "")
    assert distinctive(a, b, KEY) < settings().min_distinctive


@pytest.mark.parametrize("language", LANGUAGES)
def test_two_undated_reports_reprinting_one_release_are_one_event(language: str) -> None:
    a = _undated("arep", OPENINGS[language][0] + RELEASE[language], language)
    b = _undated("brep", OPENINGS[language][1] + RELEASE[language], language)
    events = group([a, b])
    assert _together(events, "arep", "brep")
    (event,) = [e for e in events if "arep" in e.reports]
    assert any(PASSAGE_REASON in reason for reason in event.reasons["brep"])


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_formula_two_calls_share_among_their_own_words_links_them_not(language: str) -> None:
    """Counterpart: two calls of the pair, each told in its own words, both closing on the
    press service's formula, are two calls: the formula is a few runs of the many each holds."""
    a = _undated("acall", f"{OWN[language][0]} {OWN[language][1]} {FORMULA[language][0]}", language)
    b = _undated("bcall", f"{RELEASE[language]} {FORMULA[language][0]}", language)
    assert a.passages & b.passages  # the formula is found in both
    assert not _together(group([a, b]), "acall", "bcall")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_formula_in_many_of_the_pair_s_reports_links_none(language: str) -> None:
    """Counterpart: short reports of seven calls of the pair, each mostly the formula: two of
    them alone look like copies of one text (and are linked), seven are the pair's template
    (`passage_max_reports`), and none is linked to another through it."""
    formula = " ".join(FORMULA[language])
    calls = [_undated(f"call{n}", formula, language, numbers=(str(10 + n),)) for n in range(7)]
    assert len(calls[0].passages) >= settings().passage_min_runs
    assert _together(group(calls[:2]), "call0", "call1")
    assert len(calls) > settings().passage_max_reports
    assert all(len(e.reports) == 1 for e in group(calls))


def test_a_translation_is_no_copy() -> None:
    """Counterpart: one release in Russian and in Kazakh (its words translated) stays apart."""
    russian = _undated("arep", OPENINGS["ru"][0] + RELEASE["ru"])
    kazakh = _undated("brep", OPENINGS["kk"][0] + RELEASE["kk"], "kk")
    assert not _together(group([russian, kazakh]), "arep", "brep")


def test_an_undated_reprint_joins_the_dated_report_it_copies_and_takes_its_date() -> None:
    day = dt.date(2023, 2, 7)
    dated = report("adated", date=day, leaders=PAIR, passages=passages_in(OPENINGS["ru"][0] + RELEASE["ru"]))
    undated = _undated("bcopy", OPENINGS["ru"][1] + RELEASE["ru"])
    other = _undated("cother", f"{OWN['ru'][0]} {FORMULA['ru'][0]}")
    reports = [dated, undated, other]
    events = group(reports)
    assert _together(events, "adated", "bcopy")
    assert not _together(events, "adated", "cother")
    assert [(d.report, d.date) for d in date_events(events, reports)] == [("bcopy", day)]


def test_why_reads_in_three_languages() -> None:
    a = _undated("arep", OPENINGS["ru"][0] + RELEASE["ru"])
    b = _undated("brep", OPENINGS["ru"][1] + RELEASE["ru"])
    (event,) = [e for e in group([a, b]) if "arep" in e.reports]
    (stored,) = [r for r in event.reasons["arep"] if PASSAGE_REASON in r]
    names = {TOKAYEV: "Tokayev", PUTIN: "Putin"}
    shown = {lang: link_reason(lang, stored, names) for lang in LANGUAGES}
    assert all(e.translated for e in shown.values()), shown
    assert "сөзбе-сөз" in shown["kk"].text
    assert "слово в слово" in shown["ru"].text
    assert "word for word" in shown["en"].text


def _by_key(reports: list[Report]) -> dict[tuple[str, str], list[Report]]:
    found: dict[tuple[str, str], list[Report]] = {}
    for r in reports:
        for key in r.keys:
            found.setdefault(key, []).append(r)
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_load_that_makes_a_passage_common_regroups_its_holders_as_a_full_grouping(language: str) -> None:
    """Pure: four undated reprints of one release are one event; a load adding two more
    outlets' copies makes its runs the pair's template (more than `passage_max_reports`
    reports hold them): what the new reports reach (`reach`, told which reports changed) holds
    the four, and grouped alone with the pair's counts it gives what a full grouping gives."""
    text = OPENINGS[language][0] + RELEASE[language]
    before = [_undated(f"r{n}", text, language) for n in range(4)]
    assert any(set(e.reports) == {"r0", "r1", "r2", "r3"} for e in group(before))
    added = [_undated(f"s{n}", text, language) for n in range(2)]
    after = before + added
    whole = {tuple(e.reports) for e in group(after)}
    by_key = _by_key(after)
    scope = reach(added, lambda key: by_key[key], changed={"s0", "s1"})
    assert {"r0", "r1", "r2", "r3"} <= scope.keys()
    counts = {key: passage_counts(reports) for key, reports in by_key.items()}
    part = sorted(scope.values(), key=lambda r: r.id)
    assert {tuple(e.reports) for e in group(part, counts.__getitem__)} == whole
    assert all(len(e) == 1 for e in whole)


def _names(data: Path) -> dict[str, set[str]]:
    """Each report's events, the reports by file name."""
    db = sqlite3.connect(f"file:{data / 'current' / 'archive.sqlite'}?mode=ro", uri=True)
    names = {ident: Path(name).stem for ident, name in db.execute("SELECT id, source_file FROM article")}
    found: dict[str, set[str]] = {}
    for event, article in db.execute("SELECT event_id, article_id FROM event_report"):
        found.setdefault(names[article], set()).add(event)
    db.close()
    return found


def test_loading_copies_that_make_a_release_common_regroups_as_a_fresh_load(tmp_path: Path) -> None:
    """Through the real loader: two outlets' undated Kazakh copies of one release are one
    event; a later load adding four more outlets' copies makes the release the pair's
    template, and the archive's events are a fresh load's (the first two apart); a load
    removing them again links the two again, as a fresh load does."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    head = (
        "Қазақстан Президенті Қасым-Жомарт Тоқаев Ресей Президенті Владимир Путинмен телефон арқылы сөйлесті"
    )
    release = f"{OWN['kk'][0]}\n\n{OWN['kk'][1]}"
    outlets = ["Kazinform", "Kazpravda.kz", "ERNUR.KZ", "KAZ.NUR.KZ", "Sputnik Казахстан", "Tengrinews"]

    def copy(n: int) -> Path:
        path = corpus / f"copy{n}.txt"
        path.write_text(f"{head}\n\n{outlets[n]} порталы хабарлайды.\n\n{release}\n", encoding="utf-8")
        return path

    copy(0), copy(1)
    (corpus / "other.txt").write_text(f"{head}\n\n{RELEASE['kk']}\n", encoding="utf-8")
    data = tmp_path / "data"
    settings = make_settings(data)
    assert load([corpus], settings).exit_code == 0
    events = _names(data)
    assert events["copy0"] == events["copy1"]
    assert not events["copy0"] & events["other"]
    added = [copy(n) for n in range(2, 6)]
    load([corpus], settings)
    fresh = tmp_path / "fresh"
    load([corpus], make_settings(fresh))
    assert _rows(data) == _rows(fresh)
    assert not _names(data)["copy0"] & _names(data)["copy1"]
    for path in added:
        path.unlink()
    load([corpus], settings)
    again = tmp_path / "again"
    load([corpus], make_settings(again))
    assert _rows(data) == _rows(again)
    assert _names(data)["copy0"] == _names(data)["copy1"]


def test_a_member_stored_before_the_runs_were_is_derived_again() -> None:
    """A key's row stored by the format before (four fields, no runs) is read as missing,
    not as a broken row: the load derives it again (`StoredReports.of`)."""
    assert member_from("x", json.dumps(["0ld0ld0ld0ld", None, None, ["c:UA"]])) is None
