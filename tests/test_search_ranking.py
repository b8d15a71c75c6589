"""Relevance order from the postings arrays equals Whoosh's own BM25F order, score for score,
on seeds plus a synthetic corpus written in several segments and then partly updated
(so deleted documents are in the index too)."""

import shutil
import time

import numpy as np
import pytest
from whoosh import query as wq

from app.build import layout as builds
from app.build.archive import open_archive
from app.loader.pipeline import load
from app.search import ranking
from app.search.matching import ArrayMatcher
from app.search.syntax import parse_query
from bench.corpus import write_corpus
from tests.conftest import SEEDS_DIR, make_settings


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory):
    corpus = tmp_path_factory.mktemp("ranking") / "corpus"
    paths = write_corpus(corpus, 520)  # over the multi-process writer threshold: several segments
    for seed in SEEDS_DIR.iterdir():
        shutil.copy(seed, corpus)
    settings = make_settings(corpus.parent / "data")
    assert load([corpus], settings).published
    # An incremental load: changed articles are deleted and re-added in a new segment.
    for path in paths[:25]:
        path.write_text(path.read_text(encoding="utf-8") + "\nВзаимной торговли.\n", encoding="utf-8")
    assert load([corpus], settings).published
    return open_archive(builds.current_build(settings.data_dir))


QUERIES = [
    "Токаев",
    "Тоқаев Қытай",
    "Израиль OR Путин",
    "Токаев -Путин",
    '"телефонный разговор"',
    '"взаимной торговли" Китай',
    "leader:vladimir-putin сотрудничества",
    "сотрудничества визит",
    "country:CN",
]


def whoosh_order(archive, query, allowed: np.ndarray) -> list[tuple[int, float]]:
    hits = archive.searcher().search(query, limit=None, filter=set(np.flatnonzero(allowed).tolist()))
    return [(hit.docnum, hit.score) for hit in hits]


@pytest.mark.parametrize("text", QUERIES)
def test_array_ranking_equals_whoosh(archive, text: str) -> None:
    parsed = parse_query(text)
    allowed = ArrayMatcher(archive.postings, archive.columns, archive.whoosh, time.monotonic() + 30).mask(
        parsed.query
    )
    allowed &= archive.columns.live
    expected = whoosh_order(archive, parsed.ranking, allowed)
    got = ranking.top(archive.postings, archive.index.schema, parsed.ranking, allowed, None)
    assert len(expected) > 1
    assert [d for d, _ in got] == [d for d, _ in expected]
    assert np.allclose([s for _, s in got], [s for _, s in expected], rtol=1e-12, atol=0)


@pytest.mark.parametrize("limit", [1, 10, 37])
def test_top_n_is_the_head_of_the_full_order(archive, limit: int) -> None:
    parsed = parse_query("Токаев сотрудничества")
    allowed = archive.columns.live.copy()
    full = ranking.top(archive.postings, archive.index.schema, parsed.ranking, allowed, None)
    assert ranking.top(archive.postings, archive.index.schema, parsed.ranking, allowed, limit) == full[:limit]


def test_parts_it_does_not_model_are_left_to_whoosh(archive) -> None:
    wildcard = wq.Wildcard("text", "сотрудн?ч*")  # the search box makes none
    with pytest.raises(ranking.NotModelled):
        ranking.top(archive.postings, archive.index.schema, wildcard, archive.columns.live, 10)
