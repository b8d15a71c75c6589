"""Round 16 of issue 11, tuned on v1–v15: dates, headline, outlet and boilerplate by kind, each
from evidence that holds on any page. A span of days in the text's first sentence dates no
later paragraph's event; Kazakh's own dateline order (`АЛМАТЫ. Наурыздың 30-ы. Agency –`); a
site's `Official website of X` line is its name, never a headline; a numbered list's item
(skip links) is no headline; a caption closed by its credit in square brackets; a paragraph
opening on a site's domain names the publisher over the outlet it reprints; the error-report
widget and a reproduction notice. Each rule with a counterpart that must stay as it is.
Invented text."""

import pytest

from app.loader.clean import clean
from app.loader.parse import parse
from tests.loader_texts import EN_BODY, EN_HEADLINE, KK_BODY, KK_HEADLINE, RU_BODY, RU_HEADLINE

PAGES = {"en": (EN_HEADLINE, EN_BODY), "ru": (RU_HEADLINE, RU_BODY), "kk": (KK_HEADLINE, KK_BODY)}


def removed(text: str) -> list[str]:
    return [line.text for line in clean(text).removed]


# --- a span of days in the first sentence: a later paragraph's date is another event's

SPANS = {
    "en": (
        "Political cooperation",
        "On September 26-29, 2006, during the visit of the President of Latvia to Washington, "
        "the two presidents adopted a joint statement on their strategic partnership.",
        "On November 14, 2008, the new president called the leaders of key allies and discussed "
        "the prospects of the partnership.",
    ),
    "ru": (
        "Политическое сотрудничество",
        "В ходе визита Президента Латвии в Вашингтон 26-29 сентября 2006 года президенты приняли "
        "совместное заявление о стратегическом партнерстве.",
        "14 ноября 2008 года новый президент позвонил лидерам ключевых союзников и обсудил "
        "перспективы партнерства.",
    ),
    "kk": (
        "Саяси ынтымақтастық",
        "Латвия Президентінің Вашингтонға сапары барысында, 26-29 қыркүйекте, президенттер "
        "стратегиялық әріптестік туралы бірлескен мәлімдеме қабылдады.",
        "14 қарашада жаңа президент негізгі одақтастардың көшбасшыларына қоңырау шалып, "
        "әріптестіктің болашағын талқылады.",
    ),
}


@pytest.mark.parametrize("language", sorted(SPANS))
def test_a_span_of_days_in_the_first_sentence_dates_no_later_paragraph(language: str) -> None:
    headline, first, second = SPANS[language]
    parsed = parse(clean(f"{headline}\n\n{first}\n\n{second}\n"))
    assert parsed.date.precision == "unknown"


STANDFIRSTS = {
    "en": "The two countries agreed to deepen their strategic partnership.",
    "ru": "Две страны договорились углубить стратегическое партнерство.",
    "kk": "Екі ел стратегиялық әріптестікті тереңдетуге келісті.",
}


@pytest.mark.parametrize("language", sorted(SPANS))
def test_a_standfirst_without_a_date_leaves_the_next_paragraphs_date(language: str) -> None:
    headline, _, second = SPANS[language]
    parsed = parse(clean(f"{headline}\n\n{STANDFIRSTS[language]}\n\n{second}\n"))
    assert (parsed.date.month, parsed.date.day) == (11, 14)


# --- Kazakh's own dateline: the month in the genitive, the day after it


@pytest.mark.parametrize(
    "dateline",
    [
        "; АЛМАТЫ. Наурыздың 30-ы. ҚазАқпарат /Ербол Азанбек/ - ",
        "АСТАНА. Қыркүйектің 22-сі. ҚазАқпарат. ",
    ],
)
def test_a_kazakh_dateline_month_first_dates_the_text(dateline: str) -> None:
    parsed = parse(clean(f"{KK_HEADLINE}\n\n{dateline}{KK_BODY}"))
    month, day = (3, 30) if "Наурыз" in dateline else (9, 22)
    assert (parsed.date.month, parsed.date.day) == (month, day)
    assert parsed.date.source == "dateline"


def test_a_kazakh_dateline_day_first_still_dates_the_text() -> None:
    parsed = parse(clean(f"{KK_HEADLINE}\n\nАЛМАТЫ. 30 наурыз. ҚазАқпарат - {KK_BODY}"))
    assert (parsed.date.month, parsed.date.day, parsed.date.source) == (3, 30, "dateline")


# --- a site's `Official website of X` line: the site's name, never the headline

# Headlines the text shares few words with: the rules then weigh the lines above them.
FAR_HEADLINES = {
    "en": "Excerpts from a talk with the President of Latvia",
    "ru": "Итоги года Латвии в Казахстане",
    "kk": "Латвия жылының қорытындысы",
}

OFFICIAL = {
    "en": ("Official website of the President of Latvia", "President of Latvia", "Transcripts   /"),
    "ru": (
        "Официальный сайт Президента Латвии",
        "Официальный сайт Президента Латвии",
        "Стенограммы   /",
    ),
    "kk": ("Латвия Президентінің ресми сайты", "Латвия Президенті", "Стенограммалар   /"),
}


@pytest.mark.parametrize("language", sorted(OFFICIAL))
def test_an_official_site_line_is_the_sites_name_not_the_headline(language: str) -> None:
    header, outlet, rubric = OFFICIAL[language]
    headline, body = FAR_HEADLINES[language], PAGES[language][1]
    chrome = ["View settings", "", "Font size:", "Site colours:", "Images", "", "Settings", ""]
    parsed = parse(clean("\n".join([*chrome, header, "", rubric, "", headline, "", body])))
    assert parsed.title == headline
    assert parsed.outlet == outlet


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "The official website of the President of Latvia published the statement."),
        ("ru", "Официальный сайт Президента Латвии опубликовал заявление."),
        ("kk", "Мәлімдемені Латвия Президентінің ресми сайты жариялады."),
    ],
)
def test_an_official_site_named_in_a_sentence_stays_text(language: str, sentence: str) -> None:
    headline, body = PAGES[language]
    assert sentence in parse(clean("\n".join([headline, "", body, "", sentence]))).body


# --- an item of a numbered list (skip links, a menu) is no headline

SKIP_LINKS = {
    "en": ("1. Skip to content", "  2. Skip to main menu", "  3. More from the site"),
    "ru": ("1. Перейти к содержанию", "  2. Перейти к главному меню", "  3. К другим проектам сайта"),
    "kk": ("1. Мазмұнға өту", "  2. Басты мәзірге өту", "  3. Сайттың басқа жобалары"),
}


@pytest.mark.parametrize("language", sorted(SKIP_LINKS))
def test_numbered_skip_links_are_no_headline(language: str) -> None:
    headline, body = FAR_HEADLINES[language], PAGES[language][1]
    parsed = parse(clean("\n".join([*SKIP_LINKS[language], "", headline, "", body])))
    assert parsed.title == headline


@pytest.mark.parametrize("language", sorted(SKIP_LINKS))
def test_a_breadcrumbs_last_item_printed_again_below_stays_the_headline(language: str) -> None:
    headline, body = PAGES[language]
    crumbs = ["  1. Home", "  2. News", f"  3. {headline}"]
    parsed = parse(clean("\n".join([*crumbs, "", headline, "", body])))
    assert parsed.title is not None and parsed.title.endswith(headline)  # the item, as before


# --- a caption closed by its credit in square brackets

CAPTIONS = {
    "en": "The President of Latvia shakes hands with the Premier in Riga on May 4, 2015. [Photo: Xinhua]",
    "ru": "Президент Латвии пожимает руку премьер-министру в Риге 4 мая 2015 года. [Фото: Синьхуа]",
    "kk": "Латвия Президенті Ригада премьер-министрмен қол алысып амандасты. [Сурет: Синьхуа]",
}


@pytest.mark.parametrize("language", sorted(CAPTIONS))
def test_a_caption_closed_by_its_credit_in_brackets_is_no_headline(language: str) -> None:
    _, body = PAGES[language]
    text = f"{CAPTIONS[language]}\n{body}"
    assert parse(clean(text)).title is None
    assert CAPTIONS[language] in removed(text)


@pytest.mark.parametrize("language", sorted(CAPTIONS))
def test_a_sentence_closed_by_a_bracketed_note_stays_text(language: str) -> None:
    headline, body = PAGES[language]
    sentence = CAPTIONS[language].rsplit("[", 1)[0] + "[1]"
    assert sentence not in removed(f"{headline}\n\n{body}\n{sentence}\n")


# --- a paragraph opening on a site's domain: that site publishes what it reprints

REPRINTS = {
    "en": "LATVIANEWS.LV. The minister met the ambassador in Riga, writes baltnews.lv.",
    "ru": "Latvianews.lv. Министр встретился с послом в Риге, передает baltnews.lv.",
    "kk": "LATVIANEWS.LV. Министр Ригада елшімен кездесті, деп жазады baltnews.lv.",
}


@pytest.mark.parametrize("language", sorted(REPRINTS))
def test_a_domain_opening_the_text_is_the_publisher_over_the_reprinted_one(language: str) -> None:
    headline, body = PAGES[language]
    parsed = parse(clean(f"{headline}\n\n{REPRINTS[language]}\n\n{body}"))
    assert parsed.outlet == "latvianews.lv"


@pytest.mark.parametrize("language", sorted(REPRINTS))
def test_the_attribution_alone_still_names_the_outlet(language: str) -> None:
    headline, body = PAGES[language]
    lead = REPRINTS[language].split(". ", 1)[1]
    parsed = parse(clean(f"{headline}\n\n{lead}\n\n{body}"))
    assert parsed.outlet == "baltnews.lv"


# --- the error-report widget and a reproduction notice under the text

NOTICES = {
    "en": (
        "This information may not be reproduced without reference to Latvia Today",
        "Found an error in the text?",
        "Select the error and press Ctrl + Enter at the same time.",
    ),
    "ru": ("Нашли ошибку в тексте?", "Выделите фрагмент текста с ошибкой и нажмите Ctrl+Enter."),
    "kk": ("Мәтіннен қате таптыңыз ба?", "Қатені белгілеп, Ctrl+Enter пернелерін басыңыз"),
}


@pytest.mark.parametrize("language", sorted(NOTICES))
def test_the_error_widget_and_reproduction_notice_are_removed(language: str) -> None:
    headline, body = PAGES[language]
    lines = NOTICES[language]
    assert set(lines) <= set(removed("\n".join([headline, "", body, *lines])))


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "The minister said an error in the text of the treaty had been corrected before signing."),
        ("ru", "Министр отметил, что ошибку в тексте договора исправили до подписания."),
        ("kk", "Министр келісім мәтініндегі қате қол қойылғанға дейін түзетілгенін айтты."),
    ],
)
def test_a_sentence_about_an_error_in_a_text_stays(language: str, sentence: str) -> None:
    headline, body = PAGES[language]
    assert sentence in parse(clean("\n".join([headline, "", body, sentence]))).body


BROKEN_OFFICIAL = {
    "ru": ("Официальный сайт", "Президента Республики Латвия"),
    "kk": ("Латвия Республикасы Президентінің", "ресми сайты"),
}


@pytest.mark.parametrize("language", sorted(BROKEN_OFFICIAL))
def test_an_official_site_line_broken_in_two_is_no_headline(language: str) -> None:
    first, second = BROKEN_OFFICIAL[language]
    headline, body = FAR_HEADLINES[language], PAGES[language][1]
    page = ["Emblem", "", first, "", second, "", first, "", second, "", "Events", "", headline, "", body]
    text = "\n".join(page)
    assert parse(clean(text)).title == headline
    assert {first, second} <= set(removed(text))


@pytest.mark.parametrize("language", sorted(BROKEN_OFFICIAL))
def test_a_rubric_over_the_headline_broken_in_two_leaves_the_headline(language: str) -> None:
    headline, body = PAGES[language]
    text = "\n".join(["Events", "", "News", "", headline, "", body])
    assert parse(clean(text)).title == headline


# --- a page's tool bar printed as one line

TOOLBARS = {
    "en": "Comments() Print Mail Large Medium Small 分享按钮 0",
    "ru": "Комментарии(0) Печать Поделиться Крупный шрифт",
    "kk": "Пікірлер(0) Басып шығару Бөлісу 0",
}


@pytest.mark.parametrize("language", sorted(TOOLBARS))
def test_a_tool_bar_line_under_the_text_is_removed(language: str) -> None:
    headline, body = PAGES[language]
    assert TOOLBARS[language] in removed("\n".join([headline, "", body, "", TOOLBARS[language]]))


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        ("en", "Print and mail services between the two countries will resume in May."),
        ("ru", "Печать и комментарии в прессе стороны обсудили отдельно."),
        ("kk", "Пікірлер мен ұсыныстар келесі кездесуде талқыланады."),
    ],
)
def test_a_sentence_opening_on_tool_words_stays(language: str, sentence: str) -> None:
    headline, body = PAGES[language]
    assert sentence in parse(clean("\n".join([headline, "", body, sentence]))).body
