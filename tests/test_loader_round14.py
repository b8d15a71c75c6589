"""Round 14 of issue 11, tuned on v1–v13: dates, outlets, headlines and boilerplate by kind,
each from general evidence. A date line in a language other than ru/kk/en (CLDR's month names
of every language); a stamp glued to a picture's credit; the site's name opening its
breadcrumb or signing its date stamp; a domain under any country's code; a menu whose items
are glued together, and an item inside a menu printed a line an item, are no headline; a
reminder that the site wrote about something is a link to an earlier article. Each rule with
a counterpart that must stay as it is. Invented text."""

import datetime as dt

import pytest

from app.loader.clean import clean
from app.loader.parse import parse
from tests.loader_texts import EN_BODY, EN_HEADLINE, KK_BODY, KK_HEADLINE, RU_BODY, RU_HEADLINE

PAGES = {"en": (EN_HEADLINE, EN_BODY), "ru": (RU_HEADLINE, RU_BODY), "kk": (KK_HEADLINE, KK_BODY)}


def page(language: str, *between: str, top: str = "") -> str:
    """A page of the language: maybe a line over the headline, the headline, lines under it."""
    headline, text = PAGES[language]
    lines = [top] if top else []
    return "\n".join([*lines, headline, *between, "", text])


# --- a date line in another language: CLDR's month names of every language


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "2019. április 23."),  # Hungarian, year first
        ("ru", "23 kwietnia 2019"),  # Polish
        ("kk", "23. dubna 2019 10:15"),  # Czech, with a clock
    ],
)
def test_a_date_line_in_another_language_dates_the_text(language: str, line: str) -> None:
    parsed = parse(clean(page(language, line)))
    assert parsed.date.value == dt.date(2019, 4, 23)
    assert line not in "\n".join(parsed.paragraphs)


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "3 listopad 2019"),  # November in Polish and Czech, October in Croatian
        ("ru", "3 listopada 2019 w Warszawie ministrowie"),  # not a line of a date alone
    ],
)
def test_a_month_word_languages_disagree_on_or_a_line_of_more_than_a_date_dates_nothing(
    language: str, line: str
) -> None:
    assert parse(clean(page(language, line))).date.value is None


# --- a publication stamp glued to a picture's credit


@pytest.mark.parametrize(
    ("language", "credit"),
    [
        ("en", "Photo: Reuters 19.05.2023 12:55 724"),
        ("ru", "Фото: пресс-служба МИД 19.05.2023 12:55 724"),
        ("kk", "Фото: Ақорда 19.05.2023 12:55 724"),
    ],
)
def test_a_stamp_with_a_clock_beside_a_credit_dates_the_text(language: str, credit: str) -> None:
    parsed = parse(clean(page(language, credit)))
    assert parsed.date.value == dt.date(2023, 5, 19)


@pytest.mark.parametrize(
    ("language", "credit"),
    [
        ("en", "Photo: Reuters 19.05.2023"),
        ("ru", "Фото: пресс-служба МИД 19.05.2023"),
        ("kk", "Фото: Ақорда 19.05.2023"),
    ],
)
def test_a_date_without_a_clock_beside_a_credit_may_be_the_pictures(language: str, credit: str) -> None:
    assert parse(clean(page(language, credit))).date.value is None


# --- the site's name opening its breadcrumb


@pytest.mark.parametrize(
    ("language", "root", "outlet"),
    [
        ("en", "caspianherald.ge", "caspianherald.ge"),
        ("ru", "sng.today", "sng.today"),
        ("kk", "dalaaqparat.kz", "dalaaqparat.kz"),
    ],
)
def test_the_breadcrumbs_first_step_naming_the_site_is_the_publisher(
    language: str, root: str, outlet: str
) -> None:
    headline = PAGES[language][0]
    parsed = parse(clean(page(language, top=f"{root} » Әлем » {headline}")))
    assert parsed.outlet == outlet


@pytest.mark.parametrize("root", ["Home", "Главная", "Басты бет"])
def test_a_breadcrumb_from_home_names_no_publisher(root: str) -> None:
    parsed = parse(clean(page("en", top=f"{root} » World » {EN_HEADLINE}")))
    assert parsed.outlet is None


# --- the site's name signing its date stamp


@pytest.mark.parametrize(
    ("language", "stamp", "outlet"),
    [
        ("ru", "3 марта 2026 18:03 Barometr", "Barometr"),
        ("kk", "3 наурыз 2026 18:03 Barometr", "Barometr"),
        ("ru", "Служба информации «Века» — 22.08.2011 11:36", "Служба информации «Века»"),
        ("en", "March 3, 2026 18:03 «Steppe Herald»", "Steppe Herald"),
    ],
)
def test_the_sites_name_on_its_date_stamp_is_the_publisher(language: str, stamp: str, outlet: str) -> None:
    assert parse(clean(page(language, stamp))).outlet == outlet


@pytest.mark.parametrize(
    ("language", "stamp"),
    [
        ("en", "March 3, 2026 18:03 POLITICS"),  # a rubric
        ("en", "11.11.2014 - Article"),
        ("ru", "3 марта 2026 18:03 Оразай Жеңісұлы"),  # an author
        ("kk", "21.12.2023, 14:00 105 Оразай Жеңісұлы"),
    ],
)
def test_a_rubric_or_an_author_on_the_stamp_is_no_publisher(language: str, stamp: str) -> None:
    assert parse(clean(page(language, stamp))).outlet is None


# --- a domain under any country's code


@pytest.mark.parametrize(
    ("language", "footer", "outlet"),
    [
        ("en", "© rustavi2.ge", "rustavi2.ge"),
        ("ru", "© vietnamplus.vn", "vietnamplus.vn"),
        ("kk", "© miniszterelnok.hu", "miniszterelnok.hu"),
    ],
)
def test_a_domain_under_a_country_code_names_the_publisher(language: str, footer: str, outlet: str) -> None:
    assert parse(clean(page(language) + "\n" + footer + "\n")).outlet == outlet


def test_an_email_address_under_a_country_code_names_no_publisher() -> None:
    text = page("en") + "\nWrite to press@embassy.ge for accreditation.\n"
    assert parse(clean(text)).outlet is None


# --- a menu whose items lost their breaks, and a menu printed one item a line


@pytest.mark.parametrize(
    ("language", "menu"),
    [
        ("en", "World newsLocal newsPoliticsSocietyScience and techMilitary newsAnalysis"),
        ("ru", "В миреНовости МосквыПолитикаОбществоНаука и техникаВоенные новостиАналитика"),
        ("kk", "Әлем жаңалықтарыАймақ жаңалықтарыСаясатҚоғамҒылым және техникаТалдау"),
    ],
)
def test_a_menu_with_its_items_glued_together_is_no_headline(language: str, menu: str) -> None:
    headline, text = PAGES[language]
    parsed = parse(clean(f"{menu}\n\n{headline}\n\n{text}"))
    assert parsed.title == headline
    assert menu not in "\n".join(parsed.paragraphs)


@pytest.mark.parametrize(
    ("language", "items"),
    [
        ("en", ["Movies", "Sports", "Food and travel", "Health", "Weather"]),
        ("ru", ["Кино", "Спорт", "Развлечения и отдых", "Здоровье", "Путешествия"]),
        ("kk", ["Кино", "Спорт", "Демалыс пен саяхат", "Денсаулық", "Ауа райы"]),
    ],
)
def test_an_item_inside_a_menu_printed_one_a_line_is_no_headline(language: str, items: list[str]) -> None:
    headline, text = PAGES[language]
    parsed = parse(clean("\n".join(items) + f"\n\n{headline}\n\n{text}"))
    assert parsed.title == headline


@pytest.mark.parametrize(
    ("language", "headline"),
    [
        ("en", "KazMunayGas signs rail deal with Chinese partners"),  # a name's glued capitals
        ("ru", "Новая встреча министров"),  # three words between a rubric and a date
        ("kk", "Министрлер Астанада кездесті"),
    ],
)
def test_a_short_headline_beside_a_rubric_and_a_date_stays_the_headline(language: str, headline: str) -> None:
    text = PAGES[language][1]
    rubric = {"en": "Politics", "ru": "Политика", "kk": "Саясат"}[language]
    parsed = parse(clean(f"{rubric}\n{headline}\n12.05.2024\n\n{text}"))
    assert parsed.title == headline


# --- a reminder that the site wrote about something: a link to an earlier article


@pytest.mark.parametrize(
    ("language", "pointer"),
    [
        ("en", "Recall, we wrote about the rail links between the two countries."),
        ("ru", "Напомним, мы писали о железнодорожных маршрутах между странами."),
        ("kk", "Еске салсақ, екі ел арасындағы темір жол жайында жазған болатынбыз."),
    ],
)
def test_a_reminder_of_what_the_site_wrote_is_a_link_to_an_earlier_article(
    language: str, pointer: str
) -> None:
    parsed = parse(clean(page(language) + "\n" + pointer + "\n"))
    assert pointer not in "\n".join(parsed.paragraphs)


@pytest.mark.parametrize(
    ("language", "reminder"),
    [
        ("en", "Recall, the minister visited Astana in May to open the freight route."),
        ("ru", "Напомним, министр в мае посетил Астану и открыл грузовой маршрут."),
        ("kk", "Еске сала кетейік, министр мамырда Астанаға ұшып келді."),
    ],
)
def test_a_reminder_of_what_happened_stays_in_the_text(language: str, reminder: str) -> None:
    parsed = parse(clean(page(language) + "\n" + reminder + "\n"))
    assert reminder in "\n".join(parsed.paragraphs)
