"""Response headers every page and API answer carries (caching, ETag, security), HEAD as
GET, the Host check, and the two failures no route can answer for itself: a served build
that cannot be opened (503) and an unexpected exception (500), both in the one error shape
and with the same headers."""

import hashlib
import logging
import re

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app import __version__
from app.errors import error_response

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
HOST = re.compile(r"(?:\[(?P<ipv6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9_.-]+))(?::[0-9]{1,5})?")
CACHE_SECONDS = 300
UNCACHED = ("/healthz",)
# Answers kept whole in memory per build: not exports (any size), static files (served
# from disk already) or the API docs.
UNCACHED_PREFIXES = ("/export/", "/static/", "/docs", "/openapi.json", "/healthz")
MAX_CACHED_BYTES = 512 * 1024
BUILD_HEADER = "X-Archive-Build"
UNKNOWN_HOST = "This site does not answer to that Host header; ask for it by the name it is published under."
UNREADABLE = "The served archive cannot be read; run `archive load` to publish a fresh build."
CRASHED = "Something went wrong on our side."
logger = logging.getLogger(__name__)


class HeadAsGet:
    """HEAD is GET without the body (RFC 9110): monitors, proxies and `curl -I` use it, and
    FastAPI's GET routes alone answer it with 405.

    The routes get a copy of the scope that says GET; the server keeps its own, which still
    says HEAD, so it sends the GET's headers (Content-Length included) and expects no body.
    Rewriting the server's scope in place made uvicorn wait for the body it announced
    ("Response content shorter than Content-Length") and drop the connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        async def without_body(message: Message) -> None:
            if message["type"] == "http.response.body":
                if message.get("more_body", False):
                    return
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, without_body)


def host_patterns(setting: str) -> tuple[str, ...]:
    """ARCHIVE_ALLOWED_HOSTS as lower-case names, IPv6 literals without their brackets."""
    return tuple(name.strip().lower().strip("[]") for name in setting.split(",") if name.strip())


def host_allowed(header: str, patterns: tuple[str, ...]) -> bool:
    """Starlette's TrustedHostMiddleware rule: the Host without its port equals a name, or
    ends in `.example.org` for `*.example.org`; `*` lets any through. Anything but a name
    or an IP literal and a numeric port is refused: "localhost:80/api/home?" would make
    request.url, which is built from Host, name another path."""
    if "*" in patterns:
        return True
    match = HOST.fullmatch(header.strip().lower())
    if match is None:
        return False
    host = match["ipv6"] or match["name"]
    return any(host == p or (p.startswith("*.") and host.endswith(p[1:])) for p in patterns)


def install_middleware(app: FastAPI) -> None:
    # Starlette runs the middleware added last first: security headers wrap CORS, which
    # wraps the archive lookup, so a 304 still gets CORS headers and every answer gets ours.
    @app.middleware("http")
    async def archive_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        """An archive build never changes, so (build, URL) names a response exactly:
        the ETag is known before the response is made, and a match costs nothing."""
        try:
            archive = request.app.state.registry.get()
        except Exception:
            # A corrupt or half-deleted build: say so plainly, without its paths. Static
            # files need no archive, so the error page keeps its style sheet.
            logger.exception("the served build cannot be opened")
            if request.scope["path"] == "/healthz":
                return JSONResponse({"status": "unavailable", "detail": UNREADABLE}, status_code=503)
            if not request.scope["path"].startswith("/static/"):
                return error_response(request, 503, UNREADABLE)
            archive = None
        # The handler serves the build the ETag names, even if a load swaps it meanwhile.
        request.state.archive = archive
        etag = None
        path = request.scope["path"]  # not request.url, which is rebuilt from the Host header
        if request.method in ("GET", "HEAD") and path not in UNCACHED and archive is not None:
            query = request.scope["query_string"].decode("latin-1")
            key = f"{__version__}|{archive.build_id}|{path}?{query}"
            etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
            if etag in request.headers.get("if-none-match", ""):
                return Response(status_code=304, headers={"ETag": etag, BUILD_HEADER: archive.build_id})
        cacheable = (
            etag is not None
            and request.app.state.settings.response_cache > 0
            and not request.scope["path"].startswith(UNCACHED_PREFIXES)
        )
        if cacheable:
            stored = archive.responses.get(etag)
            if stored is not None:
                body, status, headers = stored
                return Response(content=body, status_code=status, headers=headers)
        response: Response = await call_next(request)
        if archive is not None:
            # Which build answered, so a client can tell an old archive's answer from a new one's.
            response.headers[BUILD_HEADER] = archive.build_id
        if etag and response.status_code == 200:
            response.headers["ETag"] = etag
            response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        else:
            response.headers.setdefault("Cache-Control", "no-store")
        if cacheable and response.status_code == 200:
            # The same (build, URL) always gets these bytes: keep them for the next asker.
            body = b"".join([chunk async for chunk in response.body_iterator])  # type: ignore[attr-defined]
            headers = dict(response.headers)
            if len(body) <= MAX_CACHED_BYTES:
                archive.responses.put(etag, (body, response.status_code, headers))
            return Response(content=body, status_code=response.status_code, headers=headers)
        return response

    app.add_middleware(HeadAsGet)
    app.add_middleware(
        CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD"], allow_headers=["*"]
    )

    patterns = host_patterns(app.state.settings.allowed_hosts)

    @app.middleware("http")
    async def trusted_host(request: Request, call_next):  # type: ignore[no-untyped-def]
        """Answers must not depend on a Host nobody checked: a forged one reached page links
        and the feed, and through the whole-answer cache every later visitor. Refused
        before the cache is asked; /healthz holds no link and answers probes by address."""
        if request.scope["path"] == "/healthz" or host_allowed(request.headers.get("host", ""), patterns):
            return await call_next(request)
        response = error_response(request, 400, UNKNOWN_HOST)
        response.headers["Cache-Control"] = "no-store"
        return response

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        """Outermost, so nothing leaves without these headers, a crash included: Starlette's
        own last-resort handler would answer outside every middleware, without them."""
        try:
            response: Response = await call_next(request)
        except Exception:
            logger.exception("unhandled error on %s %s", request.method, request.scope["path"])
            response = error_response(request, 500, CRASHED)
            response.headers["Cache-Control"] = "no-store"
        response.headers.update(SECURITY_HEADERS)
        return response
