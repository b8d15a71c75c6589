"""Lines a site puts into or around the text, found by general evidence (issue 11, round 4),
in invented text: captions that end on a credit, pointers and calls to read elsewhere, a line
printed twice, share buttons, another story's headline between paragraphs or under the
headline, tags under the headline, a caption before a photo credit, background from another
story, and source lines. Each case has its counterpart that must stay text."""

import pytest

from app.loader.clean import CleanedText, clean
from app.loader.evidence import split_headline
from app.loader.parse import parse

EN = (
    "Tokayev holds talks with Malaysian premier",
    "President Kassym-Jomart Tokayev held talks with the Prime Minister of Malaysia in Astana.",
    "The parties discussed trade, transport and investment, and agreed to meet again next year.",
)
RU = (
    "Токаев провел переговоры с премьером Малайзии",
    "Президент Казахстана Касым-Жомарт Токаев провел переговоры с премьер-министром Малайзии.",
    "Стороны обсудили торговлю, транспорт и инвестиции и договорились продолжить диалог.",
)
KK = (
    "Тоқаев Малайзия премьерімен келіссөз жүргізді",
    "Мемлекет басшысы Қасым-Жомарт Тоқаев Малайзия Премьер-министрімен келіссөз жүргізді.",
    "Тараптар сауда, көлік және инвестиция салаларындағы ынтымақтастықты талқылады.",
)
PAGES = {"en": EN, "ru": RU, "kk": KK}


def page(lang: str, *, under_headline: str = "", between: str = "", after: str = "") -> str:
    headline, lead, second = PAGES[lang]
    parts = [headline, under_headline, lead, between, second, after]
    return "\n\n".join(p for p in parts if p) + "\n"


def kept(cleaned: CleanedText) -> list[str]:
    return [line.text for line in cleaned.lines if line.text]


def removed(cleaned: CleanedText) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


@pytest.mark.parametrize(
    ("lang", "caption"),
    [
        ("en", "The two leaders during the talks in Astana on Monday. / AA"),
        ("en", "Tokayev (L) and the Prime Minister review the guard. John Smith/AFP via Getty Images"),
        ("en", "The leaders shake hands in Astana, May 5, 2024. [Xinhua/Li Wei]"),
        ("en", "The two leaders in Astana in May 2024. Photo credit: Akorda"),
        ("ru", "Касым-Жомарт Токаев и премьер Малайзии во время встречи – -/Kremlin/dpa"),
        ("kk", "Тоқаев пен Малайзия премьері кездесу кезінде Сурет авторы: Ақорда"),
    ],
)
def test_a_caption_that_ends_on_a_credit_is_not_text(lang: str, caption: str) -> None:
    cleaned = clean(page(lang, between=caption))
    assert caption in removed(cleaned)
    assert kept(cleaned) == list(PAGES[lang])


@pytest.mark.parametrize(
    ("lang", "sentence"),
    [
        ("en", "The speed limit on the new road was raised to 90 km/h."),
        ("ru", "Товарооборот вырос в 2023/2024 годах почти на треть."),
    ],
)
def test_a_sentence_with_a_slash_stays_text(lang: str, sentence: str) -> None:
    cleaned = clean(page(lang, after=sentence))
    assert sentence in kept(cleaned)


@pytest.mark.parametrize(
    ("lang", "call"),
    [
        ("ru", "Читать на example.kz"),
        ("en", "Read it on example.com"),
        ("ru", "Больше новостей? Заходите на нашу ленту в Телеграм!"),
        ("ru", "Добавляйте наш сайт в свои источники Яндекс.Новости."),
    ],
)
def test_a_call_to_read_elsewhere_closes_nothing_of_the_text(lang: str, call: str) -> None:
    cleaned = clean(page(lang, after=call))
    assert call in removed(cleaned)
    assert kept(cleaned) == list(PAGES[lang])


def test_a_sentence_that_reports_a_channel_stays_text() -> None:
    sentence = "Об этом сообщили в Телеграм-канале пресс-службы, куда заходите вы и тысячи читателей."
    cleaned = clean(page("ru", after=sentence))
    assert sentence in kept(cleaned)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_paragraph_printed_twice_in_a_row_is_kept_once(lang: str) -> None:
    _, lead, second = PAGES[lang]
    cleaned = clean(page(lang, between=lead))
    assert kept(cleaned).count(lead) == 1
    assert second in kept(cleaned)
    assert removed(cleaned)[lead] == "line printed twice"


def test_share_buttons_between_paragraphs_are_a_menu() -> None:
    buttons = ["• Vkontakte", "• Facebook", "• Telegram", "• WhatsApp"]
    cleaned = clean(page("en", between="\n".join(buttons)))
    assert all(b in removed(cleaned) for b in buttons)
    assert kept(cleaned) == list(EN)


def test_a_short_list_of_the_text_stays() -> None:
    items = ["- trade;", "- transport;", "- investment."]
    cleaned = clean(page("en", between="\n".join(items)))
    assert all(item in kept(cleaned) for item in items)


@pytest.mark.parametrize(
    ("lang", "headline"),
    [
        ("ru", "Токаев примет участие в саммите ШОС в следующем месяце"),
        ("en", "Kazakhstan and China open a new border crossing next spring"),
        ("kk", "Астанада халықаралық инвестициялық форум келесі айда өтеді"),
    ],
)
def test_another_story_s_headline_between_paragraphs_is_not_text(lang: str, headline: str) -> None:
    cleaned = clean(page(lang, between=headline))
    assert removed(cleaned)[headline] == "another story's headline between paragraphs"
    assert kept(cleaned) == list(PAGES[lang])


@pytest.mark.parametrize(("lang", "heading"), [("en", "Fellow travelers"), ("ru", "Итоги встречи")])
def test_a_short_section_heading_stays_text(lang: str, heading: str) -> None:
    cleaned = clean(page(lang, between=heading))
    assert heading in kept(cleaned)


def test_a_speaker_s_caption_in_capitals_between_paragraphs_is_not_text() -> None:
    label = "СНХ: АСҚАР ОМАРОВ, ОБЛЫС ӘКІМІНІҢ ОРЫНБАСАРЫ"
    cleaned = clean(page("kk", between=label))
    assert label in removed(cleaned)
    assert kept(cleaned) == list(KK)


def test_a_title_case_line_under_the_headline_is_another_headline() -> None:
    other = "State Department: Secretary Advocates Peaceful Resolution of Crisis in the Region"
    cleaned = clean(page("en", under_headline=other))
    assert other in removed(cleaned)
    assert parse(cleaned).title == EN[0]
    assert kept(cleaned) == list(EN)


def test_a_standfirst_under_the_headline_stays() -> None:
    standfirst = "The president met the premier, who is in the capital for a two-day visit"
    cleaned = clean(page("en", under_headline=standfirst))
    assert standfirst in kept(cleaned)


@pytest.mark.parametrize(
    ("lang", "tags"),
    [("en", "Malaysia and Kazakhstan"), ("ru", "Казахстан и Малайзия"), ("kk", "Авторлар орталығы")],
)
def test_tags_under_the_headline_are_not_text(lang: str, tags: str) -> None:
    cleaned = clean(page(lang, under_headline=tags))
    assert tags in removed(cleaned)
    assert kept(cleaned) == list(PAGES[lang])


@pytest.mark.parametrize(
    ("lang", "caption", "credit"),
    [
        ("kk", "Малайзия Премьер-министрі Анвар Ибраһим Астанада", "фото: Ақорда"),
        ("ru", "Премьер-министр Малайзии Анвар Ибрагим в Астане", "Фото: Акорда"),
    ],
)
def test_a_caption_before_a_photo_credit_under_the_headline_is_not_text(
    lang: str, caption: str, credit: str
) -> None:
    cleaned = clean(page(lang, under_headline=f"{caption}\n{credit}"))
    assert removed(cleaned)[caption] == "photo caption"
    assert kept(cleaned) == list(PAGES[lang])


def test_a_standfirst_with_a_verb_before_a_photo_credit_stays() -> None:
    standfirst = "Кездесуге екі елдің үкімет басшылары мен министрлері қатысты"
    cleaned = clean(page("kk", under_headline=f"{standfirst}\nФото: Ақорда"))
    assert standfirst in kept(cleaned)


def test_closing_background_that_shares_only_the_country_is_another_story() -> None:
    closing = "Ранее сообщалось о том, что Джон Смит посетит Казахстан в мае."
    cleaned = clean(page("ru", after=closing))
    assert closing in removed(cleaned)


def test_closing_background_that_names_the_text_s_people_stays() -> None:
    closing = "Напомним, ранее Токаев обсуждал с Малайзией поставки зерна через Каспий."
    cleaned = clean(page("ru", after=closing))
    assert closing in kept(cleaned)


@pytest.mark.parametrize(
    "source", ["По материалам пресс-службы Правительства РФ", "Based on materials from TASS"]
)
def test_a_source_line_is_metadata(source: str) -> None:
    cleaned = clean(page("ru", after=source))
    assert source not in kept(cleaned)
    assert removed(cleaned)[source].startswith("source line")


def test_a_sentence_that_cites_data_stays() -> None:
    sentence = "По данным МИД, товарооборот двух стран вырос за год на двадцать процентов."
    cleaned = clean(page("ru", after=sentence))
    assert sentence in kept(cleaned)


@pytest.mark.parametrize(
    ("lang", "salutation"),
    [
        ("en", "– Dear Anwar Ibrahim,"),
        ("ru", "– Уважаемый Анвар Ибрагим,"),
        ("kk", "– Құрметті Анвар Ибраһим,"),
    ],
)
def test_a_salutation_is_text_not_a_dateline_place(lang: str, salutation: str) -> None:
    headline, lead, second = PAGES[lang]
    cleaned = clean(f"{headline}\n\n{lead}\n\n{salutation}\n\n{second}\n")
    assert salutation in kept(cleaned)


def test_a_section_heading_above_a_line_cut_by_the_copy_stays_text() -> None:
    headline, lead, second = EN
    text = f"{headline}\n\n{lead}\n\n{second}\n\nFellow travelers\n\nMalaysia's Ambassador to Kazakhstan, A\n"
    cleaned = clean(text)
    assert kept(cleaned)[-2:] == ["Fellow travelers", "Malaysia's Ambassador to Kazakhstan, A"]


@pytest.mark.parametrize(
    ("stamp", "date"),
    [
        ("09 April 2015, 13:59", "2015-04-09"),
        ("09 апреля 2015, 13:59", "2015-04-09"),
        ("9 сәуір 2015", "2015-04-09"),
    ],
)
def test_a_date_printed_after_the_headline_on_its_line_is_metadata(stamp: str, date: str) -> None:
    headline, lead, second = EN
    article = parse(clean(f"{headline} {stamp}\n\n{lead}\n\n{second}\n"))
    assert article.title == headline
    assert article.date is not None and article.date.iso == date


def test_a_number_a_word_and_a_year_closing_a_headline_are_no_date() -> None:
    headline = "Tokayev congratulates the 25 laureates 2024"
    assert split_headline(headline) == (headline, "", "", "")


def test_a_sentence_without_a_stop_stays_in_a_text_that_drops_its_stops() -> None:
    headline, lead, second = KK
    unstopped = [
        "Аталған шара келесі аптада бейне конференция форматында өтеді",
        "Оған бірқатар елдің басшылары мен көптеген ұйымдардың жетекшілері қатысады",
        "Мемлекет басшысы алдағы онлайн форумға қатысуға келісім берді",
    ]
    cleaned = clean("\n\n".join([headline, lead, *unstopped, second]) + "\n")
    assert all(line in kept(cleaned) for line in unstopped)
