"""The whole load: idempotent, incremental, atomic; bad files named, good files loaded."""

import codecs
import os
import random
import shutil
import time
from pathlib import Path

import pytest
from sqlmodel import Session, create_engine, select

from app.build import layout as builds
from app.loader.pipeline import EXIT_FATAL, EXIT_LOCKED, EXIT_OK, EXIT_SOME_FAILED, load
from app.models import LoadRun
from tests.conftest import (
    SEEDS_DIR,
    articles_in,
    make_settings,
    seed_path,
    seed_text,
    served_search,
)


def test_seed_load_report(seed_archive) -> None:
    settings, report = seed_archive
    assert report.exit_code == EXIT_OK
    assert sorted(o.status for o in report.outcomes) == ["loaded"] * 5
    rows = articles_in(settings.data_dir)
    assert sorted(rows) == sorted(
        [
            "0850c73b636fa0ad",
            "79748dd0cfb8815e",
            "cf854c5743a0f1ee",
            "2496c4a878802486",
            "4e61c8ae04ec0d81",
        ]
    )
    assert all(a.id_source == "file name" for a in rows.values())


def test_stored_records_keep_evidence_and_removed_lines(seed_archive) -> None:
    settings, _ = seed_archive
    seed_000 = articles_in(settings.data_dir)["0850c73b636fa0ad"]
    assert (seed_000.date, seed_000.date_precision, seed_000.date_inferred) == (
        "2020-04-03",
        "day",
        True,
    )
    assert seed_000.raw_text == seed_text("000")
    assert {
        "line": 5,
        "text": "Подписаться",
        "reason": "subscribe / navigation",
    } in seed_000.removed_lines
    seed_003 = articles_in(settings.data_dir)["2496c4a878802486"]
    assert seed_003.date is None and seed_003.date_precision == "unknown"
    assert "Дана Нұржігіт" not in seed_003.body
    assert seed_003.slug.startswith("memleket-basshysy-")


def test_loading_twice_changes_nothing_and_says_so(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    first = load([SEEDS_DIR], settings)
    second = load([SEEDS_DIR], settings)
    assert first.published and not second.published
    assert [o.status for o in second.outcomes] == ["unchanged"] * 5
    assert "nothing changed" in second.summary()
    assert builds.current_build(settings.data_dir) == first.build


def test_a_changed_file_is_reparsed_and_reindexed(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    settings = make_settings(tmp_path / "data")
    load([corpus], settings)
    assert served_search(settings.data_dir, "Кнессетом") == ["cf854c5743a0f1ee"]
    target = corpus / seed_path("002").name
    target.write_text(seed_text("002").replace("Кнессетом", "Меджлисом"), encoding="utf-8")
    report = load([corpus], settings)
    assert sorted(o.status for o in report.outcomes) == ["unchanged"] * 4 + ["updated"]
    assert served_search(settings.data_dir, "Кнессетом") == []
    assert served_search(settings.data_dir, "Меджлисом") == ["cf854c5743a0f1ee"]
    assert len(served_search(settings.data_dir, "Израиль")) == 2
    assert len(articles_in(settings.data_dir)) == 5


def test_bad_files_are_named_and_the_good_ones_load(tmp_path: Path) -> None:
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    shutil.copy(seed_path("000"), corpus)
    shutil.copy(seed_path("001"), corpus)
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_text("  \n\n \t\n")
    (corpus / "random.bin").write_bytes(random.Random(7).randbytes(2000))
    (corpus / "huge.txt").write_bytes(b"x" * 9000)
    (corpus / "copy-of-000.txt").write_bytes(seed_path("000").read_bytes())
    legacy = "Глава МИД встретился с послом\n\nСтороны обсудили торговлю и транспорт между странами.\n"
    (corpus / "legacy-cp1251.txt").write_bytes(legacy.encode("cp1251") * 2)
    (corpus / "windows-bom.txt").write_bytes(
        codecs.BOM_UTF8 + "Премьер встретился с министром\r\n\r\nОбсудили энергетику.\r\n".encode()
    )
    settings = make_settings(tmp_path / "data", max_file_bytes=8000)
    report = load([corpus], settings)
    status = {o.file: (o.status, o.reason) for o in report.outcomes}
    assert status["empty.txt"] == ("failed", "empty file (0 bytes)")
    assert status["blank.txt"] == ("failed", "no text (whitespace only)")
    assert status["random.bin"][0] == "failed" and "binary" in status["random.bin"][1]
    assert status["huge.txt"] == ("failed", "file too large: 9000 bytes, limit is 8000 bytes")
    assert {status["copy-of-000.txt"][0], status[seed_path("000").name][0]} == {
        "loaded",
        "duplicate",
    }
    assert status["legacy-cp1251.txt"][0] == "loaded"
    assert status["windows-bom.txt"][0] == "loaded"
    assert report.exit_code == EXIT_SOME_FAILED
    rows = articles_in(settings.data_dir)
    assert len(rows) == 4
    by_file = {a.source_file: a for a in rows.values()}
    assert by_file["legacy-cp1251.txt"].encoding in {"cp1251", "windows-1251"}
    assert by_file["legacy-cp1251.txt"].title == "Глава МИД встретился с послом"
    assert by_file["windows-bom.txt"].had_bom and by_file["windows-bom.txt"].newline == "crlf"
    assert by_file["windows-bom.txt"].id_source == "content"


def test_a_failing_build_leaves_the_served_archive_intact(tmp_path: Path, monkeypatch) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    settings = make_settings(tmp_path / "data")
    first = load([corpus], settings)
    (corpus / "new.txt").write_text("Новая статья\n\nПрезидент провёл встречу с послом Японии.\n")

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("app.loader.pipeline.write_documents", disk_full)
    report = load([corpus], settings)
    assert report.exit_code == EXIT_FATAL
    assert "No space left on device" in report.summary()
    assert builds.current_build(settings.data_dir) == first.build
    assert len(articles_in(settings.data_dir)) == 5
    assert not list((settings.data_dir / "builds").glob("*.tmp"))


def test_a_second_load_while_one_runs_refuses_clearly(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    with builds.load_lock(settings.data_dir):
        report = load([SEEDS_DIR], settings)
        # Refusing did not release the lock this process holds.
        assert load([SEEDS_DIR], settings).locked
    assert (report.locked, report.exit_code) == (True, EXIT_LOCKED)
    holder = f"another load is running (pid {os.getpid()}); try again when it ends"
    assert report.summary() == f"load failed: {holder}"
    assert builds.current_build(settings.data_dir) is None
    assert load([SEEDS_DIR], settings).published


def test_old_builds_are_pruned_and_the_load_run_is_recorded(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    settings = make_settings(tmp_path / "data", keep_builds=2)
    for n in range(4):
        (corpus / f"item{n}.txt").write_text(f"Заголовок номер {n}\n\nТекст статьи номер {n} о визите.\n")
        assert load([corpus], settings).published
    finished = list((settings.data_dir / "builds").iterdir())
    assert len(finished) == 2
    build = builds.current_build(settings.data_dir)
    engine = create_engine(f"sqlite:///file:{build / builds.DB_NAME}?mode=ro&uri=true")
    with Session(engine) as session:
        runs = session.exec(select(LoadRun)).all()
    assert [r.loaded for r in runs] == [1, 1, 1, 1]
    assert [r.unchanged for r in runs] == [0, 1, 2, 3]


@pytest.mark.parametrize("missing", ["does-not-exist.txt"])
def test_a_missing_path_is_reported(tmp_path: Path, missing: str) -> None:
    report = load([tmp_path / missing, seed_path("000")], make_settings(tmp_path / "data"))
    assert [(o.status, o.reason) for o in report.outcomes if o.status == "failed"] == [
        ("failed", "no such file or directory")
    ]
    assert report.published


def test_a_changed_index_schema_reindexes_every_article(tmp_path: Path) -> None:
    from whoosh import fields, index

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    settings = make_settings(tmp_path / "data")
    served = load([corpus], settings).build
    old_index = served / builds.INDEX_NAME
    shutil.rmtree(old_index)
    old_index.mkdir()
    index.create_in(str(old_index), fields.Schema(id=fields.ID(stored=True, unique=True)))
    (corpus / "new.txt").write_text("Новая встреча\n\nПремьер-министр провел встречу с послом Японии.\n")
    report = load([corpus], settings)
    assert [o.status for o in report.outcomes].count("loaded") == 1
    assert len(served_search(settings.data_dir, "Израиль")) == 2
    assert len(served_search(settings.data_dir, "Японии")) == 1


def test_files_untouched_since_the_last_load_are_not_read_again(tmp_path: Path, monkeypatch) -> None:
    import app.loader.pipeline as pipeline

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    an_hour_ago = time.time() - 3600
    for path in corpus.iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))
    settings = make_settings(tmp_path / "data")
    load([corpus], settings)
    reads: list[str] = []
    real_read = pipeline.read_file
    monkeypatch.setattr(
        pipeline, "read_file", lambda path, limit: reads.append(path.name) or real_read(path, limit)
    )
    touched = corpus / seed_path("001").name
    touched.write_text(seed_text("001") + "\nҚосымша сөйлем.\n", encoding="utf-8")
    report = load([corpus], settings)
    assert reads == [touched.name]
    assert sorted(o.status for o in report.outcomes) == ["unchanged"] * 4 + ["updated"]


def test_untouched_duplicates_and_failures_are_remembered_not_reparsed(tmp_path: Path, monkeypatch) -> None:
    import app.loader.pipeline as pipeline

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    (corpus / "copy-of-000.txt").write_bytes(seed_path("000").read_bytes())
    (corpus / "empty.txt").write_bytes(b"")
    an_hour_ago = time.time() - 3600
    for path in corpus.iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))
    settings = make_settings(tmp_path / "data")
    first = {o.file: o.status for o in load([corpus], settings).outcomes}
    assert (first["copy-of-000.txt"], first["empty.txt"]) == ("duplicate", "failed")
    reads: list[str] = []
    real_read = pipeline.read_file

    def counting_read(path: Path, limit: int):  # observes the real reader, changes nothing
        reads.append(path.name)
        return real_read(path, limit)

    monkeypatch.setattr(pipeline, "read_file", counting_read)
    (corpus / "new.txt").write_text("Новая встреча\n\nПремьер-министр провел встречу с послом Японии.\n")
    os.utime(corpus / "new.txt", (an_hour_ago, an_hour_ago))
    second = {o.file: (o.status, o.reason) for o in load([corpus], settings).outcomes}
    assert reads == ["new.txt"]
    assert second["copy-of-000.txt"][0] == "duplicate" and "same text as" in second["copy-of-000.txt"][1]
    assert second["empty.txt"] == ("failed", "empty file (0 bytes)")
    assert second["new.txt"][0] == "loaded"
    # That load remembered them again, the copy with the text it copies: the next load too
    # reads only what is new (a copy remembered without its text was read by every load).
    reads.clear()
    (corpus / "newer.txt").write_text("Ещё одна встреча\n\nМинистр провел встречу с послом Кореи.\n")
    third = {o.file: o.status for o in load([corpus], settings).outcomes}
    assert reads == ["newer.txt"]
    assert (third["copy-of-000.txt"], third["newer.txt"]) == ("duplicate", "loaded")


def test_a_remembered_duplicate_is_read_again_when_its_twin_changes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    original = seed_path("000").read_bytes()
    (corpus / "a.txt").write_bytes(original)
    (corpus / "b-copy.txt").write_bytes(original)
    an_hour_ago = time.time() - 3600
    for path in corpus.iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))
    settings = make_settings(tmp_path / "data")
    assert {o.file: o.status for o in load([corpus], settings).outcomes} == {
        "a.txt": "loaded",
        "b-copy.txt": "duplicate",
    }
    (corpus / "a.txt").write_bytes(original + "\nНовый абзац о визите.\n".encode())
    statuses = {o.file: o.status for o in load([corpus], settings).outcomes}
    # b-copy.txt now alone holds the old text, so it takes over that article.
    assert statuses == {"a.txt": "updated", "b-copy.txt": "updated"}
    rows = articles_in(settings.data_dir)
    assert sorted(a.source_file for a in rows.values()) == ["a.txt", "b-copy.txt"]
    assert "Новый абзац о визите." in next(a.body for a in rows.values() if a.source_file == "a.txt")


def test_a_changed_file_without_a_hash_in_its_name_replaces_its_old_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    target = corpus / "note.txt"
    target.write_text("Встреча в Астане\n\nПрезидент провёл встречу с послом Японии.\n", encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    load([corpus], settings)
    (old_id,) = articles_in(settings.data_dir)
    target.write_text("Встреча в Астане\n\nПрезидент провёл встречу с послом Кореи.\n", encoding="utf-8")
    report = load([corpus], settings)
    assert [o.status for o in report.outcomes] == ["updated"]
    rows = articles_in(settings.data_dir)
    assert len(rows) == 1 and old_id not in rows
    assert served_search(settings.data_dir, "Японии") == []
    assert len(served_search(settings.data_dir, "Кореи")) == 1


def test_an_archive_built_by_older_code_is_migrated_by_the_next_load(tmp_path: Path) -> None:
    from alembic import command
    from fastapi.testclient import TestClient

    from app.build.sqlite import head_revision, schema_revision
    from app.loader.store import _alembic_config
    from app.main import create_app

    settings = make_settings(tmp_path / "data")
    first = load([SEEDS_DIR], settings)
    config = _alembic_config()
    # The build as code of migration 0002 left it (no foreign-key pragma: SQLite recreates
    # the table to drop a column).
    with create_engine(f"sqlite:///{first.build / builds.DB_NAME}").begin() as connection:
        config.attributes["connection"] = connection
        command.downgrade(config, "0002")
    assert schema_revision(first.build / builds.DB_NAME) == "0002"
    with TestClient(create_app(settings)) as client:
        response = client.get("/api/articles")
        assert response.status_code == 503
        assert "run `archive load` to upgrade" in response.json()["error"]["message"]
        assert client.get("/healthz").status_code == 503
    report = load([SEEDS_DIR], settings)
    assert report.published and "archive schema upgraded" in report.summary()
    assert [o.status for o in report.outcomes] == ["unchanged"] * 5
    assert schema_revision(builds.current_build(settings.data_dir) / builds.DB_NAME) == head_revision()
    assert len(articles_in(settings.data_dir)) == 5
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/articles").json()["total"] == 5


def test_a_build_without_the_search_arrays_gets_them_from_the_next_load(tmp_path: Path) -> None:
    """A build from a version that kept other arrays is not served (as one of an older
    schema is not), and the next load, with no file changed, rebuilds the arrays and publishes."""
    from app.build.archive import ArchiveOutdated, open_archive
    from app.build.postings import postings_complete, segment_dirs

    settings = make_settings(tmp_path / "data")
    first = load([SEEDS_DIR], settings)
    folder, _ = segment_dirs(first.build)[0]
    (folder / "positions.npy").unlink()  # as builds made before phrases used positions
    with pytest.raises(ArchiveOutdated, match="run `archive load` to upgrade"):
        open_archive(first.build)
    report = load([SEEDS_DIR], settings)
    assert report.published and [o.status for o in report.outcomes] == ["unchanged"] * 5
    rebuilt = builds.current_build(settings.data_dir)
    assert rebuilt != first.build and postings_complete(rebuilt)
    assert open_archive(rebuilt).postings is not None


def test_an_incremental_load_reuses_the_arrays_of_untouched_segments(tmp_path: Path) -> None:
    """Only the new segment's postings are decoded: the others are the same files, linked."""
    from app.build.archive import open_archive
    from app.build.postings import segment_dirs

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    settings = make_settings(tmp_path / "data")
    first = load([corpus], settings)
    changed = sorted(corpus.iterdir())[0]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nНовый абзац о встрече.\n", encoding="utf-8")
    second = load([corpus], settings)
    assert second.count("updated") == 1
    before = {folder.name: folder for folder, _ in segment_dirs(first.build)}
    after = {folder.name: folder for folder, _ in segment_dirs(second.build)}
    kept = before.keys() & after.keys()
    assert kept and after.keys() - before.keys()  # old segments kept, one new
    for name in kept:
        assert (after[name] / "docs.npy").stat().st_ino == (before[name] / "docs.npy").stat().st_ino
    archive = open_archive(second.build)
    assert archive.postings is not None and len(archive.postings.segments) == len(after)


def test_a_data_directory_with_uri_characters_in_its_name(tmp_path: Path) -> None:
    """'?', '#', '%' and spaces in the path are part of the name, not a URI query or escape:
    the load, the next load and the app all open the one database."""
    from fastapi.testclient import TestClient

    from app.main import create_app

    settings = make_settings(tmp_path / "odd dir?mode=rw#frag%41" / "data")
    assert load([SEEDS_DIR], settings).published
    again = load([SEEDS_DIR], settings)
    assert again.fatal is None and [o.status for o in again.outcomes] == ["unchanged"] * 5
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/articles").json()["total"] == 5
    assert not list(tmp_path.glob("odd dir")) and not list(Path.cwd().glob("file:*"))
