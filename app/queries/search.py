"""The search results page: one page of articles with facets, timeline and snippets, built
from the search engine's answer (app.search.engine), which it caches per build. The one
place both article views call.

Plain words must all match (any case form, either script, or the entity they name);
"quoted phrases" must match in order. Stray quotes and punctuation are ignored, never an
error. Filters, facet counts, the month timeline and snippets come from the same result set.
"""

import base64
import binascii
import json
import re
import sqlite3
import threading
from collections.abc import Callable, Sequence
from itertools import islice
from typing import Any

from sqlmodel import Session

from app.build.archive import Archive, ResultCache, WhooshBusy
from app.build.layout import DB_NAME
from app.build.sqlite import sqlite_uri
from app.build.wordkeys import WORD_KEYS_FILE, WordKeys
from app.i18n import Lang
from app.i18n.dates import month_label
from app.queries.articles import build_summaries
from app.queries.labels import facet_labels
from app.schemas import SearchResults, Segment
from app.search.engine import (
    ArticleQuery,
    BadRequest,
    QueryTooExpensive,
    SearchBusy,
    SearchCore,
    build_tally,
    search_core,
)
from app.search.syntax import ParsedQuery, parse_query
from app.text.analysis import WORD
from app.text.morphology import query_keys

SORTS = ("relevance", "newest", "oldest")
NOT_OUR_CURSOR = "The cursor is not one this archive gave out; start again from the first page."
DATES_REVERSED = "date_from is after date_to. Swap them, or change one."
FACET_LIMIT = 30
SNIPPET_WORDS = 40


def encode_cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int:
    if not cursor:
        return 0
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        offset = json.loads(raw)["o"]
    except (binascii.Error, ValueError, KeyError, TypeError) as exc:
        raise BadRequest(NOT_OUR_CURSOR, parameters=(("cursor", None),)) from exc
    if type(offset) is not int or offset < 0:  # not isinstance: a bool is an int
        raise BadRequest(NOT_OUR_CURSOR, parameters=(("cursor", None),))
    return offset


def snippet(
    text: str,
    keys: set[str],
    words: int = SNIPPET_WORDS,
    spans: list[tuple[int, int]] | None = None,
    known: dict[str, bool] | None = None,
    keys_of: Callable[[str], tuple[str, ...]] = query_keys,
) -> list[Segment]:
    """The snippet's runs (`snippet_runs`) as segments."""
    runs = snippet_runs(text, keys, words, spans, known, keys_of)
    return [Segment(text=run, mark=mark) for run, mark in runs]


def snippet_runs(
    text: str,
    keys: set[str],
    words: int = SNIPPET_WORDS,
    spans: list[tuple[int, int]] | None = None,
    known: dict[str, bool] | None = None,
    keys_of: Callable[[str], tuple[str, ...]] = query_keys,
) -> list[tuple[str, bool]]:
    """A window of the text around the first match, matches marked: words with one of the
    query's index keys, and `spans` (where the text names an entity the query named: the
    match of `Tokayev` in a Kazakh text is «Тоқаев», which shares no key with it).
    `known`: whether a word matches `keys`, kept across the hits of one page (the same
    words recur in every body; looking each up for its keys was most of a snippet's time).
    `keys_of`: a lowercase word's `query_keys`, or the same read from the build's table
    (`word_keys`)."""
    # Words are read only as far as the window needs: to the first match (or to the first
    # named entity, when it comes sooner) and the window's words after it. Every word of
    # every hit's body was read, and each looked up for its keys, on every search. The
    # loops are written out (no helper call per word): they were most of a snippet's time.
    known = {} if known is None else known
    valid_spans = sorted((s, e) for s, e in spans or () if 0 <= s < e <= len(text))
    first_span = valid_spans[0][0] if valid_spans else None
    stream = WORD.finditer(text)
    tokens: list[re.Match[str]] = []
    hit: int | None = None
    get, append = known.get, tokens.append
    if keys:
        for current in stream:
            append(current)
            if first_span is not None and current.start() > first_span:
                break  # the entity comes first: the window starts there, whatever matches later
            found = get(current[0])
            if found is None:
                word = current[0]
                found = known[word] = not keys.isdisjoint(keys_of(word.lower()))
            if found:
                hit = len(tokens) - 1
                break
    else:  # only the entity marks: the window starts at it
        for current in stream:
            append(current)
            if first_span is None or current.start() > first_span:
                break
    if not tokens:
        return []
    if first_span is not None and (hit is None or first_span < tokens[hit].start()):
        hit = 0
        for at, current in enumerate(tokens):
            if current.end() > first_span:
                hit = at
                break
        else:
            for current in stream:
                tokens.append(current)
                if current.end() > first_span:
                    hit = len(tokens) - 1
                    break
    first = max(0, hit - words // 4) if hit is not None else 0
    if len(tokens) < first + words:
        tokens.extend(islice(stream, first + words - len(tokens)))
    window = tokens[first : first + words]
    start, end = window[0].start(), window[-1].end()

    ranges = list(valid_spans)
    if keys:  # written out, as above: a call per word of the window cost a fifth of a snippet
        for token in window:
            word = token[0]
            found = get(word)
            if found is None:
                found = known[word] = not keys.isdisjoint(keys_of(word.lower()))
            if found:
                ranges.append(token.span())
        ranges.sort()
    marked: list[tuple[int, int]] = []
    for s, e in ranges:  # merged: a name inside a marked mention is not marked twice
        if marked and s <= marked[-1][1]:
            marked[-1] = (marked[-1][0], max(marked[-1][1], e))
        else:
            marked.append((s, e))
    # Plain (text, mark) runs: the page makes its segments in one validation with its hits
    # (a model at a time was a third of a snippet's time).
    runs: list[tuple[str, bool]] = [("… ", False)] if start > 0 else []
    cursor = start
    for s, e in marked:
        if e <= cursor or s >= end:
            continue
        s, e = max(s, cursor), min(e, end)
        if s > cursor:
            runs.append((text[cursor:s], False))
        runs.append((text[s:e], True))
        cursor = e
    if cursor < end:
        runs.append((text[cursor:end], False))
    if end < len(text):
        runs.append((" …", False))
    return runs


def _core_or_refusal(
    archive: Archive, request: ArticleQuery, sort: str, offset: int, parsed: ParsedQuery
) -> SearchCore | QueryTooExpensive:
    """A refusal is remembered too: asking again must not cost the time limit again."""
    try:
        return search_core(archive, request, sort, offset, parsed)
    except QueryTooExpensive as refusal:
        return refusal
    except WhooshBusy as exc:
        raise SearchBusy("The search engine is busy; try again in a moment.") from exc


def cache_key(request: ArticleQuery, sort: str, offset: int) -> tuple[object, ...]:
    filters = tuple(sorted((name, tuple(sorted(v))) for name, v in request.filters.items() if v))
    return (request.q.strip(), filters, request.date_from, request.date_to, sort, offset, request.limit)


def search(archive: Archive, session: Session, request: ArticleQuery, lang: Lang = "en") -> SearchResults:
    """One page of matching articles with facets, timeline and snippets; labels, names and
    dates in `lang` (what matches does not depend on it)."""
    sort = request.effective_sort
    if sort not in SORTS:
        raise BadRequest(
            f"Unknown sort {sort!r}; use one of: {', '.join(SORTS)}.", parameters=(("sort", None),)
        )
    if request.date_from and request.date_to and request.date_from > request.date_to:
        raise BadRequest(DATES_REVERSED, parameters=(("date_from", None), ("date_to", None)))
    offset = decode_cursor(request.cursor)
    parsed = parse_query(request.q)
    core = archive.cache.get_or_compute(
        cache_key(request, sort, offset), lambda: _core_or_refusal(archive, request, sort, offset, parsed)
    )
    if isinstance(core, QueryTooExpensive):
        raise core
    docnums = list(core.page_docs)
    items = build_summaries(archive, session, docnums, lang)
    scores = dict(zip(docnums, core.scores, strict=True))
    keys = set(parsed.highlight)
    marking = bool(keys or parsed.entities)
    bodies = page_bodies(archive, docnums) if marking else {}
    ids = {str(archive.columns.ids[d]): d for d in docnums}
    spans = _mention_spans(archive, list(ids), parsed.entities)
    hits = []
    known: dict[str, bool] = {}
    keys_of = word_keys(archive).keys
    for article in items:
        docnum = ids[article.id]
        runs: Sequence[tuple[str, bool]]
        if marking:
            body, found = bodies.get(docnum, ""), spans.get(article.id)
            runs = snippet_runs(body, keys, spans=found, known=known, keys_of=keys_of)
        else:
            runs = lead_runs(archive, docnum, article.lead)
        marked = [{"text": run, "mark": mark} for run, mark in runs]
        hits.append({"article": article, "score": scores[docnum], "snippet": marked})
    labels = build_labels(archive, session, lang)
    facet_values = {}
    for name, values in core.facets.items():
        named, chosen = labels.get(name, {}), request.filters.get(name, ())
        facet_values[name] = [
            {"value": value, "label": named.get(value, value), "count": count, "selected": value in chosen}
            for value, count in values[:FACET_LIMIT]
        ]
    months = month_labels(archive, lang)
    total = core.total
    # Hits, facets and months as plain dicts, validated with the page in one call: a model
    # at a time, in Python, was a tenth of a cold search.
    return SearchResults.model_validate(
        {
            "items": hits,
            "total": total,
            "limit": request.limit,
            "next": encode_cursor(offset + request.limit) if offset + request.limit < total else None,
            "previous": encode_cursor(max(0, offset - request.limit)) if offset > 0 else None,
            "query": request.q,
            "filters": applied_filters(request),
            "sort": sort,
            "facets": facet_values,
            "timeline": [
                {"month": month, "label": months[month], "count": count} for month, count in core.months
            ],
            "undated": core.undated,
            "suggestion": core.suggestion,
            "resolved": list(request.resolved),
        }
    )


def applied_filters(request: ArticleQuery) -> dict[str, list[str]]:
    """Every filter the answer applied, by parameter name, dates included: a script can
    check what it got without parsing its own URL again."""
    applied = {k: list(v) for k, v in request.filters.items() if v}
    if request.date_from:
        applied["date_from"] = [request.date_from.isoformat()]
    if request.date_to:
        applied["date_to"] = [request.date_to.isoformat()]
    return applied


LABEL_CHUNK = 500  # values per IN (...) list: far under SQLite's limit on variables


def build_labels(archive: Archive, session: Session, lang: Lang = "en") -> dict[str, dict[str, str]]:
    """The label of every facet value of the build in `lang`, read from SQLite once per
    build, process and language: reading the page's few through the ORM cost a third of a
    cold search's time outside the index."""

    def read() -> dict[str, dict[str, str]]:
        labels: dict[str, dict[str, str]] = {}
        for name, lookup in archive.columns.lookup.items():
            values = sorted(lookup)
            labels[name] = {}
            for start in range(0, len(values), LABEL_CHUNK):
                chunk = facet_labels(session, {name: values[start : start + LABEL_CHUNK]}, lang)
                labels[name].update(chunk.get(name, {}))
        return labels

    return archive.once(("facet labels", lang), read)


# Pages of the build's SQLite file one plain-reads connection keeps (SQLite's default is
# about 2 MB): a worker has its event loop and `threads` request threads, so a few MB in all.
PLAIN_READS_CACHE_KIB = 1024


def plain_reads(archive: Archive) -> sqlite3.Connection:
    """This thread's own read-only connection to the build's SQLite file, kept as long as
    the build is served (closed when the archive and its threads' values are collected).
    A session connects anew for every request (the engine has no pool): opening the file,
    reading its schema and closing it again cost about 0.5 ms of CPU, a tenth of an
    /api/search request that reads bodies or mentions, for statements of tens of µs."""
    local: threading.local = archive.once("plain reads", threading.local)
    connection: sqlite3.Connection | None = getattr(local, "connection", None)
    if connection is None:
        uri = sqlite_uri(archive.build / DB_NAME, read_only=True, immutable=True)
        connection = local.connection = sqlite3.connect(uri, uri=True)
        connection.execute(f"PRAGMA cache_size = -{PLAIN_READS_CACHE_KIB}")
    return connection


def _rows(archive: Archive, statement: str, values: tuple[str, ...]) -> Sequence[Sequence[Any]]:
    """Plain rows through this thread's kept connection (`plain_reads`), its DB-API cursor:
    SQLAlchemy's result fetched one row at a time, each through its row processors, cost
    more than SQLite's own work."""
    cursor = plain_reads(archive).cursor()
    try:
        cursor.execute(statement, values)
        return cursor.fetchall()
    finally:
        cursor.close()


def _mention_spans(
    archive: Archive, ids: list[str], entities: frozenset[tuple[str, str]]
) -> dict[str, list[tuple[int, int]]]:
    """Where each article's body names one of `entities`, as the loader stored it. Found
    through the page's article ids: the `+` keeps SQLite from choosing the entity's index
    instead, which walked every mention of a leader named in thousands of articles. Not
    kept between pages as bodies are: reading all of a body's mentions to keep them cost
    what keeping saved (about 0.1 ms a page either way at 10k articles)."""
    if not entities or not ids:
        return {}
    keys = sorted({key for _, key in entities})
    statement = (
        'SELECT article_id, entity_type, entity_key, start, "end" FROM mention'
        f" WHERE article_id IN ({', '.join('?' * len(ids))}) AND field = 'body'"
        f" AND +entity_key IN ({', '.join('?' * len(keys))})"
    )
    spans: dict[str, list[tuple[int, int]]] = {}
    for article_id, kind, key, start, end in _rows(archive, statement, (*ids, *keys)):
        if (kind, key) in entities:
            spans.setdefault(article_id, []).append((start, end))
    return spans


# Bodies kept per build and process for snippets, as summaries are (app.queries.articles):
# at most BODY_MEMO of them and BODY_MEMO_CHARS characters in all (3.1 MB when full at 10k
# generated articles), so that a few long articles cannot hold much.
BODY_MEMO = 1024
BODY_MEMO_CHARS = 1_500_000


def body_memo(archive: Archive) -> ResultCache:
    """The bodies kept for this build, by document number."""
    return archive.once("body memo", lambda: ResultCache(BODY_MEMO, BODY_MEMO_CHARS, len))


def word_keys(archive: Archive) -> WordKeys:
    """The build's table of its body words' keys (app.build.wordkeys), opened once per
    build and process."""
    return archive.once("word keys", lambda: WordKeys(archive.build / WORD_KEYS_FILE))


def page_bodies(archive: Archive, docnums: list[int]) -> dict[int, str]:
    """The clean bodies of one page of hits by document number, for their snippets: those
    not kept (BODY_MEMO) read in one statement. Plain SQL: building and compiling the ORM's
    select cost five times SQLite's own time."""
    memo = body_memo(archive)
    bodies: dict[int, str] = {}
    for docnum in docnums:
        if (body := memo.get(docnum)) is not None:
            bodies[docnum] = body
    missing = {str(archive.columns.ids[d]): d for d in docnums if d not in bodies}
    if missing:
        statement = f"SELECT id, body FROM article WHERE id IN ({', '.join('?' * len(missing))})"
        for article_id, body in _rows(archive, statement, tuple(missing)):
            docnum = missing[article_id]
            bodies[docnum] = body
            memo.put(docnum, body)
    return bodies


# The opening of each kept article's lead, its snippet on pages that mark nothing (0.5 KB).
LEAD_MEMO = 1024


def lead_memo(archive: Archive) -> ResultCache:
    """The lead snippets kept for this build, by document number."""
    return archive.once("lead memo", lambda: ResultCache(LEAD_MEMO))


def lead_runs(archive: Archive, docnum: int, lead: str) -> tuple[tuple[str, bool], ...]:
    """The snippet of a page that marks nothing (filters alone, a prefix alone): the
    opening of the article's lead, the same on every such page, so kept (LEAD_MEMO)."""
    memo = lead_memo(archive)
    runs: tuple[tuple[str, bool], ...] | None = memo.get(docnum)
    if runs is None:
        runs = tuple(snippet_runs(lead, set()))
        memo.put(docnum, runs)
    return runs


def month_labels(archive: Archive, lang: Lang) -> dict[str, str]:
    """Every month of the build's timeline (YYYY-MM) as the reader's language names it,
    made once per build, process and language (about a hundred months at 10k articles):
    a search's timeline has up to every month of the archive, each of which was named,
    and made a model of, on every search."""
    months = build_tally(archive).months
    return archive.once(("month labels", lang), lambda: {m: month_label(lang, m) for m in months})
