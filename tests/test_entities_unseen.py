"""People, countries and organisations in invented sentences that reproduce what went wrong
on real pages no rule was written for: words taken for people, names cut short or split,
spelling variants taken for second persons, countries read inside other words."""

import datetime as dt

import pytest

from app.entities.extract import extract

DAY = dt.date(2025, 6, 1)
TOKAYEV = "kassym-jomart-tokayev"


def people(text: str, language: str, title: str = "") -> dict[str, bool]:
    """Every person found, by name, and whether the register knows them."""
    return {link.name: link.in_register for link in extract(title, [text], language, DAY).leaders}


def discovered(text: str, language: str, title: str = "") -> set[str]:
    return {name for name, known in people(text, language, title).items() if not known}


@pytest.mark.parametrize(
    ("title", "language"),
    [
        ("Kazakh Foreign Minister Receives Egyptian Delegation", "en"),
        ("Foreign Minister Of Kazakhstan And Oman Discussed Cooperation", "en"),
        ("Kazakhstan's President of the Security Council Welcomed Guests", "en"),
        ("Қазақстан мен Иран Сыртқы істер министрлері Таяу Шығыстағы ахуалды талқылады", "kk"),
        ("Президент Әкімшілігінің қызметкерлері жиналды", "kk"),
    ],
)
def test_no_person_from_a_function_word_a_place_or_an_institution(title: str, language: str) -> None:
    assert discovered("The meeting took place in Astana.", language, title) == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ал кездесуге Моңғолия Президенті Ухна", "kk"),
        ("Днём ранее Токаев провёл встречу с президентом Монголии Ухн", "ru"),
        ("He later spoke with the President of Mongolia Ukhn", "en"),
    ],
)
def test_no_person_from_a_name_cut_by_the_end_of_a_truncated_text(text: str, language: str) -> None:
    assert discovered(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("He was received by King Abdullah II of Jordan.", "en", "Abdullah II"),
        ("He met Federal President Alexander Van der Bellen.", "en", "Alexander Van der Bellen"),
        ("Tokayev met Ambassador of Malaysia Ahmad bin Yusof in Astana.", "en", "Ahmad bin Yusof"),
        ("Елшісі Нұрлан Асқарұлы Бекенов келді.", "kk", "Нұрлан Асқарұлы Бекенов"),
    ],
)
def test_whole_names_with_particles_and_regnal_numbers(text: str, language: str, name: str) -> None:
    assert name in discovered(text, language)


@pytest.mark.parametrize(
    ("text", "language", "slug"),
    [
        ("File photo: Kazakh President Kasim Yomart Tokayev at the summit.", "en", TOKAYEV),
        ("Түркия Республикасының Президенті Режеп Тайип Ердоғанмен сөйлесті.", "kk", "recep-tayyip-erdogan"),
        ("Azerbaijani Prime Minister Ali Hidayat oglu Asadov arrived.", "en", "ali-asadov"),
        ("Президент поздравил г-на Ильхама Гейдар оглы Алиева с праздником.", "ru", "ilham-aliyev"),
        ("Foreign Minister of Uzbekistan Bakhtiyr Saidov took part.", "en", "bakhtiyor-saidov"),
    ],
)
def test_a_spelling_variant_is_the_register_person_not_a_second_one(
    text: str, language: str, slug: str
) -> None:
    found = extract("", [text], language, DAY).leaders
    assert slug in {link.slug for link in found}
    assert all(link.in_register for link in found), [link.name for link in found]


def test_a_given_name_before_another_surname_is_no_register_surname() -> None:
    text = "Глава государства принял помощника Президента Узбекистана Саиду Мирзиёеву."
    assert "bakhtiyor-saidov" not in {link.slug for link in extract("", [text], "ru", DAY).leaders}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("За год товарооборот вырос.", "ru"),
        ("Ате, сказал он.", "ru"),
        ("Салих бен Әли Ат-Түрки қарсы алды.", "kk"),
    ],
)
def test_short_words_do_not_match_register_surnames(text: str, language: str) -> None:
    assert all(not known for known in people(text, language).values())


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Tokayev received Ambassador of Norway Ingrid Halvorsen.", "en", "Ingrid Halvorsen"),
        ("Presidential press secretary Anton Volkov noted the visit.", "en", "Anton Volkov"),
        ("Мемлекет басшысының баспасөз хатшысы Асан Үсенов мәлімдеді.", "kk", "Асан Үсенов"),
        ("Deputy Foreign Minister of China Li Wenhao opened the talks.", "en", "Li Wenhao"),
    ],
)
def test_officials_after_role_words_without_a_register_office(text: str, language: str, name: str) -> None:
    assert name in discovered(text, language)


def test_a_bare_surname_after_the_full_name_is_the_same_person() -> None:
    text = "Foreign Minister of Kyrgyzstan Erkin Toktosunov arrived. Minister Toktosunov said so."
    assert discovered(text, "en") == {"Erkin Toktosunov"}


def test_a_plural_role_names_no_one() -> None:
    found = extract("", ["The Heads of State of Russia and Kazakhstan met in Sochi."], "en", DAY).leaders
    assert found == []


def test_a_name_keeps_to_one_script() -> None:
    text = "ҚР Президентінің баспасөз хатшысы Асан Үсенов Facebook-тегі парақшасында жазды."
    assert discovered(text, "kk") == {"Асан Үсенов"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Tokayev addressed the UN General Assembly in New York.", "en"),
        ("Токаев выступил на полях Генассамблеи ООН.", "ru"),
        ("Тоқаев БҰҰ Бас Ассамблеясының сессиясына қатысты.", "kk"),
    ],
)
def test_the_general_assembly_is_recorded_with_the_un(text: str, language: str) -> None:
    assert set(extract("", [text], language, DAY).organisations) == {"UN", "UNGA"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ұшақты Ресейдің Су-35 ұшақтары қапталдасып ұшты.", "kk"),
        ("Самолёт сопровождали истребители Су-35 ВКС России.", "ru"),
    ],
)
def test_no_country_from_a_model_name(text: str, language: str) -> None:
    assert set(extract("", [text], language, DAY).countries) == {"RU"}


def test_the_country_of_a_posting_stands_between_the_role_and_the_name() -> None:
    text = "He received Ambassador of the United Kingdom to the Republic of Kazakhstan Jane Whitfield."
    assert discovered(text, "en") == {"Jane Whitfield"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Решение принято согласно Уставу ООН и резолюции Совета Безопасности.", "ru", {"UN", "UNSC"}),
        ("Токаев провёл заседание Совета Безопасности. Позже он говорил об ООН.", "ru", {"UN"}),
        ("The UN Charter and the Security Council resolutions were cited.", "en", {"UN", "UNSC"}),
    ],
)
def test_a_bare_security_council_is_the_uns_only_beside_the_un(
    text: str, language: str, expected: set[str]
) -> None:
    assert set(extract("", [text], language, DAY).organisations) == expected


def test_a_bare_ethnonym_before_a_role_names_the_state() -> None:
    text = "Елбасы Қырғыз Президентімен телефон арқылы сөйлесті. Қырғыз халқы мерекені тойлады."
    assert set(extract("", [text], "kk", DAY).countries) == {"KG"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Assistant Secretary of State for South and Central Asian Affairs arrived.", "en", set()),
        ("Kazakh Minister of Trade and Integration met the delegation.", "en", set()),
        ("Governor General of Canada met him.", "en", set()),
        ("Ambassador Extraordinary and Plenipotentiary of Japan presented credentials.", "en", set()),
        ("Minister of Energy Almas Sadykov said.", "en", {"Almas Sadykov"}),
        ("He met Indian Ambassador Dr. Ranjit Kumar.", "en", {"Ranjit Kumar"}),
        ("Министр Халықаралық ынтымақтастық туралы айтты.", "kk", set()),
        ("Министр Шаккалиев отметил рост товарооборота.", "ru", set()),
    ],
)
def test_office_words_and_lone_words_make_no_person(text: str, language: str, expected: set[str]) -> None:
    assert discovered(text, language) == expected


def test_a_shared_family_name_folds_only_into_the_leader_whose_given_name_fits() -> None:
    text = "Шейх Мұхаммед бин Зайд Әл Нахаян қоңырау шалды."
    assert {link.slug for link in extract("", [text], "kk", DAY).leaders} == {"mohamed-bin-zayed"}
