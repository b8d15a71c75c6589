"""Matching register names in any case form and script, discovery, role titles, events."""

import datetime as dt

import pytest

from app.entities.events import detect_events
from app.entities.extract import extract
from app.entities.matcher import entities_for_word, match_aliases


def keys(text: str, entity_type: str) -> list[str]:
    return [m.key for m in match_aliases(text) if m.entity_type == entity_type]


@pytest.mark.parametrize(
    "text",
    [
        "Встреча с Токаевым прошла в Астане.",
        "Телеграмма Токаеву пришла утром.",
        "Президент Тоқаевқа хат жолдады.",
        "Тоқаевтың сапары аяқталды.",
        "Kassym-Jomart Tokayev met the delegation.",
        "Касым-Жомартом Кемелевичем Токаевым подписан указ.",
    ],
)
def test_tokayev_in_any_form(text: str) -> None:
    assert "kassym-jomart-tokayev" in keys(text, "leader")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Делегация Израиля прибыла.", "IL"),
        ("Сотрудничество с Израилем растёт.", "IL"),
        ("Израильдің елшісі келді.", "IL"),
        ("Қытайға сапар.", "CN"),
        ("Товарооборот с КНР вырос.", "CN"),
        ("ҚХР-мен келісім.", "CN"),
        ("Переговоры с Китаем.", "CN"),
        ("Ресеймен ынтымақтастық.", "RU"),
        ("Визит в Российскую Федерацию.", "RU"),
        ("Отношения с США.", "US"),
        ("АҚШ-тың өкілі.", "US"),
        ("Talks with the United States.", "US"),
        ("Кыргызская Республика и Казахстан.", "KG"),
    ],
)
def test_country_names_in_any_form(text: str, code: str) -> None:
    assert code in keys(text, "country")


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Израильская сторона предложила.", "IL"),
        ("Глава израильского МИД.", "IL"),
        ("қытайлық инвесторлар", "CN"),
        ("American investors arrived.", "US"),
    ],
)
def test_demonyms_are_a_weaker_kind_of_mention(text: str, code: str) -> None:
    mentions = [m for m in match_aliases(text) if m.entity_type == "country"]
    assert [(m.key, m.kind) for m in mentions] == [(code, "demonym")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Саммит ШОС в Астане.", "SCO"),
        ("ШЫҰ саммиті.", "SCO"),
        ("Шанхайской организации сотрудничества", "SCO"),
        ("Біріккен Ұлттар Ұйымының жұмысы", "UN"),
        ("в рамках СВМДА", "CICA"),
        ("Организации тюркских государств", "OTS"),
    ],
)
def test_organisations(text: str, code: str) -> None:
    assert code in keys(text, "organisation")


def test_common_words_are_not_countries() -> None:
    assert keys("Кроме того, стороны обсудили торговлю.", "country") == []
    assert keys("Бейжіңде және Азиядағы жиында.", "country") == []


def test_a_query_word_names_its_entity() -> None:
    assert ("leader", "kassym-jomart-tokayev") in entities_for_word("Tokayev")
    assert ("leader", "kassym-jomart-tokayev") in entities_for_word("Тоқаевқа")
    assert ("country", "CN") in entities_for_word("Қытай")
    assert ("country", "CN") in entities_for_word("КНР")
    assert ("country", "CN") in entities_for_word("китая")


def test_unknown_russian_leader_is_discovered_with_role() -> None:
    found = extract(
        "Переговоры в Астане",
        ["Касым-Жомарт Токаев встретился с Президентом Республики Кирибати Танети Маамау."],
        "ru",
        dt.date(2024, 5, 1),
    )
    unknown = [link for link in found.leaders if not link.in_register]
    assert [(u.name, u.affiliation) for u in unknown] == [("Танети Маамау", "KI")]
    assert "Президентом Республики Кирибати" in (unknown[0].role_title or "")


def test_unknown_kazakh_leader_is_discovered_with_role() -> None:
    found = extract(
        "Кездесу",
        ["Мемлекет басшысы Кирибати Президенті Танети Маамауды қабылдады."],
        "kk",
        None,
    )
    unknown = [link for link in found.leaders if not link.in_register]
    assert [(u.name, u.affiliation) for u in unknown] == [("Танети Маамау", "KI")]
    assert unknown[0].role_title == "Кирибати Президенті"


def test_a_title_is_resolved_only_for_a_date_the_register_covers() -> None:
    paragraph = ["Президент Израиля посетит Астану."]
    in_2020 = extract("Визит", paragraph, "ru", dt.date(2020, 6, 1))
    in_2026 = extract("Визит", paragraph, "ru", dt.date(2026, 1, 27))
    undated = extract("Визит", paragraph, "ru", None)
    assert [link.slug for link in in_2020.leaders] == ["reuven-rivlin"]
    assert [link.slug for link in in_2026.leaders] == ["isaac-herzog"]
    assert all(link.resolved_from_title for link in in_2026.leaders)
    assert undated.leaders == [] and undated.unresolved_titles == ["Президент Израиля"]


def test_a_bare_common_surname_needs_the_full_name_first() -> None:
    found = extract("Новости", ["Путин провел совещание."], "ru", None)
    assert [link.slug for link in found.leaders] == ["vladimir-putin"]


@pytest.mark.parametrize(
    ("title", "paragraphs", "expected"),
    [
        (
            "Токаев поздравил Эрдогана",
            ["Глава государства направил поздравительную телеграмму."],
            ["message", "congratulation"],
        ),
        ("Мирзиёев прибыл с визитом", ["Президент Узбекистана посетил Астану."], ["visit"]),
        ("Тоқаев Путинмен телефон арқылы сөйлесті", [], ["phone_call"]),
        ("Tokayev invites Macron to visit Astana", [], ["invitation"]),
    ],
)
def test_event_types(title: str, paragraphs: list[str], expected: list[str]) -> None:
    assert detect_events(title, paragraphs) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Prime Minister spoke to students at Nazarbayev University in Astana.", "en"),
        ("Премьер-министр выступил перед студентами в Назарбаев Университете.", "ru"),
        ("Үндістан премьері Астанадағы Назарбаев Университетінде сөз сөйледі.", "kk"),
    ],
)
def test_a_leader_s_name_on_an_institution_names_no_leader(text: str, language: str) -> None:
    found = extract("", [text], language, None)
    assert "nursultan-nazarbayev" not in [link.slug for link in found.leaders]


def test_the_leader_named_beside_an_institution_still_counts() -> None:
    found = extract("", ["Nursultan Nazarbayev visited the university in Astana."], "en", None)
    assert "nursultan-nazarbayev" in [link.slug for link in found.leaders]
