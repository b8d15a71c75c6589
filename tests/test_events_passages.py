"""Round 17 of the events (issue 14): a passage two reports both hold, word for word (an
agency's release reprinted by other outlets, a message quoted), counts beyond the pair, as a
shared number does (data/event_grouping.toml `passage_words`, `passage_sample`,
`passage_weight`; events.py `passages_in`). Two undated reports of one pair and kind that share
nothing else are one contact when they reprint one passage; two that share only a turn of
phrase of a few words, or the same message in two languages (a translation is not a copy),
stay apart. Invented reports in Kazakh, Russian and English."""

import datetime as dt

import pytest

from app.i18n.evidence import link_reason
from app.loader.events import PASSAGE_REASON, Report, distinctive, group, passages_in, settings
from tests.events_builders import NAZARBAYEV, TOKAYEV, report

PAIR = ((TOKAYEV, 8.0), (NAZARBAYEV, 6.0))
KEY = (TOKAYEV, NAZARBAYEV) if TOKAYEV < NAZARBAYEV else (NAZARBAYEV, TOKAYEV)

# A message as each language's press quotes it: one passage, reprinted by two outlets.
QUOTED = {
    "ru": (
        "В своем поздравлении Нурсултан Назарбаев отметил, что результаты выборов стали "
        "убедительным свидетельством доверия народа, а в сложный период вы проявили мудрость, "
        "стойкость и непоколебимость в защите интересов страны, и пожелал успехов в работе."
    ),
    "kk": (
        "Құттықтауында Нұрсұлтан Назарбаев сайлау нәтижелері халық сенімінің айқын дәлелі "
        "болғанын атап өтіп, қиын кезеңде сіз ел мүддесін қорғауда даналық, табандылық пен "
        "қайсарлық таныттыңыз деп, жұмысыңызға табыс тіледі және ел игілігі үшін еңбек етуге шақырды."
    ),
    "en": (
        "In his message Nursultan Nazarbayev noted that the results of the election were a "
        "convincing sign of the people's trust, and that in a difficult period you showed wisdom, "
        "resilience and steadfastness in defending the interests of the country, and wished him success."
    ),
}
# Two outlets' own openings around the passage.
OPENINGS = ("Елбасы направил поздравление. ", "Сегодня стало известно о поздравлении Первого Президента. ")


def _undated(ident: str, text: str, language: str = "ru") -> Report:
    """An undated message of the pair naming the two and their countries, nothing else but its text."""
    return report(ident, kinds=("message",), leaders=PAIR, language=language, passages=passages_in(text))


def _together(events: list, a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in events)


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_a_reprinted_passage_is_found_in_each_language(language: str) -> None:
    first = passages_in(OPENINGS[0] + QUOTED[language])
    second = passages_in(OPENINGS[1] + QUOTED[language].upper())  # case does not matter
    assert first & second


def test_the_case_the_rule_is_for() -> None:
    """Without the passage the two reports share nothing beyond the pair (else the test below
    would prove nothing)."""
    a = report("a", kinds=("message",), leaders=PAIR)
    b = report("b", kinds=("message",), leaders=PAIR)
    assert distinctive(a, b, KEY) < settings().min_distinctive


@pytest.mark.parametrize("language", ["ru", "kk", "en"])
def test_two_undated_reports_reprinting_one_passage_are_one_event(language: str) -> None:
    a = _undated("arep", OPENINGS[0] + QUOTED[language], language)
    b = _undated("brep", OPENINGS[1] + QUOTED[language], language)
    events = group([a, b])
    assert _together(events, "arep", "brep")
    (event,) = [e for e in events if "arep" in e.reports]
    assert any(PASSAGE_REASON in reason for reason in event.reasons["arep"])


def test_a_turn_of_phrase_or_a_translation_is_no_shared_passage() -> None:
    """Counterparts: two messages sharing only a formula of a few words, and one message in
    Russian and in Kazakh (the same words translated), stay apart."""
    formula = "пожелал успехов в работе"
    a = _undated("arep", "Назарбаев поздравил Токаева с днем рождения и " + formula + ".")
    b = _undated("brep", "Назарбаев поздравил Токаева с победой на выборах и " + formula + ".")
    assert not a.passages & b.passages
    assert not _together(group([a, b]), "arep", "brep")
    russian = _undated("arep", OPENINGS[0] + QUOTED["ru"])
    kazakh = _undated("brep", OPENINGS[0] + QUOTED["kk"], "kk")
    assert not _together(group([russian, kazakh]), "arep", "brep")


def test_an_undated_reprint_joins_the_dated_report_it_copies() -> None:
    dated = report(
        "adated",
        date=dt.date(2022, 11, 21),
        kinds=("message",),
        leaders=PAIR,
        passages=passages_in(OPENINGS[0] + QUOTED["ru"]),
    )
    undated = _undated("bcopy", OPENINGS[1] + QUOTED["ru"])
    other = _undated("ccopy", OPENINGS[1] + "Назарбаев поздравил Токаева с днем рождения.")
    events = group([dated, undated, other])
    assert _together(events, "adated", "bcopy")
    assert not _together(events, "adated", "ccopy")


def test_why_reads_in_three_languages() -> None:
    a = _undated("arep", OPENINGS[0] + QUOTED["ru"])
    b = _undated("brep", OPENINGS[1] + QUOTED["ru"])
    (event,) = [e for e in group([a, b]) if "arep" in e.reports]
    (stored,) = [r for r in event.reasons["arep"] if PASSAGE_REASON in r]
    names = {TOKAYEV: "Tokayev", NAZARBAYEV: "Nazarbayev"}
    shown = {lang: link_reason(lang, stored, names) for lang in ("kk", "ru", "en")}
    assert all(e.translated for e in shown.values()), shown
    assert "сөзбе-сөз" in shown["kk"].text
    assert "слово в слово" in shown["ru"].text
    assert "word for word" in shown["en"].text
