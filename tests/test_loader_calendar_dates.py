"""A site's header calendar (`Сенбі, 23 Қараша 2024`: a weekday and today's date) is not the
article's date when the page prints another date above the text; alone, a weekday-and-date
line is the page's own date (`Friday, July 20, 2018` over its headline). Invented text in each
language, laid out like the development set's v2 pages that got a wrong date."""

import datetime as dt

import pytest

from app.loader.clean import clean
from app.loader.dates import calendar_line
from app.loader.parse import parse

PAGES = {
    "kk": (
        "Сенбі, 23 Қараша 2024",
        "Талқы 2339 · 6 Желтоқсан, 2023 сағат 14:49",
        "Тоқаев Малайзия премьерімен келіссөз жүргізді",
        "Мемлекет басшысы Қасым-Жомарт Тоқаев Малайзия Премьер-министрімен келіссөз жүргізді.\n\n"
        "Тараптар сауда, көлік және инвестиция салаларындағы ынтымақтастықты талқылады.",
    ),
    "ru": (
        "Суббота, 23 ноября 2024",
        "Просмотры 2339 · 6 декабря 2023 в 14:49",
        "Токаев провел переговоры с премьером Малайзии",
        "Президент Казахстана Касым-Жомарт Токаев провел переговоры с премьер-министром Малайзии.\n\n"
        "Стороны обсудили торговлю, транспорт и инвестиции и договорились продолжить диалог.",
    ),
    "en": (
        "Saturday, November 23, 2024",
        "2339 views · December 6, 2023 at 14:49",
        "Tokayev holds talks with Malaysian premier",
        "President Kassym-Jomart Tokayev held talks with the Prime Minister of Malaysia in Astana.\n\n"
        "The parties discussed trade, transport and investment, and agreed to meet again next year.",
    ),
}


@pytest.mark.parametrize("language", sorted(PAGES))
def test_the_date_under_the_site_calendar_dates_the_article(language: str) -> None:
    calendar, stamp, headline, body = PAGES[language]
    parsed = parse(clean(f"{calendar}\n{stamp}\n\n{headline}\n\n{body}\n"))
    assert parsed.date.value == dt.date(2023, 12, 6)
    assert parsed.date.precision == "day"


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_weekday_and_date_alone_dates_the_article(language: str) -> None:
    calendar, _, headline, body = PAGES[language]
    parsed = parse(clean(f"{calendar}\n\n{headline}\n\n{body}\n"))
    assert parsed.date.value == dt.date(2024, 11, 23)


@pytest.mark.parametrize(
    ("line", "is_calendar"),
    [
        ("Жұма, 19 Сәуір 2024", True),
        ("Friday, July 20, 2018", True),
        ("пятница, 19 апреля 2024", True),
        ("Friday, July 20, 2018 14:05", False),  # a time: the page's own stamp
        ("6 Желтоқсан, 2023", False),
        ("Friday the leaders met on July 20, 2018", False),
    ],
)
def test_calendar_line(line: str, is_calendar: bool) -> None:
    assert calendar_line(line) is is_calendar
