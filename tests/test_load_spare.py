"""A load starts from the copy of the served database made ahead (app/build/spare.py).

The copy must be of the build served, whole and unchanged since: a load that takes it
gives the archive a full load of the same files gives, and a copy that is not of the
served build, or not as that build is now, is never taken.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

from app.build import layout as builds
from app.build.spare import SPARE_DIR, make_spare, spare_lock, spare_path, wait_for_copy_of, wait_for_spares
from app.config import Settings
from app.loader.pipeline import load
from bench.corpus import write_corpus
from tests.conftest import make_settings
from tests.test_load_incremental import _age, _same_archive


def _loaded(tmp_path: Path, count: int, seed: int, folder: str = "data") -> tuple[Path, list[Path], Settings]:
    """A corpus written, aged, loaded and published, its copy ahead made: each test's start."""
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, count, seed=seed)
    _age(*paths)
    settings = make_settings(tmp_path / folder)
    assert load([corpus], settings).published
    wait_for_spares()
    return corpus, paths, settings


def _served(data: Path) -> Path:
    served = builds.current_build(data)
    assert served is not None
    return served


def test_a_load_takes_the_copy_made_ahead_and_gives_the_archive_a_full_load_gives(tmp_path: Path) -> None:
    corpus, paths, settings = _loaded(tmp_path, 12, 5, "kept")
    spare = spare_path(settings.data_dir, _served(settings.data_dir).name)
    assert spare.is_file(), sorted((settings.data_dir / SPARE_DIR).iterdir())
    made = spare.stat().st_ino
    edited = paths[4]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nСтороны подписали меморандум.\n")
    _age(edited)
    alone = load([edited], settings)
    assert alone.count("updated") == 1 and alone.published, alone.summary()
    # The new build's database is the very file copied ahead, not a copy made by the load.
    assert (_served(settings.data_dir) / builds.DB_NAME).stat().st_ino == made
    fresh = make_settings(tmp_path / "fresh")
    assert load([corpus], fresh).published
    _same_archive(settings, fresh)
    # And the next load has a copy of the build just published.
    wait_for_spares()
    assert [p.name for p in (settings.data_dir / SPARE_DIR).iterdir()] == [
        spare_path(settings.data_dir, _served(settings.data_dir).name).name
    ]


def test_a_copy_of_another_build_or_from_before_a_change_is_not_taken(tmp_path: Path) -> None:
    corpus, paths, settings = _loaded(tmp_path, 6, 9)
    served = _served(settings.data_dir)
    spare = spare_path(settings.data_dir, served.name)
    # Named after the served build but made before its file last changed (a published build
    # is never written again: this is the guard against a file someone did write).
    shutil.copyfile(served / builds.DB_NAME, spare)
    past = (served / builds.DB_NAME).stat().st_mtime_ns - 10**9
    os.utime(spare, ns=(past, past))
    target = builds.new_build(settings.data_dir)
    assert not builds.copy_build(served, target, settings.data_dir)
    assert not spare.exists()
    assert (target / builds.DB_NAME).read_bytes() == (served / builds.DB_NAME).read_bytes()
    builds.discard(target)
    # A copy of another build is not taken either (and goes when the next copy is made).
    other = spare_path(settings.data_dir, "20200101T000000000000-1")
    shutil.copyfile(served / builds.DB_NAME, other)
    target = builds.new_build(settings.data_dir)
    assert not builds.copy_build(served, target, settings.data_dir)
    builds.discard(target)
    assert make_spare(settings.data_dir, served) == spare
    assert sorted((settings.data_dir / SPARE_DIR).iterdir()) == [spare]


def test_a_copy_taken_by_a_load_that_writes_no_build_is_kept_for_the_next(tmp_path: Path) -> None:
    corpus, paths, settings = _loaded(tmp_path, 6, 3)
    spare = spare_path(settings.data_dir, _served(settings.data_dir).name)
    made = spare.stat().st_ino
    # A new file that turns out a copy of a stored article: a copy ahead starts, no build.
    twin = corpus / "twin_of_two.txt"
    shutil.copy(paths[2], twin)
    _age(twin)
    report = load([corpus], settings)
    assert report.count("duplicate") == 1 and not report.published, report.summary()
    assert spare.stat().st_ino == made
    assert not list((settings.data_dir / builds.BUILDS).glob("*.tmp"))


def test_pruned_builds_leave_at_once_and_their_files_go_after_the_copy(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 6, seed=11)
    _age(*paths)
    settings = make_settings(tmp_path / "data")
    published = []
    for number in range(3):
        paths[number].write_text(paths[number].read_text(encoding="utf-8") + "\nЕщё абзац.\n")
        _age(paths[number])
        report = load([corpus], settings)
        assert report.published and report.build is not None, report.summary()
        published.append(report.build.name)
    # Kept: the served build and the one before it (keep_builds is 2), at once.
    assert sorted(p.name for p in (settings.data_dir / builds.BUILDS).iterdir()) == published[-2:]
    wait_for_spares()
    trash = settings.data_dir / builds.TRASH
    assert not trash.exists() or not list(trash.iterdir())


def test_a_load_that_only_removes_takes_the_copy_made_ahead_too(tmp_path: Path) -> None:
    """No file changed, one gone: no copy starts ahead of the parse, the build still starts
    from the spare."""
    corpus, paths, settings = _loaded(tmp_path, 6, 13)
    made = spare_path(settings.data_dir, _served(settings.data_dir).name).stat().st_ino
    paths[3].unlink()
    report = load([corpus], settings)
    assert report.count("removed") == 1 and report.published, report.summary()
    assert (_served(settings.data_dir) / builds.DB_NAME).stat().st_ino == made
    fresh = make_settings(tmp_path / "fresh")
    assert load([corpus], fresh).published
    _same_archive(settings, fresh)


def test_a_script_can_wait_for_the_copy_that_archive_load_left_running(tmp_path: Path) -> None:
    """`archive load` returns while its copy ahead goes on in a process of its own: a script
    that removes its data folder after the command (the benchmarks do) waits for that copy
    first, or the copy writes into a folder being removed."""
    corpus = tmp_path / "corpus"
    _age(*write_corpus(corpus, 4, seed=21))
    data = tmp_path / "data"
    command = [sys.executable, "-m", "app.cli", "--data-dir", str(data), "load", "-q", str(corpus)]
    run = subprocess.run(command, capture_output=True, text=True, cwd=Path(__file__).resolve().parent.parent)
    assert run.returncode == 0, run.stdout + run.stderr
    served = _served(data)
    assert wait_for_copy_of(data, served.name)
    assert spare_path(data, served.name).is_file()
    # Let go: nothing holds the folder's copy lock any more.
    with spare_lock(data, wait=False) as free:
        assert free
    shutil.rmtree(data)
    assert not data.exists()
    # A build no copy is made of: told within the timeout, not waited on forever.
    assert not wait_for_copy_of(tmp_path / "elsewhere", "20200101T000000000000-1", timeout=0.2)
