"""/api/search answers on the worker's event loop, without a hand-off to a request thread:
searches with and without filters (once the filters' vocabularies are made), under both of
its paths, while the HTML page still runs in a thread; and the answers are the same ones."""

import asyncio
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.build.archive import Archive
from app.build.columns import Columns, load_columns
from app.config import Settings
from app.i18n import Lang
from app.loader.pipeline import LoadReport
from app.main import create_app
from app.queries import filters
from app.routes import shared
from app.search.engine import ArticleQuery
from tests.conftest import warmed_up

SEARCHES = [
    {"q": "Токаев"},
    {"q": "Израиль", "lang": "ru"},
    {"q": '"министром иностранных"', "leader": "Tokayev"},
    {"lang": "ru", "country": "Israel"},
    {"q": "токаев*", "event": "meeting", "limit": "3"},
]


@pytest.fixture
def on_loop(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[bool]]:
    """Whether each search page was made on a thread running the event loop."""
    seen: list[bool] = []
    real = shared.search_page

    def recording(archive: Archive, session: Any, params: ArticleQuery, lang: Lang) -> Any:
        try:
            asyncio.get_running_loop()
            seen.append(True)
        except RuntimeError:
            seen.append(False)
        return real(archive, session, params, lang)

    monkeypatch.setattr(shared, "search_page", recording)
    yield seen


@pytest.fixture
def threads_started(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What the filters' dependency handed to a thread."""
    handed: list[str] = []
    from starlette.concurrency import run_in_threadpool as real

    from app.routes import params

    async def recording(function: Any, *args: Any) -> Any:
        handed.append(function.__name__)
        return await real(function, *args)

    monkeypatch.setattr(params, "run_in_threadpool", recording)
    yield handed


def test_api_search_runs_on_the_event_loop(
    seed_archive: tuple[Settings, LoadReport], on_loop: list[bool], threads_started: list[str]
) -> None:
    with TestClient(create_app(seed_archive[0])) as client:
        warmed_up(client)
        on_loop.clear()
        for path in ("/api/search", "/api/articles"):
            for params in SEARCHES:
                response = client.get(path, params=params)
                assert response.status_code == 200, response.text
        assert on_loop and all(on_loop)
        # The first request naming each kind of filter made its vocabulary in a thread; none since.
        assert len(threads_started) <= len({name for p in SEARCHES for name in p} - {"q", "limit"})
        on_loop.clear()
        client.get("/en/articles", params={"q": "Токаев"})
        assert on_loop == [False]  # the HTML page: rendering its template takes a thread


def test_answers_on_the_loop_equal_the_html_page_s(seed_archive: tuple[Settings, LoadReport]) -> None:
    """The JSON twin made on the loop carries what the page made in a thread shows."""
    with TestClient(create_app(seed_archive[0])) as client:
        for params in SEARCHES:
            answer = client.get("/api/search", params=params).json()
            page = client.get("/en/articles", params=params)
            assert page.status_code == 200
            shown = page.context["page"]
            assert answer["total"] == shown.total
            assert [i["article"]["id"] for i in answer["items"]] == [h.article.id for h in shown.items]
            assert answer["facets"] == {
                name: [v.model_dump() for v in values] for name, values in shown.facets.items()
            }


def test_a_made_vocabulary_is_said_to_be_made(seed_archive: tuple[Settings, LoadReport]) -> None:
    with TestClient(create_app(seed_archive[0])) as client:
        archive = client.app.state.registry.get()  # type: ignore[attr-defined]
        client.get("/api/search", params={"leader": "Tokayev", "lang": "ru"})
        assert filters.vocabularies_made(archive.columns, ["leader", "lang", "q"])
        assert filters.vocabularies_made(archive.columns, [])
        # Another build's columns (here: the same files read again) have theirs to make.
        other = Columns(load_columns(archive.build))
        assert not filters.vocabularies_made(other, ["leader"])
        assert filters.vocabularies_made(other, ["q"])
