"""Response headers every page and API answer carries (caching, ETag, security), HEAD as
GET, the Host check, blank parameters read as not given, and the two failures no route can
answer for itself: a served build that cannot be opened (503) and an unexpected exception
(500), both in the one error shape and with the same headers.

One pure-ASGI class per concern, each testable alone; their order is set here and only here.
"""

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.middleware import Middleware

from app.middleware.answers import AnswerCache
from app.middleware.blanks import BlankParameters
from app.middleware.build import BuildPinning
from app.middleware.conditional import ConditionalRequests
from app.middleware.head import HeadAsGet
from app.middleware.hosts import TrustedHost, host_patterns
from app.middleware.language import LanguagePrefix
from app.middleware.security import SecurityHeaders


def install_middleware(app: FastAPI) -> None:
    """Outermost first. Security headers wrap everything, a crash included; the Host check
    comes before any cache is asked; blank parameters are dropped before anything reads the
    query (routes, ETags, caches); CORS wraps the archive lookup, so a 304 still gets CORS
    headers; HEAD is turned into GET before the build is pinned; the language is known (or
    the address redirected to one) and the build pinned before the ETag (which names both)
    is computed; the whole-answer cache sits innermost, keyed by that ETag."""
    settings = app.state.settings
    layers = [
        Middleware(SecurityHeaders),
        Middleware(TrustedHost, patterns=host_patterns(settings.allowed_hosts)),
        Middleware(BlankParameters),
        Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "HEAD"], allow_headers=["*"]),
        Middleware(HeadAsGet),
        Middleware(LanguagePrefix, default=settings.default_language),
        Middleware(BuildPinning),
        Middleware(ConditionalRequests),
        Middleware(AnswerCache, enabled=settings.response_cache > 0),
    ]
    # Starlette runs the middleware added last first.
    for layer in reversed(layers):
        app.add_middleware(layer.cls, *layer.args, **layer.kwargs)
