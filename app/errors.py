"""One error shape for every 4xx/5xx: JSON under /api, an HTML page elsewhere.

An unexpected exception becomes a 500 in app.middleware, outside every route.
"""

from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.i18n import LANGUAGES
from app.i18n.catalogs import N_, translate
from app.i18n.paths import request_language
from app.queries.articles import NotFound
from app.search.engine import BadRequest, SearchBusy

# An error page's heading and first sentence in the reader's language; the message the
# code gave (English, often naming the parameter or id) follows it as a detail.
TITLES = {
    400: N_("Request not possible"),
    404: N_("Page not found"),
    405: N_("Method not allowed"),
    422: N_("Invalid parameters"),
    500: N_("Server error"),
    503: N_("Temporarily unavailable"),
}
EXPLANATIONS = {
    400: N_("The archive cannot answer this request."),
    404: N_("There is no such page in the archive."),
    405: N_("The archive answers only GET and HEAD requests."),
    422: N_("Some parameters are not valid."),
    500: N_("Something went wrong on our side."),
    503: N_("The archive is unavailable for a moment; please try again shortly."),
}


def _wants_json(request: Request) -> bool:
    path = request.scope["path"]  # not request.url, which is rebuilt from the Host header
    return path.startswith("/api/") or path in ("/api", "/openapi.json")


def error_response(
    request: Request,
    status: int,
    message: str,
    details: list[str] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    title = HTTPStatus(status).phrase
    body = {"error": {"status": status, "title": title, "message": message, "details": details or []}}
    if _wants_json(request):
        return JSONResponse(body, status_code=status, headers=headers)
    lang = request_language(request.scope, request.app.state.settings.default_language)
    shown_title, shown_message, shown_details = title, message, details or []
    if lang != "en" and lang in LANGUAGES:
        shown_title = translate(lang, TITLES.get(status, title))
        explanation = translate(lang, EXPLANATIONS.get(status, message))
        if explanation != message:
            shown_message, shown_details = explanation, [message, *shown_details]
    # app.routes.templating.LocalizedTemplates: the page in the request's language.
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request,
        "error.html",
        {"status": status, "title": shown_title, "message": shown_message, "details": shown_details},
        status_code=status,
        headers=headers,
    )


def _validation_messages(exc: RequestValidationError) -> list[str]:
    messages = []
    for error in exc.errors():
        where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path"))
        messages.append(f"{where}: {error.get('msg', 'invalid value')}")
    return messages


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(NotFound)
    async def not_found(request: Request, exc: NotFound) -> Response:
        return error_response(request, 404, str(exc))

    @app.exception_handler(BadRequest)
    async def bad_request(request: Request, exc: BadRequest) -> Response:
        return error_response(request, 400, str(exc))

    @app.exception_handler(SearchBusy)
    async def busy(request: Request, exc: SearchBusy) -> Response:
        return error_response(request, 503, str(exc), headers={"Retry-After": "1"})

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return error_response(request, 422, "Some parameters are not valid.", _validation_messages(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing here: {request.scope['path']}"
        # Keeps what the status needs, such as Allow on a 405.
        return error_response(request, exc.status_code, message, headers=exc.headers)
