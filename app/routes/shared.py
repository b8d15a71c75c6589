"""The query-layer calls both faces make, memoised per archive build.

A build never changes, so a page's object is computed once per process and build; the HTML
route and its JSON twin share the entry.
"""

from typing import Any

from sqlmodel import Session

from app.build.archive import Archive
from app.i18n import Lang
from app.queries import affiliations, articles, events, home, leaders
from app.queries.affiliations import Kind, PageOut
from app.queries.events import EventQuery, IndexedEvent
from app.queries.search import decode_cursor, search
from app.schemas import AboutOut, ArticleOut, EventList, EventOut, HomeOut, LeaderOut, SearchResults
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


def event_index(archive: Archive, session: Session) -> list[IndexedEvent]:
    """Every event in brief, read once per build: the list, its filters and the calendars
    filter it (app.queries.events). Kept beside the result cache, not in it: every article,
    leader and country page reads it, and once evicted by other pages it was read again
    (0.4 s at 10k articles) by the next page that needed it."""
    return archive.once("event-index", lambda: events.event_index(session))


def events_by_id(archive: Archive, session: Session) -> dict[str, IndexedEvent]:
    """The event index by id, once per build (an article page looks up only its own events)."""
    return archive.once("event-index-by-id", lambda: {e.id: e for e in event_index(archive, session)})


def article_data(archive: Archive, session: Session, article_id: str, part: int, lang: Lang) -> ArticleOut:
    """The article with the events it reports (added here: the article query does not read events)."""

    def compute() -> ArticleOut:
        page = articles.get_article(session, article_id, archive.columns, part, lang)
        found = events.article_events(session, events_by_id(archive, session), page.id, lang)
        return page.model_copy(update={"events": found}) if found else page

    return archive.cache.get_or_compute(("article", article_id, part, lang), compute)


def leader_data(archive: Archive, session: Session, slug: str, order: str, lang: Lang) -> LeaderOut:
    """The leader with a calendar of the events they took part in."""

    def compute() -> LeaderOut:
        page = leaders.get_leader(session, slug, order, archive.columns, lang)
        found = events.calendar(session, event_index(archive, session), lang, leader=page.slug)
        return page.model_copy(update={"events": found})

    return archive.cache.get_or_compute(("leader", slug, order, lang), compute)


def events_page(archive: Archive, session: Session, query: EventQuery, lang: Lang) -> EventList:
    return archive.cache.get_or_compute(
        ("events", repr(query), lang),
        lambda: events.list_events(session, event_index(archive, session), query, lang),
    )


def event_data(archive: Archive, session: Session, event_id: str, lang: Lang) -> EventOut:
    return archive.cache.get_or_compute(
        ("event", event_id, lang),
        lambda: events.get_event(session, event_index(archive, session), event_id, lang),
    )


def affiliation_data(
    archive: Archive, session: Session, kind: Kind[Any, Any, PageOut], code: str, lang: Lang
) -> PageOut:
    def compute() -> PageOut:
        page = affiliations.get_affiliation(session, kind, code, archive.columns, lang)
        found = events.calendar(session, event_index(archive, session), lang, country=page.code)
        return page.model_copy(update={"events": found})

    return archive.cache.get_or_compute((kind.name, code.upper(), lang), compute)
