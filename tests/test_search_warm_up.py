"""A worker's warm-up (app.main) runs a real search and renders every language's results
page before any reader asks, so that the first reader's page pays for nothing the later
ones do not: facet labels, month names and locale data in each language, the template, the
search's own tables."""

import logging
import threading

import pytest
from fastapi.testclient import TestClient

from app import main
from app.build.archive import Archive
from app.config import Settings
from app.loader.pipeline import LoadReport
from app.main import WARM_UP_QUERY, create_app
from app.text.morphology import LANGUAGES


def warmed(settings: Settings) -> Archive:
    """The served archive of a fresh app once its warm-up thread has ended."""
    with TestClient(create_app(settings)) as client:
        for thread in threading.enumerate():
            if thread.name == "warm-up":
                thread.join(timeout=120)
        archive: Archive | None = client.app.state.registry.get()  # type: ignore[attr-defined]
        assert archive is not None
        return archive


def test_the_warm_up_reads_what_a_results_page_reads_in_every_language(
    seed_archive: tuple[Settings, LoadReport], caplog: pytest.LogCaptureFixture
) -> None:
    settings, _ = seed_archive
    with caplog.at_level(logging.WARNING, logger="app.main"):
        archive = warmed(settings)
    assert not [r for r in caplog.records if "warm-up" in r.getMessage()]
    for lang in LANGUAGES:
        assert ("facet labels", lang) in archive._once, lang
        assert ("month labels", lang) in archive._once, lang
    # The search itself ran (its answer is cached), and found something to mark in snippets.
    answers = [value for key, (value, _) in archive.cache._entries.items() if key[0] == WARM_UP_QUERY]
    assert answers and all(answer.total > 0 for answer in answers)


def test_the_warm_ups_pages_wait_for_the_first_answer(
    seed_archive: tuple[Settings, LoadReport], monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a search needs is read at once; the pages are rendered only once the worker has
    answered (or after WARM_UP_PAUSE): rendered at once they took the first reader's CPU."""
    settings, _ = seed_archive
    monkeypatch.setattr(main, "WARM_UP_PAUSE", 600)
    running = set(threading.enumerate())  # other apps' warm-ups may still run
    with TestClient(create_app(settings)) as client:
        (thread,) = [t for t in threading.enumerate() if t.name == "warm-up" and t not in running]
        thread.join(timeout=3)
        assert thread.is_alive()
        archive: Archive | None = client.app.state.registry.get()  # type: ignore[attr-defined]
        assert archive is not None
        assert not any(("facet labels", lang) in archive._once for lang in LANGUAGES)
        assert client.get("/healthz").status_code == 200
        thread.join(timeout=120)
        assert not thread.is_alive()
        assert all(("facet labels", lang) in archive._once for lang in LANGUAGES)
