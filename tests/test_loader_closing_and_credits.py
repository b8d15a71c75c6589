"""Rules measured on the development set's tuning part, in invented text: app-store badges,
press-service signatures, comment forms, a date closing the text, and a closing "by the way"
paragraph that tells another story (versus one that is the article's own background)."""

import pytest

from app.entities.extract import extract
from app.loader.clean import CleanedText, clean
from app.loader.parse import ParsedArticle, parse

EN = (
    "Tokayev holds talks with Malaysian premier",
    "President Kassym-Jomart Tokayev held talks with the Prime Minister of Malaysia in Astana.\n\n"
    "The parties discussed trade, transport and investment, and agreed to meet again next year.",
)
RU = (
    "Токаев провел переговоры с премьером Малайзии",
    "Президент Казахстана Касым-Жомарт Токаев провел переговоры с премьер-министром Малайзии.\n\n"
    "Стороны обсудили торговлю, транспорт и инвестиции и договорились продолжить диалог.",
)
KK = (
    "Тоқаев Малайзия премьерімен келіссөз жүргізді",
    "Мемлекет басшысы Қасым-Жомарт Тоқаев Малайзия Премьер-министрімен келіссөз жүргізді.\n\n"
    "Тараптар сауда, көлік және инвестиция салаларындағы ынтымақтастықты талқылады.",
)


def load(text: str) -> tuple[CleanedText, ParsedArticle]:
    cleaned = clean(text)
    return cleaned, parse(cleaned)


def reasons(cleaned: CleanedText) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


@pytest.mark.parametrize(
    ("badges", "page"),
    [
        (["Download on the App Store", "Get it on Google Play"], EN),
        (["Скачать в App Store", "Доступно в Google Play"], RU),
        (["App Store-дан жүктеп алу", "Google Play"], KK),
    ],
)
def test_app_store_badges_are_never_the_headline(badges: list[str], page: tuple[str, str]) -> None:
    headline, body = page
    cleaned, article = load("\n".join(badges) + f"\n\n{headline}\n\n{body}\n")
    assert article.title == headline
    assert article.paragraphs == tuple(body.split("\n\n"))
    assert all(badge in reasons(cleaned) for badge in badges)


@pytest.mark.parametrize(
    ("signature", "page"),
    [
        ("Senate press service", EN),
        ("Press service of the Kazakh Foreign Ministry", EN),
        ("Пресс-служба Акорды", RU),
        ("Түркітілдес журналистер қорының Баспасөз қызметі", KK),
    ],
)
def test_a_press_service_signing_the_text_is_metadata(signature: str, page: tuple[str, str]) -> None:
    headline, body = page
    cleaned, article = load(f"{headline}\n\n{body}\n{signature}\n")
    assert article.paragraphs == tuple(body.split("\n\n"))
    assert "metadata" in reasons(cleaned)[signature]


def test_a_sentence_naming_the_press_service_stays_text() -> None:
    headline, body = KK
    closing = "Бұл туралы Ақорданың баспасөз қызметі хабарлады."
    _, article = load(f"{headline}\n\n{body}\n\n{closing}\n")
    assert article.paragraphs[-1] == closing


@pytest.mark.parametrize(
    ("form", "page"),
    [
        (["Recent comments", "John: good news"], EN),
        (["Свежие комментарии", "Иван: хорошая новость"], RU),
        (["Пікір қосу"], KK),
    ],
)
def test_a_comment_block_closing_the_page_is_not_body(form: list[str], page: tuple[str, str]) -> None:
    headline, body = page
    _, article = load(f"{headline}\n\n{body}\n\n" + "\n".join(form) + "\n")
    assert article.paragraphs == tuple(body.split("\n\n"))


@pytest.mark.parametrize(
    ("closing", "iso"),
    [
        ("15 қазан 2015 жыл.", "2015-10-15"),
        ("15 октября 2015 года.", "2015-10-15"),
        ("October 15, 2015.", "2015-10-15"),
    ],
)
def test_a_date_that_closes_the_text_dates_it(closing: str, iso: str) -> None:
    headline, body = KK
    _, article = load(f"{headline}\n\n{body} {closing}\n")
    assert article.date.iso == iso
    assert article.paragraphs[-1].endswith(closing)


def test_a_date_inside_the_last_sentence_tells_of_an_event_and_does_not_date_it() -> None:
    headline, body = RU
    _, article = load(f"{headline}\n\n{body} Следующая встреча пройдет 15 октября 2026 года в Астане.\n")
    assert article.date.value is None


@pytest.mark.parametrize(
    ("page", "other_story"),
    [
        (EN, "Recall that the Israel Defense Forces announced strikes on Tehran and Isfahan."),
        (RU, "Напомним, Армия обороны Израиля объявила об ударах по Тегерану и Исфахану."),
        (
            KK,
            "Айта кетейік, Израильдің Қорғаныс армиясы Иран астанасы Тегеранда соққылар бастады.",
        ),
    ],
)
def test_closing_background_from_another_story_is_boilerplate(
    page: tuple[str, str], other_story: str
) -> None:
    headline, body = page
    cleaned, article = load(f"{headline}\n\n{body}\n\n{other_story}\n")
    assert article.paragraphs == tuple(body.split("\n\n"))
    assert "another story" in reasons(cleaned)[other_story]


@pytest.mark.parametrize(
    ("page", "background"),
    [
        (EN, "Recall that Tokayev and the Prime Minister of Malaysia last met in Kuala Lumpur in 2024."),
        (RU, "Напомним, Токаев и премьер-министр Малайзии встречались в Куала-Лумпуре в 2024 году."),
        (KK, "Айта кетейік, Тоқаев пен Малайзия Премьер-министрі 2024 жылы Куала-Лумпурда кездескен еді."),
    ],
)
def test_closing_background_about_the_same_people_stays_body(page: tuple[str, str], background: str) -> None:
    headline, body = page
    _, article = load(f"{headline}\n\n{body}\n\n{background}\n")
    assert article.paragraphs[-1] == background


@pytest.mark.parametrize(
    ("language", "paragraphs"),
    [
        ("en", ["Kremlin spokesman Dmitry Preskov said the visit matters.", "Dmitry Peskov added details."]),
        (
            "ru",
            [
                "Пресс-секретарь Кремля Дмитрий Пресков заявил о визите.",
                "Дмитрий Песков добавил подробности.",
            ],
        ),
    ],
)
def test_a_name_one_letter_off_a_register_person_is_that_person(language: str, paragraphs: list[str]) -> None:
    people = extract("", paragraphs, language, None).leaders
    assert [(p.slug, p.in_register) for p in people] == [("dmitry-peskov", True)]


def test_two_people_sharing_a_surname_one_letter_apart_stay_two() -> None:
    text = "Президент Азербайджана Ильхам Алиев и его супруга Мехрибан Алиева прибыли в Астану."
    people = extract("", [text], "ru", None).leaders
    assert len(people) == 2
