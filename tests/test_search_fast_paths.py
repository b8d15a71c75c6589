"""Prefixes, `date:` clauses typed in the box and respellings answered from the build's
arrays give what the plain Whoosh path gives, on queries of each class generated from the
archive's own vocabulary (bench/coldset.py, two seeds): the same matches in the same order,
score for score, and the same suggestion as Whoosh's corrector.

The archive is seeds plus a synthetic corpus written in several segments and then partly
updated, so deleted documents are in the index and its term dictionary too.
"""

import shutil
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from sqlmodel import Session
from whoosh import query as wq
from whoosh.searching import Searcher

from app.build.archive import Archive
from app.build.postings import TERM_WEIGHTS, write_term_weights
from app.build.schema import TEXT
from app.loader.pipeline import load
from app.queries.search import search
from app.search import ranking
from app.search.engine import ArticleQuery
from app.search.matching import ArrayMatcher
from app.search.syntax import OPERATORS, TOKEN, parse_query, word_clause
from app.text.analysis import query_words
from bench.coldset import CLASSES, BenchQuery, query_set
from tests.conftest import load_generated, served_archive

SEEDS = (3, 4)
PER_CLASS = 15


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    corpus = tmp_path_factory.mktemp("fast_paths") / "corpus"
    # Over the multi-process writer threshold: several segments.
    settings, paths = load_generated(corpus, 520)
    for path in paths[:25]:  # an incremental load: 25 articles deleted and re-added
        path.write_text(path.read_text(encoding="utf-8") + "\nВзаимной торговли.\n", encoding="utf-8")
    assert load([corpus], settings).published
    return served_archive(settings.data_dir)


@pytest.fixture(scope="module")
def generated(archive: Archive) -> list[BenchQuery]:
    return [q for seed in SEEDS for q in query_set(archive.build, seed, PER_CLASS)]


def of_class(generated: list[BenchQuery], kind: str) -> list[str]:
    texts = sorted({q.q for q in generated if q.kind == kind})
    assert len(texts) >= PER_CLASS, kind
    return texts


def whoosh_ranking(archive: Archive, text: str) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
    """(arrays, Whoosh): the relevance order of the query's matches, as (docnum, score)."""
    parsed = parse_query(text)
    deadline = time.monotonic() + 60
    allowed = ArrayMatcher(archive.postings, archive.columns, archive.whoosh, deadline).mask(parsed.query)
    allowed &= archive.columns.live
    with archive.whoosh() as searcher:
        expected = set(parsed.query.docs(searcher))
        assert expected == set(np.flatnonzero(allowed).tolist()), f"matches of {text!r}"
        hits = searcher.search(parsed.ranking, limit=None, filter=expected)
        plain = [(hit.docnum, hit.score) for hit in hits]
    arrays = ranking.top(
        archive.postings, archive.index.schema, parsed.ranking, allowed, None, archive.columns.date_sort
    )
    return arrays, plain


@pytest.mark.parametrize("kind", ["prefix", "date in the box"])
def test_ranking_from_the_arrays_equals_whooshs(
    archive: Archive, generated: list[BenchQuery], kind: str
) -> None:
    matched = 0
    for text in of_class(generated, kind):
        arrays, plain = whoosh_ranking(archive, text)
        assert [d for d, _ in arrays] == [d for d, _ in plain], text
        assert np.allclose([s for _, s in arrays], [s for _, s in plain], rtol=1e-12, atol=0), text
        matched += bool(plain)
    assert matched >= PER_CLASS // 2, f"too few {kind} queries match anything to compare"


def test_prefixes_of_one_two_and_many_terms(archive: Archive) -> None:
    """Whoosh scores a prefix's terms by BM25F when a segment has one or two of them and
    counts 1 a match otherwise (a small segment's Or is preloaded unscored): both kinds."""
    counts = set()
    for stem in ("тоқ", "сотрудн", "президент", "переговор", "сотрудничество", "оон"):
        _, parts = archive.postings.prefix_items(TEXT, stem)
        counts.update(min(part.term_count, 3) for part in parts)
        arrays, plain = whoosh_ranking(archive, f"{stem}*")
        assert plain and [d for d, _ in arrays] == [d for d, _ in plain], stem
        assert np.allclose([s for _, s in arrays], [s for _, s in plain], rtol=1e-12, atol=0), stem
    assert counts == {1, 2, 3}


def whoosh_suggestion(archive: Archive, text: str) -> str | None:
    """The suggestion as the plain path made it: Whoosh's search says whether a word finds
    anything, Whoosh's corrector respells it; the query's other clauses stay as typed."""
    pieces: list[str] = []
    kept_up_to = 0
    negate_next = False
    with archive.whoosh() as searcher:
        for token in TOKEN.finditer(text):
            minus, _, _, _, bare = token.groups()
            if bare in OPERATORS:
                negate_next = bare == "NOT"
                continue
            excluded, negate_next = negate_next or bool(minus), False
            if bare is None or excluded or bare.endswith("*"):
                continue
            words = query_words(bare)
            respelled = []
            for word in words:
                if searcher.search(word_clause(word), limit=1).scored_length():
                    respelled.append(word)
                    continue
                found = searcher.suggest(TEXT, word, limit=1, maxdist=2)
                respelled.append(found[0] if found else word)
            if respelled != words:
                pieces += [text[kept_up_to : token.start()], " ".join(respelled)]
                kept_up_to = token.end()
    return "".join([*pieces, text[kept_up_to:]]).strip() if pieces else None


def test_suggestions_equal_whooshs_corrector(archive: Archive, generated: list[BenchQuery]) -> None:
    with archive.whoosh() as searcher:
        assert len(searcher.reader().readers) > 1  # the corrector measures every term of the index
    offered = 0
    with Session(archive.engine) as session:
        for text in of_class(generated, "no results"):
            result = search(archive, session, ArticleQuery(q=text))
            assert result.total == 0, text
            assert result.suggestion == whoosh_suggestion(archive, text), text
            offered += result.suggestion is not None
    assert offered >= PER_CLASS // 2


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("изралия", "израил"), ("тоакев", "токаев"), ("сотрудничетсва", "сотрудничеств")],
)
def test_a_transposed_or_dropped_letter_is_respelt(archive: Archive, typed: str, meant: str) -> None:
    suggestion = archive.postings.respelling(typed)
    assert suggestion is not None and suggestion.startswith(meant[:4])
    with archive.whoosh() as searcher:
        assert searcher.suggest(TEXT, typed, limit=1, maxdist=2) == [suggestion]


# Words that stand between others in every language of the corpus: phrases with them.
LINKING_WORDS = {"в", "и", "на", "с", "по", "о", "мен", "және", "бен", "пен", "the", "of", "and", "in"}


@pytest.fixture(scope="module")
def drawn_phrases(archive: Archive) -> list[str]:
    """Runs of 2 to 4 words from the archive's own bodies, each as typed in several ways:
    with a linking word (a stop word elsewhere), a word repeated in a row, its first word
    capitalised or in capitals (Cyrillic case forms), and its words out of order."""
    import random

    from sqlalchemy import text as sql

    rng = random.Random(5)
    with archive.engine.connect() as connection:
        bodies = [row[0] for row in connection.execute(sql("SELECT body FROM article ORDER BY id LIMIT 120"))]
    linked: list[list[str]] = []
    runs: list[list[str]] = []
    repeated: list[list[str]] = []
    for body in bodies:
        words = query_words(body)
        for at in range(len(words) - 4):
            if words[at] == words[at + 1]:
                repeated.append(words[at : at + rng.randint(2, 3)])
            if words[at + 1] in LINKING_WORDS:
                linked.append(words[at : at + rng.randint(3, 4)])
        if len(words) > 8:
            at = rng.randrange(len(words) - 4)
            runs.append(words[at : at + rng.randint(2, 4)])
    assert len(linked) >= 10 and len(runs) >= 20
    chosen = rng.sample(linked, 10) + rng.sample(runs, 20) + repeated[:5]
    chosen += [[w, w] for w in ("переговоры", "Президент", "Қазақстан")]
    texts = []
    for words in chosen:
        texts.append('"' + " ".join(words) + '"')
        texts.append('"' + " ".join([words[0].capitalize(), *words[1:]]) + '"')
        texts.append('"' + " ".join(w.upper() for w in words) + '"')
        texts.append('"' + " ".join(reversed(words)) + '"')
    return sorted(set(texts))


@pytest.fixture(scope="module")
def whoosh_phrase_docs(archive: Archive) -> Callable[[str], set[int]]:
    """Whoosh's documents for a phrase, found once per phrase: the nine ways of reading
    phrases from the arrays below are each compared with the same span check, which costs
    more than all of them (Whoosh reads every span in Python)."""
    found: dict[str, set[int]] = {}

    def docs(text: str) -> set[int]:
        if text not in found:
            with archive.whoosh() as searcher:
                found[text] = set(parse_query(text).query.docs(searcher))
        return found[text]

    return docs


@pytest.mark.parametrize("width", ["32-bit places", "64-bit segments", "a long article"])
@pytest.mark.parametrize("narrowing", [0, 2, 10**9])
def test_phrases_from_the_positions_equal_whooshs(
    archive: Archive,
    generated: list[BenchQuery],
    drawn_phrases: list[str],
    whoosh_phrase_docs: Callable[[str], set[int]],
    monkeypatch: pytest.MonkeyPatch,
    narrowing: int,
    width: str,
) -> None:
    """Phrases match on the positions arrays, read only in documents holding every word
    (found first, or narrowed word after word): the same documents as Whoosh's span check,
    on the generated phrases, on phrases drawn from the bodies (2 to 4 words, linking
    words, repeated words, case forms) and on phrases whose words all occur but never in
    order. Places are 32-bit in a small segment; a segment of many documents, or one with
    a position past 16 bits (a long article: here any position past 3), has 64-bit ones."""
    from app.build import postings
    from app.search import matching, phrases

    monkeypatch.setattr(matching, "NARROWING", narrowing)
    if width == "64-bit segments":
        monkeypatch.setattr(phrases, "NARROW_DOCUMENTS", 0)
    if width == "a long article":
        monkeypatch.setattr(phrases, "NARROW_POSITIONS", 3)
    widths: set[str] = set()

    def merging(first: np.ndarray, second: np.ndarray) -> np.ndarray:
        widths.add(first.dtype.name)
        return postings.common(first, second)

    monkeypatch.setattr(phrases, "common", merging)
    found = 0
    texts = of_class(generated, "phrase") + drawn_phrases
    for text in [*texts, '"разговор телефонный"', '"Казахстана Президент"']:
        query = parse_query(text).query
        deadline = time.monotonic() + 60
        mask = ArrayMatcher(archive.postings, archive.columns, archive.whoosh, deadline).mask(query)
        expected = whoosh_phrase_docs(text)
        assert set(np.flatnonzero(mask & archive.columns.live).tolist()) == expected, text
        found += bool(expected)
    assert found >= PER_CLASS + 30
    if width == "a long article":  # every phrase that reaches a position past 3
        assert "int64" in widths
    else:
        assert widths == {"uint32" if width == "32-bit places" else "uint64"}


TEXT_CLASSES = [kind for kind in CLASSES if kind != "filters only"]


def whoosh_docs(query: wq.Query, searcher: Searcher) -> set[int]:
    """The documents Whoosh finds for the query, except that a top-level NOT is read as
    what it says, Whoosh's documents of one side without those of the other: Whoosh's own
    AndNot matcher let through a document both sides match (`казахстаном -мирзиёевпен`:
    an article naming both, with each side's `docs` listing it)."""
    if isinstance(query, wq.AndNot):
        return whoosh_docs(query.a, searcher) - set(query.b.docs(searcher))
    return set(query.docs(searcher))


@pytest.mark.parametrize("kind", TEXT_CLASSES)
def test_every_class_matches_and_ranks_as_whoosh(
    archive: Archive, generated: list[BenchQuery], kind: str
) -> None:
    """On the generated queries of every class with words (their filters aside): the array
    path matches Whoosh's documents and ranks them as Whoosh does, score for score (title
    twins left out of matching, a word's keys of equal postings scored once). Where two
    scores are equal but for rounding, Whoosh's order follows the rounding of its per-segment
    sums and the arrays' the document number: the order is compared by score."""
    compared = 0
    for text in of_class(generated, kind):
        parsed = parse_query(text)
        assert parsed.query is not None and parsed.ranking is not None, text
        deadline = time.monotonic() + 60
        allowed = ArrayMatcher(archive.postings, archive.columns, archive.whoosh, deadline).mask(parsed.query)
        allowed &= archive.columns.live
        with archive.whoosh() as searcher:
            expected = whoosh_docs(parsed.query, searcher)
            assert set(np.flatnonzero(allowed).tolist()) == expected, text
            if not expected:
                continue  # Whoosh reads an empty filter as none
            plain = {
                hit.docnum: hit.score for hit in searcher.search(parsed.ranking, limit=None, filter=expected)
            }
        arrays = ranking.top(
            archive.postings, archive.index.schema, parsed.ranking, allowed, None, archive.columns.date_sort
        )
        assert sorted(d for d, _ in arrays) == sorted(plain), text
        assert np.allclose([s for _, s in arrays], [plain[d] for d, _ in arrays], rtol=1e-12, atol=0), text
        assert np.allclose([s for _, s in arrays], sorted(plain.values(), reverse=True), rtol=1e-12, atol=0)
        compared += len(arrays) > 1
    assert compared >= (PER_CLASS // 2 if kind != "no results" else 0), kind


def test_every_title_place_is_a_text_place(archive: Archive) -> None:
    """What matching leaves title twins out on (matching.without_title_twins): the loader
    indexes `text` as the title, a line break and the body, analysed alike, so every place
    of every title term (document, position) is a place of the same term in `text`."""
    from app.build.postings import posting_key
    from app.build.schema import TITLE

    start = posting_key(TITLE, b"")
    terms = sorted(
        {
            bytes(key)[len(start) :].decode()
            for segment in archive.postings.segments
            for key in segment.keys[
                np.searchsorted(segment.keys, start) : np.searchsorted(segment.keys, start + b"\xff")
            ]
        }
    )
    assert len(terms) > 100
    for term in terms:
        title = archive.postings.places(TITLE, [term])
        assert len(title) and np.isin(title, archive.postings.places(TEXT, [term])).all(), term


def test_keys_of_equal_postings_are_scored_once_and_others_apart(archive: Archive, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A term whose postings equal an earlier term's takes that term's scores; terms whose
    postings differ, also in as many documents, are each scored, as Whoosh scores them."""
    from app.build.postings import posting_key

    postings = archive.postings
    start = posting_key(TEXT, b"")
    segment = max(postings.segments, key=lambda s: s.documents)
    low, high = np.searchsorted(segment.keys, start), np.searchsorted(segment.keys, start + b"\xff")
    by_count: dict[int, list[str]] = {}
    for key in segment.keys[low:high]:
        term = bytes(key)[len(start) :].decode()
        docs, _ = postings.items(TEXT, term)
        if len(docs) >= 3:
            by_count.setdefault(len(docs), []).append(term)
    same = different = None
    for terms in by_count.values():
        for a, b in zip(terms, terms[1:], strict=False):
            one, other = postings.items(TEXT, a), postings.items(TEXT, b)
            equal = all(np.array_equal(x, y) for x, y in zip(one, other, strict=True))
            if equal and same is None:
                same = (a, b)
            if not equal and different is None:
                different = (a, b)
    assert same and different
    computed: list[str] = []
    original = ranking.Scorer._term_scores

    def counting(self, query, docs, weights):  # type: ignore[no-untyped-def]
        computed.append(query.text)
        return original(self, query, docs, weights)

    monkeypatch.setattr(ranking.Scorer, "_term_scores", counting)
    for pair, scored in ((same, 1), (different, 2)):
        computed.clear()
        query = wq.Or([wq.Term(TEXT, t) for t in pair])
        allowed = archive.columns.live.copy()
        arrays = ranking.top(postings, archive.index.schema, query, allowed, None)
        with archive.whoosh() as searcher:
            plain = {hit.docnum: hit.score for hit in searcher.search(query, limit=None)}
        assert len(computed) == scored, pair
        assert {d for d, _ in arrays} == set(plain)
        assert np.allclose([s for _, s in arrays], [plain[d] for d, _ in arrays], rtol=1e-12, atol=0)


def test_term_totals_give_whooshs_frequency(archive: Archive, tmp_path: Path) -> None:
    """Each segment's term totals (kept at load) give the frequency Whoosh's corrector ranks
    respellings by, for every term of the text field; and totals made afterwards for a
    segment written without them (an older build's) are the same ones."""
    assert all(s.term_weights is not None for s in archive.postings.segments)
    with archive.whoosh() as searcher:
        reader = searcher.reader()
        terms = [t.decode() for t in reader.lexicon(TEXT)]
        assert len(terms) > 1000
        for term in terms:
            assert archive.postings.frequency(TEXT, term) == reader.frequency(TEXT, term), term
    folder = tmp_path / "segment"
    shutil.copytree(archive.postings.segments[0].folder, folder)
    written = np.load(folder / f"{TERM_WEIGHTS}.npy")
    (folder / f"{TERM_WEIGHTS}.npy").unlink()
    write_term_weights(folder)
    assert np.array_equal(np.load(folder / f"{TERM_WEIGHTS}.npy"), written)


def test_a_search_that_finds_nothing_reads_each_clause_once(
    archive: Archive, generated: list[BenchQuery], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Asking, for the suggestion, whether each word finds anything alone reads none of the
    clauses the search's own match has just read; and with nothing matched no facet or
    month is counted (each facet empty, no timeline, as counting over no documents gives)."""
    from collections import Counter

    from app.search import engine, facets, matching

    empty = engine.build_tally(archive).facet_counts(np.zeros(archive.columns.size, dtype=bool))
    # Every Or the matcher reads (a word's clause, its keys in a field) passes here once.
    evaluated: Counter[str] = Counter()
    original = matching.without_title_twins

    def counting(subqueries: list[wq.Query]) -> list[wq.Query]:
        evaluated[repr(subqueries)] += 1
        return original(subqueries)

    def no_counting(*_: object) -> None:
        raise AssertionError("counted over no documents")

    monkeypatch.setattr(matching, "without_title_twins", counting)
    monkeypatch.setattr(facets.Tally, "facet_counts", no_counting)
    monkeypatch.setattr(facets.Tally, "timeline", no_counting)
    suggested = 0
    for text in of_class(generated, "no results"):
        evaluated.clear()
        core = engine.search_core(archive, ArticleQuery(q=text), "relevance", 0, parse_query(text))
        assert core.total == 0 and core.facets == empty and (core.months, core.undated) == ([], 0), text
        assert evaluated and max(evaluated.values()) == 1, (text, evaluated.most_common(2))
        suggested += core.suggestion is not None
    assert suggested >= PER_CLASS // 2


def test_a_respelling_measures_each_close_candidate_once(
    archive: Archive, generated: list[BenchQuery], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whoosh's edit distance (Python) is measured once per candidate term, and only for
    terms whose length is within the distance of the word's; the word's delete hashes are
    made once, not once per segment."""
    from app.build import spelling

    measured: list[tuple[str, str]] = []
    hashed: list[str] = []
    distance, deletes = spelling.damerau_levenshtein, spelling.deletes

    def measuring(term: str, word: str, limit: int | None = None) -> int:
        measured.append((term, word))
        return int(distance(term, word, limit=limit))

    def deleting(word: str, depth: int = spelling.MAX_DISTANCE) -> set[str]:
        hashed.append(word)
        return deletes(word, depth)

    monkeypatch.setattr(spelling, "damerau_levenshtein", measuring)
    monkeypatch.setattr(spelling, "deletes", deleting)
    assert len(archive.postings.segments) > 1
    words = sorted({w for text in of_class(generated, "no results") for w in query_words(text)})
    offered = 0
    for word in words:
        measured.clear()
        hashed.clear()
        offered += archive.postings.respelling(word) is not None
        assert hashed == [word]
        assert len(measured) == len(set(measured)), word
        assert all(abs(len(term) - len(word)) <= spelling.MAX_DISTANCE for term, _ in measured), word
    assert offered >= PER_CLASS // 2
