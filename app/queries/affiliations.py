"""Countries and organisations, the two kinds of affiliation a leader has: their indexes
and their pages. One implementation serves both; a `Kind` holds what differs (tables,
page types, whether the page lists counterparts). A country has no bodies, so its page is
an organisation's page with one member, plus the countries named beside it."""

from dataclasses import dataclass
from typing import Any, Generic, Literal, TypeVar

from sqlalchemy import func
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from app import urls
from app.build.columns import Columns
from app.i18n import Lang
from app.i18n.names import pick
from app.models import (
    ArticleCountry,
    ArticleLeader,
    ArticleOrganisation,
    Country,
    Leader,
    Mention,
    Organisation,
)
from app.queries.articles import NotFound, summaries
from app.queries.leaders import ARTICLES_SHOWN, named_counts
from app.queries.timeline import timeline_from
from app.schemas import CountOut, CountryOut, CountrySummary, OrganisationOut, OrganisationSummary

Table = TypeVar("Table", Country, Organisation)
Summary = TypeVar("Summary", CountrySummary, OrganisationSummary)
PageOut = TypeVar("PageOut", CountryOut, OrganisationOut)


@dataclass(frozen=True)
class Kind(Generic[Table, Summary, PageOut]):
    """One kind of affiliation: where it is stored and what its index and page are."""

    name: Literal["country", "organisation"]  # entity type in mentions, columns and filters
    table: type[Table]
    link: type[ArticleCountry] | type[ArticleOrganisation]
    link_key: Mapped[str]  # the link table's column holding the affiliation's code
    summary: type[Summary]
    page: type[PageOut]
    missing: str  # the 404 message, formatted with the code asked for
    counterparts: bool  # the page lists others of this kind named in the same articles


COUNTRY = Kind(
    "country",
    Country,
    ArticleCountry,
    col(ArticleCountry.country_code),
    CountrySummary,
    CountryOut,
    missing="No country with ISO 3166-1 code {code!r}.",
    counterparts=True,
)
ORGANISATION = Kind(
    "organisation",
    Organisation,
    ArticleOrganisation,
    col(ArticleOrganisation.organisation_code),
    OrganisationSummary,
    OrganisationOut,
    missing="No organisation with code {code!r}.",
    counterparts=False,
)


def _summary(
    kind: Kind[Any, Summary, Any], row: Country | Organisation, articles: int, lang: Lang
) -> Summary:
    extra = {"parent": row.parent} if isinstance(row, Organisation) else {}
    return kind.summary(
        code=row.code,
        name=pick(lang, {"en": row.name_en, "ru": row.name_ru, "kk": row.name_kk}).text,
        name_en=row.name_en,
        name_ru=row.name_ru,
        name_kk=row.name_kk,
        url=urls.entity_url(kind.name, row.code),
        articles=articles,
        **extra,
    )


def list_affiliations(
    session: Session, kind: Kind[Any, Summary, Any], include_unmentioned: bool = False, lang: Lang = "en"
) -> list[Summary]:
    """Every country (or organisation) with how many articles link to each, most linked
    first, then by name in the reader's language."""
    count = func.count(kind.link_key)
    model_key = col(kind.table.code)
    rows = session.exec(
        select(kind.table, count)
        .join(kind.link, kind.link_key == model_key, isouter=include_unmentioned)
        .group_by(model_key)
    ).all()
    summaries_ = [_summary(kind, row, n, lang) for row, n in rows]
    return sorted(summaries_, key=lambda s: (-s.articles, s.name.casefold()))


def _seen(session: Session, entity_type: str, key: str) -> list[str]:
    return sorted(
        session.exec(
            select(Mention.surface)
            .where(Mention.entity_type == entity_type, Mention.entity_key == key)
            .distinct()
        ).all()
    )


def _leaders_in(
    session: Session, kind: Kind[Any, Any, Any], key: str, affiliation: str, lang: Lang
) -> list[CountOut]:
    """Leaders of one affiliation named in the articles linked to an entity. A correlated
    EXISTS on the link table's primary key, not IN (all linked ids): at 100k articles
    linked to Kazakhstan the IN list alone took most of a second."""
    count = func.count()
    linked = (
        select(kind.link.article_id)
        .where(col(kind.link.article_id) == col(ArticleLeader.article_id), kind.link_key == key)
        .exists()
    )
    rows = session.exec(
        select(col(Leader.slug), count)
        .join(ArticleLeader, col(ArticleLeader.leader_slug) == col(Leader.slug))
        .where(col(ArticleLeader.affiliation) == affiliation, linked)
        .group_by(col(Leader.slug))
    ).all()
    return [
        CountOut(key=slug, name=name.text, name_lang=name.lang, url=urls.leader_url(slug), count=n)
        for slug, name, n in named_counts(session, Leader, col(Leader.slug), dict(rows), lang)
    ]


def _members(session: Session, row: Country | Organisation) -> list[str]:
    """The codes whose officials and forms an affiliation's page shows: its own, and an
    organisation's bodies (the UN's General Assembly …)."""
    if isinstance(row, Country):
        return [row.code]
    bodies = session.exec(select(Organisation).where(Organisation.parent == row.code)).all()
    return [row.code, *(o.code for o in bodies)]


def get_affiliation(
    session: Session, kind: Kind[Table, Any, PageOut], code: str, columns: Columns, lang: Lang = "en"
) -> PageOut:
    """One country's or organisation's page; the list, counts and timeline from the build's
    columns (at 100k articles the SQL aggregates took seconds). An organisation's page
    gathers the forms and officials of its bodies too."""
    row = session.get(kind.table, code.upper())
    if row is None:
        raise NotFound(kind.missing.format(code=code))
    mask = columns.linked(kind.name, row.code)
    members = _members(session, row)
    fields: dict[str, Any] = {
        "names_seen": sorted({s for c in members for s in _seen(session, kind.name, c)}),
        "article_list": summaries(session, columns.newest(mask, ARTICLES_SHOWN), lang),
        "leaders": [lead for c in members for lead in _leaders_in(session, kind, row.code, c, lang)],
        "timeline": timeline_from(columns, mask, lang),
    }
    if kind.counterparts:
        others = {k: n for k, n in columns.counts_among(kind.name, mask).items() if k != row.code}
        fields["counterparts"] = [
            CountOut(
                key=key, name=name.text, name_lang=name.lang, url=urls.entity_url(kind.name, key), count=n
            )
            for key, name, n in named_counts(session, kind.table, col(kind.table.code), others, lang)
        ]
    return kind.page(**_summary(kind, row, int(mask.sum()), lang).model_dump(), **fields)


def get_country(session: Session, code: str, columns: Columns) -> CountryOut:
    return get_affiliation(session, COUNTRY, code, columns)


def get_organisation(session: Session, code: str, columns: Columns) -> OrganisationOut:
    return get_affiliation(session, ORGANISATION, code, columns)
