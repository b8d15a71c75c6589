"""Dates the running text gives when no stamp, dateline or header dates the page: the day the
text calls today, the date of the first sentence's event (Kazakh's inflected forms included),
a short-year stamp line and a quoted front-matter date. And the dates that never date a page:
an announced event, another event's date in a side clause, a bound, a span, two dates.
Invented text in each language, laid out like the development set's pages that lost a date."""

import datetime as dt

import pytest

from app.loader.clean import clean
from app.loader.dates import mentions
from app.loader.parse import parse

HEADLINE = {
    "kk": "Сенат төрағасы елшімен кездесті",
    "ru": "Спикер Сената встретился с послом",
    "en": "Senate Speaker meets the ambassador",
}
FOLLOW = {
    "kk": "Тараптар парламентаралық ынтымақтастықтың болашағын талқылады.",
    "ru": "Стороны обсудили перспективы межпарламентского сотрудничества.",
    "en": "The parties discussed the prospects of inter-parliamentary cooperation.",
}


def _date(language: str, lead: str, *more: str) -> tuple[str | None, str, bool]:
    text = "\n\n".join([HEADLINE[language], lead, *more, FOLLOW[language]])
    date = parse(clean(text + "\n")).date
    return date.iso, date.source, date.inferred


@pytest.mark.parametrize(
    ("language", "lead", "expected"),
    [
        # Kazakh's locative (`-да/-де/-та/-те`) and the genitive month with a possessive day.
        ("kk", "12 наурызда Сенат төрағасы Жапония елшісін қабылдады, ол 2019 жылы келген.", "--03-12"),
        ("kk", "Сәуірдің 5-і күні Сенат төрағасы Жапония елшісімен кездесті.", "--04-05"),
        ("kk", "Сенат төрағасы 2024 жылғы 7 маусымда Жапония елшісімен кездесті.", "2024-06-07"),
        ("ru", "В среду, 11 марта, Председатель Сената встретился с послом Японии.", "--03-11"),
        ("ru", "Председатель Сената 11 марта 2022 года принял посла Японии.", "2022-03-11"),
        ("en", "On Wednesday, March 11, the Senate Speaker met the Ambassador of Japan.", "--03-11"),
        ("en", "The Senate Speaker received the Ambassador of Japan in Astana on 11 March.", "--03-11"),
    ],
)
def test_the_first_sentences_event_dates_the_page(language: str, lead: str, expected: str) -> None:
    iso, source, inferred = _date(language, lead)
    assert (iso, source) == (expected, "first sentence")
    # A year the text names elsewhere may be another event's: never put on a year-less date.
    assert not inferred


@pytest.mark.parametrize(
    ("language", "first", "second"),
    [
        ("ru", "Спикер Сената встретился с послом.", "В четверг, 4 апреля, стороны подписали меморандум."),
        ("en", "The Speaker has met the ambassador.", "On 4 April, the two signed a memorandum."),
    ],
)
def test_a_date_opening_the_paragraph_under_a_standfirst(language: str, first: str, second: str) -> None:
    assert _date(language, first, second)[0] == "--04-04"


def test_a_date_deep_in_the_second_paragraph_is_not_the_pages() -> None:
    lead = "The Senate Speaker has met the Ambassador of Japan."
    later = "The ambassador recalled the treaty the two states signed on 4 April."
    assert _date("en", lead, later)[0] is None


@pytest.mark.parametrize(
    ("language", "paragraph"),
    [
        ("kk", "Айта кетсек, бүгін, 10 қарашада Сенат төрағасы Жапония елшісімен кездесті."),
        ("ru", "Напомним, сегодня, 10 ноября, председатель Сената встретится с послом Японии."),
        ("en", "The Senate Speaker will also meet the Ambassador of Japan today, November 10."),
    ],
)
def test_the_day_the_text_calls_today(language: str, paragraph: str) -> None:
    lead = {
        "kk": "Сенат төрағасы 11-12 қарашада Жапония парламентінің шақыруымен Токиода болады.",
        "ru": "Председатель Сената посетит Токио 11-12 ноября по приглашению парламента Японии.",
        "en": "The Senate Speaker is to visit Tokyo on November 11-12 at the invitation of Japan.",
    }[language]
    iso, source, _ = _date(language, lead, paragraph)
    assert (iso, source) == ("--11-10", "today")


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        # an announcement: the text is written before the day it names
        ("kk", "Жапония премьер-министрі 27 қарашада Қазақстанға келеді, деп хабарлайды портал."),
        ("kk", "Жапония премьер-министрінің Астанаға сапары 28 ақпанға жоспарланған."),
        ("ru", "Премьер-министр Японии посетит Астану 27 ноября по приглашению главы государства."),
        ("en", "The Prime Minister of Japan will visit Astana on November 27 at the President's invitation."),
        ("en", "«On April 11, the Minister is going to make a trip to Tokyo,» the spokesman said."),
        # another event's date in a side clause
        ("en", "The spokesman commented on the Speaker's meeting with the envoy, held in Tokyo on May 29."),
        ("ru", "Президент поздравил коллегу с Днём независимости, отмечаемым 16 декабря."),
        # a bound, a span, two dates
        ("ru", "С 1 мая посольство Японии работает по новому графику."),
        ("kk", "1 мамырдан бастап елшілік жаңа кестемен жұмыс істейді."),
        ("kk", "Сенат төрағасы 11-12 қарашада Токиода болды."),
        ("en", "Talks held on May 5 followed the meeting of April 30."),
    ],
)
def test_dates_that_never_date_the_page(language: str, lead: str) -> None:
    assert _date(language, lead)[0] is None


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("Ақпанның 8-і әкім консулмен кездесті", [(8, 2, None)]),
        ("мамырдың 22-сінде кездесті", [(22, 5, None)]),
        ("9 қаңтарда президент", [(9, 1, None)]),
        ("Сиань, 2023 жылғы 26 сәуір – министр", [(26, 4, 2023)]),
        ("who may 5 go", []),  # an English month is written with a capital
        ("May 5-6 talks", []),
        ("Тоқаев 11-12 қарашада барады", []),
    ],
)
def test_dates_written_in_running_text(sentence: str, dates: list[tuple[int, int, int | None]]) -> None:
    assert [(m.found.day, m.found.month, m.found.year) for m in mentions(sentence)] == dates


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [("15.03.24", dt.date(2024, 3, 15)), ("01.02.99", dt.date(1999, 2, 1))],
)
def test_a_stamp_with_a_two_digit_year(stamp: str, expected: dt.date) -> None:
    text = f"{stamp}\n\nOn 15 March, the Senate Speaker met the Ambassador of Japan.\n\n{FOLLOW['en']}\n"
    date = parse(clean(text)).date
    assert (date.value, date.precision) == (expected, "day")


def test_a_quoted_front_matter_date() -> None:
    text = (
        "---\ndate: '2023-01-23'\ntitle: Readout of a meeting\n---\n\n"
        "The Senate Speaker met the Ambassador of Japan.\n\n" + FOLLOW["en"] + "\n"
    )
    assert parse(clean(text)).date.value == dt.date(2023, 1, 23)
