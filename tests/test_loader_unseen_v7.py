"""Kinds of chrome, headlines and publisher evidence found on v7's pages (issue 11, round 7),
in invented text: a link back to the front page or a language switch above the headline,
share and rating widgets, a label over a related story, a photo caption closed by a
parenthesised credit, a bullet before the headline, a two-word headline under a date line,
a caption that only names who is pictured, another story's headline pasted between
paragraphs of a text with captions, a clock time with its time zone, and attribution
clauses and source links that cite rather than sign. Each has its counterpart that stays."""

import datetime as dt

import pytest

from app.loader.clean import CleanedText, clean
from app.loader.dates import find_date
from app.loader.parse import parse

PAGES = {
    "en": (
        "Tokayev holds talks with Mongolian leader in Astana",
        "President Kassym-Jomart Tokayev held talks with the President of Mongolia in Astana on Friday.",
        "The parties discussed trade, transport and industrial cooperation between the two countries.",
    ),
    "ru": (
        "Токаев провел переговоры с президентом Монголии",
        "Президент Казахстана Касым-Жомарт Токаев провел переговоры с президентом Монголии в Астане.",
        "Стороны обсудили торговлю, транспорт и промышленную кооперацию двух стран.",
    ),
    "kk": (
        "Тоқаев Моңғолия Президентімен келіссөз жүргізді",
        "Мемлекет басшысы Қасым-Жомарт Тоқаев Астанада Моңғолия Президентімен келіссөз жүргізді.",
        "Тараптар сауда, көлік және өнеркәсіп салаларындағы ынтымақтастықты талқылады.",
    ),
}


def page(lang: str, above: str = "", between: str = "", under: str = "") -> str:
    headline, lead, second = PAGES[lang]
    parts = [above, headline, under, lead, between, second]
    return "\n\n".join(p for p in parts if p) + "\n"


def kept(cleaned: CleanedText) -> list[str]:
    return [line.text for line in cleaned.lines if line.text]


def removed(cleaned: CleanedText) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def headline(cleaned: CleanedText) -> str | None:
    return cleaned.headline.text if cleaned.headline else None


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("kk", "Басты сайтқа өту"),
        ("ru", "К списку новостей за день"),
        ("en", "Go to the main site"),
        ("ru", "Қазақша Полная версия"),
        ("kk", "Русский English"),
        ("en", "English | Русский"),
        ("ru", "Поделитесь с друзьями в соц. сетях!"),
        ("ru", "Оцените статью"),
        ("kk", "Мақаланы бағалаңыз"),
        ("en", "Rate this article"),
    ],
)
def test_chrome_above_the_headline_is_not_the_headline(lang: str, line: str) -> None:
    cleaned = clean(page(lang, above=line))
    assert headline(cleaned) == PAGES[lang][0]
    assert line in removed(cleaned)
    assert kept(cleaned) == list(PAGES[lang])


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("ru", "Новость по теме"),
        ("en", "Currently reading"),
        ("en", "More recommended stories"),
        ("kk", "Тақырыпқа қатысты жаңалық"),
        ("ru", "Поделитесь с друзьями в соц. сетях!"),
        ("en", "Rate this article"),
    ],
)
def test_labels_and_widgets_between_paragraphs_go_and_the_text_stays(lang: str, line: str) -> None:
    cleaned = clean(page(lang, between=line))
    assert line in removed(cleaned)
    assert kept(cleaned) == list(PAGES[lang])


@pytest.mark.parametrize(
    ("lang", "line"),
    [
        ("ru", "Президент поделился с коллегами опытом реформ и пригласил их в Астану."),
        ("ru", "Министр вернулся к списку вопросов, который стороны согласовали в прошлом году."),
        ("en", "English was the working language of the talks, the ministry said."),
        ("kk", "Тараптар басты сайтқа өту мәселесін емес, сауданы талқылады."),
        ("en", "The minister said he was currently reading the draft of the agreement."),
    ],
)
def test_sentences_with_those_words_stay(lang: str, line: str) -> None:
    cleaned = clean(page(lang, between=line))
    assert line in kept(cleaned)


def test_a_caption_closed_by_a_credit_is_not_the_headline() -> None:
    caption = (
        "Presidents Kim and Tokayev walk after their talks at the palace in Seoul on Tuesday. "
        "(Presidential Office)"
    )
    lead, second = PAGES["en"][1:]
    cleaned = clean(f"{caption}\n{lead}\n{second}\n")
    assert headline(cleaned) is None
    assert caption in removed(cleaned)
    assert kept(cleaned) == [lead, second]


def test_a_headline_with_a_parenthesised_word_stays_the_headline() -> None:
    title = "Tokayev and Kim hold talks in Seoul (video)"
    lead, second = PAGES["en"][1:]
    assert headline(clean(f"{title}\n{lead}\n{second}\n")) == title


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_a_bullet_before_the_headline_is_no_part_of_it(lang: str) -> None:
    title, lead, second = PAGES[lang]
    cleaned = clean(f"Қаң 17, 2023 14:28\n  • {title}\n\n{lead}\n\n{second}\n")
    assert headline(cleaned) == title


def test_a_list_of_the_text_keeps_its_bullets() -> None:
    title, lead, _ = PAGES["ru"]
    items = ["• торговля и инвестиции;", "• транспорт и логистика."]
    cleaned = clean(f"{title}\n\n{lead}\n\n" + "\n".join(items) + "\n")
    assert all(item in kept(cleaned) for item in items)


def test_a_two_word_headline_under_a_date_line() -> None:
    lead, second = PAGES["kk"][1:]
    cleaned = clean(f"date 2025-10-07\nЫнтымақтастық нығаяды\n{lead}\n{second}\n")
    assert headline(cleaned) == "Ынтымақтастық нығаяды"
    assert kept(cleaned) == ["Ынтымақтастық нығаяды", lead, second]


def test_two_capitalised_words_under_a_date_line_are_no_headline() -> None:
    lead, second = PAGES["kk"][1:]
    cleaned = clean(f"date 2025-10-07\nАқтөбе Жаңалықтары\n{lead}\n{second}\n")
    assert headline(cleaned) is None


@pytest.mark.parametrize(
    ("lang", "caption"),
    [
        ("ru", "Шавкат Мирзиёев и Нурсултан Назарбаев"),
        ("kk", "Шавкат Мирзиёев пен Нұрсұлтан Назарбаев"),
        ("en", "Shavkat Mirziyoyev and Nursultan Nazarbayev"),
    ],
)
def test_a_caption_that_only_names_who_is_pictured_goes(lang: str, caption: str) -> None:
    cleaned = clean(page(lang, under=caption))
    assert removed(cleaned)[caption] == "photo caption (names only, under the headline)"
    assert kept(cleaned) == list(PAGES[lang])


@pytest.mark.parametrize(
    ("lang", "standfirst"),
    [
        ("ru", "Мирзиёев и Назарбаев обсудили торговлю"),
        ("kk", "Мирзиёев пен Назарбаев сауданы талқылады"),
    ],
)
def test_a_standfirst_that_states_stays(lang: str, standfirst: str) -> None:
    cleaned = clean(page(lang, under=standfirst))
    assert standfirst in kept(cleaned)


RU_TEXT_WITH_CAPTION = [
    "Токаев обменялся поздравлениями с коллегами",
    "Президенты разных стран позвонили Токаеву и поздравили его с праздником, пишет Акорда.",
    "Глава Турции пожелал коллеге успехов на новом посту и отметил роль двух стран.",
    "{between}",
    "Президенты поздравили друг друга с праздником. Разговор состоялся по инициативе турецкой стороны.",
    "С праздником Токаева поздравил также президент Таджикистана Эмомали Рахмон.",
    "Назарбаев и Токаев вместе поздравляли казахстанцев с праздником весны",
    "По инициативе грузинской стороны состоялся телефонный разговор с премьер-министром Грузии, также Токаев",
]


def test_another_headline_goes_though_a_caption_and_a_cut_last_line_lack_stops() -> None:
    pasted = "Что думают о президенте Казахстана мировые лидеры"
    cleaned = clean("\n\n".join(RU_TEXT_WITH_CAPTION).format(between=pasted) + "\n")
    assert removed(cleaned)[pasted] == "another story's headline between paragraphs"


def test_a_text_without_stops_keeps_its_unpunctuated_lines() -> None:
    first = "Мемлекет басшысы екі ел арасындағы сауда көлемі артып келе жатқанын атап өтті"
    second = "Тараптар көлік және логистика салаларындағы жобаларды жүзеге асыруды талқылады"
    lines = [
        "Тоқаев Моңғолия Президентімен келіссөз жүргізді",
        "Мемлекет басшысы Қасым-Жомарт Тоқаев Астанада Моңғолия Президентімен келіссөз жүргізді.",
        first,
        "Тараптар сауда, көлік және өнеркәсіп салаларындағы ынтымақтастықты кеңінен талқылады.",
        second,
        "Кездесу соңында тараптар бірқатар құжатқа қол қойды және бірлескен мәлімдеме жасады.",
        "Келесі кездесу келер жылы Ұланбатыр қаласында өтеді деп күтілуде, деді министр.",
    ]
    cleaned = clean("\n\n".join(lines) + "\n")
    assert first in kept(cleaned)
    assert second in kept(cleaned)


def test_a_clock_time_with_its_time_zone_is_a_stamp_not_a_credit() -> None:
    title, lead, second = PAGES["kk"]
    stamp = "Қаң 17, 2023 14:28 Asia/Almaty"
    cleaned = clean(f"{stamp}\n{title}\n\n{lead}\n\n{second}\n")
    assert removed(cleaned)[stamp] == "date and time (metadata)"
    date = parse(cleaned).date
    assert date is not None
    assert date.value == dt.date(2023, 1, 17)


def test_a_sentence_the_outlet_signs_is_text_and_a_caption_it_credits_goes() -> None:
    signed = "“The mosque is beautiful and I am honoured to see it,” the prime minister said. –Kazinform"
    caption = "Токаев и Лукашенко во время встречи в Минске - Kazinform"
    assert signed in kept(clean(page("en") + "\n" + signed + "\n"))
    assert removed(clean(page("ru", between=caption)))[caption] == "photo caption with outlet credit"


def test_a_caption_credited_after_a_slash_still_goes() -> None:
    caption = "Токаев и Лукашенко во время встречи в Минске в пятницу Иван Петров/AFP via Getty Images"
    cleaned = clean(page("ru", between=caption))
    assert removed(cleaned)[caption] == "photo caption with agency credit"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a release's `Source:` link names the outlet it copied, never the publisher
        (
            "### [2024-5-14](/news/2024/5/14/index.md)\n\n"
            "# Kazakhstan and Mongolia sign a trade agreement in "
            "Astana.\n\n### Source:\n\n1. [RFE/RL](http://www.rferl.example/a/123.html)\n",
            None,
        ),
        (
            "### [2024-5-14](/news/2024/5/14/index.md)\n\n"
            "# Kazakhstan and Mongolia sign a trade agreement in "
            "Astana.\n\n### Source:\n\n1. [RFE/RL](http://www.rferl.example/a/123.html)\n\n"
            "The Korea Herald\n",
            "The Korea Herald",
        ),
        # a country's press in general is no outlet
        (
            "Назарбаев қытай халқын құттықтады\n\n«Екі ел достығы нығая береді», - деп жазады ҚХР бұқаралық "
            "ақпарат құралдары.\n\nТараптар сауданы талқылады.",
            None,
        ),
        (
            "Назарбаев қытай халқын құттықтады\n\n«Екі ел достығы нығая береді», - деп хабарлайды "
            "«Жаңа Дәуір» газеті.\n\nТараптар сауданы талқылады.",
            "Жаңа Дәуір",
        ),
        # a dateline with an agency the register now knows, and Sputnik's two editions
        (
            "Ulaanbaatar, October 29, 2024 /MONTSAME/. The Prime Minister of Mongolia met the President of "
            "Kazakhstan.\n\nThe sides discussed trade.",
            "Montsame",
        ),
        (
            "Тоқаев Эрдоғанмен кездесті.\n\nТараптар сауданы талқылады.\n\nSputnik Қазақстан",
            "Sputnik Қазақстан",
        ),
        (
            "Токаев встретился с Эрдоганом.\n\nСтороны обсудили торговлю.\n\nSputnik Казахстан",
            "Sputnik Казахстан",
        ),
    ],
)
def test_who_signs_and_who_is_cited(text: str, expected: str | None) -> None:
    assert parse(clean(text)).outlet == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # day, month and year joined by hyphens, read only where one reading is possible
        ("26-03-2025, 13:55 Айгүл Сәрсенова", (26, 3, 2025)),
        ("03-26-2025 10:00", (26, 3, 2025)),
        # Kazakh puts the year first (`2025 жылдың`), and a range of days starts on its first
        ("2025 жылдың 6–11 қазан күндері делегация Қытайға барды", (6, 10, 2025)),
        ("6–11 қазан 2025 жылы делегация Қытайға барды", (6, 10, 2025)),
        ("The forum was held on 1–2 June 2024 in Astana", (1, 6, 2024)),
    ],
)
def test_dates_in_more_layouts(line: str, expected: tuple[int, int, int]) -> None:
    found = find_date(line)
    assert found is not None
    assert (found.day, found.month, found.year) == expected


@pytest.mark.parametrize(
    "line",
    [
        "05-06-2025",  # day-month or month-day: left undated rather than guessed
        "Тел.: 8-701-555-12-34",
        "ISBN 978-3-16-148410-0",
    ],
)
def test_numbers_that_could_be_dates_are_not(line: str) -> None:
    found = find_date(line)
    assert found is None or found.year is None


def test_a_paragraph_about_the_press_names_no_publisher() -> None:
    text = (
        "Назарбаев қытай халқын құттықтады\n\n«Жэньминь жибао» газеті, «Синьхуа» агенттігі "
        "және басқа қытайлық "
        "БАҚ Елбасының құттықтауын жариялады.\n\nТараптар сауданы талқылады."
    )
    assert parse(clean(text)).outlet is None


def test_a_publisher_named_alone_at_the_top_still_counts() -> None:
    text = (
        "Назарбаев қытай халқын құттықтады\n\n«Синьхуа» агенттігі Елбасының құттықтауын жариялады.\n\n"
        "Тараптар сауданы талқылады."
    )
    assert parse(clean(text)).outlet == "Xinhua"


@pytest.mark.parametrize(
    ("lang", "written", "expected"),
    [
        (
            "en",
            "Presidents of Kazakhstan and Mongolia held expanded talks-UPDATED",
            "Presidents of Kazakhstan and Mongolia held expanded talks",
        ),
        (
            "en",
            "Presidents of Kazakhstan and Mongolia held expanded talks - PHOTO",
            "Presidents of Kazakhstan and Mongolia held expanded talks",
        ),
        (
            "ru",
            "Токаев провел переговоры с президентом Монголии (ВИДЕО)",
            "Токаев провел переговоры с президентом Монголии",
        ),
        # a headline's own word in lower case, or in brackets in lower case, stays
        (
            "en",
            "Presidents of Kazakhstan and Mongolia pose for a photo",
            "Presidents of Kazakhstan and Mongolia pose for a photo",
        ),
        (
            "en",
            "Presidents of Kazakhstan and Mongolia hold talks (video)",
            "Presidents of Kazakhstan and Mongolia hold talks (video)",
        ),
    ],
)
def test_a_status_marker_glued_to_the_headline_is_cut(lang: str, written: str, expected: str) -> None:
    lead, second = PAGES[lang][1:]
    assert headline(clean(f"{written}\n\n{lead}\n\n{second}\n")) == expected


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        (
            "2025 жылдың 6–11 қазан күндері облыс әкімі бастаған делегация Қытайға жұмыс сапарымен барды.",
            dt.date(2025, 10, 6),
        ),
        # the same opening of an event to come dates nothing
        ("2025 жылдың 6–11 қазан күндері облыс әкімі бастаған делегация Қытайдағы көрмеге қатысады.", None),
        ("6 октября 2025 года делегация области посетит Китай с рабочим визитом.", None),
        # a dateline dates the text whatever its sentence tells of
        ("6 октября 2025 – Делегация области посетит Китай с рабочим визитом.", dt.date(2025, 10, 6)),
    ],
)
def test_a_date_opening_the_lead_is_the_texts_unless_it_is_to_come(
    lead: str, expected: dt.date | None
) -> None:
    text = f"Ынтымақтастық нығаяды\n\n{lead}\n\nТараптар сауданы талқылады."
    date = parse(clean(text)).date
    assert (date.value if date else None) == expected


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        ("“The mosque is beautiful and I am honoured to see it,” the minister said. –Kazinform", "Kazinform"),
        # a speaker after the dash is no outlet
        ("“The mosque is beautiful and I am honoured to see it.” – Anwar Hamzah", None),
    ],
)
def test_the_publisher_signing_the_last_sentence(last: str, expected: str | None) -> None:
    assert parse(clean(page("en") + "\n" + last + "\n")).outlet == expected


RELATED = {
    "ru": ("Читайте также:", ["Путин поздравил коллегу с победой", "Алиев и Пашинян встретились в Брюсселе"]),
    "kk": ("Тағы оқыңыз:", ["Путин әріптесін жеңісімен құттықтады", "Әлиев пен Пашинян Брюссельде кездесті"]),
    "en": (
        "Read also:",
        ["Putin congratulates his colleague on victory", "Aliyev and Pashinyan meet in Brussels"],
    ),
}


@pytest.mark.parametrize("lang", ["ru", "kk", "en"])
def test_every_linked_title_under_a_read_also_heading_goes(lang: str) -> None:
    heading, titles = RELATED[lang]
    cleaned = clean(page(lang, between="\n".join([heading, *titles])))
    assert all(removed(cleaned)[t] == "read-also link (linked title)" for t in titles)
    assert kept(cleaned) == list(PAGES[lang])


@pytest.mark.parametrize("lang", ["ru", "en"])
def test_a_sentence_of_the_text_right_under_the_linked_title_stays(lang: str) -> None:
    heading, titles = RELATED[lang]
    sentence = {
        "ru": "Стороны также договорились о новой встрече в следующем году.",
        "en": "The sides also agreed to meet again next year.",
    }[lang]
    cleaned = clean(page(lang, between="\n".join([heading, titles[0], sentence])))
    assert sentence in kept(cleaned)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_reporters_address_on_a_line_of_its_own_is_metadata(lang: str) -> None:
    address = "a.reporter@agency.example.mn"
    cleaned = clean(page(lang, under=address))
    assert removed(cleaned)[address] == "byline (metadata)"
    assert kept(cleaned) == list(PAGES[lang])


def test_an_address_inside_a_sentence_stays() -> None:
    line = "Journalists may apply for accreditation at press@mfa.example.kz until Friday."
    assert line in kept(clean(page("en", between=line)))
