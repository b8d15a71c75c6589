"""Loader round 10, people: a name after a long office (`Minister for … Services Name`, `…
of the Ministry of Foreign Affairs of <country> Name`), after a remark in brackets, in
apposition after an office opened by "for"; Kazakh case endings cut from foreign names
without asking for vowel harmony, and never a possessive; a register person's name with a
case ending the matcher did not read. Each with a counterpart that must stay. Invented names."""

import datetime as dt

import pytest

from app.entities.extract import extract
from tests.entity_probes import discovered

DAY = dt.date(2025, 6, 1)


def people(text: str, language: str) -> dict[str, bool]:
    return {link.slug: link.in_register for link in extract("", [text], language, DAY).leaders}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The envoy called on Federal Minister for Rural Roads and Water Services Tariq Hameed here.",
            "Tariq Hameed",
        ),
        (
            "He met the Undersecretary of the Treaty Division of the Ministry of Foreign Affairs of Malaysia"
            " Aminah Rahim Yusof.",
            "Aminah Rahim Yusof",
        ),
        ("He met the Minister for Youth Policy and Sports Adilet Nurzhan in Astana.", "Adilet Nurzhan"),
    ],
)
def test_a_name_after_a_long_office(text: str, name: str) -> None:
    assert discovered(text, "en") == {name}


@pytest.mark.parametrize(
    "text",
    [
        "The envoy called on the Minister for Culture and Heritage Preservation here.",
        "The envoy called on the Minister for Religious Affairs and Interfaith Harmony here.",
        "He met the Undersecretary of the Treaty Division of the Ministry of Foreign Affairs of Malaysia.",
        "He met the General Secretary of the Socialist Party of Ruritania in Astana.",
    ],
)
def test_an_office_alone_names_no_one(text: str) -> None:
    assert discovered(text, "en") == set()


def test_two_offices_keep_their_own_names() -> None:
    text = (
        "He met the Minister of Science and Higher Education Nurlan Abenov"
        " and the Adviser for External Affairs Dana Sarsen."
    )
    assert discovered(text, "en") == {"Nurlan Abenov", "Dana Sarsen"}


def test_a_name_in_apposition_after_an_office_opened_by_for() -> None:
    text = "He met Minister for Religious Affairs and Interfaith Harmony, Rashid Aslam Bhatti and talked."
    assert discovered(text, "en") == {"Rashid Aslam Bhatti"}
    text = "He met Minister for Religious Affairs and Interfaith Harmony and discussed ties."
    assert discovered(text, "en") == set()


def test_a_remark_in_brackets_between_role_and_name() -> None:
    text = "Ambassador of Kazakhstan to Chile (concurrently) Daulet Omarov presented his credentials."
    assert discovered(text, "en") == {"Daulet Omarov"}
    text = "Ambassador of Kazakhstan to Chile (concurrently) presented his credentials."
    assert discovered(text, "en") == set()


def test_a_state_counsellor_is_a_named_official() -> None:
    assert discovered("State Counsellor Marat Zhanov met the delegation.", "en") == {"Marat Zhanov"}
    assert discovered("The State Counsellor met the delegation.", "en") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # accusative -ді after р: the name is Сабер (its -берді is no verb after two letters)
        ("Облыс әкімі Испания елшісі Хосе Саберді қабылдады.", "Хосе Сабер"),
        # genitive -тың after a front vowel: a foreign name keeps no harmony
        ("Моңғолия елшісі Батын Хүрэлсүхтың сапары туралы айтты.", "Батын Хүрэлсүх"),
        # dative after a final -ы: the ending goes, the name's own -ы stays
        ("Түркия консулы Али Рыза Акынджыға алғыс айтты.", "Али Рыза Акынджы"),
    ],
)
def test_a_case_ending_is_cut_from_a_foreign_name(text: str, name: str) -> None:
    assert discovered(text, "kk") == {name}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # a final -ы is no case ending: a name carries no possessive
        ("Түркия консулы Али Рыза Акынджы қатысты.", "Али Рыза Акынджы"),
        # a name made of a verb keeps its -ді
        ("Министр Ерлан Құдайберді сөз сөйледі.", "Ерлан Құдайберді"),
        ("Елші Серік Жұмабайұлы қатысты.", "Серік Жұмабайұлы"),
    ],
)
def test_a_name_without_a_case_ending_stays_whole(text: str, name: str) -> None:
    assert discovered(text, "kk") == {name}


def test_a_register_name_with_a_case_ending_is_the_register_person() -> None:
    text = "Елші Моңғолияның премьер-министрі Ухнаагийн Хүрэлсүхтың сапарына тоқталды."
    assert people(text, "kk") == {"ukhnaagiin-khurelsukh": True}
    text = "Елші Моңғолияның премьер-министрі Батын Хүрэлсэхтың сапарына тоқталды."
    assert people(text, "kk") == {"batyn-khurelsekh": False}


def register_people(text: str, language: str) -> set[str]:
    return {link.slug for link in extract("", [text], language, DAY).leaders if link.in_register}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Елордадағы «Ататүрік» саябағында ескерткіш бой көтерді.", "kk"),
        ("The Ataturk Park in Astana hosted a concert.", "en"),
        ("В парке «Ататюрк» прошёл концерт.", "ru"),
        ("В Астане на проспекте Назарбаева прошёл концерт.", "ru"),
    ],
)
def test_a_place_named_after_a_person_names_no_one(text: str, language: str) -> None:
    assert register_people(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "slug"),
    [
        ("Алматыда Мұстафа Ататүрікке арналған ескерткіш ашылды.", "kk", "mustafa-kemal-ataturk"),
        ("Ataturk said that the park would open.", "en", "mustafa-kemal-ataturk"),
        ("В Астане Назарбаев открыл парк.", "ru", "nursultan-nazarbayev"),
    ],
)
def test_the_person_beside_a_place_word_is_still_named(text: str, language: str, slug: str) -> None:
    assert register_people(text, language) == {slug}


def test_a_name_in_apposition_opens_its_clause() -> None:
    text = "The Ambassador of Kazakhstan to Chile, Daulet Omarov this week met the minister."
    assert discovered(text, "en") == {"Daulet Omarov"}
    # a role's word after the words makes them an office, not a name
    text = "The Ambassador of Kazakhstan, Astana Hub director spoke."
    assert discovered(text, "en") == set()


def test_an_adjective_after_the_is_the_office_s() -> None:
    text = "Executive Secretary of the ruling Unity Party Marat Seitov attended the talks."
    assert discovered(text, "en") == {"Marat Seitov"}
    assert discovered("Executive Secretary of the ruling Unity Party attended the talks.", "en") == set()


def test_a_body_s_short_name_in_brackets_is_the_office_s() -> None:
    text = (
        "He met the Secretary General of the Regional Cooperation Commission of the Shanghai"
        " Cooperation Organization (SCO) Zheng Wen."
    )
    assert discovered(text, "en") == {"Zheng Wen"}
    text = "He met the Secretary General of the Shanghai Cooperation Organization (SCO) in Astana."
    assert discovered(text, "en") == set()


def test_an_administrator_is_a_named_official() -> None:
    assert discovered("He met UNDP Associate Administrator Haoliang Wen in New York.", "en") == {
        "Haoliang Wen"
    }
    assert discovered("He met the UNDP Associate Administrator in New York.", "en") == set()


def test_a_name_in_apposition_after_an_office_that_names_another_person() -> None:
    text = (
        "The spokesman of the former President of Kazakhstan Nursultan Nazarbayev, Aidar Tleubai,"
        " commented on the visit."
    )
    assert discovered(text, "en") == {"Aidar Tleubai"}
    text = (
        "The spokesman of the former President of Kazakhstan Nursultan Nazarbayev, said the visit went well."
    )
    assert discovered(text, "en") == set()


def test_a_verb_made_surname_ends_the_name_before_a_proper_noun() -> None:
    text = "Қазақстанның Елшісі Дархан Сатыбалды Орталық Азия институтының директорымен кездесті."
    assert discovered(text, "kk") == {"Дархан Сатыбалды"}
    # a patronymic does not end it: a surname may follow
    assert discovered("Елшісі Нұрлан Асқарұлы Бекенов келді.", "kk") == {"Нұрлан Асқарұлы Бекенов"}


def test_capitalised_words_after_a_role_without_a_name_stay_out() -> None:
    assert discovered("Министр Орталық Азия форумында сөйледі.", "kk") == set()
