"""A load that finds nothing to do, told before the parse and build stack is imported
(app/loader/survey.py `nothing_to_do`): it says what the whole load says, and steps aside
whenever the whole load has anything to read, remove or write."""

import dataclasses
import gc
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from app.build import layout as builds
from app.config import Settings
from app.loader.pipeline import load
from app.loader.report import LoadReport
from app.loader.survey import decide_before_reading, nothing_to_do, pipeline_version, survey
from bench.corpus import write_corpus
from tests.conftest import make_settings


def _age(*paths: Path, seconds: float = 60) -> None:
    """Files written `seconds` ago: outside the window in which a load reads a file again
    because it may still be being written."""
    past = time.time() - seconds
    for path in paths:
        os.utime(path, (past, past))


def _said(report: LoadReport) -> tuple[object, ...]:
    return ([dataclasses.astuple(o) for o in report.outcomes], report.summary(), report.exit_code)


def _archive(tmp_path: Path) -> tuple[Path, list[Path], Settings]:
    """A loaded folder with a copy of one file (a duplicate) and an empty one (failed)."""
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 10, seed=5)
    shutil.copy(paths[2], corpus / "copy_of_two.txt")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    _age(*corpus.iterdir())
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).published
    return corpus, paths, settings


def _quick(paths: list[Path], settings: Settings) -> LoadReport | None:
    found = survey(paths, settings)
    return nothing_to_do(found, paths, settings) if found is not None else None


def _same_as_the_whole_load(corpus: Path, settings: Settings) -> None:
    served = builds.current_build(settings.data_dir)
    quick = _quick([corpus], settings)
    assert quick is not None
    whole = load([corpus], settings)
    assert not whole.published and builds.current_build(settings.data_dir) == served
    assert _said(quick) == _said(whole)


def test_nothing_changed_is_said_as_the_whole_load_says_it(tmp_path: Path) -> None:
    corpus, paths, settings = _archive(tmp_path)
    _same_as_the_whole_load(corpus, settings)
    # One file by name, and a file and a folder together.
    quick = _quick([paths[4]], settings)
    assert quick is not None and _said(quick) == _said(load([paths[4]], settings))
    quick = _quick([paths[4], corpus], settings)
    assert quick is not None and _said(quick) == _said(load([paths[4], corpus], settings))


def test_a_file_touched_but_unchanged_is_left_to_the_whole_load_then_known(tmp_path: Path) -> None:
    """A new time and the same bytes: only reading the file tells, so the whole load runs;
    it notes the new time, and from then on nothing is to do again."""
    corpus, paths, settings = _archive(tmp_path)
    _age(paths[3], seconds=30)
    assert _quick([corpus], settings) is None
    again = load([corpus], settings)
    assert not again.published and again.count("unchanged") == 10, again.summary()
    _same_as_the_whole_load(corpus, settings)


def test_a_file_changed_to_the_same_size_is_left_to_the_whole_load(tmp_path: Path) -> None:
    corpus, paths, settings = _archive(tmp_path)
    text = paths[6].read_text(encoding="utf-8")
    changed = text.replace("а", "о", 1)
    assert changed != text and len(changed.encode()) == len(text.encode())
    paths[6].write_text(changed, encoding="utf-8")
    _age(paths[6], seconds=30)
    assert _quick([corpus], settings) is None
    assert load([corpus], settings).count("updated") == 1
    _same_as_the_whole_load(corpus, settings)


def test_a_gone_file_a_missing_path_or_a_new_file_is_left_to_the_whole_load(tmp_path: Path) -> None:
    corpus, paths, settings = _archive(tmp_path)
    assert _quick([corpus, tmp_path / "nowhere"], settings) is None
    shutil.copy(paths[1], tmp_path / "aside.txt")
    paths[1].unlink()
    assert _quick([corpus], settings) is None
    assert _quick([paths[1]], settings) is None
    assert load([corpus], settings).count("removed") == 1
    _same_as_the_whole_load(corpus, settings)
    shutil.copy(tmp_path / "aside.txt", corpus / "new.txt")
    _age(corpus / "new.txt")
    assert _quick([corpus], settings) is None
    assert load([corpus], settings).count("loaded") == 1
    _same_as_the_whole_load(corpus, settings)


PROBE = """
import json, sys
from app.cli import main
code = main(["--data-dir", sys.argv[1], "load", "-q", sys.argv[2]])
heavy = ("sqlalchemy", "sqlmodel", "app.models", "app.loader.pipeline", "app.loader.store", "lingua")
print(json.dumps([code, sorted(m for m in sys.modules if m.split(".")[0] in heavy or m in heavy)]))
"""


def test_archive_load_that_finds_nothing_changed_imports_no_parse_or_build_stack(tmp_path: Path) -> None:
    corpus, _, settings = _archive(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(settings.data_dir), str(corpus)],
        check=True,
        capture_output=True,
        text=True,
        cwd=Path(__file__).parents[1],
    )
    code, imported = json.loads(done.stdout.strip().splitlines()[-1])
    assert (code, imported) == (1, [])  # 1: the empty file is named as failed again


def test_a_load_that_goes_on_from_a_survey_gives_the_archive_a_full_load_gives(tmp_path: Path) -> None:
    """`archive load FILE` surveys first, and its load takes what the survey read (stored
    state, skipped files, notes, each file's decision) instead of reading it again; a survey
    of another build (a load published meanwhile) is not taken."""
    from tests.test_load_incremental import _same_archive

    corpus, paths, settings = _archive(tmp_path)
    paths[5].write_text(
        paths[5].read_text(encoding="utf-8") + "\nСтороны обсудили визит.\n", encoding="utf-8"
    )
    _age(paths[5], seconds=30)
    found = survey([paths[5]], settings)
    assert found is not None and nothing_to_do(found, [paths[5]], settings) is None
    alone = load([paths[5]], settings, survey=found)
    assert alone.count("updated") == 1, alone.summary()
    # A survey, then another load publishes: the survey no longer holds, and is not taken.
    paths[7].write_text(paths[7].read_text(encoding="utf-8") + "\nВизит состоится летом.\n", encoding="utf-8")
    _age(paths[7], seconds=30)
    stale = survey([corpus], settings)
    assert stale is not None
    assert load([paths[7]], settings).count("updated") == 1
    again = load([corpus], settings, survey=stale)
    assert not again.published and again.count("updated") == 0, again.summary()
    fresh = make_settings(tmp_path / "fresh")
    assert load([corpus], fresh).published
    _same_archive(settings, fresh)


def test_the_survey_and_its_verdict_run_without_the_collector_and_turn_it_back_on(tmp_path: Path) -> None:
    """At 100k files every full collection during the survey walked the stored state and
    the decisions made so far again (1.2 of its 3.1 s of CPU): it pauses the collector, as
    the whole load's decisions do, and leaves it as it found it."""
    corpus, _, settings = _archive(tmp_path)
    collections: list[int] = []

    def counted(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    threshold = gc.get_threshold()
    gc.callbacks.append(counted)
    gc.set_threshold(1, 1, 1)  # a collection at almost every allocation, were it on
    try:
        found = survey([corpus], settings)
        assert found is not None
        report = nothing_to_do(found, [corpus], settings)
    finally:
        gc.set_threshold(*threshold)
        gc.callbacks.remove(counted)
    assert report is not None  # nothing changed (its empty file failed before, and still does)
    # At most the few made as the pause is set up and lifted (without it, this survey of
    # twelve files made about 2,800 collections at this threshold).
    assert len(collections) <= 12, len(collections)
    assert gc.isenabled()


def test_the_survey_decides_each_file_as_its_per_file_rule_does(tmp_path: Path) -> None:
    """The survey decides the files that are as stored in one step (decide_all_before_reading):
    every file, of every kind, gets the decision decide_before_reading gives it."""
    corpus, paths, settings = _archive(tmp_path)
    # Touched but the same (noted by the next load), changed, just written, gone, new.
    _age(paths[0], seconds=30)
    assert load([corpus], settings).outcomes
    _age(paths[1], seconds=20)
    paths[3].write_text(paths[3].read_text(encoding="utf-8") + "\nЕщё абзац.\n", encoding="utf-8")
    _age(paths[3], seconds=30)
    paths[4].write_text(paths[4].read_text(encoding="utf-8"), encoding="utf-8")
    paths[5].unlink()
    (corpus / "new.txt").write_text("Новый файл\n\nСтороны обсудили сотрудничество.\n", encoding="utf-8")
    found = survey([corpus], settings)
    assert found is not None
    version = pipeline_version()
    each = [
        decide_before_reading(p, found.by_path, found.by_fingerprint, found.skipped, found.notes, version)
        for p in found.files
    ]
    assert found.before == each
    kinds = {type(decision).__name__ for _, decision in found.before}
    assert kinds == {"Unchanged", "Duplicate", "Failed", "Parse"}
