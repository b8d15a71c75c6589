"""Result summaries read in one SQL statement (app.queries.articles.summaries), and from the
build's summary records (build_summaries, what the search page reads), equal the ORM path's
(orm_summaries) for every article of an archive of the seeds and a generated corpus (Russian
and Kazakh), in each interface language: names, labels, dates as displayed, and the order of
leaders, countries and organisations; also after an incremental load that changed, added and
removed articles."""

import shutil
from pathlib import Path

import pytest
from sqlmodel import Session

from app.build import layout as builds
from app.build.archive import Archive, open_archive
from app.build.postings import POSTINGS_DIR, SUMMARY_ARRAYS
from app.i18n import Lang
from app.loader.pipeline import load
from app.queries.articles import build_summaries, orm_summaries, summaries
from bench.corpus import write_corpus
from tests.conftest import load_generated, make_settings, served_archive

LANGS: tuple[Lang, ...] = ("en", "ru", "kk")
VISIT = """Tokayev Receives the Federal President of Austria

Astana, 12 May 2023. President Kassym-Jomart Tokayev met Federal President Alexander Van der Bellen.
The heads of state of Kazakhstan and Austria discussed trade with the United Nations and the OSCE.
"""


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Archive:
    corpus = tmp_path_factory.mktemp("summaries") / "corpus"
    corpus.mkdir()
    # A person the register does not know (named as the text gives them).
    (corpus / "900001_0123456789abcdef.txt").write_text(VISIT, encoding="utf-8")
    settings, _ = load_generated(corpus, 240)
    return served_archive(settings.data_dir)


@pytest.fixture(scope="module")
def ids(archive: Archive) -> list[str]:
    return sorted(str(i) for i, live in zip(archive.columns.ids, archive.columns.live, strict=True) if live)


@pytest.mark.parametrize("lang", LANGS)
def test_every_article_summary_equals_the_orm_one(archive: Archive, ids: list[str], lang: Lang) -> None:
    with Session(archive.engine) as session:
        fast = summaries(session, ids, lang)
        plain = orm_summaries(session, ids, lang)
    assert [s.model_dump() for s in fast] == [s.model_dump() for s in plain]
    assert len(fast) == len(ids)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_keep_the_order_asked_skip_unknown_ids_and_repeat_repeated(
    archive: Archive, ids: list[str], lang: Lang
) -> None:
    with Session(archive.engine) as session:
        for start in range(0, len(ids), 10):
            page = list(reversed(ids[start : start + 10])) + ["no-such-article", ids[start]]
            fast = summaries(session, page, lang)
            assert [s.model_dump() for s in fast] == [
                s.model_dump() for s in orm_summaries(session, page, lang)
            ]
            assert [s.id for s in fast] == [i for i in page if i != "no-such-article"]
        assert summaries(session, [], lang) == []


def test_the_archive_exercises_every_part_of_a_summary(archive: Archive, ids: list[str]) -> None:
    """The comparison above means something: the archive has leaders in and out of the
    register, several per article, countries, organisations, event types and articles in
    each language."""
    with Session(archive.engine) as session:
        fast = summaries(session, ids, "ru")
    assert any(len(s.leaders) > 1 for s in fast)
    assert any(not ref.in_register for s in fast for ref in s.leaders)
    assert any(len(s.countries) > 1 for s in fast)
    assert any(s.organisations for s in fast)
    assert any(s.event_types for s in fast)
    assert {"ru", "kk", "en"} <= {s.language for s in fast}


def test_languages_asked_in_turn_each_get_their_own_names_and_dates(archive: Archive, ids: list[str]) -> None:
    """Names, links and dates are remembered by value between requests: a page asked in one
    language right after another still reads entirely in its own, as the ORM path gives it."""
    page = ids[:40]
    with Session(archive.engine) as session:
        for lang in ("ru", "en", "kk", "en", "ru", "kk", "ru"):
            fast = summaries(session, page, lang)
            assert [s.model_dump() for s in fast] == [
                s.model_dump() for s in orm_summaries(session, page, lang)
            ], lang


def _live_docnums(archive: Archive) -> list[int]:
    return [d for d, live in enumerate(archive.columns.live) if live]


@pytest.mark.parametrize("lang", LANGS)
def test_summaries_from_the_build_equal_the_orm_ones(archive: Archive, lang: Lang) -> None:
    docnums = _live_docnums(archive)
    assert archive.postings.has_summaries
    with Session(archive.engine) as session:
        fast = build_summaries(archive, session, docnums, lang)
        plain = orm_summaries(session, [str(archive.columns.ids[d]) for d in docnums], lang)
    assert [s.model_dump() for s in fast] == [s.model_dump() for s in plain]
    assert len(fast) == len(docnums)


def test_summaries_from_the_build_follow_an_incremental_load(tmp_path: Path) -> None:
    """A load that edits one article, adds one and removes one: the new build's records
    (segments linked from the old build, and the new segment) give the ORM's summaries,
    the edited article's new title and leaders included."""
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 30)
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).published
    files = sorted(corpus.iterdir())
    files[0].unlink()
    edited = files[1]
    edited.write_text(
        VISIT.replace("Federal President of Austria", "President of Austria, again"), encoding="utf-8"
    )
    (corpus / "900002_0123456789abcdef.txt").write_text(VISIT.replace("12 May", "14 May"), encoding="utf-8")
    assert load([corpus], settings).published
    build = builds.current_build(settings.data_dir)
    assert build is not None
    archive = open_archive(build)
    docnums = _live_docnums(archive)
    assert len(archive.postings.segments) > 1 and archive.postings.has_summaries
    with Session(archive.engine) as session:
        fast = build_summaries(archive, session, docnums, "en")
        plain = orm_summaries(session, [str(archive.columns.ids[d]) for d in docnums], "en")
    assert [s.model_dump() for s in fast] == [s.model_dump() for s in plain]
    assert any(s.title.endswith("again") and s.leaders for s in fast)


def test_a_build_without_summary_records_is_read_through_sqlite(archive: Archive, tmp_path: Path) -> None:
    """A build made before summary records (its segments lack them): served all the same,
    its summaries read from SQLite, equal to the ORM's."""
    copy = tmp_path / archive.build.name
    shutil.copytree(archive.build, copy)
    removed = [p for p in (copy / POSTINGS_DIR).glob("*/*.npy") if p.stem in SUMMARY_ARRAYS]
    assert removed
    for path in removed:
        path.unlink()
    older = open_archive(copy)
    assert not older.postings.has_summaries
    docnums = _live_docnums(older)
    with Session(older.engine) as session:
        fast = build_summaries(older, session, docnums, "kk")
        plain = orm_summaries(session, [str(older.columns.ids[d]) for d in docnums], "kk")
    assert [s.model_dump() for s in fast] == [s.model_dump() for s in plain]
    assert len(fast) == len(docnums)
