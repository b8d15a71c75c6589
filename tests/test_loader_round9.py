"""Round 9 of issue 11, tuned on v1–v9: the publisher where a page speaks of itself (its
header describing the site, its name over two header lines, its own correspondent, its name
announcing its report), never a dateline's place abbreviation; a sentence that a one-letter
abbreviation does not end; a Kazakh year written `2022 жыл`; a rubric glued after the
headline. Each rule with a counterpart that must stay as it is. Invented text."""

import datetime as dt

import pytest

from app.loader.clean import clean
from app.loader.evidence import split_headline
from app.loader.parse import first_sentence, parse

RU_BODY = (
    "Стороны обсудили торговлю, транспорт и энергетику и договорились о новой встрече.\n\n"
    "Делегации обменялись подарками и посетили выставку ремёсел.\n"
)
EN_BODY = (
    "The sides discussed trade, transit and energy and agreed to meet again next year.\n\n"
    "The delegations exchanged gifts and visited a crafts fair.\n"
)


def outlet(text: str) -> str | None:
    return parse(clean(text)).outlet


def body(text: str) -> str:
    return "\n".join(line.text for line in clean(text).lines)


# --- a place's abbreviation in a dateline is no publisher


def test_a_dateline_of_initials_names_no_publisher() -> None:
    text = "Washington, D.C., May 3, 2024 - The minister told reporters about the talks.\n\n" + EN_BODY
    assert outlet(text) is None


def test_a_dateline_in_capitals_still_names_its_publisher() -> None:
    text = "ASTANA. KAZINFORM - The minister told reporters about the talks.\n\n" + EN_BODY
    assert outlet(text) == "Kazinform"


# --- a registered publisher announcing its report


def test_a_registered_name_announcing_its_report_is_the_publisher() -> None:
    assert outlet("WNAM REPORT: On May 3, the ministers met in Astana.\n\n" + EN_BODY) == "WNAM"


def test_a_report_word_after_a_common_word_names_no_one() -> None:
    assert outlet("SPECIAL REPORT: On May 3, the ministers met in Astana.\n\n" + EN_BODY) is None


# --- the site describing itself in its header


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Степной информационный портал «Степь-Инфо». Новости Центральной Азии и Китая", "Степь-Инфо"),
        ("«Дала-Ақпарат» ақпараттық порталы", "Дала-Ақпарат"),
    ],
)
def test_a_header_describing_the_site_names_the_publisher_and_is_no_headline(
    header: str, expected: str
) -> None:
    text = f"{header}\n\nМинистры обсудили торговлю в Астане\n\n{RU_BODY}"
    parsed = parse(clean(text))
    assert parsed.outlet == expected
    assert parsed.title == "Министры обсудили торговлю в Астане"


def test_the_same_description_inside_the_text_names_no_publisher() -> None:
    paragraphs = [f"Абзац номер {n}: делегации обсудили торговлю и транспорт в Астане." for n in range(12)]
    middle = "Степной информационный портал «Степь-Инфо» рассказал об этом событии подробнее."
    text = "\n\n".join(["Министры обсудили торговлю в Астане", *paragraphs[:6], middle, *paragraphs[6:]])
    assert outlet(text + "\n") is None


# --- the site's registered name broken over two header lines


def test_a_registered_name_over_two_header_lines_is_the_publisher() -> None:
    text = (
        "The Government portal of the\nRepublic of Uzbekistan\nThe presidents talked over the phone\n\n"
        + EN_BODY
    )
    assert outlet(text) == "Government portal of the Republic of Uzbekistan"


def test_two_header_lines_that_make_no_registered_name_name_no_one() -> None:
    text = "The Steppe portal of the\nRepublic of Nowhere\nThe presidents talked over the phone\n\n" + EN_BODY
    assert outlet(text) is None


# --- the publisher's own correspondent, anywhere in the text


def test_the_publishers_own_correspondent_names_it() -> None:
    lines = [f"Абзац {n}: делегации обсудили торговлю и транспорт в Астане." for n in range(6)]
    lines.insert(4, "Гости осмотрели завод, передает корреспондент телеканала «Степь ТВ» Иван Петров.")
    assert outlet("Министры обсудили торговлю\n\n" + "\n\n".join(lines) + "\n") == "Степь ТВ"


@pytest.mark.parametrize(
    "sentence",
    [
        "Гости осмотрели завод, рассказал корреспонденту агентства один из гостей.",
        "Гости осмотрели завод, сообщает издание со ссылкой на корреспондента «Степь ТВ».",
    ],
)
def test_a_correspondent_without_a_name_or_one_cited_names_no_one(sentence: str) -> None:
    lines = [f"Абзац {n}: делегации обсудили торговлю и транспорт в Астане." for n in range(6)]
    lines.insert(4, sentence)
    assert outlet("Министры обсудили торговлю\n\n" + "\n\n".join(lines) + "\n") is None


# --- a one-letter abbreviation ends no sentence; `2022 жыл` is a year


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("А.ж. 13 қараша күні елші келді. Кешке концерт болды.", "А.ж. 13 қараша күні елші келді."),
        (
            "Президент Н. Назарбаев елшіні қабылдады. Кездесу өтті.",
            "Президент Н. Назарбаев елшіні қабылдады.",
        ),
        (
            "The talks were held in the U.S. capital. They lasted long.",
            "The talks were held in the U.S. capital.",
        ),
        ("Елші облысқа келді. 13 қараша күні концерт болды.", "Елші облысқа келді."),
    ],
)
def test_a_one_letter_abbreviation_ends_no_sentence(paragraph: str, expected: str) -> None:
    assert first_sentence(paragraph) == expected


def test_a_date_after_a_kazakh_abbreviation_dates_the_text() -> None:
    text = (
        "Елшімен кездесу\n\nА.ж. 13 қараша күні облысқа Кореяның елшісі келді. Кешке концерт болды.\n\n"
        "Тараптар сауда мен мәдениетті талқылады.\n"
    )
    date = parse(clean(text)).date
    assert (date.month, date.day, date.precision) == (11, 13, "day_month")


def test_a_date_after_a_full_stop_in_the_second_sentence_dates_nothing() -> None:
    text = (
        "Елшімен кездесу\n\nОблысқа Кореяның елшісі келді. 13 қараша күні концерт болды.\n\n"
        "Тараптар сауда мен мәдениетті талқылады.\n"
    )
    assert parse(clean(text)).date.precision == "unknown"


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("2022 жыл 12 мамырда елші институт директорымен кездесті.", dt.date(2022, 5, 12)),
        ("2022 жылы 12 мамырда елші институт директорымен кездесті.", dt.date(2022, 5, 12)),
    ],
)
def test_a_kazakh_year_before_day_and_month_is_read(opening: str, expected: dt.date) -> None:
    text = f"Елші кездесті\n\n{opening}\n\nТараптар ынтымақтастықты талқылады.\n"
    assert parse(clean(text)).date.value == expected


def test_a_year_apart_from_the_day_is_not_joined_to_it() -> None:
    text = (
        "Елші кездесті\n\n2022 жылдың көктемінде, 12 мамырда елші директормен кездесті.\n\nОлар сөйлесті.\n"
    )
    date = parse(clean(text)).date
    assert (date.month, date.day, date.precision) == (5, 12, "day_month")


# --- a rubric glued after the headline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "Почетное консульство планируется открыть в Степной области Политика",
            "Почетное консульство планируется открыть в Степной области",
        ),
        ("Министры обсудили транзит через степь Новость дня", "Министры обсудили транзит через степь"),
        ("Елшілер сауданы талқылады Саясат", "Елшілер сауданы талқылады"),
    ],
)
def test_a_rubric_glued_after_a_sentence_case_headline_is_cut(line: str, expected: str) -> None:
    assert split_headline(line)[0] == expected


@pytest.mark.parametrize(
    "line",
    [
        "Казахстан пересматривает свою внешнюю политику",
        "Елшілер сыртқы саясат туралы айтты",
        "Обсуждены вопросы торговли и Экономика",
        "Визит в Политика",
    ],
)
def test_a_headline_without_a_glued_rubric_stays_whole(line: str) -> None:
    assert split_headline(line)[0] == line


# --- boilerplate and metadata under the text


TEXT_RU = (
    "Министры обсудили торговлю в Астане\n\n"
    "Министры обсудили торговлю, транспорт и энергетику и договорились о новой встрече.\n\n"
    "Делегации обменялись подарками и посетили выставку ремёсел.\n\n"
)


@pytest.mark.parametrize(
    "line",
    [
        "Comments are closed.",
        "Комментарии закрыты",
        "Пікір қалдыру жабық",
        "Неправильно указали должность или подразделение?",
        "Нашли ошибку? Выделите её и нажмите Ctrl+Enter",
        "и фото-скриншот: Кремль",
        "Скриншот: Степь ТВ",
    ],
)
def test_a_sites_notice_or_credit_under_the_text_goes(line: str) -> None:
    kept = body(TEXT_RU + line + "\n")
    assert line not in kept
    assert "Делегации обменялись подарками" in kept


@pytest.mark.parametrize(
    "line",
    [
        "Ошибка в расчётах привела к тому, что бюджет сократили на треть, заявил министр.",
        "Комментарии экспертов к переговорам оказались сдержанными.",
    ],
)
def test_a_sentence_that_starts_like_a_notice_stays(line: str) -> None:
    text = TEXT_RU.replace("Делегации обменялись", line + "\n\nДелегации обменялись")
    assert line in body(text)


def test_an_english_sentence_that_starts_like_a_notice_stays() -> None:
    line = "Comments are welcome, the minister said after the talks ended."
    assert line in body("The ministers met in Astana\n\n" + line + "\n\n" + EN_BODY)


def test_a_date_under_the_texts_own_labels_dates_it() -> None:
    text = TEXT_RU + "Источник:\n\nи фото: Кремль\n\nДата:\n14.05.2024\nАвтор:\nИванова Мария\n"
    assert parse(clean(text)).date.value == dt.date(2024, 5, 14)


def test_a_date_under_links_after_the_text_dates_nothing() -> None:
    text = (
        TEXT_RU
        + "Читайте также\n\nСтепные новости: урожай собран досрочно по всей области\n\n"
        + "Дата:\n14.05.2024\n"
    )
    assert parse(clean(text)).date.value is None


# --- a statement opening on a pronoun is the text's standfirst, not its headline


@pytest.mark.parametrize(
    ("standfirst", "lead"),
    [
        (
            "Ол саммит аясында сөз сөйледі",
            "Мемлекет басшысы саммитте сауда мен көлік туралы баяндама жасады. Тараптар келісімге қол қойды.",
        ),
        (
            "Он выступил на саммите в столице",
            "Глава государства рассказал на саммите о торговле и транспорте. Стороны подписали соглашение.",
        ),
    ],
)
def test_a_statement_opening_on_a_pronoun_is_text(standfirst: str, lead: str) -> None:
    text = f"{standfirst}\n{lead}\nДелегации обменялись подарками и посетили выставку ремёсел.\n"
    parsed = parse(clean(text))
    assert parsed.title is None
    assert standfirst in body(text)


def test_a_headline_opening_on_a_name_like_a_pronoun_stays_the_headline() -> None:
    text = (
        "Олжас Сәрсенов саммит аясында сөз сөйледі\n"
        "Мемлекет басшысы саммитте сауда мен көлік туралы баяндама жасады. Тараптар келісімге қол қойды.\n"
        "Делегациялар сыйлықтар алмасты.\n"
    )
    assert parse(clean(text)).title == "Олжас Сәрсенов саммит аясында сөз сөйледі"


# --- a header's year and month complete a day and month


def test_a_header_year_and_month_complete_a_day_and_month() -> None:
    text = "date 2023-09\n11 Sep. 15:00\n" + EN_BODY
    assert parse(clean(text)).date.value == dt.date(2023, 9, 11)


def test_a_header_of_another_month_completes_nothing() -> None:
    date = parse(clean("date 2023-08\n11 Sep. 15:00\n" + EN_BODY)).date
    assert (date.value, date.month, date.day) == (None, 9, 11)
