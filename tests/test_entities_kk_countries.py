"""Countries in Kazakh text (round 14): the adjective of belonging made from any country's
Kazakh name with vowel harmony (кениялық, перулік, мальталық: none listed by hand), a name
the exclusions block read inside its official name («Того Республикасы»), and a country word that begins an
institution's proper name («Мальта Ордені», «қазақ-түрік университеті») left out. Each with
counterparts that must stay: a city alone gives no country, a country word inside a name
counts no country, a common word that looks like a suffixed name is none. Invented text."""

import pytest

from app.text import kazakh
from tests.entity_probes import countries


@pytest.mark.parametrize(
    ("name", "adjectives"),
    [
        ("Қытай", ["қытайлық"]),
        ("Ресей", ["ресейлік"]),
        ("Қазақстан", ["қазақстандық"]),
        ("Франция", ["франциялық"]),
        ("Египет", ["египеттік"]),
        ("Израиль", ["израильдық", "израильдік"]),
    ],
)
def test_adjective_of_belonging_follows_harmony_and_the_last_sound(name: str, adjectives: list[str]) -> None:
    assert kazakh.derived_forms(name, "adjective") == adjectives


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Кениялық делегация Астанаға келді.", "KE"),
        ("Чилилік әріптестер кездесуге қатысты.", "CL"),
        ("Эфиопиялық компаниялармен келісім жасалды.", "ET"),
        ("Мальталық инвесторлармен кездесу өтті.", "MT"),
        ("Перулік тарап ұсыныс жасады.", "PE"),
    ],
)
def test_adjective_made_from_a_country_name_names_the_country(text: str, code: str) -> None:
    assert code in countries(text, "kk")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Того Республикасының Президенті Астанаға келді.", "TG"),
        ("Президент Того Республикасымен ынтымақтастықты талқылады.", "TG"),
        ("Президент Республики Того прибыл в Астану.", "TG"),
    ],
)
def test_excluded_name_counts_inside_its_official_name(text: str, code: str) -> None:
    assert code in countries(text, "kk" if "Республикас" in text else "ru")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Сенатор Ватиканда Егеменді Мальта Орденінің Ұлы Магистрімен кездесті.", "MT"),
        ("Делегация Халықаралық қазақ-түрік университетіне барды.", "TR"),
        ("Студенттер Американ Университетінде оқиды.", "US"),
    ],
)
def test_country_word_that_begins_an_institutions_name_is_no_party(text: str, code: str) -> None:
    assert code not in countries(text, "kk")


# Counterparts that must stay as they were.
@pytest.mark.parametrize(
    ("text", "code", "found"),
    [
        ("Ресей университеттері мен ғалымдары форумға қатысты.", "RU", True),  # no proper name
        ("Министр Мальтада мальталық әріптесімен кездесті.", "MT", True),
        ("Қытайға, Түркиямен, Ресейдің және Францияда.", "TR", True),
        ("Ол того не стоит.", "TG", False),  # the pronoun, as before
        ("Жиын Бейжіңде өтті.", "CN", False),  # a city alone gives no country
        ("Елшілер қатарында министрлер болды.", "QA", False),  # «қатар» a row, no Qatar
    ],
)
def test_counterparts_stay(text: str, code: str, found: bool) -> None:
    assert (code in countries(text, "kk" if any(c in text for c in "әғқңөұүі") else "ru")) is found


def test_cyrillic_name_one_letter_off_is_that_country() -> None:
    text = "Чехия, Румыния, Словокия және Германия елшілері келді."
    assert "SK" in countries(text, "kk")


@pytest.mark.parametrize(
    ("text", "code", "found"),
    [
        ("Словения елшісі келді.", "SK", False),  # two letters off Словакия: another country
        ("Словения елшісі келді.", "SI", True),
        ("Болгар елшісі келді.", "BG", False),  # too short to be read as a typo
    ],
)
def test_cyrillic_misspelling_counterparts(text: str, code: str, found: bool) -> None:
    assert (code in countries(text, "kk")) is found
