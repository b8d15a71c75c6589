"""Loader round 13, people (tuned on v1–v12): a hyphenated name word read whole (a Korean
given name's second syllable, an Arabic or Urdu link: "Seung-bae", "Baligh-ur-Rehman"); a
name of initials and a surname folded into the page's full name of that initial and surname;
a style after the comma that follows a role announcing the role's holder. Each with a
counterpart that must stay; a bare surname that ends a person's name the article gives is
that person's, not another form of a register surname ("Kalla" is no "Kallas"); a place's
common noun in an English office ("the Capital City of Astana") is no name. Invented text."""

import pytest

from app.entities.extract import extract
from tests.entity_probes import DAY, discovered


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Deputy Foreign Minister Kim Tae-hoon held talks in Astana.", "en", "Kim Tae-hoon"),
        ("Chief Minister Rana Zia-ul-Haque opened the trade fair.", "en", "Rana Zia-ul-Haque"),
        ("Провинция губернаторы Рана Зия-ул-Хак көрмені ашты.", "kk", "Рана Зия-ул-Хак"),
    ],
)
def test_a_hyphenated_name_word_is_read_whole(text: str, language: str, name: str) -> None:
    assert discovered(text, language) == {name}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # a compound of a name and an English word, a Kazakh case ending after a hyphen, and
        # a Russian compound the Russian reading had whole already
        ("Ambassador Amir Rustamov-led delegation arrived in Astana.", "en", None),
        ("Облыс әкімі Ерлан Ахметов-тың сапары аяқталды.", "kk", "Ерлан Ахметов"),
        ("Губернатор провинции Мухаммад Балиг-ур-Рехман прибыл.", "ru", "Мухаммад Балиг-ур-Рехман"),
    ],
)
def test_a_hyphen_that_joins_no_name_word_stays(text: str, language: str, name: str | None) -> None:
    assert discovered(text, language) == ({name} if name else set())


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        (
            "Governor Pedro Alvarez arrived. Later Governor P. Alvarez spoke to the press.",
            "en",
            "Pedro Alvarez",
        ),
        (
            "Провинция губернаторы Педро Альварес келді. Кездесуде губернатор П. Альварес сөз сөйледі.",
            "kk",
            "Педро Альварес",
        ),
        (
            "В Астану прибыл губернатор Педро Альварес. Позже губернатор П. Альварес выступил перед прессой.",
            "ru",
            "Педро Альварес",
        ),
    ],
)
def test_initials_and_a_surname_are_the_full_name_of_that_initial(
    text: str, language: str, name: str
) -> None:
    assert discovered(text, language) == {name}


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        (
            "Governor Pedro Alvarez arrived. Later Governor J. Alvarez spoke to the press.",
            "en",
            {"Pedro Alvarez", "J. Alvarez"},
        ),
        (
            "Провинция губернаторы Педро Альварес келді. Кездесуде губернатор Ж. Альварес сөз сөйледі.",
            "kk",
            {"Педро Альварес", "Ж. Альварес"},
        ),
        (
            "В Астану прибыл губернатор Педро Альварес. Позже губернатор Х. Альварес выступил перед прессой.",
            "ru",
            {"Педро Альварес", "Х. Альварес"},
        ),
    ],
)
def test_initials_of_another_given_name_are_another_person(text: str, language: str, names: set[str]) -> None:
    assert discovered(text, language) == names


@pytest.mark.parametrize(
    "text",
    [
        "Deputy Speaker of the Senate, Datuk Faizal Hamzah Salleh visited Astana on Monday.",
        "The Ambassador of Malaysia to Kazakhstan, HE Faizal Hamzah Salleh, met students.",
    ],
)
def test_a_style_after_the_comma_announces_the_role_s_holder(text: str) -> None:
    assert discovered(text, "en") == {"Faizal Hamzah Salleh"}


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        # no style: a name after the comma must close its clause (it may open a longer phrase)
        ("Deputy Speaker of the Senate, Faizal Hamzah Salleh visited Astana on Monday.", "en", set()),
        # `He` is a pronoun and a surname, a style only in capitals
        ("Vice Minister He Xiaoming met the delegation. He said the talks went well.", "en", {"He Xiaoming"}),
        ("Малайзия Сенаты төрағасының орынбасары, Фейсал Хамза Салле Астанаға келді.", "kk", set()),
    ],
)
def test_a_name_after_the_comma_without_a_style_stays_as_it_was(
    text: str, language: str, names: set[str]
) -> None:
    assert discovered(text, language) == names


def _people(text: str, language: str) -> set[tuple[str, bool]]:
    """Every person found, with whether the register holds them."""
    return {(link.name, link.in_register) for link in extract("", [text], language, DAY).leaders}


def test_a_bare_surname_is_the_named_person_s_not_a_register_surname_s_other_form() -> None:
    text = "Vice President Jusuf Kalla arrived in Astana. Kalla met the prime minister."
    assert _people(text, "en") == {("Jusuf Kalla", False)}


@pytest.mark.parametrize(
    ("text", "language", "people"),
    [
        ("Kallas met the prime minister in Tallinn.", "en", {("Kaja Kallas", True)}),
        (
            "В Астану прибыл вице-президент Индонезии Юсуф Калла. Калла встретился с премьер-министром.",
            "ru",
            {("Юсуф Калла", False)},
        ),
        (
            "Индонезия вице-президенті Юсуф Калла Астанаға келді. Калла премьер-министрмен кездесті.",
            "kk",
            {("Юсуф Калла", False)},
        ),
    ],
)
def test_a_register_surname_alone_still_names_its_owner(
    text: str, language: str, people: set[tuple[str, bool]]
) -> None:
    assert _people(text, language) == people


@pytest.mark.parametrize(
    "text",
    [
        "The Governor of the Capital City of Astana, Zhenis Kassymbek, signed the memorandum.",
        "Mayor of the Province Alfred Blum signed the memorandum.",
    ],
)
def test_a_place_s_common_noun_in_an_office_is_no_name(text: str) -> None:
    assert not any("Capital" in name or "Province" in name for name in discovered(text, "en"))


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        ("The Governor of the Capital Region, Alfred Blum, signed the memorandum.", "en", {"Alfred Blum"}),
        ("Аким города Астаны Альфред Блум подписал меморандум.", "ru", {"Альфред Блум"}),
        ("Астана қаласының әкімі Альфред Блум меморандумға қол қойды.", "kk", {"Альфред Блум"}),
    ],
)
def test_the_holder_after_a_place_s_office_stays(text: str, language: str, names: set[str]) -> None:
    assert discovered(text, language) == names
