"""The search box's syntax, parsed without ever failing.

    Токаев Қытай          all words, any case form or script, or the entity they name
    foreign minister      a role (or a kind of event) in any of the three languages
    "телефонный разговор" a phrase, in order
    Израиль OR Ресей      either side
    -Путин, NOT Путин     without
    президент*            words starting so (at least 3 letters; a lone * is ignored)
    leader:tokayev country:IL organisation:UN lang:kk event:meeting
    date:2020  date:2020-04..2021-06-30

Anything else (stray quotes, brackets, punctuation) is read as plain text, never an error.
"""

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from whoosh import query as wq
from whoosh.query import spans
from whoosh.reading import IndexReader

from app.build.schema import FACETS, TEXT_FIELDS
from app.entities.events import event_names
from app.entities.matcher import entities_for_word
from app.entities.register import role_name_key, role_search_names
from app.text.analysis import query_words
from app.text.fold import fold
from app.text.morphology import query_keys

TOKEN = re.compile(r'(-?)(?:(\w+):("[^"]*"|\S+)|"([^"]*)"?|(\S+))')
MAX_CLAUSES = 32
# Bare words that join or negate clauses rather than search for themselves.
OPERATORS = frozenset({"OR", "|", "AND", "&", "NOT"})
MIN_PREFIX = 3
ENTITY_FIELDS = {kind: FACETS[kind] for kind in ("leader", "country", "organisation")}
FIELD_ALIASES = {"org": "organisation", "language": "lang", "type": "event"}
FILTER_FIELDS = {kind: FACETS[kind] for kind in ("lang", "event", "outlet")}
DATE_PART = re.compile(r"^(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?$")


class KeysSpanOr(spans.SpanOr):  # type: ignore[misc]  # Whoosh ships no types: its classes are Any
    """SpanOr that can say how many documents it may match: Whoosh's Or asks every
    subquery when it builds a weighted matcher tree, and plain SpanOr raises there."""

    def estimate_size(self, ixreader: IndexReader) -> int:
        return sum(q.estimate_size(ixreader) for q in self.subqs)


@dataclass(frozen=True)
class ParsedQuery:
    query: wq.Query | None
    highlight: frozenset[str]  # index keys of the words to mark in snippets
    # For ordering by relevance only: phrases become their words (scoring spans over a large
    # match set is slow); `exact` says whether it matches exactly the documents `query` does.
    ranking: wq.Query | None = None
    exact: bool = True
    # (kind, key) of the entities the query's words name (`Tokayev` -> the leader): an
    # article found through one is marked where it names that entity.
    entities: frozenset[tuple[str, str]] = frozenset()


def _word_query(fieldname: str, word: str) -> wq.Query:
    return wq.Or([wq.Term(fieldname, key) for key in query_keys(word)])


def _entity_terms(word: str, only: str | None = None) -> list[wq.Query]:
    """A word naming a register entity also finds it through the entity fields."""
    return [
        wq.Term(ENTITY_FIELDS[kind], key)
        for kind, key in sorted(entities_for_word(word))
        if only is None or kind == only
    ]


def word_clause(word: str) -> wq.Query:
    return wq.Or([*(_word_query(f, word) for f in TEXT_FIELDS), *_entity_terms(word)])


def phrase_clause(words: list[str]) -> wq.Query:
    if len(words) == 1:
        return word_clause(words[0])
    per_field = []
    for fieldname in TEXT_FIELDS:
        parts = [KeysSpanOr([wq.Term(fieldname, k) for k in query_keys(w)]) for w in words]
        per_field.append(spans.SpanNear2(parts, slop=1, ordered=True))
    return wq.Or(per_field)


def _date_bound(text: str, end: bool) -> int | None:
    """YYYY, YYYY-MM or YYYY-MM-DD as a YYYYMMDD bound; None for anything not a real date
    (year 0, month 13, 30 February): a bad bound is read as no bound, never an error."""
    m = DATE_PART.match(text)
    if not m:
        return None
    year, month = int(m.group(1)), int(m.group(2) or (12 if end else 1))
    try:
        if m.group(3) is not None:
            day = int(m.group(3))
        else:
            day = calendar.monthrange(year, month)[1] if end else 1
        date = dt.date(year, month, day)
    except ValueError:
        return None
    return date.year * 10000 + date.month * 100 + date.day


def field_clause(name: str, value: str) -> wq.Query | None:
    """`leader:`, `country:`, `organisation:`, `lang:`, `event:`, `date:`; None if unknown."""
    name = FIELD_ALIASES.get(name.lower(), name.lower())
    value = value.strip('"')
    if not value:
        return None
    if name in ENTITY_FIELDS:
        field = ENTITY_FIELDS[name]
        exact = [wq.Term(field, value), wq.Term(field, value.upper())]
        return wq.Or(exact + _entity_terms(value, only=name))
    if name in FILTER_FIELDS:
        return wq.Term(FILTER_FIELDS[name], value.lower() if name != "outlet" else value)
    if name == "date":
        low_text, separator, high_text = value.partition("..")
        low = _date_bound(low_text, end=False) if low_text else None
        # `date:2020` is the whole year; `date:2020..` is open-ended.
        high_source = high_text if separator else low_text
        high = _date_bound(high_source, end=True) if high_source else None
        if low is None and high is None:
            return None
        return wq.NumericRange("date_sort", low, high)
    return None


def named_entities(field_name: str | None, value: str | None, words: list[str]) -> set[tuple[str, str]]:
    """The entities one clause finds: those its words name, or those an entity field names
    (`leader:Ривлин`, `country:IL`)."""
    if field_name is None:
        return {entity for w in words for entity in entities_for_word(w)}
    name = FIELD_ALIASES.get(field_name.lower(), field_name.lower())
    if name not in ENTITY_FIELDS or value is None:
        return set()
    value = value.strip('"')
    key = value.upper() if name in ("country", "organisation") else value
    return {(name, key), *((kind, k) for kind, k in entities_for_word(value) if kind == name)}


def prefix_clause(stem: str) -> wq.Query | None:
    """`президент*`: bounded to stems of MIN_PREFIX letters so `a*` cannot expand to everything."""
    words = query_words(stem)
    if len(words) != 1 or len(words[0]) < MIN_PREFIX:
        return None
    key = fold(words[0])
    return wq.Or([wq.Prefix(f, key) for f in TEXT_FIELDS])


@lru_cache(maxsize=1)
def _event_pattern() -> re.Pattern[str]:
    names = sorted(event_names(), key=len, reverse=True)
    words = (r"\s+".join(re.escape(w) for w in name.split()) for name in names)
    return re.compile(r"(?<![\w:-])(" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _role_pattern() -> re.Pattern[str]:
    names = sorted(role_search_names(), key=len, reverse=True)
    words = (r"[\s-]+".join(re.escape(w) for w in re.split(r"[\s-]+", name)) for name in names)
    return re.compile(r"(?<![\w:-])(" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


QUOTED = re.compile(r'("[^"]*"?)')


def event_clauses(text: str) -> tuple[str, list[wq.Query], list[str]]:
    """The name of a kind of event, as the site labels it in any of its languages ("phone
    call", "телефонный разговор", "телефон арқылы сөйлесу"), typed without quotes, finds
    its words (as before) or that kind of event, in articles of every language: (the text
    without those names, their clauses, their words). A quoted phrase stays a phrase."""
    clauses: list[wq.Query] = []
    words: list[str] = []

    def take(m: re.Match[str]) -> str:
        found = query_words(m.group(1))
        kind = event_names()[" ".join(m.group(1).lower().split())]
        clauses.append(wq.Or([wq.And([word_clause(w) for w in found]), wq.Term(FACETS["event"], kind)]))
        words.extend(found)
        return " "

    parts = QUOTED.split(text)
    rest = "".join(part if i % 2 else _event_pattern().sub(take, part) for i, part in enumerate(parts))
    return rest, clauses, words


BOOLEAN_WORD = re.compile(r"(?:^|\s)(?:OR|NOT|\|)(?:\s|$)")


@dataclass(frozen=True)
class RoleClauses:
    text: str  # the query without the roles taken
    matching: list[wq.Query]  # one per role: any of its phrases, in any language
    ranking: list[wq.Query]  # the same with phrases as their words (spans are slow to score)
    words: list[str]  # every word of those phrases, to mark in snippets
    phrases_of_words: bool = False  # a phrase of two words or more among them


def role_clauses(text: str) -> RoleClauses:
    """A role typed without quotes ("prime minister", "премьер-министр", "сыртқы істер
    министрі") finds that role's words in any of the three languages. Left alone in a query
    with OR or NOT, whose neighbours the role's words belong to."""
    matching: list[wq.Query] = []
    ranking: list[wq.Query] = []
    words: list[str] = []
    taken: list[list[str]] = []

    def take(m: re.Match[str]) -> str:
        phrases = role_search_names().get(role_name_key(m.group(1)), ())
        phrase_words = [w for w in (query_words(p) for p in phrases) if w]
        if not phrase_words:
            return m.group(0)
        matching.append(wq.Or([phrase_clause(w) for w in phrase_words]))
        ranking.append(wq.Or([wq.And([word_clause(x) for x in w]) for w in phrase_words]))
        words.extend(x for w in phrase_words for x in w)
        taken.extend(phrase_words)
        return " "

    parts = QUOTED.split(text)
    if any(BOOLEAN_WORD.search(part) for i, part in enumerate(parts) if not i % 2):
        return RoleClauses(text, [], [], [])
    rest = "".join(part if i % 2 else _role_pattern().sub(take, part) for i, part in enumerate(parts))
    return RoleClauses(rest, matching, ranking, words, any(len(w) > 1 for w in taken))


def parse_query(text: str) -> ParsedQuery:
    """Clauses ANDed; OR joins neighbours; NOT / a leading minus excludes."""
    text, positives, event_words = event_clauses(text)
    roles = role_clauses(text)
    text = roles.text
    ranking: list[wq.Query] = [*positives, *roles.ranking]
    positives += roles.matching
    negatives: list[wq.Query] = []
    highlight: set[str] = {k for w in [*event_words, *roles.words] for k in query_keys(w)}
    entities: set[tuple[str, str]] = set()
    join_or = negate_next = False
    # Ranking reads a role's phrases as their words: exact only if every phrase is one word.
    exact = not roles.phrases_of_words
    for count, m in enumerate(TOKEN.finditer(text)):
        if count >= MAX_CLAUSES:
            break
        minus, field_name, field_value, phrase, bare = m.groups()
        if bare in ("OR", "|"):
            join_or = bool(positives)
            continue
        if bare in ("AND", "&"):
            continue
        if bare == "NOT":
            negate_next = True
            continue
        words: list[str] = []
        clause: wq.Query | None
        rank_clause: wq.Query | None = None
        if field_name is not None:
            clause = field_clause(field_name, field_value)
            if clause is None:
                words = query_words(f"{field_name} {field_value}")
                clause = wq.And([word_clause(w) for w in words]) if words else None
        elif phrase is not None:
            words = query_words(phrase)
            clause = phrase_clause(words) if words else None
            if len(words) > 1:
                rank_clause = wq.And([word_clause(w) for w in words])
        elif bare.endswith("*"):
            clause = prefix_clause(bare.rstrip("*"))
        else:
            words = query_words(bare)
            clause = (
                wq.And([word_clause(w) for w in words])
                if len(words) > 1
                else (word_clause(words[0]) if words else None)
            )
        if clause is None:
            continue
        negated = negate_next or bool(minus)
        negate_next = False
        if negated:
            negatives.append(clause)
            continue
        highlight.update(k for w in words for k in query_keys(w))
        entities.update(named_entities(field_name, field_value, words))
        ranked = rank_clause or clause
        exact = exact and rank_clause is None
        if join_or and positives:
            positives[-1] = wq.Or([positives[-1], clause])
            ranking[-1] = wq.Or([ranking[-1], ranked])
        else:
            positives.append(clause)
            ranking.append(ranked)
        join_or = False
    if not positives and not negatives:
        return ParsedQuery(None, frozenset())
    query: wq.Query = wq.And(positives) if positives else wq.Every()
    if negatives:
        query = wq.AndNot(query, wq.Or(negatives))
    return ParsedQuery(
        query,
        frozenset(highlight),
        ranking=wq.And(ranking) if ranking else None,
        exact=exact and not negatives,
        entities=frozenset(entities),
    )
