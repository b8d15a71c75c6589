"""Query parameters shared by the HTML and JSON article views, feeds and exports, validated
once; filter values given as names are read as keys here too (app.queries.filters), so a
name that matches nothing is refused the same way everywhere."""

import datetime as dt
import re
from typing import Annotated, Literal

from fastapi import Depends, Query
from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError
from starlette.concurrency import run_in_threadpool

from app.deps import ArchiveDep
from app.queries.events import KINDS, EventQuery
from app.queries.filters import resolve_affiliation, resolve_filters, vocabularies_made
from app.queries.search import DATES_REVERSED
from app.schemas import ResolvedFilter
from app.search.engine import ArticleQuery, BadRequest

MAX_QUERY_CHARS = 500
MAX_LIMIT = 100
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    """Pydantic would also read a number as a Unix time (`date_to=2.5` is 1970-01-01):
    the API documents YYYY-MM-DD, so nothing else is a date. (An empty value never gets
    here: app.middleware.blanks drops it.)"""
    if isinstance(value, str) and not ISO_DATE.fullmatch(value):
        raise PydanticCustomError("date_format", "Input should be a date as YYYY-MM-DD")
    return value


IsoDate = Annotated[dt.date, BeforeValidator(_iso_date)]
# A 5 MB article is about a hundred parts of 50,000 characters.
PartDep = Annotated[int, Query(ge=1, le=1000, description="Part of a long article's body, from 1")]


async def article_query(
    q: Annotated[
        str, Query(max_length=MAX_QUERY_CHARS, description='Words, "a phrase"; all must match')
    ] = "",
    lang: Annotated[
        list[str], Query(description="Language: ru, kk, en, or its name (Russian, қазақша); any of")
    ] = [],  # noqa: B006
    outlet: Annotated[list[str], Query(description="Outlet name, any case (any of)")] = [],  # noqa: B006
    leader: Annotated[
        list[str], Query(description="Leader slug, or a name in any language (Tokayev, Ривлин); all of")
    ] = [],  # noqa: B006
    country: Annotated[
        list[str], Query(description="ISO 3166-1 alpha-2, or a name (Israel, Қытай); all of")
    ] = [],  # noqa: B006
    organisation: Annotated[
        list[str], Query(description="Organisation code, or a name (ООН, ШОС); all of")
    ] = [],  # noqa: B006
    event: Annotated[
        list[str],
        Query(
            description="Event type (phone_call, meeting, visit, invitation, message, congratulation) "
            "or a word for it (call, встреча); all of"
        ),
    ] = [],  # noqa: B006
    date_from: Annotated[IsoDate | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    date_to: Annotated[IsoDate | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    sort: Annotated[
        Literal["relevance", "newest", "oldest"] | None,
        Query(description="Default: relevance with a query, else newest"),
    ] = None,
    cursor: Annotated[str | None, Query(max_length=200, description="From a previous page's `next`")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Articles per page")] = 20,
) -> ArticleQuery:
    # Checked here, not only by the search, so feeds and exports refuse it the same way.
    if date_from and date_to and date_from > date_to:
        raise BadRequest(DATES_REVERSED, parameters=(("date_from", None), ("date_to", None)))
    return ArticleQuery(
        q=q,
        filters={
            "lang": lang,
            "outlet": outlet,
            "leader": leader,
            "country": country,
            "organisation": organisation,
            "event": event,
        },
        date_from=date_from,
        date_to=date_to,
        sort=sort or "",
        cursor=cursor,
        limit=limit,
    )


async def resolved_query(
    archive: ArchiveDep, params: Annotated[ArticleQuery, Depends(article_query)]
) -> ArticleQuery:
    """The request with filter values read as keys: `country=il` as IL, `leader=Tokayev`
    as kassym-jomart-tokayev (app.queries.filters). On the event loop when there are none,
    or when the vocabularies they need are made (app.deps says why); a vocabulary is made on
    its first use, which takes a thread."""
    named = [name for name, values in params.filters.items() if values]
    if vocabularies_made(archive.columns, named):
        return resolve_filters(archive.columns, params)
    return await run_in_threadpool(resolve_filters, archive.columns, params)


ArticleQueryDep = Annotated[ArticleQuery, Depends(resolved_query)]


def query_params(request: ArticleQuery, cursor: str | None = None) -> list[tuple[str, str]]:
    """The request as URL parameters, to build next/previous links and facet toggles."""
    params: list[tuple[str, str]] = []
    if request.q:
        params.append(("q", request.q))
    for name, values in request.filters.items():
        params.extend((name, v) for v in values)
    if request.date_from:
        params.append(("date_from", request.date_from.isoformat()))
    if request.date_to:
        params.append(("date_to", request.date_to.isoformat()))
    if request.sort:
        params.append(("sort", request.sort))
    if request.limit != 20:
        params.append(("limit", str(request.limit)))
    if cursor:
        params.append(("cursor", cursor))
    return params


def event_query(
    archive: ArchiveDep,
    leader: Annotated[
        list[str], Query(description="A participant: leader slug, or a name in any language; all of")
    ] = [],  # noqa: B006
    country: Annotated[
        list[str],
        Query(description="A participant's country (ISO 3166-1 alpha-2) or organisation, or a name; all of"),
    ] = [],  # noqa: B006
    kind: Annotated[
        list[str],
        Query(
            description="phone_call, meeting, visit, invitation, message, congratulation or contact, "
            "or a word for it (call, встреча); any of"
        ),
    ] = [],  # noqa: B006
    date_from: Annotated[IsoDate | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    date_to: Annotated[IsoDate | None, Query(description="YYYY-MM-DD, inclusive")] = None,
    page: Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1")] = 1,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Events per page")] = 20,
) -> EventQuery:
    """The events list's filters, names read as keys the way /articles reads them (a leader
    or country that names nothing, or a kind that is none, is a 400 that says what exists)."""
    if date_from and date_to and date_from > date_to:
        raise BadRequest(DATES_REVERSED, parameters=(("date_from", None), ("date_to", None)))
    given = ArticleQuery(filters={"leader": leader, "event": [k for k in kind if k.lower() not in KINDS]})
    try:
        read = resolve_filters(archive.columns, given)
    except BadRequest as refused:
        if not any(name == "event" for name, _ in refused.parameters):
            raise
        bad = refused.parameters[0][1]
        raise BadRequest(
            f"No kind of event is called {bad!r}; give one of the kinds below, or remove it.",
            parameters=(("kind", bad),),
            details=("kind: one of " + ", ".join(KINDS),),
        ) from refused
    # A participant's affiliation is a country or an organisation (the UN's Secretary-General).
    codes = [resolve_affiliation(value) for value in country]
    named = [
        ResolvedFilter(parameter="country", given=value, value=code, label=code)
        for value, code in zip(country, codes, strict=True)
        if value.strip().upper() != code
    ]
    known = [k.lower() for k in kind if k.lower() in KINDS]
    return EventQuery(
        leader=read.filters["leader"],
        country=list(dict.fromkeys(codes)),
        kind=list(dict.fromkeys([*known, *read.filters["event"]])),
        date_from=date_from,
        date_to=date_to,
        page=page,
        limit=limit,
        resolved=[
            *(
                r.model_copy(update={"parameter": "kind"}) if r.parameter == "event" else r
                for r in read.resolved
            ),
            *named,
        ],
    )


EventQueryDep = Annotated[EventQuery, Depends(event_query)]
