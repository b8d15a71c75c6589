"""Which documents match a query, as a boolean mask, without Whoosh decoding postings.

Terms of the text fields come from the build's postings arrays (title words are in `text`
too), entity and filter fields from the columns; OR, AND, NOT and prefixes are array
operations. Span queries (phrases) are checked by Whoosh, but only on documents that hold
all their words. The result equals Whoosh's own `query.docs()`; a test checks it.
"""

import time
from collections.abc import Callable
from contextlib import AbstractContextManager

import numpy as np
from whoosh import query as wq
from whoosh.query import spans
from whoosh.searching import Searcher

from app.build.columns import Columns
from app.build.postings import Postings
from app.build.schema import FACETS, TEXT, TEXT_FIELDS, TITLE
from app.search.phrases import TooSlow, phrase_mask

__all__ = ["ArrayMatcher", "TooSlow", "without_title_twins"]

FACET_OF_FIELD = {field: name for name, field in FACETS.items()}


# A phrase's documents are found first when its most frequent word is in this many times
# as many documents as its rarest (see ArrayMatcher._phrase).
NARROWING = 2


def _phrase_terms(query: spans.SpanNear2) -> tuple[str, list[list[str]]] | None:
    """(field, each word's alternative keys) when the phrase is adjacent words in order,
    each a term or an Or of terms of one field; None for anything else."""
    if (query.slop, query.ordered, query.mindist) != (1, True, 1):
        return None
    fields: set[str] = set()
    words: list[list[str]] = []
    for part in query.qs:
        leaves = list(part.subqs) if isinstance(part, spans.SpanOr) else [part]
        if not leaves or not all(isinstance(leaf, wq.Term) and isinstance(leaf.text, str) for leaf in leaves):
            return None
        fields.update(leaf.fieldname for leaf in leaves)
        words.append([leaf.text for leaf in leaves])
    if len(fields) != 1 or not fields <= set(TEXT_FIELDS):
        return None
    return fields.pop(), words


def _part_key(query: wq.Query, field: str) -> object | None:
    """What a part of a query over `field` looks for (None for anything else): a term, a
    prefix, an Or of such parts, a phrase; a title part and the same part over `text` have
    the same key."""
    if isinstance(query, wq.Term | wq.Prefix):
        return (type(query), query.text) if query.fieldname == field else None
    if isinstance(query, spans.SpanNear2):
        found = _phrase_terms(query)
        return ("phrase", tuple(map(tuple, found[1]))) if found and found[0] == field else None
    if type(query) is wq.Or and query.subqueries:
        parts = [_part_key(sub, field) for sub in query.subqueries]
        return frozenset(parts) if all(parts) else None
    return None


def without_title_twins(subqueries: list[wq.Query]) -> list[wq.Query]:
    """The alternatives of an Or without those over `title` that an alternative over `text`
    already covers. The loader indexes each article's `text` as its title, a line break and
    its body, with the same analysis (app.loader.index.document_for): every title token
    is the text token at the same position, so a title term, prefix or phrase matches no
    document the same one over `text` does not. A word's title keys were a third of the
    terms a search read, a phrase's title check half of its cost."""
    covered = {key for key in (_part_key(sub, TEXT) for sub in subqueries) if key is not None}
    if not covered:
        return subqueries
    return [sub for sub in subqueries if _part_key(sub, TITLE) not in covered]


class ArrayMatcher:
    """Evaluates a Whoosh query tree to a mask over document numbers."""

    def __init__(
        self,
        postings: Postings,
        columns: Columns,
        whoosh: Callable[[], AbstractContextManager[Searcher]],
        deadline: float,
        memo: dict[wq.Query, np.ndarray] | None = None,
    ) -> None:
        self.postings, self.columns, self.whoosh, self.deadline = postings, columns, whoosh, deadline
        # One search's masks by query (`memo`, shared by the matchers of one search): a
        # search that finds nothing asks again, word by word, whether each word finds
        # anything alone, and those are the clauses its match has just read.
        self.memo = memo

    def _mask(self, docs: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.columns.size, dtype=bool)
        mask[docs[docs < self.columns.size]] = True
        return mask

    def mask(self, query: wq.Query) -> np.ndarray:
        """The documents `query` matches (deleted ones included). Callers must not change
        the array: with a memo, it is the one the next ask of the same query gets. Kept
        by the memo: the query and the clauses of its And and AndNot (a clause of the box
        is a word's Or, a phrase, a prefix...), not every part of them: Whoosh hashes a
        query by hashing its whole tree, so each part's lookup cost its subtree again."""
        if self.memo is None:
            return self._evaluate(query)
        found = self.memo.get(query)
        if found is None:
            found = self.memo[query] = self._evaluate(query)
        return found

    def _part(self, query: wq.Query) -> np.ndarray:
        """A part of a query that is not one of its clauses: evaluated, not looked up."""
        return self._evaluate(query)

    def _evaluate(self, query: wq.Query) -> np.ndarray:
        if isinstance(query, wq.Term):
            return self._term(query.fieldname, query.text)
        if isinstance(query, wq.Prefix) and query.fieldname in TEXT_FIELDS:
            return self._mask(self.postings.docs_with_prefix(query.fieldname, query.text))
        if isinstance(query, wq.AndNot):
            kept: np.ndarray = self.mask(query.a) & ~self.mask(query.b)
            return kept
        if isinstance(query, wq.And):
            result = np.ones(self.columns.size, dtype=bool)
            for sub in query.subqueries:
                result &= self.mask(sub)
            return result
        if isinstance(query, wq.Or) and not isinstance(query, spans.SpanQuery):
            alternatives = without_title_twins(query.subqueries)
            # A word's keys in a text field: their document numbers marked in one pass.
            terms = [
                sub
                for sub in alternatives
                if type(sub) is wq.Term and sub.fieldname in TEXT_FIELDS and isinstance(sub.text, str)
            ]
            result = (
                self._mask(np.concatenate([self.postings.docs_for(t.fieldname, t.text) for t in terms]))
                if terms
                else np.zeros(self.columns.size, dtype=bool)
            )
            for sub in alternatives:
                if not any(sub is t for t in terms):
                    result |= self._part(sub)
            return result
        if isinstance(query, wq.Every):
            return self.columns.live.copy()
        if isinstance(query, wq.NumericRange) and query.fieldname == "date_sort":
            dates = self.columns.date_sort
            mask = dates > 0
            if query.start is not None:
                mask &= dates >= query.start
            if query.end is not None:
                mask &= dates <= query.end
            return mask
        if isinstance(query, spans.SpanNear2):
            return self._phrase(query)
        with self.whoosh() as searcher:
            return self._mask(np.fromiter(query.docs(searcher), dtype=np.int64))

    def _term(self, fieldname: str, text: str) -> np.ndarray:
        if fieldname in TEXT_FIELDS:
            return self._mask(self.postings.docs_for(fieldname, text))
        if fieldname in FACET_OF_FIELD:
            return self.columns.docs_with(FACET_OF_FIELD[fieldname], text)
        with self.whoosh() as searcher:
            return self._mask(np.fromiter(wq.Term(fieldname, text).docs(searcher), dtype=np.int64))

    def _phrase(self, query: spans.SpanNear2) -> np.ndarray:
        """Words next to each other, in order: from the positions arrays when the phrase is
        the plain kind the search box makes, else checked by Whoosh."""
        words = _phrase_terms(query)
        if words is None:
            return self._phrase_by_whoosh(query)
        fieldname, terms = words
        # Only documents holding every word are read for places: the document numbers
        # of a term cost a tenth of its places, and the match's arrays, sorted and searched,
        # are as long as the candidates' places. Unless the words are about as frequent
        # as one another (the candidates would then drop too few places to be filtered by,
        # see Postings.places): the documents of the span so far narrow the next word.
        frequency = [
            sum(self.postings.doc_frequency(fieldname, term) for term in alternatives)
            for alternatives in terms
        ]
        candidates: np.ndarray | None = None
        if min(frequency) * NARROWING <= max(frequency):
            candidates = np.ones(self.columns.size, dtype=bool)
            for alternatives in terms:
                candidates &= self._mask(self._word_docs(fieldname, alternatives))
            if not candidates.any():
                return candidates
        return phrase_mask(self.postings, fieldname, terms, self.columns.size, candidates, self.deadline)

    def _word_docs(self, fieldname: str, alternatives: list[str]) -> np.ndarray:
        """The documents of a word's keys, a key whose documents equal an earlier one's
        (a form, its stem and its lemma often index the same tokens) taken once."""
        found: list[np.ndarray] = []
        for term in alternatives:
            docs = self.postings.docs_for(fieldname, term)
            if not any(len(d) == len(docs) and (d == docs).all() for d in found):
                found.append(docs)
        return np.concatenate(found) if found else np.zeros(0, dtype=np.int64)

    def _phrase_by_whoosh(self, query: spans.SpanNear2) -> np.ndarray:
        """Whoosh checks positions, but only at documents that hold every word."""
        candidates = np.ones(self.columns.size, dtype=bool)
        for part in query.qs:
            candidates &= self._part(wq.Or(list(part.subqs)) if isinstance(part, spans.SpanOr) else part)
        result = np.zeros(self.columns.size, dtype=bool)
        wanted = np.flatnonzero(candidates)
        with self.whoosh() as searcher:
            self._check_spans(query, searcher, wanted, result)
        return result

    def _check_spans(
        self, query: spans.SpanNear2, searcher: Searcher, wanted: np.ndarray, result: np.ndarray
    ) -> None:
        checked = 0
        for leaf, offset in searcher.leaf_searchers():
            end = offset + leaf.doc_count_all()
            local = wanted[(wanted >= offset) & (wanted < end)] - offset
            if not len(local):
                continue
            matcher = query.matcher(leaf)
            for docnum in local.tolist():
                if not matcher.is_active():
                    break
                if matcher.id() < docnum:
                    matcher.skip_to(docnum)
                    if not matcher.is_active():
                        break
                if matcher.id() == docnum:
                    result[docnum + offset] = True
                checked += 1
                if checked % 1024 == 1 and time.monotonic() > self.deadline:
                    raise TooSlow
