"""Loader round 16, people (tuned on v1–v15): officials named in forms the general machinery
did not read. Kazakhstan's foreign ministers and prime ministers before 2016 (a dated title
resolves to them, their names are the register's in every language); a word written with a
look-alike letter of another script (`Посοл` with a Greek omicron, `Sаntоsо` with Cyrillic
а and о) read in its own script; an English role with no country taking the name set off
between two commas ("Vice Prime Minister, Name, met …"); a Kazakh case ending on the last
part of a hyphenated name (`әл-Джабермен`); a Russian given name the morphology does not
know, left in its case beside its nominative (`Гюльшаны`/`Гюльшана`); the EAEU's supreme
council named without `Supreme`; in töte, a loanword's ц written ت+س and a word ending in
-ия (its alef was left behind the reading); countries: a continent's name ("Latin America"), a
language's name alone after `in` ("(in Russian)"), CLDR's `&` read as `and`. Each with a
counterpart that must stay. Invented text."""

import datetime as dt

import pytest

from app.entities.extract import extract
from tests.entity_probes import countries, discovered, organisations


def _register_people(text: str, language: str, day: dt.date, title: str = "") -> set[str]:
    return {link.slug for link in extract(title, [text], language, day).leaders if link.in_register}


# --- Kazakhstan's foreign ministers and prime ministers before 2016


@pytest.mark.parametrize(
    ("text", "language", "day", "slug"),
    [
        (
            "The Foreign Minister of Kazakhstan opened the conference.",
            "en",
            dt.date(2014, 5, 6),
            "erlan-idrissov",
        ),
        ("Глава МИД РК выступил на открытии конференции.", "ru", dt.date(2010, 3, 2), "kanat-saudabayev"),
        ("Қазақстан Сыртқы істер министрі конференцияны ашты.", "kk", dt.date(2008, 4, 1), "marat-tazhin"),
        ("The Prime Minister of Kazakhstan opened the forum.", "en", dt.date(2013, 5, 6), "serik-akhmetov"),
        ("Премьер-министр Казахстана открыл форум.", "ru", dt.date(2005, 5, 6), "daniyal-akhmetov"),
        # Tokayev's earlier office, as his later ones
        (
            "Министр иностранных дел Казахстана открыл форум.",
            "ru",
            dt.date(2005, 5, 6),
            "kassym-jomart-tokayev",
        ),
    ],
)
def test_a_dated_title_resolves_to_an_earlier_holder(
    text: str, language: str, day: dt.date, slug: str
) -> None:
    assert _register_people(text, language, day) == {slug}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ерлан Ыдырысов Нью-Йоркте сөз сөйледі.", "kk"),
        ("Ерлан Идрисов выступил в Нью-Йорке.", "ru"),
        ("Yerlan Idrissov spoke in New York.", "en"),
    ],
)
def test_an_earlier_minister_is_a_register_person(text: str, language: str) -> None:
    assert _register_people(text, language, dt.date(2015, 1, 1)) == {"erlan-idrissov"}
    assert discovered(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "day", "slug"),
    [
        # the holders the register had stay theirs
        (
            "The Foreign Minister of Kazakhstan opened the conference.",
            "en",
            dt.date(2017, 5, 6),
            "kairat-abdrakhmanov",
        ),
        ("Премьер-министр Казахстана открыл форум.", "ru", dt.date(2010, 5, 6), "karim-massimov"),
    ],
)
def test_later_holders_stay(text: str, language: str, day: dt.date, slug: str) -> None:
    assert _register_people(text, language, day) == {slug}


# --- a look-alike letter of another script


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # Greek omicron in «Посол» and in the surname
        (
            "Чрезвычайный и Полномοчный Посοл Индонезии в РК Арьо Сантοсо вручил грамоты.",
            "ru",
            "Арьо Сантосо",
        ),
        # Greek omicrons in the name: the person is stored as a reader reads the name
        ("Индонезия елшісі Арьο Сантοсο сенім грамотасын тапсырды.", "kk", "Арьо Сантосо"),
        # Cyrillic а and о in an English surname
        ("Indonesian Ambassador Aryo Sаntоsо presented his credentials.", "en", "Aryo Santoso"),
    ],
)
def test_a_word_with_a_lookalike_letter_is_read_in_its_own_script(
    text: str, language: str, name: str
) -> None:
    assert discovered(text, language) == {name}


def test_a_lookalike_reading_keeps_offsets_and_leaves_two_scripts_that_differ() -> None:
    from app.entities.lookalikes import in_own_script

    for written, read in [
        ("Посοл", "Посол"),
        ("Cемей", "Семей"),
        ("Сouncil", "Council"),
        # two words glued, their letters not alike: as written
        ("KLIMENTYEVРеджеп", "KLIMENTYEVРеджеп"),
        ("БеларусиTelegram", "БеларусиTelegram"),
        # all in one script: as written
        ("Посол Council Ελλάδα", "Посол Council Ελλάδα"),
    ]:
        assert in_own_script(written) == read
        assert len(in_own_script(written)) == len(written)


# --- an English role with no country: the name between two commas


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        (
            "The Prime Minister, Aidos Kenzhebek, and Vice Prime Minister, Berik Samatov, met him.",
            "en",
            "Berik Samatov",
        ),
        ("The Deputy Foreign Minister, Tomas Berg, met the delegation.", "en", "Tomas Berg"),
        # Russian read the same apposition already (natasha's person after the role)
        ("Вице-премьер, Берик Саматов, встретил делегацию.", "ru", "Берик Саматов"),
    ],
)
def test_a_name_between_two_commas_after_a_role(text: str, language: str, name: str) -> None:
    assert name in discovered(text, language)


@pytest.mark.parametrize(
    "text",
    [
        # no closing comma: a name run on into a sentence is no apposition (rounds 9 to 14)
        "The Minister of Energy, Paul Osei said the plant would open.",
        "the Minister of Health, Anna Berg and Tom Lund, who met the press.",
        # one word between the commas is no name
        "The Foreign Minister, however, said nothing.",
    ],
)
def test_no_name_without_a_closed_apposition(text: str) -> None:
    assert discovered(text, "en") == set()


# --- a Kazakh case ending on a hyphenated name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Елші БАӘ министрі Халид әл-Мансурмен кездесті.", "Халид әл-Мансур"),
        ("Кувейт министрі Ахмед әл-Сабахқа хат жолдады.", "Ахмед әл-Сабах"),
    ],
)
def test_a_hyphenated_name_loses_its_case_ending(text: str, name: str) -> None:
    assert discovered(text, "kk") == {name}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        # the name as written stays: no case ending, or a lower-case part after the hyphen
        ("БАӘ министрі Халид әл-Мансур кездесуге келді.", "kk", "Халид әл-Мансур"),
        # Russian and English read the same name as before
        ("Министр ОАЭ Халид аль-Мансур прибыл в Астану.", "ru", "Халид аль-Мансур"),
        ("UAE Minister Khalid al-Mansour arrived in Astana.", "en", "Khalid al-Mansour"),
    ],
)
def test_a_hyphenated_name_without_an_ending_stays(text: str, language: str, name: str) -> None:
    assert discovered(text, language) == {name}


# --- a Russian given name the morphology does not know, left in its case


def test_a_given_name_in_its_case_beside_its_nominative_is_one_person() -> None:
    body = [
        "Делегация под руководством Председателя парламента Гюльшаны Рустамовой прибыла в столицу.",
        "Председатель парламента Гюльшана Рустамова и депутаты положили цветы.",
    ]
    found = {link.name for link in extract("Визит", body, "ru", dt.date(2025, 6, 1)).leaders}
    assert found == {"Гюльшана Рустамова"}


@pytest.mark.parametrize(
    ("body", "language", "expected"),
    [
        # two given names of one surname that differ in more than an ending are two people
        (
            [
                "Председатель парламента Гульнара Рустамова прибыла в столицу.",
                "Посол Гульмира Рустамова встретила её.",
            ],
            "ru",
            {"Гульнара Рустамова", "Гульмира Рустамова"},
        ),
        # Kazakh cuts the case ending itself, English has none: one person, as before
        (
            [
                "Парламент төрағасы Гүлшана Рустамоваға сөз берілді.",
                "Парламент төрағасы Гүлшана Рустамова сөйледі.",
            ],
            "kk",
            {"Гүлшана Рустамова"},
        ),
        (
            [
                "Speaker of Parliament Gulshana Rustamova arrived.",
                "Speaker of Parliament Gulshana Rustamova spoke.",
            ],
            "en",
            {"Gulshana Rustamova"},
        ),
    ],
)
def test_other_given_names_stay_apart(body: list[str], language: str, expected: set[str]) -> None:
    found = {link.name for link in extract("", body, language, dt.date(2025, 6, 1)).leaders}
    assert found == expected


# --- the EAEU's supreme council named without its first word


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Заседание глав государств Евразийского экономического совета пройдет в Бишкеке.", "ru"),
        ("The Eurasian Economic Council met in Minsk.", "en"),
        ("Еуразиялық экономикалық кеңестің отырысы Минскіде өтті.", "kk"),
    ],
)
def test_the_eurasian_economic_council_is_the_eaeu(text: str, language: str) -> None:
    assert organisations(text, language) == {"EAEU"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the union's commission is its own body, the intergovernmental council names no one
        ("Коллегия Евразийской экономической комиссии заседала.", "ru", {"EAEU", "EEC"}),
        ("Евразийский межправительственный совет заседал в Минске.", "ru", set()),
        ("The Supreme Eurasian Economic Council met in Minsk.", "en", {"EAEU"}),
    ],
)
def test_other_eurasian_bodies_stay(text: str, language: str, expected: set[str]) -> None:
    assert organisations(text, language) == expected


# --- töte: a loanword's ц written ت+س, and a word ending in -ия


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        # ت+س read ц where that gives a register name (Франция, Швеция)
        ("فرانتسيا استاناسى", "Франция астанасы"),
        ("شۆەتسيا", "Швеция"),
        # a word ending in ي+ا (-ия) leaves no letter of the script behind it
        ("جاپونيا مەن يتاليا", "Жапония мен Италия"),
    ],
)
def test_a_tote_loanword_is_read_as_the_register_writes_it(text: str, reading: str) -> None:
    from app.loader.tote import read

    assert read(text).text == reading
    assert len(read(text).source) == len(reading)


def test_tote_countries_in_ts_and_ia_are_found() -> None:
    from app.loader.tote import read_entities

    found = read_entities(
        "", ["پرەزيدەنت فرانتسيا استاناسى پاريجگە كەلدى. جاپونيا ەلشىسى كەلدى."], "kk", None
    )
    assert {"FR", "JP"} <= set(found.countries)


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        # a verb's т before its -се stays т+с; Cyrillic and Latin as written
        ("ول كەتسە", "Ол кетсе"),
        ("Франция France", "Франция France"),
    ],
)
def test_other_tote_words_stay(text: str, reading: str) -> None:
    from app.loader.tote import read

    assert read(text).text == reading


# --- countries: a continent's name, a language alone after `in`, CLDR's `&`


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Kazakhstan will step up cooperation with Latin America and Africa.", "en"),
        ("Казахстан расширит сотрудничество со странами Латинской Америки.", "ru"),
        ("Қазақстан Латын Америкасы елдерімен ынтымақтастықты кеңейтеді.", "kk"),
        # a language's name alone after `in`: a transcript's note, a stop after it
        ("PRESIDENT TOKAYEV: (in Russian) Madam Secretary, welcome to Astana.", "en"),
        ("The talks were held in Turkish.", "en"),
    ],
)
def test_a_continent_or_a_language_is_no_country(text: str, language: str) -> None:
    assert countries(text, language) - {"KZ"} == set()


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Ambassadors of Denmark, Bosnia and Herzegovina and Montenegro arrived.", "en", {"DK", "BA", "ME"}),
        ("Ambassadors of Trinidad and Tobago and Antigua and Barbuda arrived.", "en", {"TT", "AG"}),
    ],
)
def test_a_country_cldr_writes_with_an_ampersand_is_read_with_and(
    text: str, language: str, expected: set[str]
) -> None:
    assert countries(text, language) == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # America alone, the adjective with its noun, and a state's name after a region word
        # that makes no continent stay countries
        ("He visited America and Canada.", "en", {"US", "CA"}),
        ("Сотрудничество с Америкой расширится.", "ru", {"US"}),
        ("Investment in Russian industry grew.", "en", {"RU"}),
        ("South Africa and North Korea sent envoys.", "en", {"ZA", "KP"}),
    ],
)
def test_countries_beside_these_forms_stay(text: str, language: str, expected: set[str]) -> None:
    assert countries(text, language) == expected
