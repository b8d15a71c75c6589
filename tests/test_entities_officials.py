"""Officials named with a role word (ministers, ambassadors, consuls, governors, akims) in
invented sentences that reproduce the kinds missed or garbled on real pages: a name glued
to the place or the words after it, a role word the lists lacked, a name in apposition."""

import datetime as dt

import pytest

from app.entities.extract import extract

DAY = dt.date(2025, 6, 1)


def discovered(text: str, language: str) -> set[str]:
    """The people found that the register does not know, by name."""
    return {link.name for link in extract("", [text], language, DAY).leaders if not link.in_register}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Павлодар облысының әкімі Серікбай Тоқтаров Жаңа Жыл мерекесін құттықтады.", "Серікбай Тоқтаров"),
        ("Омбы облысының губернаторы Семён Лаптев Солтүстік Қазақстан облысына келді.", "Семён Лаптев"),
        ("Әкім Айгүл Мұқанова Құрметті Консулдықтың ашылуына қатысты.", "Айгүл Мұқанова"),
        ("Елші Бақыт Жандосовпен Астанада кездесті.", "Бақыт Жандосов"),
    ],
)
def test_a_kazakh_name_ends_at_its_surname(text: str, name: str) -> None:
    assert discovered(text, "kk") == {name}
