"""A digest of every record the loader's pure stages make, to show a speed-up changed none.

    python bench/records_digest.py [--code DIR] [--tests DIR] [--n 3000] [--out FILE]

Runs read → clean → parse → entities → repetition profile (pipeline.to_record) over the
seeds, the fixture files under tests/data, every text written out in the tests' sources
(string literals of two lines or 40 characters and more: the loader's and entities' tests
build their pages from them) and a synthetic corpus (bench/corpus.py), then counts the lines
repeated across each set's pages and parses again the pages that lose lines, as a load
settles them. Prints one digest per record and one per set and in all. `--code` runs another
checkout's `app` (a worktree of main) with this script, so both are compared on the same
inputs: every digest must be identical. The pipeline version (a hash of the rule files) and
the load's time are left out; everything else the record holds is in.
"""

import argparse
import ast
import dataclasses
import hashlib
import json
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent.parent
LOADED_AT = datetime(2026, 1, 1, tzinfo=UTC)
MIN_TEXT_CHARS = 40
# Rounds of settling the repeated lines, as the pipeline's REPETITION_ROUNDS.
ROUNDS = 3


def _canonical(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if hasattr(value, "model_dump"):
        return _canonical(value.model_dump())
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, set | frozenset):
        return sorted((_canonical(v) for v in value), key=repr)
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def digest(record: Any) -> str:
    fields = _canonical(record)
    fields["article"].pop("pipeline_version")
    fields["article"].pop("loaded_at")
    text = json.dumps(fields, ensure_ascii=False, sort_keys=True, default=repr)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def texts_of_tests(tests: Path, min_chars: int = MIN_TEXT_CHARS) -> list[str]:
    """String literals in the tests' sources that read as a page or a line of one."""
    found: dict[str, None] = {}
    for source in sorted(tests.glob("*.py")):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if len(text) >= min_chars or "\n" in text.strip():
                    found.setdefault(text, None)
    return list(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--code", type=Path, default=HERE, help="the checkout whose app/ runs")
    parser.add_argument("--n", type=int, default=3000, help="synthetic articles")
    parser.add_argument("--out", type=Path, help="write the per-record digests here")
    parser.add_argument(
        "--tests", type=Path, default=HERE / "tests", help="whose test texts (the same in both runs)"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    sys.path.insert(1, str(HERE))
    import app
    from app.loader import pipeline, repeated
    from app.loader.discover import DecodedFile, read_file
    from bench.corpus import write_corpus

    assert Path(app.__file__).resolve().is_relative_to(args.code.resolve()), app.__file__

    def decoded(path: Path, name: str) -> DecodedFile:
        return dataclasses.replace(read_file(path, 10**7), path=Path("/corpus") / name, mtime_ns=0)

    def of_text(text: str, name: str) -> DecodedFile:
        data = text.encode()
        return DecodedFile(
            Path("/corpus") / name, text, "utf-8", False, "\n", hashlib.sha256(data).hexdigest(), len(data)
        )

    sets: dict[str, list[DecodedFile]] = {
        "seeds": [decoded(p, f"seeds/{p.name}") for p in sorted((HERE / "seeds").glob("*.txt"))],
        "tests/data": [
            decoded(p, str(p.relative_to(HERE)))
            for p in sorted((HERE / "tests" / "data").rglob("*"))
            if p.is_file() and p.suffix == ".txt"
        ],
        "test texts": [of_text(t, f"tests/{i:05d}.txt") for i, t in enumerate(texts_of_tests(args.tests))],
    }
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp), args.n)
        sets["synthetic"] = [decoded(p, f"synthetic/{p.name}") for p in paths]

    lines_out: list[str] = []
    whole = hashlib.sha256()
    for name, files in sets.items():
        records = [pipeline.to_record(f, LOADED_AT) for f in files]
        for _ in range(ROUNDS):
            pages = [r.lines for r in records]
            counts = repeated.count(pages)
            again = False
            for i, (page, (_, has)) in enumerate(zip(pages, repeated.signatures(pages, counts), strict=True)):
                site = repeated.removals(page, counts) if has else {}
                if set(site) != page.removed:
                    records[i] = pipeline.to_record(files[i], LOADED_AT, site)
                    again = True
            if not again:
                break
        one = hashlib.sha256()
        for file, record in zip(files, records, strict=True):
            value = digest(record)
            lines_out.append(f"{file.path} {value}")
            one.update(value.encode())
            whole.update(value.encode())
        print(f"{name:<12} {len(files):>6} records  {one.hexdigest()[:16]}")
    print(f"{'all':<12} {len(lines_out):>6} records  {whole.hexdigest()[:16]}")
    if args.out:
        args.out.write_text("\n".join(lines_out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
