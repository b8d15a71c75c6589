"""Photo captions without a credit line, closing links to earlier articles, and Kazakh dates
whose year comes first: invented pages in English, Russian and Kazakh."""

import pytest

from app.loader.clean import clean
from app.loader.dates import find_date
from app.loader.parse import parse

PAGE_TOP = {
    "en": "Tokayev meets the Prime Minister of Malaysia\n\n"
    "President Kassym-Jomart Tokayev held talks with the Prime Minister of Malaysia in Astana.\n\n",
    "ru": "Токаев встретился с премьером Малайзии\n\n"
    "Президент Казахстана провел переговоры с премьер-министром Малайзии в Акорде.\n\n",
    "kk": "Тоқаев Малайзия премьерімен кездесті\n\n"
    "Мемлекет басшысы Ақордада Малайзия Премьер-министрімен келіссөз жүргізді.\n\n",
}


def page_ending(line: str) -> str:
    language = "en" if line.isascii() else ("kk" if any(c in line for c in "әғқңөұүһі") else "ru")
    return PAGE_TOP[language] + line + "\n"


def body_of(text: str) -> list[str]:
    article = parse(clean(text))
    return [line for p in article.paragraphs for line in p.split("\n")]


def reasons(text: str) -> dict[str, str]:
    return {r.text: r.reason for r in clean(text).removed}


def test_a_caption_between_the_text_and_its_cut_off_last_line_goes() -> None:
    caption = "Foreign Minister of Oman Badr Albusaidi meets with Murat Nurtleu"
    text = (
        "Tokayev receives the Foreign Minister of Oman\n\n"
        "President Kassym-Jomart Tokayev received the Foreign Minister of Oman in Akorda today.\n\n"
        "The parties discussed trade, transport and investment and agreed to meet again soon.\n\n"
        f"{caption}\n\n"
        "It bears noting that before the meeting with the Head of State, the Omani minister held"
    )
    assert reasons(text)[caption].startswith("photo caption")
    body = body_of(text)
    assert caption not in body
    assert body[-1].startswith("It bears noting")


@pytest.mark.parametrize(
    ("caption", "lead"),
    [
        (
            "Президент Казахстана Касым-Жомарт Токаев и премьер-министр Малайзии во время встречи в Акорде",
            "АСТАНА, 12 мар - РИА Новости. Президент Казахстана провел переговоры с премьером Малайзии.",
        ),
        (
            "Мемлекет басшысы Қасым-Жомарт Тоқаев пен Малайзия Премьер-министрі Ақордадағы кездесу кезінде",
            "АСТАНА, 12 наурыз – Sputnik. Мемлекет басшысы Малайзия Премьер-министрімен келіссөз жүргізді.",
        ),
    ],
)
def test_a_caption_above_a_dateline_lead_goes(caption: str, lead: str) -> None:
    text = (
        f"Токаев встретился с премьером Малайзии\n{caption}\n{lead}\nСтороны обсудили торговлю и транспорт.\n"
    )
    assert reasons(text)[caption].startswith("photo caption")
    assert caption not in body_of(text)


def test_a_standfirst_above_a_dateline_lead_stays() -> None:
    """A line that states something (it has a verb) is the standfirst, not a caption."""
    standfirst = "Президент Казахстана надеется восстановить динамику торговли с Малайзией после пандемии"
    text = (
        "Токаев встретился с премьером Малайзии\n"
        f"{standfirst}\n"
        "АСТАНА, 12 мар - РИА Новости. Президент Казахстана провел переговоры с премьером Малайзии.\n"
    )
    assert standfirst not in reasons(text)
    assert parse(clean(text)).lead.startswith(standfirst)


@pytest.mark.parametrize(
    "link",
    [
        "Earlier, Tsargrad wrote why Kazakhstan is in no hurry to join the union.",
        "Ранее «Царьград» писал о том, почему Казахстан не спешит вступать в союз.",
        "Бұған дейін біз Мемлекет басшысының Малайзияға сапары туралы жазған едік.",
    ],
)
def test_a_closing_link_to_an_earlier_article_goes(link: str) -> None:
    text = page_ending(link)
    assert reasons(text)[link] == "link to an earlier article"
    assert link not in body_of(text)


@pytest.mark.parametrize(
    "line",
    [
        "Earlier, presidential press secretary Dmitry Peskov said that the visit was being prepared.",
        "Earlier it was reported that the Foreign Minister arrived in Astana on a two-day visit.",
        "Ранее пресс-секретарь президента Дмитрий Песков заявил, что визит готовится.",
        "Ранее сообщалось, что министр прибыл в Астану с рабочим визитом.",
        "Бұған дейін Мемлекет басшысы Малайзия Премьер-министрімен телефон арқылы сөйлескен болатын.",
        "Айта кетейік, екі ел арасындағы тауар айналымы былтыр 20 пайызға өсті.",
    ],
)
def test_earlier_statements_are_the_text(line: str) -> None:
    text = page_ending(line)
    assert line in body_of(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023 жылғы 15 қыркүйек", (15, 9, 2023)),
        ("2023 жылы 15 қыркүйекте Астанада", (15, 9, 2023)),
        ("2023 ж. 15 қыркүйек, 10:45", (15, 9, 2023)),
        ("15-қыркүйек 2023", (15, 9, 2023)),
        ("15 қыркүйек 2023 ж.", (15, 9, 2023)),
    ],
)
def test_kazakh_dates_with_the_year_first(text: str, expected: tuple[int, int, int]) -> None:
    found = find_date(text)
    assert found is not None and (found.day, found.month, found.year) == expected


def test_an_inflected_month_without_a_year_dates_nothing() -> None:
    """`14 қыркүйекте` says when something happened: it is not read as a date at all."""
    assert find_date("14 қыркүйекте Қытай басшысы Астанаға келді") is None
