"""The Host check: answers must not depend on a Host nobody checked."""

import re

from starlette.datastructures import Headers
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from app.errors import error_response

HOST = re.compile(r"(?:\[(?P<ipv6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9_.-]+))(?::[0-9]{1,5})?")
UNKNOWN_HOST = "This site does not answer to that Host header; ask for it by the name it is published under."


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


class TrustedHost:
    """A forged Host reached page links and the feed, and through the whole-answer cache
    every later visitor. Refused before the cache is asked; /healthz holds no link and
    answers probes by address."""

    def __init__(self, app: ASGIApp, patterns: tuple[str, ...]) -> None:
        self.app = app
        self.patterns = patterns

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["path"] == "/healthz"
            or host_allowed(Headers(scope=scope).get("host", ""), self.patterns)
        ):
            await self.app(scope, receive, send)
            return
        response = error_response(Request(scope), 400, UNKNOWN_HOST)
        response.headers["Cache-Control"] = "no-store"
        await response(scope, receive, send)
