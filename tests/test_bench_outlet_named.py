"""The accuracy bench's test of whether a page names its publisher (bench/accuracy.py): the
name must stand as a name in the text, not inside another word or an address; a Cyrillic
name may carry a case ending. Invented text."""

import pytest

from bench.accuracy import names_outlet


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("RT", "the president will report to parliament"),  # letters inside a word
        ("Bugin", "write to mediabugin@example.org"),  # a part of an address
        ("Steppe", "the steppenews.kz portal"),  # a Latin name must end a word
    ],
)
def test_a_name_inside_another_word_is_not_named(name: str, text: str) -> None:
    assert not names_outlet(name, text.casefold())


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("RT", "the president told RT on Monday"),
        ("Bugin.kz", "© 2024 bugin.kz"),
        ("Век", "служба информации «века» сообщает"),  # a Cyrillic name in its genitive
        ("Steppe News", "says Steppe News's correspondent"),
    ],
)
def test_a_name_standing_as_a_name_is_named(name: str, text: str) -> None:
    assert names_outlet(name, text.casefold())
