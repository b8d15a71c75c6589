"""The JSON API under /api: the same query-layer objects the HTML pages render."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request, Response

from app.deps import ArchiveDep, SessionDep
from app.queries import articles, leaders, places
from app.routes import shared
from app.routes.params import PartDep, article_query, query_params
from app.schemas import (
    AboutOut,
    ArticleOut,
    ArticleSource,
    CountryOut,
    CountrySummary,
    ErrorOut,
    HomeOut,
    LeaderOut,
    LeaderSummary,
    OrganisationOut,
    OrganisationSummary,
    SearchResults,
)
from app.search.engine import ArticleQuery
from app.urls import with_query

ERRORS = {
    400: "A request the archive cannot act on: a cursor it did not give out or past its end, "
    "date_from after date_to, a search too expensive to run",
    404: "No such item",
    422: "A parameter is malformed or out of range; `details` names each one",
    503: "No archive is loaded, the served one cannot be read, or the search engine is busy (Retry-After)",
}


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error answers an operation can give, documented in the one error shape (this
    also replaces FastAPI's default 422 schema, which is not the shape we send)."""
    return {status: {"model": ErrorOut, "description": ERRORS[status]} for status in (*statuses, 503)}


router = APIRouter(prefix="/api", tags=["api"])
ArticleQueryDep = Annotated[ArticleQuery, Depends(article_query)]


def page_links(
    request: Request, response: Response, results: SearchResults, params: ArticleQuery
) -> SearchResults:
    """Turn the cursors into URLs and name the next page in a Link header too."""
    path = request.scope["path"]
    if results.next:
        results.next = with_query(path, query_params(params, cursor=results.next))
        response.headers["Link"] = f'<{results.next}>; rel="next"'
    if results.previous:
        results.previous = with_query(path, query_params(params, cursor=results.previous))
    return results


@router.get("/home", response_model=HomeOut, summary="What the archive holds", responses=errors())
def api_home(archive: ArchiveDep, session: SessionDep) -> HomeOut:
    return shared.home_data(archive, session)


@router.get("/about", response_model=AboutOut, summary="What the data can and cannot say", responses=errors())
def api_about(archive: ArchiveDep, session: SessionDep) -> AboutOut:
    return shared.about_data(archive, session)


@router.get(
    "/articles",
    response_model=SearchResults,
    summary="Articles, filtered and searched, with facets",
    responses=errors(400, 422),
)
def api_articles(
    request: Request, response: Response, archive: ArchiveDep, session: SessionDep, params: ArticleQueryDep
) -> SearchResults:
    return page_links(request, response, shared.search_page(archive, session, params), params)


@router.get(
    "/search",
    response_model=SearchResults,
    summary="Full-text search (same as /api/articles?q=)",
    responses=errors(400, 422),
)
def api_search(
    request: Request, response: Response, archive: ArchiveDep, session: SessionDep, params: ArticleQueryDep
) -> SearchResults:
    return page_links(request, response, shared.search_page(archive, session, params), params)


@router.get(
    "/articles/{article_id}", response_model=ArticleOut, summary="One article", responses=errors(404, 422)
)
def api_article(article_id: str, archive: ArchiveDep, session: SessionDep, part: PartDep = 1) -> ArticleOut:
    return shared.article_data(archive, session, article_id, part)


@router.get(
    "/articles/{article_id}/source",
    response_model=ArticleSource,
    summary="The raw file, removed lines marked",
    responses=errors(404, 422),
)
def api_article_source(article_id: str, session: SessionDep) -> ArticleSource:
    return articles.get_source(session, article_id)


@router.get(
    "/leaders",
    response_model=list[LeaderSummary],
    summary="Leaders mentioned in the archive",
    responses=errors(422),
)
def api_leaders(
    session: SessionDep,
    affiliation: Annotated[
        str | None, Query(max_length=10, description="Country or organisation code")
    ] = None,
    sort: Annotated[Literal["mentions", "name"], Query()] = "mentions",
) -> list[LeaderSummary]:
    return leaders.list_leaders(session, affiliation.upper() if affiliation else None, sort)


@router.get("/leaders/{slug}", response_model=LeaderOut, summary="One leader", responses=errors(404, 422))
def api_leader(
    slug: str,
    archive: ArchiveDep,
    session: SessionDep,
    order: Annotated[Literal["central", "date"], Query()] = "central",
) -> LeaderOut:
    return shared.leader_data(archive, session, slug, order)


@router.get(
    "/countries",
    response_model=list[CountrySummary],
    summary="Countries mentioned in the archive",
    responses=errors(),
)
def api_countries(session: SessionDep) -> list[CountrySummary]:
    return places.list_countries(session)


@router.get(
    "/countries/{code}",
    response_model=CountryOut,
    summary="One country (ISO 3166-1 alpha-2)",
    responses=errors(404, 422),
)
def api_country(code: str, archive: ArchiveDep, session: SessionDep) -> CountryOut:
    return shared.country_data(archive, session, code)


@router.get(
    "/organisations",
    response_model=list[OrganisationSummary],
    summary="Organisations mentioned",
    responses=errors(),
)
def api_organisations(session: SessionDep) -> list[OrganisationSummary]:
    return places.list_organisations(session)


@router.get(
    "/organisations/{code}",
    response_model=OrganisationOut,
    summary="One organisation",
    responses=errors(404, 422),
)
def api_organisation(code: str, archive: ArchiveDep, session: SessionDep) -> OrganisationOut:
    return shared.organisation_data(archive, session, code)
