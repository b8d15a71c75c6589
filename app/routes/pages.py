"""HTML pages. For now: the home page listing the archive, with a search box."""

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from app.deps import ArchiveDep, SessionDep
from app.queries.articles import articles_by_ids, list_articles
from app.queries.search import search_ids

router = APIRouter()


@router.get("/", response_class=HTMLResponse)
def home(
    request: Request,
    archive: ArchiveDep,
    session: SessionDep,
    q: Annotated[str, Query(max_length=500, description='Search words or "a phrase"')] = "",
) -> HTMLResponse:
    if q.strip():
        ids, total = search_ids(archive.index, q, limit=100)
        items = articles_by_ids(session, ids)
    else:
        page = list_articles(session, limit=100)
        items, total = page.items, page.total
    return request.app.state.templates.TemplateResponse(
        request,
        "home.html",
        {"items": items, "total": total, "q": q, "build_id": archive.build_id},
    )
