"""Countries and organisations, the two kinds of affiliation a leader has: their indexes
and their pages."""

from collections.abc import Sequence
from typing import TypeVar

from sqlalchemy import func
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from app import urls
from app.build.columns import Columns
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


def _country_summary(country: Country, articles: int) -> CountrySummary:
    return CountrySummary(
        code=country.code,
        name=country.name_en,
        name_ru=country.name_ru,
        name_kk=country.name_kk,
        url=urls.country_url(country.code),
        articles=articles,
    )


Affiliation = TypeVar("Affiliation", Country, Organisation)


def _with_counts(
    session: Session,
    model: type[Affiliation],
    link: type[ArticleCountry] | type[ArticleOrganisation],
    link_key: Mapped[str],
    model_key: Mapped[str],
    include_unmentioned: bool,
) -> Sequence[tuple[Affiliation, int]]:
    """Rows of `model` with how many articles link to each, most linked first."""
    count = func.count(link_key)
    return session.exec(
        select(model, count)
        .join(link, link_key == model_key, isouter=include_unmentioned)
        .group_by(model_key)
        .order_by(count.desc(), col(model.name_en))
    ).all()


def list_countries(session: Session, include_unmentioned: bool = False) -> list[CountrySummary]:
    rows = _with_counts(
        session,
        Country,
        ArticleCountry,
        col(ArticleCountry.country_code),
        col(Country.code),
        include_unmentioned,
    )
    return [_country_summary(c, n) for c, n in rows]


def _seen(session: Session, entity_type: str, key: str) -> list[str]:
    return sorted(
        session.exec(
            select(Mention.surface)
            .where(Mention.entity_type == entity_type, Mention.entity_key == key)
            .distinct()
        ).all()
    )


def _leaders_in(
    session: Session,
    link: type[ArticleCountry] | type[ArticleOrganisation],
    link_key: Mapped[str],
    key: str,
    affiliation: str,
) -> list[CountOut]:
    """Leaders of one affiliation named in the articles linked to an entity. A correlated
    EXISTS on the link table's primary key, not IN (all linked ids): at 100k articles
    linked to Kazakhstan the IN list alone took most of a second."""
    count = func.count()
    linked = (
        select(link.article_id)
        .where(col(link.article_id) == col(ArticleLeader.article_id), link_key == key)
        .exists()
    )
    rows = session.exec(
        select(col(Leader.slug), col(Leader.name_en), count)
        .join(ArticleLeader, col(ArticleLeader.leader_slug) == col(Leader.slug))
        .where(col(ArticleLeader.affiliation) == affiliation, linked)
        .group_by(col(Leader.slug))
        .order_by(count.desc(), col(Leader.name_en))
    ).all()
    return [CountOut(key=slug, name=name, url=urls.leader_url(slug), count=n) for slug, name, n in rows]


def get_country(session: Session, code: str, columns: Columns) -> CountryOut:
    """One country's page; the list, counts and timeline from the build's columns (at 100k
    articles the SQL aggregates took seconds)."""
    country = session.get(Country, code.upper())
    if country is None:
        raise NotFound(f"No country with ISO 3166-1 code {code!r}.")
    mask = columns.linked("country", country.code)
    others = {k: n for k, n in columns.counts_among("country", mask).items() if k != country.code}
    return CountryOut(
        **_country_summary(country, int(mask.sum())).model_dump(),
        names_seen=_seen(session, "country", country.code),
        article_list=summaries(session, columns.newest(mask, ARTICLES_SHOWN)),
        leaders=_leaders_in(
            session, ArticleCountry, col(ArticleCountry.country_code), country.code, country.code
        ),
        counterparts=[
            CountOut(key=key, name=name, url=urls.country_url(key), count=n)
            for key, name, n in named_counts(session, Country, col(Country.code), others)
        ],
        timeline=timeline_from(columns, mask),
    )


def _organisation_summary(org: Organisation, articles: int) -> OrganisationSummary:
    return OrganisationSummary(
        code=org.code,
        name=org.name_en,
        name_ru=org.name_ru,
        name_kk=org.name_kk,
        parent=org.parent,
        url=urls.organisation_url(org.code),
        articles=articles,
    )


def list_organisations(session: Session, include_unmentioned: bool = False) -> list[OrganisationSummary]:
    rows = _with_counts(
        session,
        Organisation,
        ArticleOrganisation,
        col(ArticleOrganisation.organisation_code),
        col(Organisation.code),
        include_unmentioned,
    )
    return [_organisation_summary(o, n) for o, n in rows]


def get_organisation(session: Session, code: str, columns: Columns) -> OrganisationOut:
    org = session.get(Organisation, code.upper())
    if org is None:
        raise NotFound(f"No organisation with code {code!r}.")
    mask = columns.linked("organisation", org.code)
    bodies = [o.code for o in session.exec(select(Organisation).where(Organisation.parent == org.code)).all()]
    org_key = col(ArticleOrganisation.organisation_code)
    return OrganisationOut(
        **_organisation_summary(org, int(mask.sum())).model_dump(),
        names_seen=sorted({s for c in [org.code, *bodies] for s in _seen(session, "organisation", c)}),
        article_list=summaries(session, columns.newest(mask, ARTICLES_SHOWN)),
        leaders=[
            lead
            for c in [org.code, *bodies]
            for lead in _leaders_in(session, ArticleOrganisation, org_key, org.code, c)
        ],
        timeline=timeline_from(columns, mask),
    )
