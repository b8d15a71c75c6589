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
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from pydantic import TypeAdapter
from sqlmodel import Session

from app.build.archive import Archive, WhooshBusy
from app.i18n import Lang
from app.queries.articles import build_summaries
from app.queries.labels import facet_labels
from app.queries.timeline import buckets
from app.schemas import FacetValue, Hit, SearchResults, Segment
from app.search.engine import (
    ArticleQuery,
    BadRequest,
    QueryTooExpensive,
    SearchBusy,
    SearchCore,
    search_core,
)
from app.search.syntax import ParsedQuery, parse_query
from app.text.analysis import WORD
from app.text.morphology import query_keys

SORTS = ("relevance", "newest", "oldest")
NOT_OUR_CURSOR = "The cursor is not one this archive gave out; start again from the first page."
DATES_REVERSED = "date_from is after date_to. Swap them, or change one."
FACET_LIMIT = 30
# A page's facet values (up to 180) made in one call from plain dicts: one model at a time
# took twice as long.
_FACETS = TypeAdapter(dict[str, list[FacetValue]])
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


# Characters of text first cut into words while looking for a snippet's first match; each
# next cut is four times longer (most matches come early, and a long body is read in few cuts).
SCAN_CHARS = 512


def _word_end(text: str, at: int) -> int:
    """`at`, or the end of the word that runs across it: a cut there keeps words whole."""
    if 0 < at < len(text):
        inside = WORD.match(text, at - 1)
        if inside is not None and inside.end() > at:
            return inside.end()
    return at


@dataclass
class KnownWords:
    """The words found to match a query's keys, and those found not to, kept across the
    hits of one page: the same words recur in every body, and set operations over a part's
    words cost less than a look-up of each."""

    matching: set[str] = field(default_factory=set)
    other: set[str] = field(default_factory=set)


def _matching(words: list[str], keys: set[str], known: KnownWords) -> set[str]:
    """Those of `words` that have one of `keys`, each distinct word looked up once."""
    distinct = set(words)
    for word in distinct - known.matching - known.other:
        matches = not keys.isdisjoint(query_keys(word.lower()))
        (known.matching if matches else known.other).add(word)
    return distinct & known.matching


def _first_match(text: str, keys: set[str], known: KnownWords, stop: int | None) -> int | None:
    """The number of the first word of `text` that matches `keys`, among the words that
    start at or before `stop` (all of them when None). The regex engine cuts the words out
    a part at a time: a loop in Python over every word up to the first match was most of a
    snippet's time."""
    if not keys:
        return None
    limit = len(text) if stop is None else min(len(text), _word_end(text, stop + 1))
    counted = start = 0
    size = SCAN_CHARS
    while start < limit:
        end = min(limit, _word_end(text, start + size))
        part = WORD.findall(text, start, end)
        found = _matching(part, keys, known)
        if found:
            return counted + min(part.index(word) for word in found)
        counted += len(part)
        start, size = end, size * 4
    return None


def _words_before(text: str, at: int) -> int:
    """How many words of `text` end at or before `at`; None of them: 0."""
    before = len(WORD.findall(text, 0, at))
    return before - 1 if _word_end(text, at) > at else before


def snippet(
    text: str,
    keys: set[str],
    words: int = SNIPPET_WORDS,
    spans: list[tuple[int, int]] | None = None,
    known: KnownWords | None = None,
) -> list[Segment]:
    """A window of the text around the first match, matches marked: words with one of the
    query's index keys, and `spans` (where the text names an entity the query named: the
    match of `Tokayev` in a Kazakh text is «Тоқаев», which shares no key with it).
    `known`: which words match `keys`, kept across the hits of one page (the same
    words recur in every body; looking each up for its keys was most of a snippet's time)."""
    # Words are read only as far as the window needs: to the first match (or to the first
    # named entity, when it comes sooner) and the window's words after it; before the
    # window, the regex engine reads them (app code never loops over them).
    known = KnownWords() if known is None else known
    if WORD.search(text) is None:
        return []
    valid_spans = sorted((s, e) for s, e in spans or () if 0 <= s < e <= len(text))
    first_span = valid_spans[0][0] if valid_spans else None
    hit = _first_match(text, keys, known, first_span)
    if first_span is not None and hit is None:
        # The first word that ends inside or after the entity; none: the text's first.
        hit = _words_before(text, first_span) if WORD.search(text, first_span) else 0
    first = max(0, hit - words // 4) if hit is not None else 0
    window = list(islice(WORD.finditer(text), first, first + words))
    start, end = window[0].start(), window[-1].end()
    marks = _matching([t.group() for t in window], keys, known) if keys else set()
    ranges = sorted([t.span() for t in window if t.group() in marks] + valid_spans)
    marked: list[tuple[int, int]] = []
    for s, e in ranges:  # merged: a name inside a marked mention is not marked twice
        if marked and s <= marked[-1][1]:
            marked[-1] = (marked[-1][0], max(marked[-1][1], e))
        else:
            marked.append((s, e))
    segments: list[Segment] = [Segment(text="… ")] if start > 0 else []
    cursor = start
    for s, e in marked:
        if e <= cursor or s >= end:
            continue
        s, e = max(s, cursor), min(e, end)
        if s > cursor:
            segments.append(Segment(text=text[cursor:s]))
        segments.append(Segment(text=text[s:e], mark=True))
        cursor = e
    if cursor < end:
        segments.append(Segment(text=text[cursor:end]))
    if end < len(text):
        segments.append(Segment(text=" …"))
    return segments


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
    columns = archive.columns
    page_ids = [str(columns.ids[d]) for d in core.page_docs]
    scores = dict(zip(page_ids, core.scores, strict=True))
    items = build_summaries(archive, session, list(core.page_docs), lang)
    keys = set(parsed.highlight)
    marking = bool(keys or parsed.entities)
    bodies = _bodies(session, page_ids) if marking else {}
    spans = _mention_spans(session, page_ids, parsed.entities)
    hits = []
    known = KnownWords()
    for article in items:
        text = bodies.get(article.id, "") if marking else article.lead
        marked = snippet(text, keys, spans=spans.get(article.id), known=known)
        hits.append(Hit(article=article, score=scores.get(article.id), snippet=marked))
    labels = build_labels(archive, session, lang)
    facets = {}
    for name, values in core.facets.items():
        named, chosen = labels.get(name, {}), request.filters.get(name, ())
        facets[name] = [
            {"value": value, "label": named.get(value, value), "count": count, "selected": value in chosen}
            for value, count in values[:FACET_LIMIT]
        ]
    total = core.total
    return SearchResults(
        items=hits,
        total=total,
        limit=request.limit,
        next=encode_cursor(offset + request.limit) if offset + request.limit < total else None,
        previous=encode_cursor(max(0, offset - request.limit)) if offset > 0 else None,
        query=request.q,
        filters=applied_filters(request),
        sort=sort,
        facets=_FACETS.validate_python(facets),
        timeline=buckets(core.months, lang),
        undated=core.undated,
        suggestion=core.suggestion,
        resolved=list(request.resolved),
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


def _rows(session: Session, statement: str, values: tuple[str, ...]) -> Sequence[Sequence[Any]]:
    """Plain rows through the session's own DB-API cursor: SQLAlchemy's result fetched one
    row at a time, each through its row processors, cost more than SQLite's own work."""
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(statement, values)
        return cursor.fetchall()
    finally:
        cursor.close()


def _mention_spans(
    session: Session, ids: list[str], entities: frozenset[tuple[str, str]]
) -> dict[str, list[tuple[int, int]]]:
    """Where each article's body names one of `entities`, as the loader stored it. Found
    through the page's article ids: the `+` keeps SQLite from choosing the entity's index
    instead, which walked every mention of a leader named in thousands of articles."""
    if not entities or not ids:
        return {}
    keys = sorted({key for _, key in entities})
    statement = (
        'SELECT article_id, entity_type, entity_key, start, "end" FROM mention'
        f" WHERE article_id IN ({', '.join('?' * len(ids))}) AND field = 'body'"
        f" AND +entity_key IN ({', '.join('?' * len(keys))})"
    )
    spans: dict[str, list[tuple[int, int]]] = {}
    for article_id, kind, key, start, end in _rows(session, statement, (*ids, *keys)):
        if (kind, key) in entities:
            spans.setdefault(article_id, []).append((start, end))
    return spans


def _bodies(session: Session, ids: list[str]) -> dict[str, str]:
    """The clean bodies of one page of hits, in one statement, for their snippets. Plain
    SQL: building and compiling the ORM's select cost five times SQLite's own time."""
    if not ids:
        return {}
    statement = f"SELECT id, body FROM article WHERE id IN ({', '.join('?' * len(ids))})"
    return {row[0]: row[1] for row in _rows(session, statement, tuple(ids))}
