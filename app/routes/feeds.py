"""Atom feeds and CSV / JSON Lines exports of any filtered article list.

They live under the language prefix like the pages (`/kk/feeds/articles.atom`): a feed's
title, links, dates and category labels are in that language, the articles as written.
CSV and JSON Lines keep their column names and codes in every language, for scripts.
"""

import csv
import datetime as dt
import io
import itertools
import json
import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response, StreamingResponse
from sqlmodel import Session

from app import urls
from app.deps import ArchiveDep, LangDep, SessionDep
from app.i18n import Lang
from app.i18n.catalogs import translate
from app.i18n.labels import event_label, facet_title
from app.i18n.paths import localized
from app.queries import events
from app.queries.articles import summaries
from app.routes import shared
from app.routes.params import ArticleQueryDep, EventQueryDep, query_params
from app.schemas import ArticleSummary, EventSummary
from app.search.engine import ArticleQuery, matching_ids

if TYPE_CHECKING:
    from feedgen.feed import FeedGenerator

router = APIRouter(include_in_schema=False)
FEED_ITEMS = 50
EXPORT_CHUNK = 500
CSV_COLUMNS = [
    "id", "url", "date", "date_precision", "date_inferred", "language", "outlet", "title", "title_derived",
    "event_types", "leaders", "countries", "organisations", "lead",
]  # fmt: skip
# One separator inside every multi-valued cell (event types, leaders, countries,
# organisations): no slug, code or event type holds it, and unlike `;` or `,` it is no
# spreadsheet's field separator in any locale (Russian and Kazakh Excel split on `;`).
MULTI_SEPARATOR = "|"
# Excel reads a CSV file without a byte order mark in the system's ANSI code page
# (cp1251 in Kazakhstan and Russia, cp1252 elsewhere): Cyrillic arrives as mojibake. With
# the BOM, Excel, LibreOffice and Google Sheets all read UTF-8; Python reads it with
# encoding="utf-8-sig". `bom=0` leaves it out for tools that do not expect one.
BOM = "\ufeff"
# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Characters XML 1.0 cannot carry even escaped (a NUL typed into the search box would
# otherwise make the feed writer fail): dropped from every text the feed shows.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def new_feed() -> "FeedGenerator":
    """feedgen (with lxml and dateutil) is imported by the first feed asked for, not by
    every worker at start: a tenth of `import app.main`."""
    from feedgen.feed import FeedGenerator

    return FeedGenerator()


def _xml_text(text: str) -> str:
    return NOT_XML.sub("", text)


def _describe(params: ArticleQuery, lang: Lang) -> str:
    parts = [f"“{params.q}”"] if params.q else []
    parts += [
        f"{facet_title(lang, name)}: {', '.join(values)}" for name, values in params.filters.items() if values
    ]
    return translate(lang, "Press archive") + (" — " + "; ".join(parts) if parts else "")


def _published_at(build_id: str) -> dt.datetime:
    """When this build was made (its name starts with the time): a feed of an unchanging
    build is the same document on every request, so ETags and caches hold."""
    try:
        return dt.datetime.strptime(build_id.split("-")[0], "%Y%m%dT%H%M%S%f").replace(tzinfo=dt.UTC)
    except ValueError:
        return dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@router.get("/feeds/articles.atom", name="feed")
def atom_feed(
    request: Request, archive: ArchiveDep, session: SessionDep, params: ArticleQueryDep, lang: LangDep
) -> Response:
    """The newest articles of any filtered view (a leader, a country, a search)."""
    params.sort, params.cursor, params.limit = "newest", None, FEED_ITEMS
    ids = matching_ids(archive, params)[:FEED_ITEMS]
    # Absolute links from the configured address, never from the request's Host: the feed
    # is kept whole per build and URL and handed to every later reader.
    base = request.app.state.settings.public_url.rstrip("/")
    query = request.scope["query_string"].decode("utf-8", "replace")
    page = base + urls.with_query(localized("/articles", lang), query_params(params))
    feed = new_feed()
    feed.id(page)
    feed.title(_xml_text(_describe(params, lang)))
    feed.language(lang)
    feed.link(href=page, rel="alternate")
    feed.link(href=base + request.scope["path"] + (f"?{query}" if query else ""), rel="self")
    feed.updated(_published_at(archive.build_id))
    for item in reversed(summaries(session, ids, lang)):
        entry = feed.add_entry()
        # The entry's id names the article, whatever the language its feed is read in.
        entry.id(base + item.url)
        entry.title(_xml_text(item.title))
        entry.link(href=base + localized(item.url, lang))
        entry.summary(_xml_text(item.lead))
        # Atom needs an <updated>; an article of unknown date gets the epoch, not a guess.
        stamp = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        if item.date and item.date_precision == "day":
            stamp = dt.datetime.fromisoformat(item.date).replace(tzinfo=dt.UTC)
            entry.published(stamp)
        entry.updated(stamp)
        for tag in item.event_types:
            entry.category(term=tag, label=event_label(lang, tag))
    return Response(feed.atom_str(pretty=True), media_type="application/atom+xml; charset=utf-8")


def _rows(session: Session, ids: list[str]) -> Iterator[ArticleSummary]:
    for start in range(0, len(ids), EXPORT_CHUNK):
        yield from summaries(session, ids[start : start + EXPORT_CHUNK])


def _primed(chunks: Iterator[str]) -> Iterator[str]:
    """Make the first chunk before the response starts: a failure to read the archive is
    then an error page with a status, not a download cut off after a 200."""
    return itertools.chain([next(chunks, "")], chunks)


def _csv_download(
    header: list[str], rows: Iterable[list[str]], filename: str, bom: bool
) -> StreamingResponse:
    """A CSV streamed row by row, its first chunk made before the response starts."""

    def generate() -> Iterator[str]:
        buffer = io.StringIO()
        buffer.write(BOM if bom else "")
        writer = csv.writer(buffer)
        writer.writerow(header)
        for row in rows:
            writer.writerow(row)
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
        yield buffer.getvalue()

    return StreamingResponse(
        _primed(generate()),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def _jsonl_download(items: Iterable[dict[str, Any]], filename: str) -> StreamingResponse:
    """JSON Lines streamed item by item, its first chunk made before the response starts."""
    lines = (json.dumps(item, ensure_ascii=False) + "\n" for item in items)
    return StreamingResponse(
        _primed(lines),
        media_type="application/x-ndjson; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


def spreadsheet_safe(value: str) -> str:
    """A cell a spreadsheet will not run (OWASP, CSV injection): one that starts with
    =, +, -, @, a tab or a carriage return gets a leading apostrophe, which spreadsheets
    read as "this is text" and which a reader can still see through."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def _csv_row(item: ArticleSummary) -> list[str]:
    return [spreadsheet_safe(cell) for cell in _csv_cells(item)]


def _csv_cells(item: ArticleSummary) -> list[str]:
    return [
        item.id, item.url, item.date or "", item.date_precision, str(item.date_inferred).lower(),
        item.language, item.outlet or "", item.title, str(item.title_derived).lower(),
        MULTI_SEPARATOR.join(item.event_types),
        MULTI_SEPARATOR.join(x.slug for x in item.leaders),
        MULTI_SEPARATOR.join(x.code for x in item.countries),
        MULTI_SEPARATOR.join(x.code for x in item.organisations), item.lead,
    ]  # fmt: skip


@router.get("/export/articles.csv", name="export_csv")
def export_csv(
    archive: ArchiveDep,
    session: SessionDep,
    params: ArticleQueryDep,
    bom: Annotated[bool, Query(description="Start with a UTF-8 byte order mark (bom=0: none)")] = True,
) -> StreamingResponse:
    ids = matching_ids(archive, params)
    rows = (_csv_row(item) for item in _rows(session, ids))
    return _csv_download(CSV_COLUMNS, rows, "articles.csv", bom)


@router.get("/export/articles.jsonl", name="export_jsonl")
def export_jsonl(archive: ArchiveDep, session: SessionDep, params: ArticleQueryDep) -> StreamingResponse:
    ids = matching_ids(archive, params)
    return _jsonl_download((item.model_dump() for item in _rows(session, ids)), "articles.jsonl")


EVENT_CSV_COLUMNS = [
    "id", "url", "kind", "date", "date_conflict", "participants", "countries", "report_count", "languages",
    "reports",
]  # fmt: skip


@router.get("/feeds/events.atom", name="events_feed")
def events_feed(
    request: Request, archive: ArchiveDep, session: SessionDep, query: EventQueryDep, lang: LangDep
) -> Response:
    """The newest events of any filtered events list (a leader's contacts, a country's)."""
    found = events.matching(shared.event_index(archive, session), query)[:FEED_ITEMS]
    base = request.app.state.settings.public_url.rstrip("/")
    raw = request.scope["query_string"].decode("utf-8", "replace")
    page = base + urls.with_query(localized(urls.EVENTS, lang), query.params())
    feed = new_feed()
    feed.id(page)
    feed.title(_xml_text(translate(lang, "Press archive") + " — " + translate(lang, "Events")))
    feed.language(lang)
    feed.link(href=page, rel="alternate")
    feed.link(href=base + request.scope["path"] + (f"?{raw}" if raw else ""), rel="self")
    feed.updated(_published_at(archive.build_id))
    for item in reversed(events.summaries_of(session, found, lang)):
        entry = feed.add_entry()
        entry.id(base + item.url)
        names = ", ".join(p.name for p in item.participants)
        entry.title(_xml_text(f"{item.kind_label[:1].upper()}{item.kind_label[1:]}: {names}"))
        entry.link(href=base + localized(item.url, lang))
        entry.summary(_xml_text(item.date_display))
        stamp = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
        if item.date:
            stamp = dt.datetime.fromisoformat(item.date).replace(tzinfo=dt.UTC)
            entry.published(stamp)
        entry.updated(stamp)
        entry.category(term=item.kind, label=item.kind_label)
    return Response(feed.atom_str(pretty=True), media_type="application/atom+xml; charset=utf-8")


def _event_rows(
    session: Session, found: list[events.IndexedEvent]
) -> Iterator[tuple[EventSummary, tuple[str, ...]]]:
    """Events with their reports' ids, in chunks (names in English: exports are for scripts)."""
    for start in range(0, len(found), EXPORT_CHUNK):
        chunk = found[start : start + EXPORT_CHUNK]
        for item, indexed in zip(events.summaries_of(session, chunk, "en"), chunk, strict=True):
            yield item, indexed.reports


@router.get("/export/events.csv", name="export_events_csv")
def export_events_csv(
    archive: ArchiveDep,
    session: SessionDep,
    query: EventQueryDep,
    bom: Annotated[bool, Query(description="Start with a UTF-8 byte order mark (bom=0: none)")] = True,
) -> StreamingResponse:
    found = events.matching(shared.event_index(archive, session), query)
    rows = (_event_csv_row(item, reports) for item, reports in _event_rows(session, found))
    return _csv_download(EVENT_CSV_COLUMNS, rows, "events.csv", bom)


def _event_csv_row(item: EventSummary, reports: tuple[str, ...]) -> list[str]:
    cells = [
        item.id, item.url, item.kind, item.date or "", str(item.date_conflict).lower(),
        MULTI_SEPARATOR.join(p.slug for p in item.participants), MULTI_SEPARATOR.join(item.countries),
        str(item.report_count), MULTI_SEPARATOR.join(item.languages), MULTI_SEPARATOR.join(reports),
    ]  # fmt: skip
    return [spreadsheet_safe(cell) for cell in cells]


@router.get("/export/events.jsonl", name="export_events_jsonl")
def export_events_jsonl(archive: ArchiveDep, session: SessionDep, query: EventQueryDep) -> StreamingResponse:
    found = events.matching(shared.event_index(archive, session), query)
    items = ({**item.model_dump(), "reports": list(reports)} for item, reports in _event_rows(session, found))
    return _jsonl_download(items, "events.jsonl")
