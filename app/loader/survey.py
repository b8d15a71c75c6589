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
from functools import lru_cache
from pathlib import Path

from app import __version__
from app.build import layout as builds
from app.config import Settings
from app.datafiles import DATA_DIR
from app.loader.decisions import Duplicate, Failed, Parse, Seen, Unchanged, before_reading
from app.loader.discover import discover, shown
from app.loader.report import FileOutcome, LoadReport
from app.loader.seen_files import SeenFile, as_noted, seen_files, stale_notes
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


def nothing_to_do(paths: list[Path], settings: Settings) -> LoadReport | None:
    """The report of a load of `paths` that finds nothing to do, or None when the load has
    something to do or to find out (a file to read, a path missing, a stored article's file
    gone, a note to drop, a build of older code, another load running): then the whole load
    runs. Decided from what the whole load decides first, with the same rules, under the
    load lock; writes nothing, as that load writes nothing then."""
    data_dir = settings.data_dir
    served = builds.current_build(data_dir)
    if served is None:
        return None
    try:
        with builds.load_lock(data_dir):
            builds.clear_leftovers(data_dir)
            return _unchanged(paths, settings, served)
    except (builds.LoadInProgress, OSError, sqlite3.Error):
        return None  # the whole load says what stands in its way (exit 3, or 2 and why)


def _unchanged(paths: list[Path], settings: Settings, served: Path) -> LoadReport | None:
    # Imported here, as only a load that reached this point needs the build's arrays checked
    # (NumPy, Whoosh: a fifth of a second).
    from app.build.archive import outdated

    files, missing = discover(paths, settings.follow_outside_links)
    if missing or outdated(served):
        return None
    stored = stored_state(served / builds.DB_NAME)
    by_path = {s.source_path: s for s in stored.values()}
    notes = seen_files(settings.data_dir)
    if notes and stale_notes(notes, by_path):
        return None
    by_fingerprint = {s.content_fingerprint: s for s in stored.values()}
    skipped = skipped_files(served / builds.DB_NAME)
    version = pipeline_version()
    outcomes = []
    for path in files:
        seen, decision = decide_before_reading(path, by_path, by_fingerprint, skipped, notes, version)
        if isinstance(decision, Parse) or (seen.path in by_path and not isinstance(decision, Unchanged)):
            return None
        outcomes.append(skipped_line(path, seen, decision))
    gone = GoneCheck(paths, files)
    if any(gone(state) is not None for state in gone.candidates(stored.values())):
        return None
    return LoadReport(outcomes=outcomes)
