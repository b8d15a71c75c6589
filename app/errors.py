"""One error shape for every 4xx/5xx: JSON under /api, an HTML page elsewhere.

Every bad parameter is a 400, malformed (`date_to=2020-13-01`, `limit=0`) or impossible
to act on (`date_from` after `date_to`, a cursor the archive never gave out, a filter value
that names nothing): a request's parameters are not request content, which is what 422
speaks of (RFC 9110 15.5.21), and a client needs one status to look for. `details` names
each parameter. The HTML page keeps the reader's query in the search box and links to the
same page without the parameters at fault.

An unexpected exception becomes a 500 in app.middleware, outside every route.
"""

from collections.abc import Iterable, Mapping
from http import HTTPStatus
from urllib.parse import parse_qsl

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app import urls
from app.i18n import LANGUAGES
from app.i18n.catalogs import N_, translate
from app.i18n.paths import request_language
from app.queries.articles import Moved, NotFound
from app.search.engine import BadRequest, SearchBusy

# An error page's heading and first sentence in the reader's language; the message the
# code gave (English, often naming the parameter or id) follows it as a detail.
TITLES = {
    400: N_("Request not possible"),
    404: N_("Page not found"),
    405: N_("Method not allowed"),
    500: N_("Server error"),
    503: N_("Temporarily unavailable"),
}
EXPLANATIONS = {
    400: N_("The archive cannot answer this request."),
    404: N_("There is no such page in the archive."),
    405: N_("The archive answers only GET and HEAD requests."),
    500: N_("Something went wrong on our side."),
    503: N_("The archive is unavailable for a moment; please try again shortly."),
}
# The heading of a 400 that names its parameters: it is about them, not the whole request.
PARAMETERS_TITLE = N_("Invalid parameters")
# What every refused parameter gets (one 400, app.errors's docstring), in every language.
INVALID_PARAMETERS = N_("Some parameters are not valid: change or remove them.")


def _wants_json(request: Request) -> bool:
    path = request.scope["path"]  # not request.url, which is rebuilt from the Host header
    return path.startswith("/api/") or path in ("/api", "/openapi.json")


BAD_PARAMETERS = 400
# A parameter at fault: its name, and the one value at fault (None: all of its values).
Fault = tuple[str, str | None]


def error_response(
    request: Request,
    status: int,
    message: str,
    details: list[str] | None = None,
    headers: Mapping[str, str] | None = None,
    faults: Iterable[Fault] = (),
    explanation: str | None = None,
) -> Response:
    """`explanation`: a catalog message (N_) that says what `message` says, for a message
    the code gives in English only; otherwise the status's own explanation is shown."""
    title = HTTPStatus(status).phrase
    at_fault = list(faults)
    body = {"error": {"status": status, "title": title, "message": message, "details": details or []}}
    if _wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    lang = request_language(request.scope, request.app.state.settings.default_language)
    shown_title, shown_message, shown_details = title, message, details or []
    if lang != "en" and lang in LANGUAGES:
        named = status == BAD_PARAMETERS and bool(at_fault or explanation)
        heading = PARAMETERS_TITLE if named else TITLES.get(status, title)
        shown_title = translate(lang, heading)
        said = explanation or EXPLANATIONS.get(status, message)
        shown_message = translate(lang, said)
        if said != message and shown_message != message:
            # The code's own message (English, naming the parameter or id) as a detail.
            shown_details = [message, *shown_details]
    context = {
        "status": status,
        "title": shown_title,
        "message": shown_message,
        "details": shown_details,
        "q": _query(request).get("q", ""),
        **_without(request, at_fault),
    }
    # app.routes.templating.LocalizedTemplates: the page in the request's language.
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request, "error.html", context, status_code=status, headers=headers
    )


def _pairs(request: Request) -> list[tuple[str, str]]:
    # From the scope: request.url is rebuilt from the Host header.
    return parse_qsl(request.scope["query_string"].decode("utf-8", "replace"))


def _query(request: Request) -> dict[str, str]:
    return dict(_pairs(request))


def _without(request: Request, faults: list[Fault]) -> dict[str, object]:
    """The same page without the parameters at fault (and any cursor, which belongs to
    the request it came from): what the reader asked, minus what went wrong."""
    if not faults:
        return {"retry_url": None, "dropped": []}
    names = {name for name, value in faults if value is None}
    pairs = {(name, value) for name, value in faults if value is not None}
    kept = [
        (name, value)
        for name, value in _pairs(request)
        if name not in names and (name, value) not in pairs and name != "cursor"
    ]
    dropped = sorted(names | {f"{name}={value}" for name, value in pairs})
    return {"retry_url": urls.with_query(request.scope["path"], kept), "dropped": dropped}


def _validation_messages(exc: RequestValidationError) -> tuple[list[str], list[Fault]]:
    messages: list[str] = []
    faults: list[Fault] = []
    for error in exc.errors():
        loc = error.get("loc", ())
        where = ".".join(str(p) for p in loc if p not in ("query", "path"))
        messages.append(f"{where}: {error.get('msg', 'invalid value')}")
        if len(loc) > 1 and loc[0] == "query":
            faults.append((str(loc[1]), None))
    return messages, faults


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(Moved)
    async def moved(request: Request, exc: Moved) -> Response:
        # The same page (HTML or JSON, the article or its source) under the article's id,
        # with the same parameters; a path, never a URL made from the Host header.
        path = request.scope["path"].replace(urls.article_url(exc.slug), urls.article_url(exc.article_id), 1)
        query = request.scope["query_string"].decode("latin-1")
        return RedirectResponse(path + (f"?{query}" if query else ""), status_code=301)

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return error_response(request, BAD_PARAMETERS, str(exc), list(exc.details), faults=exc.parameters)

    @app.exception_handler(SearchBusy)
    async def busy(request: Request, exc: SearchBusy) -> Response:
        return error_response(request, 503, str(exc), headers={"Retry-After": "1"})

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        messages, faults = _validation_messages(exc)
        message = INVALID_PARAMETERS
        return error_response(request, BAD_PARAMETERS, message, messages, faults=faults, explanation=message)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing here: {request.scope['path']}"
        # Keeps what the status needs, such as Allow on a 405.
        return error_response(request, exc.status_code, message, headers=exc.headers)
