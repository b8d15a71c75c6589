"""Dependencies point one way, and the web process never loads the loader's stack.

routes, middleware -> queries -> search -> build -> text, models
                                 search -> entities -> text -> datafiles
loader -> build, entities, text, models            (only the CLI imports the loader)
"""

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from app.config import Settings
from app.loader.pipeline import LoadReport

APP = Path(__file__).resolve().parent.parent / "app"

# A module may import from a unit of a lower rank, or from its own unit; never upward and
# never sideways (search and loader share a rank so neither can import the other).
RANKS = {
    "app": 0,  # the package itself: __version__
    "app.config": 0,
    "app.datafiles": 0,
    "app.tablecache": 1,  # tables derived from the data files, kept between processes
    "app.patterncache": 0,  # standard library only: compiled patterns kept between loads
    "app.urls": 0,
    "app.schemas": 0,
    "app.security_headers": 0,  # standard library only: the supervisor of several workers reads it
    "app.listening": 0,  # standard library only: workers unpickle it before anything else
    "app.models": 1,
    "app.text": 1,
    "app.i18n": 1,
    "app.entities": 2,
    "app.build": 3,
    "app.search": 4,
    "app.loader": 4,
    "app.queries": 5,
    "app.errors": 6,
    "app.deps": 6,
    "app.middleware": 7,
    "app.routes": 7,
    "app.serving": 8,
    "app.main": 9,
    "app.cli": 9,
}
LOADER_ALLOWED_FROM = {"app.cli", "app.loader"}
FORBIDDEN_IN_WEB = ("app.loader", "lingua", "natasha", "alembic")


def unit(module: str) -> str:
    """The unit a dotted module name belongs to: its package under app/, or the module."""
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else "app"


def module_name(path: Path) -> str:
    parts = path.relative_to(APP.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported(tree: ast.AST) -> list[tuple[int, str]]:
    """Every app module a file imports, at module level or inside a function."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "app":
                found += [(node.lineno, f"app.{alias.name}") for alias in node.names]
            else:
                found.append((node.lineno, node.module))
        elif isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
    return [(line, name) for line, name in found if name == "app" or name.startswith("app.")]


def test_every_unit_has_a_rank() -> None:
    units = {unit(module_name(path)) for path in APP.rglob("*.py")}
    assert units <= set(RANKS), f"give these a rank in RANKS: {sorted(units - set(RANKS))}"


def test_no_module_imports_upward() -> None:
    wrong = []
    for path in sorted(APP.rglob("*.py")):
        here = unit(module_name(path))
        for line, name in imported(ast.parse(path.read_text(encoding="utf-8"))):
            there = unit(name)
            if there == here or (name == "app.__version__" or there == "app.__version__"):
                continue
            if RANKS.get(there, 99) >= RANKS[here]:
                wrong.append(f"{path.relative_to(APP.parent)}:{line} {here} imports {name}")
            elif there == "app.loader" and here not in LOADER_ALLOWED_FROM:
                wrong.append(f"{path.relative_to(APP.parent)}:{line} {here} imports the loader ({name})")
    assert wrong == []


WEB_PROCESS = """
import json, os, sys
from fastapi.testclient import TestClient
from app.main import create_app
with TestClient(create_app()) as client:
    for path in ("/", "/articles?q=Токаев", "/api/search?q=Kazakhstan", "/leaders", "/countries",
                 "/api/articles", "/healthz"):
        assert client.get(path).status_code == 200, path
json.dump(sorted(sys.modules), sys.stdout)
"""


def test_the_web_process_never_imports_the_loader(seed_archive: tuple[Settings, LoadReport]) -> None:
    """`import app.main` and a few pages served load nothing of the loader, Lingua, natasha
    or Alembic: the web process starts faster and holds less."""
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(seed_archive[0].data_dir), "ARCHIVE_RESPONSE_CACHE": "0"}
    out = subprocess.run(
        [sys.executable, "-c", WEB_PROCESS],
        cwd=APP.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    modules = json.loads(out.stdout)
    loaded = [m for m in modules if any(m == f or m.startswith(f + ".") for f in FORBIDDEN_IN_WEB)]
    assert loaded == []
