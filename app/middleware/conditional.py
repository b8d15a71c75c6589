"""Conditional requests: an ETag per (build, URL), a 304 when the client has it."""

import hashlib

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__

CACHE_SECONDS = 300
UNCACHED = ("/healthz",)


def etag_for(scope: Scope) -> str | None:
    """An archive build never changes, so (build, URL) names a response exactly: the ETag
    is known before the response is made, and a match costs nothing."""
    archive = scope.get("state", {}).get("archive")
    path = scope["path"]  # not request.url, which is rebuilt from the Host header
    if scope["method"] not in ("GET", "HEAD") or path in UNCACHED or archive is None:
        return None
    query = scope["query_string"].decode("latin-1")
    # A page's language is in its path; an API answer's may come from Accept-Language.
    lang = scope.get("state", {}).get("lang", "")
    key = f"{__version__}|{archive.build_id}|{lang}|{path}?{query}"
    return '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'


class ConditionalRequests:
    """ETag and a public Cache-Control on each 200 of the pinned build, a 304 when
    If-None-Match names it, no-store on everything else. The ETag is left in the request's
    state for the whole-answer cache inside."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        etag = etag_for(scope)
        scope.setdefault("state", {})["etag"] = etag
        if etag is not None and etag in Headers(scope=scope).get("if-none-match", ""):
            await Response(status_code=304, headers={"ETag": etag})(scope, receive, send)
            return

        async def with_validators(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if etag and message["status"] == 200:
                    headers["ETag"] = etag
                    headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
                else:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        await self.app(scope, receive, with_validators)
