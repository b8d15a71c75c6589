"""The columns of an incremental build (rows of shared segments taken from the previous
build's columns) are exactly those read from the whole index."""

import shutil
from pathlib import Path

import numpy as np
from whoosh import index as whoosh_index

from app.build import layout as builds
from app.build.columns import column_arrays, load_columns
from app.loader.pipeline import load
from bench.corpus import write_corpus
from tests.conftest import SEEDS_DIR, make_settings


def _same_as_a_full_read(build: Path) -> None:
    written = load_columns(build)
    ix = whoosh_index.open_dir(str(build / builds.INDEX_NAME), readonly=True)
    read = column_arrays(ix)
    assert written.keys() == read.keys()
    for name, array in read.items():
        assert written[name].dtype.kind == array.dtype.kind, name
        assert np.array_equal(written[name], array), name


def test_incremental_columns_equal_a_full_read(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS_DIR, corpus)
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).published
    files = sorted(corpus.iterdir())
    files[0].write_text(files[0].read_text(encoding="utf-8") + "\nНовый абзац о встрече.\n", encoding="utf-8")
    files[1].unlink()
    second = load([corpus], settings)
    assert second.count("updated") == 1 and second.count("removed") == 1
    assert second.build is not None
    _same_as_a_full_read(second.build)
    # Once more, on top of an incremental build (its columns already stitched together).
    files[2].write_text(files[2].read_text(encoding="utf-8") + "\nЕщё один абзац.\n", encoding="utf-8")
    third = load([corpus], settings)
    assert third.count("updated") == 1 and third.build is not None
    _same_as_a_full_read(third.build)


def test_columns_stitched_over_many_loads_equal_a_full_read(tmp_path: Path) -> None:
    """Loads that edit, remove and add articles one after another: the rows kept from each
    previous build are recoded through its vocabularies (values no kept row uses any more
    leave them, new ones join them), and Whoosh merges small segments on the way."""
    corpus = tmp_path / "corpus"
    paths = write_corpus(corpus, 24, seed=21)
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).published
    extra = write_corpus(tmp_path / "more", 6, seed=22)
    for step in range(6):
        edited = paths[step * 3]
        edited.write_text(edited.read_text(encoding="utf-8") + f"\nАбзац {step}.\n", encoding="utf-8")
        paths[step * 3 + 1].unlink()
        shutil.copy(extra[step], corpus / f"zz_{step}.txt")
        report = load([corpus], settings)
        assert report.published and report.build is not None, report.summary()
        _same_as_a_full_read(report.build)
