"""The query-layer calls both faces make, memoised per archive build.

A build never changes, so a page's object is computed once per process and build; the HTML
route and its JSON twin share the entry.
"""

from typing import Any

from sqlmodel import Session

from app.build.archive import Archive
from app.i18n import Lang
from app.queries import affiliations, articles, home, leaders
from app.queries.affiliations import Kind, PageOut
from app.queries.search import decode_cursor, search
from app.schemas import AboutOut, ArticleOut, HomeOut, LeaderOut, SearchResults
from app.search.engine import ArticleQuery, BadRequest

CURSOR_PAST_END = "The cursor points past the end of the archive; start again from the first page."


def search_page(archive: Archive, session: Session, params: ArticleQuery, lang: Lang) -> SearchResults:
    """One page of a search. A cursor past the archive's last article is refused before
    any work: no page this archive handed out points there, and ranking would otherwise
    collect offset + limit hits for an empty page."""
    if decode_cursor(params.cursor) >= max(archive.columns.size, 1):
        raise BadRequest(CURSOR_PAST_END, parameters=(("cursor", None),))
    return search(archive, session, params, lang)


def home_data(archive: Archive, session: Session, lang: Lang) -> HomeOut:
    return archive.cache.get_or_compute(("home", lang), lambda: home.home(session, archive.build_id, lang))


def about_data(archive: Archive, session: Session, lang: Lang = "en") -> AboutOut:
    """The same in every language: figures only."""
    return archive.cache.get_or_compute(("about",), lambda: home.about(session, archive.build_id))


def article_data(archive: Archive, session: Session, article_id: str, part: int, lang: Lang) -> ArticleOut:
    return archive.cache.get_or_compute(
        ("article", article_id, part, lang),
        lambda: articles.get_article(session, article_id, archive.columns, part, lang),
    )


def leader_data(archive: Archive, session: Session, slug: str, order: str, lang: Lang) -> LeaderOut:
    return archive.cache.get_or_compute(
        ("leader", slug, order, lang), lambda: leaders.get_leader(session, slug, order, archive.columns, lang)
    )


def affiliation_data(
    archive: Archive, session: Session, kind: Kind[Any, Any, PageOut], code: str, lang: Lang
) -> PageOut:
    return archive.cache.get_or_compute(
        (kind.name, code.upper(), lang),
        lambda: affiliations.get_affiliation(session, kind, code, archive.columns, lang),
    )
