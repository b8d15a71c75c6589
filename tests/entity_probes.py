"""What the entity stage finds in one invented sentence, as the entity test files ask it: the
people the register does not know, the countries, the organisations (on one fixed day, so an
office resolves to the same holder in every test)."""

import datetime as dt

from app.entities.extract import extract

DAY = dt.date(2025, 6, 1)


def discovered(text: str, language: str, title: str = "") -> set[str]:
    """The people found that the register does not know, by name."""
    return {link.name for link in extract(title, [text], language, DAY).leaders if not link.in_register}


def countries(text: str, language: str) -> set[str]:
    return set(extract("", [text], language, DAY).countries)


def organisations(text: str, language: str) -> set[str]:
    return set(extract("", [text], language, DAY).organisations)
