"""One error shape for every 4xx/5xx: JSON under /api, an HTML page elsewhere.

An unexpected exception becomes a 500 in app.middleware, outside every route.
"""

from collections.abc import Mapping
from http import HTTPStatus

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.queries.articles import NotFound
from app.search.engine import BadRequest, SearchBusy


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
    # app.routes.templating.LocalizedTemplates: the page in the request's language.
    return request.app.state.templates.TemplateResponse(  # type: ignore[no-any-return]
        request,
        "error.html",
        {"status": status, "title": title, "message": message, "details": details or []},
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
