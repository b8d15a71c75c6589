"""An empty parameter is a parameter not given.

HTML forms send every field, filled or not: the search page's date form with only "From"
filled sends `date_to=`, a select left on its first option sends `sort=`. Read as values
those are malformed dates and sorts; read as what the reader meant they are "not set". So
`name=` (or `name=` followed by spaces only, or a bare `name`) is dropped from the query
string before any route, cache or ETag sees it, on every page and API route alike:
`?q=Токаев&date_to=` is the same request, and the same answer, as `?q=Токаев`.
"""

from urllib.parse import unquote_plus

from starlette.types import ASGIApp, Receive, Scope, Send


def without_blanks(query_string: bytes) -> bytes:
    """The query string minus its blank parameters; the others kept byte for byte."""
    if not query_string:
        return query_string
    kept = []
    for pair in query_string.split(b"&"):
        _, separator, value = pair.partition(b"=")
        if separator and unquote_plus(value.decode("latin-1")).strip():
            kept.append(pair)
    return b"&".join(kept)


class BlankParameters:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            query = without_blanks(scope["query_string"])
            if query != scope["query_string"]:
                scope = {**scope, "query_string": query}
        await self.app(scope, receive, send)
