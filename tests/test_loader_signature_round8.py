"""A message signed by its author and office keeps its signature (issue 11, round 8): a name
and then the office it holds, the last lines under the text (`Name` / `Secretary General of
…`), belong to the text; a journalist's bare name under an article stays a byline. Invented
text in each language."""

import pytest

from app.loader.clean import clean
from app.loader.parse import parse

MESSAGES = {
    "en": (
        "Message of the Secretary General on the National Day\n\n"
        "On behalf of the Council and my own, I convey my heartfelt congratulations to the people.\n\n"
        "I wish peace, prosperity and happiness to the brotherly people.\n\n"
    ),
    "ru": (
        "Поздравление Генерального секретаря с Национальным днем\n\n"
        "От имени Совета и от себя лично сердечно поздравляю братский народ с праздником.\n\n"
        "Желаю мира, процветания и благополучия.\n\n"
    ),
    "kk": (
        "Бас хатшының Ұлттық күнге арналған құттықтауы\n\n"
        "Кеңес атынан және өз атымнан бауырлас халықты мерекемен шын жүректен құттықтаймын.\n\n"
        "Бейбітшілік, өркендеу және береке тілеймін.\n\n"
    ),
}
SIGNATURES = {
    "en": ("Rahim Yusupov", "Secretary General of the Council"),
    "ru": ("Рахим Юсупов", "Генеральный секретарь Совета"),
    "kk": ("Рахим Юсупов", "Кеңестің Бас хатшысы"),
}


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_name_and_its_office_under_a_message_are_its_signature(language: str) -> None:
    name, office = SIGNATURES[language]
    parsed = parse(clean(MESSAGES[language] + f"{name}\n{office}\n"))
    assert list(parsed.paragraphs[-2:]) == [name, office]


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_a_bare_name_under_a_text_stays_a_byline(language: str) -> None:
    name, _ = SIGNATURES[language]
    parsed = parse(clean(MESSAGES[language] + f"{name}\n"))
    assert name not in parsed.paragraphs


def test_a_name_and_a_word_that_is_no_office_stay_out_of_the_text() -> None:
    parsed = parse(clean(MESSAGES["en"] + "Rahim Yusupov\nAstana\n"))
    assert "Rahim Yusupov" not in parsed.paragraphs
