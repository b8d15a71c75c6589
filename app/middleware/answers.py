"""The whole-answer cache: a build's answers kept by ETag, in memory, per worker."""

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

# Answers kept whole in memory per build: not exports (any size), static files (served
# from disk already) or the API docs.
UNCACHED_PREFIXES = ("/export/", "/static/", "/docs", "/openapi.json", "/healthz")
MAX_CACHED_BYTES = 512 * 1024


class AnswerCache:
    """The same (build, URL) always gets the same bytes: a 200 is kept (up to
    MAX_CACHED_BYTES) in the build's `responses` cache under its ETag and replayed to the
    next asker without running the route. A cacheable answer is sent as one body."""

    def __init__(self, app: ASGIApp, enabled: bool = True) -> None:
        self.app = app
        self.enabled = enabled

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = scope.get("state", {})
        etag, archive = state.get("etag"), state.get("archive")
        if (
            not self.enabled
            or scope["type"] != "http"
            or etag is None
            or archive is None
            # Beneath a language prefix (/kk/export/…) as well as without one.
            or scope["path"].removeprefix(scope.get("root_path", "")).startswith(UNCACHED_PREFIXES)
        ):
            await self.app(scope, receive, send)
            return
        stored = archive.responses.get(etag)
        if stored is not None:
            body, status, headers = stored
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        start: Message | None = None
        chunks: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start" and message["status"] == 200:
                start = message
                return
            if start is None or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            headers = MutableHeaders(scope=start)
            headers["content-length"] = str(len(body))
            if len(body) <= MAX_CACHED_BYTES:
                archive.responses.put(etag, (body, 200, list(start["headers"])))
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})

        await self.app(scope, receive, keep)
