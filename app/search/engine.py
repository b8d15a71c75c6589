"""The search engine: query text and filters in, matching and ranked document numbers out,
with facet counts, the month timeline and a spelling suggestion (SearchCore), under one
time limit. Pure for a given build: the page layer (app.queries.search) caches its answers
and turns document numbers into articles.

Matching, ranking (prefixes and `date:` clauses included) and spelling suggestions run on
the build's arrays (app.search.matching, app.search.ranking, app.build.spelling); Whoosh
itself is asked only for what they do not model (query kinds the search box does not make),
through the archive's one shared searcher.
"""

import datetime as dt
import time
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

import numpy as np
from whoosh import query as wq
from whoosh.collectors import TimeLimitCollector
from whoosh.searching import Searcher, TimeLimit

from app.build.archive import Archive, WhooshBusy
from app.build.postings import Postings
from app.schemas import ResolvedFilter
from app.search import facets, ranking
from app.search.matching import ArrayMatcher, TooSlow
from app.search.syntax import MAX_CLAUSES, OPERATORS, TOKEN, ParsedQuery, parse_query, word_clause
from app.text.analysis import query_words

TIME_LIMIT_SECONDS = 5.0


class BadRequest(ValueError):
    """A parameter the archive cannot act on; routes turn this into a 400.

    `parameters` names what is at fault, as (name, value) pairs (value None: every value of
    that name), so an error page can offer the same request without them; `details` adds
    lines for the reader (the values that exist, the closest ones)."""

    def __init__(
        self,
        message: str,
        *,
        parameters: tuple[tuple[str, str | None], ...] = (),
        details: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.parameters = parameters
        self.details = details


class QueryTooExpensive(BadRequest):
    """A query that would run past the time limit; narrowing it helps."""


class SearchBusy(Exception):
    """Whoosh's one searcher was held by other requests past this one's time limit; routes
    answer 503 with Retry-After. Never remembered: asking again later may well work."""


TOO_EXPENSIVE = "This search takes too long; add words or filters to narrow it."


@dataclass
class ArticleQuery:
    q: str = ""
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = ""
    cursor: str | None = None
    limit: int = 20
    # Filter values given as names and read as keys (app.queries.filters): reported, not searched.
    resolved: list[ResolvedFilter] = field(default_factory=list)

    @property
    def effective_sort(self) -> str:
        return self.sort or ("relevance" if self.q.strip() else "newest")


def build_query(text: str) -> wq.Query | None:
    return parse_query(text).query


def suggest(
    archive: Archive,
    text: str,
    deadline: float | None = None,
    postings: Postings | None = None,
    memo: dict[wq.Query, np.ndarray] | None = None,
) -> str | None:
    """The query as typed, with a spelling the index knows for each plain word that finds
    nothing on its own. Only the clauses the query reads (its first MAX_CLAUSES) are read,
    as many as the deadline leaves time for. Fields (`date:2019`, `country:IL`), phrases,
    prefixes, operators and excluded words stay as typed: the suggestion is a query that
    asks what the reader asked, one respelling apart. Whether a word finds anything is read
    from the arrays, and the respelling from the build's term dictionary
    (app.build.spelling), both as Whoosh would answer them. `postings` and `memo`: the
    search's own (see search_core), whose match has just read most of these words."""
    deadline = time.monotonic() + TIME_LIMIT_SECONDS if deadline is None else deadline
    pieces: list[str] = []
    kept_up_to = 0
    negate_next = False
    for count, token in enumerate(TOKEN.finditer(text)):
        if count >= MAX_CLAUSES or time.monotonic() > deadline:
            break
        minus, _field, _value, _phrase, bare = token.groups()
        if bare in OPERATORS:
            negate_next = bare == "NOT"
            continue
        excluded, negate_next = negate_next or bool(minus), False
        if bare is None or excluded or bare.endswith("*"):
            continue
        words = query_words(bare)
        respelled = [_respelled(archive, word, deadline, postings, memo) or word for word in words]
        if respelled != words:
            pieces += [text[kept_up_to : token.start()], " ".join(respelled)]
            kept_up_to = token.end()
    if not pieces:
        return None
    return "".join([*pieces, text[kept_up_to:]]).strip()


def _respelled(
    archive: Archive,
    word: str,
    deadline: float,
    postings: Postings | None = None,
    memo: dict[wq.Query, np.ndarray] | None = None,
) -> str | None:
    """A spelling of `word` the index knows, when `word` alone finds nothing."""
    alone = ParsedQuery(word_clause(word), frozenset())
    if match_mask(archive, ArticleQuery(q=word), deadline, alone, postings, memo).any():
        return None
    return archive.postings.respelling(word)


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
    postings: Postings | None = None,
    memo: dict[wq.Query, np.ndarray] | None = None,
) -> np.ndarray:
    """Which documents match: filters from the columns, words from the index (unscored).
    `postings`: the search's own view of them (Postings.for_one_search), if it has one;
    `memo`: the search's masks by query (ArrayMatcher), if it keeps them."""
    columns = archive.columns
    mask = columns.filter_mask(request.filters, request.date_from, request.date_to)
    text_query = (parsed or parse_query(request.q)).query
    if text_query is None:
        return mask
    deadline = time.monotonic() + TIME_LIMIT_SECONDS if deadline is None else deadline
    refusal = QueryTooExpensive(TOO_EXPENSIVE)

    def whoosh() -> AbstractContextManager[Searcher]:
        return archive.whoosh(wait=_left(deadline))

    try:
        matcher = ArrayMatcher(postings or archive.postings, columns, whoosh, deadline, memo)
        matched: np.ndarray = mask & matcher.mask(text_query)
        return matched
    except TooSlow as exc:
        raise refusal from exc


def _ranked(
    archive: Archive,
    request: ArticleQuery,
    parsed: ParsedQuery,
    matched: np.ndarray,
    limit: int | None,
    deadline: float,
    postings: Postings,
) -> list[tuple[int, float]]:
    """Whoosh's ranking of the matches by the ranking query (phrases read as their words:
    scoring spans over a large set was the slow tail), as (docnum, score). Computed from the
    postings arrays when the query allows (`app.search.ranking`), else by Whoosh with the
    exact match set as a filter whenever the ranking query alone could match other documents."""
    if parsed.ranking is None:
        return []
    allowed = np.zeros(archive.columns.size, dtype=bool)
    allowed[matched] = True
    # Whoosh reads the index's table of contents from disk for every `index.schema`
    # (0.6 ms a ranked search); a build's schema never changes.
    schema = archive.once("whoosh schema", lambda: archive.index.schema)
    try:
        return ranking.top(postings, schema, parsed.ranking, allowed, limit, archive.columns.date_sort)
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


# Matches past which the build's whole date order is read instead of sorting them.
SORT_MATCHES = 2000


def by_date(archive: Archive, matched: np.ndarray, mask: np.ndarray | None, newest: bool) -> np.ndarray:
    """`Columns.by_date(matched, newest)`. Its order is total (ties by article id), so the
    order of any set of matches is the build's whole order with the others left out: read
    that way, once a build has it, when the matches are many (sorting 50,000 matches by
    date was most of a filters-only search at 100k articles)."""
    columns = archive.columns
    if len(matched) <= SORT_MATCHES:
        return columns.by_date(matched, newest)
    if mask is None:
        mask = np.zeros(columns.size, dtype=bool)
        mask[matched] = True
    whole = archive.once(
        ("date order", newest), lambda: columns.by_date(np.arange(columns.size), newest).astype(np.int32)
    )
    ordered: np.ndarray = whole[mask[whole]].astype(np.int64)
    return ordered


def search_core(
    archive: Archive, request: ArticleQuery, sort: str, offset: int, parsed: ParsedQuery
) -> SearchCore:
    """The index side of a search: page, total, facets, timeline. Pure for a given build.
    One deadline for all of it: the match, Whoosh's ranking, the spelling suggestion."""
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    postings = archive.postings.for_one_search()
    memo: dict[wq.Query, np.ndarray] = {}
    mask = match_mask(archive, request, deadline, parsed=parsed, postings=postings, memo=memo)
    matched = np.flatnonzero(mask)
    total = int(len(matched))
    if sort == "relevance" and parsed.ranking is not None and total:
        limit = offset + request.limit
        ranked = _ranked(archive, request, parsed, matched, limit, deadline, postings)[offset:]
        page_docs = tuple(docnum for docnum, _ in ranked)
        scores: tuple[float | None, ...] = tuple(score for _, score in ranked)
    else:
        ordered = by_date(archive, matched, mask, newest=sort != "oldest")
        page_docs = tuple(int(d) for d in ordered[offset : offset + request.limit])
        scores = (None,) * len(page_docs)
    counted = build_tally(archive)
    if not total:
        # Nothing to count: every facet without values, an empty timeline (what counting
        # over no documents gives, without passes over every document's values).
        return SearchCore(
            page_docs=page_docs,
            scores=scores,
            total=0,
            facets={name: [] for name in counted.facets},
            months=[],
            undated=0,
            suggestion=_suggestion(archive, request, parsed, deadline, postings, memo),
        )
    months, undated = counted.timeline(mask)
    return SearchCore(
        page_docs=page_docs,
        scores=scores,
        total=total,
        facets=counted.facet_counts(mask),
        months=months,
        undated=undated,
        suggestion=None,
    )


def build_tally(archive: Archive) -> facets.Tally:
    """The build's facets and months as a search counts them, read once per build and process."""
    return archive.once("facet tally", lambda: facets.tally(archive.columns))


def _suggestion(
    archive: Archive,
    request: ArticleQuery,
    parsed: ParsedQuery,
    deadline: float,
    postings: Postings | None = None,
    memo: dict[wq.Query, np.ndarray] | None = None,
) -> str | None:
    """A spelling suggestion only when the words alone match nothing: when filters are what
    emptied the list, a respelling would not help. A suggestion is a courtesy: out of time,
    or with Whoosh busy past the deadline, there is none (or a partial one), never an error."""
    if not request.q.strip():
        return None
    try:
        unfiltered = ArticleQuery(q=request.q)
        if _has_filters(request) and match_mask(archive, unfiltered, deadline, parsed, postings, memo).any():
            return None
        return suggest(archive, request.q, deadline, postings, memo)
    except (QueryTooExpensive, WhooshBusy):
        return None


def matching_ids(archive: Archive, request: ArticleQuery) -> list[str]:
    """Every matching article id in the request's order: for feeds and exports."""
    parsed = parse_query(request.q)
    deadline = time.monotonic() + TIME_LIMIT_SECONDS
    postings = archive.postings.for_one_search()
    try:
        matched = np.flatnonzero(match_mask(archive, request, deadline, parsed=parsed, postings=postings))
        if request.effective_sort == "relevance" and parsed.ranking is not None:
            ranked = _ranked(archive, request, parsed, matched, None, deadline, postings)
            return [str(archive.columns.ids[docnum]) for docnum, _ in ranked]
    except WhooshBusy as exc:
        raise SearchBusy("The search engine is busy; try again in a moment.") from exc
    ordered = by_date(archive, matched, None, newest=request.effective_sort != "oldest")
    return [str(archive.columns.ids[d]) for d in ordered]
