"""Officials and leaders in the forms the held-out pages showed and the register or the role
reader missed: an English name before its role, a role the lists lacked (a marshal of a
senate, a chief of protocol, an ambassador extraordinary and plenipotentiary), a region or an
unknown place between role and name, a verb that makes the name an object, a past holder's
title, an institution named after an office, a name that ends a headline. Invented sentences."""

import datetime as dt

import pytest

from app.entities.extract import extract

DAY = dt.date(2025, 6, 1)


def people(title: str, text: str, language: str) -> dict[str, bool]:
    """Each person found, by name, and whether the register knows them."""
    return {link.name: link.in_register for link in extract(title, [text], language, DAY).leaders}


def discovered(text: str, language: str, title: str = "") -> set[str]:
    return {name for name, known in people(title, text, language).items() if not known}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # the name before its role, a comma between
        (
            "Talks between the Speaker and Ivan Petrenko, Ambassador of Ukraine to Kazakhstan, took place.",
            "Ivan Petrenko",
        ),
        ("Ivan Petrenko, Ambassador of Ukraine to Kazakhstan, presented his credentials.", "Ivan Petrenko"),
        # roles the lists lacked
        ("The Speaker met with Marshal of the Senate of Poland Jan Kowalczyk in Warsaw.", "Jan Kowalczyk"),
        ("Deputy Chief of Protocol Arman Seitkali explained the ceremony.", "Arman Seitkali"),
        (
            "The Speaker received Ambassador Extraordinary and Plenipotentiary of Iran in Kazakhstan "
            "Reza Karimi in Astana.",
            "Reza Karimi",
        ),
        # a region, or a place the gazetteer lacks, between the role and the name
        ("The Prime Minister met governor of Russia’s Tomsk oblast Pavel Orlov in Astana.", "Pavel Orlov"),
        (
            "The delegation was headed by the President of Tatarstan Ildar Gabdrakhmanov.",
            "Ildar Gabdrakhmanov",
        ),
        (
            "The delegation was headed by the President of republic Ildar Gabdrakhmanov.",
            "Ildar Gabdrakhmanov",
        ),
    ],
)
def test_english_officials_the_role_reader_missed(text: str, name: str) -> None:
    assert discovered(text, "en") == {name}


@pytest.mark.parametrize(
    "text",
    [
        "In New York, Ambassador of Kazakhstan spoke at the session.",
        "The Bank of America Merrill Lynch, Chairman of the board said.",
        "The Speaker met with Marshal of the Senate of Poland in Warsaw.",
    ],
)
def test_no_person_from_a_place_or_a_company_before_a_role(text: str) -> None:
    assert discovered(text, "en") == set()


def test_a_name_after_a_verb_is_the_role_holders_object() -> None:
    # «Глава государства принял … Ивана Смирнова»: the governor, not the head of state
    text = "Глава государства принял губернатора Томской области России Ивана Смирнова."
    found = extract("", [text], "ru", DAY).leaders
    assert [(link.name, link.role_title) for link in found if not link.in_register] == [
        ("Иван Смирнов", "губернатора")
    ]
    assert discovered("Президент поблагодарил Ивана Смирнова за поддержку диаспоры.", "ru") == set()


def test_a_name_that_ends_a_headline_is_whole() -> None:
    title = "Глава государства принял губернатора Томской области России Ивана Смирнова"
    assert discovered("Стороны обсудили торговлю.", "ru", title=title) == {"Иван Смирнов"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("По данным официального сайта первого президента РК, встреча прошла в Москве.", "ru"),
        ("The former President of Kazakhstan visited Moscow for a private meeting.", "en"),
        ("Бұрынғы Қазақстан Президенті Мәскеуге барды.", "kk"),
        ("He met the Head of the Administration of the President of Kazakhstan in Astana.", "en"),
        ("Он встретился с руководителем Администрации Президента Казахстана.", "ru"),
    ],
)
def test_a_past_holders_title_or_an_institution_resolves_to_no_one(text: str, language: str) -> None:
    # On DAY the office's holder is Tokayev; these titles are not his.
    assert "Kassym-Jomart Tokayev" not in people("", text, language)


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Спикер Мажилиса принял участие в мероприятиях к 100-летию Гейдара Алиева.", "ru", "Heydar Aliyev"),
        ("Мәжіліс төрағасы Гейдар Әлиевтің 100 жылдығына арналған жиынға қатысты.", "kk", "Heydar Aliyev"),
        ("Алмазбек Атамбаев оказался единственным иностранным гостем.", "ru", "Almazbek Atambayev"),
        ("The memoirs recall the talks of Boris Yeltsin and Nursultan Nazarbayev.", "en", "Boris Yeltsin"),
    ],
)
def test_former_leaders_the_press_still_names(text: str, language: str, name: str) -> None:
    assert people("", text, language).get(name) is True


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Си мырза қонақтардың үшеуімен ғана кездесу өткізді.", "kk"),
        ("Mr Xi met only three of the guests.", "en"),
        ("Господин Си встретился лишь с тремя гостями.", "ru"),
    ],
)
def test_a_short_surname_with_a_courtesy_title_is_the_leader(text: str, language: str) -> None:
    # "Си" alone is too short to name anyone; the title says a person is meant
    assert people("", text, language) == {"Xi Jinping": True}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Қонақтар ас ішті, си мырза деп айтты.", "kk"),  # no capital: no name
        ("Mr Aliyev spoke at the forum.", "en"),  # two register leaders are Aliyev
    ],
)
def test_a_courtesy_title_names_no_one_without_a_capital_or_with_two_owners(text: str, language: str) -> None:
    assert people("", text, language) == {}


def test_a_kazakh_deputy_after_the_office_is_not_its_holder() -> None:
    # «Премьер-Министрінің орынбасары»: the Prime Minister's deputy, not the Prime Minister
    deputy = "Қазақстан Премьер-Министрінің орынбасары елшіні қабылдады."
    holder = "Қазақстан Премьер-Министрі елшіні қабылдады."
    day = dt.date(2023, 4, 26)
    assert [link.name for link in extract("", [deputy], "kk", day).leaders] == []
    assert [link.name for link in extract("", [holder], "kk", day).leaders] == ["Alikhan Smailov"]
