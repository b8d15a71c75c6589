"""The one gateway to the reference data under app/data (TOML and JSON).

The loader stages, the entity register and the text analysers all read their tables through
here, so the folder has one address and no package reaches into another for a data file.
"""

import hashlib
import json
import os
import pickle
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar, cast

T = TypeVar("T")
DATA_DIR = Path(__file__).resolve().parent / "data"
# Where parsed data files are kept between processes (`keep_parsed_in`), if anywhere, and
# whether this process writes there (a load) or only reads (the web process).
_kept: list[Path] = []
_writing = [True]


def data_path(name: str) -> Path:
    """The path of one data file, e.g. `data_path("folding.toml")`."""
    return DATA_DIR / name


def keep_parsed_in(folder: Path | None, write: bool = True) -> None:
    """Keep each TOML file parsed in `folder` from now on in this process, for the next
    process (None: parse every time). tomllib is pure Python: the rule files cost a fresh
    `archive load FILE` a tenth of its CPU to parse, and a kept copy a hundredth of that.
    With `write` False, copies kept there are read and none is written."""
    _kept[:] = [folder] if folder is not None else []
    _writing[0] = write


def load_data(name: str) -> dict[str, Any]:
    """One TOML data file, parsed (not cached in memory: each caller caches what it derives;
    kept on disk under a hash of its bytes when `keep_parsed_in` says where)."""
    raw = data_path(name).read_bytes()
    if not _kept:
        return tomllib.loads(raw.decode("utf-8"))
    digest = hashlib.sha256(raw + sys.version.encode()).hexdigest()[:16]
    path = _kept[0] / f"data-{name}-{digest}.pickle"
    parsed: dict[str, Any] = kept_or_built(
        path, f"data-{name}", lambda: tomllib.loads(raw.decode("utf-8")), lambda kept: isinstance(kept, dict)
    )
    return parsed


def kept_or_built(
    path: Path, stem: str, build: Callable[[], T], usable: Callable[[Any], bool] = lambda _: True
) -> T:
    """The value pickled at `path` when it can be read (and is `usable`), else `build()`, kept
    there for the next process (`keep_pickle`) unless this process only reads (`keep_parsed_in`
    with `write` False): what is kept under a hash of its inputs is never stale."""
    try:
        with path.open("rb") as handle:
            kept = pickle.load(handle)
        if usable(kept):
            return cast(T, kept)
    except Exception:  # absent, cut short or unreadable: built below
        pass
    value = build()
    if _writing[0]:
        keep_pickle(path, stem, value)
    return value


def keep_pickle(path: Path, stem: str, value: Any) -> None:
    """Write `value` to `path` whole or not at all (a temporary file renamed into place), first
    removing the copies of older versions beside it (`<stem>-*.pickle`). A folder that cannot
    be written is left as it is: a kept copy only saves the next process work. Readable by
    all, as the data files it is made from: the web process may run as another user than
    the load that kept it (the image's server cannot write /srv, nor read a private file)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for old in path.parent.glob(f"{stem}-*.pickle"):
            old.unlink(missing_ok=True)
        fd, partial = tempfile.mkstemp(dir=path.parent, prefix=f".{stem}-")
    except OSError:
        return
    try:
        os.fchmod(fd, 0o644)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(partial, path)
    except (OSError, pickle.PicklingError):
        Path(partial).unlink(missing_ok=True)


def load_json(name: str) -> Any:
    """One JSON data file, parsed."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))
