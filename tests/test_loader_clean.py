"""Clean stage: boilerplate out with its reason, article sentences kept, on every seed."""

import pytest

from app.loader.clean import clean, normalise
from tests.conftest import seed_text


def kept_text(number: str) -> str:
    return "\n".join(line.text for line in clean(seed_text(number)).lines)


def removed(number: str) -> dict[str, str]:
    return {r.text: r.reason for r in clean(seed_text(number)).removed}


@pytest.mark.parametrize(
    ("number", "gone", "reason"),
    [
        ("000", "© Sputnik / Владислав ВодневЗдание Акорды", "photo credit"),
        ("000", "Здание Акорды - Sputnik Казахстан", "photo caption with outlet credit"),
        ("000", "Подписаться", "subscribe / navigation"),
        ("000", "Лента новостей", "subscribe / navigation"),
        ("000", "0", "counter"),
        ("001", "Фото: Ақорда", "photo credit"),
        (
            "001",
            "Ең маңызды әрі қызықты жаңалықтарды біздің Telegram арнамыздан оқыңыздар!",
            "social-media call to action",
        ),
        ("002", "Фото: Сенат", "photo credit"),
        ("003", "Тағы да оқыңыздар", "read-also link"),
        ("003", "Тележүргізуші Дана Нұржігіттің өмірбаяны", "read-also link (linked title)"),
        ("003", "Қазақстан туралы қызықты деректер", "read-also link (linked title)"),
        (
            "003",
            "Ең маңызды әрі қызықты жаңалықтарды біздің Instagram парақшамыздан оқыңыздар>>",
            "social-media call to action",
        ),
        ("004", "0", "counter"),
        ("004", "481", "counter"),
        ("004", "Тоқаев: Төл вакцинамызды мұқтаж елдерге беруге дайынбыз", "repeated headline"),
    ],
)
def test_named_boilerplate_is_removed_with_its_reason(number: str, gone: str, reason: str) -> None:
    assert removed(number).get(gone) == reason
    if reason != "repeated headline":
        assert gone not in kept_text(number).split("\n")


@pytest.mark.parametrize(
    ("number", "sentence"),
    [
        ("000", "Президент Казахстана Касым-Жомарт Токаев и президент Израиля Реувен Ривлин"),
        ("000", "Президент Казахстана с благодарностью принял приглашение"),
        (
            "001",
            "Әңгіме соңында Си Цзиньпин Елбасы Нұрсұлтан Назарбаевқа жүрек жарды сәлемін жолдады.",
        ),
        ("002", "Стороны обсудили вопросы укрепления международного сотрудничества"),
        ("003", "Телефон арқылы сөйлесуге БҰҰ Бас хатшысы бастамашы болды."),
        ("004", "Сонымен қатар әңгімелесу барысында Ауғанстандағы ахуалға"),
    ],
)
def test_article_sentences_remain(number: str, sentence: str) -> None:
    assert sentence in kept_text(number)


def test_headline_appears_once_and_the_lead_repeated_in_the_body_stays() -> None:
    text = kept_text("004")
    assert text.count("Тоқаев: Төл вакцинамызды мұқтаж елдерге беруге дайынбыз") == 1
    assert text.count("Мемлекет басшысы халықаралық қоғамдастықтың пандемия салдарына") == 2


def test_removed_lines_point_at_their_raw_line_numbers() -> None:
    raw_lines = seed_text("003").split("\n")
    for line in clean(seed_text("003")).removed:
        assert raw_lines[line.number - 1].strip() == line.text


def test_normalise_handles_nfc_nbsp_zero_width_crlf_and_spaces() -> None:
    lines = normalise("a\u00a0b\u200b  c\r\nИ\u0306\r\n\ufeffТоқаев ")
    assert lines == ["a b c", "Й", "Тоқаев"]
    assert len(lines[1]) == 1


def test_blank_lines_are_collapsed_to_one_paragraph_break() -> None:
    cleaned = clean("Заголовок\n\n\n\nПервый абзац.\n\n\n\nВторой абзац.\n\n\n")
    assert [line.text for line in cleaned.lines] == [
        "Заголовок",
        "",
        "Первый абзац.",
        "",
        "Второй абзац.",
    ]
    assert [[line.text for line in p] for p in cleaned.paragraphs] == [
        ["Заголовок"],
        ["Первый абзац."],
        ["Второй абзац."],
    ]


def test_rules_generalise_to_other_outlets_boilerplate() -> None:
    text = (
        "Глава МИД Казахстана встретился с послом Китая\n"
        "Фото: пресс-служба МИД РК\n"
        "Читайте также:\n"
        "Погода на выходные: синоптики обещают снег\n"
        "Стороны обсудили торговлю.\n"
        "Подписывайтесь на наш Telegram-канал\n"
        "1 234 просмотра\n"
        "Read also\n"
        "Unrelated story\n"
    )
    kept = [line.text for line in clean(text).lines if line.text]
    assert kept == ["Глава МИД Казахстана встретился с послом Китая", "Стороны обсудили торговлю."]


def test_words_broken_at_a_line_end_are_rejoined() -> None:
    cleaned = clean("Президент Касым-\nЖомарт Тока-\nев провел встречу.\nВторая строка.")
    assert [line.text for line in cleaned.lines] == [
        "Президент Касым-Жомарт Токаев провел встречу.",
        "Вторая строка.",
    ]
    assert [line.number for line in cleaned.lines] == [1, 4]


def test_a_dash_at_a_line_end_before_a_blank_line_is_kept() -> None:
    cleaned = clean("Итоги встречи -\n\nСтороны договорились.")
    assert [line.text for line in cleaned.lines if line.text] == ["Итоги встречи -", "Стороны договорились."]
