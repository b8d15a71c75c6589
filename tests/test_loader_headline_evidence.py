"""The headline chosen by evidence, not by position alone: each rule on invented pages, in
each language where it applies."""

import pytest

from app.loader.clean import clean
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


def load(text: str) -> ParsedArticle:
    return parse(clean(text))


def body_text(article: ParsedArticle) -> str:
    return "\n".join(article.paragraphs)


@pytest.mark.parametrize(
    ("trail", "headline", "body"),
    [
        ("Home > Overseas News >", "Tokayev holds talks with Malaysian premier", EN_BODY),
        ("Главная » Новости » Политика »", "Токаев провел переговоры с премьером Малайзии", RU_BODY),
        ("Басты / Жаңалықтар /", "Тоқаев Малайзия премьерімен келіссөз жүргізді", KK_BODY),
    ],
)
def test_breadcrumb_is_cut_at_its_separators(trail: str, headline: str, body: str) -> None:
    article = load(f"{trail} {headline}\n{headline}\n\n{body}")
    assert article.title == headline
    assert headline not in body_text(article)
    assert trail.split()[0] not in body_text(article)


@pytest.mark.parametrize(
    ("trail", "headline", "body"),
    [
        ("Басты Жаңалықтар", "Тоқаев Малайзия премьерімен келіссөз жүргізді", KK_BODY),
        ("Главная Новости", "Токаев провел переговоры с премьером Малайзии", RU_BODY),
    ],
)
def test_trail_glued_before_a_headline_repeated_below(trail: str, headline: str, body: str) -> None:
    article = load(f"{trail} {headline}\n\n{headline}\n\n{body}")
    assert article.title == headline
    assert trail not in body_text(article)


@pytest.mark.parametrize(
    ("chrome", "headline", "body"),
    [
        (
            ["The Official Portal of the", "Republic of Testland"],
            "Tokayev holds talks with Malaysian premier",
            EN_BODY,
        ),
        (["Официальный сайт администрации и", "Правительства Области"], "Токаев провел переговоры", RU_BODY),
    ],
)
def test_a_wrapped_line_of_chrome_is_not_the_headline(chrome: list[str], headline: str, body: str) -> None:
    article = load("\n".join(chrome) + f"\n{headline}\n\n{body}")
    assert article.title == headline
    for line in chrome:
        assert line not in body_text(article)


def test_a_place_line_is_metadata_and_a_long_first_line_without_full_stop_is_the_headline() -> None:
    headline = (
        "The Head of State during the visit to the Republic of Testland held a Meeting with the "
        "President of the Republic of Testland, Chairman of the Council"
    )
    article = load(f"Republic of Testland, Testville\n\n{headline}\n\n{EN_BODY}")
    assert article.title == headline
    assert "Testville" not in body_text(article)


def test_a_title_case_headline_may_end_with_a_full_stop() -> None:
    headline = "President Receives the Governor of the Testland Region, Who Arrived in Astana For a Visit."
    article = load(f"12 May 2017\n{headline}\n\n{EN_BODY}")
    assert article.title == headline
    assert headline not in body_text(article)


@pytest.mark.parametrize(
    ("headline", "body"),
    [
        ("Екі елдің елшісін Ақордаға не әкелді?..", KK_BODY),
        ("Что привело двух послов в Акорду?..", RU_BODY),
    ],
)
def test_a_question_headline_with_trailing_dots(headline: str, body: str) -> None:
    article = load(f"{headline}\n\n{body}")
    assert article.title == headline


@pytest.mark.parametrize(
    ("lead_in", "body"),
    [
        ("В телеграмме, направленной премьер-министру, в частности, отмечается:", RU_BODY),
        ("In the message sent to the Prime Minister, the President notes:", EN_BODY),
    ],
)
def test_a_sentence_leading_into_the_text_is_body_not_headline(lead_in: str, body: str) -> None:
    article = load(f"{lead_in}\n{body}")
    assert article.title != lead_in
    assert lead_in in body_text(article)


def test_a_kazakh_headline_ending_on_an_auxiliary_is_still_a_headline() -> None:
    headline = "Путиннің Қазақстанға келетін күні белгілі болды"
    article = load(f"{headline}\n{KK_BODY}")
    assert article.title == headline


def test_a_yaml_title_continued_over_lines() -> None:
    text = (
        "---\n"
        "date: '2023-01-23'\n"
        'title: "Readout of the Meeting of the National Security Advisor with the Special\\\n'
        '  \\ Representative of\\_Kazakhstan"\n'
        "---\n\n" + EN_BODY
    )
    article = load(text)
    assert (
        article.title == "Readout of the Meeting of the National Security Advisor with the Special"
        " Representative of Kazakhstan"
    )
