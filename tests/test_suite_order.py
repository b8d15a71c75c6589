"""The suite's own scheduling (tests/conftest.py HEAVY_FIRST): every file it names exists, so
a renamed heavy file is not silently handed out last again."""

from tests.conftest import HEAVY_FIRST, PROJECT_ROOT


def test_every_heavy_file_named_first_exists() -> None:
    missing = [name for name in HEAVY_FIRST if not (PROJECT_ROOT / "tests" / name).is_file()]
    assert missing == []
    assert len(set(HEAVY_FIRST)) == len(HEAVY_FIRST)
