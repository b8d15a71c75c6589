"""The count of lines repeated across a group's pages, kept with each build
(app/loader/linecounts.py): after any load it is the count over every page the build holds,
and a load of one file counts the pages that change into it instead of reading its group."""

from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from app.build import layout as builds
from app.loader import repeated
from app.loader.linecounts import LINE_COUNTS_FILE, read_line_counts
from app.loader.pipeline import load, process_files
from app.loader.store import StoredLines
from app.loader.stored import stored_state
from app.loader.survey import pipeline_version
from tests.conftest import make_settings
from tests.test_loader_repeated_lines import _full_load, _records, write_pages


def _assert_kept_counts_are_a_whole_count(data: Path) -> None:
    build = builds.current_build(data)
    assert build is not None
    kept = read_line_counts(build, pipeline_version())
    assert kept is not None
    whole = repeated.group_counts(StoredLines(build / builds.DB_NAME).every_page())
    assert sorted(kept) == sorted(whole)
    for group, count in whole.items():
        assert kept[group].pages == count.pages
        for mine, theirs in (
            (kept[group].keys, count.keys),
            (kept[group].counts, count.counts),
            (kept[group].heads, count.heads),
            (kept[group].head_counts, count.head_counts),
        ):
            assert np.array_equal(mine, theirs)


def test_the_kept_counts_are_a_count_over_every_page_after_each_load(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    settings = make_settings(data)
    write_pages(corpus / "en", "en", range(4))
    write_pages(corpus / "ru", "ru", range(3))
    assert load([corpus], settings).published
    _assert_kept_counts_are_a_whole_count(data)

    # One page edited and loaded alone; one added alone; one gone from its folder.
    edited = corpus / "en" / "en-1.txt"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\n\n", "\n\nOne more paragraph of the story, told here.\n\n", 1))
    assert load([edited], settings).published
    _assert_kept_counts_are_a_whole_count(data)
    write_pages(corpus / "ru", "ru", [3])
    assert load([corpus / "ru" / "ru-3.txt"], settings).published
    _assert_kept_counts_are_a_whole_count(data)
    (corpus / "en" / "en-0.txt").unlink()
    assert load([corpus / "en"], settings).published
    _assert_kept_counts_are_a_whole_count(data)


def test_a_file_loaded_alone_reads_no_whole_group_while_no_line_crosses_a_bound(tmp_path: Path) -> None:
    corpus, data = tmp_path / "corpus", tmp_path / "data"
    settings = make_settings(data)
    write_pages(corpus, "en", range(4))
    assert load([corpus], settings).published
    edited = corpus / "en-2.txt"
    text = edited.read_text(encoding="utf-8")
    edited.write_text(text.replace("\n\n", "\n\nOne more paragraph of the story, told here.\n\n", 1))

    def decided() -> set[str]:
        build = builds.current_build(data)
        assert build is not None
        stored = stored_state(build / builds.DB_NAME)
        archive = StoredLines(build / builds.DB_NAME)
        found = process_files([edited], settings, stored, datetime.now(UTC), archive=archive)
        assert [o.status for o in found.outcomes] == ["updated"]
        return found.lines_state.whole

    # The site's lines stay on all four pages, the edited page's own lines on one: the count
    # kept with the build takes the page out and in again.
    assert decided() == set()
    # Without it, the group is read and counted whole, as before.
    build = builds.current_build(data)
    assert build is not None
    (build / LINE_COUNTS_FILE).unlink()
    assert decided() == {f"folder:{corpus}"}
    # Both ways, the archive a load of every file gives.
    assert load([edited], settings).published
    assert _records(data) == _full_load(tmp_path, corpus)
    _assert_kept_counts_are_a_whole_count(data)
