"""Leaders: the index (filter by affiliation, sort by mentions or name) and one leader's page."""

from collections import defaultdict

from pydantic import BaseModel
from sqlalchemy import func
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from app import urls
from app.build.columns import Columns
from app.entities.register import affiliation_name
from app.i18n import Lang
from app.i18n.names import Name, leader_name, pick, script_language
from app.models import Article, ArticleLeader, Country, Leader, Mention, Organisation
from app.queries.articles import NotFound, summaries
from app.queries.timeline import timeline_from
from app.schemas import CountOut, LeaderOut, LeaderSummary, RoleOut

# A page shows this many articles; the rest are one click away in the filtered search view.
ARTICLES_SHOWN = 20


class UnknownLeaderRow(BaseModel):
    slug: str
    name: str
    role_title: str | None
    affiliation: str | None
    articles: int


def _role_title(role: dict[str, str], lang: Lang) -> str:
    return role.get(f"title_{lang}") or role.get("title_en") or role["office"]


def _summary(leader: Leader, articles: int, lang: Lang) -> LeaderSummary:
    role = leader.role_title
    start = end = None
    if leader.in_register and leader.roles:
        latest = max(leader.roles, key=lambda r: r.get("start") or "")
        role = _role_title(latest, lang)
        start, end = latest.get("start"), latest.get("end")
    name = leader_name(lang, leader.name_en, leader.name_ru, leader.name_kk, leader.in_register)
    return LeaderSummary(
        slug=leader.slug,
        name=name.text,
        name_lang=name.lang,
        url=urls.leader_url(leader.slug),
        in_register=leader.in_register,
        affiliation=leader.affiliation,
        affiliation_name=affiliation_name(leader.affiliation, lang) if leader.affiliation else None,
        role=role,
        role_start=start,
        role_end=end,
        articles=articles,
    )


def list_leaders(
    session: Session,
    affiliation: str | None = None,
    sort: str = "mentions",
    include_unmentioned: bool = False,
    lang: Lang = "en",
) -> list[LeaderSummary]:
    """Leaders with their article counts; by default only those the archive mentions. Names
    sort in the reader's language."""
    count = func.count(col(ArticleLeader.article_id))
    statement = (
        select(Leader, count)
        .join(ArticleLeader, col(ArticleLeader.leader_slug) == col(Leader.slug), isouter=include_unmentioned)
        .group_by(col(Leader.slug))
    )
    if affiliation:
        statement = statement.where(
            (col(Leader.affiliation) == affiliation) | (col(ArticleLeader.affiliation) == affiliation)
        )
    rows = [_summary(leader, n, lang) for leader, n in session.exec(statement).all()]
    if sort == "mentions":
        return sorted(rows, key=lambda r: (-r.articles, r.name.casefold(), r.slug))
    return sorted(rows, key=lambda r: (r.name.casefold(), r.slug))


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
            # as the text writes it (a Cyrillic name's Latin form is its name_en)
            name=leader.name_kk or leader.name_ru or leader.name_en,
            role_title=leader.role_title,
            affiliation=leader.affiliation,
            articles=n,
        )
        for leader, n in rows
    ]


def article_ids_for_leader(
    session: Session, slug: str, order: str = "central", limit: int | None = None
) -> list[str]:
    statement = (
        select(ArticleLeader.article_id)
        .join(Article, col(Article.id) == col(ArticleLeader.article_id))
        .where(ArticleLeader.leader_slug == slug)
    )
    if order == "date":
        statement = statement.order_by(col(Article.date_sort).desc().nulls_last(), col(Article.id))
    else:
        statement = statement.order_by(
            col(ArticleLeader.centrality).desc(), col(Article.date_sort).desc().nulls_last(), col(Article.id)
        )
    return list(session.exec(statement.limit(limit)).all())


def named_counts(
    session: Session,
    model: type[Leader] | type[Country] | type[Organisation],
    key_column: Mapped[str],
    counts: dict[str, int],
    lang: Lang = "en",
) -> list[tuple[str, Name, int]]:
    """(key, name in `lang`, count), most first then by name: what an SQL GROUP BY gives."""
    names = display_names(session, model, key_column, list(counts), lang)
    rows = [(key, names[key], n) for key, n in counts.items() if key in names]
    return sorted(rows, key=lambda row: (-row[2], row[1].text.casefold()))


def display_names(
    session: Session,
    model: type[Leader] | type[Country] | type[Organisation],
    key_column: Mapped[str],
    keys: list[str],
    lang: Lang,
) -> dict[str, Name]:
    """Names in `lang` (or the nearest form) of the given leaders, countries or organisations."""
    found: dict[str, Name] = {}
    statement = select(key_column, model.name_en, model.name_ru, model.name_kk).where(key_column.in_(keys))
    for key, en, ru, kk in session.exec(statement).all():
        if model is Leader and not ru and not kk:
            found[key] = Name(en, script_language(en))  # as the text gave it
        else:
            found[key] = pick(lang, {"en": en, "ru": ru, "kk": kk})
    return found


def get_leader(session: Session, slug: str, order: str, columns: Columns, lang: Lang = "en") -> LeaderOut:
    """One leader's page: counts, co-occurrences, the timeline and the date-ordered list from
    the build's columns (SQL aggregates took seconds at 100k articles); the central order
    needs SQL's per-link centrality."""
    leader = session.get(Leader, slug)
    if leader is None:
        raise NotFound(f"No leader with slug {slug!r}.")
    mask = columns.linked("leader", slug)
    if order == "date":
        ids = columns.newest(mask, ARTICLES_SHOWN)
    else:
        ids = article_ids_for_leader(session, slug, order, limit=ARTICLES_SHOWN)
    seen = sorted(
        session.exec(
            select(Mention.surface)
            .where(Mention.entity_key == slug, Mention.entity_type == "leader")
            .distinct()
        ).all()
    )
    register_names: dict[str, list[str]] = defaultdict(list)
    for form in leader.names:
        register_names[script_language(form)].append(form)
    co_leader_counts = {k: n for k, n in columns.counts_among("leader", mask).items() if k != slug}
    co_leaders = named_counts(session, Leader, col(Leader.slug), co_leader_counts, lang)[:20]
    country_counts = columns.counts_among("country", mask)
    co_countries = named_counts(session, Country, col(Country.code), country_counts, lang)[:20]
    roles = [
        RoleOut(
            office=r["office"],
            title=_role_title(r, lang),
            affiliation=r["affiliation"],
            affiliation_name=affiliation_name(r["affiliation"], lang),
            start=r.get("start"),
            end=r.get("end"),
            approx=bool(r.get("approx")),
        )
        for r in sorted(leader.roles, key=lambda r: r.get("start") or "", reverse=True)
    ]
    return LeaderOut(
        **_summary(leader, int(mask.sum()), lang).model_dump(),
        names={**register_names, "seen": seen},
        roles=roles,
        article_list=summaries(session, ids, lang),
        co_leaders=[
            CountOut(key=key, name=name.text, name_lang=name.lang, url=urls.leader_url(key), count=n)
            for key, name, n in co_leaders
        ],
        co_countries=[
            CountOut(key=key, name=name.text, name_lang=name.lang, url=urls.country_url(key), count=n)
            for key, name, n in co_countries
        ],
        timeline=timeline_from(columns, mask, lang),
    )
