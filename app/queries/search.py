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

from sqlmodel import Session, col, select

from app.build.archive import Archive, WhooshBusy
from app.i18n import Lang
from app.models import Article
from app.queries.articles import summaries
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
        raise BadRequest(
            "The cursor is not one this archive gave out; start again from the first page."
        ) from exc
    if type(offset) is not int or offset < 0:  # not isinstance: a bool is an int
        raise BadRequest("The cursor is not one this archive gave out; start again from the first page.")
    return offset


def snippet(text: str, keys: set[str], words: int = SNIPPET_WORDS) -> list[Segment]:
    """A window of the text around the first matching word, matches marked."""
    tokens = list(WORD.finditer(text))
    hits = [i for i, t in enumerate(tokens) if keys & set(query_keys(t.group(0).lower()))]
    if not tokens:
        return []
    first = max(0, (hits[0] if hits else 0) - words // 4)
    window = tokens[first : first + words]
    start, end = window[0].start(), window[-1].end()
    marked = {tokens[i].start() for i in hits}
    segments: list[Segment] = [Segment(text="… ")] if start > 0 else []
    cursor = start
    for token in window:
        if token.start() in marked:
            if token.start() > cursor:
                segments.append(Segment(text=text[cursor : token.start()]))
            segments.append(Segment(text=token.group(0), mark=True))
            cursor = token.end()
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
        raise BadRequest(f"Unknown sort {sort!r}; use one of: {', '.join(SORTS)}.")
    if request.date_from and request.date_to and request.date_from > request.date_to:
        raise BadRequest("date_from is after date_to.")
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
    items = summaries(session, page_ids, lang)
    keys = set(parsed.highlight)
    bodies = _bodies(session, page_ids) if keys else {}
    hits = []
    for article in items:
        text = bodies.get(article.id, "") if keys else article.lead
        hits.append(Hit(article=article, score=scores.get(article.id), snippet=snippet(text, keys)))
    labels = facet_labels(
        session, {name: [v for v, _ in values] for name, values in core.facets.items()}, lang
    )
    facets = {
        name: [
            FacetValue(
                value=value,
                label=labels.get(name, {}).get(value, value),
                count=count,
                selected=value in request.filters.get(name, []),
            )
            for value, count in values[:FACET_LIMIT]
        ]
        for name, values in core.facets.items()
    }
    total = core.total
    return SearchResults(
        items=hits,
        total=total,
        limit=request.limit,
        next=encode_cursor(offset + request.limit) if offset + request.limit < total else None,
        previous=encode_cursor(max(0, offset - request.limit)) if offset > 0 else None,
        query=request.q,
        filters={k: v for k, v in request.filters.items() if v},
        sort=sort,
        facets=facets,
        timeline=buckets(core.months, lang),
        undated=core.undated,
        suggestion=core.suggestion,
    )


def _bodies(session: Session, ids: list[str]) -> dict[str, str]:
    """The clean bodies of one page of hits, in one query, for their snippets."""
    return dict(session.exec(select(Article.id, Article.body).where(col(Article.id).in_(ids))).all())
