"""Loader round 14, people (tuned on v1–v13): officials the register lacks, named in forms the
discovery did not read. A name before `, the (Deputy) Role` inside a sentence when the role
goes on as the name's apposition; a role word cut where the copy ends resolves no one;
capitalised words after `in` are a place, not a name before a role; `Principal Secretary` is an
office; a hyphenated given name's second half with a surname's ending (`Свен-Олов`) does not
end the name; Kazakh puts a plural role right before its list of names; names with a Latin
initial (`M. Fadjroel Rachman`, `Kalybek I. Koblandin`) read whole; `Пәкстан` is Pakistan and
`Еуропа Одағы` the EU; a filial particle before an article joined by a hyphen (`bin al-Hussein`,
«бен әл-Хусейн») keeps the name going. Each with a counterpart that must stay. Invented text."""

import pytest

from app.entities.extract import extract
from tests.entity_probes import DAY, countries, discovered, organisations


def people(text: str, language: str) -> set[str]:
    """Every person found, register or not, by name."""
    return {link.name for link in extract("", [text], language, DAY).leaders}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The talks were held, according to Tomas Verhoven, the Ambassador of Belgium, who arrived"
            " on Monday.",
            "Tomas Verhoven",
        ),
        (
            "He will attend the summit, Anna Kowalska, the Deputy State Secretary heading the press"
            " office, told reporters.",
            "Anna Kowalska",
        ),
        (
            "The guest was received by Pierre Lemaire, the Senior Advisor to the Minister, in Rabat.",
            "Pierre Lemaire",
        ),
    ],
)
def test_a_name_before_comma_the_role_inside_a_sentence(text: str, name: str) -> None:
    assert discovered(text, "en") == {name}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the role is the subject of a verb: what stands before the comma is no name
        ("According to Western Diplomats, the Foreign Minister said the talks went well.", "en"),
        ("In the end, the Foreign Minister said the talks went well.", "en"),
        # Russian and Kazakh set no name before a role this way
        ("По словам западных дипломатов, посол заявил, что переговоры прошли хорошо.", "ru"),
        ("Батыс дипломаттарының айтуынша, елші келіссөздер жақсы өтті деді.", "kk"),
    ],
)
def test_words_before_comma_the_role_that_a_verb_follows_name_no_one(text: str, language: str) -> None:
    assert discovered(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "The talks touched on agreements reached during the visits by Kazakhstan's\n\nForeign Minist",
            "en",
        ),
        ("Тараптар Қазақстанның Сыртқы істер\n\nминистр", "kk"),
    ],
)
def test_a_role_cut_where_the_copy_ends_resolves_no_one(text: str, language: str) -> None:
    assert people(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The talks touched on agreements reached during the visits by Kazakhstan's Foreign Minister.", "en"),
        ("Стороны обсудили итоги визита министра иностранных дел Казахстана.", "ru"),
        ("Тараптар Қазақстанның Сыртқы істер министрі сапарын талқылады.", "kk"),
    ],
)
def test_a_whole_role_still_resolves_its_holder(text: str, language: str) -> None:
    assert len(people(text, language)) == 1


def test_capitalised_words_after_in_are_a_place_not_a_name_before_a_role() -> None:
    text = (
        "Jonas Petraitis, Ambassador of Lithuania with residence in Addis Ababa, Permanent"
        " Representative to the African Union, met the minister."
    )
    assert discovered(text, "en") == {"Jonas Petraitis"}


def test_a_name_after_with_before_a_role_stays() -> None:
    text = "The minister held a meeting with Jonas Petraitis, Permanent Representative of Lithuania."
    assert discovered(text, "en") == {"Jonas Petraitis"}


def test_a_principal_secretary_is_an_office() -> None:
    text = (
        "The ambassador held a meeting with Peter Kamau Otieno, Principal Secretary, State Department"
        " of Foreign Affairs of Kenya."
    )
    assert discovered(text, "en") == {"Peter Kamau Otieno"}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Өкілдіктің басшысы, Елшісі Свен-Олов Карлсон университетке келді.", "kk", "Свен-Олов Карлсон"),
        # Russian and English read it whole already; they must stay so
        ("Глава представительства, посол Свен-Олов Карлсон посетил университет.", "ru", "Свен-Олов Карлсон"),
        ("The head of the delegation, Ambassador Sven-Olov Carlsson, visited.", "en", "Sven-Olov Carlsson"),
    ],
)
def test_a_hyphenated_given_name_with_a_surname_ending_keeps_its_surname(
    text: str, language: str, name: str
) -> None:
    assert discovered(text, language) == {name}


def test_a_surname_with_a_case_ending_after_a_hyphen_still_ends_the_name() -> None:
    assert discovered("Облыс әкімі Ахмет Ахметов-тың сөзі тыңдалды.", "kk") == {"Ахмет Ахметов"}


def test_a_kazakh_plural_role_right_before_its_list_names_each() -> None:
    text = "Кездесуге Мәжіліс депутаттары Айгүл Сәрсенова, Болат Жұмабеков, Ержан Оспанов қатысты."
    assert discovered(text, "kk") == {"Айгүл Сәрсенова", "Болат Жұмабеков", "Ержан Оспанов"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Кездесуге Мәжіліс депутаттары қатысты.", "kk"),
        ("Кездесуге Мәжіліс депутаттары Астана мен Алматыдан келді.", "kk"),
        # a Russian or English plural role with no colon before its list stays as it was
        ("На встречу пришли депутаты Мажилиса Айгуль Сарсенова, Болат Жумабеков, Ержан Оспанов.", "ru"),
        (
            "The meeting was attended by members of parliament Aigul Sarsenova, Bolat Zhumabekov,"
            " Yerzhan Ospanov.",
            "en",
        ),
    ],
)
def test_a_plural_role_without_a_list_of_names_names_no_one(text: str, language: str) -> None:
    assert discovered(text, language) == set()


@pytest.mark.parametrize(
    "text",
    ["Пәкстан Премьер-министрінің сапары басталды.", "Пәкістан Премьер-министрінің сапары басталды."],
)
def test_pakistan_in_both_kazakh_spellings(text: str) -> None:
    assert countries(text, "kk") == {"PK"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "It was witnessed by the Ambassador of the Republic of Indonesia to Kazakhstan, M. Budi Santoso.",
            "M. Budi Santoso",
        ),
        ("Ambassador M. Budi Santoso spoke at the reception.", "M. Budi Santoso"),
        ("Ambassador Kalybek I. Amanov spoke at the reception.", "Kalybek I. Amanov"),
    ],
)
def test_a_latin_name_with_an_initial_is_read_whole(text: str, name: str) -> None:
    assert discovered(text, "en") == {name}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # initials before a surname alone stay as they were, in both scripts
        ("Ambassador A. Kusainov spoke at the reception.", "en", "A. Kusainov"),
        ("Облыс әкімі Қ.Амановтың сөзі тыңдалды.", "kk", "Қ. Аманов"),
        ("Посол Калыбек И. Аманов выступил на приёме.", "ru", "Калыбек И. Аманов"),
    ],
)
def test_initials_before_a_surname_stay_as_they_were(text: str, language: str, name: str) -> None:
    assert discovered(text, language) == {name}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Еуропа Одағының Қазақстандағы өкілдігінің басшысы университетке келді.", "kk"),
        ("Еуропалық Одақтың өкілдігі университетке келді.", "kk"),
        ("Глава представительства Европейского союза посетил университет.", "ru"),
    ],
)
def test_the_european_union_by_its_kazakh_names(text: str, language: str) -> None:
    assert organisations(text, language) == {"EU"}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Prince Ali bin al-Hussein met the President at the airport.", "en", "Ali bin al-Hussein"),
        (
            "Мемлекет басшысын ханзада Әли бен әл-Хусейн мен премьер-министр қарсы алды.",
            "kk",
            "Әли бен әл-Хусейн",
        ),
        # Russian read it whole already, as Kazakh did without the article: they must stay so
        ("Принц Али бен аль-Хусейн встретил Президента в аэропорту.", "ru", "Али бен аль-Хусейн"),
        ("Мемлекет басшысын ханзада Әли бен Хусейн қарсы алды.", "kk", "Әли бен Хусейн"),
    ],
)
def test_a_filial_particle_before_an_article_joined_name_keeps_it(
    text: str, language: str, name: str
) -> None:
    assert discovered(text, language) == {name}
