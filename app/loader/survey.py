"""What a load finds before it reads any file: each file's size and time against what the
archive holds (app/loader/stored.py), and the decisions that follow from them alone.

The load decides every file this way first (pipeline.process_files), and reads only the
files these decisions cannot settle. When none is left to read, no stored article's file
is gone and the served build is of this code, the load has nothing to do: `nothing_to_do`
finds that out, and says it as the whole load would, without importing the parse stages,
SQLAlchemy, the models or the index writers (more than 1 s of CPU of every `archive load`
that found nothing changed, a second or two of reading a stat per file).
"""

import hashlib
import os
import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from app import __version__
from app.build import layout as builds
from app.config import Settings
from app.datafiles import DATA_DIR
from app.loader.decisions import RACY_WINDOW_NS, Duplicate, Failed, Parse, Seen, Unchanged, before_reading
from app.loader.discover import FileRejected, discover, shown
from app.loader.heap import few_collections
from app.loader.report import FileOutcome, LoadReport
from app.loader.seen_files import SEEN_NAME, SeenFile, as_noted, seen_files, stale_notes
from app.loader.stored import Skipped, StoredState, skipped_files, stored_state


@lru_cache(maxsize=1)
def pipeline_version() -> str:
    """Code version plus a hash of the rule files: changing a rule re-parses every article."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(DATA_DIR.glob("*.toml")):
        digest.update(path.name.encode() + path.read_bytes())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def seen_on_disk(path: Path) -> Seen:
    """The file's size and time as the load finds it (None of either: it cannot be statted)."""
    try:
        stat = os.stat(path)
    except OSError:
        return Seen(str(path))
    return Seen(str(path), stat.st_size, stat.st_mtime_ns)


def decide_before_reading(
    path: Path,
    by_path: Mapping[str, StoredState],
    by_fingerprint: Mapping[str, StoredState],
    skipped: Mapping[str, Skipped],
    notes: Mapping[str, SeenFile],
    version: str,
) -> tuple[Seen, Unchanged | Duplicate | Failed | Parse]:
    """The file as found, and what its size and time alone decide (decisions.before_reading)."""
    now = seen_on_disk(path)
    known = skipped.get(now.path)
    twin = by_fingerprint.get(known.fingerprint) if known and known.status == "duplicate" else None
    twin_seen = seen_on_disk(Path(twin.source_path)) if twin else None
    previous = by_path.get(now.path)
    if notes and previous is not None:
        previous = as_noted(previous, notes.get(now.path), now.size, now.mtime_ns)
    return now, before_reading(now, previous, known, twin, twin_seen, version)


def decide_all_before_reading(
    files: list[Path],
    by_path: Mapping[str, StoredState],
    by_fingerprint: Mapping[str, StoredState],
    skipped: Mapping[str, Skipped],
    notes: Mapping[str, SeenFile],
    version: str,
) -> list[tuple[Seen, Unchanged | Duplicate | Failed | Parse]]:
    """`decide_before_reading` of every file. A file whose stored article's size and time
    it still has, no note or skipped file naming it, is decided here in one step (most files
    of most loads: at 100k files four calls per file fewer); any other by the whole rule."""
    found: list[tuple[Seen, Unchanged | Duplicate | Failed | Parse]] = []
    racy = RACY_WINDOW_NS
    for path in files:
        text = str(path)
        previous = by_path.get(text)
        if previous is not None and previous.pipeline_version == version and text not in skipped:
            try:
                stat = os.stat(text)
            except OSError:
                stat = None
            size, mtime_ns, seen_ns = previous.source_size, previous.source_mtime_ns, previous.loaded_at_ns
            if (
                stat is not None
                and text not in notes
                and size is not None
                and mtime_ns is not None
                and seen_ns is not None
                and stat.st_size == size
                and stat.st_mtime_ns == mtime_ns
                and mtime_ns < seen_ns - racy
            ):
                found.append(
                    (Seen(text, size, mtime_ns), Unchanged(previous.id, previous.content_fingerprint))
                )
                continue
        found.append(decide_before_reading(path, by_path, by_fingerprint, skipped, notes, version))
    return found


def skipped_line(path: Path, seen: Seen, decision: Unchanged | Duplicate | Failed) -> FileOutcome:
    """The report's line for a file that gives no new record."""
    name = shown(path.name)
    if isinstance(decision, Unchanged):
        return FileOutcome(name, "unchanged", article_id=decision.article_id)
    if isinstance(decision, Duplicate):
        return FileOutcome(
            name,
            "duplicate",
            decision.reason,
            path=seen.path,
            size=seen.size,
            mtime_ns=seen.mtime_ns,
            fingerprint=decision.fingerprint,
        )
    return FileOutcome(
        name, "failed", decision.reason, path=seen.path, size=seen.size, mtime_ns=seen.mtime_ns
    )


class GoneCheck:
    """Where a stored article's file was, if it lay in a loaded folder (or was a loaded
    file) and is not there any more; None when it is there or outside the load."""

    def __init__(self, paths: list[Path], files: list[Path]) -> None:
        self.present = {str(p) for p in files}
        self.folders = tuple(str(p.resolve()).rstrip(os.sep) + os.sep for p in paths if p.is_dir())
        self.named = {str(p.absolute()) for p in paths if not p.is_dir()} | {
            str(p.resolve()) for p in paths if not p.is_dir() and p.exists()
        }

    def candidates(self, stored: Iterable[StoredState]) -> list[StoredState]:
        """The stored articles whose file lay in a loaded folder or was a loaded file: only
        they can be gone (a load of one file looks at one, not at every stored article)."""
        folders, named = self.folders, self.named
        return [
            s for s in stored if s.source_path in named or (folders and s.source_path.startswith(folders))
        ]

    def __call__(self, state: StoredState) -> str | None:
        if state.source_path in self.present:
            return None
        under = next((f for f in self.folders if state.source_path.startswith(f)), None)
        if under is None and state.source_path not in self.named:
            return None
        if Path(state.source_path).exists():
            return None
        return f"no longer in {under.rstrip(os.sep)}" if under else "no longer there"


@dataclass
class Survey:
    """What a load of `paths` finds before it reads a file, against the `served` build: the
    files, the paths missing, the stored state, and each file's size, time and decision.
    Valid while `current` names the same build and the notes file is as it was: a build
    never changes once published, and only a load writes either."""

    paths: tuple[str, ...]
    follow_outside_links: bool
    served: Path
    notes_file: tuple[int, int, int] | None
    files: list[Path]
    missing: list[FileRejected]
    stored: dict[str, StoredState]
    skipped: dict[str, Skipped]
    notes: dict[str, SeenFile]
    before: list[tuple[Seen, Unchanged | Duplicate | Failed | Parse]]
    # The stored articles by their file's path and by their text's fingerprint: made once
    # per load (each a pass over every stored article), here.
    by_path: dict[str, StoredState]
    by_fingerprint: dict[str, StoredState]

    def holds(self, paths: list[Path], settings: Settings, served: Path | None) -> bool:
        return (
            self.paths == tuple(map(str, paths))
            and self.follow_outside_links == settings.follow_outside_links
            and self.served == served
            and self.notes_file == _notes_file(settings.data_dir)
        )


def _notes_file(data_dir: Path) -> tuple[int, int, int] | None:
    try:
        found = os.stat(data_dir / SEEN_NAME)
    except OSError:
        return None
    return (found.st_ino, found.st_size, found.st_mtime_ns)


def survey(paths: list[Path], settings: Settings) -> Survey | None:
    """Look at every file of a load of `paths` and decide what its size and time decide;
    None when there is no served build, or it is of older code (the whole load upgrades
    it first). Reads, never writes, and takes no lock: `Survey.holds` says whether it still
    holds when the load has the lock. Without the collector's full collections, which
    walked the stored state, paths and decisions made so far (at 100k files seven times:
    1.2 of the survey's 3.1 s of CPU), as the whole load decides (pipeline.load)."""
    with few_collections():
        return _survey(paths, settings)


def _survey(paths: list[Path], settings: Settings) -> Survey | None:
    served = builds.current_build(settings.data_dir)
    if served is None:
        return None
    # Imported here: only a load that found a served build checks its arrays (NumPy, Whoosh).
    from app.build.archive import outdated

    try:
        notes_file = _notes_file(settings.data_dir)
        files, missing = discover(paths, settings.follow_outside_links)
        if outdated(served):
            return None
        stored = stored_state(served / builds.DB_NAME, settings.data_dir)
        skipped = skipped_files(served / builds.DB_NAME)
        notes = seen_files(settings.data_dir)
    except (OSError, sqlite3.Error):
        return None  # a build pruned meanwhile, an unreadable folder: the whole load says why
    by_path = {s.source_path: s for s in stored.values()}
    by_fingerprint = {s.content_fingerprint: s for s in stored.values()}
    version = pipeline_version()
    before = decide_all_before_reading(files, by_path, by_fingerprint, skipped, notes, version)
    return Survey(
        tuple(map(str, paths)),
        settings.follow_outside_links,
        served,
        notes_file,
        files,
        missing,
        stored,
        skipped,
        notes,
        before,
        by_path,
        by_fingerprint,
    )


def nothing_to_do(found: Survey, paths: list[Path], settings: Settings) -> LoadReport | None:
    """The report of a load of `paths` that finds nothing to do, or None when the load has
    something to do or to find out (a file to read, a path missing, a stored article's file
    gone, a note to drop, a build of older code, another load running): then the whole load
    runs, from the same survey (pipeline.load). Decided with the whole load's own rules,
    confirmed under the load lock; writes nothing, as that load writes nothing then."""
    with few_collections():
        return _nothing_to_do(found, paths, settings)


def _nothing_to_do(found: Survey, paths: list[Path], settings: Settings) -> LoadReport | None:
    if found.missing or not _nothing_changed(found, paths):
        return None
    try:
        with builds.load_lock(settings.data_dir):
            if not found.holds(paths, settings, builds.current_build(settings.data_dir)):
                return None
            builds.clear_leftovers(settings.data_dir)
    except (builds.LoadInProgress, OSError):
        return None  # the whole load says what stands in its way (exit 3, or 2 and why)
    outcomes = []
    for path, (seen, decision) in zip(found.files, found.before, strict=True):
        assert not isinstance(decision, Parse), "a file to parse is something to do"
        outcomes.append(skipped_line(path, seen, decision))
    return LoadReport(outcomes=outcomes)


def _nothing_changed(found: Survey, paths: list[Path]) -> bool:
    by_path = found.by_path
    if found.notes and stale_notes(found.notes, by_path):
        return False
    for seen, decision in found.before:
        if isinstance(decision, Parse) or (seen.path in by_path and not isinstance(decision, Unchanged)):
            return False
    gone = GoneCheck(paths, found.files)
    return not any(gone(state) is not None for state in gone.candidates(found.stored.values()))
