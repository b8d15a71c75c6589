"""Hundreds of damaged copies of the seeds loaded with them: no file sinks the load.

Each mutant is a seed put through a few of the damages real press files show (lines lost,
doubled or shuffled, a cut in the middle of a character, a headline of symbols, front
matter, HTML, a bare URL, digits, one endless line, mixed scripts, invisible characters,
other encodings). The randomness is seeded: CI loads the same files every run.
"""

import codecs
import os
import random
import shutil
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from app.build import layout as builds
from app.loader.pipeline import EXIT_OK, EXIT_SOME_FAILED, load
from app.main import create_app
from tests.conftest import SEED_IDS, make_settings, seed_path
from tests.seed_entities import SEED_ENTITIES

SEED = 20260127
MUTANTS = 300
SYMBOL_TITLES = ["—", "***", "* * *", "📷", "🇰🇿🇨🇳", "!?..", "---", "###", "«»", "§ § §", "•", "…", "==="]
INVISIBLE = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u2060",
    "\ufeff",
    "\u00ad",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u2066",
]
FOREIGN = [
    "中华人民共和国",
    "السلام عليكم",
    "שלום",
    "Ελλάδα",
    "Türkiye",
    "Tокаев",
    "Ｔｏｋａｙｅｖ",
    "Тока́ев",
]
HTML = [
    "<p>",
    "</p>",
    "<div class='lead'>",
    "</div>",
    "<br/>",
    "&nbsp;",
    "<script>alert(1)</script>",
    '<a href="https://example.kz/x">ссылка</a>',
    "<img src=x onerror=alert(1)>",
]
ENCODINGS = [
    "cp1251",
    "koi8_r",
    "cp866",
    "mac_cyrillic",
    "iso8859_5",
    "kz1048",
    "utf-16",
    "utf-32",
    "utf-8-sig",
]

Text = str
Mutation = Callable[[random.Random, Text], Text]


def delete_lines(rng: random.Random, text: Text) -> Text:
    lines = text.splitlines()
    keep = [line for line in lines if rng.random() > 0.3]
    return "\n".join(keep)


def duplicate_lines(rng: random.Random, text: Text) -> Text:
    out = []
    for line in text.splitlines():
        out.extend([line] * rng.choice([1, 1, 2, 3]))
    return "\n".join(out)


def shuffle_lines(rng: random.Random, text: Text) -> Text:
    lines = text.splitlines()
    rng.shuffle(lines)
    return "\n".join(lines)


def symbol_title(rng: random.Random, text: Text) -> Text:
    lines = text.splitlines()
    return "\n".join([rng.choice(SYMBOL_TITLES), *lines[rng.choice([0, 1]) :]])


def front_matter(rng: random.Random, text: Text) -> Text:
    if rng.random() < 0.5:
        return f"---\ntitle: «{text.splitlines()[0]}»\ndate: 2020-04-03\ntags: [kz, il]\n---\n\n{text}"
    lines = text.splitlines()
    return "\n".join(
        [f"# {lines[0]}", "", *(f"**{line}**" if rng.random() < 0.2 else line for line in lines[1:])]
    )


def html_fragments(rng: random.Random, text: Text) -> Text:
    return "\n".join(f"{rng.choice(HTML)}{line}{rng.choice(HTML)}" for line in text.splitlines())


def only_url(rng: random.Random, _text: Text) -> Text:
    return f"https://www.inform.kz/ru/article/{rng.randrange(10**9)}?utm_source=x&id={rng.randrange(99)}\n"


def only_digits(rng: random.Random, _text: Text) -> Text:
    return "\n".join(str(rng.randrange(10**12)) for _ in range(rng.randint(1, 5))) + "\n"


def one_long_line(rng: random.Random, text: Text) -> Text:
    return " ".join(text.split()) * rng.randint(1, 6)


def mixed_scripts(rng: random.Random, text: Text) -> Text:
    words = text.split(" ")
    for _ in range(rng.randint(1, 8)):
        words.insert(rng.randrange(len(words) + 1), rng.choice(FOREIGN))
    return " ".join(words)


def invisible_characters(rng: random.Random, text: Text) -> Text:
    chars = list(text)
    for _ in range(rng.randint(1, 30)):
        chars.insert(rng.randrange(len(chars) + 1), rng.choice(INVISIBLE))
    return "".join(chars)


TEXT_MUTATIONS: list[Mutation] = [
    delete_lines,
    duplicate_lines,
    shuffle_lines,
    symbol_title,
    front_matter,
    html_fragments,
    only_url,
    only_digits,
    one_long_line,
    mixed_scripts,
    invisible_characters,
]


def to_bytes(rng: random.Random, text: Text) -> bytes:
    """UTF-8 mostly; else another encoding, or UTF-8 cut inside a character or with a few
    stray bytes, or CRLF line ends."""
    roll = rng.random()
    if roll < 0.55:
        return text.encode("utf-8")
    if roll < 0.75:
        return text.encode(rng.choice(ENCODINGS), errors="replace")
    data = text.encode("utf-8")
    if roll < 0.85:
        multibyte = [i for i, b in enumerate(data) if b >= 0xC0]
        cut = rng.choice(multibyte) + 1 if multibyte else len(data) // 2
        return data[:cut]
    if roll < 0.93:
        spot = rng.randrange(len(data) + 1)
        return data[:spot] + bytes(rng.choice([0x80, 0xBF, 0xC0, 0xFF, 0xFE]) for _ in range(3)) + data[spot:]
    return text.replace("\n", "\r\n").encode("utf-8")


def write_mutants(corpus: Path, count: int) -> None:
    rng = random.Random(SEED)
    numbers = sorted(SEED_IDS)
    for n in range(count):
        number = rng.choice(numbers)
        text = seed_path(number).read_text(encoding="utf-8")
        chosen = rng.sample(TEXT_MUTATIONS, rng.choice([1, 1, 2, 3]))
        for mutation in chosen:
            text = mutation(rng, text)
        label = "+".join(m.__name__ for m in chosen)
        # Some keep the seed's id in their name: another file claiming a seed's id.
        stem = f"{n:03d}_{label}" + (f"_{SEED_IDS[number]}" if rng.random() < 0.1 else "")
        (corpus / f"{stem}.txt").write_bytes(to_bytes(rng, text))
    # What no mutation of a seed gives: nothing, blanks, binary, names that are not UTF-8.
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "blank.txt").write_bytes(b" \n\t\n")
    (corpus / "random.bin").write_bytes(rng.randbytes(3000))
    (corpus / "bom-only.txt").write_bytes(codecs.BOM_UTF8)
    (corpus / os.fsdecode(b"caf\xe9.txt")).write_bytes("Кафе\n\nПрезидент посетил кафе.\n".encode())
    # Names a shell makes awkward: a newline, an escape sequence, a leading space, 240 bytes.
    for name in ["new\nline.txt", "esc\x1b[31m.txt", " leading space.txt", "x" * 236 + ".txt"]:
        text = rng.choice(TEXT_MUTATIONS)(rng, seed_path(rng.choice(numbers)).read_text(encoding="utf-8"))
        (corpus / name).write_bytes(to_bytes(rng, text))


@pytest.fixture(scope="module")
def mutated(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    corpus = tmp_path_factory.mktemp("mutants") / "corpus"
    corpus.mkdir()
    for number in SEED_IDS:
        shutil.copy(seed_path(number), corpus)
    write_mutants(corpus, MUTANTS)
    an_hour_ago = time.time() - 3600
    for path in corpus.iterdir():
        os.utime(path, (an_hour_ago, an_hour_ago))
    settings = make_settings(corpus.parent / "data")
    report = load([corpus], settings)
    return corpus, settings, report


def test_the_load_finishes_publishes_and_accounts_for_every_file(mutated) -> None:  # type: ignore[no-untyped-def]
    corpus, settings, report = mutated
    assert report.fatal is None, report.summary()
    assert report.exit_code in (EXIT_OK, EXIT_SOME_FAILED)
    assert report.published and builds.current_build(settings.data_dir) == report.build
    assert not list((settings.data_dir / builds.BUILDS).glob("*.tmp"))
    names = [os.fsencode(p.name).decode("utf-8", "backslashreplace") for p in corpus.iterdir()]
    reported = [Path(o.file).name for o in report.outcomes]
    assert sorted(reported) == sorted(names)
    for outcome in report.outcomes:
        assert outcome.status in ("loaded", "duplicate", "failed"), outcome
        if outcome.status != "loaded":
            assert outcome.reason, outcome
    assert report.count("loaded") > MUTANTS // 2


def test_every_seed_is_served_with_its_entities(mutated) -> None:  # type: ignore[no-untyped-def]
    _, settings, report = mutated
    status = {o.file: o.status for o in report.outcomes}
    assert {seed_path(n).name: status[seed_path(n).name] for n in SEED_IDS} == {
        seed_path(n).name: "loaded" for n in SEED_IDS
    }
    with TestClient(create_app(settings)) as client:
        for number, (leaders, countries, organisations, events) in SEED_ENTITIES.items():
            answer = client.get(f"/api/articles/{SEED_IDS[number]}")
            assert answer.status_code == 200, number
            article = answer.json()
            assert article["source_file"] == seed_path(number).name
            assert {link["slug"]: link["affiliation"] for link in article["leaders"]} == leaders, number
            assert {c["code"] for c in article["countries"]} == countries, number
            assert {o["code"] for o in article["organisations"]} == organisations, number
            assert article["event_types"] == events, number
        found = client.get("/api/search", params={"q": "Кнессетом"}).json()
        assert SEED_IDS["002"] in str(found)


def test_loading_the_same_files_again_changes_nothing(mutated) -> None:  # type: ignore[no-untyped-def]
    corpus, settings, report = mutated
    again = load([corpus], settings)
    assert again.exit_code == report.exit_code and not again.published
    before = {o.file: o.status for o in report.outcomes}
    after = {o.file: ("loaded" if o.status == "unchanged" else o.status) for o in again.outcomes}
    assert after == before
