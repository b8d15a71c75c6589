"""The schema comes from Alembic only, and the migrations match the models."""

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect
from sqlmodel import SQLModel

from app.loader.store import migrate, writer_engine


def test_upgrade_head_creates_the_tables(tmp_path: Path) -> None:
    engine = writer_engine(tmp_path / "a.sqlite")
    migrate(engine)
    assert {"article", "load_run", "alembic_version"} <= set(inspect(engine).get_table_names())


def test_models_and_migrations_agree(tmp_path: Path) -> None:
    engine = writer_engine(tmp_path / "b.sqlite")
    migrate(engine)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    assert diff == []


def test_migrating_twice_is_a_no_op(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite"
    migrate(writer_engine(path))
    migrate(writer_engine(path))
    engine = create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_revision() == "0010"


def test_the_head_the_web_process_reads_is_alembics() -> None:
    """The served archive's check reads the head from the migration files without Alembic."""
    from alembic.script import ScriptDirectory

    from app.build.sqlite import head_revision
    from app.loader.store import _alembic_config

    assert head_revision() == ScriptDirectory.from_config(_alembic_config()).get_current_head()
