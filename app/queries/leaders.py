"""Leader listings from SQLite."""

from pydantic import BaseModel
from sqlalchemy import func
from sqlmodel import Session, col, select

from app.models import ArticleLeader, Leader


class UnknownLeaderRow(BaseModel):
    slug: str
    name: str
    role_title: str | None
    affiliation: str | None
    articles: int


def unknown_leaders(session: Session) -> list[UnknownLeaderRow]:
    """People discovered by their role in the text but not in the register, most cited first."""
    count = func.count(col(ArticleLeader.article_id))
    rows = session.exec(
        select(Leader, count)
        .join(ArticleLeader, col(ArticleLeader.leader_slug) == col(Leader.slug))
        .where(col(Leader.in_register).is_(False))
        .group_by(col(Leader.slug))
        .order_by(count.desc(), col(Leader.slug))
    ).all()
    return [
        UnknownLeaderRow(
            slug=leader.slug,
            name=leader.name_en,
            role_title=leader.role_title,
            affiliation=leader.affiliation,
            articles=n,
        )
        for leader, n in rows
    ]
