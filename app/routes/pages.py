"""One view per page, served in two formats. Each view builds its page object once
(memoised per build in app.routes.shared); `page(...)` registers it as HTML at its path,
naming its JSON twin in <link rel="alternate">, and as JSON under /api, documented in the
OpenAPI schema. Only the last step depends on the format (Datasette's one data() per view).
"""

import datetime as dt
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from sqlmodel import Session

from app import urls
from app.build.archive import Archive
from app.deps import ArchiveDep, LangDep, SessionDep
from app.i18n import Lang
from app.i18n.catalogs import N_, translate
from app.i18n.labels import FACET_TITLES, facet_title
from app.i18n.paths import localized
from app.queries import affiliations, articles, leaders, refine
from app.queries.affiliations import Kind, PageOut, Summary
from app.queries.events import EVENT_FACET_TITLES, EventQuery
from app.queries.filters import resolve_affiliation
from app.queries.search import decode_cursor
from app.routes import shared
from app.routes.links import with_language
from app.routes.params import ArticleQueryDep, EventQueryDep, PartDep, query_params
from app.schemas import (
    AboutOut,
    ArticleOut,
    ArticleSource,
    ErrorOut,
    EventList,
    EventOut,
    HomeOut,
    LeaderOut,
    LeaderSummary,
    Page,
    SearchResults,
)
from app.search.engine import ArticleQuery

html = APIRouter(include_in_schema=False)
api = APIRouter(prefix="/api", tags=["api"])

ERRORS = {
    400: "A parameter the archive cannot act on, the one status for bad input: malformed or out of "
    "range (`date_to=2020-13-01`, `limit=0`), contradictory (date_from after date_to), a cursor it "
    "did not give out or past its end, a filter value that names nothing, a search too expensive "
    "to run. `details` says which parameter and what would do. An empty parameter (`date_to=`) "
    "is not an error: it is read as not given",
    404: "No such item",
    503: "No archive is loaded, the served one cannot be read, or the search engine is busy (Retry-After)",
}
# The names of the filters a reader can remove, on the chips above the results. The dates'
# are not the date fields' "From"/"To" (a chip reads "С: 1 января" in Russian otherwise);
# the English catalog says "From"/"To".
FILTER_TITLES = {**FACET_TITLES, "date_from": N_("Dated from"), "date_to": N_("Dated to")}

Extra = Callable[..., dict[str, Any]]


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The error answers an operation can give, documented in the one error shape (this
    also replaces FastAPI's default 422 schema: bad parameters are a 400, in the one shape).
    Every operation takes `locale`, so every one can answer 400."""
    documented: dict[int | str, dict[str, Any]] = {
        status: {"model": ErrorOut, "description": ERRORS[status]} for status in sorted({*statuses, 400, 503})
    }
    return documented


def render(request: Request, template: str, page: Any, lang: Lang, **extra: Any) -> HTMLResponse:
    """The page in `lang`: its links under the language's prefix, its JSON twin asked for
    the same language."""
    # From the scope: request.url is rebuilt from the Host header.
    query = request.scope["query_string"].decode("utf-8", "replace")
    path = request.scope["path"].removeprefix(request.scope.get("root_path", "")) or "/"
    json_url = urls.api(path) + "?" + (f"{query}&" if query else "") + f"locale={lang}"
    context = {"page": with_language(page, lang), "json_url": json_url, **extra}
    templates: Jinja2Templates = request.app.state.templates
    return templates.TemplateResponse(request, template, context)


def page(
    path: str,
    *,
    name: str,
    template: str,
    model: Any,
    summary: str,
    responses: tuple[int, ...] = (),
    html_extra: Extra | None = None,
    as_json: Callable[..., Any] | None = None,
    api_aliases: tuple[tuple[str, str], ...] = (),
    api_on_loop: bool = False,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Register one view twice: HTML at `path` (named `name` for url_for), JSON at its /api
    twin. `html_extra(page, **arguments)` adds template context; `as_json(page, **arguments)`
    finishes the JSON answer (links made from cursors). Views take `request` and `lang`
    (LangDep) by keyword. `api_on_loop`: the JSON twin runs on the event loop, not in a
    request thread (see article_list)."""

    def register(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def as_html(**arguments: Any) -> HTMLResponse:
            built = view(**arguments)
            extra = html_extra(built, **arguments) if html_extra else {}
            return render(arguments["request"], template, built, arguments["lang"], **extra)

        @wraps(view)
        def as_api(**arguments: Any) -> Any:
            built = view(**arguments)
            return as_json(built, **arguments) if as_json else built

        @wraps(view)
        async def as_api_on_loop(**arguments: Any) -> Any:
            return as_api(**arguments)

        html.add_api_route(
            path, as_html, methods=["GET"], name=name, response_class=HTMLResponse, response_model=None
        )
        own = urls.api(path).removeprefix("/api")
        for api_path, api_summary in ((own, summary), *api_aliases):
            api.add_api_route(
                api_path,
                as_api_on_loop if api_on_loop else as_api,
                methods=["GET"],
                name=f"api_{name}" if api_path == own else f"api_{name}{api_path.replace('/', '_')}",
                response_model=model,
                summary=api_summary,
                responses=errors(*responses),
            )
        return view

    return register


@page("/", name="home", template="home.html", model=HomeOut, summary="What the archive holds")
def home(request: Request, archive: ArchiveDep, session: SessionDep, lang: LangDep) -> HomeOut:
    return shared.home_data(archive, session, lang)


@page(
    "/about", name="about", template="about.html", model=AboutOut, summary="What the data can and cannot say"
)
def about(request: Request, archive: ArchiveDep, session: SessionDep, lang: LangDep) -> AboutOut:
    return shared.about_data(archive, session)


def _toggle(params: ArticleQuery, name: str, value: str, lang: Lang) -> str:
    """The URL of this view with one filter value switched on or off (back to page one)."""
    current = params.filters.get(name, [])
    values = [v for v in current if v != value] if value in current else [*current, value]
    changed = ArticleQuery(**{**params.__dict__, "filters": {**params.filters, name: values}, "cursor": None})
    return urls.with_query(localized("/articles", lang), query_params(changed))


def _articles_html(
    results: SearchResults, *, archive: Archive, session: Session, params: ArticleQuery, lang: Lang, **_: Any
) -> dict[str, Any]:
    here = localized("/articles", lang)

    def link(request: ArticleQuery, cursor: str | None = None) -> str:
        return urls.with_query(here, query_params(request, cursor))

    first = ArticleQuery(**{**params.__dict__, "cursor": None})
    facet_urls = {
        name: {value.value: _toggle(params, name, value.value, lang) for value in values}
        for name, values in results.facets.items()
    }
    # Relevance needs words to rank by: without a query it would be the date order under
    # another name.
    sorts = ("relevance", "newest", "oldest") if params.q.strip() else ("newest", "oldest")
    sort_urls = {s: link(ArticleQuery(**{**first.__dict__, "sort": s})) for s in sorts}
    active = refine.active_filters(session, params, lang)
    if results.total == 0:
        active = refine.with_counts(archive, active)
    offset = decode_cursor(params.cursor)
    filter_titles = {name: translate(lang, title) for name, title in FILTER_TITLES.items()}
    # A value given as a name, said as what it names in the reader's language.
    shown = {(item.name, item.value): item.label for item in active}
    resolved_notes = [
        (filter_titles.get(r.parameter, r.parameter), r.given, shown.get((r.parameter, r.value), r.label))
        for r in results.resolved
    ]
    return {
        "q": params.q,
        "params": params,
        "facet_titles": {name: facet_title(lang, name) for name in results.facets},
        "filter_titles": filter_titles,
        "resolved_notes": resolved_notes,
        "facet_urls": facet_urls,
        "active_filters": [(item, link(item.without)) for item in active],
        "clear_url": link(refine.clear_filters(params)),
        "next_url": link(params, results.next) if results.next else None,
        "previous_url": link(params, results.previous) if results.previous else None,
        "first_url": link(first) if offset > params.limit else None,
        "shown_from": offset + 1 if results.items else 0,
        "shown_to": offset + len(results.items),
        "sort_urls": sort_urls,
        "feed_url": urls.with_query(localized("/feeds/articles.atom", lang), query_params(first)),
        "csv_url": urls.with_query(localized("/export/articles.csv", lang), query_params(first)),
        "jsonl_url": urls.with_query(localized("/export/articles.jsonl", lang), query_params(first)),
    }


def _link_header(
    request: Request, response: Response, next_path: str | None, previous_path: str | None
) -> None:
    """Name the next and previous pages in a Link header (RFC 8288) with absolute URLs made
    from ARCHIVE_PUBLIC_URL, never from the request's Host (the answer is cached and handed
    to every later client)."""
    base = request.app.state.settings.public_url.rstrip("/")
    links = [
        f'<{base}{path}>; rel="{rel}"' for rel, path in (("next", next_path), ("prev", previous_path)) if path
    ]
    if links:
        response.headers["Link"] = ", ".join(links)


def _page_links(
    results: SearchResults, *, request: Request, response: Response, params: ArticleQuery, **_: Any
) -> SearchResults:
    """Turn the cursors into URLs of this list, also in a Link header."""
    path = request.scope["path"]
    if results.next:
        results.next = urls.with_query(path, query_params(params, cursor=results.next))
    if results.previous:
        results.previous = urls.with_query(path, query_params(params, cursor=results.previous))
    _link_header(request, response, results.next, results.previous)
    return results


@page(
    "/articles",
    name="articles",
    template="articles.html",
    model=SearchResults,
    summary="Articles, filtered and searched, with facets",
    responses=(400,),
    html_extra=_articles_html,
    as_json=_page_links,
    api_aliases=(("/search", "Full-text search (same as /api/articles?q=)"),),
    # A search holds the GIL for all but its SQLite reads, so a request thread let other
    # requests of the worker run only in the gaps; what it cost was the hand-offs: about
    # five context switches a request (to the thread and back for the view, again for the
    # answer's validation), and with 10 clients the workers spent more time waking threads
    # than the threads saved. A search is bounded by the engine's time limit (5 s; p99 is
    # tens of ms). The HTML page stays in a thread: its template takes longer.
    api_on_loop=True,
)
def article_list(
    request: Request,
    response: Response,
    archive: ArchiveDep,
    session: SessionDep,
    params: ArticleQueryDep,
    lang: LangDep,
) -> SearchResults:
    return shared.search_page(archive, session, params, lang)


@page(
    urls.ARTICLE,
    name="article",
    template="article.html",
    model=ArticleOut,
    summary="One article",
    responses=(404, 400),
)
def article(
    request: Request,
    article_id: str,
    archive: ArchiveDep,
    session: SessionDep,
    lang: LangDep,
    part: PartDep = 1,
) -> ArticleOut:
    return shared.article_data(archive, session, article_id, part, lang)


@page(
    urls.ARTICLE + "/source",
    name="article_source",
    template="source.html",
    model=ArticleSource,
    summary="The raw file, removed lines marked",
    responses=(404, 400),
)
def article_source(request: Request, article_id: str, session: SessionDep, lang: LangDep) -> ArticleSource:
    return articles.get_source(session, article_id)


def _leaders_html(
    rows: Page[LeaderSummary], *, session: Session, affiliation: str | None, sort: str, lang: Lang, **_: Any
) -> dict[str, Any]:
    affiliations = sorted(
        {
            (r.affiliation, r.affiliation_name)
            for r in leaders.list_leaders(session, lang=lang)
            if r.affiliation
        },
        key=lambda pair: ((pair[1] or "").casefold(), pair[0]),
    )
    return {"affiliation": affiliation, "sort": sort, "affiliations": affiliations}


@page(
    "/leaders",
    name="leaders",
    template="leaders.html",
    model=Page[LeaderSummary],
    summary="Leaders mentioned in the archive",
    responses=(400,),
    html_extra=_leaders_html,
)
def leader_list(
    request: Request,
    session: SessionDep,
    lang: LangDep,
    affiliation: Annotated[
        str | None,
        Query(max_length=100, description="Country or organisation: its code, or its name in any language"),
    ] = None,
    sort: Annotated[Literal["mentions", "name"], Query()] = "mentions",
) -> Page[LeaderSummary]:
    return Page.whole(
        leaders.list_leaders(
            session, resolve_affiliation(affiliation) if affiliation else None, sort, lang=lang
        )
    )


@page(
    urls.LEADER,
    name="leader",
    template="leader.html",
    model=LeaderOut,
    summary="One leader",
    responses=(404, 400),
    html_extra=lambda _page, *, order, **_: {"order": order},
)
def leader(
    request: Request,
    slug: str,
    archive: ArchiveDep,
    session: SessionDep,
    lang: LangDep,
    order: Annotated[Literal["central", "date"], Query()] = "central",
) -> LeaderOut:
    return shared.leader_data(archive, session, slug, order, lang)


def affiliation_pages(
    kind: Kind[Any, Summary, PageOut], *, index: str, path: str, index_summary: str, summary: str
) -> None:
    """The index (`/countries`) and the page (`/countries/{code}`) of one kind of affiliation:
    countries and organisations are the same two views, parameterised by kind. Templates
    are named after the index and the kind (`countries.html`, `country.html`)."""
    name = index.removeprefix("/")

    @page(
        index,
        name=name,
        template=f"{name}.html",
        model=Page[kind.summary],  # type: ignore[name-defined]
        summary=index_summary,
    )
    def index_view(request: Request, session: SessionDep, lang: LangDep) -> Page[Summary]:
        return Page.whole(affiliations.list_affiliations(session, kind, lang=lang))

    @page(
        path,
        name=kind.name,
        template=f"{kind.name}.html",
        model=kind.page,
        summary=summary,
        responses=(404, 400),
    )
    def page_view(
        request: Request, code: str, archive: ArchiveDep, session: SessionDep, lang: LangDep
    ) -> PageOut:
        return shared.affiliation_data(archive, session, kind, code, lang)


affiliation_pages(
    affiliations.COUNTRY,
    index="/countries",
    path=urls.COUNTRY,
    index_summary="Countries mentioned in the archive",
    summary="One country (ISO 3166-1 alpha-2)",
)
affiliation_pages(
    affiliations.ORGANISATION,
    index="/organisations",
    path=urls.ORGANISATION,
    index_summary="Organisations mentioned",
    summary="One organisation",
)


def _events_html(results: EventList, *, query: EventQuery, lang: Lang, **_: Any) -> dict[str, Any]:
    """Links of the list page: facet toggles, removable filters and the pages."""
    here = localized(urls.EVENTS, lang)

    def link(changed: EventQuery, page: int | None = None) -> str:
        return urls.with_query(here, changed.params(page))

    def toggle(name: str, value: str) -> str:
        if name == "year":
            same = query.date_from == dt.date(int(value), 1, 1) and query.date_to == dt.date(
                int(value), 12, 31
            )
            dates = (None, None) if same else (dt.date(int(value), 1, 1), dt.date(int(value), 12, 31))
            return link(query.changed(date_from=dates[0], date_to=dates[1]))
        current: list[str] = getattr(query, name)
        values = [v for v in current if v != value] if value in current else [*current, value]
        return link(query.changed(**{name: values}))

    labels = {(name, v.value): v.label for name, values in results.facets.items() for v in values}
    active = [
        (name, value, labels.get((name, value), value), toggle(name, value))
        for name in ("kind", "leader", "country")
        for value in getattr(query, name)
    ]
    for name in ("date_from", "date_to"):
        value = getattr(query, name)
        if value:
            active.append((name, value.isoformat(), value.isoformat(), link(query.changed(**{name: None}))))
    return {
        "query": query,
        "facet_titles": {name: translate(lang, EVENT_FACET_TITLES[name]) for name in EVENT_FACET_TITLES},
        "facet_urls": {
            name: {v.value: toggle(name, v.value) for v in values} for name, values in results.facets.items()
        },
        "active_filters": active,
        "clear_url": here,
        "next_url": link(query, int(results.next)) if results.next else None,
        "previous_url": link(query, int(results.previous)) if results.previous else None,
        "shown_from": (query.page - 1) * query.limit + 1 if results.items else 0,
        "shown_to": (query.page - 1) * query.limit + len(results.items),
        "feed_url": urls.with_query(localized("/feeds/events.atom", lang), query.changed().params()),
        "csv_url": urls.with_query(localized("/export/events.csv", lang), query.changed().params()),
        "jsonl_url": urls.with_query(localized("/export/events.jsonl", lang), query.changed().params()),
    }


def _event_links(
    results: EventList, *, request: Request, response: Response, query: EventQuery, **_: Any
) -> EventList:
    """Page numbers made URLs of this list, also in a Link header (as /articles does)."""
    path = request.scope["path"]
    if results.next:
        results = results.model_copy(update={"next": urls.with_query(path, query.params(int(results.next)))})
    if results.previous:
        results = results.model_copy(
            update={"previous": urls.with_query(path, query.params(int(results.previous)))}
        )
    _link_header(request, response, results.next, results.previous)
    return results


@page(
    urls.EVENTS,
    name="events",
    template="events.html",
    model=EventList,
    summary="Events (calls, meetings, visits) made from the reports of them, filtered, with facets",
    responses=(400,),
    html_extra=_events_html,
    as_json=_event_links,
)
def event_list(
    request: Request,
    response: Response,
    archive: ArchiveDep,
    session: SessionDep,
    query: EventQueryDep,
    lang: LangDep,
) -> EventList:
    return shared.events_page(archive, session, query, lang)


@page(
    urls.EVENT,
    name="event",
    template="event.html",
    model=EventOut,
    summary="One event: its date and how it is known, its participants, every report and why it was linked",
    responses=(404, 400),
)
def event(
    request: Request, event_id: str, archive: ArchiveDep, session: SessionDep, lang: LangDep
) -> EventOut:
    return shared.event_data(archive, session, event_id, lang)
