"""Dates that name a day of every year, not the day of the text (issue 11, round 8): a date
the text calls an occasion (`on the occasion of the 16th December`) or one beside a holiday's
name (`16 желтоқсан – Тәуелсіздік күні`). Each with a counterpart that must still date the
page. Invented text in each language."""

import pytest

from app.loader.clean import clean
from app.loader.parse import parse

HEADLINE = {
    "kk": "Бас хатшы Қазақстан халқын құттықтады",
    "ru": "Генсек поздравил народ Казахстана",
    "en": "Secretary General congratulates the people of Kazakhstan",
}
FOLLOW = {
    "kk": "Ол бауырлас халыққа бейбітшілік пен береке тіледі.",
    "ru": "Он пожелал братскому народу мира и благополучия.",
    "en": "He wished the brotherly people peace and prosperity.",
}


def _date(language: str, lead: str) -> str | None:
    text = "\n\n".join([HEADLINE[language], lead, FOLLOW[language]])
    return parse(clean(text + "\n")).date.iso


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        (
            "en",
            "I send warm wishes on the occasion of the 10th October, the Unity Day of the Republic.",
        ),
        ("ru", "Генсек направил поздравление: 10 октября – День Единства братской республики."),
        ("kk", "10 қазан – Бірлік күні қарсаңында Бас хатшы құттықтау жолдады."),
        ("ru", "По случаю 10 октября генсек направил поздравление народу республики."),
    ],
)
def test_a_holidays_or_an_occasions_date_dates_nothing(language: str, lead: str) -> None:
    assert _date(language, lead) is None


@pytest.mark.parametrize(
    ("language", "lead", "expected"),
    [
        (
            "en",
            "On 10 October, the day after the summit, the Secretary General met the ambassadors.",
            "--10-10",
        ),
        ("ru", "10 октября генсек встретился с послами братских стран.", "--10-10"),
        ("kk", "10 қазанда Бас хатшы бауырлас елдердің елшілерімен кездесті.", "--10-10"),
    ],
)
def test_the_date_of_the_texts_own_event_still_dates_it(language: str, lead: str, expected: str) -> None:
    assert _date(language, lead) == expected


CHROME = "\n\n".join(["Народный репортер", "Напишите нам", "RSS"])
STORY = (
    "Министры обсудили двустороннее сотрудничество в Бишкеке\n\n"
    "В столице Кыргызстана состоялись переговоры глав внешнеполитических ведомств двух стран. "
    "Стороны обсудили торговлю, транзит и водные ресурсы.\n\n"
    "Министры договорились о следующей встрече, говорится в сообщении ведомства.\n"
)


def test_a_weekday_and_date_above_the_sites_menu_is_the_headers_today() -> None:
    text = f"суббота, 21 февраля 2026\n\n{CHROME}\n\n{STORY}"
    assert parse(clean(text)).date.iso is None


def test_a_weekday_and_date_right_above_the_headline_dates_the_text() -> None:
    text = f"суббота, 21 февраля 2026\n\n{STORY}"
    assert parse(clean(text)).date.iso == "2026-02-21"
