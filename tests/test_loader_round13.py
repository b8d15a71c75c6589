"""Round 13 of issue 11, tuned on v1–v12: text fields by kind. A dateline with its date day
first and the agency in brackets; a date in what a speaker recalls under the lead is no date of
the report; another story's link printed twice inside the text; a breadcrumb from the front
page; a caption ending on its agency and photographer in round brackets; an informal call to
follow the site's groups; a two-word headline under the chrome the rules named. Each rule with
a counterpart that must stay as it is. Invented text."""

import datetime as dt

import pytest

from app.loader.clean import clean
from app.loader.parse import parse
from tests.loader_texts import EN_BODY, EN_HEADLINE, KK_BODY, KK_HEADLINE, RU_BODY, RU_HEADLINE, body

EN_LEAD, RU_LEAD, KK_LEAD = (text.split("\n\n")[0] for text in (EN_BODY, RU_BODY, KK_BODY))
PAGES = [(EN_HEADLINE, EN_BODY), (RU_HEADLINE, RU_BODY), (KK_HEADLINE, KK_BODY)]


# --- a dateline with a full date, day first, and the agency in brackets


@pytest.mark.parametrize(
    ("dateline", "text"),
    [
        ("London, 14 January 2022 (RNA): ", EN_BODY),
        ("Москва, 14 января 2022 (РНА): ", RU_BODY),
        ("Астана, 14 қаңтар 2022 (ҚНА): ", KK_BODY),
    ],
)
def test_a_dateline_with_a_day_first_date_and_a_bracketed_agency_dates_the_text(
    dateline: str, text: str
) -> None:
    parsed = parse(clean(dateline + text))
    assert parsed.date.value == dt.date(2022, 1, 14)
    assert parsed.dateline is not None
    assert not parsed.paragraphs[0].startswith(dateline.split(",")[0])


def test_a_place_and_date_inside_a_sentence_are_no_dateline() -> None:
    text = "The ambassador met Berg in London, 14 January 2022 (RNA): the two agreed on rail links.\n"
    assert parse(clean(text + "\n" + EN_BODY)).dateline is None


# --- under the lead, a date in what a speaker recalls is no date of the report


@pytest.mark.parametrize(
    ("lead", "recalled"),
    [
        (EN_LEAD, "He noted that November 1, 2022 marked the first meeting of the ministers in Astana."),
        (RU_LEAD, "Он отметил, что 1 ноября 2022 года министры впервые встретились в Астане."),
        (KK_LEAD, "Оның айтуынша, 1 қараша 2022 жылы министрлер Астанада алғаш рет кездескен."),
    ],
)
def test_a_date_a_speaker_recalls_under_the_lead_dates_nothing(lead: str, recalled: str) -> None:
    parsed = parse(clean(f"{lead}\n\n{recalled}\n"))
    assert parsed.date.value is None
    assert parsed.date.day is None


@pytest.mark.parametrize(
    ("lead", "dated"),
    [
        (EN_LEAD, "On 1 November 2022 the ministers met in Astana."),
        (RU_LEAD, "1 ноября 2022 года министры встретились в Астане."),
    ],
)
def test_a_date_opening_the_paragraph_under_the_lead_still_dates_it(lead: str, dated: str) -> None:
    assert parse(clean(f"{lead}\n\n{dated}\n")).date.value == dt.date(2022, 11, 1)


# --- another story's link printed twice inside the text (the link and its picture's alt text)


@pytest.mark.parametrize(
    ("headline", "text", "link"),
    [
        (EN_HEADLINE, EN_BODY, "Olaf Berg Becomes Ruritania's New Trade Minister After Long Talks"),
        (RU_HEADLINE, RU_BODY, "Олаф Берг стал новым министром торговли Рурытании после долгих переговоров"),
        (KK_HEADLINE, KK_BODY, "Олаф Берг ұзақ келіссөздерден кейін Рурытанияның жаңа сауда министрі болды"),
    ],
)
def test_a_title_printed_twice_inside_the_text_is_another_storys_link(
    headline: str, text: str, link: str
) -> None:
    first, second = text.rstrip("\n").split("\n\n")
    kept = body(f"{headline}\n\n{first}\n\n{second}\n\n{link}\n{link}\n\n{first.replace('.', ' again.')}\n")
    assert link not in kept
    assert second in kept


@pytest.mark.parametrize(("headline", "text"), PAGES)
def test_a_sentence_printed_twice_keeps_one_copy(headline: str, text: str) -> None:
    first, second = text.rstrip("\n").split("\n\n")
    kept = body(f"{headline}\n\n{first}\n\n{second}\n{second}\n\n{first.replace('.', ' again.')}\n")
    assert kept.count(second) == 1


# --- a breadcrumb from the front page over the headline


@pytest.mark.parametrize(
    ("trail", "headline", "text"),
    [
        ("Home / About us", EN_HEADLINE, EN_BODY),
        ("Главная / СМИ о нас", RU_HEADLINE, RU_BODY),
        ("Негізгі бет / БАҚ біз туралы", KK_HEADLINE, KK_BODY),
    ],
)
def test_a_breadcrumb_from_the_front_page_is_no_headline(trail: str, headline: str, text: str) -> None:
    cleaned = clean(f"{trail}\n\n{headline}\n\n{text}")
    assert cleaned.headline is not None and cleaned.headline.text == headline
    assert trail in [r.text for r in cleaned.removed]


def test_a_headline_with_a_slash_stays_whole() -> None:
    headline = "Ruritania / Kazakhstan: ministers agree on new rail links"
    assert parse(clean(f"{headline}\n\n{EN_BODY}")).title == headline


# --- a caption ending on its agency and photographer in round brackets


@pytest.mark.parametrize(
    ("headline", "caption", "text"),
    [
        (EN_HEADLINE, "Trade minister Olaf Berg at the talks (RNA /Anna Petrova)", EN_BODY),
        (RU_HEADLINE, "Министр торговли Олаф Берг на переговорах (РНА /Анна Петрова)", RU_BODY),
        (KK_HEADLINE, "Сауда министрі Олаф Берг келіссөздерде (ҚНА /Анна Петрова)", KK_BODY),
    ],
)
def test_a_caption_ending_on_a_bracketed_agency_and_photographer_is_boilerplate(
    headline: str, caption: str, text: str
) -> None:
    assert caption not in body(f"{headline}\n\n{caption}\n\n{text}")


def test_a_sentence_ending_on_a_bracketed_route_stays_text() -> None:
    sentence = "The ministers discussed the new freight route through two cities (Almaty/Urumqi)."
    assert sentence in body(f"{EN_HEADLINE}\n\n{EN_BODY}\n{sentence}\n")


# --- an informal call to follow the site's groups


@pytest.mark.parametrize(
    ("headline", "text", "call"),
    [
        (EN_HEADLINE, EN_BODY, "Spend hours on social media? Then read our news on Telegram and VK."),
        (
            RU_HEADLINE,
            RU_BODY,
            "Много сидишь в социальных сетях? Тогда читай полезные новости в группах «Наш город» ВКонтакте.",
        ),
        (KK_HEADLINE, KK_BODY, "Әлеуметтік желіде көп отырасың ба? Онда жаңалықтарды Telegram-да оқы!"),
    ],
)
def test_an_informal_call_to_follow_the_sites_groups_is_boilerplate(
    headline: str, text: str, call: str
) -> None:
    assert call not in body(f"{headline}\n\n{text}\n{call}\n")


def test_a_sentence_about_a_telegram_post_stays_text() -> None:
    sentence = "Министр торговли Олаф Берг прочитал доклад о маршрутах в своём Telegram-канале."
    assert sentence in body(f"{RU_HEADLINE}\n\n{RU_BODY}\n{sentence}\n")


# --- a two-word headline under the chrome the rules named (a language switch, a breadcrumb)

SWITCH = "қазақша · русский · english"


@pytest.mark.parametrize(
    ("trail", "headline", "text"),
    [
        ("Home / About us", "Rector honoured", EN_BODY),
        ("Главная / СМИ о нас", "Ректора наградили", RU_BODY),
        ("Негізгі бет / БАҚ біз туралы", "Ректорды марапаттады", KK_BODY),
    ],
)
def test_a_two_word_headline_under_the_named_chrome_is_the_headline(
    trail: str, headline: str, text: str
) -> None:
    assert parse(clean(f"{SWITCH}\n\n{trail}\n17.04.2019\n\n{headline}\n\n{text}")).title == headline


def test_a_two_word_name_under_the_named_chrome_is_no_headline() -> None:
    assert parse(clean(f"{SWITCH}\n\nRuritania Ledger\n\n{EN_BODY}")).title is None
