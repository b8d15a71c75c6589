"""Patterns compiled from kept arguments (app/patterncache.py) are the patterns `re` compiles."""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import patterncache
from app.build.layout import TABLES
from tests.conftest import own_tables

# Invented patterns of the kinds the rule modules write: named groups, alternations of
# literals, look-arounds, case-insensitive Cyrillic, inline flags, bytes.
PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<day>\d{1,2})\s+(?P<month>января|февраля|марта)\.?,?\s+(?P<year>\d{4})", re.IGNORECASE),
    (r"(?P<day>\d{1,2})\s+(?P<month>января|февраля|марта)\.?,?\s+(?P<year>\d{4})", 0),
    (r"(?<![\w.])(?P<alias>Пример Пресс|Example News|Мысал)(?![\w])", re.IGNORECASE),
    (r"^(?:Источник|Дереккөз|Source)\s*[:=]\s*(?P<rest>.+)$", re.MULTILINE),
    (r"(?x) \b (?:глава|басшысы) \s+ государства \b", 0),
    (r"(?i)^подписывайтесь на наш канал", 0),
    (rb"\x00[\x01-\x1f]+", 0),
    (r"(\w+)-(\w+)(?:-(\w+))?", re.ASCII),
]


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    patterncache.stop()


def compile_now(pattern: str | bytes, flags: int) -> re.Pattern[str]:
    """What `re` compiles with the compiler as it stands (kept or not), past its own cache."""
    return patterncache._compiler.compile(pattern, flags)  # type: ignore[no-any-return]


def test_kept_patterns_equal_what_re_compiles(kept: Path) -> None:
    patterncache.keep_in(kept)
    first = [compile_now(p, f) for p, f in PATTERNS]
    patterncache.save()
    assert list(kept.glob("patterns-*.pickle")), "the arguments are kept on disk"
    # A later process: the arguments are read from the file, nothing parsed again.
    patterncache.stop()
    patterncache.keep_in(kept)
    again = [compile_now(p, f) for p, f in PATTERNS]
    assert not patterncache._state[0].added
    for (pattern, flags), one, two in zip(PATTERNS, first, again, strict=True):
        plain = patterncache._original(pattern, flags)
        # re.Pattern compares pattern, flags and the engine's code.
        assert one == plain and two == plain
        assert (two.flags, two.groups, two.groupindex) == (plain.flags, plain.groups, plain.groupindex)


def test_kept_patterns_match_as_re_does(kept: Path) -> None:
    patterncache.keep_in(kept)
    for pattern, flags in PATTERNS:
        compile_now(pattern, flags)
    patterncache.save()
    patterncache.stop()
    patterncache.keep_in(kept)
    text = "Встреча 12 ФЕВРАЛЯ 2021 года. Источник: Example News\nглава государства"
    for pattern, flags in PATTERNS:
        if isinstance(pattern, bytes):
            continue
        found = [m.groupdict() or m.group() for m in compile_now(pattern, flags).finditer(text)]
        assert found == [m.groupdict() or m.group() for m in re.compile(pattern, flags).finditer(text)]


def test_one_pattern_under_two_flags_is_kept_twice(kept: Path) -> None:
    pattern = r"(?P<month>марта)"
    patterncache.keep_in(kept)
    compile_now(pattern, re.IGNORECASE)
    patterncache.save()
    patterncache.stop()
    patterncache.keep_in(kept)
    # Not the case-insensitive one kept before: case matters here.
    assert compile_now(pattern, 0).search("МАРТА") is None
    assert compile_now(pattern, re.IGNORECASE).search("МАРТА") is not None


def test_an_unreadable_file_is_compiled_past(kept: Path) -> None:
    patterncache.keep_in(kept)
    patterncache._state[0].path.write_bytes(b"not a pickle")
    patterncache.stop()
    patterncache.keep_in(kept)
    pattern, flags = PATTERNS[0]
    assert compile_now(pattern, flags) == patterncache._original(pattern, flags)


def test_kept_beside_the_derived_tables() -> None:
    assert patterncache.FOLDER == TABLES


def _article(tmp_path: Path) -> Path:
    article = tmp_path / "in" / "visit.txt"
    article.parent.mkdir(exist_ok=True)
    article.write_text(
        "Переговоры в Астане\n\n12 марта 2021 года состоялись переговоры о сотрудничестве.\n",
        encoding="utf-8",
    )
    return article


def test_archive_load_in_a_fresh_process_keeps_the_patterns_it_compiled(tmp_path: Path) -> None:
    """A fresh process (as `archive load` runs) compiles the rule modules' patterns and keeps
    them; in a process that compiled them already (a test run) there is nothing new to keep."""
    import subprocess
    import sys

    data = tmp_path / "data"
    article = _article(tmp_path)
    command = [sys.executable, "-m", "app.cli", "--data-dir", str(data), "load", "-q", str(article)]
    subprocess.run(command, check=True, capture_output=True, cwd=Path(__file__).parents[1], env=own_tables())
    (kept_file,) = (data / TABLES).glob("patterns-*.pickle")
    assert kept_file.stat().st_size > 0


def test_archive_load_leaves_re_as_it_was(tmp_path: Path) -> None:
    from app.cli import main

    assert main(["--data-dir", str(tmp_path / "data"), "load", "-q", str(_article(tmp_path))]) == 0
    assert patterncache._compiler.compile is patterncache._original
    assert not patterncache._state


def test_the_outlet_alternation_is_one_text_in_every_process() -> None:
    """Patterns built from the data files are kept only if each process builds the same
    text: a set's order (it changes with the hash seed) must not order the aliases."""
    import subprocess
    import sys

    script = (
        "from app.loader.outlet_register import outlet_alias_pattern;print(outlet_alias_pattern().pattern)"
    )
    texts = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(texts) == 1
