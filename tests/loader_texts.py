"""Invented article texts that several loader test files build their pages from: a body of two
paragraphs in English, Russian and Kazakh about rail links with its headline, and the cleaned
body as one string."""

from app.loader.clean import clean

EN_BODY = (
    "The ambassador and the trade minister Olaf Berg discussed new rail links between the two "
    "countries and agreed to open a freight route next spring.\n\n"
    "Berg said the rail links would double trade within five years.\n"
)
RU_BODY = (
    "Посол и министр торговли обсудили новые железнодорожные маршруты между двумя странами и "
    "договорились открыть грузовой маршрут весной.\n\n"
    "Министр отметил, что маршруты удвоят торговлю за пять лет.\n"
)
KK_BODY = (
    "Елші мен сауда министрі екі ел арасындағы жаңа темір жол бағыттарын талқылап, келесі "
    "көктемде жүк тасымалы бағытын ашуға келісті.\n\n"
    "Министр бұл бағыттар бес жылда сауданы екі есе арттыратынын айтты.\n"
)
EN_HEADLINE = "Ambassador discusses rail links with trade minister Olaf Berg"
RU_HEADLINE = "Посол обсудил с министром торговли новые железнодорожные маршруты"
KK_HEADLINE = "Елші сауда министрімен жаңа темір жол бағыттарын талқылады"


def body(text: str) -> str:
    """The lines the cleaner keeps, joined as the archive shows them."""
    return "\n".join(line.text for line in clean(text).lines)
