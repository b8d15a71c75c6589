"""The intersection a phrase is matched by (app.build.postings.common) gives what NumPy's
own gives, in both of its ways: a binary search per value of a much shorter array, and one
merge of two arrays of like length; empty arrays and no common value included."""

import numpy as np
import pytest

from app.build.postings import common


@pytest.mark.parametrize(
    ("short", "long"), [(0, 0), (0, 50), (1, 1), (3, 400), (50, 60), (500, 20_000), (900, 1000)]
)
def test_common_equals_numpys_intersection(short: int, long: int) -> None:
    rng = np.random.default_rng(short * 7919 + long)
    for _ in range(20):
        universe = (rng.integers(0, 2_000, 3 * (short + long) + 1).astype(np.int64) << 32) | rng.integers(
            0, 300, 3 * (short + long) + 1
        )
        first = np.unique(rng.choice(universe, short)) if short else np.zeros(0, dtype=np.int64)
        second = np.unique(rng.choice(universe, long)) if long else np.zeros(0, dtype=np.int64)
        expected = np.intersect1d(first, second)
        assert np.array_equal(common(first, second), expected)
        assert np.array_equal(common(second, first), expected)


def test_a_search_reads_each_term_once_and_shares_nothing(seed_archive) -> None:  # type: ignore[no-untyped-def]
    """Postings.for_one_search remembers where each term one search asked for is (matching
    and then ranking look the same terms up), and gives the arrays the build's own postings
    give; the build's postings, shared by every request thread, remember nothing."""
    from app.build import layout as builds
    from app.build.archive import open_archive
    from app.build.schema import TEXT
    from app.search.engine import ArticleQuery, search_core
    from app.search.syntax import parse_query

    settings, _ = seed_archive
    build = builds.current_build(settings.data_dir)
    assert build is not None
    archive = open_archive(build)
    search_core(archive, ArticleQuery(q="Токаев визит"), "relevance", 0, parse_query("Токаев визит"))
    assert archive.postings._spans is None
    view = archive.postings.for_one_search()
    docs, weights = view.items(TEXT, "токаев")
    assert len(docs) and (TEXT, "токаев") in view._spans
    looked_up: list[bytes] = []
    for segment in view.segments:
        original = segment.span
        segment.span = lambda key, original=original: looked_up.append(key) or original(key)  # type: ignore[method-assign]
    try:
        again, _ = view.items(TEXT, "токаев")
        assert view.doc_frequency(TEXT, "токаев") == len(docs)
        assert not looked_up
    finally:
        for segment in view.segments:
            del segment.span
    shared_docs, shared_weights = archive.postings.items(TEXT, "токаев")
    assert np.array_equal(docs, shared_docs) and np.array_equal(weights, shared_weights)
    assert np.array_equal(again, docs)
    assert archive.postings.doc_frequency(TEXT, "токаев") == len(docs)
    assert archive.postings._spans is None


def test_a_workers_first_searches_import_no_numpy_ma(seed_archive) -> None:  # type: ignore[no-untyped-def]
    """np.unique imports numpy.ma on its first call: a quarter of a second charged to the
    first prefix search, or the first search that finds nothing (respellings), of a worker."""
    import subprocess
    import sys

    settings, _ = seed_archive
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from sqlmodel import Session\n"
        "from app.build import layout\n"
        "from app.build.archive import open_archive\n"
        "from app.queries.search import search\n"
        "from app.search.engine import ArticleQuery\n"
        f"archive = open_archive(layout.current_build(Path({str(settings.data_dir)!r})))\n"
        "with Session(archive.engine) as session:\n"
        "    for q in ('Токае*', 'Токаевв', 'zzqxv визитт', 'Казахстан'):\n"
        "        search(archive, session, ArticleQuery(q=q))\n"
        "print('numpy.ma' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


@pytest.mark.parametrize("sort_matches", [0, 10**9])
def test_date_order_read_from_the_whole_equals_sorting_the_matches(
    seed_archive, monkeypatch, sort_matches: int
) -> None:  # type: ignore[no-untyped-def]
    """Many matches are put in date order by reading the build's whole order (kept once per
    build); few are sorted. Both give Columns.by_date's order, newest and oldest first, on
    random sets of matches, with and without the mask they came from."""
    from app.build import layout as builds
    from app.build.archive import open_archive
    from app.search import engine

    monkeypatch.setattr(engine, "SORT_MATCHES", sort_matches)
    settings, _ = seed_archive
    build = builds.current_build(settings.data_dir)
    assert build is not None
    archive = open_archive(build)
    columns = archive.columns
    rng = np.random.default_rng(16)
    for share in (0.0, 0.1, 0.5, 1.0):
        mask = columns.live & (rng.random(columns.size) < share)
        matched = np.flatnonzero(mask)
        for newest in (True, False):
            expected = columns.by_date(matched, newest)
            assert np.array_equal(engine.by_date(archive, matched, mask, newest), expected)
            assert np.array_equal(engine.by_date(archive, matched, None, newest), expected)


def test_a_words_keys_at_the_same_places_are_read_once(seed_archive) -> None:  # type: ignore[no-untyped-def]
    """Places of a word's keys: a key whose postings and positions equal an earlier key's is
    left out (it adds no place), and the union is the same as reading every key on its own."""
    import app.build.postings as postings_module
    from app.build import layout as builds
    from app.build.archive import open_archive
    from app.build.schema import TEXT
    from app.text.morphology import query_keys

    settings, _ = seed_archive
    build = builds.current_build(settings.data_dir)
    assert build is not None
    postings = open_archive(build).postings
    compared: list[bool] = []
    original = postings_module._same_places

    def counting(one, other) -> bool:  # type: ignore[no-untyped-def]
        compared.append(original(one, other))
        return compared[-1]

    postings_module._same_places = counting  # type: ignore[assignment]
    try:
        for word in ("Токаев", "переговоры", "визит", "Казахстан"):
            keys = list(query_keys(word.lower()))
            alone = [postings.places(TEXT, [key]) for key in keys]
            union = np.unique(np.concatenate(alone)) if alone else np.zeros(0, dtype=np.int64)
            assert np.array_equal(postings.places(TEXT, keys), union)
            assert np.array_equal(postings.places(TEXT, [keys[0], keys[0]]), alone[0])
    finally:
        postings_module._same_places = original
    assert True in compared


@pytest.mark.parametrize("bound", [0, 1 << 17])
def test_a_search_keeps_the_arrays_it_read_up_to_its_bound(seed_archive, monkeypatch, bound: int) -> None:  # type: ignore[no-untyped-def]
    """A search's view keeps the arrays of the terms it read while they fit KEPT_POSTINGS:
    a term's document numbers are read once for matching, its places and its ranking; past
    the bound they are read again each time. The same arrays either way."""
    import app.build.postings as postings_module
    from app.build import layout as builds
    from app.build.archive import open_archive
    from app.build.schema import TEXT

    monkeypatch.setattr(postings_module, "KEPT_POSTINGS", bound)
    settings, _ = seed_archive
    build = builds.current_build(settings.data_dir)
    assert build is not None
    archive = open_archive(build)
    reads: list[str] = []
    for segment in archive.postings.segments:
        for name in ("docs", "weights"):
            array = getattr(segment, name)
            original = array.read
            monkeypatch.setattr(
                array, "read", lambda a, b, original=original, name=name: reads.append(name) or original(a, b)
            )
    view = archive.postings.for_one_search()
    docs = view.docs_for(TEXT, "токаев")
    assert len(docs) and reads.count("docs") >= 1
    reads.clear()
    again, weights = view.items(TEXT, "токаев")
    places = view.places(TEXT, ["токаев"])
    assert ("docs" in reads) != bool(bound)
    assert np.array_equal(again, docs) and len(weights) == len(docs)
    assert np.array_equal(np.unique(places >> 32), np.unique(docs))
    reads.clear()
    view.items(TEXT, "токаев")
    assert (reads == []) == bool(bound)
    assert archive.postings._kept is None
