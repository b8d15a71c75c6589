"""Serving at scale: a worker's caches stay within their bounds however many distinct
requests come, a fresh server's first search is already the right answer, and the default
of one worker per core answers exactly as one worker does."""

import itertools
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
from fastapi.testclient import TestClient

from app.build.archive import CACHE_ENTRIES, ResultCache
from app.config import Settings
from app.entities import matcher
from app.loader.pipeline import LoadReport
from app.main import create_app
from app.serving import MAX_DEFAULT_WORKERS, default_workers, limit_malloc_arenas
from tests.conftest import PROJECT_ROOT, SEED_IDS, free_port

# Searches whose answers differ from one another on the seed archive, and pages of each kind.
SEARCHES = ["Токаев", "Израиль", "Tokayev", '"министром иностранных"', "Қазақстан OR Israel", "токаев*"]
PAGES = [
    "/api/search?q=" + quote(SEARCHES[0]),
    "/en/articles?q=" + quote(SEARCHES[1]),
    f"/en/articles/{SEED_IDS['002']}",
    f"/api/articles/{SEED_IDS['000']}",
    "/api/leaders",
    "/ru/",
]


def test_the_result_cache_keeps_to_its_count_and_weight() -> None:
    cache = ResultCache(5, max_weight=100, weigh=len)
    for i in range(1000):
        cache.put(i, b"x" * (i % 40 + 1))
        assert len(cache) <= 5 and cache.weight <= 100
    kept = [key for key in range(1000) if cache.get(key) is not None]
    assert kept and kept == list(range(1000 - len(kept), 1000))  # the most recent ones
    assert cache.weight == sum(key % 40 + 1 for key in kept)
    cache.put("too heavy", b"x" * 101)  # heavier than the whole bound: not kept, nothing dropped
    assert cache.get("too heavy") is None and [k for k in kept if cache.get(k) is not None] == kept
    cache.put(kept[-1], b"y")  # replaced, not counted twice
    assert cache.get(kept[-1]) == b"y" and cache.weight == sum(key % 40 + 1 for key in kept[:-1]) + 1


def test_a_worker_s_caches_stay_bounded_after_many_distinct_requests(
    seed_archive: tuple[Settings, LoadReport],
) -> None:
    """More distinct searches than the result cache holds, and whole answers far heavier in
    all than their 1 MB bound: neither cache ever passes its bound, and an answer replayed
    from either is the fresh one."""
    settings = seed_archive[0].model_copy(update={"response_cache": 10_000, "response_cache_mb": 1})
    paths = [f"/en/articles?q=Токаев&limit={limit}" for limit in range(1, 101)]
    paths += [f"/api/search?q={quote(word)}{n}" for n in range(CACHE_ENTRIES) for word in ("nothing",)]
    paths += [
        f"/{lang}/articles/{article_id}" for lang in ("kk", "ru", "en") for article_id in SEED_IDS.values()
    ]
    with TestClient(create_app(settings)) as client, TestClient(create_app(seed_archive[0])) as fresh:
        archive = client.app.state.registry.get()
        weighed = 0
        for path in paths:
            answer = client.get(path)
            assert answer.status_code == 200, path
            weighed += len(answer.content)
            assert len(archive.cache) <= CACHE_ENTRIES
            assert len(archive.responses) and archive.responses.weight <= 1024 * 1024
        assert weighed > 2 * 1024 * 1024  # the weight bound, not the count, did the work
        assert len(archive.responses) < len(paths)
        for path in paths[-5:]:
            assert client.get(path).content == fresh.get(path).content, path


def test_a_per_build_value_is_computed_by_one_thread_while_the_others_wait(
    seed_archive: tuple[Settings, LoadReport],
) -> None:
    """The first requests of a fresh worker arrive together; the event index (seconds and
    about 100 MB at 100k articles) must be built once, not by each of them."""
    import threading

    from app.build import layout as builds
    from app.build.archive import open_archive

    build = builds.current_build(seed_archive[0].data_dir)
    assert build is not None
    archive = open_archive(build)
    calls: list[int] = []
    start = threading.Barrier(8)

    def slow() -> list[int]:
        calls.append(1)
        time.sleep(0.2)
        return [len(calls)]

    answers: list[list[int]] = []

    def ask() -> None:
        start.wait()
        answers.append(archive.once("slow", slow))

    threads = [threading.Thread(target=ask) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(calls) == 1 and answers == [[1]] * 8


def test_the_one_word_entity_table_is_the_aliases_one() -> None:
    """The table a query word's entities come from is read from the aliases as written
    (no morphology, so a worker's first search does not wait for every alias's keys);
    it is the same table as reading it from the full aliases."""
    expected: dict[str, set[tuple[str, str]]] = {}
    for alias in matcher.all_aliases():
        if len(alias.tokens) == 1 and alias.kind != "demonym":
            expected.setdefault(matcher._nominative_key(alias.text), set()).add(
                (alias.entity_type, alias.key)
            )
    table = matcher._single_word_entities()
    for key, entities in expected.items():
        assert entities <= table[key], key
    extra = {key for key in table if key not in expected}
    # Only abbreviations, which are not aliases, add keys of their own.
    abbreviations = {
        matcher._nominative_key(a)
        for entry in (*matcher.countries().values(), *matcher.organisations().values())
        for a in entry.abbreviations
    }
    assert extra <= abbreviations


def test_default_workers_is_one_per_usable_core_within_the_cap() -> None:
    assert default_workers() == min(len(os.sched_getaffinity(0)), MAX_DEFAULT_WORKERS)
    assert limit_malloc_arenas() is True  # glibc: the arena limit took


def first_answer(url: str, params: dict[str, str], process: subprocess.Popen[bytes]) -> httpx.Response:
    """The first answer a starting server gives to this request, asked until it answers."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert process.poll() is None, "the server stopped"
        try:
            return httpx.get(url, params=params, timeout=30)
        except httpx.TransportError:
            time.sleep(0.05)
    raise AssertionError("no answer within 60 s")


def test_a_fresh_server_s_first_search_and_every_worker_answer_alike(
    seed_archive: tuple[Settings, LoadReport], tmp_path: Path
) -> None:
    """`archive serve` with its default workers on 127.0.0.1: the very first request is a
    search (no warm-up waited for), and on new connections, which the kernel spreads over
    the workers, every answer equals the in-process one."""
    settings = seed_archive[0]
    with TestClient(create_app(settings)) as local:
        expected = {path: local.get(path).content for path in PAGES}
        searches = {text: local.get("/api/search", params={"q": text}).json() for text in SEARCHES}
    assert all(answer["total"] for answer in searches.values())
    port = free_port()
    env = {**os.environ, "ARCHIVE_DATA_DIR": str(settings.data_dir)}
    env.pop("ARCHIVE_WORKERS", None)
    log_path = tmp_path / "server.log"
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "app.cli", "serve", "--host", "127.0.0.1", "--port", str(port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        first = first_answer(f"{base}/api/search", {"q": SEARCHES[0]}, process)
        assert first.status_code == 200 and first.json() == searches[SEARCHES[0]]
        for _ in range(3):
            for text, answer in searches.items():
                assert httpx.get(f"{base}/api/search", params={"q": text}, timeout=30).json() == answer, text
            for path, body in expected.items():
                assert httpx.get(base + path, timeout=30).content == body, path
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    assert log_path.read_text(encoding="utf-8").count("Started server process") == default_workers()


def test_postings_read_on_demand_are_the_arrays_on_disk(seed_archive: tuple[Settings, LoadReport]) -> None:
    """Every slice a search takes of the large postings arrays (read by pread, not mapped)
    is the array's own, empty and whole ones included; nothing else is read."""
    import random

    import numpy as np
    import pytest

    from app.build import layout as builds
    from app.build.postings import ReadOnDemand, segment_dirs

    build = builds.current_build(seed_archive[0].data_dir)
    assert build is not None
    rng = random.Random(7)
    for folder, _ in segment_dirs(build):
        for name in ("docs", "weights", "positions", "position_offsets"):
            whole = np.load(folder / f"{name}.npy")
            lazy = ReadOnDemand(folder / f"{name}.npy")
            assert len(lazy) == len(whole) and lazy.dtype == whole.dtype
            cuts = [(0, len(whole)), (0, 0), (len(whole), len(whole)), (len(whole) - 1, len(whole) + 5)]
            cuts += [tuple(sorted(rng.sample(range(len(whole) + 1), 2))) for _ in range(50)]
            for low, high in cuts:
                assert np.array_equal(lazy[low:high], whole[low:high]), (name, low, high)
            with pytest.raises(IndexError):
                lazy[::2]


def test_the_event_index_shares_the_values_events_repeat(seed_archive: tuple[Settings, LoadReport]) -> None:
    """Every worker keeps the event index for the build's life: one kind, leader, country,
    language or date is one string however many events name it, equal tuples are one
    tuple, and an event has no per-instance dict."""
    from sqlmodel import Session

    from app.build.archive import ArchiveRegistry
    from app.queries.events import event_index

    settings, _ = seed_archive
    archive = ArchiveRegistry(settings.data_dir).get()
    assert archive is not None
    with Session(archive.engine) as session:
        index = event_index(session)
    assert all(not hasattr(event, "__dict__") for event in index)
    shared = 0
    for a, b in itertools.combinations(index, 2):
        for name in ("kind", "participants", "countries", "languages", "date"):
            if getattr(a, name) and getattr(a, name) == getattr(b, name):
                assert getattr(a, name) is getattr(b, name), name
                shared += 1
        for x, y in itertools.product(a.participants, b.participants):
            if x == y:
                assert x is y
                shared += 1
    assert shared >= 3  # the seeds' events do repeat values
