"""Parse stage on every seed: the table from reading the seeds, plus general cases."""

import pytest

from app.loader.clean import clean
from app.loader.parse import ParsedArticle, derive_title, find_attribution, parse
from tests.conftest import seed_text


def parsed(number: str) -> ParsedArticle:
    return parse(clean(seed_text(number)))


@pytest.mark.parametrize(
    ("number", "language", "title", "outlet"),
    [
        (
            "000",
            "ru",
            "Токаев принял приглашение посетить Израиль осенью 2020 года",
            "Sputnik Казахстан",
        ),
        ("001", "kk", None, "KAZ.NUR.KZ"),
        (
            "002",
            "ru",
            "Спикер Сената встретился с министром иностранных дел Израиля",
            "Kazpravda.kz",
        ),
        ("003", "kk", None, "KAZ.NUR.KZ"),
        ("004", "kk", "Тоқаев: Төл вакцинамызды мұқтаж елдерге беруге дайынбыз", "ERNUR.KZ"),
    ],
)
def test_seed_language_title_outlet(number: str, language: str, title: str | None, outlet: str) -> None:
    article = parsed(number)
    assert article.language == language
    assert article.language_confidence > 0.9
    assert article.title == title
    assert article.title_derived is (title is None)
    assert article.outlet == outlet


def test_seed_000_date_is_3_april_with_year_2020_only_inferred() -> None:
    date = parsed("000").date
    assert (date.day, date.month, date.year) == (3, 4, 2020)
    assert date.inferred is True
    assert date.precision == "day"
    assert date.source == "dateline"
    assert "осенью 2020 года" in date.evidence
    assert "НУР-СУЛТАН" in date.evidence


def test_seed_002_date_is_exact_from_the_header() -> None:
    date = parsed("002").date
    assert date.iso == "2026-01-27"
    assert (date.precision, date.inferred, date.source) == ("day", False, "header")


@pytest.mark.parametrize("number", ["001", "003", "004"])
def test_seeds_without_a_date_say_unknown(number: str) -> None:
    date = parsed(number).date
    assert date.iso is None
    assert date.precision == "unknown"
    assert date.inferred is False


def test_seed_000_dateline_is_split_from_the_body() -> None:
    article = parsed("000")
    assert article.dateline is not None
    assert article.dateline.place == "НУР-СУЛТАН"
    assert article.dateline.text == "НУР-СУЛТАН, 3 апр – Sputnik."
    assert article.body.count("НУР-СУЛТАН") == 0
    assert "Президент Казахстана Касым-Жомарт Токаев и президент Израиля" in article.body


def test_seed_000_lead_is_the_standfirst() -> None:
    assert parsed("000").lead.startswith("Президент Казахстана надеется восстановить динамику")


@pytest.mark.parametrize(
    ("number", "derived"),
    [
        (
            "001",
            "Қазақстан президенті Қасым-Жомарт Тоқаев Қытай Халық Республикасының Төрағасы "
            "Си Цзиньпинмен телефон арқылы сөйлесті",
        ),
        (
            "003",
            "Мемлекет басшысы Қасым-Жомарт Тоқаев Біріккен ұлттар ұйымының бас хатшысы "
            "Антониу Гутерришпен телефон арқылы сөйлесті",
        ),
    ],
)
def test_derived_title_is_the_first_sentence_without_attribution(number: str, derived: str) -> None:
    article = parsed(number)
    assert article.display_title == derived
    assert "KAZ.NUR.KZ" not in article.display_title


@pytest.mark.parametrize(
    ("number", "cited", "as_written"),
    [
        ("000", "Akorda press service", "пресс-служба Акорды"),
        ("001", "Akorda press service", "Ақорданың баспасөз қызметіне"),
        ("002", "Senate of Kazakhstan", "Сенат"),
        ("004", "Akorda press service", "Ақордаға"),
    ],
)
def test_cited_source(number: str, cited: str, as_written: str) -> None:
    article = parsed(number)
    assert (article.cited_source, article.cited_source_text) == (cited, as_written)


def test_hashtags_become_tags_and_leave_the_body() -> None:
    article = parsed("002")
    assert article.tags == ("Казахстан", "Сенат", "Израиль")
    assert "#" not in article.body
    assert [m.reason for m in article.metadata_lines] == ["hashtags (kept as tags)"]


def test_header_date_is_taken_off_the_title_line() -> None:
    article = parsed("002")
    assert not article.title.startswith("date")
    assert "2026-01-27" not in article.body


@pytest.mark.parametrize(
    ("sentence", "outlet", "cited"),
    [
        ("Тоқаев сөйлесті, деп хабарлайды Kazinform тілшісі.", "Kazinform", None),
        (
            "Тоқаев сөйлесті, деп хабарлайды Baribar.kz порталы Ақордаға сілтеме жасап.",
            "Baribar.kz",
            "Ақордаға",
        ),
        (
            "Министр провел встречу, сообщает Zakon.kz со ссылкой на пресс-службу МИД РК.",
            "Zakon.kz",
            "пресс-службу МИД РК",
        ),
        ("Tokayev held talks, reports Kazinform citing Akorda.", "Kazinform", "Akorda"),
    ],
)
def test_attribution_clauses_of_unseen_outlets(sentence: str, outlet: str, cited: str | None) -> None:
    attribution = find_attribution(sentence)
    assert attribution is not None
    assert (attribution.outlet, attribution.cited) == (outlet, cited)


def test_derived_title_is_shortened_at_a_word_boundary() -> None:
    long_sentence = "Президент " + "очень " * 60 + "долго говорил. Второе предложение."
    title = derive_title(long_sentence)
    assert title.endswith("…")
    assert len(title) <= 161
    assert "Второе" not in title


def test_english_article_with_dateline_and_date_line() -> None:
    text = (
        "Tokayev, Erdogan discuss trade\n"
        "27 January 2026\n"
        "ASTANA, January 27 (Kazinform) – President Kassym-Jomart Tokayev held a phone call "
        "with Turkish President Recep Tayyip Erdogan.\n"
        "The leaders discussed trade and transport links.\n"
    )
    article = parse(clean(text))
    assert article.language == "en"
    assert article.title == "Tokayev, Erdogan discuss trade"
    assert article.date.iso == "2026-01-27" and article.date.source == "date line"
    assert article.outlet == "Kazinform"
    assert article.lead.startswith("President Kassym-Jomart Tokayev held")


def test_dateline_without_a_supported_year_stays_day_and_month() -> None:
    text = "Встреча в Астане\nАСТАНА, 12 мая – Sputnik. Президент встретился с послом.\nЕще текст.\n"
    date = parse(clean(text)).date
    assert (date.day, date.month, date.year) == (12, 5, None)
    assert date.precision == "day_month"
    assert date.iso == "--05-12"
    assert "year unknown" in date.evidence
