"""Article listings and lookups from SQLite."""

from sqlalchemy import func, nulls_last
from sqlmodel import Session, col, select

from app.models import Article
from app.schemas import ArticleSummary, Page


def summary(article: Article) -> ArticleSummary:
    return ArticleSummary(
        id=article.id,
        slug=article.slug,
        title=article.display_title,
        title_derived=article.title_derived,
        date=article.date,
        date_precision=article.date_precision,
        date_inferred=article.date_inferred,
        language=article.language,
        outlet=article.outlet,
        lead=article.lead,
    )


def list_articles(session: Session, limit: int = 50, offset: int = 0) -> Page[ArticleSummary]:
    """Newest first; articles with no known date come last."""
    total = session.exec(select(func.count()).select_from(Article)).one()
    rows = session.exec(
        select(Article)
        .order_by(nulls_last(col(Article.date_sort).desc()), col(Article.id))
        .limit(limit)
        .offset(offset)
    ).all()
    return Page(items=[summary(a) for a in rows], total=total, limit=limit, offset=offset)


def articles_by_ids(session: Session, ids: list[str]) -> list[ArticleSummary]:
    rows = {a.id: a for a in session.exec(select(Article).where(col(Article.id).in_(ids))).all()}
    return [summary(rows[i]) for i in ids if i in rows]
