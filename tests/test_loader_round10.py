"""Round 10 of issue 11, tuned on v1–v10: evidence general by construction. The headline is
the line the text is about, not a site's name or an office over it; a headline of two
sentences printed again is one headline; a date, site and rubric line is a stamp, not a
caption; the publisher crediting the text to itself; a wire's short name in brackets after
its dateline; the stop of a month's abbreviation ends no sentence; Kazakh months in Arabic
letters; outlets the register gained. Each rule with a counterpart that must stay as it is.
Invented text."""

import datetime as dt

import pytest

from app.i18n.languages import Lang
from app.loader.clean import boilerplate_rules, clean
from app.loader.dates import find_date, mentions
from app.loader.outlet_register import outlet_by_alias
from app.loader.parse import first_sentence, parse
from tests.loader_texts import EN_BODY, RU_BODY, body

KK_BODY = (
    "Астана, 2023 жылғы 5 мамыр – Қазақстан Республикасы Премьер-Министрінің орынбасары – "
    "Сыртқы істер министрі Руритания әріптесімен келіссөздер жүргізді.\n\n"
    "Тараптар сауда мен көлік саласындағы ынтымақтастықты талқылады.\n"
)


# --- the headline is the line the text is about, not the site's name over it


@pytest.mark.parametrize(
    ("site", "headline", "text"),
    [
        (
            "Embassy of Ruritania in Freedonia",
            "Ambassador discusses rail links with trade minister Olaf Berg",
            EN_BODY,
        ),
        ("Steppe Morning Herald", "Ambassador discusses rail links with trade minister Olaf Berg", EN_BODY),
        (
            "Посольство Руритании в Свободонии",
            "Посол обсудил с министром торговли новые железнодорожные маршруты",
            RU_BODY,
        ),
        (
            "Вечерняя Степная Звезда",
            "Посол обсудил с министром торговли новые железнодорожные маршруты",
            RU_BODY,
        ),
        ("Дала Жаршысы Апталығы", "Қазақстан мен Руритания министрлері келіссөздер жүргізді", KK_BODY),
        (
            "ҚР Премьер-Министрінің орынбасары - Сыртқы істер министрі",
            "Қазақстан мен Руритания министрлері келіссөздер жүргізді",
            KK_BODY,
        ),
    ],
)
def test_a_site_line_over_the_headline_loses_to_the_line_the_text_is_about(
    site: str, headline: str, text: str
) -> None:
    parsed = parse(clean(f"{site}\n\n{headline}\n\n{text}"))
    assert parsed.title == headline
    assert site not in body(f"{site}\n\n{headline}\n\n{text}")


@pytest.mark.parametrize(
    ("site", "headline", "text"),
    [
        (
            "Embassy of Ruritania in Freedonia",
            "Ambassador discusses rail links with trade minister Olaf Berg",
            EN_BODY,
        ),
        (
            "Посольство Руритании в Свободонии",
            "Посол обсудил с министром торговли новые железнодорожные маршруты",
            RU_BODY,
        ),
    ],
)
def test_an_institution_over_the_headline_at_the_top_names_the_publisher(
    site: str, headline: str, text: str
) -> None:
    assert parse(clean(f"{site}\n\n{headline}\n\n{text}")).outlet == site


def test_an_office_over_the_headline_names_no_publisher() -> None:
    office = "ҚР Премьер-Министрінің орынбасары - Сыртқы істер министрі"
    text = f"{office}\n\nҚазақстан мен Руритания министрлері келіссөздер жүргізді\n\n{KK_BODY}"
    assert parse(clean(text)).outlet is None


def test_an_institution_the_text_is_about_is_no_site_header() -> None:
    # the text is about the council: its name over the headline is a rubric, not the site
    header = "Council of Rail Ministers"
    body = (
        "The council of rail ministers met in Astana and agreed to open a freight route.\n\n"
        "The rail ministers will meet again next year.\n"
    )
    parsed = parse(clean(f"{header}\n\nMinisters agree on a freight route\n\n{body}"))
    assert parsed.outlet is None


@pytest.mark.parametrize(
    ("first", "second", "text"),
    [
        # a name-shaped headline the text is about stays over a caption-like line
        (
            "Rail Links Between Ruritania and Freedonia",
            "Ambassador and minister Olaf Berg at the talks",
            EN_BODY,
        ),
        # a headline that states something stays over a name line
        ("Министры обсудили новые маршруты", "Министерство торговли Руритании", RU_BODY),
        # a headline in lowercase words the text is not much about stays too
        ("Екі елдің достығы мәңгілік", "Руритания министрлері келіссөздер жүргізді", KK_BODY),
        # a short capitalised headline the text uses stays
        ("Rail Links Agreed", "Ambassador and minister Olaf Berg at the talks", EN_BODY),
    ],
)
def test_the_first_headline_stays_when_it_is_no_site_line(first: str, second: str, text: str) -> None:
    assert parse(clean(f"{first}\n\n{second}\n\n{text}")).title == first


# --- a headline of two sentences printed again


def test_a_headline_of_two_sentences_and_its_last_sentence_alone_are_one_headline() -> None:
    headline = "Крепкая дружба. Отношения двух стран основаны на доверии"
    text = f"Меню\n\n{headline}\n\n{headline}\n\nОтношения двух стран основаны на доверии\n\n{RU_BODY}"
    parsed = parse(clean(text))
    assert parsed.title == headline
    assert "Отношения двух стран основаны на доверии" not in body(text).replace(headline, "")


def test_a_trail_glued_before_the_headline_still_is_the_trail() -> None:
    headline = "Отношения двух стран основаны на доверии"
    text = f"Главные новости {headline}\n\n{headline}\n\n{RU_BODY}"
    assert parse(clean(text)).title == headline


# --- a line of date, site and rubric is a stamp


@pytest.mark.parametrize(
    ("stamp", "expected"),
    [
        ("12 марта, 2022 / Степная правда / Новости", dt.date(2022, 3, 12)),
        ("March 12, 2022 / Steppe Herald / News", dt.date(2022, 3, 12)),
        ("12.03.2022 / Дала жаршысы / Жаңалықтар", dt.date(2022, 3, 12)),
    ],
)
def test_a_date_site_and_rubric_line_dates_the_text(stamp: str, expected: dt.date) -> None:
    text = f"{stamp}\n\nПосол обсудил с министром торговли новые маршруты\n\n{RU_BODY}"
    cleaned = clean(text)
    assert parse(cleaned).date.value == expected
    assert not any("caption" in r.reason for r in cleaned.removed)


def test_a_caption_with_an_agency_credit_stays_a_caption() -> None:
    caption = "Посол и министр во время встречи в Астане / Акорда"
    text = f"Посол обсудил с министром торговли новые маршруты\n\n{RU_BODY}\n{caption}\n"
    cleaned = clean(text)
    assert any(r.reason == "photo caption with agency credit" for r in cleaned.removed)


# --- the publisher crediting the text to itself


@pytest.mark.parametrize(
    ("credit", "expected"),
    [
        ("«Дала ажары» өз ақпараты.", "Дала ажары"),
        ("«Дала ажарының» өз ақпараты.", "Дала ажары"),
        ("«Дала ажары»-ның өз тілшісі", "Дала ажары"),
        ("Собственная информация «Степная правда»", "Степная правда"),
        ("«Степная правда», собственная информация.", "Степная правда"),
    ],
)
def test_the_publisher_crediting_the_text_to_itself(credit: str, expected: str) -> None:
    text = f"Министрлер келіссөздер жүргізді\n\n{KK_BODY}\n{credit}\n"
    parsed = parse(clean(text))
    assert parsed.outlet == expected
    assert credit not in body(text)


def test_a_sentence_about_someone_elses_own_information_names_no_publisher() -> None:
    sentence = "Министр «Дала ажары» газетіне өз ақпаратын берді."
    text = f"Министрлер келіссөздер жүргізді\n\n{KK_BODY}\n{sentence}\n"
    assert parse(clean(text)).outlet is None
    assert sentence in body(text)


# --- a wire's short name in brackets after the dateline


@pytest.mark.parametrize(
    ("headline", "lead", "text", "expected"),
    [
        (
            "Ambassador meets trade minister",
            "ISLAMABAD, Jun 8 (RPA): The ambassador called on the trade minister Olaf Berg.",
            EN_BODY,
            "RPA",
        ),
        (
            "Посол встретился с министром",
            "ТАШКЕНТ, 3 мая (ТДА) – Посол встретился с министром торговли.",
            RU_BODY,
            "ТДА",
        ),
    ],
)
def test_a_wire_name_in_brackets_after_the_dateline_is_the_publisher(
    headline: str, lead: str, text: str, expected: str
) -> None:
    assert parse(clean(f"{headline}\n\n{lead}\n\n{text}")).outlet == expected


def test_a_bracket_after_a_dateline_that_is_no_name_names_no_publisher() -> None:
    lead = "ISLAMABAD, Jun 8 (local time): The ambassador called on Berg."
    text = f"Ambassador meets trade minister\n\n{lead}\n\n{EN_BODY}"
    assert parse(clean(text)).outlet is None


# --- the stop of a month's abbreviation


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ministers met on Nov. 21 in Budapest. 30 delegates attended.",
            "The ministers met on Nov. 21 in Budapest.",
        ),
        (
            "Министры встретились 21 нояб. 2023 в Будапеште. 30 делегатов приехали.",
            "Министры встретились 21 нояб. 2023 в Будапеште.",
        ),
        (
            "Министрлер 21 қар. 2023 Будапештте кездесті. 30 делегат келді.",
            "Министрлер 21 қар. 2023 Будапештте кездесті.",
        ),
        # counterpart: any other stop before a number ends the sentence
        ("The ministers met in Budapest. 30 delegates attended.", "The ministers met in Budapest."),
    ],
)
def test_a_month_abbreviation_ends_no_sentence(text: str, expected: str) -> None:
    assert first_sentence(text) == expected


def test_a_date_with_an_abbreviated_month_in_the_first_sentence_dates_the_text() -> None:
    text = (
        "Ministers discuss rail links\n\nASTANA – The foreign ministers met on Nov. 21 in Budapest, "
        "exploring new rail links\n\nThe talks covered trade and transit.\n"
    )
    date = parse(clean(text)).date
    assert (date.month, date.day) == (11, 21)


# --- Kazakh months in Arabic letters


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11 قار. 2020 02:51", dt.date(2020, 11, 11)),
        ("5 مامىر 2021", dt.date(2021, 5, 5)),
        ("3 جەلتوقسان 2019", dt.date(2019, 12, 3)),
    ],
)
def test_kazakh_months_in_arabic_letters(text: str, expected: dt.date) -> None:
    found = find_date(text)
    assert found is not None and found.as_date() == expected


def test_an_arabic_letter_word_that_starts_like_a_month_is_no_date() -> None:
    # `قازاقستان` (Kazakhstan) begins with the letters of `قاز` (October, cut short)
    assert find_date("5 قازاقستان 2021") is None
    assert mentions("5 قازاقستاننىڭ") == []


# --- outlets the register gained, in three scripts


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("EEAS", "European External Action Service"),
        ("Экспресс К", "Экспресс К"),
        ("arka-azhary.kz", "Арқа ажары"),
        ("Voice of Vietnam", "Voice of Vietnam"),
    ],
)
def test_register_knows_new_outlets(alias: str, name: str) -> None:
    known = outlet_by_alias(alias)
    assert known is not None and known.name == name


def test_a_copyright_line_names_a_registered_publisher() -> None:
    footer = "© Экспресс К, 2024. Все права защищены."
    text = f"Посол обсудил с министром торговли новые маршруты\n\n{RU_BODY}\n{footer}\n"
    assert parse(clean(text)).outlet == "Экспресс К"


def test_a_common_word_is_no_outlet() -> None:
    # `Время` and `Dawn` are outlets only by their domains: as words they name none
    text = f"Министры обсудили новые маршруты\n\nВремя покажет, сказал министр.\n\n{RU_BODY}"
    assert parse(clean(text)).outlet is None


# --- an image's file name on a line of its own


@pytest.mark.parametrize("name", ["монг 1.jpg", "IMG_2041.JPG", "сурет-3.webp"])
def test_an_image_file_name_between_paragraphs_is_boilerplate(name: str) -> None:
    after = "Тараптар келесі кездесуді Астанада өткізуге келісті."
    text = f"Министрлер келіссөздер жүргізді\n\n{KK_BODY}\n{name}\n\n{after}\n"
    cleaned = clean(text)
    assert any(r.reason == "image file name" and r.text == name for r in cleaned.removed)
    assert after in body(text)


@pytest.mark.parametrize(
    "sentence",
    [
        "The delegates looked at the new map of the route in route.png",
        "Делегаттар жаңа бағыттың картасын route.png файлынан қарады.",
        "Участники рассмотрели схему маршрута в файле route.png",
    ],
)
def test_a_sentence_naming_a_file_is_no_file_name_line(sentence: str) -> None:
    assert not [
        r for r in boilerplate_rules() if r.reason == "image file name" and r.pattern.search(sentence)
    ]


# --- a range of days opening the lead


def test_a_range_of_days_opening_the_lead_dates_the_text_by_its_first_day() -> None:
    text = (
        "Министр посетил область\n\n11-12 мая министр находился в области, где посетил завод и школу.\n\n"
        "Он встретился с жителями.\n"
    )
    date = parse(clean(text)).date
    assert (date.month, date.day, date.year) == (5, 11, None)


def test_a_range_of_days_of_an_event_to_come_dates_nothing() -> None:
    text = (
        "Министр посетит область\n\n11-12 мая министр посетит завод и школу области.\n\n"
        "Он встретится с жителями.\n"
    )
    assert parse(clean(text)).date.precision != "day_month"


# --- a speech's address under the headline


SPEECH = (
    "I welcome the minister and his delegation to our capital and thank them for the talks.\n\n"
    "We agreed to open a freight route between our countries next spring.\n"
)


def test_a_title_case_address_running_on_past_a_comma_is_text() -> None:
    address = "Honourable Minister Olaf Berg, Distinguished Guests, Ladies and Gentlemen,"
    text = f"Statement by the Prime Minister after the talks\n\n{address}\n\n{SPEECH}"
    assert address in body(text)


def test_a_title_case_line_under_the_headline_is_still_another_headline() -> None:
    other = "Prime Minister Welcomes the Freight Route Agreement With the Neighbours"
    text = f"Statement by the Prime Minister after the talks\n\n{other}\n\n{SPEECH}"
    assert other not in body(text)


# --- the last line the stored copy cut after a comma


KK_TEXT = (
    "Министрлер келіссөздер жүргізді\n\nЕлші облыс әкімімен кездесіп, екі ел арасындағы сауда мен "
    "көлік байланыстарын талқылады.\n\nТараптар келесі жылы бірлескен көрме өткізуге келісті.\n\n"
    "кездесу 2.jpg\n\n"
)


def test_a_long_last_line_cut_after_a_comma_is_text() -> None:
    cut = (
        "Сонымен қатар, елші облыстағы кәсіпорындардың жұмысымен танысып, сауда, көлік, энергетика және "
        "ауыл шаруашылығы салаларындағы жобалар, білім"
    )
    assert cut in body(KK_TEXT + cut + "\n")


def test_a_long_last_line_without_a_comma_after_a_caption_stays_out() -> None:
    other = (
        "Облыс әкімі көршілес елдің елшісімен мәдениет пен білім саласындағы ынтымақтастықты "
        "талқылады келесі кездесуде"
    )
    assert other not in body(KK_TEXT + other + "\n")


# --- the new reasons are shown in the reader's language


@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize(
    "reason",
    ["image file name", "repeated headline (its last sentence)", "the site's name over the headline"],
)
def test_new_removal_reasons_are_translated(lang: Lang, reason: str) -> None:
    from app.i18n.evidence import removal_reason
    from app.loader.layout import SITE_HEADER

    assert SITE_HEADER == "the site's name over the headline"
    shown = removal_reason(lang, reason)
    assert shown.translated and shown.text != reason
