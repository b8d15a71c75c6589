"""A reprint's source is not its publisher (issue 11, round 8): `Об этом передает ТАСС.`, `This
was reported by Xinhua`, an agency as the author (`Автор: КазТАГ`) name where the text came
from; the page gets no outlet rather than the wrong one. Each with a counterpart where the
publisher speaks of itself and keeps its name. Invented text."""

import pytest

from app.loader.clean import clean
from app.loader.parse import outlet_of, parse


def outlet(text: str) -> str | None:
    return parse(clean(text)).outlet


@pytest.mark.parametrize(
    "text",
    [
        "Президент записал видеопоздравление к юбилею коллеги. Об этом передает ТАСС.\n\n"
        "Стороны обсудили торговлю и транспорт.\n",
        "Министры обсудили торговлю в Астане.\n\nОб этом сообщает «Sputnik Казахстан».\n\n"
        "Стороны договорились о новой встрече.\n",
        "The ministers discussed trade and transit in Astana. This was reported by Xinhua.\n\n"
        "The sides agreed to meet again next year.\n",
        "Министры обсудили торговлю\n\nАвтор: КазТАГ\n\nМинистры обсудили торговлю и транзит в Астане. "
        "Стороны договорились о новой встрече.\n\nДелегации обменялись подарками.\n",
    ],
)
def test_a_reprints_source_is_no_publisher(text: str) -> None:
    assert outlet(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Президент записал видеопоздравление к юбилею коллеги, передает ТАСС.\n\n"
            "Стороны обсудили торговлю и транспорт.\n",
            "TASS",
        ),
        (
            "Министры обсудили торговлю\n\nАвтор: Айгуль Серикова\n\nМинистры обсудили торговлю и "
            "транзит в Астане, сообщает КазТАГ. Стороны договорились о новой встрече.\n\n"
            "Делегации обменялись подарками.\n",
            "KazTAG",
        ),
    ],
)
def test_a_publisher_speaking_of_itself_keeps_its_name(text: str, expected: str) -> None:
    assert outlet(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Министры обсудили торговлю в Астане, передает ИА El.kz.\n\nСтороны договорились о встрече.\n",
        "ASTANA. KAZINFORM – The ministers discussed trade and transit.\n\nThe sides agreed to meet.\n",
        "Министрлер кездесті\n\nТараптар сауданы талқылады, деп хабарлайды «Жаңа Дәуір».\n\n© Adyrna.kz\n",
        "Президент записал видеопоздравление. Об этом передает ТАСС.\n\nСтороны обсудили торговлю.\n",
    ],
)
def test_the_outlet_alone_is_the_one_the_whole_parse_finds(text: str) -> None:
    cleaned = clean(text)
    parsed = parse(cleaned)
    assert outlet_of(cleaned) == (parsed.outlet, parsed.outlet_evidence)
