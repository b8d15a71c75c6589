"""No single file can sink a load: odd headlines, names, dates, ids, copies and bytes."""

import shutil
from pathlib import Path

from sqlmodel import Session, create_engine, select
from whoosh import index as whoosh_index

from app.loader import builds
from app.loader.pipeline import EXIT_OK, load
from app.models import Article
from tests.conftest import SEEDS_DIR, make_settings, search_ids, seed_text


def articles_in(data_dir: Path) -> dict[str, Article]:
    build = builds.current_build(data_dir)
    assert build is not None
    engine = create_engine(f"sqlite:///file:{build / builds.DB_NAME}?mode=ro&uri=true")
    with Session(engine) as session:
        rows = {a.id: a for a in session.exec(select(Article)).all()}
    engine.dispose()
    return rows


def search(data_dir: Path, text: str) -> list[str]:
    build = builds.current_build(data_dir)
    assert build is not None
    return search_ids(whoosh_index.open_dir(str(build / builds.INDEX_NAME)), text)[0]


def segment_count(data_dir: Path) -> int:
    build = builds.current_build(data_dir)
    assert build is not None
    return len(whoosh_index.open_dir(str(build / builds.INDEX_NAME))._segments())


WORDLESS_HEADLINES = ["---", "***", "* * *", "—", "📷", "🇰🇿🇨🇳", "!?.. ;:"]


def test_headlines_without_words_load_with_the_seeds(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    for n, head in enumerate(WORDLESS_HEADLINES):
        (corpus / f"odd{n}.txt").write_text(
            f"{head}\n\nПрезидент Токаев провёл переговоры с министром номер {n} в Астане.\n",
            encoding="utf-8",
        )
    (corpus / "front-matter.md").write_text(
        "---\ntitle: Встреча\ndate: 2020-04-03\n---\n\nТокаев встретился с послом Японии в Астане.\n",
        encoding="utf-8",
    )
    settings = make_settings(tmp_path / "data")
    report = load([corpus], settings)
    assert report.exit_code == EXIT_OK, [(o.file, o.reason) for o in report.outcomes]
    assert report.count("loaded") == 5 + len(WORDLESS_HEADLINES) + 1
    assert len(search(settings.data_dir, "Токаев")) == 5 + len(WORDLESS_HEADLINES) + 1


def test_a_wordless_headline_does_not_wedge_later_loads_when_segments_merge(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n, head in enumerate(["***", "📷"]):
        (corpus / f"odd{n}.txt").write_text(f"{head}\n\nТокаев провёл переговоры с министром {n}.\n")
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).exit_code == EXIT_OK
    counts = []
    for n in range(6):
        # Each load adds a segment; Whoosh merges the small ones after a few.
        (corpus / f"good{n}.txt").write_text(seed_text("000").replace("осенью", f"осенью ({n})"))
        report = load([corpus], settings)
        assert report.exit_code == EXIT_OK and report.published, report.summary()
        counts.append(segment_count(settings.data_dir))
    assert any(later < earlier for earlier, later in zip(counts, counts[1:], strict=False)), counts
    assert len(search(settings.data_dir, "Израилем")) == 6
    assert len(articles_in(settings.data_dir)) == 8
