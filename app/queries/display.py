"""How dates read on a page: precise where the data is, honest where it is not."""

import datetime as dt

from babel.dates import format_date

PRECISION_PATTERN = {"day": "d MMMM y", "month": "LLLL y", "year": "y"}


def date_display(
    iso: str | None, precision: str, inferred: bool, month: int | None = None, day: int | None = None
) -> str:
    """`27 January 2026`, `3 April, year inferred: 2020`, `3 April (year unknown)`, `date unknown`."""
    if precision == "day_month" and month and day:
        return f"{format_date(dt.date(2000, month, day), 'd MMMM', locale='en')} (year unknown)"
    if not iso:
        return "date unknown"
    parts = [int(p) for p in iso.split("-")]
    value = dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    if inferred and precision == "day":
        return f"{format_date(value, 'd MMMM', locale='en')}, year inferred: {value.year}"
    return format_date(value, PRECISION_PATTERN.get(precision, "d MMMM y"), locale="en")
