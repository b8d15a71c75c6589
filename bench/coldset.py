"""A seeded set of distinct queries drawn from a built archive's own vocabulary, by class.

The words come from the archive's articles (a seeded sample of titles and bodies), leaders'
and countries' names in the case forms the articles use, phrases from their sentences, dates
from the months the archive holds and filter values from its facet columns. Same archive and
seed, same set; another seed, another set. Each query is kept as a small structure beside
its search-box text, so every engine runs the same query in its own terms.
"""

import random
import re
import sqlite3
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from app.build.columns import load_columns
from app.build.layout import DB_NAME, INDEX_NAME
from app.build.schema import TEXT_FIELDS
from app.entities.matcher import entities_for_word
from app.text.analysis import WORD, query_words
from app.text.morphology import query_keys

CLASSES = (
    "single word",
    "multi-word",
    "phrase",
    "OR/NOT",
    "prefix",
    "date in the box",
    "filters only",
    "no results",
    "facet-heavy",
)
SAMPLE_ARTICLES = 3000
LETTERS_RU = "абвгдежзийклмнопрстуфхцчшщыэюя"
LETTERS_KK = "әғқңөұүһі"
# A word of the box the reader sees as running text: letters only, long enough to mean something.
PLAIN = re.compile(r"^[^\W\d_]{3,}$")


@dataclass
class BenchQuery:
    """One query: the search box and URL filters as the archive takes them, and the same
    query as structure for the reference engines. `groups` are ANDed; each is a list of
    alternatives (ORed), each `["word", w]`, `["phrase", [w, ...]]` or `["prefix", stem]`."""

    kind: str
    q: str = ""
    groups: list[list[list]] = field(default_factory=list)
    negatives: list[str] = field(default_factory=list)
    box_dates: list[int] | None = None  # YYYYMMDD bounds of a `date:` clause typed in the box
    filters: dict[str, list[str]] = field(default_factory=dict)
    date_from: str | None = None
    date_to: str | None = None

    def identity(self) -> tuple:
        """What the archive's result cache tells apart (case aside): two queries with the same
        identity would make the second a cache hit."""
        filters = tuple(sorted((k, tuple(sorted(v))) for k, v in self.filters.items() if v))
        return (" ".join(self.q.split()).lower(), filters, self.date_from, self.date_to)

    def to_json(self) -> dict:
        return asdict(self)


class Vocabulary:
    """What the archive holds, read once from the build: word forms and their document
    frequency in a sample, name forms, sentences, months, facet values and index keys."""

    def __init__(self, build: Path, rng: random.Random) -> None:
        db = sqlite3.connect(f"file:{build / DB_NAME}?mode=ro", uri=True)
        ids = [row[0] for row in db.execute("SELECT id FROM article ORDER BY id")]
        chosen = rng.sample(ids, min(SAMPLE_ARTICLES, len(ids)))
        self.texts: list[str] = []
        for start in range(0, len(chosen), 500):
            part = chosen[start : start + 500]
            marks = ",".join("?" * len(part))
            rows = db.execute(f"SELECT display_title, body FROM article WHERE id IN ({marks})", part)
            self.texts += [f"{title}\n{body}" for title, body in rows]
        db.close()
        self.texts.sort()  # SQL order is not part of the seed's promise
        df: Counter[str] = Counter()
        for text in self.texts:
            df.update({m.group(0) for m in WORD.finditer(text) if PLAIN.match(m.group(0))})
        self.df = df
        self.words = sorted(df)
        self.names = sorted(w for w in self.words if any(k == "leader" for k, _ in entities_for_word(w)))
        self.places = sorted(w for w in self.words if any(k == "country" for k, _ in entities_for_word(w)))
        self.common = [w for w, n in df.most_common() if n >= 0.25 * len(self.texts)]
        columns = load_columns(build)
        dates = columns["date_sort"][(columns["date_sort"] > 0) & columns["live"]]
        self.months = sorted(int(m) for m in np.unique(dates // 100))
        self.facets = {
            name: sorted(str(v) for v in columns[f"{name}_vocab"] if str(v))
            for name in ("lang", "outlet", "leader", "country", "event")
        }
        ix = whoosh_index.open_dir(str(build / INDEX_NAME), readonly=True)
        with ix.reader() as reader:
            self.keys = {
                term.decode() if isinstance(term, bytes) else term
                for name in TEXT_FIELDS
                for term in reader.lexicon(name)
            }

    def matches_nothing(self, word: str) -> bool:
        return not entities_for_word(word) and not (set(query_keys(word)) & self.keys)


def _case(rng: random.Random, word: str) -> str:
    """As a reader types it: mostly lower case, sometimes capitalised."""
    return word.lower() if rng.random() < 0.6 else word[:1].upper() + word[1:].lower()


def _run_of_words(rng: random.Random, vocab: Vocabulary, size: int) -> list[str]:
    """`size` consecutive words of one sentence of an article (nothing but spaces between)."""
    for _ in range(50):
        text = rng.choice(vocab.texts)
        tokens = list(WORD.finditer(text))
        if len(tokens) <= size:
            continue
        at = rng.randrange(len(tokens) - size)
        run = tokens[at : at + size]
        gaps = [text[a.end() : b.start()] for a, b in zip(run, run[1:], strict=False)]
        if all(g == " " for g in gaps) and all(PLAIN.match(t.group(0)) for t in run):
            return [t.group(0) for t in run]
    return []


def _cooccurring(rng: random.Random, vocab: Vocabulary, size: int) -> list[str]:
    """`size` distinct words of one article, in any order."""
    text = rng.choice(vocab.texts)
    words = sorted({m.group(0) for m in WORD.finditer(text) if PLAIN.match(m.group(0))})
    return rng.sample(words, min(size, len(words)))


def _misspelt(rng: random.Random, word: str) -> str:
    letters = LETTERS_RU + (LETTERS_KK if any(c in LETTERS_KK for c in word.lower()) else "")
    chars = list(word.lower())
    for _ in range(rng.choice([1, 2])):
        at = rng.randrange(len(chars))
        edit = rng.random()
        if edit < 0.4:
            chars[at] = rng.choice(letters)
        elif edit < 0.7 and len(chars) > 4:
            del chars[at]
        elif edit < 0.85:
            chars.insert(at, rng.choice(letters))
        elif at + 1 < len(chars):
            chars[at], chars[at + 1] = chars[at + 1], chars[at]
    return "".join(chars)


def _month_bound(month: int, end: bool) -> str:
    year, m = divmod(month, 100)
    if not end:
        return f"{year:04d}-{m:02d}-01"
    days = [31, 29 if year % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    return f"{year:04d}-{m:02d}-{days:02d}"


def _date_clause(rng: random.Random, vocab: Vocabulary) -> tuple[str, list[int]]:
    """`date:2021`, `date:2021-04` or `date:2020-03..2021-06` over months the archive holds."""
    month = rng.choice(vocab.months)
    year = month // 100
    shape = rng.random()
    if shape < 0.4:
        return f"date:{year}", [year * 10000 + 101, year * 10000 + 1231]
    if shape < 0.7:
        low = int(_month_bound(month, False).replace("-", ""))
        return f"date:{month // 100}-{month % 100:02d}", [
            low,
            int(_month_bound(month, True).replace("-", "")),
        ]
    other = rng.choice(vocab.months)
    a, b = sorted((month, other))
    text = f"date:{a // 100}-{a % 100:02d}..{b // 100}-{b % 100:02d}"
    return text, [int(_month_bound(a, False).replace("-", "")), int(_month_bound(b, True).replace("-", ""))]


def _word_source(rng: random.Random, vocab: Vocabulary) -> str:
    pick = rng.random()
    if pick < 0.3 and vocab.names:
        return rng.choice(vocab.names)
    if pick < 0.4 and vocab.places:
        return rng.choice(vocab.places)
    return rng.choice(vocab.words)


def _filters(
    rng: random.Random, vocab: Vocabulary, at_most: int
) -> tuple[dict[str, list[str]], str | None, str | None]:
    names = [
        n
        for n in ("lang", "outlet", "leader", "country", "event", "dates")
        if n == "dates" or vocab.facets[n]
    ]
    chosen = rng.sample(names, rng.randint(1, at_most))
    filters: dict[str, list[str]] = {}
    date_from = date_to = None
    for name in chosen:
        if name == "dates":
            a, b = sorted(rng.sample(vocab.months, 2)) if len(vocab.months) > 1 else (vocab.months[0],) * 2
            date_from, date_to = _month_bound(a, False), _month_bound(b, True)
        elif name == "leader" and rng.random() < 0.3 and len(vocab.facets[name]) > 1:
            filters[name] = sorted(rng.sample(vocab.facets[name], 2))
        else:
            filters[name] = [rng.choice(vocab.facets[name])]
    return filters, date_from, date_to


def _one(rng: random.Random, vocab: Vocabulary, kind: str) -> BenchQuery | None:
    query = BenchQuery(kind=kind)
    if kind == "single word":
        word = _case(rng, _word_source(rng, vocab))
        query.q, query.groups = word, [[["word", word]]]
    elif kind == "multi-word":
        words = _cooccurring(rng, vocab, rng.choice([2, 2, 3, 4]))
        if rng.random() < 0.3 and vocab.names:
            words[0] = rng.choice(vocab.names)
        words = [_case(rng, w) for w in words]
        query.q, query.groups = " ".join(words), [[["word", w]] for w in words]
    elif kind == "phrase":
        words = _run_of_words(rng, vocab, rng.choice([2, 2, 3]))
        if not words:
            return None
        words = [w.lower() for w in words]
        words[0] = _case(rng, words[0])
        query.q, query.groups = '"' + " ".join(words) + '"', [[["phrase", words]]]
    elif kind == "OR/NOT":
        a, b, c = (_case(rng, _word_source(rng, vocab)) for _ in range(3))
        shape = rng.randrange(5)
        if shape == 0:
            query.q, query.groups = f"{a} OR {b}", [[["word", a], ["word", b]]]
        elif shape == 1:
            query.q, query.groups, query.negatives = f"{a} -{b}", [[["word", a]]], [b]
        elif shape == 2:
            query.q, query.groups, query.negatives = f"{a} NOT {b}", [[["word", a]]], [b]
        elif shape == 3:
            query.q, query.groups = f"{a} {b} OR {c}", [[["word", a]], [["word", b], ["word", c]]]
        else:
            query.q, query.groups, query.negatives = f"{a} OR {b} -{c}", [[["word", a], ["word", b]]], [c]
    elif kind == "prefix":
        word = _word_source(rng, vocab)
        if len(word) < 5:
            return None
        stem = _case(rng, word[: rng.randint(3, len(word) - 1)])
        query.q, query.groups = f"{stem}*", [[["prefix", stem]]]
        if rng.random() < 0.3:
            other = _case(rng, _word_source(rng, vocab))
            query.q += f" {other}"
            query.groups.append([["word", other]])
    elif kind == "date in the box":
        clause, query.box_dates = _date_clause(rng, vocab)
        words = [_case(rng, _word_source(rng, vocab)) for _ in range(rng.choice([1, 1, 2]))]
        parts = [clause, *words] if rng.random() < 0.5 else [*words, clause]
        query.q, query.groups = " ".join(parts), [[["word", w]] for w in words]
    elif kind == "filters only":
        query.filters, query.date_from, query.date_to = _filters(rng, vocab, 3)
    elif kind == "no results":
        words = []
        for _ in range(rng.choice([1, 1, 1, 2])):
            wrong = _misspelt(rng, rng.choice(vocab.words))
            if not vocab.matches_nothing(wrong) or not PLAIN.match(wrong):
                return None
            words.append(wrong)
        if rng.random() < 0.3:
            words.insert(0, _case(rng, _word_source(rng, vocab)))
        query.q, query.groups = " ".join(words), [[["word", w]] for w in words]
    elif kind == "facet-heavy":
        if not vocab.common:
            return None
        word = _case(rng, rng.choice(vocab.common))
        query.q, query.groups = word, [[["word", word]]]
        if rng.random() < 0.6:
            query.filters, query.date_from, query.date_to = _filters(rng, vocab, 1)
    if not query.q.strip() and query.kind != "filters only":
        return None
    return query


def query_set(build: Path, seed: int, per_class: int) -> list[BenchQuery]:
    """`per_class` distinct queries of every class, interleaved; no two share an identity."""
    rng = random.Random(seed)
    vocab = Vocabulary(build, rng)
    seen: set[tuple] = set()
    by_class: dict[str, list[BenchQuery]] = {kind: [] for kind in CLASSES}
    for kind in CLASSES:
        attempts = 0
        while len(by_class[kind]) < per_class and attempts < per_class * 200:
            attempts += 1
            query = _one(rng, vocab, kind)
            if query is None or query.identity() in seen or not all(query_words(w) for w in query.negatives):
                continue
            seen.add(query.identity())
            by_class[kind].append(query)
    # Interleaved so that no class runs all at once (the same order for every engine).
    ordered = [q for kind in CLASSES for q in by_class[kind]]
    rng.shuffle(ordered)
    return ordered
