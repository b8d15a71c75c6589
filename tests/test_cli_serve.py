"""`archive serve` as a person runs it: a real uvicorn on 127.0.0.1, several workers."""

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from app.build import layout as builds
from app.build.spare import wait_for_spares
from app.loader.pipeline import load
from tests.conftest import PROJECT_ROOT, SEED_IDS, SEEDS_DIR, free_port, make_settings, wait_until_up


def listening_sockets(port: int) -> set[str]:
    """The kernel's listening TCP sockets on `port` (IPv4), by inode: one per socket, however
    many processes hold it."""
    listening = set()
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local, state, inode = fields[1], fields[3], fields[9]
        if state == "0A" and int(local.split(":")[1], 16) == port:  # 0A: TCP_LISTEN
            listening.add(inode)
    return listening


@pytest.fixture(scope="module")
def seeds_built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The five seeds loaded once by the real loader, and the name of the build it published."""
    data = tmp_path_factory.mktemp("seeds") / "data"
    report = load([SEEDS_DIR], make_settings(data))
    assert report.published and report.build is not None
    wait_for_spares()
    return data, report.build.name


def copy_of(seeds_built: tuple[Path, str], target: Path) -> Path:
    """A private copy of the seeds archive (the `current` link is relative, so it moves)."""
    shutil.copytree(seeds_built[0], target, symlinks=True)
    return target


def serve_two_workers(
    data: Path, port: int, output: Any = subprocess.PIPE, env: dict[str, str] | None = None
) -> "subprocess.Popen[str]":
    """`archive serve` with two workers on 127.0.0.1:`port`, in a session of its own (so that
    its workers can be killed with it). `output`: where the server writes its log."""
    command = [sys.executable, "-m", "app.cli", "--data-dir", str(data), "serve"]
    return subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )


def test_serve_answers_from_the_data_dir_it_is_given_in_every_worker(
    tmp_path: Path, seeds_built: tuple[Path, str]
) -> None:
    data = copy_of(seeds_built, tmp_path / "loaded")
    # The environment names another, empty archive: --data-dir must win over it.
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(tmp_path / "empty")}
    port = free_port()
    process = serve_two_workers(data, port, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process)
        # Each worker listens on a socket of its own: the kernel spreads connections over
        # them (one shared socket went to whichever worker woke first).
        deadline = time.monotonic() + 30  # the second worker may start a little later
        while len(listening_sockets(port)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(listening_sockets(port)) == 2
        # A new connection each time, so the kernel hands requests to both workers.
        answers = [httpx.get(f"{base}/healthz", timeout=10).json() for _ in range(20)]
        assert answers == [{"status": "ok", "build": seeds_built[1]}] * 20
        assert httpx.get(f"{base}/api/articles", timeout=10).json()["total"] == 5
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        log, _ = process.communicate(timeout=30)
    assert log.count("Started server process") == 2, log


@contextmanager
def traffic(base: str, statuses: Counter[int | str]) -> Iterator[None]:
    """Two readers asking for pages, searches and the API until the block ends, each at most
    every 20 ms: hundreds of requests straddle each load, and the readers do not take the
    cores the loads and the workers need (unpaced, they took two for the whole test)."""
    stop = threading.Event()
    paths = ["/healthz", "/api/search?q=Токаев", "/api/articles", f"/en/articles/{SEED_IDS['002']}", "/en/"]

    def read() -> None:
        with httpx.Client(base_url=base, timeout=30) as client:
            while not stop.is_set():
                for path in paths:
                    try:
                        statuses[client.get(path).status_code] += 1
                    except httpx.HTTPError as exc:
                        statuses[type(exc).__name__] += 1
                    stop.wait(0.02)

    readers = [threading.Thread(target=read) for _ in range(2)]
    for reader in readers:
        reader.start()
    try:
        yield
    finally:
        stop.set()
        for reader in readers:
            reader.join(timeout=60)


def test_loads_under_traffic_never_fail_a_request(tmp_path: Path) -> None:
    """Each load publishes a new build and prunes old ones while two workers answer: no
    request may find its build deleted under it (ARCHIVE_KEEP_BUILDS below 2 gave 500s)."""
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    data = tmp_path / "data"
    assert load([corpus], make_settings(data)).published
    port = free_port()
    # The access log goes to a file: a pipe nobody reads fills up and stalls the server.
    log = (tmp_path / "server.log").open("w")
    server = serve_two_workers(data, port, log)
    base = f"http://127.0.0.1:{port}"
    statuses: Counter[int | str] = Counter()
    published = []
    try:
        wait_until_up(f"{base}/healthz", server)
        with traffic(base, statuses):
            for round_ in range(4):
                (corpus / "changing.txt").write_text(
                    f"Министр встретился с послом, раунд {round_}\n\nСтороны обсудили визит номер {round_}.\n"
                )
                # A process of its own: a load in this process holds the GIL and starves
                # the reader threads, so few requests would straddle a prune.
                done = subprocess.run(
                    [sys.executable, "-m", "app.cli", "--data-dir", str(data), "load", "-q", str(corpus)],
                    cwd=PROJECT_ROOT,
                    capture_output=True,
                    text=True,
                    timeout=120,
                )
                assert done.returncode == 0, done.stderr
                published.append(done.stdout.strip().rsplit(" ", 1)[-1])
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        log.close()
    assert len(set(published)) == 4
    errors = [line for line in (tmp_path / "server.log").read_text().splitlines() if "Error" in line]
    assert set(statuses) == {200} and statuses[200] > 20, (statuses, errors[-20:])
    assert sorted(p.name for p in (data / builds.BUILDS).iterdir()) == published[-2:]


def test_a_second_serve_on_a_port_in_use_says_so_and_stops(tmp_path: Path) -> None:
    """Workers listen with SO_REUSEPORT, which would let a second `archive serve` of the same
    user bind the port beside the first and take half its connections, silently."""
    import socket

    port = free_port()
    # What the first server's workers hold: listeners that allow others with SO_REUSEPORT.
    first = socket.socket()
    first.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    first.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    first.bind(("127.0.0.1", port))
    first.listen()
    try:
        command = [sys.executable, "-m", "app.cli", "--data-dir", str(tmp_path), "serve"]
        second = subprocess.run(
            [*command, "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
    finally:
        first.close()
    assert second.returncode == 3, second.stderr
    assert "in use" in second.stderr + second.stdout


def _workers(supervisor: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{supervisor}/task/{supervisor}/children").read_text().split()]


def test_workers_are_forked_from_a_supervisor_that_imported_the_app_and_replaced_the_same_way(
    tmp_path: Path, seeds_built: tuple[Path, str]
) -> None:
    """The supervisor imports the app once and forks its workers (a spawned worker runs
    `python -c 'from multiprocessing.spawn import spawn_main …'` and imports it all again);
    a worker killed is replaced by another fork, which answers from its own listener."""
    data = copy_of(seeds_built, tmp_path / "loaded")
    port = free_port()
    process = serve_two_workers(data, port)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process)
        deadline = time.monotonic() + 30
        while len(listening_sockets(port)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        workers = _workers(process.pid)
        assert len(workers) == 2
        supervisor = Path(f"/proc/{process.pid}/cmdline").read_bytes()
        for worker in workers:
            assert Path(f"/proc/{worker}/cmdline").read_bytes() == supervisor
        os.kill(workers[0], signal.SIGKILL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            now = _workers(process.pid)
            if len(now) == 2 and workers[0] not in now and len(listening_sockets(port)) == 2:
                break
            time.sleep(0.2)
        replaced = [w for w in _workers(process.pid) if w != workers[1]]
        assert len(replaced) == 1 and replaced[0] != workers[0]
        assert Path(f"/proc/{replaced[0]}/cmdline").read_bytes() == supervisor
        answers = [httpx.get(f"{base}/api/articles", timeout=30).json()["total"] for _ in range(10)]
        assert answers == [5] * 10
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        log, _ = process.communicate(timeout=30)
    assert log.count("Started server process") == 3, log
