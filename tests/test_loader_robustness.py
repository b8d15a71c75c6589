"""No single file can sink a load: odd headlines, names, dates, ids, copies and bytes."""

import os
import shutil
from pathlib import Path

import pytest
from sqlmodel import Session, create_engine, select
from whoosh import index as whoosh_index

from app.build import layout as builds
from app.loader.pipeline import EXIT_OK, EXIT_SOME_FAILED, load
from tests.conftest import (
    SEED_IDS,
    SEEDS_DIR,
    articles_in,
    make_settings,
    seed_path,
    seed_text,
    served_search,
)


def segment_count(data_dir: Path) -> int:
    build = builds.current_build(data_dir)
    assert build is not None
    return len(whoosh_index.open_dir(str(build / builds.INDEX_NAME))._segments())


WORDLESS_HEADLINES = ["---", "***", "* * *", "—", "📷", "🇰🇿🇨🇳", "!?.. ;:"]


def test_headlines_without_words_load_with_the_seeds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    for n, head in enumerate(WORDLESS_HEADLINES):
        (corpus / f"odd{n}.txt").write_text(
            f"{head}\n\nПрезидент Токаев провёл переговоры с министром номер {n} в Астане.\n",
            encoding="utf-8",
        )
    (corpus / "front-matter.md").write_text(
        "---\ntitle: Встреча\ndate: 2020-04-03\n---\n\nТокаев встретился с послом Японии в Астане.\n",
        encoding="utf-8",
    )
    settings = make_settings(tmp_path / "data")
    report = load([corpus], settings)
    assert report.exit_code == EXIT_OK, [(o.file, o.reason) for o in report.outcomes]
    assert report.count("loaded") == 5 + len(WORDLESS_HEADLINES) + 1
    assert len(served_search(settings.data_dir, "Токаев")) == 5 + len(WORDLESS_HEADLINES) + 1


def test_a_wordless_headline_does_not_wedge_later_loads_when_segments_merge(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, head in enumerate(["***", "📷"]):
        (corpus / f"odd{n}.txt").write_text(f"{head}\n\nТокаев провёл переговоры с министром {n}.\n")
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).exit_code == EXIT_OK
    counts = []
    for n in range(6):
        # Each load adds a segment; Whoosh merges the small ones after a few.
        (corpus / f"good{n}.txt").write_text(seed_text("000").replace("осенью", f"осенью ({n})"))
        report = load([corpus], settings)
        assert report.exit_code == EXIT_OK and report.published, report.summary()
        counts.append(segment_count(settings.data_dir))
    assert any(later < earlier for earlier, later in zip(counts, counts[1:], strict=False)), counts
    assert len(served_search(settings.data_dir, "Израилем")) == 6
    assert len(articles_in(settings.data_dir)) == 8


def test_a_file_name_that_is_not_utf8_is_refused_by_name_and_the_rest_load(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    (corpus / os.fsdecode(b"caf\xe9.txt")).write_text("Кафе\n\nПрезидент посетил кафе в Астане.\n")
    (corpus / os.fsdecode(b"empty\xff.txt")).write_bytes(b"")
    settings = make_settings(tmp_path / "data")
    report = load([corpus], settings)
    assert report.exit_code == EXIT_SOME_FAILED and report.published
    failed = {o.file: o.reason for o in report.outcomes if o.status == "failed"}
    assert set(failed) == {f"{corpus}/caf\\xe9.txt", f"{corpus}/empty\\xff.txt"}
    assert all("not valid UTF-8" in reason for reason in failed.values())
    assert len(articles_in(settings.data_dir)) == 5
    assert load([corpus], settings).exit_code == EXIT_SOME_FAILED


@pytest.mark.parametrize(
    "dateline", ["АСТАНА, 30 февраля 2020 – Kazinform. Президент", "АСТАНА, 31 апреля – Kazinform. Президент"]
)
def test_an_impossible_date_loads_the_article_undated_and_says_why(tmp_path: Path, dateline: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "feb30.txt").write_text(
        f"Токаев встретился с послом Японии\n\n{dateline} провёл встречу с послом Японии в 2020 году.\n"
    )
    settings = make_settings(tmp_path / "data")
    report = load([corpus], settings)
    assert report.exit_code == EXIT_OK
    [outcome] = report.outcomes
    assert outcome.status == "loaded" and "impossible date" in outcome.reason
    [article] = articles_in(settings.data_dir).values()
    assert article.title == "Токаев встретился с послом Японии"
    assert (article.date, article.date_precision) == (None, "unknown")
    assert "impossible date" in article.date_evidence


OTHER_TEXT = "Министр принял посла\n\nМинистр иностранных дел принял посла Японии в Астане.\n"


def test_files_whose_names_share_a_number_get_different_ids(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tass_20200403120000.txt").write_text(seed_text("000"), encoding="utf-8")
    (corpus / "ria_20200403120000.txt").write_text(OTHER_TEXT, encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    report = load([corpus], settings)
    assert [o.status for o in report.outcomes] == ["loaded", "loaded"]
    rows = articles_in(settings.data_dir)
    assert sorted(a.source_file for a in rows.values()) == [
        "ria_20200403120000.txt",
        "tass_20200403120000.txt",
    ]
    assert all(a.id_source == "content" for a in rows.values())


def test_a_file_naming_another_files_id_never_silently_replaces_its_article(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    settings = make_settings(tmp_path / "data")
    load([corpus], settings)
    # Another outlet's file whose name happens to carry seed 000's id, with another text.
    (corpus / "zz_0850c73b636fa0ad.txt").write_text(OTHER_TEXT, encoding="utf-8")
    report = load([corpus], settings)
    outcome = next(o for o in report.outcomes if o.file == "zz_0850c73b636fa0ad.txt")
    assert outcome.status == "loaded"
    assert "already 000_0850c73b636fa0ad.txt's" in outcome.reason
    rows = articles_in(settings.data_dir)
    assert rows["0850c73b636fa0ad"].source_file == seed_path("000").name
    assert rows[outcome.article_id].source_file == "zz_0850c73b636fa0ad.txt"
    assert len(rows) == 6


def test_two_new_files_naming_one_id_both_load_the_first_path_keeps_it(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "b_0850c73b636fa0ad.txt").write_text(OTHER_TEXT, encoding="utf-8")
    (corpus / "a_0850c73b636fa0ad.txt").write_text(seed_text("000"), encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    report = load([corpus / "b_0850c73b636fa0ad.txt", corpus / "a_0850c73b636fa0ad.txt"], settings)
    status = {o.file: (o.status, o.reason) for o in report.outcomes}
    assert status["a_0850c73b636fa0ad.txt"] == ("loaded", "")
    assert status["b_0850c73b636fa0ad.txt"][0] == "loaded"
    assert "already a_0850c73b636fa0ad.txt's" in status["b_0850c73b636fa0ad.txt"][1]
    assert articles_in(settings.data_dir)["0850c73b636fa0ad"].source_file == "a_0850c73b636fa0ad.txt"


@pytest.mark.parametrize("copy_first", [True, False])
def test_which_of_identical_files_wins_does_not_depend_on_the_order(tmp_path: Path, copy_first: bool) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seed = corpus / seed_path("002").name
    copy = corpus / "001 copy.txt"  # sorts before the seed's own name
    shutil.copy(seed_path("002"), seed)
    shutil.copy(seed_path("002"), copy)
    settings = make_settings(tmp_path / "data")
    report = load([copy, seed] if copy_first else [seed, copy], settings)
    status = {o.file: (o.status, o.reason) for o in report.outcomes}
    assert status[seed.name] == ("loaded", "")
    assert status[copy.name] == ("duplicate", f"same text as {seed.name}; not loaded twice")
    assert list(articles_in(settings.data_dir)) == ["cf854c5743a0f1ee"]


def test_a_better_copy_added_later_takes_the_article_as_if_loaded_together(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    copy = corpus / "001 copy.txt"
    shutil.copy(seed_path("002"), copy)
    settings = make_settings(tmp_path / "data")
    load([corpus], settings)
    assert list(articles_in(settings.data_dir)) != ["cf854c5743a0f1ee"]
    shutil.copy(seed_path("002"), corpus / seed_path("002").name)
    report = load([corpus], settings)
    status = {o.file: o.status for o in report.outcomes}
    assert status == {copy.name: "duplicate", seed_path("002").name: "loaded"}
    assert list(articles_in(settings.data_dir)) == ["cf854c5743a0f1ee"]
    again = load([corpus], settings)
    assert {o.file: o.status for o in again.outcomes} == {
        copy.name: "duplicate",
        seed_path("002").name: "unchanged",
    }
    assert not again.published


def test_utf8_with_a_few_stray_bytes_loads_and_says_where(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    data = seed_path("000").read_bytes()
    cut = data.index("Израиль".encode())
    (corpus / "stray.txt").write_bytes(data[:cut] + b"\xff\xfe\xc0" + data[cut:])
    settings = make_settings(tmp_path / "data")
    report = load([corpus], settings)
    [outcome] = report.outcomes
    assert outcome.status == "loaded"
    assert "3 invalid UTF-8 byte sequence(s) replaced with U+FFFD (line 1)" in outcome.reason
    [article] = articles_in(settings.data_dir).values()
    assert article.encoding == "utf-8" and "\ufffd\ufffd\ufffd" in article.title


def test_short_koi8r_text_is_read_as_cyrillic_and_flagged_as_a_guess(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "koi8.txt").write_bytes("Президент встретился с послом.\n".encode("koi8_r"))
    settings = make_settings(tmp_path / "data")
    [outcome] = load([corpus], settings).outcomes
    assert outcome.status == "loaded" and "low confidence" in outcome.reason
    [article] = articles_in(settings.data_dir).values()
    assert article.encoding == "koi8_r"
    assert article.display_title == "Президент встретился с послом"


def test_the_load_report_names_duplicate_files_without_verbose(tmp_path: Path, capsys) -> None:
    from app.cli import main

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    shutil.copy(seed_path("002"), corpus / "001 copy.txt")
    assert main(["--data-dir", str(tmp_path / "data"), "load", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert f"duplicate 001 copy.txt: same text as {seed_path('002').name}; not loaded twice" in out
    assert "5 loaded, 0 updated, 0 unchanged, 1 duplicate, 0 failed" in out


POISON = "Отравленный"


def _poisoned_index(ix) -> bool:  # type: ignore[no-untyped-def]
    with ix.searcher() as searcher:
        return any(POISON in (doc.get("display_title") or "") for doc in searcher.all_stored_fields())


def _inject(monkeypatch, stage: str) -> None:  # type: ignore[no-untyped-def]
    """A fault in one stage, triggered by one file's content: stands for any bug a file's
    text could hit there. The stages themselves run for real."""
    import app.loader.index as index_module
    import app.loader.pipeline as pipeline
    import app.loader.store as store

    def fault() -> None:
        raise ValueError(f"{stage} cannot take this text")

    if stage == "sqlite":
        real_links = store._link_rows

        def link_rows(records):  # type: ignore[no-untyped-def]
            if any(POISON in r.article.display_title for r in records):
                fault()
            return real_links(records)

        monkeypatch.setattr(store, "_link_rows", link_rows)
    elif stage == "index":
        real_document = index_module.document_for

        def document_for(record):  # type: ignore[no-untyped-def]
            if POISON in record.article.display_title:
                fault()
            return real_document(record)

        monkeypatch.setattr(index_module, "document_for", document_for)
    else:
        name = "write_postings" if stage == "postings" else "write_columns"
        real = getattr(pipeline, name)

        def write(ix, *args, **kwargs):  # type: ignore[no-untyped-def]
            if _poisoned_index(ix):
                fault()
            return real(ix, *args, **kwargs)

        monkeypatch.setattr(pipeline, name, write)


@pytest.mark.parametrize("stage", ["sqlite", "index", "postings", "columns"])
def test_a_file_that_fails_a_late_stage_is_named_and_the_rest_published(
    tmp_path: Path, monkeypatch, stage: str
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    settings = make_settings(tmp_path / "data")
    load([corpus], settings)
    (corpus / "new.txt").write_text("Новая встреча\n\nПремьер-министр провел встречу с послом Японии.\n")
    (corpus / "poison.txt").write_text(f"{POISON} заголовок\n\nТокаев провел встречу с послом Кореи.\n")
    _inject(monkeypatch, stage)
    report = load([corpus], settings)
    assert report.exit_code == EXIT_SOME_FAILED and report.published, report.summary()
    status = {o.file: (o.status, o.reason) for o in report.outcomes}
    assert status["poison.txt"] == (
        "failed",
        f"could not be stored or indexed: ValueError: {stage} cannot take this text",
    )
    assert status["new.txt"] == ("loaded", "")
    assert sorted(a.source_file for a in articles_in(settings.data_dir).values()) == sorted(
        [*(p.name for p in SEEDS_DIR.iterdir()), "new.txt"]
    )
    assert served_search(settings.data_dir, "Японии") and not served_search(settings.data_dir, "Кореи")
    assert not list((settings.data_dir / "builds").glob("*.tmp"))


def test_a_stage_that_fails_whatever_the_files_is_the_archives_fault(tmp_path: Path, monkeypatch) -> None:
    import app.loader.pipeline as pipeline

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    settings = make_settings(tmp_path / "data")
    first = load([corpus], settings)
    (corpus / "new.txt").write_text("Новая встреча\n\nПремьер-министр провел встречу с послом Японии.\n")

    def broken(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise ValueError("columns are broken")

    monkeypatch.setattr(pipeline, "write_columns", broken)
    report = load([corpus], settings)
    assert report.exit_code == 2
    assert report.summary() == (
        f"load failed: cannot write the archive in {settings.data_dir}, even without the changed files: "
        "ValueError: columns are broken"
    )
    assert builds.current_build(settings.data_dir) == first.build
    assert not list((settings.data_dir / "builds").glob("*.tmp"))


def test_headlines_that_slugify_alike_over_ids_that_start_alike_both_load(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a_0850c73b11111111.txt").write_text(
        "Одинаковый заголовок\n\nТокаев встретился с послом Японии.\n"
    )
    (corpus / "b_0850c73b22222222.txt").write_text(
        "Одинаковый заголовок\n\nТокаев встретился с послом Китая.\n"
    )
    settings = make_settings(tmp_path / "data")
    report = load([corpus], settings)
    assert [o.status for o in report.outcomes] == ["loaded", "loaded"]
    slugs = sorted(a.slug for a in articles_in(settings.data_dir).values())
    assert slugs == ["odinakovyi-zagolovok-0850c73b", "odinakovyi-zagolovok-0850c73b22222222"]


LOOK_ALIKES = {
    "latin-t.txt": "Tокаев провёл переговоры с послом Японии\n\nПрезидент Tокаев принял посла Японии.\n",
    "stress.txt": "Тока́ев провёл переговоры с послом Индии\n\nПрезидент Тока́ев принял посла Индии.\n",
    "fullwidth.txt": "Ｔｏｋａｙｅｖ received the Ambassador of Japan\n\nPresident Ｔｏｋａｙｅｖ met him.\n",
    "rtl.txt": "\u202eТокаев принял посла Кореи\n\nПрезидент Токаев\u200f принял посла Кореи.\n",
}


def test_look_alike_letters_stress_marks_and_direction_marks_do_not_hide_a_name(tmp_path: Path) -> None:
    from app.models import ArticleLeader

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in LOOK_ALIKES.items():
        (corpus / name).write_text(text, encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).exit_code == EXIT_OK
    rows = articles_in(settings.data_dir)
    by_file = {a.source_file: a for a in rows.values()}
    # Look-alike letters stay as written (the source says so); only the keys unify them.
    assert by_file["latin-t.txt"].title == "Tокаев провёл переговоры с послом Японии"
    assert by_file["stress.txt"].title == "Токаев провёл переговоры с послом Индии"
    assert by_file["fullwidth.txt"].title == "Tokayev received the Ambassador of Japan"
    assert by_file["rtl.txt"].title == "Токаев принял посла Кореи"
    assert by_file["rtl.txt"].raw_text == LOOK_ALIKES["rtl.txt"]
    build = builds.current_build(settings.data_dir)
    engine = create_engine(f"sqlite:///file:{build / builds.DB_NAME}?mode=ro&uri=true")
    with Session(engine) as session:
        linked = {
            row.article_id
            for row in session.exec(select(ArticleLeader)).all()
            if row.leader_slug == "kassym-jomart-tokayev"
        }
    engine.dispose()
    assert linked == set(rows)
    cyrillic = {by_file[name].id for name in ("latin-t.txt", "stress.txt", "rtl.txt")}
    assert set(served_search(settings.data_dir, "Токаев")) >= cyrillic
    assert by_file["fullwidth.txt"].id in served_search(settings.data_dir, "Ｔｏｋａｙｅｖ")
    assert set(served_search(settings.data_dir, "Tокаев")) >= cyrillic


def test_every_file_of_a_build_is_on_disk_before_current_points_at_it(tmp_path: Path, monkeypatch) -> None:
    """Observes the real fsync and rename calls of a real load (it changes none of them)."""
    synced: set[str] = set()
    at_swap: set[str] = set()
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        synced.add(os.readlink(f"/proc/self/fd/{fd}"))
        real_fsync(fd)

    def replace(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if os.path.basename(os.fspath(dst)) == builds.CURRENT:
            at_swap.update(synced)
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    settings = make_settings(tmp_path / "data")
    report = load([SEEDS_DIR], settings)
    build = report.build
    assert build is not None and report.published
    files = {str(p) for p in build.rglob("*") if p.is_file()}
    # Synced under the build's unpublished name, before the rename.
    unpublished = {f.replace(str(build), str(build) + ".tmp", 1) for f in files}
    assert files and unpublished <= at_swap


def test_a_file_deleted_from_a_loaded_folder_takes_its_article_with_it(tmp_path: Path, capsys) -> None:
    from app.cli import main

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text(OTHER_TEXT, encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    load([corpus, elsewhere], settings)
    (corpus / seed_path("003").name).unlink()
    data = str(settings.data_dir)
    assert main(["--data-dir", data, "load", str(corpus)]) == 0
    out = capsys.readouterr().out
    assert f"removed   {seed_path('003').name}: file no longer in {corpus}; its article is removed" in out
    assert "0 loaded, 0 updated, 4 unchanged, 0 duplicate, 0 failed, 1 removed; published build" in out
    rows = articles_in(settings.data_dir)
    assert "2496c4a878802486" not in rows and len(rows) == 5  # the file outside the folder stays
    assert not served_search(settings.data_dir, "Гутерришпен")
    # A named file that is gone is removed the same way.
    elsewhere.unlink()
    report = load([elsewhere], settings)
    assert [(o.status, o.reason) for o in report.outcomes] == [
        ("failed", "no such file or directory"),
        ("removed", "file no longer there; its article is removed"),
    ]
    assert len(articles_in(settings.data_dir)) == 4
    assert not load([corpus], settings).published


def test_a_file_that_now_fails_takes_its_old_article_with_it_however_it_fails(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    settings = make_settings(tmp_path / "data")
    load([corpus], settings)
    (corpus / seed_path("003").name).write_bytes(b"")  # refused when read
    (corpus / seed_path("004").name).write_text("Фото: Ақорда\n")  # nothing left after cleaning
    report = load([corpus], settings)
    status = {o.file: o.status for o in report.outcomes}
    assert (status[seed_path("003").name], status[seed_path("004").name]) == ("failed", "failed")
    assert sorted(articles_in(settings.data_dir)) == sorted(
        [ident for n, ident in SEED_IDS.items() if n not in ("003", "004")]
    )


def test_a_late_failure_during_an_upgrade_still_upgrades_and_names_the_file(
    tmp_path: Path, monkeypatch
) -> None:
    from app.build.postings import postings_complete, segment_dirs

    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    settings = make_settings(tmp_path / "data")
    first = load([corpus], settings)
    folder, _ = segment_dirs(first.build)[0]
    (folder / "positions.npy").unlink()  # an archive built by older code: upgraded by the next load
    (corpus / "poison.txt").write_text(f"{POISON} заголовок\n\nТокаев провел встречу с послом Кореи.\n")
    _inject(monkeypatch, "index")
    report = load([corpus], settings)
    assert report.published and report.upgraded and report.exit_code == EXIT_SOME_FAILED
    assert [(o.file, o.status) for o in report.outcomes if o.status != "unchanged"] == [
        ("poison.txt", "failed")
    ]
    assert postings_complete(builds.current_build(settings.data_dir))
    assert len(articles_in(settings.data_dir)) == 5
    assert not list((settings.data_dir / "builds").glob("*.tmp"))
