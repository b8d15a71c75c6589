"""Markdown releases (issue 11, round 6), in invented text: the `#` title is the headline
however long, a dated link heading is the date, a list of links under a "Source" heading is
metadata and under any other heading boilerplate, so the linked items' people, countries and
organisations never reach the record. Each rule has its counterpart that keeps text."""

from pathlib import Path

import pytest
from sqlmodel import Session, create_engine, select

from app.build import layout as builds
from app.loader.clean import clean
from app.loader.parse import parse
from app.loader.pipeline import load
from app.models import Article
from tests.conftest import make_settings

ITEMS = {
    "en": (
        "Kazakh President Tokayev holds talks with the President of Mongolia in Astana, and the two "
        "sides sign twelve documents. The leaders agree to double trade within five years.",
        "Source",
        "Related",
        "The President of France visits Berlin for talks with the Chancellor of Germany.",
    ),
    "ru": (
        "Президент Казахстана Токаев провел переговоры с президентом Монголии в Астане, стороны "
        "подписали двенадцать документов. Лидеры договорились удвоить товарооборот.",
        "Источник",
        "Похожие",
        "Президент Франции посетил Берлин для переговоров с канцлером Германии.",
    ),
    "kk": (
        "Мемлекет басшысы Тоқаев Астанада Моңғолия Президентімен келіссөз жүргізді, тараптар он екі "
        "құжатқа қол қойды. Көшбасшылар тауар айналымын екі есе арттыруға келісті.",
        "Дереккөз",
        "Ұқсас жаңалықтар",
        "Франция Президенті Германия канцлерімен келіссөз үшін Берлинге барды.",
    ),
}


def brief(lang: str) -> str:
    item, source, related, other = ITEMS[lang]
    return (
        "### [2021-3-9](/news/2021/3/9/index.md)\n\n"
        f"# {item} \n\n\n\n"
        f"### {source}:\n\n"
        "1. [Daily Steppe](http://steppe.example/2021/03/09/talks.html)\n\n"
        f"### {related}:\n\n"
        f"1. [{other} ](/news/2020/05/01/other.md) _Context: France, Germany_\n"
        "2. [The European Union and NATO meet in Brussels. ](/news/2020/04/02/eu.md) _Context: EU_\n"
    )


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_a_markdown_title_is_the_headline_and_its_links_are_not_text(lang: str) -> None:
    item, _, _, other = ITEMS[lang]
    cleaned = clean(brief(lang))
    article = parse(cleaned)
    assert article.title == item
    assert article.paragraphs == ()
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons["1. [Daily Steppe](http://steppe.example/2021/03/09/talks.html)"] == "source link"
    assert reasons[f"1. [{other} ](/news/2020/05/01/other.md) _Context: France, Germany_"] == (
        "related-news block"
    )
    assert article.date.iso == "2021-03-09"
    # The source's name is where the item came from, not its publisher.
    assert article.outlet is None


def test_a_link_inside_a_sentence_stays_text() -> None:
    text = (
        "# Talks in Astana\n\n"
        "President Tokayev met the President of Mongolia in Astana on Tuesday afternoon.\n\n"
        "The full statement is on [the Akorda site](https://akorda.example/statement), the parties said.\n"
    )
    article = parse(clean(text))
    assert article.title == "Talks in Astana"
    assert article.paragraphs[-1].startswith("The full statement is on [the Akorda site]")


def test_a_level_two_heading_under_text_is_no_title() -> None:
    text = (
        "President Tokayev met the President of Mongolia in Astana on Tuesday afternoon.\n\n"
        "# A heading further down\n\n"
        "The parties signed twelve documents on trade, transport and energy in the capital.\n"
    )
    cleaned = clean(text)
    assert not cleaned.headline_declared


def test_a_date_with_one_digit_day_is_read() -> None:
    from app.loader.dates import find_date

    found = find_date("2006-12-4")
    assert found is not None and (found.year, found.month, found.day) == (2006, 12, 4)
    assert find_date("8-2006-12-44") is None


@pytest.mark.parametrize(
    ("widget", "headline"),
    [
        ("Москваyandex weather icon", "Лукашенко и Токаев обсудили торговлю и транспорт в Астане"),
        ("Астанаweather widget", "Тоқаев пен Лукашенко Астанада сауда мен көлікті талқылады"),
    ],
)
def test_a_city_glued_to_a_widget_is_no_headline(widget: str, headline: str) -> None:
    text = (
        f"{widget}\n\n{headline}\n\n"
        "Президент Казахстана Касым-Жомарт Токаев провел переговоры с президентом Беларуси в Астане.\n\n"
        "Стороны обсудили торговлю, транспорт и промышленную кооперацию двух стран.\n"
    )
    cleaned = clean(text)
    assert cleaned.headline is not None and cleaned.headline.text == headline


DOUBLED = {
    "en": (
        "Modi and Tokayev discuss ways to expand bilateral ties",
        "President Tokayev held talks with the Prime Minister of India in Astana on Tuesday.",
        "The parties agreed to open direct flights between the two capitals next year.",
    ),
    "ru": (
        "Токаев и Моди обсудили пути расширения связей",
        "Президент Токаев провел переговоры с премьер-министром Индии в Астане во вторник.",
        "Стороны договорились открыть прямые рейсы между двумя столицами в следующем году.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_headline_printed_twice_on_one_line_further_down_is_not_text(lang: str) -> None:
    headline, lead, second = DOUBLED[lang]
    cleaned = clean(f"{headline}\n\n{lead}\n\n{headline} {headline}\n\n{second}\n")
    reasons = {r.text: r.reason for r in cleaned.removed}
    assert reasons[f"{headline} {headline}"] == "repeated headline"
    assert [line.text for line in cleaned.lines if line.text] == [headline, lead, second]


def test_two_briefs_that_are_all_headline_are_two_articles(tmp_path: Path) -> None:
    """Two one-line briefs share an empty body; told apart by their headlines, neither is
    dropped as a copy of the other (both load, each under its own headline)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "brief-ru.md").write_text(brief("ru"), encoding="utf-8")
    (corpus / "brief-kk.md").write_text(brief("kk"), encoding="utf-8")
    report = load([corpus], make_settings(tmp_path / "data"))
    assert report.count("loaded") == 2, report.summary()
    build = builds.current_build(tmp_path / "data")
    assert build is not None
    engine = create_engine(f"sqlite:///file:{build / builds.DB_NAME}?mode=ro&uri=true")
    with Session(engine) as session:
        titles = {a.title for a in session.exec(select(Article)).all()}
    engine.dispose()
    assert titles == {ITEMS["ru"][0], ITEMS["kk"][0]}
