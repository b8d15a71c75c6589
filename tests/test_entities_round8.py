"""People in Russian and Kazakh case forms and paper styles (issue 11, round 8): a register
surname that is another surname's case form (`Назарбаева`), surnames set in capitals, initials
before a surname, a given name and a patronymic beside the full name, the roles of a mayor, a
counterpart, a plenipotentiary representative and a department's director, and Russian given
names whose nominative ends in a soft sign. Each with a counterpart that must stay as it is.
Invented sentences."""

import datetime as dt

import pytest

from app.entities.extract import extract
from app.entities.people_ru import nominative_name

DAY = dt.date(2025, 6, 1)


def people(text: str, language: str) -> dict[str, bool]:
    """Each person's name (the register's English name, or as discovered) -> in the register."""
    return {link.name: link.in_register for link in extract("", [text], language, DAY).leaders}


def test_a_surname_that_is_a_register_surnames_case_form_names_its_owner() -> None:
    found = people("Журналисты обсуждали недавний визит Назарбаева в Минск.", "ru")
    assert found == {"Nursultan Nazarbayev": True}


def test_the_woman_named_in_full_keeps_her_surname() -> None:
    found = people("Выступила Дарига Назарбаева. Позже Назарбаева ответила на вопросы.", "ru")
    assert found == {"Dariga Nazarbayeva": True}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        (
            "Форумда Орынбор облысы губернаторы Юрий БЕРГ пен энергетика министрі Самат ТӨЛЕУОВ сөйледі.",
            "kk",
            {"Юрий Берг", "Самат Төлеуов"},
        ),
        ("The forum was opened by Regional Governor Pavel KRUTOV and others.", "en", {"Pavel Krutov"}),
        (
            "На форуме выступил министр энергетики Петр ЛАПИНСКИЙ, затем гости.",
            "ru",
            {"Петр Лапинский"},
        ),
    ],
)
def test_a_surname_set_in_capitals_after_a_given_name_ends_the_name(
    text: str, language: str, expected: set[str]
) -> None:
    assert {name for name, registered in people(text, language).items() if not registered} == expected


def test_an_abbreviation_after_a_name_is_no_surname() -> None:
    found = people("Вице-министр Ерлан ШЫҰ жиынында сөйледі.", "kk")
    assert not any("Шыұ" in name or "ШЫҰ" in name for name in found)


def test_initials_before_a_surname_the_register_lacks_are_a_name() -> None:
    found = people("Делегацияны облыс әкімі Т.Сәрсенбеков бастап барды.", "kk")
    assert found == {"Т. Сәрсенбеков": False}
    assert people("Akim A. B. Kusainov met the delegation.", "en") == {"A. B. Kusainov": False}


def test_an_initial_that_contradicts_the_register_person_names_someone_else() -> None:
    found = people("Делегацияны облыс әкімі Қ.Көшербаев бастап барды.", "kk")
    assert "Yermek Kosherbayev" not in found
    assert found == {"Қ. Көшербаев": False}


def test_an_initial_that_fits_the_register_person_names_them() -> None:
    assert people("Сыртқы істер министрі Е.Көшербаев баяндады.", "kk") == {"Yermek Kosherbayev": True}


def test_his_excellency_before_a_register_name_is_a_style() -> None:
    found = people("The President of Kazakhstan H.E.Kassym-Jomart Tokayev arrived.", "en")
    assert found == {"Kassym-Jomart Tokayev": True}


def test_a_given_name_and_patronymic_is_the_person_named_in_full() -> None:
    text = (
        "Облыс әкімі Бауыржан Серікбаев делегациямен кездесті. "
        "Жиында сөз алған облыс әкімі Бауыржан Қайратұлы қонақтарға алғыс айтты."
    )
    assert people(text, "kk") == {"Бауыржан Серікбаев": False}


def test_a_patronymic_after_another_given_name_is_another_person() -> None:
    text = (
        "Облыс әкімі Бауыржан Серікбаев делегациямен кездесті. "
        "Жиында сөз алған облыс әкімі Ерлан Қайратұлы қонақтарға алғыс айтты."
    )
    assert set(people(text, "kk")) == {"Бауыржан Серікбаев", "Ерлан Қайратұлы"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Жиынға Ош қаласының мэрі Асылбек Жумабаев қатысты.", "kk", {"Асылбек Жумабаев"}),
        ("The city's Mayor Tomas Lindqvist greeted the guests.", "en", {"Tomas Lindqvist"}),
        (
            "Министр провел переговоры со своим эстонским коллегой Андресом Тамме, сообщили в МИД.",
            "ru",
            {"Андрес Тамме"},
        ),
        ("The minister met his Latvian counterpart Janis Berzins in Riga.", "en", {"Janis Berzins"}),
        (
            "Жиынға облыстағы өкілетті өкілі Марат Дүйсенов қатысты.",
            "kk",
            {"Марат Дүйсенов"},
        ),
        (
            "Министрліктің консулдық департаментінің директоры Павел Смирнов мәлімдеді.",
            "kk",
            {"Павел Смирнов"},
        ),
    ],
)
def test_a_mayor_a_counterpart_a_representative_and_a_department_director_are_officials(
    text: str, language: str, expected: set[str]
) -> None:
    assert {name for name, registered in people(text, language).items() if not registered} == expected


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Министр поблагодарил коллег из Эстонии Андреса Тамме и других.", "ru"),
        ("Мектеп директоры Павел Смирнов оқушыларды құттықтады.", "kk"),
        ("Жиынға қоғам өкілдері Марат Дүйсенов пен басқалар қатысты.", "kk"),
    ],
)
def test_plural_roles_and_a_school_director_name_no_official(text: str, language: str) -> None:
    assert not [name for name, registered in people(text, language).items() if not registered]


@pytest.mark.parametrize(
    ("written", "nominative"),
    [
        (["Игорем", "Шмелёвым"], "Игорь Шмелёв"),
        (["Сергеем", "Шмелёвым"], "Сергей Шмелёв"),
        (["Андреем", "Кобяковым"], "Андрей Кобяков"),
    ],
)
def test_a_given_names_soft_sign_comes_back_in_the_nominative(written: list[str], nominative: str) -> None:
    assert nominative_name(written) == nominative


def test_register_predecessors_are_read_from_initials_and_resolve_by_date() -> None:
    text = "К.Масимов и В.Цзябао обменялись мнениями. Президент Китая прибыл в Астану."
    found = extract("", [text], "ru", dt.date(2010, 5, 1))
    assert {link.name for link in found.leaders} == {"Karim Massimov", "Wen Jiabao", "Hu Jintao"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Самолёт приземлился в международном аэропорту им. Н. Назарбаева вечером.", "ru"),
        ("Ұшақ Н.Назарбаев атындағы халықаралық әуежайға қонды.", "kk"),
        ("The plane landed at the airport named after Nursultan Nazarbayev.", "en"),
    ],
)
def test_a_place_named_after_a_leader_names_no_one(text: str, language: str) -> None:
    assert people(text, language) == {}


def test_the_leader_beside_a_place_named_after_him_is_still_named() -> None:
    text = "Самолёт приземлился в аэропорту им. Н. Назарбаева. Гостей встретил Нурсултан Назарбаев."
    assert people(text, "ru") == {"Nursultan Nazarbayev": True}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Президент Жапониядағы елші қызметіне Марат Сейітов мырзаны тағайындады.", {"Марат Сейітов"}),
        ("Президент Италиядағы елшісі қызметінен Ерлан Сұлтанов мырзаны босатты.", {"Ерлан Сұлтанов"}),
    ],
)
def test_a_kazakh_appointment_to_or_from_a_post_names_the_official(text: str, expected: set[str]) -> None:
    assert {name for name, registered in people(text, "kk").items() if not registered} == expected


def test_a_post_without_a_name_after_it_names_no_one() -> None:
    assert people("Министр қызметіне жаңа талаптар енгізілді.", "kk") == {}


def test_a_kazakh_spelling_of_a_register_name_is_that_leader() -> None:
    found = people("Сенат төрағасы Ши Жинпиңге құттықтау жеделхатын жолдады.", "kk")
    assert found.get("Xi Jinping") is True
    assert not [name for name, registered in found.items() if not registered]


def test_a_given_name_grown_into_a_surname_is_no_courtesy_form() -> None:
    found = people("Президент Италиядағы елшісі қызметінен Ерлан Қасымов мырзаны босатты.", "kk")
    assert found == {"Ерлан Қасымов": False}


def test_a_given_name_with_a_courtesy_title_still_names_its_leader() -> None:
    assert people("Жиынға Қасым мырза қатысты.", "kk") == {"Kassym-Jomart Tokayev": True}
