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
