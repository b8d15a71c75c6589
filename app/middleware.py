"""Response headers every page and API answer carries: caching, ETag, security."""

import hashlib

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import Response

from app import __version__

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}
CACHE_SECONDS = 300
UNCACHED = ("/healthz",)


def install_middleware(app: FastAPI) -> None:
    @app.middleware("http")
    async def archive_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        """An archive build never changes, so (build, URL) names a response exactly:
        the ETag is known before the response is made, and a match costs nothing."""
        etag = None
        if request.method in ("GET", "HEAD") and request.url.path not in UNCACHED:
            archive = request.app.state.registry.get()
            # The handler serves the build the ETag names, even if a load swaps it meanwhile.
            request.state.archive = archive
            if archive is not None:
                key = f"{__version__}|{archive.build_id}|{request.url.path}?{request.url.query}"
                etag = '"' + hashlib.sha256(key.encode()).hexdigest()[:32] + '"'
                if etag in request.headers.get("if-none-match", ""):
                    response: Response = Response(status_code=304, headers={"ETag": etag})
                    response.headers.update(SECURITY_HEADERS)
                    return response
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if etag and response.status_code == 200:
            response.headers["ETag"] = etag
            response.headers["Cache-Control"] = f"public, max-age={CACHE_SECONDS}"
        else:
            response.headers.setdefault("Cache-Control", "no-store")
        return response

    app.add_middleware(
        CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD"], allow_headers=["*"]
    )
