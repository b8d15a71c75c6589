"""Request dependencies: the served archive, a read-only session on it, the reader's language.

They run on the event loop (async), not in a request thread: each sync dependency cost a
hop to the thread pool and back (a search request made six), and waking a pool thread was
a sixth of a worker's time holding the GIL with 4 clients. What may block (opening a build
the middleware did not find) still goes to a thread.
"""

from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from app.build.archive import Archive, ArchiveRegistry
from app.i18n import Lang
from app.i18n.paths import request_language


async def get_archive(request: Request) -> Archive:
    registry: ArchiveRegistry = request.app.state.registry
    archive: Archive | None = getattr(request.state, "archive", None)
    if archive is None:
        archive = await run_in_threadpool(registry.get)
    if archive is None:
        raise HTTPException(status_code=503, detail=registry.problem)
    return archive


ArchiveDep = Annotated[Archive, Depends(get_archive)]


async def get_session(archive: ArchiveDep) -> AsyncIterator[Session]:
    """A session connects on first use (in the request's thread) and closing it closes a
    SQLite connection: microseconds, fine on the event loop."""
    with Session(archive.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


async def interface_language(
    request: Request,
    locale: Annotated[
        Lang | None,
        Query(
            description="Language of display names, role titles and date labels: kk, ru or en "
            "(codes, ids and article text are the same in all three). Default: the best match "
            "for the Accept-Language header, else the site's default language."
        ),
    ] = None,
) -> Lang:
    """The reader's language. Pages take it from their path prefix, the API from `locale`
    or Accept-Language; app.middleware.language decided it (the ETag names it), the
    parameter is declared here so that the API documents and validates it."""
    return request_language(request.scope, request.app.state.settings.default_language)


LangDep = Annotated[Lang, Depends(interface_language)]
