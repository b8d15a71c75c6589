"""The `archive` command as a person runs it: exit codes, report lines, entity listing."""

import argparse
import fcntl
import io
import json
import os
import pty
import re
import shutil
import sqlite3
import struct
import subprocess
import sys
import termios
import threading
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import PROJECT_ROOT, SEEDS_DIR


def test_load_prints_a_report_and_exits_0_then_says_nothing_changed(tmp_path: Path, capsys) -> None:
    data = tmp_path / "data"
    assert main(["--data-dir", str(data), "load", str(SEEDS_DIR)]) == 0
    assert "5 loaded, 0 updated, 0 unchanged, 0 duplicate, 0 failed" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "load", str(SEEDS_DIR)]) == 0
    assert "nothing changed" in capsys.readouterr().out


def test_load_names_a_bad_file_and_exits_1(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    assert main(["--data-dir", str(tmp_path / "data"), "load", str(corpus)]) == 1
    captured = capsys.readouterr()
    assert "failed    broken.txt: binary file (contains NUL bytes)" in captured.err
    assert "5 loaded" in captured.out


def test_entities_unknown_lists_people_the_register_lacks(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "kiribati.txt").write_text(
        "date 2024-05-01 Токаев провел переговоры с Президентом Кирибати\n\n"
        "Касым-Жомарт Токаев встретился с Президентом Республики Кирибати Танети Маамау.\n",
        encoding="utf-8",
    )
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "load", str(corpus)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "entities", "--unknown"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("Танети Маамау\tПрезидентом Республики Кирибати\tKI\t1 article(s)")
    assert "1 people not yet in the register" in captured.err


@pytest.mark.parametrize("argv", [["entities", "--unknown"], ["search", "Токаев"]])
def test_commands_on_an_empty_archive_say_what_to_do(tmp_path: Path, capsys, argv: list[str]) -> None:
    assert main(["--data-dir", str(tmp_path / "none"), *argv]) == 2
    assert "run `archive load` first" in capsys.readouterr().err


def test_search_prints_what_the_site_finds(tmp_path: Path, capsys) -> None:
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "load", str(SEEDS_DIR)]) == 0
    capsys.readouterr()
    assert main(["--data-dir", data, "search", "Израилем -Ривлин"]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    assert lines == [
        "cf854c5743a0f1ee  2026-01-27  ru  Спикер Сената встретился с министром иностранных дел Израиля",
        "1 match(es)",
    ]


def test_what_the_cli_prints_cannot_drive_the_terminal(tmp_path: Path, capsys) -> None:
    """A title's BEL and colour codes, a file name's ESC and newline: shown escaped, each
    report entry on one line."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    body = "Касым-Жомарт Токаев провел телефонный разговор с Президентом Франции. " * 8
    (corpus / "colours.txt").write_text(
        f"Токаев провел переговоры\a с \x1b[31mпрезидентом\x1b[0m Франции\n\n{body}\n", encoding="utf-8"
    )
    (corpus / "evil\x1b[2J\nname.txt").write_bytes(b"\x00binary")
    data = str(tmp_path / "data")
    assert main(["--data-dir", data, "load", "-v", str(corpus)]) == 1
    report = capsys.readouterr()
    assert report.err == "failed    evil\\x1b[2J\\nname.txt: binary file (contains NUL bytes)\n"
    summary = "1 loaded, 0 updated, 0 unchanged, 0 duplicate, 1 failed"
    assert report.out.startswith(f"loaded    colours.txt\n{summary}")
    assert main(["--data-dir", data, "search", "Франции"]) == 0
    found = capsys.readouterr().out
    assert found.split("\n")[0].endswith(
        "  ru  Токаев провел переговоры\\x07 с \\x1b[31mпрезидентом\\x1b[0m Франции"
    )
    assert not {"\a", "\x1b"} & set(report.out + report.err + found)


@pytest.mark.parametrize("value", ["abc", "1", "0", "-1"])
def test_a_bad_setting_is_named_in_one_line_and_exits_2(tmp_path: Path, value: str) -> None:
    """Keeping fewer than 2 builds deletes the one a running server still answers from."""
    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--data-dir", str(data), "load", str(SEEDS_DIR)],
        cwd=PROJECT_ROOT,
        env={**os.environ, "ARCHIVE_KEEP_BUILDS": value},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr.startswith(f"configuration error: ARCHIVE_KEEP_BUILDS='{value}': ")
    assert done.stderr.count("\n") == 1 and "at least 2" in done.stderr
    assert not data.exists()


def run_on_a_terminal(argv: list[str]) -> tuple[int, str, str]:
    """The CLI in a subprocess whose stderr is a terminal (a pty of 120 columns), as a
    person at a shell sees it: stdout and what was drawn on the terminal."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    process = subprocess.Popen(
        [sys.executable, "-m", "app.cli", *argv],
        cwd=PROJECT_ROOT,
        stdout=subprocess.PIPE,
        stderr=slave,
        text=True,
    )
    os.close(slave)
    drawn: list[bytes] = []

    def read() -> None:
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the other side closed
                return
            if not chunk:
                return
            drawn.append(chunk)

    reader = threading.Thread(target=read)
    reader.start()
    out, _ = process.communicate(timeout=300)
    reader.join()
    os.close(master)
    return process.returncode, out, b"".join(drawn).decode("utf-8", "replace")


def test_load_progress_shows_stage_total_rate_and_time_left_then_one_summary_line(tmp_path: Path) -> None:
    code, out, terminal = run_on_a_terminal(["--data-dir", str(tmp_path / "data"), "load", str(SEEDS_DIR)])
    assert code == 0 and out.startswith("5 loaded, 0 updated")
    frames = terminal.replace("\r\n", "\n").split("\r")
    assert any(f.startswith("reading:") and "5/5 files" in f for f in frames)
    parsing = [f for f in frames if f.startswith("parsing:") and "5/5 files" in f]
    # A rate (tqdm turns it round below one a second) and the time left.
    assert parsing and re.search(r"\[ *[\d.]+(file/s|s/file), \d\d:\d\d left\]$", parsing[-1])
    assert any(f.startswith("indexing…") for f in frames)
    # The bar is erased; what stays is one line.
    lines = [line for line in terminal.replace("\r\n", "\n").split("\n") if line.strip()]
    assert re.fullmatch(
        r"load: 5 files read, 5 parsed, in \d+\.\d s, \d+\.\d files/s", lines[-1].split("\r")[-1]
    )


def archive_cli(data_dir: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """`archive` with these arguments, run in this process: the tests that use it are about
    what a search prints and its exit code, not about the program's start or end (the tests
    above and below run it as a process for that)."""
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        try:
            code = main(["--data-dir", str(data_dir), *argv])
        except SystemExit as exc:  # argparse refusing an argument
            code = exc.code if isinstance(exc.code, int) else 1
    return subprocess.CompletedProcess(list(argv), code, out.getvalue(), err.getvalue())


def test_search_marks_inferred_dates_and_filters_by_language(seed_archive) -> None:
    """Seed 000's year comes from its text ("осенью 2020 года"), not from a printed date."""
    done = archive_cli(seed_archive[0].data_dir, "search", "Израиль", "--lang", "ru")
    assert done.returncode == 0
    assert done.stdout.split("\n") == [
        "cf854c5743a0f1ee  2026-01-27  ru  Спикер Сената встретился с министром иностранных дел Израиля",
        "0850c73b636fa0ad  2020-04-03*  ru  Токаев принял приглашение посетить Израиль осенью 2020 года",
        "* the year (or the date) is inferred: the text does not print it",
        "2 match(es)",
        "",
    ]


def test_search_reads_a_language_name_and_refuses_an_unknown_one(seed_archive) -> None:
    named = archive_cli(seed_archive[0].data_dir, "search", "Тоқаев", "--lang", "Kazakh")
    assert named.returncode == 0 and named.stdout.endswith("3 match(es)\n")
    assert "lang 'Kazakh' read as kk (Kazakh)" in named.stderr
    unknown = archive_cli(seed_archive[0].data_dir, "search", "Тоқаев", "--lang", "xx")
    assert unknown.returncode == 2 and unknown.stdout == ""
    assert "lang: one of en (English), kk (Kazakh), ru (Russian)" in unknown.stderr


def test_search_limit_says_how_many_are_shown(seed_archive) -> None:
    done = archive_cli(seed_archive[0].data_dir, "search", "Тоқаев", "--limit", "2")
    lines = done.stdout.strip().split("\n")
    assert len([line for line in lines if re.match(r"[0-9a-f]{16}  ", line)]) == 2
    assert lines[-1] == "5 match(es), 2 shown"
    assert archive_cli(seed_archive[0].data_dir, "search", "x", "--limit", "0").returncode == 2


def test_search_offers_did_you_mean_like_the_site(seed_archive) -> None:
    done = archive_cli(seed_archive[0].data_dir, "search", "Изриль")
    assert done.returncode == 0
    assert done.stdout.split("\n")[-3:] == [
        "did you mean: израиль?  (archive search 'израиль')",
        "0 match(es)",
        "",
    ]


def test_search_json_is_the_api_answer(seed_archive, client) -> None:
    done = archive_cli(seed_archive[0].data_dir, "search", "Израиль", "--lang", "ru", "--json")
    answer = json.loads(done.stdout)
    api = client.get("/api/search", params={"q": "Израиль", "lang": "ru"}).json()
    assert [i["article"]["id"] for i in answer["items"]] == [i["article"]["id"] for i in api["items"]]
    assert (answer["total"], answer["filters"]) == (api["total"], api["filters"]) == (2, {"lang": ["ru"]})


@pytest.mark.parametrize(
    ("command", "options"),
    [("serve", ["--host", "--port", "--workers"]), ("search", ["--lang", "--limit", "--json"])],
)
def test_every_serve_and_search_option_has_a_help_text(command: str, options: list[str]) -> None:
    from app.cli import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices[command]
    helps = {opt: action.help for action in sub._actions for opt in action.option_strings}
    assert all(helps[option] for option in options), helps


def test_the_program_ends_a_load_at_once_with_its_report_and_exit_code(tmp_path: Path) -> None:
    """`python -m app.cli load` ends without tearing its heap down (app.cli.run): its report
    lines (stdout and stderr are pipes here, so buffered) and its exit code still come out,
    and the build it published is whole."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "visit.txt").write_text(
        "Переговоры в Астане\n\n12 марта 2021 года состоялись переговоры о сотрудничестве.\n",
        encoding="utf-8",
    )
    (corpus / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    data = tmp_path / "data"
    done = subprocess.run(
        [sys.executable, "-m", "app.cli", "--data-dir", str(data), "load", str(corpus)],
        cwd=PROJECT_ROOT,
        # Buffered as a person's shell pipe is (this sandbox sets PYTHONUNBUFFERED).
        env={name: value for name, value in os.environ.items() if name != "PYTHONUNBUFFERED"},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 1
    assert "failed    broken.txt: binary file (contains NUL bytes)" in done.stderr
    assert "1 loaded, 0 updated, 0 unchanged, 0 duplicate, 1 failed; published build" in done.stdout
    from app.build import layout as builds

    build = builds.current_build(data)
    assert build is not None
    with sqlite3.connect(f"file:{build / builds.DB_NAME}?mode=ro", uri=True) as db:
        assert db.execute("SELECT count(*) FROM article").fetchone() == (1,)
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
