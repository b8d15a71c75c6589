"""The one gateway to the reference data under app/data (TOML and JSON).

The loader stages, the entity register and the text analysers all read their tables through
here, so the folder has one address and no package reaches into another for a data file.
"""

import json
import tomllib
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"


def data_path(name: str) -> Path:
    """The path of one data file, e.g. `data_path("folding.toml")`."""
    return DATA_DIR / name


def load_data(name: str) -> dict[str, Any]:
    """One TOML data file, parsed (not cached: each caller caches what it derives)."""
    with data_path(name).open("rb") as handle:
        return tomllib.load(handle)


def load_json(name: str) -> Any:
    """One JSON data file, parsed."""
    return json.loads(data_path(name).read_text(encoding="utf-8"))
