"""Whole answers replayed from memory are the answers themselves: same bytes, same headers
(security ones included), same ETag, and never carried over to another build."""

import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.loader.pipeline import load
from app.main import create_app
from tests.conftest import SEED_IDS, SEEDS_DIR, make_settings, warmed_up

PATHS = [
    "/",
    f"/articles/{SEED_IDS['002']}",
    "/articles?q=Токаев",
    "/api/search?q=Токаев",
    f"/api/articles/{SEED_IDS['000']}",
    "/leaders",
    "/feeds/articles.atom",
]

HEADERS = ("content-type", "etag", "x-archive-build", "content-security-policy", "cache-control")


def test_replayed_answers_equal_fresh_ones(seed_archive) -> None:
    settings, _ = seed_archive
    with (
        TestClient(create_app(settings.model_copy(update={"response_cache": 64}))) as cached,
        TestClient(create_app(settings)) as fresh,
    ):
        warmed_up(cached)
        for path in PATHS:
            first, again, plain = cached.get(path), cached.get(path), fresh.get(path)
            assert first.status_code == again.status_code == plain.status_code == 200, path
            assert first.content == again.content == plain.content, path
            for name in (
                "content-type",
                "etag",
                "x-archive-build",
                "content-security-policy",
                "cache-control",
            ):
                assert first.headers[name] == again.headers[name] == plain.headers[name], (path, name)
            assert cached.get(path, headers={"If-None-Match": first.headers["etag"]}).status_code == 304
        registry = cached.app.state.registry
        assert len(registry.get().responses._entries) == len(PATHS)


def test_errors_and_exports_are_not_kept(seed_archive) -> None:
    settings, _ = seed_archive
    with TestClient(create_app(settings.model_copy(update={"response_cache": 64}))) as client:
        warmed_up(client)
        assert client.get("/articles/no-such-article").status_code == 404
        assert client.get("/export/articles.csv").status_code == 200
        assert client.app.state.registry.get().responses._entries == {}


@pytest.mark.parametrize("path", ["/", "/api/articles"])
def test_a_new_build_is_not_answered_from_the_old_builds_memory(tmp_path: Path, path: str) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in sorted(SEEDS_DIR.iterdir())[:3]:
        shutil.copy(name, corpus)
    settings = make_settings(tmp_path / "data", response_cache=64)
    assert load([corpus], settings).published
    with TestClient(create_app(settings)) as client:
        before = client.get(path)
        for name in sorted(SEEDS_DIR.iterdir())[3:]:
            shutil.copy(name, corpus)
        assert load([corpus], settings).published
        after = client.get(path)
        assert after.headers["x-archive-build"] != before.headers["x-archive-build"]
        assert after.headers["etag"] != before.headers["etag"]
        assert after.content != before.content
