"""Articles per month for a set of articles (undated ones are counted apart by the pages)."""

from collections import Counter

from sqlmodel import Session, col, select

from app.models import Article
from app.schemas import TimelineBucket


def timeline_for(session: Session, ids: list[str]) -> list[TimelineBucket]:
    if not ids:
        return []
    rows = session.exec(
        select(Article.date_sort).where(col(Article.id).in_(ids), col(Article.date_sort).is_not(None))
    ).all()
    months = Counter(f"{d // 10000:04d}-{d // 100 % 100:02d}" for d in rows if d)
    return [TimelineBucket(month=m, count=c) for m, c in sorted(months.items())]
