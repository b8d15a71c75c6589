"""Each middleware alone, around a bare route: one concern per class."""

from pathlib import Path
from types import SimpleNamespace

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient
from starlette.types import ASGIApp, Receive, Scope, Send

from app.build.archive import ResultCache
from app.middleware.answers import AnswerCache
from app.middleware.conditional import ConditionalRequests
from app.middleware.head import HeadAsGet
from app.middleware.hosts import TrustedHost

calls: list[str] = []


def hello(request: Request) -> PlainTextResponse:
    calls.append(request.method)
    return PlainTextResponse("hello")


class Pinned:
    """Stands in for BuildPinning: one build, named in the request's state."""

    def __init__(self, app: ASGIApp, archive: object) -> None:
        self.app, self.archive = app, archive

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        scope.setdefault("state", {})["archive"] = self.archive
        await self.app(scope, receive, send)


def client(*layers: tuple[type, dict]) -> TestClient:
    app = Starlette(routes=[Route("/", hello)])
    for layer, options in reversed(layers):
        app.add_middleware(layer, **options)
    return TestClient(app)


ARCHIVE = SimpleNamespace(build_id="b1", build=Path("b1"), responses=ResultCache(8))


def test_head_is_get_without_the_body() -> None:
    head = client((HeadAsGet, {})).head("/")
    assert head.status_code == 200 and head.content == b"" and head.headers["content-length"] == "5"


def test_a_known_etag_is_a_304_and_others_get_validators() -> None:
    web = client((Pinned, {"archive": ARCHIVE}), (ConditionalRequests, {}))
    first = web.get("/")
    assert first.headers["cache-control"] == "public, max-age=300"
    again = web.get("/", headers={"If-None-Match": first.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


def test_without_a_build_nothing_is_cached() -> None:
    response = client((ConditionalRequests, {})).get("/")
    assert "etag" not in response.headers and response.headers["cache-control"] == "no-store"


def test_a_cached_answer_is_replayed_without_the_route() -> None:
    calls.clear()
    web = client((Pinned, {"archive": ARCHIVE}), (ConditionalRequests, {}), (AnswerCache, {"enabled": True}))
    first, second = web.get("/"), web.get("/")
    assert calls == ["GET"]
    assert first.content == second.content == b"hello" and first.headers == second.headers


def test_an_unknown_host_is_refused_before_the_route() -> None:
    calls.clear()
    app = Starlette(routes=[Route("/", hello)])
    app.state.templates = None
    app.add_middleware(TrustedHost, patterns=("example.org",))
    web = TestClient(app, base_url="http://example.org")
    assert web.get("/").status_code == 200
    assert web.get("/api/x", headers={"Host": "evil.test"}).status_code == 400
    assert calls == ["GET"]
