"""Whoosh's BM25F ranking, computed over the postings arrays instead of Whoosh's matchers.

Whoosh scores every match in Python (about 2 µs a posting), so ranking a common word over
100k articles, or ranking inside a filtered set, cost seconds. The formula, the statistics
(idf, average field length) and the per-document weights and lengths are Whoosh's own, so
the order is the one `searcher.search(query, filter=matches)` gives; a test checks it.
Queries with parts this does not model (prefixes, ranges, spans) are left to Whoosh.
"""

import math

import numpy as np
from whoosh import query as wq
from whoosh.fields import Schema
from whoosh.query import spans
from whoosh.scoring import BM25F

from app.build.postings import POSTING_FIELDS, Postings
from app.build.whoosh_private import field_b


class NotModelled(Exception):
    """The query holds a part whose Whoosh score this module does not reproduce."""


class Scorer:
    def __init__(self, postings: Postings, schema: Schema, size: int, weighting: BM25F | None = None) -> None:
        self.postings, self.schema, self.size = postings, schema, size
        self.weighting = weighting or BM25F()  # what Whoosh's searchers use by default

    def scores(self, query: wq.Query) -> tuple[np.ndarray, np.ndarray]:
        """(matches, scores) over every document number; scores count only where matched."""
        if isinstance(query, wq.Term):
            return self._term(query)
        if isinstance(query, spans.SpanQuery):
            raise NotModelled(type(query).__name__)
        if isinstance(query, wq.AndNot):
            matched, scores = self.scores(query.a)
            excluded, _ = self.scores(query.b)
            return matched & ~excluded, scores
        if type(query) in (wq.And, wq.Or) and query.boost == 1.0:
            if isinstance(query, wq.Or) and (query.minmatch or query.scale):
                raise NotModelled("Or with minmatch or scale")
            parts = [self.scores(sub) for sub in query.subqueries]
            if not parts:
                return np.zeros(self.size, dtype=bool), np.zeros(self.size)
            combine = np.logical_and if isinstance(query, wq.And) else np.logical_or
            matched = combine.reduce([m for m, _ in parts])
            total = np.zeros(self.size)
            for m, s in parts:
                total += np.where(m, s, 0.0)
            return matched, total
        raise NotModelled(type(query).__name__)

    def _term(self, query: wq.Term) -> tuple[np.ndarray, np.ndarray]:
        fieldname, text = query.fieldname, query.text
        if fieldname not in POSTING_FIELDS or not isinstance(text, str):
            raise NotModelled(f"field {fieldname}")
        docs, weights = self.postings.items(fieldname, text)
        matched = np.zeros(self.size, dtype=bool)
        scores = np.zeros(self.size)
        inside = docs < self.size
        docs, weights = docs[inside], weights[inside].astype(np.float64)
        matched[docs] = True
        if not self.schema[fieldname].scorable:
            scores[docs] = weights  # Whoosh's WeightScorer: the weight itself
        else:
            scores[docs] = self._bm25(fieldname, text, weights, docs)
        if query.boost != 1.0:
            scores *= query.boost
        return matched, scores

    def _bm25(self, fieldname: str, text: str, tf: np.ndarray, docs: np.ndarray) -> np.ndarray:
        """whoosh.scoring.bm25 with the global idf and average length, vectorised."""
        b = field_b(self.weighting, fieldname)
        k1 = self.weighting.K1
        # whoosh.scoring.WeightingModel.idf and Searcher.avg_field_length, from the arrays.
        documents = self.postings.doc_count_all
        idf = math.log(documents / (self.postings.doc_frequency(fieldname, text) + 1)) + 1
        avgfl = self.postings.field_length_totals[fieldname] / (documents or 1) or 1
        fl = self.postings.lengths[fieldname][docs].astype(np.float64)
        scores: np.ndarray = idf * ((tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * fl / avgfl)))
        return scores


def top(
    postings: Postings, schema: Schema, query: wq.Query, allowed: np.ndarray, limit: int | None
) -> list[tuple[int, float]]:
    """The best `limit` of the allowed documents the query matches, as (docnum, score),
    ordered as Whoosh orders them: score descending, then document number."""
    matched, scores = Scorer(postings, schema, len(allowed)).scores(query)
    docs = np.flatnonzero(matched & allowed)
    doc_scores = scores[docs]
    if limit is not None and limit < len(docs):
        # Keep every document tied with the limit-th score, then order exactly.
        threshold = np.partition(doc_scores, len(docs) - limit)[len(docs) - limit]
        keep = doc_scores >= threshold
        docs, doc_scores = docs[keep], doc_scores[keep]
    order = np.lexsort((docs, -doc_scores))
    chosen = order if limit is None else order[:limit]
    return [(int(docs[i]), float(doc_scores[i])) for i in chosen]
