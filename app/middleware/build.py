"""Build pinning: each request is answered from the one build found when it arrived."""

import logging

from fastapi.responses import JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import error_response

BUILD_HEADER = "X-Archive-Build"
UNREADABLE = "The served archive cannot be read; run `archive load` to publish a fresh build."
logger = logging.getLogger("app.middleware")


class BuildPinning:
    """Finds the served build once per request and keeps it in the request's state: the
    handler serves the build the ETag names, even if a load swaps it meanwhile. Names the
    build in X-Archive-Build, so a client can tell an old archive's answer from a new one's.
    A build that cannot be opened is a 503 (static files need none: the error page keeps
    its style sheet)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        try:
            archive = scope["app"].state.registry.get()
        except Exception:
            # A corrupt or half-deleted build: say so plainly, without its paths.
            logger.exception("the served build cannot be opened")
            if scope["path"] == "/healthz":
                response = JSONResponse({"status": "unavailable", "detail": UNREADABLE}, status_code=503)
                await response(scope, receive, send)
                return
            if not scope["path"].startswith("/static/"):
                await error_response(Request(scope), 503, UNREADABLE)(scope, receive, send)
                return
            archive = None
        scope.setdefault("state", {})["archive"] = archive
        if archive is None:
            await self.app(scope, receive, send)
            return

        answered = getattr(scope["app"].state, "answered", None)

        async def named(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[BUILD_HEADER] = archive.build_id
            await send(message)
            if answered is not None and message["type"] == "http.response.body" and not answered.is_set():
                answered.set()  # the worker's first answer: the warm-up goes on (app.main)

        await self.app(scope, receive, named)
