"""The `archive` command: load files into the archive, serve it, search it from a terminal.

Exit codes of `archive load`: 0 all files loaded or unchanged; 1 the load finished but
some files failed (each is named with its reason); 2 nothing was published (fatal error,
or a setting is invalid: every command says which in one line and exits 2); 3 another
load is running.
"""

import argparse
import gc
import logging
import os
import re
import shlex
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from pydantic import ValidationError

from app.config import Settings, get_settings, tables_folder

# Like a fatal load: nothing was done. Not 1, which says some files failed.
EXIT_CONFIGURATION = 2

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic_core import ErrorDetails

    from app.build.archive import Archive
    from app.loader.report import LoadReport
    from app.loader.survey import Survey


# What a terminal would act on rather than show: C0 and C1 controls (ESC starts escape
# sequences, BEL rings, CR and newline overwrite or split a line), bidirectional overrides
# and isolates (text shown in another order than it is), and lone surrogates (bytes of a
# file name that are not UTF-8, which print() cannot even encode).
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, as os.fsdecode keeps it
        return f"\\x{code - 0xDC00:02x}"
    return match.group().encode("unicode_escape").decode("ascii")


def printable(value: object) -> str:
    """`value` as text a terminal shows as it is: control characters as \\x1b, \\n, \\u202e."""
    return UNPRINTABLE.sub(_escape, str(value))


def say(*fields: object, sep: str = " ", err: bool = False) -> None:
    """Every line the CLI prints: one line, whatever its fields hold (titles, file names)."""
    print(sep.join(map(printable, fields)), file=sys.stderr if err else sys.stdout)


def _print_report(report: "LoadReport", verbose: bool) -> None:
    for outcome in report.outcomes:
        # Failed, duplicate and removed files are always named (the README promises it);
        # -v adds the rest.
        if outcome.status in ("failed", "duplicate", "removed") or verbose:
            reason = f": {outcome.reason}" if outcome.reason else ""
            say(f"{outcome.status:<9}", f"{outcome.file}{reason}", err=outcome.status == "failed")
    say(report.summary(), err=bool(report.fatal))


class LoadBar:
    """The load's progress on a terminal: the stage, done of total, the rate and the time
    left while a stage counts files; the elapsed time while it writes. Erased at the end,
    leaving one summary line (the report follows it)."""

    COUNTED = "{desc}: {percentage:3.0f}%|{bar:20}| {n_fmt}/{total_fmt} files [{rate_fmt}, {remaining} left]"
    STEP = "{desc}… {elapsed}"

    def __init__(self) -> None:
        from tqdm import tqdm

        self.bar = tqdm(total=None, unit="file", leave=False, bar_format=self.STEP, desc="starting")
        self.started = time.monotonic()
        self.counts: dict[str, int] = {}

    def stage(self, name: str, total: int | None = None) -> None:
        self.bar.refresh()  # the finished stage's last count, which a throttled update may not have shown
        self.bar.bar_format = self.COUNTED if total is not None else self.STEP
        self.bar.reset(total=total)
        self.bar.set_description_str(name, refresh=True)
        self.stage_name = name
        self.counts.setdefault(name, 0)

    def advance(self, count: int = 1) -> None:
        self.counts[self.stage_name] += count
        self.bar.update(count)

    def close(self) -> None:
        from app.loader import progress

        self.bar.close()
        seconds = time.monotonic() - self.started
        read = self.counts.get(progress.READING, 0)
        parsed = self.counts.get(progress.PARSING, 0)
        rate = f", {read / seconds:.1f} files/s" if seconds > 0 else ""
        say(f"load: {read} files read, {parsed} parsed, in {seconds:.1f} s{rate}", err=True)


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    from app.loader.heap import few_collections
    from app.loader.survey import nothing_to_do, survey

    paths = [Path(p) for p in args.paths] or [settings.seeds_dir]
    # Most loads of a whole folder find nothing changed: told from the files' sizes and times
    # before the parse stages, the models and the index writers are imported; a load with
    # work to do goes on from what was found (app.loader.survey).
    with few_collections():
        found = survey(paths, settings)
        report = nothing_to_do(found, paths, settings) if found is not None else None
        # What the survey found (a tuple per stored article: 100k at 100k articles) lives
        # through the load or the report: the collections the imports, the load and the
        # report start skip it (each full one walked it again: 0.4-0.5 s of CPU at 100k).
        # The load's own frozen_heap gives it back to the collector at its end.
        gc.freeze()
    try:
        if report is None:
            report = _load(paths, settings, args, found)
        _print_report(report, verbose=args.verbose)
    finally:
        gc.unfreeze()
    return report.exit_code


def _load(
    paths: list[Path], settings: Settings, args: argparse.Namespace, found: "Survey | None"
) -> "LoadReport":
    from app import patterncache, tablecache

    # From before the loader's modules, which compile most of their patterns and read most
    # of their data files as they load.
    tablecache.keep_in(tables_folder(settings))
    with patterncache.kept_in(tables_folder(settings)):
        # Imported here: the loader's libraries (Lingua, natasha, charset-normalizer) are the
        # `load` extra, which a serving-only install (the container's final stage) does not have.
        from app.loader.pipeline import load

        bar = LoadBar() if sys.stderr.isatty() and not args.quiet else None
        try:
            return load(paths, settings, progress=bar, survey=found)
        finally:
            if bar is not None:
                bar.close()


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from app.serving import default_workers, serve, uvicorn_options

    # Uvicorn builds the app in each worker process by calling create_app(), which reads
    # its settings from the environment, not from this process: --data-dir goes that way.
    os.environ["ARCHIVE_DATA_DIR"] = str(settings.data_dir.resolve())
    get_settings.cache_clear()
    serve(
        "app.main:create_app",
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers or settings.workers or default_workers(),
        **uvicorn_options(settings),
    )
    return 0


def _served_archive(settings: Settings) -> "Archive | None":
    from app.build.archive import ArchiveRegistry

    archive = ArchiveRegistry(settings.data_dir).get()
    if archive is None:
        say("no archive loaded: run `archive load` first", err=True)
    return archive


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    """The site's own search (same syntax, same order, same filters), printed as lines or
    as the API's JSON."""
    from sqlmodel import Session

    from app.queries.filters import resolve_filters
    from app.queries.search import search
    from app.search.engine import ArticleQuery, BadRequest

    archive = _served_archive(settings)
    if archive is None:
        return 2
    with Session(archive.engine) as session:
        try:
            request = ArticleQuery(q=args.query, filters={"lang": args.lang}, limit=args.limit)
            results = search(archive, session, resolve_filters(archive.columns, request))
        except BadRequest as exc:
            say(exc, *exc.details, sep="\n", err=True)
            return 2
    if args.json:
        print(results.model_dump_json(indent=2))
        return 0
    for resolved in results.resolved:
        say(f"{resolved.parameter} {resolved.given!r} read as {resolved.value} ({resolved.label})", err=True)
    inferred = False
    for hit in results.items:
        item = hit.article
        date = item.date or "date unknown"
        if item.date_inferred:
            date, inferred = date + "*", True
        say(item.id, f"{date:<10}", item.language, item.title, sep="  ")
    if inferred:
        say("* the year (or the date) is inferred: the text does not print it")
    if results.suggestion:
        say(f"did you mean: {results.suggestion}?  (archive search {shlex.quote(results.suggestion)})")
    shown = f", {len(results.items)} shown" if results.total > len(results.items) else ""
    say(f"{results.total} match(es){shown}")
    return 0


def cmd_entities(args: argparse.Namespace, settings: Settings) -> int:
    from sqlmodel import Session

    from app.queries.leaders import unknown_leaders

    archive = _served_archive(settings)
    if archive is None:
        return 2
    if not args.unknown:
        say("say what to list: --unknown", err=True)
        return 2
    with Session(archive.engine) as session:
        rows = unknown_leaders(session)
    for row in rows:
        role = f"{row.role_title}" if row.role_title else "role unknown"
        say(row.name, role, row.affiliation or "-", f"{row.articles} article(s)", row.slug, sep="\t")
    say(f"{len(rows)} people not yet in the register", err=True)
    return 0


def cmd_data(args: argparse.Namespace, settings: Settings) -> int:
    from app.entities.countries_data import COUNTRIES_FILE, write_countries

    count = write_countries()
    say(f"wrote {count} countries to", COUNTRIES_FILE)
    return 0


def _positive(most: int) -> "Callable[[str], int]":
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        if not 1 <= value <= most:
            raise argparse.ArgumentTypeError(f"give a number from 1 to {most}")
        return value

    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="archive", description=__doc__.split("\n")[0])
    parser.add_argument(
        "--data-dir", type=Path, help="archive directory (default: ARCHIVE_DATA_DIR or ./data)"
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p_load = sub.add_parser("load", help="load raw article files (default: the seeds directory)")
    p_load.add_argument("paths", nargs="*", help="files or directories")
    p_load.add_argument("-v", "--verbose", action="store_true", help="list every file, not only problems")
    p_load.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    p_load.set_defaults(func=cmd_load)

    p_serve = sub.add_parser("serve", help="serve the archive over HTTP")
    p_serve.add_argument("--host", help="address to listen on (default: ARCHIVE_HOST or 127.0.0.1)")
    p_serve.add_argument("--port", type=int, help="port to listen on (default: ARCHIVE_PORT or 8000)")
    p_serve.add_argument(
        "--workers",
        type=int,
        help="uvicorn worker processes (default: ARCHIVE_WORKERS, else one per core, at most 4)",
    )
    p_serve.set_defaults(func=cmd_serve)

    p_search = sub.add_parser(
        "search",
        help="search the archive from the terminal",
        description="Search as the site does: words in any case form or script, "
        '"a phrase", -word, OR, leader:NAME country:CODE lang:kk date:2020.',
    )
    p_search.add_argument("query", help="what to search for, in the site's search syntax")
    p_search.add_argument(
        "--lang",
        action="append",
        default=[],
        help="only articles in this language: ru, kk, en or its name (Russian); repeat for several",
    )
    p_search.add_argument(
        "--limit", type=_positive(100), default=20, help="how many articles to show (1-100, default 20)"
    )
    p_search.add_argument("--json", action="store_true", help="print the API's JSON answer instead of lines")
    p_search.set_defaults(func=cmd_search)
    p_entities = sub.add_parser("entities", help="list entities, e.g. people not yet in the register")
    p_entities.add_argument(
        "--unknown", action="store_true", help="people discovered by role, not in the register"
    )
    p_entities.set_defaults(func=cmd_entities)

    p_data = sub.add_parser("data", help="regenerate reference data from libraries")
    p_data.add_argument("what", choices=["countries"], help="countries.json from pycountry + Babel CLDR")
    p_data.set_defaults(func=cmd_data)
    return parser


def _setting_problem(error: "ErrorDetails") -> str:
    """`ARCHIVE_KEEP_BUILDS='1': input should be ... (what the setting is for)`."""
    name = str(error["loc"][0]) if error["loc"] else ""
    field = Settings.model_fields.get(name)
    why = f" ({field.description})" if field and field.description else ""
    return f"ARCHIVE_{name.upper()}={error['input']!r}: {error['msg']}{why}"


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        settings = get_settings()
    except ValidationError as exc:
        say("configuration error:", "; ".join(map(_setting_problem, exc.errors())), err=True)
        return EXIT_CONFIGURATION
    if args.data_dir is not None:
        settings = settings.model_copy(update={"data_dir": args.data_dir})
    return int(args.func(args, settings))


def run(argv: list[str] | None = None) -> NoReturn:
    """The `archive` command as a program (its console script, `python -m app.cli`): `main`,
    and after a load the process ends without tearing down its heap. Interpreter shutdown
    frees every module, table and stored article's state one object at a time: 0.5 s of CPU
    after loading one file into a 10k archive, a quarter of the command. By then the load has
    written, fsynced and closed all it writes (the copy made ahead runs in a process of its
    own); the output is flushed here. Other commands end as usual."""
    code = main(argv)
    if build_parser().parse_args(argv).command == "load":
        logging.shutdown()
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)


if __name__ == "__main__":
    run()
