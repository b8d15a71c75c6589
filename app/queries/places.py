"""Countries and organisations: their indexes and their pages."""

from sqlalchemy import func
from sqlmodel import Session, col, select

from app import urls
from app.models import (
    Article,
    ArticleCountry,
    ArticleLeader,
    ArticleOrganisation,
    Country,
    Leader,
    Mention,
    Organisation,
)
from app.queries.articles import NotFound, summaries
from app.queries.columns import Columns
from app.queries.leaders import ARTICLES_SHOWN, named_counts
from app.queries.timeline import timeline_from, timeline_of
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


def _with_counts(session: Session, model, link_key, model_key, include_unmentioned: bool):  # type: ignore[no-untyped-def]
    """Rows of `model` with how many articles link to each, most linked first."""
    count = func.count(link_key)
    return session.exec(
        select(model, count)
        .join(link_key.class_, link_key == model_key, isouter=include_unmentioned)
        .group_by(model_key)
        .order_by(count.desc(), col(model.name_en))
    ).all()


def list_countries(session: Session, include_unmentioned: bool = False) -> list[CountrySummary]:
    rows = _with_counts(
        session, Country, col(ArticleCountry.country_code), col(Country.code), include_unmentioned
    )
    return [_country_summary(c, n) for c, n in rows]


def _ids_by_date(session: Session, table, key_column, key: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The newest ARTICLES_SHOWN articles linked to one entity."""
    return list(
        session.exec(
            select(table.article_id)
            .join(Article, col(Article.id) == col(table.article_id))
            .where(key_column == key)
            .order_by(col(Article.date_sort).desc().nulls_last(), col(Article.id))
            .limit(ARTICLES_SHOWN)
        ).all()
    )


def _count(session: Session, key_column, key: str) -> int:  # type: ignore[no-untyped-def]
    return session.exec(select(func.count()).where(key_column == key)).one()


def _seen(session: Session, entity_type: str, key: str) -> list[str]:
    return sorted(
        session.exec(
            select(Mention.surface)
            .where(Mention.entity_type == entity_type, Mention.entity_key == key)
            .distinct()
        ).all()
    )


def _leaders_in(session: Session, link, link_key, key: str, affiliation: str) -> list[CountOut]:  # type: ignore[no-untyped-def]
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


def get_country(session: Session, code: str, columns: Columns | None = None) -> CountryOut:
    """One country's page. With the build's columns, the list, counts and timeline come from
    arrays (at 100k articles the SQL aggregates took seconds); a test checks both agree."""
    country = session.get(Country, code.upper())
    if country is None:
        raise NotFound(f"No country with ISO 3166-1 code {code!r}.")
    linked = select(ArticleCountry.article_id).where(ArticleCountry.country_code == country.code)
    if columns is not None:
        mask = columns.linked("country", country.code)
        ids = columns.newest(mask, ARTICLES_SHOWN)
        total = int(mask.sum())
        others = {k: n for k, n in columns.counts_among("country", mask).items() if k != country.code}
        counterparts = named_counts(session, Country, col(Country.code), others)
        timeline = timeline_from(columns, mask)
    else:
        ids = _ids_by_date(session, ArticleCountry, ArticleCountry.country_code, country.code)
        total = _count(session, ArticleCountry.country_code, country.code)
        count = func.count()
        counterparts = session.exec(
            select(col(Country.code), col(Country.name_en), count)
            .join(ArticleCountry, col(ArticleCountry.country_code) == col(Country.code))
            .where(col(ArticleCountry.article_id).in_(linked), col(Country.code) != country.code)
            .group_by(col(Country.code))
            .order_by(count.desc(), col(Country.name_en))
        ).all()
        timeline = timeline_of(session, ArticleCountry, ArticleCountry.country_code, country.code)
    return CountryOut(
        **_country_summary(country, total).model_dump(),
        names_seen=_seen(session, "country", country.code),
        article_list=summaries(session, ids),
        leaders=_leaders_in(session, ArticleCountry, ArticleCountry.country_code, country.code, country.code),
        counterparts=[
            CountOut(key=key, name=name, url=urls.country_url(key), count=n) for key, name, n in counterparts
        ],
        timeline=timeline,
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
        col(ArticleOrganisation.organisation_code),
        col(Organisation.code),
        include_unmentioned,
    )
    return [_organisation_summary(o, n) for o, n in rows]


def get_organisation(session: Session, code: str) -> OrganisationOut:
    org = session.get(Organisation, code.upper())
    if org is None:
        raise NotFound(f"No organisation with code {code!r}.")
    ids = _ids_by_date(session, ArticleOrganisation, ArticleOrganisation.organisation_code, org.code)
    bodies = [o.code for o in session.exec(select(Organisation).where(Organisation.parent == org.code)).all()]
    return OrganisationOut(
        **_organisation_summary(
            org, _count(session, ArticleOrganisation.organisation_code, org.code)
        ).model_dump(),
        names_seen=sorted({s for c in [org.code, *bodies] for s in _seen(session, "organisation", c)}),
        article_list=summaries(session, ids),
        leaders=[
            lead
            for c in [org.code, *bodies]
            for lead in _leaders_in(
                session, ArticleOrganisation, ArticleOrganisation.organisation_code, org.code, c
            )
        ],
        timeline=timeline_of(session, ArticleOrganisation, ArticleOrganisation.organisation_code, org.code),
    )
