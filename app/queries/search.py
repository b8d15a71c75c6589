"""Search and filtered listing over the Whoosh index, the one place both article views call.

Plain words must all match (any case form, either script, or the entity they name);
"quoted phrases" must match in order. Stray quotes and punctuation are ignored, never an
error. Filters, facet counts, the month timeline and snippets come from the same result set.
"""

import base64
import binascii
import datetime as dt
import json
import time
from dataclasses import dataclass, field

import numpy as np
from sqlmodel import Session, col, select
from whoosh import query as wq
from whoosh.collectors import TimeLimitCollector
from whoosh.searching import Searcher, TimeLimit

from app.build.archive import Archive, WhooshBusy
from app.build.schema import TEXT
from app.models import Article
from app.queries import ranking
from app.queries.articles import summaries
from app.queries.labels import facet_labels
from app.queries.matching import Matcher, TooSlow
from app.queries.syntax import MAX_CLAUSES, ParsedQuery, parse_query, word_clause
from app.schemas import FacetValue, Hit, SearchResults, Segment, TimelineBucket
from app.text.analysis import WORD, query_words
from app.text.morphology import query_keys

SORTS = ("relevance", "newest", "oldest")
FACET_LIMIT = 30
SNIPPET_WORDS = 40
TIME_LIMIT_SECONDS = 5.0


class BadRequest(ValueError):
    """A parameter the archive cannot act on; routes turn this into a 400."""


@dataclass
class ArticleQuery:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = ""
    cursor: str | None = None
    limit: int = 20

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q.strip() else "newest")


def build_query(text: str) -> wq.Query | None:
    return parse_query(text).query


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


def suggest(searcher: Searcher, text: str, deadline: float | None = None) -> str | None:
    """A spelling the index knows for each plain word that finds nothing on its own: of the
    words the query reads (its first MAX_CLAUSES), as many as the deadline leaves time for;
    the rest stay as typed."""
    changed = False
    words = []
    typed = query_words(text)
    for count, word in enumerate(typed):
        if count >= MAX_CLAUSES or (deadline is not None and time.monotonic() > deadline):
            words.extend(typed[count:])
            break
        if searcher.search(word_clause(word), limit=1).scored_length():
            words.append(word)
            continue
        found = searcher.suggest(TEXT, word, limit=1, maxdist=2)
        best = found[0] if found else None
        words.append(best or word)
        changed = changed or bool(best)
    return " ".join(words) if changed else None


class QueryTooExpensive(BadRequest):
    """A query that would run past the time limit; narrowing it helps."""


class SearchBusy(Exception):
    """Whoosh's one searcher was held by other requests past this one's time limit; routes
    answer 503 with Retry-After. Never remembered: asking again later may well work."""


TOO_EXPENSIVE = "This search takes too long; add words or filters to narrow it."


def _left(deadline: float) -> float:
    return max(0.0, deadline - time.monotonic())


@dataclass(frozen=True)
class SearchCore:
    """Everything a search page needs from the index, before any SQLite read: cacheable."""

    page_docs: tuple[int, ...]
    scores: tuple[float | None, ...]
    total: int
    facets: dict[str, list[tuple[str, int]]]
    months: list[tuple[str, int]]
    undated: int
    suggestion: str | None


def _has_filters(request: ArticleQuery) -> bool:
    return any(request.filters.values()) or bool(request.date_from or request.date_to)


def match_mask(
    archive: Archive,
    request: ArticleQuery,
    deadline: float | None = None,
    parsed: ParsedQuery | None = None,
) -> np.ndarray:
    """Which documents match: filters from the columns, words from the index (unscored)."""
    columns = archive.columns
    mask = columns.filter_mask(request.filters, request.date_from, request.date_to)
    text_query = (parsed or parse_query(request.q)).query
    if text_query is None:
        return mask
    deadline = time.monotonic() + TIME_LIMIT_SECONDS if deadline is None else deadline
    refusal = QueryTooExpensive(TOO_EXPENSIVE)

    def whoosh():  # type: ignore[no-untyped-def]
        return archive.whoosh(wait=_left(deadline))

    if archive.postings is not None:
        try:
            return mask & Matcher(archive.postings, columns, whoosh, deadline).mask(text_query)
        except TooSlow as exc:
            raise refusal from exc
    hits = np.zeros(columns.size, dtype=bool)
    with whoosh() as searcher:
        for count, docnum in enumerate(text_query.docs(searcher)):
            if docnum < columns.size:
                hits[docnum] = True
            if count % 4096 == 0 and time.monotonic() > deadline:
                raise refusal
    return mask & hits


def _ranked(
    archive: Archive,
    request: ArticleQuery,
    parsed: ParsedQuery,
    matched: np.ndarray,
    limit: int | None,
    deadline: float,
) -> list[tuple[int, float]]:
    """Whoosh's ranking of the matches by the ranking query (phrases read as their words:
    scoring spans over a large set was the slow tail), as (docnum, score). Computed from the
    postings arrays when the query allows (`app.queries.ranking`), else by Whoosh with the
    exact match set as a filter whenever the ranking query alone could match other documents."""
    if parsed.ranking is None:
        return []
    if archive.postings is not None:
        allowed = np.zeros(archive.columns.size, dtype=bool)
        allowed[matched] = True
        try:
            return ranking.top(archive.postings, archive.index.schema, parsed.ranking, allowed, limit)
        except ranking.NotModelled:
            pass
    filter_set = set(matched.tolist()) if _has_filters(request) or not parsed.exact else None
    if _left(deadline) <= 0:
        raise QueryTooExpensive(TOO_EXPENSIVE)
    with archive.whoosh(wait=_left(deadline)) as searcher:
        # Whoosh stops collecting when the request's time is up (a timer thread, not
        # SIGALRM: requests run in worker threads).
        collector = TimeLimitCollector(
            searcher.collector(limit=limit, filter=filter_set),
            timelimit=max(_left(deadline), 0.001),
            use_alarm=False,
        )
        try:
            searcher.search_with_collector(parsed.ranking, collector)
        except TimeLimit as exc:
            raise QueryTooExpensive(TOO_EXPENSIVE) from exc
        return [(hit.docnum, float(hit.score)) for hit in collector.results()]


def search_core(
    archive: Archive, request: ArticleQuery, sort: str, offset: int, parsed: ParsedQuery
) -> SearchCore:
    """The index side of a search: page, total, facets, timeline. Pure for a given build.
    One deadline for all of it: the match, Whoosh's ranking, the spelling suggestion."""
    columns = archive.columns
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    mask = match_mask(archive, request, deadline, parsed=parsed)
    matched = np.flatnonzero(mask)
    total = int(len(matched))
    if sort == "relevance" and parsed.ranking is not None and total:
        ranked = _ranked(archive, request, parsed, matched, offset + request.limit, deadline)[offset:]
        page_docs = tuple(docnum for docnum, _ in ranked)
        scores: tuple[float | None, ...] = tuple(score for _, score in ranked)
    else:
        ordered = columns.by_date(matched, newest=sort != "oldest")
        page_docs = tuple(int(d) for d in ordered[offset : offset + request.limit])
        scores = (None,) * len(page_docs)
    months, undated = columns.timeline(mask)
    return SearchCore(
        page_docs=page_docs,
        scores=scores,
        total=total,
        facets=columns.facet_counts(mask),
        months=months,
        undated=undated,
        suggestion=_suggestion(archive, request, parsed, deadline) if total == 0 else None,
    )


def _suggestion(archive: Archive, request: ArticleQuery, parsed: ParsedQuery, deadline: float) -> str | None:
    """A spelling suggestion only when the words alone match nothing: when filters are what
    emptied the list, a respelling would not help (and Whoosh's corrector is slow). A
    suggestion is a courtesy: out of time, or with Whoosh busy past the deadline, there is
    none (or a partial one), never an error."""
    if not request.q.strip():
        return None
    try:
        if _has_filters(request) and match_mask(archive, ArticleQuery(q=request.q), deadline, parsed).any():
            return None
        with archive.whoosh(wait=_left(deadline)) as searcher:
            return suggest(searcher, request.q, deadline)
    except (QueryTooExpensive, WhooshBusy):
        return None


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


def cache_key(request: ArticleQuery, sort: str, offset: int) -> tuple:
    filters = tuple(sorted((name, tuple(sorted(v))) for name, v in request.filters.items() if v))
    return (request.q.strip(), filters, request.date_from, request.date_to, sort, offset, request.limit)


def search(archive: Archive, session: Session, request: ArticleQuery) -> SearchResults:
    """One page of matching articles with facets, timeline and snippets."""
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
    items = summaries(session, page_ids)
    keys = set(parsed.highlight)
    bodies = _bodies(session, page_ids) if keys else {}
    hits = []
    for article in items:
        text = bodies.get(article.id, "") if keys else article.lead
        hits.append(Hit(article=article, score=scores.get(article.id), snippet=snippet(text, keys)))
    labels = facet_labels(session, {name: [v for v, _ in values] for name, values in core.facets.items()})
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
        timeline=[TimelineBucket(month=m, count=c) for m, c in core.months],
        undated=core.undated,
        suggestion=core.suggestion,
    )


def _bodies(session: Session, ids: list[str]) -> dict[str, str]:
    """The clean bodies of one page of hits, in one query, for their snippets."""
    return dict(session.exec(select(Article.id, Article.body).where(col(Article.id).in_(ids))).all())


def matching_ids(archive: Archive, request: ArticleQuery) -> list[str]:
    """Every matching article id in the request's order: for feeds and exports."""
    parsed = parse_query(request.q)
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    try:
        matched = np.flatnonzero(match_mask(archive, request, deadline, parsed=parsed))
        if request.effective_sort == "relevance" and parsed.ranking is not None:
            ranked = _ranked(archive, request, parsed, matched, None, deadline)
            return [str(archive.columns.ids[docnum]) for docnum, _ in ranked]
    except WhooshBusy as exc:
        raise SearchBusy("The search engine is busy; try again in a moment.") from exc
    ordered = archive.columns.by_date(matched, newest=request.effective_sort != "oldest")
    return [str(archive.columns.ids[d]) for d in ordered]
