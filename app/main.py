"""The web app: create_app() wires settings, the read-only archive and the routes."""

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from app import __version__
from app.archive import ArchiveRegistry
from app.config import Settings, get_settings
from app.routes import pages

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    app = FastAPI(title="Press archive", version=__version__)
    app.state.settings = settings
    app.state.registry = ArchiveRegistry(settings.data_dir)
    app.state.templates = Jinja2Templates(directory=str(PROJECT_ROOT / "templates"))
    app.mount("/static", StaticFiles(directory=str(PROJECT_ROOT / "static")), name="static")
    app.include_router(pages.router)

    @app.get("/healthz", include_in_schema=False)
    def healthz(request: Request) -> JSONResponse:
        archive = request.app.state.registry.get()
        if archive is None:
            return JSONResponse({"status": "empty", "detail": "no archive loaded"}, status_code=503)
        return JSONResponse({"status": "ok", "build": archive.build_id})

    return app
