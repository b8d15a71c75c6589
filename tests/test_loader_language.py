"""Language detection tells Kazakh from Russian even when each quotes the other's names."""

import pytest

from app.loader.language import detect_language


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Президент Казахстана провел встречу с Тоқаевым и обсудил вопросы сотрудничества.", "ru"),
        ("Қасым-Жомарт Тоқаев Ресей Президентімен телефон арқылы сөйлесті.", "kk"),
        ("Мемлекет басшысы Владимир Путинмен кездесу өткізді.", "kk"),
        ("Kassym-Jomart Tokayev held talks with the President of Uzbekistan in Astana.", "en"),
        ("Токаев провел переговоры с Мирзиёевым", "ru"),
    ],
)
def test_language(text: str, code: str) -> None:
    assert detect_language(text).code == code


def test_too_little_text_is_undetermined_not_guessed() -> None:
    guess = detect_language("12:30 — ок")
    assert (guess.code, guess.confidence) == ("und", 0.0)


@pytest.mark.parametrize(
    "text",
    [
        "Memleket basşysy Qasym-Jomart Toqaev Resei Prezidentımen telefon arqyly söilestı.",
        "Qazaqstan Respublikasynyñ Prezidentı Qasym-Jomart Toqaev Ūlybritaniia Premer-ministrımen kezdestı.",
    ],
)
def test_kazakh_in_latin_letters_is_kazakh_and_marked_uncertain(text: str) -> None:
    guess = detect_language(text)
    assert guess.code == "kk" and guess.confidence < 1


@pytest.mark.parametrize(
    "text",
    [
        "Tokayev met Recep Tayyip Erdoğan and Mevlüt Çavuşoğlu in Ankara on Tuesday to discuss trade.",
        "The parties discussed the quarterly questions of quality and the unique aquifer equipment quotas.",
    ],
)
def test_english_quoting_turkish_names_or_full_of_q_stays_english(text: str) -> None:
    assert detect_language(text).code == "en"
