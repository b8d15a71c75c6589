"""Request dependencies: the served archive and a read-only session on it."""

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request
from sqlmodel import Session

from app.build.archive import Archive, ArchiveRegistry


def get_archive(request: Request) -> Archive:
    registry: ArchiveRegistry = request.app.state.registry
    archive = getattr(request.state, "archive", None) or registry.get()
    if archive is None:
        raise HTTPException(status_code=503, detail=registry.problem)
    return archive


ArchiveDep = Annotated[Archive, Depends(get_archive)]


def get_session(archive: ArchiveDep) -> Iterator[Session]:
    with Session(archive.engine) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]
