"""Full-text search over the Whoosh index with morphology-aware keys.

Plain words must all match (any case form, either script); "quoted phrases" must match in
order. Stray quotes and punctuation are just ignored, never an error.
"""

import re

from whoosh import query as wq
from whoosh.index import Index
from whoosh.query import spans

from app.entities.matcher import entities_for_word
from app.loader.index import text_field, title_field
from app.text.analysis import query_words
from app.text.morphology import LANGUAGES, query_keys

PHRASE_OR_WORD = re.compile(r'"([^"]+)"|([^\s"]+)')
MAX_QUERY_WORDS = 32


ENTITY_FIELDS = {"leader": "leaders", "country": "countries", "organisation": "organisations"}


def _word_query(field: str, word: str) -> wq.Query:
    return wq.Or([wq.Term(field, key) for key in query_keys(word)])


def _entity_terms(word: str) -> list[wq.Query]:
    """A word that names a register entity also finds it through the entity fields, so
    `Tokayev` finds `Тоқаев` and `Китай` finds `Қытай`."""
    return [wq.Term(ENTITY_FIELDS[kind], key) for kind, key in sorted(entities_for_word(word))]


def _phrase_query(field: str, words: list[str]) -> wq.Query:
    if len(words) == 1:
        return _word_query(field, words[0])
    parts = [spans.SpanOr([wq.Term(field, k) for k in query_keys(w)]) for w in words]
    return spans.SpanNear2(parts, slop=1, ordered=True)


def build_query(text: str) -> wq.Query | None:
    """One clause per word or phrase (AND), each searched in every language's fields (OR)."""
    clauses: list[wq.Query] = []
    for phrase, word in PHRASE_OR_WORD.findall(text)[:MAX_QUERY_WORDS]:
        words = query_words(phrase or word)
        if not words:
            continue
        fields = [f(lang) for lang in LANGUAGES for f in (text_field, title_field)]
        if phrase:
            clauses.append(wq.Or([_phrase_query(f, words) for f in fields]))
        else:
            clauses.extend(wq.Or([*(_word_query(f, w) for f in fields), *_entity_terms(w)]) for w in words)
    return wq.And(clauses) if clauses else None


def search_ids(ix: Index, text: str, limit: int = 50) -> tuple[list[str], int]:
    """Ids of matching articles, best first, and how many match in all."""
    query = build_query(text)
    if query is None:
        return [], 0
    with ix.searcher() as searcher:
        results = searcher.search(query, limit=limit)
        return [hit["id"] for hit in results], len(results)
