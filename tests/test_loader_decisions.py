"""The per-file rules of a load, on small in-memory inputs: no files, no archive."""

from typing import Any

from app.loader.decisions import (
    RACY_WINDOW_NS,
    Duplicate,
    Failed,
    Parse,
    Reparse,
    Seen,
    Unchanged,
    after_reading,
    before_reading,
    replaced_ids,
    status,
    untouched,
)
from app.loader.stored import StoredState
from app.models import SkippedFile

VERSION = "1.0+abc"
LOADED_NS = 10 * RACY_WINDOW_NS
MTIME_NS = LOADED_NS - 2 * RACY_WINDOW_NS


def stored(ident: str = "a1", path: str = "/c/a.txt", **changes: Any) -> StoredState:
    fields = {
        "id": ident,
        "source_path": path,
        "source_sha256": "sha-a",
        "content_fingerprint": "fp-a",
        "pipeline_version": VERSION,
        "source_size": 100,
        "source_mtime_ns": MTIME_NS,
        "loaded_at_ns": LOADED_NS,
    }
    return StoredState(**{**fields, **changes})


def skipped(status: str, path: str = "/c/b.txt", **changes: Any) -> SkippedFile:
    fields = {
        "path": path,
        "size": 100,
        "mtime_ns": MTIME_NS,
        "status": status,
        "reason": "same text as a.txt; not loaded twice" if status == "duplicate" else "empty file (0 bytes)",
        "fingerprint": "fp-a" if status == "duplicate" else "",
        "pipeline_version": VERSION,
        "seen_at_ns": LOADED_NS,
    }
    return SkippedFile(**{**fields, **changes})


SAME = Seen("/c/a.txt", 100, MTIME_NS)


def test_a_file_as_it_was_when_stored_is_unchanged_without_being_read() -> None:
    assert before_reading(SAME, stored(), None, None, None, VERSION) == Unchanged("a1", "fp-a")


def test_a_file_touched_or_unseen_or_from_older_code_is_read_and_replaces_its_article() -> None:
    for seen in (Seen("/c/a.txt", 101, MTIME_NS), Seen("/c/a.txt", 100, MTIME_NS + 1), Seen("/c/a.txt")):
        assert before_reading(seen, stored(), None, None, None, VERSION) == Parse("a1")
    assert before_reading(SAME, stored(pipeline_version="0.9"), None, None, None, VERSION) == Parse("a1")
    assert before_reading(SAME, None, None, None, None, VERSION) == Parse(None)


def test_a_file_modified_just_before_the_load_that_saw_it_is_read_again() -> None:
    racy = stored(source_mtime_ns=LOADED_NS - RACY_WINDOW_NS // 2)
    seen = Seen("/c/a.txt", 100, LOADED_NS - RACY_WINDOW_NS // 2)
    assert not untouched(seen, racy.source_size, racy.source_mtime_ns, racy.loaded_at_ns)
    assert before_reading(seen, racy, None, None, None, VERSION) == Parse("a1")


def test_a_remembered_failure_holds_while_its_file_is_untouched() -> None:
    seen = Seen("/c/b.txt", 100, MTIME_NS)
    failure = skipped("failed")
    assert before_reading(seen, None, failure, None, None, VERSION) == Failed("empty file (0 bytes)")
    touched = Seen("/c/b.txt", 0, MTIME_NS)
    assert before_reading(touched, None, failure, None, None, VERSION) == Parse(None)
    older = skipped("failed", pipeline_version="0.9")
    assert before_reading(seen, None, older, None, None, VERSION) == Parse(None)


def test_a_remembered_duplicate_holds_only_while_the_article_it_copies_is_untouched() -> None:
    seen = Seen("/c/b.txt", 100, MTIME_NS)
    duplicate, twin = skipped("duplicate"), stored()
    assert before_reading(seen, None, duplicate, twin, SAME, VERSION) == Duplicate(
        "same text as a.txt; not loaded twice", "fp-a"
    )
    twin_touched = Seen("/c/a.txt", 100, MTIME_NS + 1)
    assert before_reading(seen, None, duplicate, twin, twin_touched, VERSION) == Parse(None)
    assert before_reading(seen, None, duplicate, None, None, VERSION) == Parse(None)


def test_a_duplicate_of_a_file_written_just_before_its_load_is_settled_by_a_later_load() -> None:
    """The twin was written within the racy window of the load that stored it, so that load
    cannot vouch for it; the later load that remembered the duplicate saw it unchanged. Before,
    every load parsed such a copy again (23 files, 1.7 s of every re-load of the 10k bench)."""
    racy_mtime = LOADED_NS - RACY_WINDOW_NS // 2
    twin = stored(source_mtime_ns=racy_mtime)
    twin_seen = Seen("/c/a.txt", 100, racy_mtime)
    seen = Seen("/c/b.txt", 100, MTIME_NS)
    later = skipped("duplicate", seen_at_ns=LOADED_NS + 3 * RACY_WINDOW_NS)
    assert before_reading(seen, None, later, twin, twin_seen, VERSION) == Duplicate(
        "same text as a.txt; not loaded twice", "fp-a"
    )
    # Seen by that same racy load only: nothing settles it yet, so the copy is read again.
    same_load = skipped("duplicate", seen_at_ns=LOADED_NS)
    assert before_reading(seen, None, same_load, twin, twin_seen, VERSION) == Parse(None)
    # And a twin touched since is never vouched for.
    touched = Seen("/c/a.txt", 100, racy_mtime + 1)
    assert before_reading(seen, None, later, twin, touched, VERSION) == Parse(None)


def test_after_reading_the_same_bytes_are_unchanged_and_other_bytes_are_parsed() -> None:
    assert after_reading(stored(), "sha-a", VERSION) == Unchanged("a1", "fp-a")
    assert after_reading(stored(), "sha-b", VERSION) == Parse("a1")
    assert after_reading(stored(pipeline_version="0.9"), "sha-a", VERSION) == Parse("a1")
    assert after_reading(None, "sha-a", VERSION) == Parse(None)


def test_a_duplicate_names_the_file_that_gives_its_text() -> None:
    assert Duplicate.of("a.txt", "fp-a") == Duplicate("same text as a.txt; not loaded twice", "fp-a")


def test_the_articles_replaced_are_those_of_files_not_unchanged() -> None:
    decisions = [
        Unchanged("a1", "fp-a"),
        Parse("b1"),
        Parse(None),
        Failed("could not read", "c1"),
        Duplicate.of("a.txt", "fp-a", "d1"),
        Reparse("e1"),
    ]
    assert replaced_ids(decisions) == {"b1", "c1", "d1", "e1"}


def test_the_report_word_of_each_decision() -> None:
    known = {"a1"}
    assert status(Unchanged("a1", "fp"), "a1", known) == "unchanged"
    assert status(Duplicate("same"), None, known) == "duplicate"
    assert status(Failed("broken"), None, known) == "failed"
    assert status(Parse(None), "n1", known) == "loaded"
    assert status(Parse(None), "a1", known) == "updated"
    assert status(Parse("old"), "n1", known) == "updated"
    assert status(Reparse("a1"), "a1", known) == "updated"
