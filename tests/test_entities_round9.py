"""People of round 9 (issue 11, tuned on v1–v9), in Kazakh above all: a name made of a
past-tense verb keeps its -ды/-ді; an initial that fits a register person's given name,
before their surname in any case form, names them; a Kazakh surname written with the
Russian -ов/-ев is the register person of that given name; a secretary (`хатшысы`,
`секретарь`) is a role before a name. Each with a counterpart that must stay as it is.
Invented text."""

import pytest

from app.entities.extract import extract


def people(text: str, language: str) -> list[str]:
    return sorted(link.name for link in extract("", [text], language, None).leaders)


def slugs(text: str, language: str) -> list[str]:
    return sorted(link.slug for link in extract("", [text], language, None).leaders)


# --- a name made of a verb keeps its ending; an accusative is still cut


@pytest.mark.parametrize(
    "text",
    [
        "Облыс әкімі Ерлан Құдайберді делегацияны қабылдады.",
        "Облыс әкімі Ерлан Құдайбердіні делегация қарсы алды.",
        "Елші Ерлан Құдайбердімен кездесті.",
    ],
)
def test_a_name_made_of_a_verb_keeps_its_ending(text: str) -> None:
    assert people(text, "kk") == ["Ерлан Құдайберді"]


def test_an_accusative_ending_is_still_cut() -> None:
    assert people("Облыс әкімі Ерлан Қасымовты делегация қарсы алды.", "kk") == ["Ерлан Қасымов"]


# --- an initial that fits names the register person


@pytest.mark.parametrize(
    "text",
    [
        "Сапар аясында Президент И.Кәрімовпен кездесіп, келіссөздер жүргізді.",
        "Сапар аясында Президент И. Кәрімовпен кездесті.",
    ],
)
def test_a_fitting_initial_before_a_register_surname_names_the_person(text: str) -> None:
    assert slugs(text, "kk") == ["islam-karimov"]


def test_an_initial_of_another_name_names_no_register_person() -> None:
    assert "islam-karimov" not in slugs("Сапар аясында әкім А.Кәрімовпен кездесті.", "kk")


# --- a Kazakh surname with the Russian ending


def test_a_surname_with_the_russian_ending_is_the_register_person() -> None:
    text = "Сенат Аппаратының басшысы Мұрат Нұртілеуовтің елшімен кездесуі өтті."
    assert slugs(text, "kk") == ["murat-nurtleu"]


def test_the_same_surname_with_another_given_name_is_someone_else() -> None:
    text = "Сенат Аппаратының басшысы Ерлан Нұртілеуовтің елшімен кездесуі өтті."
    assert "murat-nurtleu" not in slugs(text, "kk")


# --- a secretary before a name


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Мәслихат хатшысы Жанат Оразбеков қонақтарды таныстырды.", "kk", ["Жанат Оразбеков"]),
        ("Секретарь маслихата Жанат Оразбеков познакомил гостей с работой.", "ru", ["Жанат Оразбеков"]),
    ],
)
def test_a_secretary_before_a_name_is_a_role(text: str, language: str, expected: list[str]) -> None:
    assert people(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Хатшылық меңгерушісі қонақтарды таныстырды.", "kk"),
        ("Мәслихат хатшысы Астанаға келді.", "kk"),
        ("Секретарь посольства сообщил о встрече.", "ru"),
        ("Баспасөз хатшысы Қазақстанның ұстанымын түсіндірді.", "kk"),
    ],
)
def test_a_secretary_without_a_name_names_no_one(text: str, language: str) -> None:
    assert people(text, language) == []


# --- a head of a department; a verb after a role in a Title Case headline


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Бөлім меңгерушісі Мария Оразбекова қонақтарға алғыс айтты.", "kk"),
        ("Заведующая отделом Мария Оразбекова поблагодарила гостей.", "ru"),
    ],
)
def test_a_head_of_a_department_before_a_name_is_a_role(text: str, language: str) -> None:
    assert people(text, language) == ["Мария Оразбекова"]


@pytest.mark.parametrize(
    "title",
    [
        "Kazakhstan Foreign Minister Supports Strong Ties with Partners",
        "Foreign Minister Hails Steppe Cooperation Forum",
        "Prime Minister Launches Grand Silk Road Project",
    ],
)
def test_a_verb_after_a_role_in_a_title_case_headline_names_no_one(title: str) -> None:
    assert [link.name for link in extract(title, ["The talks went well."], "en", None).leaders] == []


def test_a_name_after_a_role_in_a_title_case_headline_is_still_found() -> None:
    title = "Foreign Minister Ayan Steppeov Supports Strong Ties with Partners"
    assert [link.name for link in extract(title, ["The talks went well."], "en", None).leaders] == [
        "Ayan Steppeov"
    ]


# --- an adjective of nationality naming a language names no country


def countries(text: str) -> list[str]:
    return sorted(extract("", [text], "en", None).countries)


@pytest.mark.parametrize(
    "text",
    [
        "The interview aired on the broadcaster's Russian language programme.",
        "The envoy, fluent in Russian and Polish, addressed the students.",
        "The ambassador spoke Turkish at the reception.",
        "Leaflets were printed for Ukrainian-speaking visitors.",
    ],
)
def test_a_language_is_no_country(text: str) -> None:
    assert countries(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Russian delegation arrived in Astana.", ["RU"]),
        ("He spoke with the Turkish ambassador about trade.", ["TR"]),
        ("The Ukrainian side proposed a new language programme.", ["UA"]),
    ],
)
def test_an_adjective_of_a_state_still_names_it(text: str, expected: list[str]) -> None:
    assert countries(text) == expected


# --- a head (глава) of a region or a body before a name; a surname as the text writes it


@pytest.mark.parametrize(
    "text",
    [
        "Консул встретился с главой Степной области Олегом Сидоренко в его резиденции.",
        "Глава Степной области Олег Сидоренко встретился с консулом.",
    ],
)
def test_a_head_of_a_region_before_a_name_is_a_role(text: str) -> None:
    assert people(text, "ru") == ["Олег Сидоренко"]


@pytest.mark.parametrize(
    "text",
    [
        "В главе пятой Конституции об этом сказано подробно.",
        "Глава делегации выступил на открытии форума.",
    ],
)
def test_a_chapter_or_a_head_without_a_name_names_no_one(text: str) -> None:
    assert people(text, "ru") == []


def test_a_surname_keeps_the_form_the_text_gives_it_in_the_nominative() -> None:
    text = (
        "Президент принял главу регионального центра ООН Ярослава Венча. "
        "Как отметил Ярослав Венча, визит был важным."
    )
    assert people(text, "ru") == ["Ярослав Венча"]


# --- the name of an office between a role and a register person is no person


def test_an_office_between_a_role_and_a_register_person_is_no_person() -> None:
    text = (
        "Президент провел переговоры с председателем Халк Маслахаты Туркменистана "
        "Гурбангулы Бердымухамедовым."
    )
    assert slugs(text, "ru") == ["gurbanguly-berdimuhamedov"]


def test_a_named_official_before_a_register_person_in_another_clause_stays() -> None:
    text = "Министр Иван Степанцев встретился с Касым-Жомартом Токаевым."
    assert people(text, "ru") == ["Kassym-Jomart Tokayev", "Иван Степанцев"]


# --- initials and a surname after a comma end a Kazakh list of titles


def test_initials_and_a_surname_after_a_kazakh_role_and_a_comma_are_its_holder() -> None:
    text = "Ассамблея төрағасының орынбасары, хатшылық меңгерушісі, М. Ж. Сәтбаева қонақтарға алғыс айтты."
    assert people(text, "kk") == ["М. Ж. Сәтбаева"]


@pytest.mark.parametrize(
    "text",
    [
        "Бөлім меңгерушісі, Астана қаласында қонақтарды қарсы алды.",
        "Елшісі, Мәскеуде өткен кездесуде сөз сөйледі.",
    ],
)
def test_a_place_after_a_kazakh_role_and_a_comma_is_no_holder(text: str) -> None:
    assert people(text, "kk") == []


# --- a register surname after a role its owner never held is another person's name


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("King Philippe of Belgium met the President of Kazakhstan.", "en"),
        ("Король Бельгии Филипп встретился с делегацией.", "ru"),
    ],
)
def test_a_register_surname_after_a_role_its_owner_never_held_names_no_register_person(
    text: str, language: str
) -> None:
    assert "edouard-philippe" not in slugs(text, language)


def test_a_register_surname_after_a_role_its_owner_held_still_names_them() -> None:
    assert "edouard-philippe" in slugs("Prime Minister Philippe met the delegation in Paris.", "en")
