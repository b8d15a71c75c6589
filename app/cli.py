"""The `archive` command: load files into the archive, serve it, search it from a terminal.

Exit codes of `archive load`: 0 all files loaded or unchanged; 1 the load finished but
some files failed (each is named with its reason); 2 nothing was published (fatal error);
3 another load is running.
"""

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from app.config import Settings, get_settings

if TYPE_CHECKING:
    from app.archive import Archive
    from app.loader.pipeline import LoadReport


def _print_report(report: "LoadReport", verbose: bool) -> None:
    for outcome in report.outcomes:
        # Failed and duplicate files are always named (the README promises it); -v adds the rest.
        if outcome.status in ("failed", "duplicate") or verbose:
            reason = f": {outcome.reason}" if outcome.reason else ""
            stream = sys.stderr if outcome.status == "failed" else sys.stdout
            print(f"{outcome.status:<9} {outcome.file}{reason}", file=stream)
    print(report.summary(), file=sys.stderr if report.fatal else sys.stdout)


def cmd_load(args: argparse.Namespace, settings: Settings) -> int:
    # Imported here: the loader's libraries (Lingua, natasha, charset-normalizer) are the
    # `load` extra, which a serving-only install (the container's final stage) does not have.
    from app.loader.pipeline import load

    paths = [Path(p) for p in args.paths] or [settings.seeds_dir]
    progress = None
    bar = None
    if sys.stderr.isatty() and not args.quiet:
        from tqdm import tqdm

        bar = tqdm(unit="file", desc="loading", leave=False)
        progress = lambda _path: bar.update(1)  # noqa: E731
    try:
        report = load(paths, settings, progress=progress)
    finally:
        if bar is not None:
            bar.close()
    _print_report(report, verbose=args.verbose)
    return report.exit_code


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    import uvicorn

    # Uvicorn builds the app in each worker process by calling create_app(), which reads
    # its settings from the environment, not from this process: --data-dir goes that way.
    os.environ["ARCHIVE_DATA_DIR"] = str(settings.data_dir.resolve())
    get_settings.cache_clear()
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=args.host or settings.host,
        port=args.port or settings.port,
        workers=args.workers or settings.workers,
        log_level="info",
    )
    return 0


def _served_archive(settings: Settings) -> "Archive | None":
    from app.archive import ArchiveRegistry

    archive = ArchiveRegistry(settings.data_dir).get()
    if archive is None:
        print("no archive loaded: run `archive load` first", file=sys.stderr)
    return archive


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    """The site's own search (same syntax, same order), printed as lines."""
    from sqlmodel import Session

    from app.queries.search import ArticleQuery, BadRequest, search

    archive = _served_archive(settings)
    if archive is None:
        return 2
    with Session(archive.engine) as session:
        try:
            results = search(archive, session, ArticleQuery(q=args.query, limit=args.limit))
        except BadRequest as exc:
            print(exc, file=sys.stderr)
            return 2
    for hit in results.items:
        item = hit.article
        print(f"{item.id}  {item.date or 'date unknown':<10}  {item.language}  {item.title}")
    print(f"{results.total} match(es)")
    return 0


def cmd_entities(args: argparse.Namespace, settings: Settings) -> int:
    from sqlmodel import Session

    from app.queries.leaders import unknown_leaders

    archive = _served_archive(settings)
    if archive is None:
        return 2
    if not args.unknown:
        print("say what to list: --unknown", file=sys.stderr)
        return 2
    with Session(archive.engine) as session:
        rows = unknown_leaders(session)
    for row in rows:
        role = f"{row.role_title}" if row.role_title else "role unknown"
        print(f"{row.name}\t{role}\t{row.affiliation or '-'}\t{row.articles} article(s)\t{row.slug}")
    print(f"{len(rows)} people not yet in the register", file=sys.stderr)
    return 0


def cmd_data(args: argparse.Namespace, settings: Settings) -> int:
    from app.entities.countries_data import COUNTRIES_FILE, write_countries

    count = write_countries()
    print(f"wrote {count} countries to {COUNTRIES_FILE}")
    return 0


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
    p_serve.add_argument("--host")
    p_serve.add_argument("--port", type=int)
    p_serve.add_argument("--workers", type=int)
    p_serve.set_defaults(func=cmd_serve)

    p_search = sub.add_parser("search", help="search the archive from the terminal")
    p_search.add_argument("query")
    p_search.add_argument("--limit", type=int, default=20)
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


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = get_settings()
    if args.data_dir is not None:
        settings = settings.model_copy(update={"data_dir": args.data_dir})
    return int(args.func(args, settings))


if __name__ == "__main__":
    sys.exit(main())
