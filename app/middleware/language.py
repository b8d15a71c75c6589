"""The interface language of each request, from its path prefix (`/kk/…`, `/ru/…`,
`/en/…`), as the official sites do; an HTML address without one is redirected to the
reader's best language.

A prefixed request keeps its whole path (ETags and cached answers differ per language)
and has the prefix as its `root_path`, the ASGI mount point, so the routes match it as if
it were not there. The JSON API, the docs, static files and the health check have no
prefix: the API takes `?locale=` or Accept-Language for its display names and dates.
"""

from urllib.parse import parse_qsl, quote

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.i18n import Lang, is_language, negotiate
from app.i18n.paths import split_prefix, unprefixed

API_LANGUAGE_PARAM = "locale"


def api_language(scope: Scope, default: Lang) -> Lang:
    """`?locale=kk|ru|en` if given and valid (the route refuses an invalid one with a
    422), else the best for Accept-Language."""
    query = scope["query_string"].decode("latin-1")
    asked = [v for k, v in parse_qsl(query) if k == API_LANGUAGE_PARAM]
    if asked and is_language(asked[-1]):
        return asked[-1]
    return negotiate(Headers(scope=scope).get("accept-language"), default)


class LanguagePrefix:
    """Decides each request's language (the request's state `lang`): a prefixed page is
    served under its prefix, an API answer says it varies by Accept-Language, any other
    address is redirected (302) under the reader's best prefix, its path and query kept."""

    def __init__(self, app: ASGIApp, default: Lang) -> None:
        self.app = app
        self.default = default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope["path"]
        lang, rest = split_prefix(path)
        state = scope.setdefault("state", {})
        if lang is not None:
            if rest == "":  # /kk is the home page at /kk/
                await RedirectResponse(self._location(scope, f"/{lang}/"), status_code=301)(
                    scope, receive, send
                )
                return
            state["lang"] = lang
            scope["root_path"] = scope.get("root_path", "") + f"/{lang}"
            await self.app(scope, receive, send)
            return
        if unprefixed(path):
            state["lang"] = api_language(scope, self.default)
            await self.app(scope, receive, self._varying(send))
            return
        best = negotiate(Headers(scope=scope).get("accept-language"), self.default)
        redirect = RedirectResponse(
            self._location(scope, f"/{best}{self._raw_path(scope)}"),
            status_code=302,
            headers={"Vary": "Accept-Language", "Cache-Control": "no-store"},
        )
        await redirect(scope, receive, send)

    @staticmethod
    def _raw_path(scope: Scope) -> str:
        raw = scope.get("raw_path")
        return raw.decode("latin-1") if raw else quote(scope["path"])

    @staticmethod
    def _location(scope: Scope, path: str) -> str:
        query = scope["query_string"].decode("latin-1")
        return path + (f"?{query}" if query else "")

    @staticmethod
    def _varying(send: Send) -> Send:
        """An API answer depends on Accept-Language unless ?locale= says otherwise."""

        async def with_vary(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                vary = headers.get("vary")
                headers["Vary"] = f"{vary}, Accept-Language" if vary else "Accept-Language"
            await send(message)

        return with_vary
