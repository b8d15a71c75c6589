"""Small segments merged at load (app.build.segments): the same searches give the same
answers as the unmerged index, on generated queries of every class.

Two data directories take the same loads, a generated corpus and then one edited file at a
time (each load adds a one-document segment); in one of them the merge is switched off. The
merged build must hold fewer segments and answer every query as the other does: the same
articles, totals, facets, timeline and suggestion, ranked in the same order with the same
scores. Then a file edited again, so that a merged segment held a deleted document.
"""

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.build import layout as builds
from app.build.archive import Archive, open_archive
from app.build.segments import MERGE_RATIO, segments_to_merge
from app.build.spare import wait_for_spares
from app.config import Settings
from app.loader import pipeline
from app.loader.pipeline import load
from app.search.engine import ArticleQuery, search_core
from app.search.syntax import parse_query
from bench.coldset import CLASSES, BenchQuery, query_set
from bench.corpus import write_corpus
from tests.conftest import SEEDS_DIR, make_settings

SEEDS = (5, 6)
PER_CLASS = 8
ARTICLES = 240
EDITS = 4  # Whoosh merges small segments itself once there are five of them
# By data directory ("merged", "plain"), then by stage ("edited", "edited again").
Archives = dict[str, dict[str, Archive]]


def segment_count(archive: Archive) -> int:
    with archive.whoosh() as searcher:
        return len(searcher.reader().leaf_readers())


def edited(path: Path, count: int) -> None:
    path.write_text(
        path.read_text(encoding="utf-8") + f"\nДополнение {count}: торговля и переговоры.\n", encoding="utf-8"
    )


def kept_build(data: Settings, name: Path) -> Archive:
    """The served build copied aside (a later load replaces it) and opened."""
    build = builds.current_build(data.data_dir)
    assert build is not None
    shutil.copytree(build, name)
    return open_archive(name)


@pytest.fixture(scope="module")
def archives(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Archives]:
    root = tmp_path_factory.mktemp("segments")
    corpus = root / "corpus"
    paths = write_corpus(corpus, ARTICLES)
    for seed in SEEDS_DIR.iterdir():
        shutil.copy(seed, corpus)
    settings = {"merged": make_settings(root / "merged"), "plain": make_settings(root / "plain")}
    kept: Archives = {"merged": {}, "plain": {}}

    def load_both() -> None:
        for name, data in settings.items():
            with pytest.MonkeyPatch.context() as patch:
                if name == "plain":
                    patch.setattr(pipeline, "merge_small_segments", lambda ix: 0)
                assert load([corpus], data).published

    # The first load is the same in both (a first build's segments are never merged): it is
    # made once and its data directory copied, once the copy ahead of its database is made.
    assert load([corpus], settings["merged"]).published
    wait_for_spares()
    shutil.copytree(root / "merged", root / "plain", symlinks=True)
    for count in range(EDITS):
        edited(paths[count], count)
        load_both()
    for name, data in settings.items():
        kept[name]["edited"] = kept_build(data, root / f"{name}-edited")
    edited(paths[0], EDITS)  # its document is in a merged segment now: deleted there
    load_both()
    for name, data in settings.items():
        kept[name]["edited again"] = kept_build(data, root / f"{name}-edited-again")
    yield kept
    for stages in kept.values():
        for archive in stages.values():
            archive.engine.dispose()


def request_of(query: BenchQuery) -> ArticleQuery:
    return ArticleQuery(
        q=query.q,
        filters={k: list(v) for k, v in query.filters.items()},
        date_from=dt.date.fromisoformat(query.date_from) if query.date_from else None,
        date_to=dt.date.fromisoformat(query.date_to) if query.date_to else None,
        limit=ARTICLES * 2,  # every match ranked
    )


def answer(archive: Archive, query: BenchQuery, sort: str) -> dict[str, Any]:
    """The engine's whole answer with article ids for document numbers (they differ)."""
    request = request_of(query)
    core = search_core(archive, request, sort, 0, parse_query(request.q))
    ids = [str(archive.columns.ids[d]) for d in core.page_docs]
    assert len(set(ids)) == len(ids), f"a document twice for {query.q!r}"
    return {
        "ids": ids,
        "scores": list(core.scores),
        "total": core.total,
        "facets": core.facets,
        "months": core.months,
        "undated": core.undated,
        "suggestion": core.suggestion,
    }


def generated(archive: Archive) -> list[BenchQuery]:
    queries = [q for seed in SEEDS for q in query_set(archive.build, seed, PER_CLASS)]
    assert {q.kind for q in queries} == set(CLASSES)
    return queries


def test_the_merge_leaves_fewer_segments(archives: Archives) -> None:
    plain, merged = archives["plain"]["edited"], archives["merged"]["edited"]
    assert segment_count(plain) == segment_count(merged) + EDITS - 1
    again = archives["merged"]["edited again"]
    with again.whoosh() as searcher:
        assert not searcher.reader().leaf_readers()[-1][0].has_deletions()


@pytest.mark.parametrize("sort", ["relevance", "newest"])
def test_merged_segments_answer_as_the_unmerged_ones(archives: Archives, sort: str) -> None:
    """Score for score: the merged segment keeps its documents' order and the exact
    field-length totals BM25F's average is read from."""
    plain, merged = archives["plain"]["edited"], archives["merged"]["edited"]
    matched, queries = 0, generated(plain)
    for query in queries:
        expected = answer(plain, query, sort)
        assert answer(merged, query, sort) == expected, (query.kind, query.q)
        matched += bool(expected["total"])
    assert matched >= len(queries) // 2


def test_a_document_deleted_in_a_merged_segment_stays_deleted(archives: Archives) -> None:
    """The merge drops the deleted document (so index statistics, and with them scores,
    may move a little): the same documents match, in the same date order."""
    plain, merged = archives["plain"]["edited again"], archives["merged"]["edited again"]
    assert merged.columns.live.sum() == plain.columns.live.sum()
    assert merged.columns.size == plain.columns.size - 1
    for query in generated(plain):
        expected = answer(plain, query, "newest")
        assert answer(merged, query, "newest") == expected, (query.kind, query.q)
        by_relevance = answer(merged, query, "relevance")
        assert sorted(by_relevance["ids"]) == sorted(expected["ids"]), (query.kind, query.q)


@pytest.mark.parametrize(
    ("sizes", "merged"),
    [
        ([5000, 5000, 1], 0),  # one small segment: nothing to merge it with
        ([5000, 5000, 1, 1], 2),
        ([5000, 5000, MERGE_RATIO + 1, 1], 0),  # the older one is too large for the newer
        ([5000, 5000, 100, MERGE_RATIO + 1, 1, 1], 3),  # 100 > MERGE_RATIO * 11
        ([5000, 5000, 80, MERGE_RATIO + 1, 1, 1], 4),
        ([5000, 5000, 4000, 1], 0),  # a first build's large segments are never merged
        ([10, 10], 0),
    ],
)
def test_which_newest_segments_are_merged(sizes: list[int], merged: int) -> None:
    assert segments_to_merge(sizes) == merged
