"""Loader round 11, people: a Kazakh name that ends as a locative is not cut (a person is not a
place); a register surname that keeps its final vowel in every case form is not read from a
word that lacks it; an English name before ", the <role>"; a name in apposition after an
office with an adjective and noun after "the", a "to <country>" or a bracketed short name; an
honorific style between an office and its name; state secretaries and rectors. Each with a
counterpart that must stay. Invented names and text."""

import datetime as dt

import pytest

from app.entities.extract import extract
from tests.entity_probes import countries, discovered
from tests.entity_probes import organisations as organisations_in

DAY = dt.date(2025, 6, 1)


def people(text: str, language: str) -> dict[str, bool]:
    return {link.slug: link.in_register for link in extract("", [text], language, DAY).leaders}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Жапония елшісі Кэнта Ямада әкіммен кездесті.", "Кэнта Ямада"),
        ("Тәжікстан парламентінің төрағасы Саидали Ризокзода келді.", "Саидали Ризокзода"),
    ],
)
def test_a_kazakh_name_ending_as_a_locative_stays_whole(text: str, name: str) -> None:
    assert discovered(text, "kk") == {name}


@pytest.mark.parametrize(
    "text",
    [
        "Жапония елшісі Кэнта Ямадамен кездесті.",
        "Жапония елшісі Кэнта Ямадаға хат жолдады.",
        "Жапония елшісі Кэнта Ямаданың сапары басталды.",
    ],
)
def test_other_case_endings_are_still_cut_from_a_name(text: str) -> None:
    assert discovered(text, "kk") == {"Кэнта Ямада"}


def test_a_word_without_a_surnames_kept_final_vowel_is_not_that_surname() -> None:
    # «Майя» is not Luigi Di Maio's «Майо»: an indeclinable surname is written whole
    text = "Португалия президенті Майя Фернанду бізге хат жолдады."
    assert discovered(text, "kk") == {"Майя Фернанду"}
    assert not any(people(text, "kk").values())


@pytest.mark.parametrize(
    "text",
    [
        "Министр Луиджи Ди Майоға хат жолдады.",
        "Италия министрі Ди Майоның сапары басталды.",
        "Беларусь президенті Лукашенконың сөзі тыңдалды.",
    ],
)
def test_a_register_surname_with_its_final_vowel_and_a_case_ending_is_matched(text: str) -> None:
    assert any(in_register for in_register in people(text, "kk").values())
    assert not discovered(text, "kk")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "H.E. Tomas Verhoven, the Deputy Foreign Minister of Belgium, briefed the guests.",
            "Tomas Verhoven",
        ),
        ("Talks went well. Anna Kowalska, the Ambassador of Poland, briefed the guests.", "Anna Kowalska"),
    ],
)
def test_a_name_before_comma_the_role(text: str, name: str) -> None:
    assert discovered(text, "en") == {name}


@pytest.mark.parametrize(
    "text",
    [
        "According to Western Diplomats, the Foreign Minister said the talks went well.",
        "In New York, the Ambassador said the talks went well.",
        "Later That Day, the Foreign Minister said the talks went well.",
    ],
)
def test_words_before_comma_the_role_inside_a_sentence_name_no_one(text: str) -> None:
    assert discovered(text, "en") == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "He will meet the chairman of the upper house of the Parliament of Ruritania, Lena Barova, and"
            " the Speaker.",
            "Lena Barova",
        ),
        (
            "He met the Deputy Minister of Foreign Affairs of the Republic of the Ruritania (ROR), Amani Kito"
            " Beya, who headed the delegation.",
            "Amani Kito Beya",
        ),
        ("The Ambassador of the ROR to Ethiopia, Jean Paul Kabeya, also took part.", "Jean Paul Kabeya"),
    ],
)
def test_a_name_in_apposition_after_a_longer_office(text: str, name: str) -> None:
    assert discovered(text, "en") == {name}


@pytest.mark.parametrize(
    "text",
    [
        "The chairman of the upper house said in Astana, Western Partners, agreed.",
        "The chairman of the board said at the Forum, Economic Partners, agreed.",
        "He met the Secretary General of the Ruritanian Trade Organization (RTO), Member States agreed.",
    ],
)
def test_an_office_with_lower_case_words_that_end_it_names_no_one(text: str) -> None:
    assert discovered(text, "en") == set()


def test_an_honorific_between_an_office_and_its_name() -> None:
    text = "She met the Vice-Minister of Health H.E. Mr. Arman Serikovich Dauletov on issues."
    assert discovered(text, "en") == {"Arman Serikovich Dauletov"}


def test_an_honorific_alone_after_an_office_names_no_one() -> None:
    assert discovered("She met the Minister of Health Mr. Brown on Monday.", "en") == set()


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        (
            "In consultations on 14 May, Pavol Rybar, State Secretary of the Ministry of Foreign Affairs of"
            " Slovakia, held talks.",
            "en",
            "Pavol Rybar",
        ),
        ("Университеттің Басқарма Төрағасы – Ректоры Арман Серіков елшімен кездесті.", "kk", "Арман Серіков"),
        ("Ректор университета Иван Петренко встретился с послом.", "ru", "Иван Петренко"),
    ],
)
def test_a_state_secretary_and_a_rector_are_named_officials(text: str, language: str, name: str) -> None:
    assert discovered(text, language) == {name}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Университет ректорының орынбасары келді.", "kk"),
        ("The rector said the students would travel.", "en"),
        ("Ректор университета выступил на форуме.", "ru"),
    ],
)
def test_a_rector_without_a_name_names_no_one(text: str, language: str) -> None:
    assert discovered(text, language) == set()


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Как отметил министр культуры, общественных и внешних связей Энской области Виктор Сидоренко,"
            " сотрудничество растёт.",
            "Виктор Сидоренко",
        ),
        (
            "Выступил руководитель управления культуры, развития языков и архивного дела Энской области"
            " Нурлан Сапаров, представитель фонда.",
            "Нурлан Сапаров",
        ),
    ],
)
def test_a_russian_name_after_an_office_in_the_genitive(text: str, name: str) -> None:
    assert name in discovered(text, "ru")


@pytest.mark.parametrize(
    "text",
    [
        # a verb or another role between the role and the name: the name is not the role's
        "Министр культуры Энской области поблагодарил Виктора Сидоренко за работу.",
        "Министр культуры Энской области и посол Энландии Виктор Сидоренко выступили.",
    ],
)
def test_a_russian_office_broken_by_other_words_gives_the_name_no_role(text: str) -> None:
    roles = {link.name: link.role_title for link in extract("", [text], "ru", DAY).leaders}
    assert roles.get("Виктор Сидоренко") != "Министр"


def test_a_kazakh_noun_after_a_two_word_name_is_not_part_of_it() -> None:
    for text in (
        "Министрліктің өкілі Ақерке Абылайхан Қауымдастықтың рөлін атап өтті.",
        "Министрліктің өкілі Ақерке Абылайхан Серіктестік туралы айтты.",
    ):
        assert discovered(text, "kk") == {"Ақерке Абылайхан"}


def test_a_three_word_kazakh_name_stays_whole() -> None:
    assert discovered("Елші Болат Нұрланұлы Сапарбек келді.", "kk") == {"Болат Нұрланұлы Сапарбек"}


@pytest.mark.parametrize(
    ("text", "language"),
    [("Су және энергетика салалары талқыланды.", "kk"), ("Консул Ким Хынг Су прибыл.", "ru")],
)
def test_a_short_word_is_no_case_form_of_a_longer_country_name(text: str, language: str) -> None:
    assert "SD" not in countries(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [("Судан елшісі келді, Суданға барды.", "kk"), ("Посол Судана прибыл в Судан.", "ru")],
)
def test_a_country_name_in_its_case_forms_is_still_found(text: str, language: str) -> None:
    assert "SD" in countries(text, language)


@pytest.mark.parametrize(
    "text",
    [
        "The Embassy of Kazakhastan said so.",
        "The Deputy Foreign Minister of the Republic of Kazakistan spoke.",
    ],
)
def test_a_long_country_name_one_letter_off_is_that_country(text: str) -> None:
    assert countries(text, "en") == {"KZ"}


@pytest.mark.parametrize(
    "text",
    ["He went to Gambiaa and back.", "He read the Constitution and the Declaration."],
)
def test_a_short_or_far_off_word_is_no_misspelt_country(text: str) -> None:
    assert countries(text, "en") == set()


def test_a_posting_to_a_body_the_register_lacks_stands_between_role_and_name() -> None:
    text = "Permanent Representative of Kazakhstan to the African Union Arman Serikov held meetings."
    assert discovered(text, "en") == {"Arman Serikov"}
    assert discovered("Permanent Representative of Kazakhstan to the African Union said so.", "en") == set()


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        ("He met the Minister of the Democratic Republic of the Congo on Monday.", "en", "CD"),
        ("The DRC delegation arrived.", "en", "CD"),
        ("He visited the Republic of the Congo.", "en", "CG"),
        ("Посол Республики Конго прибыл.", "ru", "CG"),
    ],
)
def test_the_two_congos_by_their_long_names(text: str, language: str, code: str) -> None:
    assert countries(text, language) == {code}


def test_a_name_in_apposition_after_a_country_and_its_short_name_in_brackets() -> None:
    text = "He met the Foreign Minister of the United Arab Emirates (UAE), Amani Kito Beya, who spoke."
    assert discovered(text, "en") == {"Amani Kito Beya"}
    other = (
        "He met the Minister of Foreign Affairs of the United Arab Emirates (UAE), Astana hosted the talks."
    )
    assert discovered(other, "en") == set()


def test_an_office_whose_own_words_are_a_list_before_an_apposed_name() -> None:
    text = "He met the Minister of Tourism, Arts and Culture, Datuk Seri Aziz Rahman Nor, and others."
    assert discovered(text, "en") == {"Aziz Rahman Nor"}


def test_two_names_joined_by_and_after_an_office_are_not_its_words() -> None:
    # two words on a side of `and` are names, not the office's list; the run does not close
    assert discovered("He met the Minister of Health, Anna Berg and Tom Lund, who spoke.", "en") == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Каспий маңы университеттері қауымдастығының Бас Ассамблеясы өтті.", "kk"),
        ("The General Assembly of the Association of Caspian Universities met in Atyrau.", "en"),
        ("Состоялась Генеральная Ассамблея Ассоциации университетов.", "ru"),
    ],
)
def test_a_bare_general_assembly_is_not_the_uns(text: str, language: str) -> None:
    assert "UNGA" not in organisations_in(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("БҰҰ-ның 80-сессиясында Бас Ассамблеясы қарар қабылдады.", "kk"),
        ("At the UN headquarters the General Assembly adopted the resolution.", "en"),
        ("Генеральная Ассамблея ООН приняла резолюцию.", "ru"),
        ("The UN General Assembly adopted the resolution.", "en"),
    ],
)
def test_the_general_assembly_beside_the_un_is_the_uns(text: str, language: str) -> None:
    assert "UNGA" in organisations_in(text, language)


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("The visit began with an audience with King Philippe.", "en", "Philippe"),
        ("Президент Бельгия королі Филиппен кездесті.", "kk", "Филип"),
        ("Норвегия королі Харальд Астанаға келді.", "kk", "Харальд"),
    ],
)
def test_a_monarch_goes_by_one_name(text: str, language: str, name: str) -> None:
    assert discovered(text, language) == {name}
    assert not any(people(text, language).values())  # not Édouard Philippe of the register


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("He met Minister Secretary and talked.", "en"),
        ("Министр Шаккалиев келді.", "kk"),
        ("Сұлтан Акимбеков келді.", "kk"),  # Сұлтан is also a given name: no monarch's title
    ],
)
def test_a_lone_word_after_another_role_names_no_one(text: str, language: str) -> None:
    assert discovered(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Франция президенті Эммануэль Бонне Астанаға келді.", "kk", "Эммануэль Бонне"),
        ("Франция президенті Эммануэль Бонне Мәскеуге барды.", "kk", "Эммануэль Бонне"),
        ("Франция президенті Эммануэль Бонне келді.", "kk", "Эммануэль Бонне"),
    ],
)
def test_a_place_after_a_name_is_not_part_of_it(text: str, language: str, name: str) -> None:
    assert discovered(text, language) == {name}
