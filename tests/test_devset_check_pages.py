"""devset/check_pages.py: a folder's pages sorted into exact, differing and missing, part by part.

Built on a tiny truth file and folder of made-up texts (the real page texts are not in git), so the
three states are known in advance: one page byte for byte, one edited, one absent, in two parts.
"""

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "devset" / "check_pages.py"


def load_script() -> ModuleType:
    # devset/ is a folder of scripts, not a package: load the file the way `python devset/...` runs it.
    spec = importlib.util.spec_from_file_location("check_pages", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def devset(tmp_path: Path) -> tuple[Path, Path]:
    """A truth file of five pages over parts v2 and v10, and a folder holding three of them."""
    texts = {
        "en-v2-01": "Headline\n\nBody line.\n",
        "kk-v2-01": "Тақырып\nМәтін.\n",
        "ru-v2-01": "Заголовок\nТекст.\n",
        "en-v10-01": "Another headline\nMore body.\n",
        "ru-v10-01": "Ещё заголовок\n",
    }
    parts = {"en-v2-01": "v2", "kk-v2-01": "v2", "ru-v2-01": "v2", "en-v10-01": "v10", "ru-v10-01": "v10"}
    truth = tmp_path / "truth.jsonl"
    truth.write_text(
        "".join(
            json.dumps({"id": page, "part": parts[page], "sha256": sha(text)}, ensure_ascii=False) + "\n"
            for page, text in texts.items()
        ),
        encoding="utf-8",
    )
    folder = tmp_path / "pages"
    folder.mkdir()
    (folder / "en-v2-01.txt").write_text(texts["en-v2-01"], encoding="utf-8")
    # A non-breaking space where the snapshot has a plain one: the kind of slip a copy makes.
    (folder / "kk-v2-01.txt").write_text("Тақырып\nМәтін.\u00a0\n", encoding="utf-8")
    (folder / "en-v10-01.txt").write_text(texts["en-v10-01"], encoding="utf-8")
    return truth, folder


def test_pages_sorted_into_the_three_states_per_part(devset: tuple[Path, Path]) -> None:
    truth, folder = devset
    script = load_script()
    parts = script.check(script.read_truths(truth), folder)
    assert list(parts) == ["v2", "v10"]
    assert (parts["v2"].exact, parts["v2"].differs, parts["v2"].missing) == (
        ["en-v2-01"],
        ["kk-v2-01"],
        ["ru-v2-01"],
    )
    assert (parts["v10"].exact, parts["v10"].differs, parts["v10"].missing) == (
        ["en-v10-01"],
        [],
        ["ru-v10-01"],
    )


def test_command_prints_counts_and_names_what_is_not_exact(devset: tuple[Path, Path]) -> None:
    truth, folder = devset
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(folder), "--truth", str(truth), "--list"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split() for line in result.stdout.splitlines() if line.strip()]
    assert rows[:4] == [
        ["part", "pages", "exact", "differs", "missing"],
        ["v2", "3", "1", "1", "1"],
        ["v10", "2", "1", "0", "1"],
        ["all", "5", "2", "1", "2"],
    ]
    assert rows[4:] == [
        ["v2", "differs:", "kk-v2-01"],
        ["v2", "missing:", "ru-v2-01"],
        ["v10", "missing:", "ru-v10-01"],
    ]


def test_one_part_only(devset: tuple[Path, Path]) -> None:
    truth, folder = devset
    result = subprocess.run(
        [sys.executable, str(SCRIPT), str(folder), "--truth", str(truth), "--part", "v10"],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [line.split() for line in result.stdout.splitlines()]
    assert rows[1:] == [["v10", "2", "1", "0", "1"], ["all", "2", "1", "0", "1"]]
