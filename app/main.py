"""The web app: create_app() wires settings, the read-only archive and the routes."""

import asyncio
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import anyio
import fastapi_offline
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.types import Message

from app import __version__, tablecache
from app.build.archive import ArchiveRegistry
from app.config import Settings, get_settings, tables_folder
from app.errors import install_error_handlers
from app.middleware import install_middleware
from app.routes import feeds, pages
from app.routes.templating import LocalizedTemplates
from app.search.syntax import parse_query
from app.text.morphology import LANGUAGES

logger = logging.getLogger(__name__)
PROJECT_ROOT = Path(__file__).resolve().parent.parent
SWAGGER_DIR = Path(fastapi_offline.__file__).resolve().parent / "static"


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Each request thread holds its own SQLite connection (the worker shares one Whoosh
    # searcher); anyio's default of 40 threads per worker multiplied the memory they hold.
    anyio.to_thread.current_default_thread_limiter().total_tokens = app.state.settings.threads
    # Here, not at import: app.serving loads uvicorn's protocol, which a worker has loaded
    # already and nothing else needs.
    from app.serving import limit_malloc_arenas

    limit_malloc_arenas()
    # Do what a worker's first searches would otherwise do on a reader's time (load the
    # morphology dictionaries, the entity register and the served build, compile the
    # templates, read facet labels and locale data), without delaying start-up.
    stopping = threading.Event()
    threading.Thread(target=_warm_up, args=(app, stopping), daemon=True, name="warm-up").start()
    yield
    stopping.set()  # an app shut down soon after it started (tests) asks no more pages


# Every language's results page and the JSON search, for the warm-up: a query no reader's
# words are likely to repeat (its answers stay cached), matching most articles of the archive.
WARM_UP_QUERY = "Казахстан OR Қазақстан OR Kazakhstan"
WARM_UP_PAGES = (*(f"/{lang}/articles" for lang in LANGUAGES), "/api/search")
# Seconds the warm-up's pages wait for the worker's first answer: rendered at once, they took
# the CPU a first reader's search needed as soon as the socket answered (0.5 s of the 1.9 s
# from launch to the first answered search at 10k articles). What that search itself needs
# (the build, the morphology dictionaries, the register) is read before the pause.
WARM_UP_PAUSE = 1.0


def _warm_up(app: FastAPI, stopping: threading.Event) -> None:
    try:
        if app.state.registry.get() is None:
            return
        parse_query("Казахстан Қазақстан Kazakhstan")  # plain words: roles and events are read too
        app.state.answered.wait(WARM_UP_PAUSE)
        host = urlsplit(app.state.settings.public_url).netloc or "localhost"
        for path in WARM_UP_PAGES:
            if stopping.is_set():
                return
            status = asyncio.run(_ask(app, path, urlencode({"q": WARM_UP_QUERY}), host))
            if status != 200:
                logger.warning("warm-up: %s answered %d", path, status)
    except Exception:  # a broken build is reported by the requests themselves
        logger.warning("warm-up failed", exc_info=True)


async def _ask(app: FastAPI, path: str, query: str, host: str) -> int:
    """One GET through the whole app (middleware, route, template), as a reader's request
    would run it, in this thread's own event loop; the answer's status."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": query.encode(),
        "headers": [(b"host", host.encode())],
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 80),
    }
    status = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])

    await app(scope, receive, send)
    return status


def preload(settings: Settings | None = None) -> None:
    """What every worker would load the same way before its first search (the register,
    the role and event words, the morphology dictionaries), loaded once by `archive serve`'s
    supervisor before it forks the workers (app.serving.preload), which then share it
    copy-on-write. Reads the tables loads kept, as create_app does; opens no build."""
    settings = settings or get_settings()
    tablecache.read_from(tables_folder(settings))
    parse_query("Казахстан Қазақстан Kazakhstan")


# An empty query parameter is one not given (app.middleware.blanks): the schema says so.
BLANK = {"type": "string", "pattern": r"^\s*$", "description": "Empty: the parameter is not given"}


def openapi_schema(app: FastAPI) -> dict[str, Any]:
    """FastAPI's schema without the 422 it adds to every operation with parameters (the
    archive answers bad parameters with a 400 in the one error shape, app.errors, which
    each operation documents itself), and with every query parameter allowed to be empty."""
    if app.openapi_schema is None:
        schema = FastAPI.openapi(app)
        for methods in schema.get("paths", {}).values():
            for operation in methods.values():
                operation.get("responses", {}).pop("422", None)
                for parameter in operation.get("parameters", []):
                    if parameter.get("in") == "query" and parameter["schema"].get("type") != "array":
                        parameter["schema"] = {"anyOf": [parameter["schema"], BLANK]}
        components = schema.get("components", {}).get("schemas", {})
        for name in ("HTTPValidationError", "ValidationError"):
            components.pop(name, None)
        app.openapi_schema = schema
    return app.openapi_schema


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(
        lifespan=lifespan,
        title="Press archive",
        version=__version__,
        description="Diplomatic press releases in Russian, Kazakh and English: articles, leaders, countries.",
        docs_url=None,
        redoc_url=None,
    )
    app.state.settings = settings
    # What the loads of this archive derived from the data files (the alias table, parsed
    # rule files), under a hash of those files and the code: read, never written, here.
    tablecache.read_from(tables_folder(settings))
    # Set at the worker's first answer (app.middleware.build): the warm-up's pages wait for it.
    app.state.answered = threading.Event()
    app.openapi = lambda: openapi_schema(app)  # type: ignore[method-assign]
    app.state.registry = ArchiveRegistry(
        settings.data_dir, settings.response_cache, settings.response_cache_mb
    )
    app.state.templates = LocalizedTemplates(str(PROJECT_ROOT / "templates"), settings.default_language)
    # Swagger UI 5 (OpenAPI 3.1) from fastapi-offline's files: /docs needs no CDN. The more
    # specific mount comes first, or /static would answer for /static/swagger.
    app.mount("/static/swagger", StaticFiles(directory=str(SWAGGER_DIR)), name="swagger")
    app.mount("/static", StaticFiles(directory=str(PROJECT_ROOT / "static")), name="static")
    install_error_handlers(app)
    install_middleware(app)
    app.include_router(pages.html)
    app.include_router(pages.api)
    app.include_router(feeds.router)

    @app.get("/healthz", include_in_schema=False)
    async def healthz(request: Request) -> JSONResponse:
        """On the event loop, not a request thread: with every thread busy on slow pages a
        health check must still answer, or the orchestrator restarts a working replica.
        The middleware has already found the build (registry.get is a stat when unchanged)."""
        archive = request.app.state.registry.get()
        if archive is None:
            detail = request.app.state.registry.problem
            return JSONResponse({"status": "unavailable", "detail": detail}, status_code=503)
        return JSONResponse({"status": "ok", "build": archive.build_id})

    @app.get("/docs", include_in_schema=False, response_class=HTMLResponse)
    def docs(request: Request) -> Response:
        """Swagger UI from local files (no CDN, no inline script)."""
        templates: LocalizedTemplates = request.app.state.templates
        return templates.TemplateResponse(request, "docs.html", {})

    return app
