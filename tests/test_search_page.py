"""What a search page keeps between requests, per build and process, because it does not
depend on the query (app.queries.articles.build_summaries; in app.queries.search, bodies,
lead snippets and month names): a page made from what earlier
pages kept equals the page made with nothing kept, in every language; what is kept stays
within its bounds."""

import sqlite3
import threading

import pytest
from sqlmodel import Session

from app.build.archive import Archive, open_archive
from app.i18n import Lang
from app.i18n.dates import month_label
from app.models import Article
from app.queries import articles
from app.queries import search as search_page
from app.queries.articles import build_summaries, orm_summaries, summary_memo
from app.queries.search import body_memo, lead_memo, page_bodies, search
from app.search.engine import ArticleQuery
from tests.conftest import load_generated, served_archive

LANGS: tuple[Lang, ...] = ("en", "kk", "ru")
# Each with whether its snippets mark anything (a prefix alone, or no words, marks nothing).
QUERIES = {"Токаев": True, "Путин OR Токаев": True, '"телефонный разговор"': True, "тока*": False, "": False}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    settings, _ = load_generated(tmp_path_factory.mktemp("search_page") / "corpus", 80)
    return served_archive(settings.data_dir)


def fresh(built: Archive) -> Archive:
    """The same build opened again: nothing kept yet (what is kept belongs to an Archive)."""
    return open_archive(built.build)


def live_docnums(archive: Archive) -> list[int]:
    return [d for d, live in enumerate(archive.columns.live) if live]


def test_kept_summaries_are_given_again_only_in_their_language(
    built: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pages that overlap and repeat a document, asked in turn in each language with room
    for only a few summaries: each equals the ORM's summaries in its language."""
    monkeypatch.setattr(articles, "SUMMARY_MEMO", 7)
    archive = fresh(built)
    docnums = live_docnums(archive)[:20]
    pages = [docnums[:10], docnums[5:15] + docnums[5:7], docnums[:10]]
    with Session(archive.engine) as session:
        for lang in (*LANGS, "en"):
            for page in pages:
                kept = build_summaries(archive, session, page, lang)
                plain = orm_summaries(session, [str(archive.columns.ids[d]) for d in page], lang)
                assert [s.model_dump() for s in kept] == [s.model_dump() for s in plain]
    memo = summary_memo(archive)
    assert 0 < len(memo) <= 7


def test_kept_bodies_equal_the_database_and_stay_within_their_bounds(
    built: Archive, monkeypatch: pytest.MonkeyPatch
) -> None:
    archive = fresh(built)
    docnums = live_docnums(archive)[:12]
    with Session(archive.engine) as session:
        stored = {d: session.get(Article, str(archive.columns.ids[d])) for d in docnums}
        expected = {d: article.body for d, article in stored.items() if article is not None}
        assert len(expected) == len(docnums)
        longest = max(len(body) for body in expected.values())
        # Room for five bodies by count, and by characters for fewer than all twelve.
        monkeypatch.setattr(search_page, "BODY_MEMO", 5)
        monkeypatch.setattr(search_page, "BODY_MEMO_CHARS", 3 * longest)
        for page in (docnums[:8], docnums[4:12], docnums[:8], docnums[2:3]):
            assert page_bodies(archive, page) == {d: expected[d] for d in page}
    memo = body_memo(archive)
    assert 0 < len(memo) <= 5
    assert memo.weight <= 3 * longest


@pytest.mark.parametrize("text", QUERIES)
def test_a_page_from_kept_data_equals_one_with_nothing_kept(
    built: Archive, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    """The same request in each language, on an archive that has kept the summaries,
    bodies and month names of earlier pages, and on one that keeps none."""
    kept = fresh(built)
    with Session(kept.engine) as session:
        for lang in LANGS:  # earlier pages: what they read is kept
            for q in QUERIES:
                search(kept, session, ArticleQuery(q=q, limit=10), lang)
    monkeypatch.setattr(articles, "SUMMARY_MEMO", 0)
    monkeypatch.setattr(search_page, "BODY_MEMO", 0)
    monkeypatch.setattr(search_page, "LEAD_MEMO", 0)
    nothing = fresh(built)
    for lang in LANGS:
        request = ArticleQuery(q=text, limit=10)
        with Session(kept.engine) as session:
            from_kept = search(kept, session, request, lang)
        with Session(nothing.engine) as session:
            plain = search(nothing, session, request, lang)
        assert from_kept.model_dump() == plain.model_dump()
        assert from_kept.items and from_kept.timeline
        assert any(segment.mark for hit in from_kept.items for segment in hit.snippet) == QUERIES[text]
    assert len(summary_memo(nothing)) == len(body_memo(nothing)) == 0
    assert len(lead_memo(nothing)) == 0


def test_timeline_months_are_named_in_the_page_language(built: Archive) -> None:
    """The month names made once per build and language: a page asked in one language
    after another names its months in its own."""
    archive = fresh(built)
    with Session(archive.engine) as session:
        for lang in (*LANGS, "en"):
            timeline = search(archive, session, ArticleQuery(q="", limit=5), lang).timeline
            assert len(timeline) > 3
            assert [b.label for b in timeline] == [month_label(lang, b.month) for b in timeline]
    assert month_label("kk", timeline[0].month) != month_label("en", timeline[0].month)


def test_searches_read_bodies_and_mentions_without_connecting_again(built: Archive) -> None:
    """Bodies and the spans of named entities are read through one kept read-only
    connection per thread (search_page.plain_reads): a request's session, fresh every
    time as the routes make it, never connects for them. Connecting cost more than the
    statements (app.build.sqlite's engine has no pool)."""
    from sqlalchemy import event

    archive = fresh(built)
    connects: list[object] = []
    event.listen(archive.engine, "connect", lambda *_: connects.append(1))
    with Session(archive.engine) as session:  # what every page reads once per build
        search(archive, session, ArticleQuery(q="", limit=5))
    settled = len(connects)
    for text in ("Токаев", "Путин OR Токаев", '"телефонный разговор"', "Tokayev"):
        with Session(archive.engine) as session:
            page = search(archive, session, ArticleQuery(q=text, limit=10))
        assert any(segment.mark for hit in page.items for segment in hit.snippet), text
    assert len(connects) == settled
    assert len(body_memo(archive)) > 0  # bodies were read, through the kept connection
    kept = search_page.plain_reads(archive)
    assert search_page.plain_reads(archive) is kept
    with pytest.raises(sqlite3.OperationalError):
        kept.execute("DELETE FROM article")


def test_each_thread_reads_through_its_own_connection(built: Archive) -> None:
    """SQLite connections are not shared between threads: the event loop's and each
    request thread's are their own."""
    archive = fresh(built)
    found: list[sqlite3.Connection] = []
    worker = threading.Thread(target=lambda: found.append(search_page.plain_reads(archive)))
    worker.start()
    worker.join()
    assert found and found[0] is not search_page.plain_reads(archive)
