"""What a load does with each file: typed decisions and the pure rules that make them.

No I/O here: the pipeline stats, reads and parses, and asks these rules what follows from
what it saw. A file is unchanged (its stored article stays), a duplicate (another file gives
its text), failed (with the reason), or parsed into a new record; a stored article whose
file is gone is removed.
"""

from collections.abc import Container
from dataclasses import dataclass

from app.loader.stored import Skipped, StoredState

# A file modified this close to the load that saw it could have changed again unseen.
RACY_WINDOW_NS = 2_000_000_000


@dataclass(frozen=True)
class Seen:
    """A file as the load found it on disk (None: it could not be statted)."""

    path: str
    size: int | None = None
    mtime_ns: int | None = None


@dataclass(frozen=True)
class Unchanged:
    """The stored article stays as it is: its file is the one it was made from."""

    article_id: str
    fingerprint: str


@dataclass(frozen=True)
class Duplicate:
    """Another file gives this text; `fingerprint` is the text's, when known."""

    reason: str
    fingerprint: str = ""
    replaces: str | None = None

    @classmethod
    def of(cls, winner: str, fingerprint: str, replaces: str | None = None) -> "Duplicate":
        return cls(f"same text as {winner}; not loaded twice", fingerprint, replaces)


@dataclass(frozen=True)
class Failed:
    reason: str
    replaces: str | None = None


@dataclass(frozen=True)
class Parse:
    """Read and parse the file; its record replaces the stored article `replaces`, if any."""

    replaces: str | None = None


@dataclass(frozen=True)
class Reparse:
    """An unchanged file parsed again, because the lines it shares with other pages of its
    outlet changed; its record replaces its stored article."""

    replaces: str
    reason: str = "parsed again: the lines it shares with other pages of its outlet in this load changed"


@dataclass(frozen=True)
class Removed:
    """A stored article whose file is gone from the loaded paths."""

    article_id: str
    reason: str


Decision = Unchanged | Duplicate | Failed | Parse | Reparse


def untouched(seen: Seen, size: int | None, mtime_ns: int | None, seen_ns: int | None) -> bool:
    """Same size and modification time as when last seen, and modified well before that
    load (a file written in the same second as the load could change again unseen)."""
    if seen.size is None or seen.mtime_ns is None or size is None or mtime_ns is None or seen_ns is None:
        return False
    return seen.size == size and seen.mtime_ns == mtime_ns and mtime_ns < seen_ns - RACY_WINDOW_NS


def before_reading(
    seen: Seen,
    previous: StoredState | None,
    remembered: Skipped | None,
    twin: StoredState | None,
    twin_seen: Seen | None,
    version: str,
) -> Unchanged | Duplicate | Failed | Parse:
    """From the file's size and time alone: its stored article (`previous`) stays, or what an
    earlier load decided (`remembered`) still holds, or the file must be read. A remembered
    duplicate stays one only while the article it copies (`twin`, now `twin_seen`) is untouched."""
    if (
        previous
        and previous.pipeline_version == version
        and untouched(seen, previous.source_size, previous.source_mtime_ns, previous.loaded_at_ns)
    ):
        return Unchanged(previous.id, previous.content_fingerprint)
    if (
        remembered
        and remembered.pipeline_version == version
        and untouched(seen, remembered.size, remembered.mtime_ns, remembered.seen_at_ns)
    ):
        if remembered.status != "duplicate":
            return Failed(remembered.reason)
        # The twin's text was as stored when its article was loaded, and again when this
        # duplicate was last seen (that load read or kept it): a twin written just before
        # its own load is settled by the later one, or every load would parse the copy again.
        settled_ns = max(twin.loaded_at_ns or 0, remembered.seen_at_ns or 0) if twin else None
        if (
            twin is not None
            and twin_seen is not None
            and untouched(twin_seen, twin.source_size, twin.source_mtime_ns, settled_ns)
        ):
            return Duplicate(remembered.reason, remembered.fingerprint)
    # Whatever this file gives now replaces its article; if it fails, the article goes.
    return Parse(previous.id if previous else None)


def after_reading(previous: StoredState | None, sha256: str, version: str) -> Unchanged | Parse:
    """The bytes are the stored article's, parsed by this code: nothing to do."""
    if previous and previous.source_sha256 == sha256 and previous.pipeline_version == version:
        return Unchanged(previous.id, previous.content_fingerprint)
    return Parse(previous.id if previous else None)


def replaced_ids(decisions: list[Decision]) -> set[str]:
    """Stored articles that the files' new decisions take the place of."""
    return {d.replaces for d in decisions if not isinstance(d, Unchanged) and d.replaces is not None}


def status(decision: Decision, article_id: str | None, stored: Container[str]) -> str:
    """The report's word for a decision, once every record has its final id."""
    if isinstance(decision, Unchanged):
        return "unchanged"
    if isinstance(decision, Duplicate):
        return "duplicate"
    if isinstance(decision, Failed):
        return "failed"
    return "updated" if article_id in stored or decision.replaces is not None else "loaded"
