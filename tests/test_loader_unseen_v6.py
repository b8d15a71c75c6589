"""Kinds of chrome and publisher evidence found on v6's pages (issue 11, round 6), in
invented text: paging links, a picture inlined as data, a caption ending on the archive its
picture comes from, a line in a third script beside the text, and a multi-word outlet name
that the text only spells in lowercase words. Each has its counterpart that stays."""

import pytest

from app.loader.clean import CleanedText, clean
from app.loader.parse import parse

PAGES = {
    "en": (
        "Tokayev holds talks with Belarusian leader in Minsk",
        "President Kassym-Jomart Tokayev held talks with the President of Belarus in Minsk on Friday.",
        "The parties discussed trade, transport and industrial cooperation between the two countries.",
    ),
    "ru": (
        "Токаев провел переговоры с президентом Беларуси",
        "Президент Казахстана Касым-Жомарт Токаев провел переговоры с президентом Беларуси в Минске.",
        "Стороны обсудили торговлю, транспорт и промышленную кооперацию двух стран.",
    ),
    "kk": (
        "Тоқаев Беларусь Президентімен келіссөз жүргізді",
        "Мемлекет басшысы Қасым-Жомарт Тоқаев Минскіде Беларусь Президентімен келіссөз жүргізді.",
        "Тараптар сауда, көлік және өнеркәсіп салаларындағы ынтымақтастықты талқылады.",
    ),
}


def page(lang: str, between: str) -> str:
    headline, lead, second = PAGES[lang]
    return f"{headline}\n\n{lead}\n\n{between}\n\n{second}\n"


def kept(cleaned: CleanedText) -> list[str]:
    return [line.text for line in cleaned.lines if line.text]


def removed(cleaned: CleanedText) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


@pytest.mark.parametrize(
    ("lang", "line", "reason"),
    [
        ("en", "Previous Article Next Article", "navigation link"),
        ("ru", "Предыдущая новость", "navigation link"),
        ("kk", "Келесі жаңалық", "navigation link"),
        ("ru", "<image>data:image/png;base64,iVBORw0KGgoAAAANSUhEUg", "markup"),
        ("en", "![](data:image/jpeg;base64,/9j/4AAQSkZJRg)", "markup"),
        ("ru", "Токаев и Лукашенко во время встречи / Из архива akorda.example", "photo caption with credit"),
        (
            "en",
            "The two presidents in Minsk in 2019 / From the archive of akorda.example",
            "photo caption with credit",
        ),
        (
            "en",
            "صدر نے وزیر اعظم سے ملاقات کی اور دونوں ملکوں کے درمیان تجارت پر بات کی",
            "text in another script",
        ),
    ],
)
def test_chrome_between_paragraphs_goes(lang: str, line: str, reason: str) -> None:
    cleaned = clean(page(lang, line))
    assert removed(cleaned)[line] == reason
    assert kept(cleaned) == list(PAGES[lang])


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("en", "The next article of the agreement covers transport and transit across the region."),
        ("ru", "Следующая встреча лидеров пройдет в Астане осенью, сообщили в пресс-службе."),
        ("en", "Tokayev said 习近平 had invited him to Beijing for the forum in the autumn of next year."),
    ],
)
def test_text_that_shares_their_words_stays(lang: str, line: str) -> None:
    cleaned = clean(page(lang, line))
    assert line in kept(cleaned)


def test_an_archive_credit_names_no_publisher() -> None:
    cleaned = clean(page("ru", "Токаев и Лукашенко во время встречи / Из архива akorda.kz"))
    assert parse(cleaned).outlet is None


def test_an_outlet_name_spelt_in_lowercase_words_is_no_mention() -> None:
    text = (
        "India and Kazakhstan agree to expand trade\n\n"
        "India and Kazakhstan today decided to enhance cooperation in trade, energy and transport.\n\n"
        "The two sides also agreed to open direct flights between their capitals next year.\n"
    )
    assert parse(clean(text)).outlet is None


def test_an_outlet_name_written_as_a_name_near_the_top_still_counts() -> None:
    text = (
        "Kazakhstan Today\n\n"
        "India and Kazakhstan agree to expand trade\n\n"
        "India and Kazakhstan decided on Tuesday to enhance cooperation in trade, energy and transport.\n\n"
        "The two sides also agreed to open direct flights between their capitals next year.\n"
    )
    assert parse(clean(text)).outlet == "Kazakhstan Today"


@pytest.mark.parametrize(
    ("stamp", "iso"),
    [
        ("09:27 25/10/2023", "2023-10-25"),
        ("10/25/2023 14:05", "2023-10-25"),
        ("Саясат 2 Noyabr 2023 1520", "2023-11-02"),
    ],
)
def test_a_stamp_above_the_text_dates_it(stamp: str, iso: str) -> None:
    headline, lead, second = PAGES["ru"]
    article = parse(clean(f"{headline}\n\n{stamp}\n\n{lead}\n\n{second}\n"))
    assert article.date.iso == iso


def test_a_slashed_date_that_reads_both_ways_gives_none() -> None:
    headline, lead, second = PAGES["ru"]
    article = parse(clean(f"{headline}\n\n09:27 05/06/2023\n\n{lead}\n\n{second}\n"))
    assert article.date.iso is None


@pytest.mark.parametrize(
    ("quote", "report", "iso"),
    [
        (
            '"We have come to open a new chapter in an old friendship"',
            "The Prime Minister of India arrived in Astana on July 7 on a tour of the region.",
            "--07-07",
        ),
        (
            "«Мы пришли открыть новую главу в старой дружбе»",
            "Премьер-министр Индии 7 июля прилетел в Астану в рамках турне по региону.",
            "--07-07",
        ),
    ],
)
def test_under_a_pull_quote_the_report_s_first_sentence_dates_it(quote: str, report: str, iso: str) -> None:
    closing = "The two sides discussed trade, energy and transport links."
    text = f"Talks in Astana\n\n{quote}\n\n{report}\n\n{closing}\n"
    assert parse(clean(text)).date.iso == iso


def test_under_a_quote_that_is_a_sentence_of_the_text_a_later_date_stays_out() -> None:
    text = (
        "Talks in Astana\n\n"
        '"We have come to open a new chapter," the Prime Minister of India said in Astana on Monday.\n\n'
        "Talks with the President covered transport and energy, and the two sides met again on July 7.\n"
    )
    assert parse(clean(text)).date.iso is None


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("ru", "Об этом сообщает «Степной вестник»."),
        ("kk", "Бұл туралы «Дала жаршысы» хабарлайды."),
        ("en", 'This was reported by "Steppe Herald".'),
    ],
)
def test_a_source_line_of_its_own_is_metadata(lang: str, line: str) -> None:
    headline, lead, second = PAGES[lang]
    cleaned = clean(f"{line}\n\n{headline}\n\n{lead}\n\n{second}\n")
    assert line not in kept(cleaned)
    assert removed(cleaned)[line].startswith("source line")


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("ru", "Об этом сообщает пресс-служба, добавив, что визит пройдет в мае."),
        ("kk", "Бұл туралы Сыртқы істер министрлігінің баспасөз қызметі хабарлады."),
    ],
)
def test_a_sentence_that_says_more_than_its_source_stays(lang: str, line: str) -> None:
    cleaned = clean(page(lang, line))
    assert line in kept(cleaned)
