"""The publisher of invented pages, from the ways real pages name theirs (and name others)."""

import pytest

from app.loader.clean import clean
from app.loader.outlet_register import outlets
from app.loader.parse import parse

BODY = "The two presidents discussed trade, transport and energy cooperation between the countries."


def outlet(text: str) -> str | None:
    return parse(clean(text)).outlet


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # attribution clauses, with a prefix or in quotes
        (
            "Министр провёл переговоры в Астане, передает ИА El.kz.\nСтороны обсудили торговлю.",
            "El.kz",
        ),
        (
            "Президенты провели переговоры, сообщает международное информационное агентство «Казинформ» "
            "со ссылкой на пресс-службу Акорды.\nСтороны обсудили торговлю.",
            "Kazinform",
        ),
        (
            "Министрлер кездесті, деп хабарлайды «Жаңа Дәуір» газеті.\nТараптар сауданы талқылады.",
            "Жаңа Дәуір",
        ),
        # the publisher before a reporting verb
        ("The ministers met in Astana, Qazweek.kz cites the ministry.\n" + BODY, "Qazweek"),
        # the publisher's dateline, not the wire it carries
        (
            "MOSCOW (UrduPoint News / Sputnik - 08th January, 2022) The presidents held talks.\n" + BODY,
            "UrduPoint",
        ),
        ("Алматы, NEGE. Министрлер Астанада кездесті.\nТараптар сауданы талқылады.", "NEGE"),
        ("ASTANA. KAZTAG - The president met the minister, reports Akorda.\n" + BODY, "KazTAG"),
        # the name or domain on a line of its own, next to social links, or in a copyright line
        ("The presidents held talks.\n" + BODY + "\nEL.KZ", "El.kz"),
        ("Фото: ҚазАқпарат\nМемлекет басшысы хат жолдады.\nAdyrna.kz Telegram", "Adyrna"),
        (
            "The presidents held talks.\n" + BODY + "\n© 2024 Silk Way News. All rights reserved.",
            "Silk Way News",
        ),
        # an unknown publisher by its domain
        ("The presidents held talks.\n" + BODY + "\nexample-news.kz", "example-news.kz"),
        # an English attribution clause with the name before its verb
        ("The ministers met in Baku, Caspianwire reports via the ministry.\n" + BODY, "Caspianwire"),
        # a name of several Latin words ends the clause whole
        ("Делегация посетила Омск, сообщает Steppe Media.\nСтороны обсудили торговлю.", "Steppe Media"),
        # the attribution clause after a sentence of background
        (
            "Сенат төрағасы Римге барған болатын. Ол Италия сенаторларымен кездесті, деп хабарлайды "
            "Qalamnews.kz.\nТараптар сауданы талқылады.",
            "qalamnews.kz",
        ),
        # the name after the place, set off by a colon or a country code
        ("Tashkent, The Steppe Herald: The two presidents held talks.\n" + BODY, "Steppe Herald"),
        ("SteppeWire (KZ) - Президенты провели переговоры.\nСтороны обсудили торговлю.", "SteppeWire"),
        # the page's address in a scraper's front matter
        (
            "---\nsource_url: https://www.steppe-herald.gov/news/1\n---\n\nThe presidents held talks.\n"
            + BODY,
            "steppe-herald.gov",
        ),
        # a picture's copyright over the text is a credit, not the publisher's
        (
            "© AFP 2024 / IVAN PETROV\nАСТАНА, 3 апр – Sputnik. Президенты провели переговоры.\n"
            "Стороны обсудили торговлю.",
            "Sputnik",
        ),
        # an edition named anywhere beats its brand
        (
            "АСТАНА, 3 апр – Sputnik. Президенты провели переговоры.\nЗдание Акорды - Sputnik Казахстан",
            "Sputnik Казахстан",
        ),
    ],
)
def test_the_page_names_its_publisher(text: str, expected: str) -> None:
    assert outlet(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # a press service, an official site, a word after the verb
        "Глава государства принял министра, сообщает пресс-служба Акорды.\nСтороны обсудили торговлю.",
        "Елбасы получил телеграммы, об этом сообщает официальный сайт Елбасы.\nСтороны обсудили торговлю.",
        "Елбасы сөйлесті, деп хабарлады Президенттің баспасөз қызметі.\nТараптар сауданы талқылады.",
        "Министр сообщает о новых договорённостях.\nСтороны обсудили торговлю.",
        "The president met the minister, reports Akorda.\n" + BODY,
        "The talks were held in Almaty, primeminister.kz reports.\n" + BODY,
        # credits under pictures
        "Images | primeminister.kz\nThe presidents held talks.\n" + BODY,
        "Игорь Егоров/РИА Новости\nПрезиденты провели переговоры.\nСтороны обсудили торговлю.",
        "Фото: inform.kz\nПрезиденты провели переговоры.\nСтороны обсудили торговлю.",
        "Президенттер кездесті.\nЕкі президент Сурет авторы: Kazinform\nТараптар сауданы талқылады.",
        # a source line, a pointer to the story elsewhere, a cited agency in Kazakh
        "The presidents held talks.\n" + BODY + "\nSource: UzA",
        "The presidents held talks.\n" + BODY + "\nBased on materials from TASS",
        "Президенты провели переговоры.\nСтороны обсудили торговлю.\nИсточник и фото - lenta.ru",
        "Президенты провели переговоры.\nСтороны обсудили торговлю.\nЧитать на example-news.ua",
        "РИА Новости агенттігінің хабарлауынша, президенттер кездесті.\nТараптар сауданы талқылады.",
        # a person telling is no outlet
        "The ministers met in Baku, Ushakov reported.\n" + BODY,
    ],
)
def test_cited_sources_credits_and_words_are_not_the_publisher(text: str) -> None:
    assert outlet(text) is None


def test_a_wire_cited_in_the_clause_is_not_the_publisher() -> None:
    text = (
        "Токаев прибыл в Москву, передает Qazweek.kz со ссылкой на Tengrinews.kz.\nСтороны обсудили торговлю."
    )
    assert outlet(text) == "Qazweek"


def test_the_register_covers_kazakhstans_press_and_its_partners() -> None:
    register = outlets()
    assert len(register) >= 100
    aliases = [alias.casefold() for o in register for alias in {a.casefold() for a in o.aliases}]
    assert len(aliases) == len(set(aliases)), "an alias names two outlets"
    families = {o.name for o in register}
    assert all(o.family in families for o in register if o.family)


def test_a_clause_deep_in_a_paragraph_reports_someone_else() -> None:
    text = (
        "Министр прибыл в Рим. Он встретился с коллегой. Стороны обсудили торговлю. "
        "Ранее об этом сообщает Dalanews.kz.\nСтороны договорились продолжить диалог."
    )
    assert outlet(text) is None
