"""Clean and parse on pages no rule was written for: each kind of noise the development set
showed, in invented text, in English, Russian and Kazakh."""

import pytest

from app.loader.clean import CleanedText, clean
from app.loader.parse import ParsedArticle, parse

EN_BODY = (
    "President Kassym-Jomart Tokayev held talks with the Prime Minister of Malaysia in Astana.\n\n"
    "The parties discussed trade, transport and investment, and agreed to meet again next year.\n"
)
RU_BODY = (
    "Президент Казахстана провел переговоры с премьер-министром Малайзии в Акорде.\n\n"
    "Стороны обсудили торговлю, транспорт и инвестиции и договорились продолжить диалог.\n"
)
KK_BODY = (
    "Мемлекет басшысы Ақордада Малайзия Премьер-министрімен келіссөз жүргізді.\n\n"
    "Тараптар сауда, көлік және инвестиция салаларындағы ынтымақтастықты талқылады.\n"
)


def load(text: str) -> tuple[CleanedText, ParsedArticle]:
    cleaned = clean(text)
    return cleaned, parse(cleaned)


def reasons(cleaned: CleanedText) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def body_lines(article: ParsedArticle) -> list[str]:
    return [line for p in article.paragraphs for line in p.split("\n")]


@pytest.mark.parametrize(
    ("chrome", "headline", "body"),
    [
        (
            ["Logo", "EN", "Contact Us", "Go to the main site"],
            "Tokayev holds talks with Malaysian premier",
            EN_BODY,
        ),
        (["403", "Images | Akorda"], "Tokayev holds talks with Malaysian premier", EN_BODY),
        (["поиск", "Политика", "Среда, 15:31"], "Токаев провел переговоры с премьером Малайзии", RU_BODY),
        (
            ["Спорт Қазақстан", "$ 444.32 473.33 4.76", "×"],
            "Токаев провел переговоры с премьером Малайзии",
            RU_BODY,
        ),
        (["Іздеу", "Айдарлар", "15:31"], "Тоқаев Малайзия премьерімен келіссөз жүргізді", KK_BODY),
    ],
)
def test_site_chrome_is_never_the_headline(chrome: list[str], headline: str, body: str) -> None:
    cleaned, article = load("\n".join(chrome) + f"\n\n{headline}\n\n{body}")
    assert article.title == headline
    for line in chrome:
        assert line not in body_lines(article)
    assert article.paragraphs[0] == body.split("\n")[0]


def test_a_page_of_chrome_without_a_headline_has_none() -> None:
    _, article = load(f"Images | primeminister.kz\n\n{EN_BODY}")
    assert article.title is None
    assert article.lead == EN_BODY.split("\n")[0]


@pytest.mark.parametrize(
    ("line", "headline", "suffix"),
    [
        (
            "Tokayev holds talks with Malaysian premier | Silk Road Daily",
            "Tokayev holds talks with Malaysian premier",
            "Silk Road Daily",
        ),
        (
            "Тоқаев Малайзия премьерімен келіссөз жүргізді - «Дала» Ұлттық телеарнасы",
            "Тоқаев Малайзия премьерімен келіссөз жүргізді",
            "«Дала» Ұлттық телеарнасы",
        ),
        (
            "Токаев провел переговоры с премьером Малайзии — dala-news.kz",
            "Токаев провел переговоры с премьером Малайзии",
            "dala-news.kz",
        ),
    ],
)
def test_a_site_name_after_the_headline_is_cut_off(line: str, headline: str, suffix: str) -> None:
    body = KK_BODY if "Тоқаев" in line else RU_BODY if "Токаев" in line else EN_BODY
    cleaned, article = load(f"{line}\n\n{body}")
    assert article.title == headline
    assert reasons(cleaned)[suffix] == "site name after the headline"


def test_a_dash_inside_a_headline_that_names_no_site_stays() -> None:
    _, article = load(f"Putin, Tokayev discuss the situation in the region - Kremlin\n\n{EN_BODY}")
    assert article.title == "Putin, Tokayev discuss the situation in the region - Kremlin"


def test_a_timestamp_glued_into_the_headline_is_cut_out_and_dates_the_article() -> None:
    text = (
        "Токаев провел переговоры с премьером Малайзии08.10.2018 14:49Астана. Стороны обсудили "
        "торговлю и инвестиции.\n\n" + RU_BODY
    )
    cleaned, article = load(text)
    assert article.title == "Токаев провел переговоры с премьером Малайзии"
    assert article.date.iso == "2018-10-08"
    assert "08.10.2018 14:49" in reasons(cleaned)


def test_yaml_front_matter_and_markdown_are_metadata_not_body() -> None:
    text = (
        "---\n"
        'title: "Minister of Foreign Affairs meets the Ambassador of Japan"\n'
        "date: 2024-03-05\n"
        "tags: [diplomacy]\n"
        "---\n"
        "# Minister of Foreign Affairs meets the Ambassador of Japan\n\n" + EN_BODY + "\n\\###\n"
    )
    cleaned, article = load(text)
    assert article.title == "Minister of Foreign Affairs meets the Ambassador of Japan"
    assert article.date.iso == "2024-03-05"
    assert body_lines(article) == [line for line in EN_BODY.split("\n") if line]
    assert reasons(cleaned)["\\###"] == "markup"
    assert reasons(cleaned)["tags: [diplomacy]"] == "front matter"


@pytest.mark.parametrize(
    ("stamp", "iso"),
    [
        ("Muhammad Khan Published January 08, 2022 | 02:40 PM", "2022-01-08"),
        ("03:05, 7 November 2025", "2025-11-07"),
        ("Wed 28th August 2019 | 09:54 PM", "2019-08-28"),
        ("05.05.2015г. в 14:00", "2015-05-05"),
        ("12 сентября 2022 года в 12:27", "2022-09-12"),
        ("Саясат • 02 Қараша, 2023", "2023-11-02"),
        ("24 маусым, 2020 жыл", "2020-06-24"),
    ],
)
def test_a_date_line_after_the_headline_dates_the_article_and_leaves_the_body(stamp: str, iso: str) -> None:
    body = EN_BODY if stamp[:1].isascii() and "г." not in stamp else RU_BODY
    cleaned, article = load(f"Tokayev holds talks with Malaysian premier\n\n{stamp}\n\n{body}")
    assert article.date.iso == iso and article.date.precision == "day"
    assert stamp not in body_lines(article)
    assert stamp in reasons(cleaned)


@pytest.mark.parametrize(
    ("stamp", "iso"), [("27 Nov. 18:20 (UTC+3 MSK)", "--11-27"), ("4 April, 16:54 2728", "--04-04")]
)
def test_a_day_and_month_without_a_year_gets_no_invented_year(stamp: str, iso: str) -> None:
    _, article = load(f"Tokayev holds talks with Malaysian premier\n\n{stamp}\n\n{EN_BODY}")
    assert article.date.iso == iso
    assert article.date.precision == "day_month" and article.date.year is None


def test_a_date_after_a_byline_dates_the_article() -> None:
    text = f"Токаев провел переговоры с премьером Малайзии\n\nАвтор: Иван Петров\n\n10.05.2022\n\n{RU_BODY}"
    cleaned, article = load(text)
    assert article.date.iso == "2022-05-10"
    assert reasons(cleaned)["Автор: Иван Петров"] == "byline (metadata)"


def test_a_date_opening_the_lead_is_the_date_without_a_year() -> None:
    _, article = load(
        "26 февраля состоялся телефонный разговор президентов Казахстана и Малайзии.\n\n" + RU_BODY
    )
    assert article.date.iso == "--02-26"


def test_a_month_first_dateline_gives_the_day() -> None:
    _, article = load(
        "Tokayev met with Anwar\n\nAstana. July 4. Dala News - President Tokayev met the Prime Minister "
        "of Malaysia.\n\nThe parties discussed trade.\n"
    )
    assert article.date.iso == "--07-04"


def test_a_date_in_the_related_news_or_the_footer_is_never_the_articles_date() -> None:
    text = (
        f"Tokayev holds talks with Malaysian premier\n\n{EN_BODY}\nOther news\n"
        "Tokayev visits Japan 12.03.2024\n15 March 2024\n© 2024 Dala News. All rights reserved.\n"
    )
    cleaned, article = load(text)
    assert article.date.iso is None
    assert body_lines(article) == [line for line in EN_BODY.split("\n") if line]
    assert reasons(cleaned)["Tokayev visits Japan 12.03.2024"] == "related-news block"


@pytest.mark.parametrize(
    ("noise", "body"),
    [
        (["By John Smith"], EN_BODY),
        (["Автор: Зарина Ахметова", "Фото: Акорда"], RU_BODY),
        (["Дайындаған: Айгүл Серікова", "Сурет: Ақорда"], KK_BODY),
    ],
)
def test_bylines_and_credits_above_the_text_are_removed(noise: list[str], body: str) -> None:
    cleaned, article = load("A headline of three words\n\n" + "\n".join(noise) + "\n\n" + body)
    for line in noise:
        assert line in reasons(cleaned)
        assert line not in body_lines(article)


@pytest.mark.parametrize(
    ("tail", "body"),
    [
        (["Print", "Back to top", "Ерлан СИСЕНОВ"], RU_BODY),
        (["Печать", "Наверх", "Просмотров: 1520", "Курс валют: USD 470.5"], RU_BODY),
        (["Басып шығару", "845", '"Дала Таймс"'], KK_BODY),
        (
            [
                "Хочешь получать главные новости? Подпишись на наш Telegram-канал!",
                "Все права защищены. При использовании материалов ссылка обязательна.",
            ],
            RU_BODY,
        ),
        (["You may also like", "Zelensky makes a mistake again", "The success of green energy"], EN_BODY),
        (["Басқа жаңалықтар", "Тоқаев Жапонияға барады", "Астанада саммит өтеді."], KK_BODY),
        (["Другие новости", "Путин прибыл в Астану", "Саммит ШОС пройдет в июле."], RU_BODY),
    ],
)
def test_what_follows_the_text_is_not_body(tail: list[str], body: str) -> None:
    cleaned, article = load("A headline of three words\n\n" + body + "\n" + "\n".join(tail) + "\n")
    assert body_lines(article) == [line for line in body.split("\n") if line]
    for line in tail:
        assert line in reasons(cleaned)


def test_captions_widgets_and_repeats_inside_the_text_are_removed() -> None:
    headline = "Tokayev gives interviews to two newspapers"
    text = (
        f"{headline}\n\n"
        "President Tokayev gave interviews to two American newspapers during his visit.\n\n"
        "Tokayev gives interviews to The Washington Post\nPhoto credit: Akorda\n\n"
        "true\nclose\n\n"
        f"{headline}\n\n"
        "The President spoke about relations between the two countries and the region.\n"
    )
    cleaned, article = load(text)
    removed = reasons(cleaned)
    assert removed["Tokayev gives interviews to The Washington Post"] == "photo caption"
    assert removed["true"] == removed["close"] == "site chrome"
    assert removed[headline] == "repeated headline"
    assert len(article.paragraphs) == 2


def test_a_line_cut_where_the_copy_ends_stays_body_but_a_signature_does_not() -> None:
    _, cut = load(f"A headline of three words\n\n{RU_BODY}Президент Республики Арм\n")
    assert cut.paragraphs[-1].endswith("Президент Республики Арм")
    _, signed = load(f"A headline of three words\n\n{RU_BODY}\nЕрлан СИСЕНОВ\n")
    assert "СИСЕНОВ" not in signed.body


def test_a_text_in_another_script_is_a_caption_not_the_body() -> None:
    cleaned, _ = load(
        "Kazakhstan's new foreign minister chooses Russia for his first visit\n\n"
        "Глава МИД Казахстана поедет в Россию\n\n" + EN_BODY
    )
    assert reasons(cleaned)["Глава МИД Казахстана поедет в Россию"] == "text in another script"


def test_every_removed_piece_keeps_its_raw_line_number() -> None:
    text = "Logo\n\nTokayev holds talks | Dala News\n\n03:05, 7 November 2025\n\n" + EN_BODY + "\nShare:\n"
    raw = text.split("\n")
    for line in clean(text).removed:
        assert line.text in raw[line.number - 1]


def test_a_menu_or_the_sites_name_is_not_the_headline_but_a_title_case_headline_is() -> None:
    text = (
        "Главная | Новости | Политика | Экономика\n\n«Дала» Ұлттық телеарнасы\n\n"
        "Kazakh Foreign Minister Receives British Ambassador\n\n" + EN_BODY
    )
    _, article = load(text)
    assert article.title == "Kazakh Foreign Minister Receives British Ambassador"


def test_a_date_printed_right_under_the_text_dates_it_only_when_nothing_above_does() -> None:
    _, below = load(f"Тоқаев Малайзия премьерімен келіссөз жүргізді\n\n{KK_BODY}\n15 қазан 2015 жыл\n")
    assert below.date.iso == "2015-10-15"
    _, both = load(
        f"Тоқаев Малайзия премьерімен келіссөз жүргізді\n\n02 Қараша, 2023\n\n{KK_BODY}\n15 қазан 2015 жыл\n"
    )
    assert both.date.iso == "2023-11-02"


@pytest.mark.parametrize(
    ("noise", "body"),
    [
        (["Николай Ильясов", "Dala Press Agency WORLD"], RU_BODY),
        (["Download our app to read the news first"], EN_BODY),
        (["Қосымшаны жүктеп алыңыз: жаңалықтар бірінші болып"], KK_BODY),
    ],
)
def test_names_credits_and_app_calls_between_headline_and_text_are_removed(
    noise: list[str], body: str
) -> None:
    cleaned, article = load("A headline of three words\n\n" + "\n".join(noise) + "\n\n" + body)
    assert body_lines(article) == [line for line in body.split("\n") if line]
    assert set(noise) <= set(reasons(cleaned))


def test_an_embedded_post_inside_the_text_is_removed() -> None:
    post = "— Dala News (@dalanews) March 5, 2024"
    lines = EN_BODY.split("\n")
    cleaned, article = load(f"A headline of three words\n\n{lines[0]}\n\n{post}\n\n{lines[2]}\n")
    assert reasons(cleaned)[post] == "embedded post"
    assert post not in article.body


@pytest.mark.parametrize(
    ("lead", "iso"),
    [
        ("6 шілде – Dala News. Мемлекет басшысы келіссөз жүргізді.", "--07-06"),
        ("АСТАНА, 9 фев - Dala News. Президент встретился с послом.", "--02-09"),
    ],
)
def test_short_datelines_give_day_and_month(lead: str, iso: str) -> None:
    _, article = load(f"Тоқаев елшіні қабылдады\n\n{lead}\n\nЕще текст статьи о визите.\n")
    assert article.date.iso == iso


def test_a_list_and_a_quotes_attribution_that_end_the_text_stay_body() -> None:
    tail = ["- торговля;", "- энергетика;", "2. транспорт", "— Касым-Жомарт Токаев"]
    _, article = load("Токаев провел переговоры\n\n" + RU_BODY + "\n".join(tail) + "\nПечать\n")
    assert body_lines(article)[-4:] == tail


def test_a_timestamp_glued_into_the_first_line_of_text_dates_it_and_loses_nothing() -> None:
    lead = (
        "Астана08.10.2018 14:49Президент Казахстана провел переговоры с премьер-министром "
        "Малайзии в Акорде, стороны обсудили торговлю."
    )
    _, article = load(f"Токаев провел переговоры\n\n{lead}\n\nЕще текст статьи о визите.\n")
    assert article.title == "Токаев провел переговоры"
    assert "провел переговоры с премьер-министром" in article.body
    assert article.date.iso == "2018-10-08"


def test_a_two_word_headline_opening_the_file_is_the_headline_but_a_two_word_name_is_not() -> None:
    _, short = load(f"Новая встреча\n\n{RU_BODY}")
    assert short.title == "Новая встреча"
    _, byline = load(f"Николай Ильясов\n\n{RU_BODY}")
    assert byline.title is None
