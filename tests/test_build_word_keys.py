"""The build's table of body word keys (app.build.wordkeys): every word of every body is in
it with exactly the keys `query_keys` gives, a load adds the words of the articles it changed
to the served build's table, a table of another analysis is not read and is written again,
and search pages made with the table give the same snippets as the keys worked out word by
word, on queries of every class generated from the archive's own vocabulary."""

import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from sqlmodel import Session

from app.build import layout as builds
from app.build.archive import Archive
from app.build.wordkeys import SEPARATOR, WORD_KEYS_FILE, WordKeys, analysis_version, table_version
from app.loader.pipeline import load
from app.queries import search as search_page
from app.search.engine import ArticleQuery
from app.text.analysis import WORD
from app.text.morphology import query_keys
from bench.coldset import query_set
from tests.conftest import load_generated, make_settings, served_archive

SEEDS = (5, 6)
PER_CLASS = 12
NEW_WORD = "Зюзябрикостан"


def table(build: Path) -> dict[str, tuple[str, ...]]:
    with closing(sqlite3.connect(build / WORD_KEYS_FILE)) as db:
        rows = db.execute("SELECT word, keys FROM word_keys").fetchall()
    return {word: () if keys is None else tuple(keys.split(SEPARATOR)) for word, keys in rows}


def body_words(build: Path) -> set[str]:
    with closing(sqlite3.connect(build / builds.DB_NAME)) as db:
        return {w.lower() for (body,) in db.execute("SELECT body FROM article") for w in WORD.findall(body)}


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Archive, list[Path]]:
    corpus = tmp_path_factory.mktemp("word_keys") / "corpus"
    settings, paths = load_generated(corpus, 160)
    return corpus, served_archive(settings.data_dir), paths


def test_every_body_word_has_the_keys_query_keys_gives(loaded: tuple[Path, Archive, list[Path]]) -> None:
    _, archive, _ = loaded
    kept = table(archive.build)
    words = body_words(archive.build)
    assert words and words <= set(kept)
    differ = {w: (kept[w], query_keys(w)) for w in words if kept[w] != query_keys(w)}
    assert not differ
    assert table_version(archive.build / WORD_KEYS_FILE) == analysis_version()


def test_search_snippets_with_the_table_equal_those_worked_out(
    loaded: tuple[Path, Archive, list[Path]], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same pages, snippets and all, with the table's keys and with `query_keys` (the
    table replaced by one the build lacks, so that every word is worked out)."""
    _, archive, _ = loaded
    queries = [q for seed in SEEDS for q in query_set(archive.build, seed, PER_CLASS)]
    table_keys = search_page.word_keys(archive)
    assert table_keys.readable
    marked = 0
    with Session(archive.engine) as session:
        for query in queries:
            filters = {k: list(v) for k, v in query.filters.items()}
            request = ArticleQuery(q=query.q, filters=filters, limit=10)
            archive.cache._entries.clear()
            with_table = search_page.search(archive, session, request)
            archive._once["word keys"] = WordKeys(archive.build / "absent.sqlite")
            try:
                archive.cache._entries.clear()
                worked_out = search_page.search(archive, session, request)
            finally:
                archive._once["word keys"] = table_keys
            assert with_table == worked_out, query.q
            marked += sum(seg.mark for hit in with_table.items for seg in hit.snippet)
    assert marked > 100


def test_a_load_adds_the_new_words_to_the_served_table(
    loaded: tuple[Path, Archive, list[Path]],
) -> None:
    corpus, archive, paths = loaded
    before = table(archive.build)
    # Inside the longest paragraph: a line of its own, or one after the boilerplate at the
    # end, is cleaned away.
    text = paths[0].read_text(encoding="utf-8")
    longest = max(text.splitlines(), key=len)
    head, rest = longest.split(" ", 1)
    paths[0].write_text(text.replace(longest, f"{head} {NEW_WORD}ами {rest}", 1), encoding="utf-8")
    settings_dir = corpus.parent / "data"
    assert load([corpus], make_settings(settings_dir)).published
    newer = served_archive(settings_dir)
    assert newer.build != archive.build
    after = table(newer.build)
    assert after[f"{NEW_WORD.lower()}ами"] == query_keys(f"{NEW_WORD.lower()}ами")
    assert set(before) <= set(after)
    assert body_words(newer.build) <= set(after)


def test_a_table_of_another_analysis_is_not_read_and_is_written_again(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    settings, paths = load_generated(corpus, 20)
    build = builds.current_build(settings.data_dir)
    assert build is not None
    with closing(sqlite3.connect(build / WORD_KEYS_FILE)) as db:
        db.execute("UPDATE meta SET value = 'older' WHERE name = 'analysis'")
        db.execute("DELETE FROM word_keys")
        db.commit()
    assert not WordKeys(build / WORD_KEYS_FILE).readable
    paths[0].write_text(paths[0].read_text(encoding="utf-8") + "\nВзаимной торговли.\n", encoding="utf-8")
    assert load([corpus], settings).published
    newer = builds.current_build(settings.data_dir)
    assert newer is not None and newer != build
    assert WordKeys(newer / WORD_KEYS_FILE).readable
    assert body_words(newer) <= set(table(newer))
