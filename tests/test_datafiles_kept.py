"""Rule files kept parsed between processes (app/datafiles.py `keep_parsed_in`): what a kept
copy gives is what the TOML file parses to, a copy of another version of the file is never
read, and `archive load` keeps every rule file it reads in its tables folder."""

import pickle
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import datafiles
from app.build.layout import TABLES
from app.config import Settings, tables_folder
from app.datafiles import DATA_DIR, keep_parsed_in, load_data
from tests.conftest import own_tables


@pytest.fixture
def kept(tmp_path: Path) -> Iterator[Path]:
    keep_parsed_in(tmp_path)
    yield tmp_path
    keep_parsed_in(None)


def _parsed(name: str) -> dict[str, object]:
    return tomllib.loads((DATA_DIR / name).read_text(encoding="utf-8"))


def test_a_kept_file_gives_what_the_toml_parses_to_and_is_read_the_next_time(kept: Path) -> None:
    assert load_data("layout.toml") == _parsed("layout.toml")
    (copy,) = kept.glob("data-layout.toml-*.pickle")
    assert pickle.loads(copy.read_bytes()) == _parsed("layout.toml")
    # Read from the copy from now on: a marker written into it comes back.
    copy.write_bytes(pickle.dumps({"marker": True}))
    assert load_data("layout.toml") == {"marker": True}


def test_a_copy_cut_short_is_parsed_past(kept: Path) -> None:
    load_data("dates.toml")
    (copy,) = kept.glob("data-dates.toml-*.pickle")
    copy.write_bytes(copy.read_bytes()[:10])
    assert load_data("dates.toml") == _parsed("dates.toml")


def test_a_copy_of_another_version_of_the_file_is_never_read(kept: Path, tmp_path: Path) -> None:
    """The copy's name carries a hash of the file's bytes: an edited rule file finds none."""
    load_data("dates.toml")
    (copy,) = kept.glob("data-dates.toml-*.pickle")
    stale = copy.with_name("data-dates.toml-0000000000000000.pickle")
    copy.rename(stale)
    stale.write_bytes(pickle.dumps({"stale": True}))
    assert load_data("dates.toml") == _parsed("dates.toml")
    assert not stale.exists()


def test_without_a_folder_nothing_is_kept(tmp_path: Path) -> None:
    assert not datafiles._kept
    assert load_data("layout.toml") == _parsed("layout.toml")
    assert not list(tmp_path.iterdir())


def test_archive_load_in_a_fresh_process_keeps_the_rule_files_it_read(tmp_path: Path) -> None:
    """In the folder ARCHIVE_TABLES_DIR names when it is set (the data folder's tables/ when
    not: tests/test_patterncache.py and test_load_imports.py load so), and nowhere else."""
    article = tmp_path / "in" / "visit.txt"
    article.parent.mkdir()
    article.write_text(
        "Переговоры в Астане\n\n12 марта 2021 года состоялись переговоры о сотрудничестве.\n",
        encoding="utf-8",
    )
    data, tables = tmp_path / "data", tmp_path / "tables of several archives"
    command = [sys.executable, "-m", "app.cli", "--data-dir", str(data), "load", "-q", str(article)]
    env = {**own_tables(), "ARCHIVE_TABLES_DIR": str(tables)}
    subprocess.run(command, check=True, capture_output=True, cwd=Path(__file__).parents[1], env=env)
    kept = {p.name.rsplit("-", 1)[0].removeprefix("data-") for p in tables.glob("data-*.pickle")}
    assert {"boilerplate.toml", "layout.toml", "dates.toml", "event_grouping.toml"} <= kept
    assert list(tables.glob("patterns-*.pickle")) and list(tables.glob("aliases-*.pickle"))
    assert not (data / TABLES).exists()
    assert tables_folder(Settings(data_dir=data, tables_dir=None)) == data / TABLES


def test_a_kept_copy_is_readable_by_a_web_process_of_another_user(kept: Path) -> None:
    """The image loads as root and serves as a user who cannot write /srv: a private copy
    would be parsed again by every worker."""
    load_data("folding.toml")
    (copy,) = kept.glob("data-folding.toml-*.pickle")
    assert copy.stat().st_mode & 0o777 == 0o644
