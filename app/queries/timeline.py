"""Articles per month for a set of articles (undated ones are counted apart by the pages)."""

import numpy as np
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import Article
from app.queries.columns import Columns
from app.schemas import TimelineBucket


def timeline_of(session: Session, table, key_column, key: str) -> list[TimelineBucket]:  # type: ignore[no-untyped-def]
    """Articles per month among those linked to one entity, counted in SQL (no id lists)."""
    month = (col(Article.date_sort) // 100).label("month")
    rows = session.exec(
        select(month, func.count())
        .join(table, col(table.article_id) == col(Article.id))
        .where(key_column == key, col(Article.date_sort).is_not(None))
        .group_by(month)
        .order_by(month)
    ).all()
    return [TimelineBucket(month=f"{m // 100:04d}-{m % 100:02d}", count=c) for m, c in rows]


def timeline_from(columns: Columns, mask: np.ndarray) -> list[TimelineBucket]:
    """The same buckets from the build's columns (a test checks they agree)."""
    months, _ = columns.timeline(mask)
    return [TimelineBucket(month=m, count=c) for m, c in months]
