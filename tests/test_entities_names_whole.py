"""People the register lacks, in English, read whole (issue 11, round 7): styles inside a name
(`Datuk Seri`, `Dr`), an apostrophe inside a word (`Na’im`) but not a possessive's `s`, a
country's possessive before the role (`Spain's foreign minister`) and a name apposed after
the office's own words (`Director-General of the … Organization, Name,`). Each with a
counterpart that must stay as it is. Invented sentences."""

import datetime as dt

import pytest

from app.entities.extract import extract

DAY = dt.date(2025, 6, 1)


def discovered(text: str, language: str = "en") -> set[str]:
    return {link.name for link in extract("", [text], language, DAY).leaders if not link.in_register}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # styles before and inside a name are no part of it
        (
            "The delegation includes Trade Minister Datuk Seri Harun Salleh Karim and officials.",
            {"Harun Salleh Karim"},
        ),
        (
            "Investment Minister Tengku Datuk Seri Rahman Tengku Idris Aziz attended the forum.",
            {"Tengku Rahman Tengku Idris Aziz"},
        ),
        ("Ambassador Dr Ranjit Mehra presented his credentials on Monday.", {"Ranjit Mehra"}),
        ("Culture Minister Tan Sri Lim Boon Heng opened the exhibition.", {"Lim Boon Heng"}),
        # an apostrophe inside a word belongs to it
        (
            "Religious Affairs Minister Datuk Mohd Sha’ari Osman, along with officials, arrived.",
            {"Mohd Sha’ari Osman"},
        ),
        # a country's possessive before the role, the name apposed before it
        ("The talks were attended by Carlos Ruiz Marin, Spain's foreign minister.", {"Carlos Ruiz Marin"}),
        ("Carlos Ruiz Marin, Spain’s Foreign Minister, said the talks went well.", {"Carlos Ruiz Marin"}),
        # the office's own words after "of", a comma, then the name as a clause of its own
        (
            "Talks were held with the Director-General of the International Maritime Organization, "
            "Paul Osei Mensah, on shipping.",
            {"Paul Osei Mensah"},
        ),
        (
            "He will be joined by the Minister of Higher Education, "
            "Datuk Seri Dr Zainal Hamzah Kadir, in Bishkek.",
            {"Zainal Hamzah Kadir"},
        ),
    ],
)
def test_a_name_is_read_whole_without_its_styles(text: str, names: set[str]) -> None:
    assert discovered(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a possessive's `s` is no part of the name
        ("The talks followed President Farah Noor Aziz’s visit to Astana.", {"Farah Noor Aziz"}),
        # a style alone names no one
        ("The delegation was received by Datuk Seri and other guests.", set()),
        # a lone surname apposed to a possessive role is too little to make a person
        ("The talks were attended by Marin, Spain's foreign minister.", set()),
        # a place or a phrase after the office's words is no name
        ("Talks were held with the Minister of Energy, New Delhi hosted them.", set()),
        (
            "Talks were held with the Director-General of the Maritime Organization, "
            "Geneva hosted the talks.",
            set(),
        ),
        ("The Minister of Culture and Sports, Astana Opera performed.", set()),
        # a name run on into a sentence is not an apposition
        ("The Minister of Energy, Paul Osei said that prices would rise.", set()),
    ],
)
def test_what_is_no_name_stays_out(text: str, names: set[str]) -> None:
    assert discovered(text) == names


def people_undated(text: str, language: str) -> set[str]:
    return {link.name for link in extract("", [text], language, None).leaders}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (
            "During the meeting with Bahrain’s Foreign Minister, an agreement was signed. "
            "The move was commended by Al Zayani, who spoke of the consulate.",
            "en",
        ),
        (
            "Во время встречи с министром иностранных дел Бахрейна подписано соглашение. "
            "Заяни высоко оценил этот шаг.",
            "ru",
        ),
    ],
)
def test_a_bare_surname_and_a_title_together_name_the_one_who_fits_both(text: str, language: str) -> None:
    assert people_undated(text, language) == {"Abdullatif Al-Zayani"}


@pytest.mark.parametrize(
    "text",
    [
        # the surname alone names no one
        "The move was commended by Al Zayani, who spoke of the consulate.",
        # a title of another country's office does not fit the surname
        "During the meeting with Oman’s Foreign Minister, an agreement was signed. "
        "The move was commended by Al Zayani, who spoke of the consulate.",
    ],
)
def test_a_surname_without_a_fitting_title_names_no_one(text: str) -> None:
    assert people_undated(text, "en") == set()


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("The deals are worth RM162.3 million (US$36.35 million) this year.", set()),
        ("The US and Kazakhstan signed a deal worth $5 million.", {"US", "KZ"}),
    ],
)
def test_a_currency_sign_after_a_countrys_letters_names_money(text: str, countries: set[str]) -> None:
    assert set(extract("", [text], "en", DAY).countries) == countries


def test_a_name_whose_stem_is_a_short_stop_words_stem_is_read() -> None:
    text = (
        "Облыс әкімі Қытай Халық Республикасының Төтенше және өкілетті Елшісі Хань Чуньлиньді қабылдады. "
        "Тараптар сауданы талқылады."
    )
    assert "Хань Чуньлинь" in discovered(text, "kk")


def test_a_form_of_address_after_a_role_still_names_no_one() -> None:
    assert discovered("Елші ханым Астанаға келіп, кездесу өткізді.", "kk") == set()


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        # a plural role, a dash or a colon, then a list of names: each one a member
        (
            "The President met members of the U.S. House of Representatives – Jim Carrow, Ann Miller, "
            "Bill Hoffner, and Susan Kemp-Dale. He also met others.",
            "en",
            {"Jim Carrow", "Ann Miller", "Bill Hoffner", "Susan Kemp-Dale"},
        ),
        (
            "Вопросы задали ряду депутатов: Марине Сергеевой, Ивану Петрову. Встреча прошла в Астане.",
            "ru",
            {"Марина Сергеева", "Иван Петров"},
        ),
        # a member of a parliament in the singular, the role's words before the name
        ("Депутат Мажилиса Айдос Серикбаев задал вопрос министру.", "ru", {"Айдос Серикбаев"}),
        ("Congresswoman Carol Webb visited Astana on Monday.", "en", {"Carol Webb"}),
        (
            "Сенат Төрағасы АҚШ Конгресінің Өкілдер палатасының мүшесі Кэрол Уэббпен кездесті.",
            "kk",
            {"Кэрол Уэбб"},
        ),
    ],
)
def test_members_of_a_parliament_and_lists_after_a_plural_role(
    text: str, language: str, names: set[str]
) -> None:
    assert discovered(text, language) == names


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # a list of places or things after a plural role names no one
        ("The ministers discussed trade – Astana, Almaty and Shymkent were named.", "en"),
        ("The member states agreed on the text of the declaration.", "en"),
        ("Министры иностранных дел обсудили вопросы: торговлю, транспорт и энергетику.", "ru"),
        # a plural role names no one person on its own
        ("Депутаты Мажилиса Айдос Серикбаев и другие обсудили закон.", "ru"),
    ],
)
def test_a_plural_role_without_a_list_of_names_names_no_one(text: str, language: str) -> None:
    assert discovered(text, language) == set()


@pytest.mark.parametrize(
    ("text", "countries"),
    [
        ("Данный визит стал первым за десять лет.", set()),
        ("В данном случае стороны договорились о встрече.", set()),
        ("Президент Дании прибыл в Астану с визитом.", {"DK"}),
    ],
)
def test_an_ordinary_word_sharing_a_countrys_stem_is_no_country(text: str, countries: set[str]) -> None:
    assert set(extract("", [text], "ru", DAY).countries) == countries
