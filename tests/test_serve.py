"""End to end: `archive serve` under a real uvicorn on 127.0.0.1, and the home page in-process."""

from pathlib import Path

import httpx


def test_archive_serve_serves_the_five_seed_articles(live_server: str) -> None:
    health = httpx.get(f"{live_server}/healthz")
    assert health.status_code == 200
    assert health.json()["status"] == "ok"
    home = httpx.get(f"{live_server}/", follow_redirects=True)  # to /en/, the default language
    assert home.status_code == 200
    assert home.headers["content-type"].startswith("text/html")
    assert home.text.count('class="article"') == 5
    assert "Спикер Сената встретился с министром иностранных дел Израиля" in home.text
    assert "date unknown" in home.text
    api = httpx.get(f"{live_server}/api/articles").json()
    assert api["total"] == 5


def test_empty_data_dir_gives_503_not_500(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from app.main import create_app
    from tests.conftest import make_settings

    with TestClient(create_app(make_settings(tmp_path / "nothing"))) as empty:
        assert empty.get("/healthz").status_code == 503
        response = empty.get("/en/")
        assert response.status_code == 503
        assert "archive load" in response.text
