"""A page with no headline of its own, whose lead is its headline too, says what took place in
the next paragraph (event_store.py `_saying_more`): «Накануне прошел телефонный разговор» there
makes the report one of a call, which no report of a meeting of the pair joins."""

from pathlib import Path

from app.loader.event_store import _saying_more
from app.loader.pipeline import load
from tests.conftest import event_rows, make_settings

CALL = (
    "Токаева пригласили на саммит по Украине в Женеве, следует из сообщения правительства Германии.\n\n"
    "Накануне прошел телефонный разговор президента Казахстана Касым-Жомарта Токаева с федеральным "
    "канцлером ФРГ Олафом Шольцем. Стороны обсудили торговлю и ситуацию на Украине.\n"
)
MEETING = (
    "Шольц и Токаев провели переговоры в Астане\n\nФедеральный канцлер Германии Олаф Шольц и президент "
    "Казахстана Касым-Жомарт Токаев провели переговоры в Акорде, обсудили торговлю и ситуацию на "
    "Украине.\n"
)


def test_a_lead_repeating_the_headline_gives_way_to_the_next_paragraph() -> None:
    body = "Токаева пригласили на саммит.\n\nНакануне прошел телефонный разговор."
    assert _saying_more("Токаева пригласили на саммит", "Токаева пригласили на саммит.", body) == (
        "Накануне прошел телефонный разговор."
    )


def test_a_lead_saying_more_than_the_headline_stays() -> None:
    lead = "Токаева пригласили на саммит, сообщило правительство Германии."
    body = f"{lead}\n\nНакануне прошел телефонный разговор."
    assert _saying_more("Токаева пригласили на саммит", lead, body) == lead


def test_the_call_and_a_meeting_of_the_pair_stay_two_events(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ru-call.txt").write_text(CALL, encoding="utf-8")
    (corpus / "ru-meeting.txt").write_text(MEETING, encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).exit_code == 0
    events = event_rows(tmp_path / "data")
    assert not [files for files in events.values() if {"ru-call", "ru-meeting"} <= files]
    assert any("ru-call" in files for files in events.values())
