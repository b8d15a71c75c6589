"""`archive serve` as a person runs it: a real uvicorn on 127.0.0.1, several workers."""

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx

from app.loader.pipeline import load
from tests.conftest import PROJECT_ROOT, SEEDS_DIR, free_port, make_settings, wait_until_up


def test_serve_answers_from_the_data_dir_it_is_given_in_every_worker(tmp_path: Path) -> None:
    data = tmp_path / "loaded"
    report = load([SEEDS_DIR], make_settings(data))
    assert report.published and report.build is not None
    # The environment names another, empty archive: --data-dir must win over it.
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(tmp_path / "empty")}
    port = free_port()
    command = [sys.executable, "-m", "app.cli", "--data-dir", str(data), "serve"]
    process = subprocess.Popen(
        [*command, "--host", "127.0.0.1", "--port", str(port), "--workers", "2"],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process)
        # A new connection each time, so the kernel hands requests to both workers.
        answers = [httpx.get(f"{base}/healthz", timeout=10).json() for _ in range(20)]
        assert answers == [{"status": "ok", "build": report.build.name}] * 20
        assert httpx.get(f"{base}/api/articles", timeout=10).json()["total"] == 5
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        log, _ = process.communicate(timeout=30)
    assert log.count("Started server process") == 2, log
