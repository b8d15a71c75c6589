"""Symbolic links in a loaded folder: a link that leaves the loaded folders is refused by name
(it would publish any file the loader can read), a linked directory is named and not followed,
a loop is named; a link to a file inside the folders loads as that file."""

import os
from pathlib import Path

from fastapi.testclient import TestClient

from app.config import Settings
from app.loader.pipeline import load
from app.main import create_app

ARTICLE = "Президент провёл переговоры с премьер-министром\n\nСтороны обсудили торговлю и транспорт.\n"
SECRET = "root:x:0:0:root:/root:/bin/bash\nsecret line that must never be published\n"


def corpus_with_links(tmp_path: Path) -> tuple[Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "real.txt").write_text(ARTICLE, encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(SECRET, encoding="utf-8")
    (outside / "story.txt").write_text(ARTICLE.replace("торговлю", "энергетику"), encoding="utf-8")
    (corpus / "x.txt").symlink_to(outside / "passwd")
    (corpus / "inside-link.txt").symlink_to(corpus / "real.txt")
    (corpus / "linked-dir").symlink_to(outside, target_is_directory=True)
    (corpus / "loop-a.txt").symlink_to(corpus / "loop-b.txt")
    (corpus / "loop-b.txt").symlink_to(corpus / "loop-a.txt")
    return corpus, outside


def test_links_leaving_the_corpus_are_refused_and_named(tmp_path: Path) -> None:
    corpus, outside = corpus_with_links(tmp_path)
    settings = Settings(data_dir=tmp_path / "data")
    report = load([corpus], settings)
    failed = {Path(o.file).name: o.reason for o in report.outcomes if o.status == "failed"}
    assert failed["x.txt"].startswith(
        f"symbolic link to a file outside the loaded folders ({outside / 'passwd'})"
    )
    assert failed["linked-dir"].startswith(f"symbolic link to a directory ({outside}): not followed")
    assert failed["loop-a.txt"].startswith("symbolic link loop")
    assert failed["loop-b.txt"].startswith("symbolic link loop")
    assert report.published and report.exit_code == 1
    assert report.count("loaded") == 1  # real.txt; its in-corpus link is the same file
    with TestClient(create_app(settings)) as client:
        articles = client.get("/api/articles").json()
        assert articles["total"] == 1
        assert client.get("/api/search", params={"q": "secret"}).json()["total"] == 0


def test_a_setting_allows_links_to_files_outside(tmp_path: Path) -> None:
    corpus, outside = corpus_with_links(tmp_path)
    os.unlink(corpus / "x.txt")
    (corpus / "story-link.txt").symlink_to(outside / "story.txt")
    report = load([corpus], Settings(data_dir=tmp_path / "data", follow_outside_links=True))
    assert report.count("loaded") == 2
    failed = {Path(o.file).name for o in report.outcomes if o.status == "failed"}
    assert failed == {"linked-dir", "loop-a.txt", "loop-b.txt"}  # directories and loops, still named
