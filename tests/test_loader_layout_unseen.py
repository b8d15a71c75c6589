"""Layout kinds the held-out pages showed (issue 11, round 5), in invented text: a line of
currency codes and figures or a language switcher above the headline is chrome, never the
headline; a headline printed twice on its line is one headline; a sentence that ends on its
attribution clause without a stop, and a quotation running on to its speaker (`«…», —`), stay
text between paragraphs."""

import pytest

from app.loader.clean import CleanedText, clean
from app.loader.parse import parse

PAGES = {
    "en": (
        "Senate Speaker meets the Japanese ambassador",
        "The Speaker of the Senate received the Ambassador of Japan in Astana on Monday.",
        "The two discussed inter-parliamentary ties and trade between their countries.",
    ),
    "ru": (
        "Спикер Сената встретился с послом Японии",
        "Председатель Сената принял в Астане чрезвычайного и полномочного посла Японии.",
        "Стороны обсудили межпарламентские связи и торговлю между двумя странами.",
    ),
    "kk": (
        "Сенат төрағасы Жапония елшісімен кездесті",
        "Сенат төрағасы Астанада Жапонияның төтенше және өкілетті елшісін қабылдады.",
        "Тараптар парламентаралық байланыстар мен екі ел арасындағы сауданы талқылады.",
    ),
}


def kept(cleaned: CleanedText) -> list[str]:
    return [line.text for line in cleaned.lines if line.text]


@pytest.mark.parametrize("language", sorted(PAGES))
@pytest.mark.parametrize(
    "chrome",
    [
        "usd/kzt 471.2 eur/kzt 509.8\n\nrub/kzt 5.61 cny/kzt 65.02",
        "• ру қз en 中文 Ўз",
    ],
)
def test_figures_and_a_language_switcher_are_not_the_headline(language: str, chrome: str) -> None:
    headline, lead, second = PAGES[language]
    parsed = parse(clean(f"{chrome}\n\n{headline}\n\n{lead}\n\n{second}\n"))
    assert parsed.title == headline
    assert parsed.paragraphs == (lead, second)


@pytest.mark.parametrize("language", sorted(PAGES))
def test_a_headline_printed_twice_on_its_line_is_one_headline(language: str) -> None:
    headline, lead, second = PAGES[language]
    cleaned = clean(f"{headline} {headline}\n\n{lead}\n\n{second}\n")
    assert parse(cleaned).title == headline
    assert [r.reason for r in cleaned.removed] == ["repeated headline"]


@pytest.mark.parametrize(
    ("language", "line"),
    [
        (
            "kk",
            "Келіссөздер барысында тараптар екіжақты ынтымақтастықтың кең ауқымды мәселелерін талқылап, "
            "өзекті мәселелер бойынша пікір алмасты, деп хабарлайды Dalanews.kz",
        ),
        (
            "ru",
            "В ходе переговоров стороны обсудили широкий круг вопросов двустороннего сотрудничества "
            "и обменялись мнениями по актуальным темам, сообщает Dalanews.kz",
        ),
    ],
)
def test_a_sentence_ending_on_its_attribution_stays_text(language: str, line: str) -> None:
    headline, lead, second = PAGES[language]
    cleaned = clean(f"{headline}\n{lead}\n{line}\n{second}\n")
    assert line in kept(cleaned)


@pytest.mark.parametrize(
    ("language", "quote", "speaker", "cut"),
    [
        (
            "ru",
            "«Отношения между нашими странами развиваются поступательно и динамично», —",
            "сказал посол.",
            "Также гость поздравил Казахстан с избранием в состав нового совета и пожелал ему у",
        ),
        (
            "kk",
            "«Елдеріміздің арасындағы қарым-қатынас тұрақты түрде дамып келеді», –",
            "деді елші.",
            "Сондай-ақ елші Қазақстанды және оның халқын кеңеске сайлануымен құттықтап, бұл үшін ел",
        ),
    ],
)
def test_a_quotation_running_on_to_its_speaker_stays_text(
    language: str, quote: str, speaker: str, cut: str
) -> None:
    # The copy ends mid-word: the lines it reaches over that are not sentences are captions,
    # but a quotation that runs on to its speaker is text.
    headline, lead, second = PAGES[language]
    cleaned = clean(f"{headline}\n{lead}\n{second}\n{quote}\n{speaker}\n{cut}\n")
    assert quote in kept(cleaned)


@pytest.mark.parametrize("language", sorted(PAGES))
@pytest.mark.parametrize("author", ["- Серікбаев А.Б.", "Serikbayev A.", "А.Б. Серікбаев"])
def test_a_surname_with_initials_is_not_the_headline(language: str, author: str) -> None:
    headline, lead, second = PAGES[language]
    parsed = parse(clean(f"- Блогтар\n{author}\n{headline}\n{lead}\n{second}\n"))
    assert parsed.title == headline


def test_a_source_line_goes_and_still_names_the_publisher() -> None:
    headline, lead, second = PAGES["ru"]
    cleaned = clean(f"По данным сайта Example.kz, передает Qalamnews.kz.\n{lead}\n{second}\n")
    assert [r.reason for r in cleaned.removed] == ["source line (metadata)"]
    assert parse(cleaned).outlet == "qalamnews.kz"
