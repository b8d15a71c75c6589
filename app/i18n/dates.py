"""How dates and numbers read in each interface language: precise where the data is,
honest where it is not. Patterns per language are in app/data/date_formats.toml, month
names from CLDR through Babel, the words around them in the catalogs."""

import datetime as dt
from functools import lru_cache

from babel.dates import format_date
from babel.numbers import format_decimal

from app.datafiles import load_data
from app.i18n.catalogs import translate
from app.i18n.languages import Lang


@lru_cache(maxsize=1)
def _patterns() -> dict[str, dict[str, str]]:
    return load_data("date_formats.toml")


# Every timeline month and result date of a search went through Babel again (a sixth of
# a cold search's time at 10k articles); an archive has a few thousand distinct dates.
@lru_cache(maxsize=65_536)
def _format(value: dt.date, kind: str, lang: Lang) -> str:
    return format_date(value, _patterns()[lang][kind], locale=lang)


def date_display(
    lang: Lang,
    iso: str | None,
    precision: str,
    inferred: bool,
    month: int | None = None,
    day: int | None = None,
) -> str:
    """`27 January 2026`, `3 April, year inferred: 2020`, `3 April (year unknown)`,
    `date unknown`, in the reader's language."""
    if precision == "day_month" and month and day:
        text = _format(dt.date(2000, month, day), "day_month", lang)
        return translate(lang, "{date} (year unknown)").format(date=text)
    if not iso:
        return translate(lang, "date unknown")
    parts = [int(p) for p in iso.split("-")]
    value = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if inferred and precision == "day":
        text = _format(value, "day_month", lang)
        return translate(lang, "{date}, year inferred: {year}").format(date=text, year=value.year)
    kind = {"day": "day", "month": "month", "year": "year"}.get(precision, "day")
    return _capitalised(_format(value, kind, lang)) if kind == "month" else _format(value, kind, lang)


def month_label(lang: Lang, month: str) -> str:
    """A timeline month (`2026-01`) as `January 2026`, `Январь 2026 г.`, `Қаңтар 2026 ж.`."""
    year, number = (int(p) for p in month.split("-")[:2])
    return _capitalised(_format(dt.date(year, number, 1), "month", lang))


def iso_date_display(lang: Lang, iso: str | None) -> str:
    """A full ISO date (`2026-01-27`) in the reader's language; other text unchanged."""
    if not iso:
        return ""
    try:
        value = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    return _format(value, "day", lang)


def number(lang: Lang, value: int | float) -> str:
    """12,345 / 12 345: grouping and decimal marks by the locale's CLDR data."""
    return format_decimal(value, locale=lang)


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
