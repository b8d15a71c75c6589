"""Where the interface language sits in an address: the first path segment (`/kk/…`),
except for what is served in no language of its own (the JSON API, its docs, static
files, the health check)."""

from collections.abc import Mapping
from typing import Any

from app.i18n.languages import Lang, is_language

# Exact paths, or folders (ending with a slash).
UNPREFIXED = ("/api", "/api/", "/static/", "/docs", "/openapi.json", "/healthz")


def unprefixed(path: str) -> bool:
    return any(path == p or (p.endswith("/") and path.startswith(p)) for p in UNPREFIXED)


def split_prefix(path: str) -> tuple[Lang | None, str]:
    """("kk", "/articles") for /kk/articles; (None, path) when the path has no prefix."""
    first, slash, rest = path[1:].partition("/")
    if is_language(first) and not unprefixed(slash + rest):
        return first, slash + rest
    return None, path


def localized(path: str, lang: Lang) -> str:
    """A site path under the language's prefix (unprefixed paths and URLs as they are)."""
    if not path.startswith("/") or path.startswith("//") or unprefixed(path) or split_prefix(path)[0]:
        return path
    return f"/{lang}{path}"


def request_language(scope: Mapping[str, Any], default: Lang) -> Lang:
    """The language a request is answered in: as app.middleware.language decided, or (for
    an answer made outside it, such as the last-resort 500) read from the path."""
    decided = scope.get("state", {}).get("lang")
    if is_language(decided):
        return decided
    return split_prefix(scope["path"])[0] or default
