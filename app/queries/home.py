"""What the archive holds: the home page's and the about page's figures."""

from sqlalchemy import ColumnElement, func
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from app import urls
from app.i18n import Lang
from app.models import Article, ArticleCountry, ArticleLeader, ArticleOrganisation, Country, Leader
from app.queries.articles import summaries
from app.queries.leaders import named_counts
from app.schemas import AboutOut, CountOut, HomeOut

LATEST = 10
TOP = 10


def _top(
    session: Session,
    model: type[Leader] | type[Country],
    model_key: Mapped[str],
    link: type[ArticleLeader] | type[ArticleCountry],
    link_key: Mapped[str],
    lang: Lang,
) -> list[tuple[str, str, Lang, int]]:
    """The TOP most linked rows of `model`: (key, name in `lang`, its language, articles)."""
    counts = dict(session.exec(select(link_key, func.count()).group_by(link_key)).all())
    return [
        (key, name.text, name.lang, n)
        for key, name, n in named_counts(session, model, model_key, counts, lang)
    ][:TOP]


def home(session: Session, build: str, lang: Lang = "en") -> HomeOut:
    by_language = dict(
        session.exec(select(Article.language, func.count()).group_by(col(Article.language))).all()
    )
    dates = session.exec(select(func.min(Article.date_sort), func.max(Article.date_sort))).one()
    latest = session.exec(
        select(Article.id).order_by(col(Article.date_sort).desc().nulls_last(), col(Article.id)).limit(LATEST)
    ).all()
    top_leaders = _top(session, Leader, col(Leader.slug), ArticleLeader, col(ArticleLeader.leader_slug), lang)
    top_countries = _top(
        session, Country, col(Country.code), ArticleCountry, col(ArticleCountry.country_code), lang
    )

    def iso(value: int | None) -> str | None:
        return f"{value // 10000:04d}-{value // 100 % 100:02d}-{value % 100:02d}" if value else None

    mentioned_leaders = select(ArticleLeader.leader_slug).distinct()
    return HomeOut(
        articles=sum(by_language.values()),
        by_language=by_language,
        leaders=session.exec(select(func.count()).select_from(mentioned_leaders.subquery())).one(),
        leaders_in_register=session.exec(
            select(func.count()).where(
                col(Leader.in_register).is_(True), col(Leader.slug).in_(mentioned_leaders)
            )
        ).one(),
        countries=session.exec(select(func.count(func.distinct(ArticleCountry.country_code)))).one(),
        organisations=session.exec(
            select(func.count(func.distinct(ArticleOrganisation.organisation_code)))
        ).one(),
        date_from=iso(dates[0]),
        date_to=iso(dates[1]),
        undated=session.exec(select(func.count()).where(col(Article.date_sort).is_(None))).one(),
        latest=summaries(session, list(latest), lang),
        top_leaders=[
            CountOut(key=key, name=name, name_lang=name_lang, url=urls.leader_url(key), count=n)
            for key, name, name_lang, n in top_leaders
        ],
        top_countries=[
            CountOut(key=key, name=name, name_lang=name_lang, url=urls.country_url(key), count=n)
            for key, name, name_lang, n in top_countries
        ],
        build=build,
    )


def about(session: Session, build: str) -> AboutOut:
    def count(*where: ColumnElement[bool]) -> int:
        return session.exec(select(func.count()).select_from(Article).where(*where)).one()

    unresolved = session.exec(select(Article.unresolved_titles)).all()
    return AboutOut(
        articles=count(),
        inferred_dates=count(col(Article.date_inferred).is_(True)),
        unknown_dates=count(col(Article.date_precision) == "unknown"),
        day_month_only=count(col(Article.date_precision) == "day_month"),
        derived_titles=count(col(Article.title_derived).is_(True)),
        unresolved_titles=sum(len(u) for u in unresolved),
        leaders_not_in_register=session.exec(
            select(func.count()).select_from(Leader).where(col(Leader.in_register).is_(False))
        ).one(),
        build=build,
    )
