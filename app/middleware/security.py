"""Security headers on every answer, and the last-resort 500 in the one error shape."""

import logging

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.errors import error_response
from app.security_headers import SECURITY_HEADERS

CRASHED = "Something went wrong on our side."
logger = logging.getLogger("app.middleware")


class SecurityHeaders:
    """Outermost, so nothing leaves without these headers, a crash included: Starlette's
    own last-resort handler would answer outside every middleware, without them."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                MutableHeaders(scope=message).update(SECURITY_HEADERS)
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception:
            if started:  # too late for another answer: the server closes the connection
                raise
            logger.exception("unhandled error on %s %s", scope["method"], scope["path"])
            response = error_response(Request(scope), 500, CRASHED)
            response.headers["Cache-Control"] = "no-store"
            await response(scope, receive, with_headers)
