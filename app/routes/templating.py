"""Templates in the reader's language: one Jinja environment per interface language, each
with its gettext catalog installed (jinja2.ext.i18n, newstyle), its url_for (paths under
the language's prefix), its number and date filters, and the language switcher's links.

One environment per language rather than translations swapped per request: requests run
in threads at once, and an environment's installed gettext is shared by all of them.
"""

from collections.abc import Mapping
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, pass_context, select_autoescape
from starlette.requests import Request
from starlette.responses import Response

from app.i18n import LANGUAGES, Lang
from app.i18n.catalogs import translations
from app.i18n.dates import iso_date_display, month_label, number
from app.i18n.evidence import date_evidence, link_reason, removal_reason
from app.i18n.labels import SELF_NAMES, event_label, language_name
from app.i18n.paths import localized, request_language


def switch_urls(request: Request) -> dict[str, str]:
    """This page (its path and query) in each language: the switcher and hreflang links.
    From the scope: request.url is rebuilt from the Host header."""
    path = request.scope["path"].removeprefix(request.scope.get("root_path", "")) or "/"
    query = request.scope["query_string"].decode("latin-1")
    return {lang: f"/{lang}{path}" + (f"?{query}" if query else "") for lang in LANGUAGES}


def _environment(directory: str, lang: Lang) -> Environment:
    env = Environment(
        loader=FileSystemLoader(directory),
        autoescape=select_autoescape(default=True),
        extensions=["jinja2.ext.i18n"],
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]

    @pass_context
    def url_for(context: Mapping[str, Any], name: str, /, **path_params: Any) -> str:
        # Pages link to the site by path, never by an absolute URL made from the request's
        # Host (Starlette's url_for): a forged Host would reach every later visitor
        # through the whole-answer cache and shared proxies.
        return localized(str(context["request"].app.url_path_for(name, **path_params)), lang)

    env.globals.update(
        lang=lang,
        languages=LANGUAGES,
        url_for=url_for,
        self_names=SELF_NAMES,
        language_name=lambda code: language_name(lang, code),
        event_label=lambda code: event_label(lang, code),
        date_evidence=lambda stored: date_evidence(lang, stored),
        link_reason=lambda stored, names: link_reason(lang, stored, names),
        removal_reason=lambda stored: removal_reason(lang, stored),
    )
    env.filters.update(
        num=lambda value: number(lang, value),
        month=lambda value: month_label(lang, value),
        day=lambda value: iso_date_display(lang, value),
        here=lambda path: localized(path, lang) if isinstance(path, str) else path,
    )
    return env


class LocalizedTemplates:
    """Jinja2Templates per language behind one TemplateResponse, which picks the one of
    the request's language (the routes, the error pages and the middleware call it)."""

    def __init__(self, directory: str, default: Lang) -> None:
        self.default = default
        self.by_language = {
            lang: Jinja2Templates(env=_environment(directory, lang), context_processors=[self._context])
            for lang in LANGUAGES
        }

    @staticmethod
    def _context(request: Request) -> dict[str, Any]:
        return {"switch_urls": switch_urls(request)}

    def language(self, request: Request) -> Lang:
        return request_language(request.scope, self.default)

    def TemplateResponse(  # noqa: N802  # Starlette's name, so callers need not know the difference
        self, request: Request, name: str, context: dict[str, Any] | None = None, **kwargs: Any
    ) -> Response:
        return self.by_language[self.language(request)].TemplateResponse(
            request, name, context or {}, **kwargs
        )
