"""Tables kept between processes (app/tablecache.py): the same table as built, never one
made from other inputs, and built again when the kept one cannot be read."""

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import tablecache
from app.entities import matcher


@pytest.fixture
def folder(tmp_path: Path) -> Iterator[Path]:
    tablecache.keep_in(tmp_path / "tables")
    yield tmp_path / "tables"
    tablecache.keep_in(None)


class Counted:
    """A table builder that counts its calls."""

    def __init__(self, value: object) -> None:
        self.value, self.calls = value, 0

    def __call__(self) -> object:
        self.calls += 1
        return self.value


def test_the_kept_alias_table_is_the_one_built(folder: Path) -> None:
    built = matcher._built_aliases()
    assert tablecache.cached("aliases", matcher._built_aliases) == built
    assert len(list(folder.glob("aliases-*.pickle"))) == 1
    never = Counted(())
    assert tablecache.cached("aliases", never) == built
    assert never.calls == 0


def test_a_table_made_from_other_inputs_is_not_read(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(tablecache.DATA_DIR, data)
    monkeypatch.setattr(tablecache, "DATA_DIR", data)
    tablecache._inputs_digest.cache_clear()
    first = Counted(("first",))
    assert tablecache.cached("table", first) == ("first",)
    # One data file changed: another key, so the table is built again, not read.
    register = sorted(data.glob("*.toml"))[0]
    register.write_text(register.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    tablecache._inputs_digest.cache_clear()
    second = Counted(("second",))
    assert tablecache.cached("table", second) == ("second",)
    assert second.calls == 1
    assert len(list(folder.glob("table-*.pickle"))) == 1
    tablecache._inputs_digest.cache_clear()


def test_a_calendar_table_is_built_again_when_the_loader_code_that_makes_it_changes(
    folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """app/loader/dates.py builds the calendar tables: a change there is a change of input."""
    app_copy = tmp_path / "app"
    shutil.copytree(tablecache.APP_DIR, app_copy, ignore=shutil.ignore_patterns("__pycache__", "locale"))
    monkeypatch.setattr(tablecache, "APP_DIR", app_copy)
    tablecache._inputs_digest.cache_clear()
    assert tablecache.cached("calendar", Counted(("first",))) == ("first",)
    dates = app_copy / "loader" / "dates.py"
    dates.write_text(dates.read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8")
    tablecache._inputs_digest.cache_clear()
    second = Counted(("second",))
    assert tablecache.cached("calendar", second) == ("second",)
    assert second.calls == 1
    tablecache._inputs_digest.cache_clear()


def test_a_kept_table_cut_short_is_built_again(folder: Path) -> None:
    assert tablecache.cached("table", Counted([1, 2, 3])) == [1, 2, 3]
    (kept,) = folder.glob("table-*.pickle")
    kept.write_bytes(kept.read_bytes()[:5])
    again = Counted([1, 2, 3])
    assert tablecache.cached("table", again) == [1, 2, 3]
    assert again.calls == 1
    assert tablecache.cached("table", Counted(None)) == [1, 2, 3]


def test_without_a_folder_every_call_builds(tmp_path: Path) -> None:
    tablecache.keep_in(None)
    built = Counted("x")
    assert tablecache.cached("table", built) == "x" and tablecache.cached("table", built) == "x"
    assert built.calls == 2


def test_the_kept_role_phrase_table_is_the_one_built(folder: Path) -> None:
    from app.entities import roles

    built = roles._built_phrases_by_first_key()
    assert tablecache.cached("role-phrases", roles._built_phrases_by_first_key) == built
    assert len(list(folder.glob("role-phrases-*.pickle"))) == 1
    never = Counted({})
    assert tablecache.cached("role-phrases", never) == built
    assert never.calls == 0
    roles._phrases_by_first_key.cache_clear()
    assert roles._phrases_by_first_key() == built
    roles._phrases_by_first_key.cache_clear()


def test_the_web_app_reads_the_tables_a_load_kept_and_writes_none(tmp_path: Path) -> None:
    """A worker's first search needs the alias table and the register's data files: it reads
    what a load of the same code kept in the archive's folder, and never writes there."""
    from app.build.layout import TABLES
    from app.datafiles import load_data
    from app.main import create_app
    from tests.conftest import make_settings

    data = tmp_path / "data"
    tablecache.keep_in(data / TABLES)  # as `archive load` does
    try:
        built = tablecache.cached("aliases", matcher._built_aliases)
        load_data("leaders.toml")
        kept = sorted(p.name for p in (data / TABLES).iterdir())
        create_app(make_settings(data, tables_dir=None))  # the archive's own folder, not the suite's
        never = Counted(())
        assert tablecache.cached("aliases", never) == built
        assert never.calls == 0
        # A table no load kept is built, and not written in the archive's folder.
        other = Counted(("other",))
        assert tablecache.cached("role-phrases", other) == ("other",)
        assert other.calls == 1
        load_data("roles.toml")
        assert sorted(p.name for p in (data / TABLES).iterdir()) == kept
    finally:
        tablecache.keep_in(None)
