"""Orchestration only: discover → read → clean → parse → identify → store → index → publish."""

import multiprocessing
import os
import shutil
import sqlite3
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from itertools import islice
from pathlib import Path

from sqlalchemy.exc import DBAPIError
from whoosh import index as whoosh_index
from whoosh.index import Index

from app import tablecache
from app.build import layout as builds
from app.build.archive import open_index, outdated
from app.build.columns import write_columns
from app.build.postings import write_postings
from app.build.schema import schema_changed
from app.build.segments import merge_small_segments
from app.build.spare import start_spare
from app.build.wordkeys import write_word_keys
from app.config import Settings, tables_folder
from app.entities.extract import extract
from app.loader import kazakh_latin, repeated
from app.loader.children import WorkerDied, frozen_heap, start_worker
from app.loader.clean import clean
from app.loader.decisions import (
    RACY_WINDOW_NS,
    Decision,
    Duplicate,
    Failed,
    Parse,
    Removed,
    Reparse,
    Seen,
    Unchanged,
    after_reading,
    replaced_ids,
    status,
)
from app.loader.discover import DecodedFile, FileRejected, discover, read_file, shown
from app.loader.event_store import write_events
from app.loader.heap import few_collections
from app.loader.identify import article_id, article_slug, content_fingerprint, content_id, name_id
from app.loader.index import create_index, in_processes, write_documents
from app.loader.kazakh_latin import is_kazakh_latin
from app.loader.linecounts import LineCounts, read_line_counts, write_line_counts
from app.loader.parse import in_tote, outlet_of, parse
from app.loader.progress import ARRAYS, INDEXING, PARSING, READING, STORING, Progress, Silent
from app.loader.report import EXIT_FATAL as EXIT_FATAL
from app.loader.report import EXIT_LOCKED as EXIT_LOCKED
from app.loader.report import EXIT_OK as EXIT_OK
from app.loader.report import EXIT_SOME_FAILED as EXIT_SOME_FAILED
from app.loader.report import FileOutcome, LoadReport
from app.loader.seen_files import SeenFile, clear_notes, note_seen, seen_files, stale_notes
from app.loader.store import (
    ArticleRecord,
    PackedRecord,
    SpillFile,
    StoredLines,
    Unpacked,
    migrate,
    refresh_stats,
    stored_records,
    write_articles,
    writer_engine,
)
from app.loader.stored import Skipped, StoredState, skipped_files, stored_state
from app.loader.survey import (
    GoneCheck,
    Survey,
    decide_before_reading,
    pipeline_version,
    seen_on_disk,
    skipped_line,
)
from app.loader.tote import read_entities
from app.models import Article, LoadRun, SkippedFile

PARALLEL_MIN_FILES = 64
PARALLEL_CHUNK = 16
# Chunks handed to each parse worker ahead of the one it is on.
PARALLEL_AHEAD = 4
# Rounds of counting lines repeated across pages and parsing again (see _settle_repetition).
REPETITION_ROUNDS = 3
# A file to parse, when, and the lines the load found on many pages of its outlet.
Job = tuple[DecodedFile, datetime, dict[int, str]]


def to_record(
    decoded: DecodedFile, loaded_at: datetime, site_lines: dict[int, str] | None = None
) -> ArticleRecord:
    """Pure: one decoded file to one article and its entities (clean, parse, identify, extract).
    `site_lines` are the lines this load found on many pages of the file's outlet."""
    cleaned = clean(decoded.text, site_lines)
    parsed = parse(cleaned)
    tote = in_tote(parsed)
    if site_lines:
        # The outlet is read from the page as its site printed it: the site's own lines are
        # its name and copyright even when they leave the text. (It also keeps the page in
        # the group it was counted in, so the count settles.)
        outlet, outlet_evidence = outlet_of(clean(decoded.text), tote=tote)
        parsed = replace(parsed, outlet=outlet, outlet_evidence=outlet_evidence)
    # A page in töte or in Kazakh Latin is read by the entity stage in its Cyrillic copy
    # (app/loader/tote.py, app/loader/kazakh_latin.py).
    read = read_entities if tote else kazakh_latin.read_entities if is_kazakh_latin(parsed) else extract
    entities = read(parsed.display_title, list(parsed.paragraphs), parsed.language, parsed.date.value)
    # A page that is all headline (a one-line brief) is told apart by its headline: two such
    # pages share an empty body, and are not one article twice.
    identity_text = parsed.body if parsed.body.strip() else parsed.display_title
    ident, ident_source = article_id(decoded.path, identity_text)
    date = parsed.date
    removed = sorted([*cleaned.removed, *parsed.metadata_lines], key=lambda r: r.number)
    article = Article(
        id=ident,
        id_source=ident_source,
        slug=article_slug(parsed.display_title, ident),
        source_file=decoded.path.name,
        source_path=str(decoded.path),
        source_sha256=decoded.sha256,
        source_size=decoded.size,
        source_mtime_ns=decoded.mtime_ns,
        content_fingerprint=content_fingerprint(identity_text),
        encoding=decoded.encoding,
        had_bom=decoded.had_bom,
        newline=decoded.newline,
        raw_text=decoded.text,
        title=parsed.title,
        display_title=parsed.display_title,
        title_derived=parsed.title_derived,
        lead=parsed.lead,
        body=parsed.body,
        date=date.iso,
        date_sort=(date.value.year * 10000 + date.value.month * 100 + date.value.day) if date.value else None,
        date_year=date.year,
        date_month=date.month,
        date_day=date.day,
        date_precision=date.precision,
        date_inferred=date.inferred,
        date_source=date.source,
        date_evidence=date.evidence,
        dateline=parsed.dateline.text if parsed.dateline else None,
        dateline_place=parsed.dateline.place if parsed.dateline else None,
        outlet=parsed.outlet,
        outlet_evidence=parsed.outlet_evidence,
        cited_source=parsed.cited_source,
        cited_source_text=parsed.cited_source_text,
        language=parsed.language,
        language_confidence=parsed.language_confidence,
        tags=list(parsed.tags),
        original_url=parsed.original_url,
        removed_lines=[{"line": r.number, "text": r.text, "reason": r.reason} for r in removed],
        event_types=entities.event_types,
        unresolved_titles=entities.unresolved_titles,
        pipeline_version=pipeline_version(),
        loaded_at=loaded_at,
    )
    notes = [*decoded.notes, *([date.problem] if date.problem else [])]
    lines = repeated.profile(decoded.text, _group(parsed.outlet, str(decoded.path)), parsed.display_title)
    lines.removed = frozenset(site_lines or ())
    return ArticleRecord(article=article, entities=entities, notes=notes, lines=lines)


def _migrate_file(db_path: Path) -> None:
    engine = writer_engine(db_path)
    try:
        migrate(engine)
    finally:
        engine.dispose()


def _record_or_reason(job: Job) -> tuple[PackedRecord | None, str]:
    """Worker side of the parallel parse: a parser bug must cost one file, not the load.
    The record comes back packed (store.PackedRecord), as the load holds it."""
    decoded, loaded_at, site = job
    try:
        return PackedRecord.pack(to_record(decoded, loaded_at, site)), ""
    except Exception as exc:
        return None, f"could not parse: {type(exc).__name__}: {exc}"


def _records_or_reasons(jobs: list[Job]) -> list[tuple[PackedRecord | None, str]]:
    return [_record_or_reason(job) for job in jobs]


Parsed = tuple[int, tuple[PackedRecord | None, str]]


def _parse_all(jobs: Iterable[tuple[int, Job]], workers: int, count: int) -> Iterator[Parsed]:
    """Parse (file index, job) pairs: in the order given; across processes when the `count`
    jobs are enough to pay for them.

    Jobs are taken from `jobs` as workers need them (a few chunks ahead), so a load holds
    the texts of the files being parsed, not of every file it reads. A process pool that
    notices a dead worker (multiprocessing.Pool replaces it and waits forever for the lost
    chunk): a killed worker fails the load at once.
    """
    if workers <= 1 or count < PARALLEL_MIN_FILES:
        yield from ((index, _record_or_reason(job)) for index, job in jobs)
        return
    # fork: workers inherit the parent's loaded dictionaries, models and caches.
    pool = ProcessPoolExecutor(
        workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=start_worker,
        initargs=(os.getpid(),),
    )
    try:
        ahead: deque[tuple[list[int], Future[list[tuple[PackedRecord | None, str]]]]] = deque()
        queue = iter(jobs)
        chunks = iter(lambda: list(islice(queue, PARALLEL_CHUNK)), [])
        for number, chunk in enumerate(chunks):
            # The workers are forked at the first submit.
            with frozen_heap() if number == 0 else nullcontext():
                future = pool.submit(_records_or_reasons, [j for _, j in chunk])
            ahead.append(([i for i, _ in chunk], future))
            if len(ahead) >= PARALLEL_AHEAD * workers:
                indices, future = ahead.popleft()
                yield from zip(indices, future.result(), strict=True)
        while ahead:
            indices, future = ahead.popleft()
            yield from zip(indices, future.result(), strict=True)
    except BrokenProcessPool as exc:
        raise WorkerDied(
            "a parse worker died (killed, perhaps for lack of memory); nothing was published"
        ) from exc
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def load_workers(settings: Settings) -> int:
    return settings.load_workers or os.cpu_count() or 1


@dataclass
class FileDecisions:
    """What this load makes of its files: the records to write, one report line per file,
    and the stored articles that go (replaced, or given by another file now)."""

    records: list[PackedRecord]
    outcomes: list[FileOutcome]
    superseded: set[str]
    # Lines of stored articles that stay as they are, checked again by this load.
    settled: dict[str, repeated.PageLines] = field(default_factory=dict)
    # Files read again and found as stored, with their new size and time (seen_files).
    noted: list[SeenFile] = field(default_factory=list)
    # How the repetition count went (for the counts kept with the build).
    lines_state: "LinesState" = field(default_factory=lambda: LinesState())


def process_files(
    files: list[Path],
    settings: Settings,
    stored: dict[str, StoredState],
    loaded_at: datetime,
    progress: Progress | None = None,
    skipped: dict[str, Skipped] | None = None,
    archive: StoredLines | None = None,
    leaving: frozenset[str] = frozenset(),
    notes: Mapping[str, SeenFile] | None = None,
    on_change: Callable[[], None] | None = None,
    before: list[tuple[Seen, Unchanged | Duplicate | Failed | Parse]] | None = None,
    indexed: tuple[dict[str, StoredState], dict[str, StoredState]] | None = None,
) -> FileDecisions:
    """Decide per file: new, changed, unchanged, duplicate or failed. Reads, never writes.

    Whatever goes wrong with one file's content costs that file alone, and the outcome does
    not depend on the order the files come in: of identical files, and of files whose names
    carry the same id, the same one wins whichever is read first (`_rank`). `leaving` are
    stored articles whose files are gone: the count of repeated lines leaves them out.
    `notes` are the sizes and times earlier loads found files at (seen_files). `on_change`
    is called before the first file found changed is parsed (not one an earlier load
    skipped): a build will most likely follow. `before` are the files' sizes, times and
    decisions as a survey of this load found them (app.loader.survey), if it still holds,
    and `indexed` the stored articles by path and by text as it found them.
    """
    if indexed is not None:
        by_path, by_fingerprint = indexed
    else:
        by_path = {s.source_path: s for s in stored.values()}
        by_fingerprint = {s.content_fingerprint: s for s in stored.values()}
    version = pipeline_version()
    seen: list[Seen] = []
    decisions: list[Decision] = []
    to_read: list[int] = []
    progress = progress or Silent()
    progress.stage(READING, len(files))
    for index, path in enumerate(files):
        progress.advance()
        if before is not None:
            now, decision = before[index]
        else:
            now, decision = decide_before_reading(
                path, by_path, by_fingerprint, skipped or {}, notes or {}, version
            )
        seen.append(now)
        if isinstance(decision, Parse):
            to_read.append(index)
        decisions.append(decision)

    def jobs() -> Iterator[tuple[int, Job]]:
        """Read as the parse goes: the files whose size or time changed, or are new."""
        for index in to_read:
            progress.advance()
            replaces = _replaces(decisions[index])
            try:
                decoded = read_file(files[index], settings.max_file_bytes)
            except FileRejected as exc:
                decisions[index] = Failed(exc.reason, replaces)
                continue
            except Exception as exc:  # a reader bug costs this file, not the load
                decisions[index] = Failed(f"could not read: {type(exc).__name__}: {exc}", replaces)
                continue
            decisions[index] = after_reading(by_path.get(str(files[index])), decoded.sha256, version)
            if not isinstance(decisions[index], Unchanged):
                # A file an earlier load skipped (a duplicate, read again because its time
                # was too recent to trust) most often is skipped again: no build follows.
                if on_change is not None and str(files[index]) not in (skipped or {}):
                    on_change()
                yield index, (decoded, loaded_at, {})
            elif (note := _note(seen[index], decoded, seen_ns)) is not None:
                noted.append(note)

    noted: list[SeenFile] = []
    seen_ns = int(loaded_at.timestamp() * 1e9)
    records: dict[int, PackedRecord] = {}
    spill = SpillFile()
    progress.stage(PARSING, len(to_read))
    for index, (record, reason) in _parse_all(jobs(), load_workers(settings), len(to_read)):
        if record is None:
            decisions[index] = Failed(reason, _replaces(decisions[index]))
        elif not record.has_text:
            reason = "no article text left after removing boilerplate"
            decisions[index] = Failed(reason, _replaces(decisions[index]))
        else:
            record.spill(spill)
            records[index] = record
    files = list(files)  # a stored page outside the load that must be parsed again joins it
    settled, lines_state = _settle_repetition(
        _Load(files, decisions, records, stored, settings, loaded_at, by_fingerprint, by_path),
        archive,
        leaving,
    )
    seen += [seen_on_disk(path) for path in files[len(seen) :]]
    # Stored copies that a better-ranked file of this load now gives instead.
    moved = _settle_copies(files, decisions, records, by_fingerprint)
    _settle_ids(files, decisions, records, stored)
    _settle_slugs(files, records, stored)
    changed = [record for _, record in sorted(records.items())]
    # A file whose id comes from its content gets a new id when it changes: the article it
    # gave before is gone from the archive, unless another file now gives that id.
    changed_ids = {r.id for r in changed}
    superseded = (moved | replaced_ids(decisions)) - changed_ids
    superseded -= {d.article_id for d in decisions if isinstance(d, Unchanged)}
    outcomes = [
        FileOutcome(shown(files[i].name), "unchanged", article_id=d.article_id)
        if isinstance(d, Unchanged)  # most files of most loads: no look-ups for them
        else _report_line(files[i], seen[i], d, records.get(i), stored)
        for i, d in enumerate(decisions)
    ]
    return FileDecisions(
        changed,
        outcomes,
        superseded,
        {i: p for i, p in settled.items() if i not in superseded},
        noted,
        lines_state,
    )


def _note(seen: Seen, decoded: DecodedFile, seen_ns: int) -> SeenFile | None:
    """What to note of a file read again and found as stored: its size and time from before
    it was read (a change after that gives it another time), unless it changed while read or
    was modified too close to this load for the time to tell a later change apart."""
    if seen.size is None or seen.mtime_ns is None or seen.size != decoded.size:
        return None
    if seen.mtime_ns >= seen_ns - RACY_WINDOW_NS:
        return None
    return SeenFile(seen.path, seen.size, seen.mtime_ns, decoded.sha256, seen_ns)


def _replaces(decision: Decision) -> str | None:
    return None if isinstance(decision, Unchanged) else decision.replaces


def _report_line(
    path: Path, seen: Seen, decision: Decision, record: PackedRecord | None, stored: dict[str, StoredState]
) -> FileOutcome:
    if isinstance(decision, Unchanged | Duplicate | Failed):
        return skipped_line(path, seen, decision)
    name = shown(path.name)
    assert record is not None, "a parsed file without a record is failed or a duplicate"
    article_id = record.id
    word = status(decision, article_id, stored)
    return FileOutcome(name, word, "; ".join(record.notes), article_id=article_id)


def _group(outlet: str | None, source_path: str) -> str:
    """Pages of one outlet; pages whose outlet is unknown, by the folder they lie in."""
    return f"outlet:{outlet.casefold()}" if outlet else f"folder:{Path(source_path).parent}"


@dataclass(eq=False, slots=True)
class _Page:
    """One page of the archive as the repetition count sees it: a page of this load (`index`
    in its files) or a stored one (`stored_id`: unchanged, or outside the load)."""

    lines: repeated.PageLines
    path: str
    fingerprint: str
    index: int | None = None
    stored_id: str | None = None


@dataclass
class _Load:
    """The load's files and what it has decided of them, as the settling steps change them."""

    files: list[Path]
    decisions: list[Decision]
    records: dict[int, PackedRecord]
    stored: dict[str, StoredState]
    settings: Settings
    loaded_at: datetime
    # The stored articles by their text's fingerprint (one per text: the last stored).
    by_fingerprint: dict[str, StoredState]
    # The stored articles by their file's path.
    by_path: dict[str, StoredState]


def _one_per_text(pages: list[_Page]) -> list[_Page]:
    """Copies of one text are one page for the count, as they are one article once loaded
    (the next load counts the article alone, and must count the same). Stored pages are
    one per text already: only those sharing a text with a page of this load are ranked."""
    loaded = {p.fingerprint for p in pages if p.stored_id is None}
    chosen = [p for p in pages if p.fingerprint not in loaded]
    by_text: dict[str, list[_Page]] = {}
    for page in pages:
        if page.fingerprint in loaded:
            by_text.setdefault(page.fingerprint, []).append(page)
    chosen += [
        copies[0] if len(copies) == 1 else min(copies, key=lambda p: _rank(Path(p.path), _id_source(p.path)))
        for copies in by_text.values()
    ]
    return chosen


def _id_source(path: str) -> str:
    return "file name" if name_id(Path(path)) else "content"


@dataclass(frozen=True)
class _Wanted:
    """The stored pages that stay in the archive, each with its file's index in the load
    (or None), told page by page: a load of one file asks about the pages of the groups it
    touches, and finds those that go among the few it names, not by a pass over every
    stored article (two of them cost a load of one file at 100k articles 0.2 s)."""

    stored: dict[str, StoredState]
    by_path: dict[str, StoredState]
    in_load: set[str]
    unchanged: dict[str, int]
    leaving: frozenset[str]
    given: set[str]

    def __contains__(self, ident: str) -> bool:
        state = self.stored.get(ident)
        if state is None:
            return False
        return ident in self.unchanged or (
            state.source_path not in self.in_load and ident not in self.leaving and ident not in self.given
        )

    def index(self, ident: str) -> int | None:
        return self.unchanged.get(ident)

    def gone(self) -> set[str]:
        """The stored pages that do not stay: replaced or read again by this load (their
        file is one of its files), leaving, or given by one of its records."""
        if len(self.by_path) != len(self.stored):  # two articles of one path: not by path
            return {ident for ident in self.stored if ident not in self}
        named = {state.id for path in self.in_load if (state := self.by_path.get(path)) is not None}
        named |= (self.leaving | self.given) & self.stored.keys()
        return {ident for ident in named if ident not in self.unchanged}

    def as_dict(self) -> dict[str, int | None]:
        return {ident: self.index(ident) for ident in self.stored if ident in self}


class _StoredPages:
    """The stored pages that stay (`wanted`: id -> its file's index in the load, or None),
    read from the archive group by group as the count reaches their groups.

    Counts, and so the signatures and removals they give, are per group: a group no page
    enters or leaves counts as it did when its pages were settled, and none of its pages
    needs a look. A load of one file reads and counts the groups it touches, not the
    archive's 100,000 pages."""

    def __init__(self, load: _Load, archive: StoredLines, wanted: _Wanted) -> None:
        self.load, self.archive, self.wanted = load, archive, wanted
        self.counted: set[str] = set()
        # Stored pages the count has already (read one by one, from the groups' kept counts).
        self.taken: set[str] = set()

    def pages(self, groups: set[str]) -> list[_Page]:
        """The wanted stored pages of these groups not read before."""
        new = groups - self.counted
        if not new:
            return []
        self.counted |= new
        stored = self.load.stored
        return [
            _Page(
                lines,
                stored[ident].source_path,
                stored[ident].content_fingerprint,
                self.wanted.index(ident),
                ident,
            )
            for ident, lines in self.archive.summaries(new).items()
            if ident in self.wanted and ident not in self.taken
        ]


def _touched_groups(load: _Load, archive: StoredLines, wanted: _Wanted) -> set[str]:
    """The groups whose pages change: those of this load's records, of the stored pages that
    leave or are replaced, and of stored copies of a record's text (counted once with it)."""
    by_text = load.by_fingerprint
    affected = wanted.gone()
    affected |= {
        by_text[r.content_fingerprint].id for r in load.records.values() if r.content_fingerprint in by_text
    }
    groups = {r.lines.group for r in load.records.values() if r.lines is not None}
    return groups | set(archive.groups_of(affected).values())


@dataclass
class LinesState:
    """How this load counted the groups, for the counts kept with its build
    (app/loader/linecounts.py): the groups it counted whole, those it left with a page whose
    removals may not be the count's (`stale`), and whether it counted every page."""

    whole: set[str] = field(default_factory=set)
    stale: set[str] = field(default_factory=set)
    everything: bool = False


@dataclass
class _Counting:
    """Where the count comes from: the groups' kept counts (`kept`, with the stored pages
    that `leave` them: replaced, gone, or copies of a page of this load), until a line
    crosses a bound; then, and without kept counts, whole groups read as reached (`more`)."""

    kept: LineCounts | None = None
    leave: dict[str, repeated.PageLines] = field(default_factory=dict)
    more: _StoredPages | None = None
    state: LinesState = field(default_factory=LinesState)

    def whole(self, pages: list[_Page]) -> list[_Page]:
        """The stored pages of these pages' groups not counted yet (none without `more`)."""
        if self.more is None:
            return []
        groups = {p.lines.group for p in pages}
        if self.kept is not None:  # from kept counts to whole groups: the leaving pages' too
            groups |= {p.group for p in self.leave.values()}
            self.kept = None
        found = self.more.pages(groups)
        self.state.whole = set(self.more.counted)
        return found


def _kept_counts(load: _Load, archive: StoredLines) -> LineCounts | None:
    """The counts kept with the build the stored pages are read from, when they count the
    stored pages as the load would: one page per text (else copies are ranked by a count
    over the whole group)."""
    if len(load.by_fingerprint) != len(load.stored):
        return None
    return read_line_counts(archive.db_path.parent, pipeline_version())


def _archive_pages(
    load: _Load, archive: StoredLines | None, leaving: frozenset[str]
) -> tuple[list[_Page], dict[str, repeated.PageLines], _Counting]:
    """The pages the count goes over: this load's records, its unchanged pages, and the
    stored pages outside it that stay (a load of one file is counted with the archive it
    joins, as a load of every file would count it), of the groups the load touches (more
    are read as the count reaches them: `_StoredPages`). Also the stored pages that had no
    lines stored (an archive from before article_lines), read from their text: then every
    group is counted."""
    files, stored = load.files, load.stored
    pages = [
        _Page(r.lines, r.source_path, r.content_fingerprint, index)
        for index, r in load.records.items()
        if r.lines is not None
    ]
    in_load = {str(p) for p in files}
    unchanged = {d.article_id: i for i, d in enumerate(load.decisions) if isinstance(d, Unchanged)}
    given = {r.id for r in load.records.values()}
    staying = _Wanted(stored, load.by_path, in_load, unchanged, leaving, given)
    if not load.records and not staying.gone():
        # The same pages as the load that stored them, none changed: the count is the one
        # they were settled with.
        return [], {}, _Counting()
    if archive is not None and archive.count() >= len(stored):
        source = _StoredPages(load, archive, staying)
        counting = _Counting(more=source)
        kept = _kept_counts(load, archive)
        if kept is not None:
            # Only the pages that change are read: the rest of their groups is in the count.
            by_text = load.by_fingerprint
            ids = staying.gone() | {
                by_text[r.content_fingerprint].id
                for r in load.records.values()
                if r.content_fingerprint in by_text
            }
            leave = archive.summaries_of(ids)
            groups = {p.lines.group for p in pages} | {p.group for p in leave.values()}
            if not groups & kept.unsettled:
                counting.kept, counting.leave = kept, leave
                source.taken |= set(leave)
                copies = [
                    _Page(lines, stored[i].source_path, stored[i].content_fingerprint, staying.index(i), i)
                    for i, lines in leave.items()
                    if i in staying
                ]
                return pages + copies, {}, counting
        whole = source.pages(_touched_groups(load, archive, staying))
        counting.state.whole = set(source.counted)
        return pages + whole, {}, counting
    wanted = staying.as_dict()
    found = archive.summaries() if archive else {}
    missing = sorted(set(wanted) - set(found))
    backfill: dict[str, repeated.PageLines] = {}
    if archive and missing:
        for ident, old in archive.pages(missing).items():
            page = repeated.profile(old.raw_text, _group(old.outlet, old.source_path), old.display_title)
            page.removed = repeated.recorded(old.removed_lines)
            found[ident] = backfill[ident] = page
    for ident, index in wanted.items():
        if ident in found:
            state = stored[ident]
            pages.append(_Page(found[ident], state.source_path, state.content_fingerprint, index, ident))
    return pages, backfill, _Counting(state=LinesState(everything=True))


def _settle_repetition(
    load: _Load, archive: StoredLines | None, leaving: frozenset[str] = frozenset()
) -> tuple[dict[str, repeated.PageLines], LinesState]:
    """Lines one outlet prints on many pages of the archive go from every page that has them.

    Counted over every page the archive will hold: the files parsed now, the unchanged ones
    and the stored pages outside the load, from the lines stored with each (article_lines).
    A page whose record did not remove exactly the lines the count names is parsed again:
    one parsed now, or a stored one (a later file made a line repeated, or a file gone made
    it rare), so no record silently depends on pages it was not parsed with. A page is
    checked only when its signature (its repeated lines and headline) differs from the one
    its removals were found right for: a load that changes one file checks the few pages
    whose count it moves. Removing lines may change a page's outlet or headline, which the
    count goes by: it is counted again with the new ones, until nothing changes (a few
    rounds). With the groups' counts kept by the served build, only the pages that change
    are read and counted into them, while no line crosses a bound. Returns the lines of
    stored pages checked again that stay as they are, and how the groups were counted.
    """
    pages, settled, counting = _archive_pages(load, archive, leaving)
    state = counting.state
    if not pages and not counting.leave:
        return {}, state
    records, decisions, stored = load.records, load.decisions, load.stored
    for _ in range(REPETITION_ROUNDS):
        counts = None
        if counting.kept is not None and not {p.lines.group for p in pages} & counting.kept.unsettled:
            counts = repeated.counts_from(
                counting.kept,
                list(counting.leave.values()),
                [p.lines for p in _one_per_text(pages)],
                {p.lines.group for p in pages},
            )
        if counts is None:
            # A page parsed again may now stand in another group: that group is counted whole.
            pages += counting.whole(pages)
            counts = repeated.count([p.lines for p in _one_per_text(pages)])
        signatures = repeated.signatures([p.lines for p in pages], counts)
        check = [(p, *s) for p, s in zip(pages, signatures, strict=True) if p.lines.signature != s[0]]
        unread = {p.stored_id: p.lines for p, _, _ in check if p.stored_id and not p.lines.lines}
        if archive and unread:
            archive.fill(unread)
        jobs: dict[int, tuple[_Page, Job]] = {}
        asked: set[str] = set()
        for page, signature, has in check:
            site = repeated.removals(page.lines, counts) if has else {}
            if set(site) == page.lines.removed:
                page.lines.signature = signature
                if page.stored_id is not None:
                    settled[page.stored_id] = page.lines
                continue
            job = _reparse_job(load, page, site)
            if job is not None:
                page.lines.signature = signature
                jobs[page.index] = (page, job)  # type: ignore[index]  # _reparse_job gave it one
                asked.add(page.lines.group)
            else:  # its removals stay as they were, not the count's
                state.stale.add(page.lines.group)
        if not jobs:
            break
        order = sorted(jobs)
        results = _parse_all([(i, jobs[i][1]) for i in order], load_workers(load.settings), len(order))
        failed: set[int] = set()
        for index, (record, reason) in results:
            page = jobs[index][0]
            if record is None or record.lines is None:
                if index in records:
                    del records[index]
                    decisions[index] = Failed(reason, _replaces(decisions[index]))
                failed.add(id(page))
                state.stale.add(page.lines.group)
                continue
            if page.stored_id is not None:
                reparse = Reparse(page.stored_id)
                decisions[index] = reparse
                record.notes.append(reparse.reason)
                settled.pop(page.stored_id, None)
            records[index] = record
            record.lines.signature = page.lines.signature
            page.lines, page.path, page.stored_id = record.lines, record.source_path, None
            page.fingerprint = record.content_fingerprint
        pages = [p for p in pages if id(p) not in failed]
    else:  # parsed again in the last round, and not checked after
        state.stale |= asked | {p.lines.group for p, _ in jobs.values()}
    return {ident: lines for ident, lines in settled.items() if stored.get(ident) is not None}, state


def _reparse_job(load: _Load, page: _Page, site: dict[int, str]) -> Job | None:
    """What parses this page again with `site`: its file read again (a stored page's file
    joins the load's files if it lay outside the load); None when that file changed or
    cannot be read since: the record stays as it is, and the next load reads it again."""
    record = load.records.get(page.index) if page.index is not None else None
    if record is not None:
        sha256 = record.source_sha256
    else:
        assert page.stored_id is not None, "a page is a record of this load or a stored one"
        sha256 = load.stored[page.stored_id].source_sha256
    try:
        again = read_file(Path(page.path), load.settings.max_file_bytes)
    except Exception:
        return None
    if again.sha256 != sha256:
        return None
    if page.index is None:
        assert page.stored_id is not None, "a page outside the load is a stored one"
        page.index = len(load.files)
        load.files.append(Path(page.path))
        load.decisions.append(Unchanged(page.stored_id, page.fingerprint))
    return (again, load.loaded_at, site)


def files_gone(
    paths: list[Path],
    files: list[Path],
    stored: dict[str, StoredState],
    changed: list[PackedRecord],
    outcomes: list[FileOutcome],
) -> list[FileOutcome]:
    """A load mirrors what it is given: an article whose file lay in a loaded folder (or was
    a loaded file) and is not there any more leaves the archive, and the report says so.
    Articles from files outside the given paths are not touched."""
    kept = {r.id for r in changed} | {o.article_id for o in outcomes if o.status == "unchanged"}
    gone_from = GoneCheck(paths, files)
    gone: list[FileOutcome] = []
    # Found first, then put in path order: a load sorted the whole archive to name a few.
    found = [
        (state, where)
        for state in gone_from.candidates(stored.values())
        if state.id not in kept and (where := gone_from(state))
    ]
    for state, where in sorted(found, key=lambda pair: pair[0].source_path):
        removed = Removed(state.id, f"file {where}; its article is removed")
        name = shown(Path(state.source_path).name)
        gone.append(FileOutcome(name, "removed", removed.reason, article_id=removed.article_id))
    return gone


def _rank(path: Path, id_source: str) -> tuple[int, str]:
    """Of identical files, the one that gives the article: a file whose name carries its id
    (the seeds' ids stay theirs whatever copies lie beside them), then the first path."""
    return (0 if id_source == "file name" else 1, str(path))


def _still_there(state: StoredState) -> bool:
    return Path(state.source_path).is_file()


def _settle_copies(
    files: list[Path],
    decisions: list[Decision],
    records: dict[int, PackedRecord],
    by_fingerprint: dict[str, StoredState],
) -> set[str]:
    """Identical texts give one article, from the file `_rank` prefers, in this load or an
    earlier one; the others are duplicates. Returns the ids of stored articles that a
    better-ranked copy now gives instead."""
    in_load = {str(p) for p in files}
    kept = {d.fingerprint: index for index, d in enumerate(decisions) if isinstance(d, Unchanged)}
    groups: dict[str, list[int]] = {}
    for index, record in records.items():
        groups.setdefault(record.content_fingerprint, []).append(index)
    superseded: set[str] = set()
    for fingerprint, members in groups.items():
        contenders = {index: _rank(files[index], records[index].id_source) for index in members}
        holder = kept.get(fingerprint)
        if holder is not None:
            contenders[holder] = _rank(files[holder], "file name" if name_id(files[holder]) else "content")
        other = by_fingerprint.get(fingerprint)
        # A stored copy from a file outside this load that is still on disk stays the one;
        # a stored copy whose file is gone moved to (or is replaced by) the winner.
        outside = (
            other is not None
            and other.source_path not in in_load
            and all(records[i].id != other.id for i in members)
            and _still_there(other)
        )
        winner = None if outside else min(contenders, key=contenders.__getitem__)
        # winner is None only when `outside`, which mypy cannot tie to the bool.
        twin = Path(other.source_path).name if outside and other else shown(files[winner].name)  # type: ignore[index]
        for index in contenders:
            if index == winner:
                continue
            decision = decisions[index]
            if isinstance(decision, Unchanged):
                # The copy this file gave before is given by a better-ranked file now.
                decisions[index] = Duplicate.of(twin, fingerprint, decision.article_id)
            else:
                del records[index]
                decisions[index] = Duplicate.of(twin, fingerprint, decision.replaces)
        if other is not None and winner is not None and winner in records and not outside:
            if other.source_path not in in_load and records[winner].id != other.id:
                superseded.add(other.id)
    return superseded


def _settle_ids(
    files: list[Path],
    decisions: list[Decision],
    records: dict[int, PackedRecord],
    stored: dict[str, StoredState],
) -> None:
    """An id from a file name belongs to one file: the one that holds it in the archive while
    that file is there, else the first path. Any other file whose name gives the same id
    takes an id from its text instead, and the report says so: a different file never
    silently replaces another's article."""
    unchanged = {str(files[i]) for i, d in enumerate(decisions) if isinstance(d, Unchanged)}
    groups: dict[str, list[int]] = {}
    for index, record in records.items():
        groups.setdefault(record.id, []).append(index)
    for ident, members in groups.items():
        paths = {str(files[i]): i for i in members}
        holder = stored.get(ident)
        text = holder.content_fingerprint if holder else None
        same_text = [i for i in members if records[i].content_fingerprint == text]
        keep: int | None
        if holder is None or holder.source_path in paths:
            keep = paths[holder.source_path] if holder else paths[min(paths)]
        elif same_text:
            keep = same_text[0]  # the same article, read from another place
        elif holder.source_path in unchanged or (
            holder.source_path not in {str(p) for p in files} and _still_there(holder)
        ):
            keep = None
        else:
            keep = paths[min(paths)]
            if holder.source_path not in {str(p) for p in files}:
                records[keep].notes.append(
                    f"replaces the article of {Path(holder.source_path).name} (that file is gone)"
                )
        # keep is None only in a branch where holder is not: mypy does not follow that.
        owner = shown(files[keep].name) if keep is not None else Path(holder.source_path).name  # type: ignore[union-attr]
        for index in members:
            if index != keep:
                _take_content_id(records[index], f"id {ident} from the file name is already {owner}'s")


def _settle_slugs(
    files: list[Path], records: dict[int, PackedRecord], stored: dict[str, StoredState]
) -> None:
    """Slugs are unique: the same headline over ids that share their first characters
    takes the whole id (a UNIQUE failure in SQLite would cost the whole load)."""
    replaced = {r.id for r in records.values()}
    taken = {s.slug for s in stored.values() if s.id not in replaced}
    for index in sorted(records, key=lambda i: str(files[i])):
        record = records[index]
        if record.slug in taken:
            record.slug = article_slug(record.display_title, record.id, whole_id=True)
        taken.add(record.slug)


def _take_content_id(record: PackedRecord, why: str) -> None:
    record.id = content_id(record.unpack().article.body)
    record.id_source = "content"
    record.slug = article_slug(record.display_title, record.id)
    record.notes.append(f"{why}; this article's id ({record.id}) comes from its text")


def load(
    paths: list[Path], settings: Settings, progress: Progress | None = None, survey: Survey | None = None
) -> LoadReport:
    """Load files into a new build and publish it; the served build is untouched on failure.
    `survey`: what this load's files were found to be just before (app.loader.survey), taken
    instead of looking again when the served build and the notes are still as it saw them."""
    report = LoadReport()
    data_dir = settings.data_dir
    shown_to = progress or Silent()
    ahead: list[builds.CopyAhead] = []
    try:
        with builds.load_lock(data_dir), _discarded_unless_taken(ahead), ExitStack() as writing:
            builds.clear_leftovers(data_dir)
            tablecache.keep_in(tables_folder(settings))
            with few_collections():
                served = builds.current_build(data_dir)
                known = survey if survey is not None and survey.holds(paths, settings, served) else None
                if known is not None:
                    files, missing = known.files, known.missing
                else:
                    files, missing = discover(paths, settings.follow_outside_links)
                report.outcomes.extend(FileOutcome(m.shown, "failed", m.reason) for m in missing)
                # An archive built by older code is first copied and migrated: its state is read
                # from the copy, and the copy is published even if no file changed.
                upgraded = None
                if served is not None and outdated(served):
                    upgraded = builds.new_build(data_dir)
                    try:
                        builds.copy_build(served, upgraded)
                        _migrate_file(upgraded / builds.DB_NAME)
                    except BaseException:
                        builds.discard(upgraded)
                        raise
                state_from = upgraded or served
                if known is not None and upgraded is None:
                    stored, skipped = known.stored, known.skipped
                else:
                    known = None
                    stored = stored_state(state_from / builds.DB_NAME, data_dir) if state_from else {}
                    skipped = skipped_files(state_from / builds.DB_NAME) if state_from else {}
                started = datetime.now(UTC)
                archive = StoredLines(state_from / builds.DB_NAME) if state_from else None
                gone_from = GoneCheck(paths, files)
                leaving = frozenset(
                    s.id for s in gone_from.candidates(stored.values()) if gone_from(s) is not None
                )
                notes = known.notes if known is not None else seen_files(data_dir)

                def copy_ahead() -> None:
                    """A changed file: start the build's copy of the served one meanwhile."""
                    if not ahead and served is not None and upgraded is None:
                        ahead.append(builds.CopyAhead(data_dir, served))

                before = known.before if known is not None else None
                indexed = (known.by_path, known.by_fingerprint) if known is not None else None
                decided = process_files(
                    files,
                    settings,
                    stored,
                    started,
                    shown_to,
                    skipped,
                    archive,
                    leaving,
                    notes,
                    copy_ahead,
                    before,
                    indexed,
                )
                noted = _keep_notes(data_dir, notes, decided.noted, stored)
                changed, superseded = decided.records, decided.superseded
                report.outcomes.extend(decided.outcomes)
                gone = files_gone(paths, files, stored, changed, decided.outcomes)
                report.outcomes.extend(gone)
                superseded |= {o.article_id for o in gone if o.article_id}
            # What the decisions made (the stored state: 100k objects at 100k articles) lives
            # until the load ends: the collections the build's writing starts skip it.
            writing.enter_context(frozen_heap())
            if not changed and not superseded and upgraded is None:
                return report
            copied = upgraded is not None or bool(ahead)
            build = upgraded or (ahead[0].result() if ahead else builds.new_build(data_dir))
            ahead.clear()  # the build's now: discarded below if it fails
            report.build = build
            report.upgraded = upgraded is not None
            try:
                build = _write_build_without_bad_files(
                    BuildPlan(
                        load_workers(settings),
                        data_dir,
                        served,
                        upgraded,
                        stored,
                        started,
                        progress or Silent(),
                        decided.settled,
                        noted,
                        copied=copied,
                        lines_state=decided.lines_state,
                    ),
                    build,
                    changed,
                    report,
                    superseded,
                )
                report.build = builds.publish(data_dir, build)
                report.published = True
            except BaseException:
                builds.discard(build)
                raise
            clear_notes(data_dir)
            builds.prune(data_dir, settings.keep_builds, previous=served)
            # The next load starts from a copy of this build made meanwhile.
            start_spare(data_dir, report.build)
    except builds.LoadInProgress as exc:
        report.fatal = str(exc)
        report.locked = True
    except WorkerDied as exc:
        report.fatal = str(exc)
    except ArchiveUnwritable as exc:
        report.fatal = f"cannot write the archive in {data_dir}, even without the changed files: {exc}"
    except OSError as exc:
        report.fatal = f"cannot write the archive in {data_dir}: {exc.strerror or exc}"
    except (sqlite3.Error, DBAPIError) as exc:
        reason = _storage_failure(exc)
        if reason is None:
            raise
        report.fatal = f"cannot write the archive in {data_dir}: {reason}"
    return report


@contextmanager
def _discarded_unless_taken(ahead: list[builds.CopyAhead]) -> Iterator[None]:
    """A copy ahead the load did not take for its build (it failed first, or nothing
    changed) is stopped and removed while the load still holds the lock: released first,
    the next load's clear_leftovers ran while the copy thread still wrote into the build."""
    try:
        yield
    finally:
        for unused in ahead:
            unused.discard()


def _keep_notes(
    data_dir: Path, notes: dict[str, SeenFile], noted: list[SeenFile], stored: dict[str, StoredState]
) -> list[SeenFile]:
    """Note the files this load found touched but as stored, and drop notes no article can
    use. Written whether or not a build follows: a note is true of the file whatever build
    is served, and a load that changes no article writes no build. Returns every note that
    holds now, for a build this load writes to take in."""
    stale = stale_notes(notes, {s.source_path: s for s in stored.values()}) if notes else []
    try:
        note_seen(data_dir, noted, stale)
    except (OSError, sqlite3.Error):
        # Notes only spare later loads a read: without them the next load reads these
        # files again and decides the same. A disk too full for them fails the build below.
        pass
    gone = set(stale)
    kept = {path: note for path, note in notes.items() if path not in gone}
    kept.update((note.path, note) for note in noted)
    return list(kept.values())


@dataclass(frozen=True)
class BuildPlan:
    """What every attempt at writing this load's build starts from."""

    workers: int
    data_dir: Path
    served: Path | None
    upgraded: Path | None
    stored: dict[str, StoredState]
    started: datetime
    progress: Progress = field(default_factory=Silent)
    # Lines of unchanged articles this load checked again (article_lines).
    settled: dict[str, repeated.PageLines] = field(default_factory=dict)
    # Files found touched but as stored: their articles take the new size and time.
    noted: list[SeenFile] = field(default_factory=list)
    # The first build already holds a copy of the served one (copied ahead, or upgraded).
    copied: bool = False
    # How the repetition count went (app/loader/linecounts.py).
    lines_state: LinesState = field(default_factory=LinesState)


@dataclass(frozen=True)
class WritePlan:
    """One attempt at writing a build: this load's decisions, written into `target`."""

    base: BuildPlan
    target: Path
    # The records to write (new or changed articles), in file order.
    records: list[PackedRecord]
    # The report so far: its outcomes become the load run and the remembered skipped files.
    report: LoadReport
    # Stored articles that leave the archive (replaced, removed, or given by another file).
    superseded: set[str]
    # `target` already holds a copy of the served build (else it is copied here).
    copied: bool = False


class ArchiveUnwritable(Exception):
    """The build fails even with no changed file in it: the archive, not a file, is at fault."""


def _archive_fault(exc: BaseException) -> bool:
    """Faults of the archive or the machine (disk, lock, dying worker), not of a file's content."""
    if isinstance(exc, OSError | MemoryError | builds.LoadInProgress | WorkerDied | ArchiveUnwritable):
        return True
    return isinstance(exc, sqlite3.Error | DBAPIError) and _storage_failure(exc) is not None


def _write_build_without_bad_files(
    plan: BuildPlan, build: Path, changed: list[PackedRecord], report: LoadReport, superseded: set[str]
) -> Path:
    """Write the build. When a later stage (SQLite, index, postings, columns) fails on some
    file's content, find those files by halving, name each as failed with the reason, and
    write the build without them; a fault of the archive itself stays fatal."""
    try:
        _write_build(WritePlan(plan, build, changed, report, superseded, copied=plan.copied))
        return build
    except Exception as exc:
        if _archive_fault(exc):
            raise
        failure = exc
    builds.discard(build)
    if _attempt(plan, [], report, superseded) is not None:
        raise ArchiveUnwritable(f"{type(failure).__name__}: {failure}") from failure
    bad: dict[int, Exception] = {}
    _find_bad(plan, [], list(range(len(changed))), changed, report, superseded, bad, known_to_fail=True)
    for number, error in bad.items():
        _exclude(changed[number], error, report, plan.stored, superseded)
    good = [r for n, r in enumerate(changed) if n not in bad]
    target = builds.new_build(plan.data_dir)
    try:
        _prepare(plan, target)
        _write_build(WritePlan(plan, target, good, report, superseded, copied=True))
    except BaseException:
        builds.discard(target)
        raise
    return target


def _prepare(plan: BuildPlan, target: Path) -> None:
    if plan.served is not None:
        builds.copy_build(plan.served, target)
        if plan.upgraded is not None:
            _migrate_file(target / builds.DB_NAME)


def _attempt(
    plan: BuildPlan, records: list[PackedRecord], report: LoadReport, superseded: set[str]
) -> Exception | None:
    """Write a throwaway build of these records: None if it works, else what failed."""
    target = builds.new_build(plan.data_dir)
    try:
        _prepare(plan, target)
        _write_build(WritePlan(plan, target, records, report, superseded, copied=True))
    except Exception as exc:
        if _archive_fault(exc):
            raise
        return exc
    finally:
        builds.discard(target)
    return None


def _find_bad(
    plan: BuildPlan,
    base: list[int],
    candidates: list[int],
    changed: list[PackedRecord],
    report: LoadReport,
    superseded: set[str],
    bad: dict[int, Exception],
    known_to_fail: bool = False,
) -> None:
    """Which of `candidates` cannot be written beside `base` (known good): halving, so a few
    bad files among many cost a few dozen throwaway builds, on this rare path only."""
    if not candidates:
        return
    error = (
        None if known_to_fail else _attempt(plan, [changed[n] for n in base + candidates], report, superseded)
    )
    if not known_to_fail and error is None:
        return
    if len(candidates) == 1:
        # One candidate left that the halving found failing: the attempt returns its exception.
        bad[candidates[0]] = error or _attempt(
            plan, [changed[n] for n in base + candidates], report, superseded
        )  # type: ignore[assignment]
        return
    half = len(candidates) // 2
    first, second = candidates[:half], candidates[half:]
    _find_bad(plan, base, first, changed, report, superseded, bad)
    good = [n for n in first if n not in bad]
    _find_bad(plan, base + good, second, changed, report, superseded, bad)


def _exclude(
    record: PackedRecord,
    error: Exception,
    report: LoadReport,
    stored: dict[str, StoredState],
    superseded: set[str],
) -> None:
    """A file found unusable late: named as failed, with its own article (if any) gone, as
    when a file fails to parse."""
    article = record
    reason = f"could not be stored or indexed: {type(error).__name__}: {error}"
    for outcome in report.outcomes:
        if outcome.article_id == article.id and outcome.status in ("loaded", "updated"):
            outcome.status, outcome.reason, outcome.article_id = "failed", reason[:500], None
            outcome.path, outcome.size, outcome.mtime_ns = (
                article.source_path,
                article.source_size,
                article.source_mtime_ns,
            )
    previous = stored.get(article.id)
    if previous is not None and previous.source_path == article.source_path:
        superseded.add(article.id)


# SQLite reports a full disk or a read-only file system in its own terms, not as OSError.
SQLITE_STORAGE_ERRORS = ("SQLITE_FULL", "SQLITE_IOERR", "SQLITE_READONLY", "SQLITE_CANTOPEN")


def _storage_failure(exc: Exception) -> str | None:
    """SQLite's reason when the disk, not the data or the code, made a write fail."""
    error = exc.orig if isinstance(exc, DBAPIError) else exc
    name = getattr(error, "sqlite_errorname", "") or ""
    if not name.startswith(SQLITE_STORAGE_ERRORS):
        return None
    return f"{error} ({name})"


def _write_build(plan: WritePlan) -> None:
    """Write the plan's records into its build: SQLite, then the Whoosh index (every article
    again when the analysis changed), then the arrays searched beside it. A first build
    indexes while SQLite is written: Whoosh analyses in processes of its own, and this one
    writes SQLite meanwhile."""
    build, changed, superseded = plan.target, plan.records, plan.superseded
    base = plan.base
    served, workers = base.served, base.workers
    base.progress.stage(STORING)
    if served is not None and not plan.copied:
        builds.copy_build(served, build, base.data_dir)
    index_dir = build / builds.INDEX_NAME
    beside: _Beside | None = None
    if served is None and in_processes(changed, fresh=True, workers=workers):
        beside = _Beside(create_index(index_dir), changed, workers)
    try:
        _write_sqlite(plan)
    finally:
        if beside is not None:
            beside.join()
    base.progress.stage(INDEXING)
    if beside is not None:
        ix = beside.ix
        beside.raise_failure()
    elif served is not None and schema_changed(index_dir):
        # A new analysis: every article is indexed again, not only the changed ones.
        shutil.rmtree(index_dir)
        engine = writer_engine(build / builds.DB_NAME)
        try:
            skip = {r.id for r in changed}
            everything = [*Unpacked(changed), *stored_records(engine, skip)]
        finally:
            engine.dispose()
        ix = create_index(index_dir)
        write_documents(ix, everything, fresh=True, workers=workers)
    else:
        ix = create_index(index_dir) if served is None else whoosh_index.open_dir(str(index_dir))
        write_documents(ix, Unpacked(changed), fresh=served is None, workers=workers, removed=superseded)
    # A search visits every segment: the small ones reloads leave are merged (app.build.segments).
    merge_small_segments(ix)
    # The events after the index: in a first build Whoosh's writer processes have ended by
    # then, and their buffers (hundreds of MB at 100k articles) are not held beside the
    # grouping's.
    _write_events(plan)
    base.progress.stage(ARRAYS)
    # The arrays read the index back through file handles (archive.open_index), as the web
    # app does: through mmap, Whoosh copies every segment's term dictionary and postings into
    # memory as it opens them (at 100k articles 350 MB before the columns' own; the postings
    # arrays peaked at 1.6 GB instead of 1.2 GB). Same arrays, byte for byte.
    written = open_index(build)
    try:
        write_columns(written, build, previous=served)
        write_postings(written, build, previous=served)
    finally:
        written.close()
    # The keys of the body words the snippets mark (app.build.wordkeys): the served
    # build's table, with the changed articles' new words.
    write_word_keys(build, served, [r.id for r in changed])


class _Beside:
    """A first build's Whoosh index, written from a thread while the load writes SQLite.

    The thread only feeds documents to Whoosh's writer processes; the load waits until
    those are forked before it goes on, so that no fork copies it mid-write."""

    def __init__(self, ix: Index, records: list[PackedRecord], workers: int) -> None:
        self.ix = ix
        self.failure: BaseException | None = None
        forked = threading.Event()
        self.thread = threading.Thread(
            target=self._run, args=(records, workers, forked), name="index-writer", daemon=True
        )
        self.thread.start()
        forked.wait()

    def _run(self, records: list[PackedRecord], workers: int, forked: threading.Event) -> None:
        try:
            write_documents(self.ix, Unpacked(records), fresh=True, workers=workers, forked=forked)
        except BaseException as exc:  # raised in the load's thread by raise_failure
            self.failure = exc

    def join(self) -> None:
        self.thread.join()

    def raise_failure(self) -> None:
        if self.failure is not None:
            raise self.failure


def _write_sqlite(plan: WritePlan) -> None:
    """The articles, their links and lines, the run and the skipped files."""
    build, changed, report, superseded = plan.target, plan.records, plan.report, plan.superseded
    stored, started = plan.base.stored, plan.base.started
    engine = writer_engine(build / builds.DB_NAME)
    try:
        migrate(engine)
        run = LoadRun(
            build_id=build.with_suffix("").name,
            started_at=started,
            finished_at=datetime.now(UTC),
            loaded=report.count("loaded"),
            updated=report.count("updated"),
            unchanged=report.count("unchanged"),
            failed=report.count("failed"),
            report=[o.__dict__ for o in report.outcomes if o.status != "unchanged"],
        )
        existing = {r.id for r in changed if r.id in stored}
        # The stored pages whose lines leave with their rows: taken out of the kept counts.
        leaving_lines = StoredLines(build / builds.DB_NAME).summaries_of(existing | superseded)
        seen_ns = int(started.timestamp() * 1e9)
        skipped_rows = [
            SkippedFile(
                path=o.path,
                size=o.size,
                mtime_ns=o.mtime_ns,
                status=o.status,
                reason=o.reason,
                fingerprint=o.fingerprint,
                pipeline_version=pipeline_version(),
                seen_at_ns=seen_ns,
            )
            for o in report.outcomes
            if o.status in ("duplicate", "failed")
            and o.path
            and o.size is not None
            and o.mtime_ns is not None
        ]
        write_articles(
            engine,
            Unpacked(changed),
            run,
            existing=existing | superseded,
            skipped=skipped_rows,
            settled=plan.base.settled,
        )
        refresh_stats(
            engine,
            (
                (n.path, n.sha256, n.size, n.mtime_ns, datetime.fromtimestamp(n.seen_ns / 1e9, UTC))
                for n in plan.base.noted
            ),
        )
    finally:
        engine.dispose()
    _keep_line_counts(plan, list(leaving_lines.values()), [r.lines for r in changed if r.lines is not None])


def _keep_line_counts(
    plan: WritePlan, leaving: list[repeated.PageLines], entering: list[repeated.PageLines]
) -> None:
    """The count of every group's lines over the pages the build holds, kept with it: the
    served build's, the pages whose rows left or came taken out or put in; without one (a
    first build, one by older code), counted over every page."""
    base, build = plan.base, plan.target
    version = pipeline_version()
    state = base.lines_state
    served = base.served if base.upgraded is None else None
    kept = read_line_counts(served, version) if served is not None else None
    if kept is not None:
        counts = dict(kept)
        for group in {p.group for p in leaving} | {p.group for p in entering}:
            counts[group] = kept.get(group, repeated.GroupCount.empty()).changed(
                [p for p in leaving if p.group == group], [p for p in entering if p.group == group]
            )
        unsettled: set[str] = set(kept.unsettled - state.whole) | state.stale
    else:
        counts = repeated.group_counts(StoredLines(build / builds.DB_NAME).every_page())
        unsettled = state.stale if state.everything or base.served is None else set(counts) - state.whole
        unsettled |= state.stale
    write_line_counts(build, counts, unsettled, version)


def _write_events(plan: WritePlan) -> None:
    """A first build groups every article into events; a later one only what the changed
    ones touch."""
    engine = writer_engine(plan.target / builds.DB_NAME)
    try:
        touched = {r.id for r in plan.records} | plan.superseded
        write_events(engine, None if plan.base.served is None else touched)
    finally:
        engine.dispose()
