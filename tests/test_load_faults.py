"""Loads that go wrong, as they go wrong in production: `archive load` killed with SIGKILL at
each stage, two loads at once, a full disk, a read-only data directory, a directory of bad
files. Every load here is a real process writing real SQLite and Whoosh files; after each
fault the previous archive must still be served, whole, and the next load must publish.
"""

import codecs
import errno
import io
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, suppress
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient
from whoosh import index as whoosh_index

from app.build import layout as builds
from app.build import postings
from app.build.spare import SPARE_DIR, wait_for_spares
from app.loader.index import PARALLEL_MIN_DOCUMENTS
from app.loader.pipeline import PARALLEL_MIN_FILES, load
from app.main import create_app
from bench.corpus import write_corpus
from tests.conftest import PROJECT_ROOT, SEED_IDS, SEEDS_DIR, make_settings, seed_path

# Enough files that a load parses them in a pool of processes (so "parsing" can be seen),
# and that each later stage lasts long enough to be seen on disk.
SYNTHETIC = PARALLEL_MIN_FILES
# What a load that must only get through (to its swap, past a lock) loads: the size is not
# what those tests are about, and a small load is cheap.
FEW = 8
# Enough documents that a first load indexes in several processes (Whoosh's MpWriter).
BIG = PARALLEL_MIN_DOCUMENTS + 20
LOAD_SECONDS = 120
# Runs `archive load` and SIGKILLs itself at the moment `current` would be swapped: after
# the build is renamed to its final name, before the link points at it. That moment lasts
# microseconds, too short to hit from outside; this wrapper lives in the test, not in app/.
KILL_BEFORE_SWAP = """
import os, signal, sys
real_replace = os.replace
def replace(src, dst, *args, **kwargs):
    if os.path.basename(os.fspath(dst)) == "current":
        os.kill(os.getpid(), signal.SIGKILL)
    return real_replace(src, dst, *args, **kwargs)
os.replace = replace
from app.cli import main
sys.exit(main(sys.argv[1:]))
"""


@pytest.fixture(scope="module")
def base_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive being served before each fault: the five seeds, built once."""
    data = tmp_path_factory.mktemp("base") / "data"
    assert load([SEEDS_DIR], make_settings(data)).published
    wait_for_spares()
    return data


def seeds_and_synthetic(target: Path, count: int) -> Path:
    write_corpus(target, count)
    for number in SEED_IDS:
        shutil.copy(seed_path(number), target)
    return target


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus synthetic articles: what the faulty loads try to load."""
    return seeds_and_synthetic(tmp_path_factory.mktemp("corpus") / "corpus", SYNTHETIC)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds plus FEW synthetic articles: for loads that only have to get through."""
    return seeds_and_synthetic(tmp_path_factory.mktemp("small-corpus") / "corpus", FEW)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """BIG synthetic articles, written once: tests only read it (or copy it to add a file)."""
    target = tmp_path_factory.mktemp("big-corpus") / "big"
    write_corpus(target, BIG)
    return target


@pytest.fixture
def data(base_data: Path, tmp_path: Path) -> Path:
    """A private copy of the served archive (the `current` link is relative, so it moves)."""
    target = tmp_path / "data"
    shutil.copytree(base_data, target, symlinks=True)
    return target


def served_build(data_dir: Path) -> str:
    build = builds.current_build(data_dir)
    assert build is not None, f"nothing served in {data_dir}"
    return build.name


def assert_serves(data_dir: Path, build: str, articles: int) -> None:
    """What a reader checks: the same build is served, SQLite is whole, pages and search work."""
    assert served_build(data_dir) == build
    db_path = builds.current_build(data_dir) / builds.DB_NAME  # type: ignore[operator]
    with closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as db:
        assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert db.execute("SELECT count(*) FROM article").fetchone() == (articles,)
    with TestClient(create_app(make_settings(data_dir))) as client:
        assert client.get("/healthz").json() == {"status": "ok", "build": build}
        assert client.get("/api/articles").json()["total"] == articles
        hits = client.get("/api/search", params={"q": "Кнессетом"}).json()["items"]
        assert [hit["article"]["id"] for hit in hits] == [SEED_IDS["002"]]
        assert client.get(f"/articles/{SEED_IDS['000']}").status_code == 200


def load_command(data_dir: Path, *paths: Path) -> list[str]:
    return [sys.executable, "-m", "app.cli", "--data-dir", str(data_dir), "load", "-q", *map(str, paths)]


def load_env() -> dict[str, str]:
    # Two parse workers even on a one-core machine, so the parsing stage has a pool to see.
    return {**os.environ, "ARCHIVE_LOAD_WORKERS": "2"}


@pytest.fixture
def loads() -> Iterator[list[subprocess.Popen[str]]]:
    """Loads a test starts; any still running when it ends (a failed assertion) are killed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        # The whole group, even when the load itself has ended: what it forked may not have.
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate(timeout=30)


def start(command: list[str], loads: list[subprocess.Popen[str]]) -> subprocess.Popen[str]:
    """A load in its own process group, so SIGKILL reaches its parse workers too."""
    process = subprocess.Popen(
        command,
        cwd=PROJECT_ROOT,
        env=load_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    loads.append(process)
    return process


def run_load(data_dir: Path, *paths: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        load_command(data_dir, *paths),
        cwd=PROJECT_ROOT,
        env={**load_env(), **env},
        capture_output=True,
        text=True,
        timeout=LOAD_SECONDS,
    )


def wait_for(process: subprocess.Popen[str], reached: Callable[[], bool], stage: str) -> None:
    """Poll (every 2 ms, for at most LOAD_SECONDS) until the load reaches a stage."""
    deadline = time.monotonic() + LOAD_SECONDS
    while time.monotonic() < deadline:
        if reached():
            return
        if process.poll() is not None:
            out, err = process.communicate()
            raise AssertionError(f"the load ended (exit {process.returncode}) before {stage}: {out}{err}")
        time.sleep(0.002)
    raise AssertionError(f"the load did not reach {stage} within {LOAD_SECONDS}s")


def kill(process: subprocess.Popen[str]) -> None:
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    assert process.returncode == -signal.SIGKILL


def unpublished(data_dir: Path) -> list[Path]:
    return sorted((data_dir / builds.BUILDS).glob("*.tmp"))


def parse_workers_running(pid: int) -> bool:
    children = Path(f"/proc/{pid}/task/{pid}/children")
    return children.exists() and bool(children.read_text().split())


def in_unpublished(data_dir: Path, present: str, absent: str = "") -> bool:
    """An unpublished build holds `present` (and not yet `absent`)."""
    return any(
        (b / present).exists() and not (absent and (b / absent).exists()) for b in unpublished(data_dir)
    )


STAGES: dict[str, Callable[[int, Path], bool]] = {
    # A pool and no write transaction yet is parsing (the new build's copy of the served one
    # may be under way meanwhile: pipeline.load copies ahead).
    "parsing": lambda pid, data: (
        parse_workers_running(pid) and not in_unpublished(data, "archive.sqlite-journal")
    ),
    # A rollback journal beside the new SQLite file: a write transaction is open.
    "sqlite write": lambda pid, data: in_unpublished(data, "archive.sqlite-journal"),
    "index write": lambda pid, data: in_unpublished(data, "index/MAIN_WRITELOCK"),
    "columns and postings": lambda pid, data: in_unpublished(data, "columns.npz", "postings/segments.json"),
}


@pytest.mark.parametrize("stage", list(STAGES))
def test_a_killed_load_leaves_the_served_archive_whole(
    data: Path, corpus: Path, loads: list[subprocess.Popen[str]], stage: str
) -> None:
    before = served_build(data)
    process = start(load_command(data, corpus), loads)
    wait_for(process, lambda: STAGES[stage](process.pid, data), stage)
    kill(process)
    # Its one unpublished build (made as parsing starts: it copies the served one ahead),
    # which the next load clears.
    assert len(unpublished(data)) == 1
    assert_serves(data, before, articles=5)
    # The killed load's lock died with it.
    with builds.load_lock(data):
        pass


# Runs `archive load` with one file that takes two minutes to parse: the parse worker that
# took it writes its pid to SLOW_PID_FILE, then is busy, as a worker parsing a huge file is.
SLOW_PARSE = """
import os, sys, time
from app.loader import pipeline
real_to_record = pipeline.to_record
def to_record(decoded, loaded_at, *rest):
    if decoded.path.name == "slow.txt":
        with open(os.environ["SLOW_PID_FILE"], "w") as handle:
            handle.write(str(os.getpid()))
        time.sleep(120)
    return real_to_record(decoded, loaded_at, *rest)
pipeline.to_record = to_record
from app.cli import main
sys.exit(main(sys.argv[1:]))
"""


def start_slow_load(data: Path, corpus: Path, tmp_path: Path, loads: list[subprocess.Popen[str]]) -> int:
    """A load busy in a parse worker; returns that worker's pid."""
    slow_corpus = tmp_path / "slow-corpus"
    shutil.copytree(corpus, slow_corpus)
    (slow_corpus / "slow.txt").write_text("Медленный заголовок\n\nТекст, который долго читать.\n")
    pid_file = tmp_path / "slow.pid"
    os.environ["SLOW_PID_FILE"] = str(pid_file)
    try:
        process = start([sys.executable, "-c", SLOW_PARSE, *load_command(data, slow_corpus)[3:]], loads)
    finally:
        del os.environ["SLOW_PID_FILE"]
    wait_for(process, lambda: pid_file.exists() and pid_file.read_text() != "", "the slow file")
    return int(pid_file.read_text())


def alive(pid: int) -> bool:
    """Running, not a zombie nobody reaped (an orphan's new parent may never reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def test_a_killed_parse_worker_fails_the_load_within_seconds(
    data: Path, corpus: Path, small_corpus: Path, tmp_path: Path, loads: list[subprocess.Popen[str]]
) -> None:
    """What the OOM killer does: SIGKILL to the worker parsing the biggest file. A pool
    that replaces the worker and waits for its lost work hangs the load, holding the lock."""
    before = served_build(data)
    worker = start_slow_load(data, corpus, tmp_path, loads)
    process = loads[-1]
    os.kill(worker, signal.SIGKILL)
    out, err = process.communicate(timeout=20)
    assert (process.returncode, out, err) == (
        2,
        "",
        "load failed: a parse worker died (killed, perhaps for lack of memory); nothing was published\n",
    )
    assert_serves(data, before, articles=5)
    assert not unpublished(data)
    done = run_load(data, small_corpus)
    assert done.returncode == 0, done.stderr
    assert "0 failed; published build" in done.stdout


def test_a_load_killed_alone_leaves_no_worker_and_no_lock_behind(
    data: Path, corpus: Path, tmp_path: Path, loads: list[subprocess.Popen[str]]
) -> None:
    """SIGKILL to the load's main process only, not its group: its parse workers die with
    it, and the next load runs at once (an orphan kept the lock: exit 3 naming a dead pid)."""
    before = served_build(data)
    worker = start_slow_load(data, corpus, tmp_path, loads)
    process = loads[-1]
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=30)
    done = run_load(data, SEEDS_DIR)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.strip() == (
        "0 loaded, 0 updated, 5 unchanged, 0 duplicate, 0 failed; nothing changed; archive kept as it was"
    )
    deadline = time.monotonic() + 5
    while alive(worker) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(worker), "a parse worker outlived its load"
    assert_serves(data, before, articles=5)


def test_a_load_killed_just_before_the_swap_then_the_next_load_publishes(
    data: Path, small_corpus: Path, loads: list[subprocess.Popen[str]]
) -> None:
    before = served_build(data)
    process = start([sys.executable, "-c", KILL_BEFORE_SWAP, *load_command(data, small_corpus)[3:]], loads)
    process.communicate(timeout=LOAD_SECONDS)
    assert process.returncode == -signal.SIGKILL
    # Renamed to its final name but never pointed at, and the link that would have been.
    assert len(list((data / builds.BUILDS).iterdir())) == 2
    assert [p.name for p in data.glob(".current.*")] == [f".current.{process.pid}"]
    assert_serves(data, before, articles=5)

    done = run_load(data, small_corpus)
    assert done.returncode == 0, done.stderr
    summary = f"{FEW} loaded, 5 updated, 0 unchanged, 0 duplicate, 0 failed; published build"
    assert done.stdout.startswith(summary)
    assert_serves(data, done.stdout.strip().rsplit(" ", 1)[-1], articles=5 + FEW)
    assert not unpublished(data) and not list(data.glob(".current.*"))
    assert len(list((data / builds.BUILDS).iterdir())) == 2  # ARCHIVE_KEEP_BUILDS


def test_the_build_served_before_a_load_is_kept_even_behind_a_killed_load(
    data: Path, small_corpus: Path, tmp_path: Path, loads: list[subprocess.Popen[str]]
) -> None:
    """A running server answers from the build it was serving until it sees the swap: with
    ARCHIVE_KEEP_BUILDS=2 that one stays, not a newer build a killed load never published."""
    before = served_build(data)
    process = start([sys.executable, "-c", KILL_BEFORE_SWAP, *load_command(data, small_corpus)[3:]], loads)
    process.communicate(timeout=LOAD_SECONDS)
    assert process.returncode == -signal.SIGKILL
    (never_published,) = {p.name for p in (data / builds.BUILDS).iterdir()} - {before}
    extra = tmp_path / "extra"
    extra.mkdir()
    (extra / "visit.txt").write_text("Министр встретился с послом\n\nСтороны обсудили визит.\n")
    done = run_load(data, extra)
    assert done.returncode == 0, done.stderr
    after = served_build(data)
    assert after not in (before, never_published)
    assert sorted(p.name for p in (data / builds.BUILDS).iterdir()) == sorted([before, after])


def test_leftovers_are_cleared_even_by_a_load_that_finds_nothing_changed(data: Path) -> None:
    served = builds.current_build(data)
    assert served is not None
    leftover = builds.new_build(data)
    (leftover / builds.DB_NAME).write_bytes(b"half a database")
    (data / ".current.4242").symlink_to(leftover.relative_to(data))
    done = run_load(data, SEEDS_DIR)
    assert (done.returncode, done.stdout.strip()) == (
        0,
        "0 loaded, 0 updated, 5 unchanged, 0 duplicate, 0 failed; nothing changed; archive kept as it was",
    )
    assert not leftover.exists() and not (data / ".current.4242").is_symlink()
    assert_serves(data, served.name, articles=5)


def test_two_loads_at_once_one_publishes_the_other_refuses_with_exit_3(
    data: Path, corpus: Path, loads: list[subprocess.Popen[str]]
) -> None:
    first, second = start(load_command(data, corpus), loads), start(load_command(data, corpus), loads)
    processes = {first.pid: first, second.pid: second}
    # The loser refuses at once: it ends while the winner is still loading.
    deadline = time.monotonic() + LOAD_SECONDS
    while all(p.poll() is None for p in processes.values()) and time.monotonic() < deadline:
        time.sleep(0.01)
    loser = next(p for p in processes.values() if p.poll() is not None)
    winner = processes[next(pid for pid in processes if pid != loser.pid)]
    assert winner.poll() is None, "both loads ended together: the second did not refuse at once"
    loser_out, loser_err = loser.communicate()
    winner_out, winner_err = winner.communicate(timeout=LOAD_SECONDS)
    assert (loser.returncode, winner.returncode) == (3, 0), winner_err
    assert loser_err.strip() == (
        f"load failed: another load is running (pid {winner.pid}); try again when it ends"
    )
    assert loser_out == "" and "Traceback" not in loser_err
    assert winner_out.startswith(f"{SYNTHETIC} loaded, 5 updated")
    assert_serves(data, winner_out.strip().rsplit(" ", 1)[-1], articles=5 + SYNTHETIC)
    assert not unpublished(data)


def mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, text=True)


def can_mount() -> str | None:
    """Why mounts cannot be used here, or None (the tests run as root in CI)."""
    if os.geteuid() != 0:
        return "needs root to mount a tmpfs or a read-only bind; chmod does not stop root from writing"
    if shutil.which("mount") is None:
        return "no mount command"
    return None


@contextmanager
def tmpfs(point: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` at `point` (made here) for the block, unmounted after it; the test
    is skipped where mounts cannot be used."""
    reason = can_mount()
    if reason:
        pytest.skip(reason)
    point.mkdir()
    try:
        mount("-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(point))
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"cannot mount a tmpfs here: {exc.stderr.strip()}")
    try:
        yield point
    finally:
        subprocess.run(["umount", "-l", str(point)], check=True)


@pytest.fixture
def small_disk(base_data: Path, tmp_path: Path) -> Iterator[Path]:
    """The served archive on its own tmpfs, so its size can be cut to what is used."""
    with tmpfs(tmp_path / "data", "64m") as point:
        # Without the copy of the database made ahead: the load copies it, on this disk.
        shutil.copytree(
            base_data, point, symlinks=True, dirs_exist_ok=True, ignore=shutil.ignore_patterns(SPARE_DIR)
        )
        yield point


def fill(point: Path, spare_kib: int = 0) -> None:
    """Shrink the tmpfs to what it holds now (plus `spare_kib`): writing past that gets
    ENOSPC. A load may be writing meanwhile, and a size below what is used is refused:
    try again."""
    for _ in range(100):
        stats = os.statvfs(point)
        used_kib = (stats.f_blocks - stats.f_bfree) * stats.f_frsize // 1024
        try:
            mount("-o", f"remount,size={used_kib + spare_kib}k", str(point))
            return
        except subprocess.CalledProcessError:
            continue
    raise AssertionError(f"could not shrink {point} to what it holds")


@pytest.mark.parametrize(
    ("when", "reason"),
    [
        # 64 KiB free: the copy of the served SQLite file (about 0.5 MB) does not fit (the
        # file is copied by the kernel: the OS says so, not SQLite).
        ("before the load", "No space left on device"),
        ("index write", "No space left on device"),
        # numpy writes the arrays with C's fwrite and reported a short write by its counts:
        # "230793 requested and 24048 written".
        ("columns and postings", "No space left on device"),
    ],
)
def test_a_full_disk_fails_clearly_and_keeps_the_served_archive(
    small_disk: Path, corpus: Path, loads: list[subprocess.Popen[str]], when: str, reason: str
) -> None:
    before = served_build(small_disk)
    if when == "before the load":
        fill(small_disk, spare_kib=64)
        process = start(load_command(small_disk, corpus), loads)
    else:
        process = start(load_command(small_disk, corpus), loads)
        wait_for(process, lambda: STAGES[when](process.pid, small_disk), when)
        fill(small_disk)
    out, err = process.communicate(timeout=LOAD_SECONDS)
    assert process.returncode == 2, out + err
    assert (out, err) == ("", f"load failed: cannot write the archive in {small_disk}: {reason}\n")
    assert_serves(small_disk, before, articles=5)
    assert not unpublished(small_disk)


def test_a_first_load_on_a_full_disk_fails_in_one_line(
    tmp_path: Path, big_corpus: Path, loads: list[subprocess.Popen[str]]
) -> None:
    """A first load big enough to index in several processes (Whoosh's writers): the disk
    fills while they write. One line says so; no writer prints its own traceback after it."""
    if reason := can_mount():
        pytest.skip(reason)
    big = big_corpus
    with tmpfs(tmp_path / "data", "256m") as point:
        process = start(load_command(point, big), loads)
        wait_for(process, lambda: STAGES["index write"](process.pid, point), "index write")
        fill(point)
        out, err = process.communicate(timeout=LOAD_SECONDS)
        assert (process.returncode, out) == (2, ""), err
        # SQLite is written while the index is: whichever meets the full disk first says so.
        full = ("No space left on device", "database or disk is full (SQLITE_FULL)")
        assert err in {f"load failed: cannot write the archive in {point}: {reason}\n" for reason in full}
        assert builds.current_build(point) is None and not unpublished(point)


# Runs `archive load` where the index writer process that gets the article titled SLOW
# writes its pid to SLOW_PID_FILE and is then busy for two minutes.
SLOW_INDEX = """
import os, sys, time
from whoosh.writing import SegmentWriter
main_pid = os.getpid()
real_add = SegmentWriter.add_document
def add_document(self, **fields):
    if os.getpid() != main_pid and any("SLOW" in str(value) for value in fields.values()):
        with open(os.environ["SLOW_PID_FILE"], "w") as handle:
            handle.write(str(os.getpid()))
        time.sleep(120)
    return real_add(self, **fields)
SegmentWriter.add_document = add_document
from app.cli import main
sys.exit(main(sys.argv[1:]))
"""


def test_a_killed_index_writer_fails_the_first_load(
    tmp_path: Path, big_corpus: Path, loads: list[subprocess.Popen[str]]
) -> None:
    """A first load indexes in several processes (Whoosh's MpWriter). One killed: Whoosh
    committed the index without its documents, and the load published it, exit 0."""
    big = tmp_path / "big"
    shutil.copytree(big_corpus, big)
    (big / "slow.txt").write_text("SLOW заголовок\n\nТокаев провел переговоры с министром.\n")
    data = tmp_path / "data"
    pid_file = tmp_path / "slow.pid"
    os.environ["SLOW_PID_FILE"] = str(pid_file)
    try:
        process = start([sys.executable, "-c", SLOW_INDEX, *load_command(data, big)[3:]], loads)
    finally:
        del os.environ["SLOW_PID_FILE"]
    wait_for(process, lambda: pid_file.exists() and pid_file.read_text() != "", "the slow document")
    writer = int(pid_file.read_text())
    os.kill(writer, signal.SIGKILL)
    out, err = process.communicate(timeout=30)
    assert (process.returncode, out) == (2, ""), err
    assert err == (
        "load failed: an index writer process died (killed, perhaps for lack of memory); "
        "nothing was published\n"
    )
    assert builds.current_build(data) is None and not unpublished(data)


def test_a_first_load_indexed_in_several_processes_has_every_article(
    tmp_path: Path, big_corpus: Path
) -> None:
    big = big_corpus
    done = run_load(tmp_path / "data", big)
    assert (done.returncode, done.stderr) == (0, "")
    build = builds.current_build(tmp_path / "data")
    assert build is not None
    with closing(sqlite3.connect(f"file:{build / builds.DB_NAME}?mode=ro", uri=True)) as db:
        articles = db.execute("SELECT count(*) FROM article").fetchone()[0]
    assert articles > PARALLEL_MIN_DOCUMENTS
    with TestClient(create_app(make_settings(tmp_path / "data"))) as client:
        assert client.get("/api/search", params={"q": "Токаев"}).json()["total"] > 0
        assert client.get("/api/articles").json()["total"] == articles
    ix = whoosh_index.open_dir(str(build / builds.INDEX_NAME), readonly=True)
    assert ix.doc_count() == articles


def test_arrays_on_a_full_disk_fail_as_a_full_disk(tmp_path: Path) -> None:
    """numpy's own writer said `800000 requested and 61440 written`, with no errno: the load's
    report could not say that the disk was full."""
    with tmpfs(tmp_path / "tiny", "64k") as point:
        small = np.arange(1000, dtype=np.int64)
        postings.save_array(point / "small.npy", small)
        assert (point / "small.npy").read_bytes() == npy_bytes(small)
        with pytest.raises(OSError) as failure:
            postings.save_array(point / "big.npy", np.zeros(100_000))
        assert failure.value.errno == errno.ENOSPC


def test_arrays_written_piece_by_piece_on_a_full_disk_fail_as_a_full_disk(tmp_path: Path) -> None:
    """The postings writer's arrays grow batch by batch (postings._GrowingArray): a disk that
    fills up on the way says so by its errno, as np.save's through save_array does."""
    with tmpfs(tmp_path / "tiny", "64k") as point:
        small = postings._GrowingArray(point / "small.npy", np.int64)
        small.append(np.arange(500, dtype=np.int64))
        small.append(np.arange(500, 1000, dtype=np.int64))
        small.close()
        assert (point / "small.npy").read_bytes() == npy_bytes(np.arange(1000, dtype=np.int64))
        assert not (point / "small.npy.items").exists()
        big = postings._GrowingArray(point / "big.npy", np.float64)
        with pytest.raises(OSError) as failure:
            for _ in range(20):
                big.append(np.zeros(10_000))
            big.close()
        assert failure.value.errno == errno.ENOSPC


def npy_bytes(array: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    np.save(buffer, array)
    return buffer.getvalue()


@pytest.fixture
def read_only_data(data: Path) -> Iterator[Path]:
    """The served archive behind a read-only bind mount (EROFS even for root)."""
    reason = can_mount()
    if reason:
        pytest.skip(reason)
    try:
        mount("--bind", str(data), str(data))
    except subprocess.CalledProcessError as exc:
        pytest.skip(f"cannot bind-mount here: {exc.stderr.strip()}")
    try:
        mount("-o", "remount,bind,ro", str(data))
        yield data
    finally:
        subprocess.run(["umount", "-l", str(data)], check=True)


def test_a_read_only_data_directory_fails_clearly_and_is_still_served(
    read_only_data: Path, corpus: Path
) -> None:
    before = served_build(read_only_data)
    done = run_load(read_only_data, corpus)
    assert (done.returncode, done.stdout, done.stderr) == (
        2,
        "",
        f"load failed: cannot write the archive in {read_only_data}: Read-only file system\n",
    )
    assert_serves(read_only_data, before, articles=5)


def test_a_directory_of_bad_files_loads_the_good_ones_and_names_each_bad_one(tmp_path: Path) -> None:
    """Kinds not covered by test_loader_pipeline's in-process test, through the CLI."""
    corpus = tmp_path / "mixed"
    corpus.mkdir()
    for number in ("000", "001"):
        shutil.copy(seed_path(number), corpus)
    utf16 = "Министр встретился с послом Японии\n\nСтороны обсудили торговлю и транспорт.\n"
    (corpus / "utf16-bom.txt").write_bytes(codecs.BOM_UTF16_LE + utf16.encode("utf-16-le"))
    legacy = "Глава МИД встретился с послом\n\nСтороны обсудили энергетику и транспорт.\n"
    (corpus / "legacy-cp1251.txt").write_bytes(legacy.encode("cp1251") * 2)
    (corpus / "folder.txt").mkdir()  # a directory named like a file is walked, not read
    (corpus / "folder.txt" / "inner.txt").write_text(
        "Премьер встретился с министром\n\nОбсудили сельское хозяйство.\n", encoding="utf-8"
    )
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_text(" \n\t\n")
    (corpus / "nul.txt").write_bytes("Заголовок\n\nТекст".encode() + b"\x00\x00\x01")
    (corpus / "bad-bom.txt").write_bytes(codecs.BOM_UTF8 + b"\xff\xfe broken")
    (corpus / "huge.txt").write_bytes("Очень длинная статья. ".encode() * 500)
    (corpus / "only-boilerplate.txt").write_text("Подписаться\n", encoding="utf-8")
    (corpus / "dangling.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(corpus / "pipe.txt")
    done = run_load(tmp_path / "data", corpus, ARCHIVE_MAX_FILE_BYTES="8000")
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(done.stderr.splitlines()) == sorted(
        [
            "failed    bad-bom.txt: starts with a UTF-8 BOM but is not valid UTF-8 (invalid start byte)",
            "failed    blank.txt: no text (whitespace only)",
            "failed    empty.txt: empty file (0 bytes)",
            "failed    huge.txt: file too large: 20000 bytes, limit is 8000 bytes",
            "failed    nul.txt: binary file (contains NUL bytes)",
            "failed    only-boilerplate.txt: no article text left after removing boilerplate",
            f"failed    {corpus / 'dangling.txt'}: broken symbolic link (to {tmp_path / 'gone.txt'})",
            f"failed    {corpus / 'pipe.txt'}: not a regular file (named pipe)",
        ]
    )
    assert done.stdout.startswith("5 loaded, 0 updated, 0 unchanged, 0 duplicate, 8 failed; published build")
    with TestClient(create_app(make_settings(tmp_path / "data"))) as client:
        body = client.get("/api/articles", params={"limit": 50}).json()
    titles = {item["article"]["id"]: item["article"]["title"] for item in body["items"]}
    assert body["total"] == 5 and {SEED_IDS["000"], SEED_IDS["001"]} <= set(titles)
    assert {title for id_, title in titles.items() if id_ not in SEED_IDS.values()} == {
        "Министр встретился с послом Японии",
        "Глава МИД встретился с послом",
        "Премьер встретился с министром",
    }
