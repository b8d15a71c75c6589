"""Round 16 of the events (issue 14): the occasion of a contact (an earthquake, a pandemic, an
inauguration: data/event_grouping.toml `occasion_topics`) that two undated reports of one pair
both speak of, in any of the three languages, counts beyond the pair, as a shared place or
number would: the Kazakh «зілзала» and the Russian «землетрясение» are one earthquake. A field
of the ties (trade, water) or an occasion that recurs (a birthday, an election) is none, and
a call and a message on one occasion are two contacts. Invented reports."""

import pytest

from app.loader.events import Report, group, settings
from app.text.event_words import topics_in
from tests.events_builders import ERDOGAN, TOKAYEV, report

PAIR = ((TOKAYEV, 8.0), (ERDOGAN, 6.0))


def _undated(ident: str, occasions: tuple[str, ...], kinds: tuple[str, ...] = ("message",)) -> Report:
    """An undated report naming the pair and their countries, nothing else."""
    return report(ident, kinds=kinds, leaders=PAIR, occasions=occasions, language="kk")


def _together(events: list, a: str, b: str) -> bool:
    return any({a, b} <= set(e.reports) for e in events)


def test_an_earthquake_is_one_topic_in_three_languages() -> None:
    for text in (
        "Тоқаев Түркиядағы зілзалаға байланысты көңіл айтты",
        "Токаев выразил соболезнования в связи с землетрясением",
        "Tokayev sent condolences over the earthquake",
    ):
        assert "earthquake" in topics_in(text)
    # A road accident is a disaster, not an earthquake.
    assert "earthquake" not in topics_in("жол-көлік апаттарынан көп адам қаза тапты")


def test_two_undated_reports_of_one_occasion_join() -> None:
    kazakh = _undated("akk", ("earthquake",))
    russian = _undated("bru", ("earthquake",))
    assert _together(group([kazakh, russian]), "akk", "bru")


def test_no_shared_occasion_or_another_kind_keeps_them_apart() -> None:
    """Counterparts: the same reports without a shared occasion, or a call beside a message
    on one earthquake, stay apart."""
    assert not _together(group([_undated("akk", ()), _undated("bru", ())]), "akk", "bru")
    assert not _together(group([_undated("akk", ("earthquake",)), _undated("bru", ("flood",))]), "akk", "bru")
    message = _undated("akk", ("earthquake",))
    call = _undated("bcall", ("earthquake",), kinds=("phone_call",))
    assert not _together(group([message, call]), "akk", "bcall")


@pytest.mark.parametrize(
    "text",
    [
        "After the earthquake the presidents spoke of the pandemic, oil and gas and a new railway.",
        "Президенты обсудили последствия землетрясения, выборы и транспортные коридоры.",
        "Мемлекет басшылары жер сілкінісі мен сайлау туралы сөйлесті.",
    ],
)
def test_the_occasions_asked_for_are_those_of_all_topics(text: str) -> None:
    """The grouping searches only the occasion topics: the same ones a search of every topic
    finds among them, and no topic it did not ask for."""
    occasions = settings().occasion_topics
    assert topics_in(text, occasions) == topics_in(text) & occasions
    assert topics_in(text, occasions) <= occasions
