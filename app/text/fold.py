"""Cross-script folding of Kazakh and Russian Cyrillic, driven by data/folding.toml."""

import tomllib
from functools import lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
KAZAKH_LETTERS = frozenset("әғқңөұүһі")


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    with (DATA_DIR / "folding.toml").open("rb") as handle:
        letters = tomllib.load(handle)["letters"]
    table = {ord(src): dst for src, dst in letters.items()}
    table.update({ord(src.upper()): dst.upper() for src, dst in letters.items()})
    return table


def fold(text: str) -> str:
    """Map Kazakh-specific letters and ё to their Russian neighbours (case is kept)."""
    return text.translate(_fold_table())


def has_kazakh_letters(text: str) -> bool:
    return any(ch in KAZAKH_LETTERS for ch in text.lower())
