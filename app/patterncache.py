"""Regular expressions as `re` compiles them, kept on disk for the next `archive load`.

A fresh `archive load FILE` compiles some 420 patterns of the rule modules (boilerplate,
layout, dates, outlets, the entity matcher) before and while it reads its one file: about
0.19 s of CPU, a tenth of the whole load, every time, as Python keeps compiled patterns per
process only. Compiling is two steps: `re` parses the pattern into the engine's code (pure
Python: all of that time), then hands the code to the C engine (`_sre.compile`: microseconds).

`keep_in` keeps the first step's output, per pattern and flags, in the archive's tables
folder under the Python build that made it, and from then on gives `re` the engine's
arguments from there: the engine gets the very arguments `re` would give it, so a kept
pattern equals the one `re` compiles (`re.Pattern` compares the engine's code). Only the
`archive load` command turns it on, for the load (`kept_in`). A file of another
Python, cut short or unreadable, is ignored: the patterns are compiled as usual.
"""

import hashlib
import importlib
import os
import pickle
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

# re's internals (no stubs): the compiler whose output is kept, and the engine it calls.
_compiler: Any = importlib.import_module("re._compiler")
_parser: Any = importlib.import_module("re._parser")
_sre: Any = importlib.import_module("_sre")

# (pattern type, pattern, flags) -> the arguments `_sre.compile` takes after the pattern.
Key = tuple[type, str | bytes, int]
# Where in the data folder: beside the other derived tables (app/build/layout.py TABLES).
FOLDER = "tables"
Arguments = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]


class _Kept:
    """The kept arguments of one process: read at `keep_in`, written back by `save` when
    this process compiled a pattern they did not hold."""

    def __init__(self, path: Path, known: dict[Key, Arguments]) -> None:
        self.path = path
        self.known = known
        self.used: set[Key] = set()
        self.added = False


_state: list[_Kept] = []
_original = _compiler.compile


def _version() -> str:
    """What the engine's code depends on: the Python build and its engine's format."""
    made = f"{sys.version}|{sys.implementation.cache_tag}|{_sre.MAGIC}|{_sre.CODESIZE}"
    return hashlib.sha256(made.encode()).hexdigest()[:16]


def arguments(pattern: str | bytes, flags: int) -> Arguments:
    """What `re` hands the engine for this pattern: re._compiler.compile's steps, stopped
    before the engine is called."""
    parsed = _parser.parse(pattern, flags)
    # Plain numbers: the opcodes are int subclasses that cannot be pickled.
    code = [int(op) for op in _compiler._code(parsed, flags)]
    groupindex = parsed.state.groupdict
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return (flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup))


def _compile(pattern: Any, flags: int = 0) -> Any:
    """re._compiler.compile, with the parse taken from the kept arguments when they hold it."""
    if not _state or not isinstance(pattern, str | bytes) or flags & _compiler.SRE_FLAG_DEBUG:
        return _original(pattern, flags)
    kept = _state[0]
    key: Key = (type(pattern), pattern, flags)
    found = kept.known.get(key)
    if found is None:
        found = kept.known[key] = arguments(pattern, flags)
        kept.added = True
    kept.used.add(key)
    return _sre.compile(pattern, *found)


def keep_in(folder: Path) -> None:
    """From now on in this process, compile patterns from the arguments kept in `folder`
    (and keep those of new patterns, for `save`)."""
    path = folder / f"patterns-{_version()}.pickle"
    known: dict[Key, Arguments] = {}
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
        if isinstance(loaded, dict):
            known = loaded
    except Exception:  # absent, cut short or unreadable: compiled as usual, kept anew
        pass
    _state[:] = [_Kept(path, known)]
    _compiler.compile = _compile


def save() -> None:
    """Write the kept arguments back when this process compiled patterns they lacked: those
    this process used, so patterns of rules since changed do not pile up."""
    if not _state or not _state[0].added:
        return
    kept = _state[0]
    used = {key: kept.known[key] for key in kept.used}
    try:
        kept.path.parent.mkdir(parents=True, exist_ok=True)
        for old in kept.path.parent.glob("patterns-*.pickle"):
            old.unlink(missing_ok=True)
        fd, partial = tempfile.mkstemp(dir=kept.path.parent, prefix=".patterns-")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(used, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, kept.path)
        kept.added = False
    except (OSError, pickle.PicklingError):
        Path(partial).unlink(missing_ok=True)


def stop() -> None:
    """Compile as `re` does again."""
    _state.clear()
    _compiler.compile = _original


@contextmanager
def kept_in(folder: Path) -> Iterator[None]:
    """Patterns compiled from the arguments kept in `folder` while inside; the arguments of
    new ones kept there on the way out."""
    keep_in(folder)
    try:
        yield
    finally:
        save()
        stop()
