"""Articles per month for a set of articles (undated ones are counted apart by the pages)."""

from functools import lru_cache

import numpy as np

from app.build.columns import Columns
from app.i18n import Lang
from app.i18n.dates import month_label
from app.schemas import TimelineBucket


def timeline_from(columns: Columns, mask: np.ndarray, lang: Lang = "en") -> list[TimelineBucket]:
    """Dated articles per month among the masked ones, from the build's columns."""
    months, _ = columns.timeline(mask)
    return buckets(months, lang)


# A month's label never changes: formatting it through Babel for each of the ~50 months of
# every search's timeline was a twentieth of a cold search.
_month_label = lru_cache(maxsize=4096)(month_label)


def buckets(months: list[tuple[str, int]], lang: Lang) -> list[TimelineBucket]:
    return [TimelineBucket(month=m, label=_month_label(lang, m), count=c) for m, c in months]
