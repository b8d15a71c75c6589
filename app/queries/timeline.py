"""Articles per month for a set of articles (undated ones are counted apart by the pages)."""

import numpy as np

from app.build.columns import Columns
from app.schemas import TimelineBucket


def timeline_from(columns: Columns, mask: np.ndarray) -> list[TimelineBucket]:
    """Dated articles per month among the masked ones, from the build's columns."""
    months, _ = columns.timeline(mask)
    return [TimelineBucket(month=m, count=c) for m, c in months]
