"""Whoosh's BM25F ranking, computed over the postings arrays instead of Whoosh's matchers.

Whoosh scores every match in Python (about 2 µs a posting), so ranking a common word over
100k articles, or ranking inside a filtered set, cost seconds. The formula, the statistics
(idf, average field length) and the per-document weights and lengths are Whoosh's own, so
the order is the one `searcher.search(query, filter=matches)` gives; a test checks it.

Prefixes are what Whoosh makes of them, an Or of every term of the range (a range of the
sorted term dictionary here, scored in one pass); a date range typed in the box
(`date:2021`) is Whoosh's constant-score range, its boost for every dated match. Queries
with parts this does not model (spans, other ranges) are left to Whoosh.
"""

import math

import numpy as np
from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.query import spans
from whoosh.scoring import BM25F

from app.build.postings import POSTING_FIELDS, Postings
from app.build.whoosh_private import field_b

# whoosh.query.compound.Or._matcher: an Or over a segment of at most this many documents,
# when nothing needs its current match, is preloaded into an array.
PRELOAD_MAX_DOCUMENTS = 5000


class NotModelled(Exception):
    """The query holds a part whose Whoosh score this module does not reproduce."""


class Scorer:
    """Scores over a universe of documents (sorted document numbers: the matches a page
    ranks), not over every document of the build: each array is as long as the matches,
    and a term's postings outside them are dropped first. Full-length arrays per term
    were most of a ranked search's time at 100k articles."""

    def __init__(
        self,
        postings: Postings,
        schema: Schema,
        universe: np.ndarray,
        dates: np.ndarray | None = None,
        weighting: BM25F | None = None,
        documents: int | None = None,
    ) -> None:
        self.postings, self.schema, self.universe, self.dates = postings, schema, universe, dates
        self.size = len(universe)
        # Each document's place in the universe (-1: not in it), for every document number
        # up to `documents`: one gather per term instead of a binary search per posting.
        documents = int(universe[-1]) + 1 if documents is None and self.size else documents or 0
        self.place = np.full(documents, -1, dtype=np.int64)
        self.place[universe] = np.arange(self.size)
        self.weighting = weighting or BM25F()  # what Whoosh's searchers use by default
        # Per field and boost, the terms scored so far: (docs, weights, matched, scores).
        self._scored: dict[
            tuple[str, float], list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]
        ] = {}

    def scores(self, query: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """(matches, scores), both indexed like the universe; scores count only where matched."""
        if isinstance(query, wq.Term):
            return self._term(query)
        if type(query) is wq.Prefix:
            return self._prefix(query)
        if type(query) is wq.NumericRange:
            return self._date_range(query)
        if isinstance(query, spans.SpanQuery):
            raise NotModelled(type(query).__name__)
        if isinstance(query, wq.AndNot):
            matched, scores = self.scores(query.a)
            excluded, _ = self.scores(query.b)
            return matched & ~excluded, scores
        if type(query) in (wq.And, wq.Or) and query.boost == 1.0:
            if isinstance(query, wq.Or) and (query.minmatch or query.scale):
                raise NotModelled("Or with minmatch or scale")
            parts = [(sub, *self.scores(sub)) for sub in query.subqueries]
            if not parts:
                return np.zeros(self.size, dtype=bool), np.zeros(self.size)
            # Combined in place, one part at a time (reducing a list stacked them all first).
            matched = parts[0][1].copy()
            for _, m, _ in parts[1:]:
                if isinstance(query, wq.And):
                    matched &= m
                else:
                    matched |= m
            total = np.zeros(self.size)
            for sub, m, s in parts:
                # A term's, a prefix's or a range's scores are 0 where it does not match:
                # added as they are, the same sums without a pass to select them.
                total += s if _scores_only_where_matched(sub) else np.where(m, s, 0.0)
            return matched, total
        raise NotModelled(type(query).__name__)

    def _inside(self, docs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Which of `docs` are in the universe, and where each of those stands in it."""
        found = docs < len(self.place)
        at = self.place[docs[found]]
        found[found] = at >= 0
        return found, at[at >= 0]

    def _term(self, query: wq.Term) -> tuple[np.ndarray, np.ndarray]:
        """A term's matches and BM25F scores. A word's keys (its form, stem and lemma) often
        have the very same postings: such a key's scores are the earlier key's, not computed
        again (equal postings give equal statistics, so equal scores, bit for bit)."""
        fieldname, text = query.fieldname, query.text
        if fieldname not in POSTING_FIELDS or not isinstance(text, str):
            raise NotModelled(f"field {fieldname}")
        docs, weights = self.postings.items(fieldname, text)
        earlier = self._scored.setdefault((fieldname, float(query.boost)), [])
        for seen_docs, seen_weights, seen_matched, seen_scores in earlier:
            if len(seen_docs) == len(docs) and (seen_docs == docs).all() and (seen_weights == weights).all():
                return seen_matched, seen_scores
        matched, scores = self._term_scores(query, docs, weights)
        earlier.append((docs, weights, matched, scores))
        return matched, scores

    def _term_scores(
        self, query: wq.Term, docs: np.ndarray, weights: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        fieldname, text = query.fieldname, query.text
        matched = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size)
        inside, at = self._inside(docs)
        docs, weights = docs[inside], weights[inside].astype(np.float64)
        matched[at] = True
        if not self.schema[fieldname].scorable:
            scores[at] = weights  # Whoosh's WeightScorer: the weight itself
        else:
            scores[at] = self._bm25(fieldname, self._idf(fieldname, text), weights, docs)
        if query.boost != 1.0:
            scores *= query.boost
        return matched, scores

    def _prefix(self, query: wq.Prefix) -> tuple[np.ndarray, np.ndarray]:
        """Whoosh's Prefix, segment by segment as Whoosh scores it: the segment's terms of
        the range ORed. One term, or an Or Whoosh builds as a tree of unions (two terms, or
        a segment of over 5,000 documents), is scored by BM25F and summed per document
        (the prefix's `constantscore` asks for no weighting, and Whoosh's postings then fall
        back to the searcher's). Otherwise Whoosh preloads the Or unscored: 1 per match."""
        fieldname = query.fieldname
        if fieldname not in POSTING_FIELDS or not self.schema[fieldname].scorable or query.boost != 1.0:
            raise NotModelled(f"prefix in {fieldname}")
        frequencies, parts = self.postings.prefix_items(fieldname, query.text)
        # Python's log, as Whoosh's: NumPy's may differ in the last bit.
        documents = self.postings.doc_count_all
        idf = np.array([math.log(documents / (n + 1)) + 1 for n in frequencies.tolist()])
        matched = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size)
        for part in parts:
            inside, at = self._inside(part.docs)
            docs = part.docs[inside]
            matched[at] = True
            scored = part.term_count == 1 or (
                part.term_count < wq.Or.TOO_MANY_CLAUSES
                and (part.term_count == 2 or part.segment_documents > PRELOAD_MAX_DOCUMENTS)
            )
            if scored:
                weights = part.weights[inside].astype(np.float64)
                per_posting = self._bm25(fieldname, idf[part.terms[inside]], weights, docs)
                scores += np.bincount(at, weights=per_posting, minlength=self.size)
            else:
                scores[at] = 1.0  # segments do not share documents
        return matched, scores

    def _date_range(self, query: wq.NumericRange) -> tuple[np.ndarray, np.ndarray]:
        """`date:` in the box: Whoosh compiles it to a ConstantScoreQuery, its boost for
        every document whose date is in the range."""
        if query.fieldname != "date_sort" or self.dates is None or query.startexcl or query.endexcl:
            raise NotModelled(f"range in {query.fieldname}")
        dated = self.universe < len(self.dates)
        dates = np.zeros(self.size, dtype=self.dates.dtype)
        dates[dated] = self.dates[self.universe[dated]]
        matched = dates > 0
        if query.start is not None:
            matched &= dates >= query.start
        if query.end is not None:
            matched &= dates <= query.end
        return matched, np.where(matched, float(query.boost), 0.0)

    def _bm25(self, fieldname: str, idf: float | np.ndarray, tf: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """whoosh.scoring.bm25 with the global idf and average length, vectorised."""
        b = field_b(self.weighting, fieldname)
        k1 = self.weighting.K1
        # Searcher.avg_field_length, from the arrays.
        documents = self.postings.doc_count_all
        avgfl = self.postings.field_length_totals[fieldname] / (documents or 1) or 1
        fl = self.postings.lengths[fieldname][docs].astype(np.float64)
        scores: np.ndarray = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
        return scores

    def _idf(self, fieldname: str, text: str) -> float:
        """whoosh.scoring.WeightingModel.idf, from the arrays (deleted documents counted)."""
        frequency = self.postings.doc_frequency(fieldname, text)
        return math.log(self.postings.doc_count_all / (frequency + 1)) + 1


def _scores_only_where_matched(query: wq.Query) -> bool:
    """Whether Scorer.scores gives this query 0 wherever it does not match (its leaves)."""
    return isinstance(query, wq.Term) or type(query) in (wq.Prefix, wq.NumericRange)


def top(
    postings: Postings,
    schema: Schema,
    query: wq.Query,
    allowed: np.ndarray,
    limit: int | None,
    dates: np.ndarray | None = None,
) -> list[tuple[int, float]]:
    """The best `limit` of the allowed documents the query matches, as (docnum, score),
    ordered as Whoosh orders them: score descending, then document number. `dates`: each
    document's YYYYMMDD (0 undated), for `date:` clauses."""
    universe = np.flatnonzero(allowed)
    matched, scores = Scorer(postings, schema, universe, dates, documents=len(allowed)).scores(query)
    chosen = np.flatnonzero(matched)
    docs, doc_scores = universe[chosen], scores[chosen]
    if limit is not None and limit < len(docs):
        # Keep every document tied with the limit-th score, then order exactly.
        threshold = np.partition(doc_scores, len(docs) - limit)[len(docs) - limit]
        keep = doc_scores >= threshold
        docs, doc_scores = docs[keep], doc_scores[keep]
    order = np.lexsort((docs, -doc_scores))
    chosen = order if limit is None else order[:limit]
    return [(int(docs[i]), float(doc_scores[i])) for i in chosen]
