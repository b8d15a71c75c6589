"""Rules that removed real article text on the development set's v2 pages, made safer, in
invented text: hard-wrapped paragraphs (their short ends were taken for bylines and chrome), a
sentence that reports a Telegram post (taken for a call to subscribe), and a text cut mid-word
where the copy ends (its last fragment taken for a signature)."""

import pytest

from app.loader.clean import clean
from app.loader.parse import parse
from app.loader.wrapping import hard_wrapped, join_hard_wrapped

WRAPPED = {
    "en": (
        "ASTANA, Kazakhstan, March 3. Kazakhstan’s Foreign Minister and the\n"
        "Foreign Minister of Malaysia discussed trade and transport links at a\n"
        "meeting in Astana, the agency reports citing the\n"
        "ministry.\n"
        "The ministers agreed to prepare a visit of the Prime Minister of\n"
        "Malaysia and reviewed the schedule of contacts at the highest\n"
        "levels.\n"
        "Both sides praised their cooperation within international\n"
        "organisations.\n",
        ["ministry.", "levels.", "organisations."],
    ),
    "ru": (
        "Министр иностранных дел Казахстана и министр иностранных дел\n"
        "Малайзии обсудили торговлю и транспорт на встрече в Астане, сообщает\n"
        "пресс-служба казахстанского внешнеполитического\n"
        "ведомства.\n"
        "Министры договорились подготовить визит премьер-министра Малайзии\n"
        "и рассмотрели график контактов на высшем и высоком\n"
        "уровнях.\n",
        ["ведомства.", "уровнях."],
    ),
    "kk": (
        "Қазақстан Сыртқы істер министрі Малайзияның Сыртқы істер министрімен\n"
        "Астанада кездесіп, сауда және көлік салаларындағы ынтымақтастықты\n"
        "талқылады, деп хабарлайды\n"
        "министрлік.\n"
        "Министрлер Малайзия Премьер-министрінің сапарын әзірлеуге келісіп,\n"
        "жоғары және жоғарғы деңгейдегі байланыстар кестесін қарастырды.\n",
        ["министрлік."],
    ),
}


def body_text(text: str) -> str:
    parsed = parse(clean(text))
    return f"{parsed.lead}\n{parsed.body}"


@pytest.mark.parametrize("language", sorted(WRAPPED))
def test_hard_wrapped_paragraphs_are_joined_and_kept(language: str) -> None:
    text, short_ends = WRAPPED[language]
    kept = body_text(text)
    for end in short_ends:
        assert end in kept
    # Each paragraph is one line again: the short end follows the words before it.
    assert all(f" {end}" in kept for end in short_ends)


def test_a_dateline_with_the_country_dates_the_wrapped_lead() -> None:
    parsed = parse(clean(WRAPPED["en"][0]))
    assert (parsed.date.month, parsed.date.day) == (3, 3)


def test_scraped_paragraphs_are_not_joined() -> None:
    lines = [
        (1, "Tokayev holds talks with Malaysian premier"),
        (2, "Share"),
        (
            3,
            "President Kassym-Jomart Tokayev held talks with the Prime Minister of Malaysia in"
            " Astana on trade, transport and investment, the Akorda press service reports.",
        ),
        (
            4,
            "The parties agreed to meet again next year and to prepare a visit of the Malaysian"
            " King to Kazakhstan in the autumn, the press service added.",
        ),
    ]
    assert not hard_wrapped(lines)
    assert join_hard_wrapped(lines) == lines


def test_front_matter_is_not_joined() -> None:
    front = [(1, "---"), (2, "title: Readout of the meeting of the Foreign Ministers"), (3, "---")]
    body = [
        (4, "The Foreign Minister of Kazakhstan met today with the Foreign Minister"),
        (5, "of Malaysia. The two reaffirmed their commitment to the principles of"),
        (6, "the UN Charter and discussed trade, energy and transport links between"),
        (7, "their countries."),
    ]
    joined = join_hard_wrapped(front + body)
    assert joined[:3] == front
    assert joined[3][1].endswith("between their countries.")


@pytest.mark.parametrize(
    "sentence",
    [
        "Церемония вручения верительных грамот прошла в Акорде, сообщается в официальном"
        " Telegram-канале пресс-службы президента.",
        "Президенты подписали совместное заявление, текст которого опубликован в Telegram.",
        "Мемлекет басшысы елшілерден сенім грамоталарын қабылдады, деп хабарлады Ақорда"
        " баспасөз қызметі Telegram-арнада.",
        "The two presidents adopted a joint statement, the Kazakh leader wrote on Telegram.",
    ],
)
def test_a_sentence_reporting_a_post_is_text(sentence: str) -> None:
    text = f"{sentence}\n\nСтороны обсудили торговлю, транспорт и инвестиции.\n"
    assert sentence in body_text(text)


@pytest.mark.parametrize(
    "call",
    [
        "Подписывайтесь на наш Telegram-канал",
        "Подпишитесь на Sputnik в Telegram",
        "Біздің Telegram арнамызға жазылыңыз",
        "Follow us on Telegram",
    ],
)
def test_a_call_to_subscribe_is_still_removed(call: str) -> None:
    text = (
        "Токаев провел переговоры с премьером Малайзии\n\n"
        "Президент Казахстана провел переговоры с премьер-министром Малайзии в Астане.\n\n"
        f"{call}\n\n"
        "Стороны обсудили торговлю, транспорт и инвестиции.\n"
    )
    assert call not in body_text(text)


@pytest.mark.parametrize(
    ("body", "cut"),
    [
        ("Түркия Президенті Қазақстан халқын Тәуелсіздік күнімен құттықтады.", "Америка Қ"),
        ("Президент Турции поздравил народ Казахстана с Днем независимости.", "Соединенные Ш"),
        ("The President of Türkiye congratulated Kazakhstan on Independence Day.", "United S"),
    ],
)
def test_a_text_cut_mid_word_keeps_its_last_fragment(body: str, cut: str) -> None:
    text = f"{body}\n{body.replace('.', ' again.')}\n{cut}\n"
    assert cut in body_text(text)
