"""End to end: `archive serve` under a real uvicorn on 127.0.0.1, and the home page in-process."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.conftest import PROJECT_ROOT


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process: subprocess.Popen, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited early: {process.stdout.read() if process.stdout else ''}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise AssertionError(f"server did not answer within {seconds}s")


def test_archive_serve_serves_the_five_seed_articles(seed_archive) -> None:
    settings, _ = seed_archive
    port = free_port()
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(settings.data_dir)}
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(f"{base}/healthz", process)
        health = httpx.get(f"{base}/healthz")
        assert health.status_code == 200
        assert health.json()["status"] == "ok"
        home = httpx.get(f"{base}/")
        assert home.status_code == 200
        assert home.headers["content-type"].startswith("text/html")
        assert home.text.count('class="article"') == 5
        assert "Спикер Сената встретился с министром иностранных дел Израиля" in home.text
        assert "date unknown" in home.text
    finally:
        process.terminate()
        process.communicate(timeout=10)


def test_empty_data_dir_gives_503_not_500(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app
    from tests.conftest import make_settings

    with TestClient(create_app(make_settings(tmp_path / "nothing"))) as empty:
        assert empty.get("/healthz").status_code == 503
        response = empty.get("/")
        assert response.status_code == 503
        assert "archive load" in response.text
