"""HTML pages. Each calls the same query function as its JSON twin and names that twin in
<link rel="alternate" type="application/json">."""

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse

from app import urls
from app.deps import ArchiveDep, SessionDep
from app.queries import articles, leaders, places
from app.routes import shared
from app.routes.params import PartDep, article_query, query_params
from app.schemas import SearchResults
from app.search.engine import ArticleQuery

router = APIRouter(include_in_schema=False)
ArticleQueryDep = Annotated[ArticleQuery, Depends(article_query)]
FACET_TITLES = {
    "lang": "Language",
    "event": "Event",
    "leader": "Leader",
    "country": "Country",
    "organisation": "Organisation",
    "outlet": "Outlet",
}


def render(request: Request, template: str, page: Any, **extra: Any) -> HTMLResponse:
    # From the scope: request.url is rebuilt from the Host header.
    query = request.scope["query_string"].decode("utf-8", "replace")
    json_url = urls.api(request.scope["path"]) + (f"?{query}" if query else "")
    context = {"page": page, "json_url": json_url, **extra}
    return request.app.state.templates.TemplateResponse(request, template, context)


@router.get("/", response_class=HTMLResponse, name="home")
def home_page(request: Request, archive: ArchiveDep, session: SessionDep) -> HTMLResponse:
    page = shared.home_data(archive, session)
    return render(request, "home.html", page)


@router.get("/about", response_class=HTMLResponse, name="about")
def about_page(request: Request, archive: ArchiveDep, session: SessionDep) -> HTMLResponse:
    page = shared.about_data(archive, session)
    return render(request, "about.html", page)


def _toggle(params: ArticleQuery, name: str, value: str) -> str:
    """The URL of this view with one filter value switched on or off (back to page one)."""
    current = params.filters.get(name, [])
    values = [v for v in current if v != value] if value in current else [*current, value]
    changed = ArticleQuery(**{**params.__dict__, "filters": {**params.filters, name: values}, "cursor": None})
    return urls.with_query("/articles", query_params(changed))


@router.get("/articles", response_class=HTMLResponse, name="articles")
def articles_page(
    request: Request, archive: ArchiveDep, session: SessionDep, params: ArticleQueryDep
) -> HTMLResponse:
    results: SearchResults = shared.search_page(archive, session, params)
    facet_urls = {
        name: {value.value: _toggle(params, name, value.value) for value in values}
        for name, values in results.facets.items()
    }
    next_url = urls.with_query("/articles", query_params(params, results.next)) if results.next else None
    previous_url = (
        urls.with_query("/articles", query_params(params, results.previous)) if results.previous else None
    )
    sort_urls = {
        s: urls.with_query(
            "/articles", query_params(ArticleQuery(**{**params.__dict__, "sort": s, "cursor": None}))
        )
        for s in ("relevance", "newest", "oldest")
    }
    feed_url = urls.with_query(
        "/feeds/articles.atom", query_params(ArticleQuery(**{**params.__dict__, "cursor": None}))
    )
    export_params = query_params(ArticleQuery(**{**params.__dict__, "cursor": None}))
    return render(
        request,
        "articles.html",
        results,
        q=params.q,
        params=params,
        facet_titles=FACET_TITLES,
        facet_urls=facet_urls,
        next_url=next_url,
        previous_url=previous_url,
        sort_urls=sort_urls,
        feed_url=feed_url,
        csv_url=urls.with_query("/export/articles.csv", export_params),
        jsonl_url=urls.with_query("/export/articles.jsonl", export_params),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse, name="article")
def article_page(
    request: Request, article_id: str, archive: ArchiveDep, session: SessionDep, part: PartDep = 1
) -> HTMLResponse:
    return render(request, "article.html", shared.article_data(archive, session, article_id, part))


@router.get("/articles/{article_id}/source", response_class=HTMLResponse, name="article_source")
def article_source_page(request: Request, article_id: str, session: SessionDep) -> HTMLResponse:
    return render(request, "source.html", articles.get_source(session, article_id))


@router.get("/leaders", response_class=HTMLResponse, name="leaders")
def leaders_page(
    request: Request,
    session: SessionDep,
    affiliation: Annotated[str | None, Query(max_length=10)] = None,
    sort: Annotated[Literal["mentions", "name"], Query()] = "mentions",
) -> HTMLResponse:
    rows = leaders.list_leaders(session, affiliation.upper() if affiliation else None, sort)
    affiliations = sorted(
        {(r.affiliation, r.affiliation_name) for r in leaders.list_leaders(session) if r.affiliation}
    )
    return render(
        request, "leaders.html", rows, affiliation=affiliation, sort=sort, affiliations=affiliations
    )


@router.get("/leaders/{slug}", response_class=HTMLResponse, name="leader")
def leader_page(
    request: Request,
    slug: str,
    session: SessionDep,
    archive: ArchiveDep,
    order: Annotated[Literal["central", "date"], Query()] = "central",
) -> HTMLResponse:
    return render(request, "leader.html", shared.leader_data(archive, session, slug, order), order=order)


@router.get("/countries", response_class=HTMLResponse, name="countries")
def countries_page(request: Request, session: SessionDep) -> HTMLResponse:
    return render(request, "countries.html", places.list_countries(session))


@router.get("/countries/{code}", response_class=HTMLResponse, name="country")
def country_page(request: Request, code: str, archive: ArchiveDep, session: SessionDep) -> HTMLResponse:
    page = shared.country_data(archive, session, code)
    return render(request, "country.html", page)


@router.get("/organisations", response_class=HTMLResponse, name="organisations")
def organisations_page(request: Request, session: SessionDep) -> HTMLResponse:
    return render(request, "organisations.html", places.list_organisations(session))


@router.get("/organisations/{code}", response_class=HTMLResponse, name="organisation")
def organisation_page(request: Request, code: str, archive: ArchiveDep, session: SessionDep) -> HTMLResponse:
    page = shared.organisation_data(archive, session, code)
    return render(request, "organisation.html", page)
