"""The postings arrays a segment writer streams out in batches (app.build.postings) hold what
Whoosh's own postings hold, whatever the batch size, and the writer holds one batch at a
time, not the segment's postings."""

import filecmp
import tracemalloc
import zlib
from pathlib import Path

import numpy as np
import pytest
from whoosh.reading import IndexReader

from app.build import postings, spelling
from app.build.archive import open_index
from app.build.schema import TEXT_FIELDS
from app.loader.pipeline import load
from bench.corpus import write_corpus
from tests.conftest import make_settings


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("postings")
    write_corpus(work / "corpus", 120, seed=41)
    report = load([work / "corpus"], make_settings(work / "data", load_workers=1))
    assert report.published and report.build is not None
    return report.build


def _first_leaf(build: Path) -> tuple[IndexReader, object]:
    ix = open_index(build)
    reader = ix.reader()
    leaf = next(iter(reader.leaf_readers()))[0]
    return leaf, reader


def _whoosh_postings(
    leaf: IndexReader, fieldname: str, term: bytes
) -> tuple[list[int], list[float], list[list[int]]]:
    """One term's postings through Whoosh's public API, a posting at a time."""
    matcher = leaf.postings(fieldname, term)
    ids, weights, places = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        places.append(list(matcher.value_as("positions")) if fieldname in TEXT_FIELDS else [])
        matcher.next()
    return ids, weights, places


def test_every_terms_arrays_are_whooshs_postings_across_batch_boundaries(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Batches of a few postings: most terms start a batch, many end one.
    monkeypatch.setattr(postings, "WRITE_BATCH_POSTINGS", 7)
    leaf, reader = _first_leaf(built)
    folder = tmp_path / "segment"
    postings._write_segment(leaf, folder)
    segment = postings.SegmentPostings(folder, 0, leaf.doc_count_all())
    keys = [bytes(k) for k in segment.keys]
    assert keys == sorted(keys) and len(keys) > 500
    assert len(segment.offsets) == len(keys) + 1
    docs_all, weights_all = segment.docs[0 : len(segment.docs)], segment.weights[0 : len(segment.weights)]
    starts = segment.position_offsets[0 : len(segment.position_offsets)]
    places_all = segment.positions[0 : len(segment.positions)]
    assert segment.term_weights is not None
    for number, key in enumerate(keys):
        fieldname, term = key.split(postings.SEPARATOR, 1)
        ids, weights, places = _whoosh_postings(leaf, fieldname.decode(), term)
        low, high = int(segment.offsets[number]), int(segment.offsets[number + 1])
        assert docs_all[low:high].tolist() == ids, key
        assert weights_all[low:high].tolist() == pytest.approx(weights), key
        assert segment.term_weights[number] == pytest.approx(sum(weights)), key
        written = [places_all[starts[p] : starts[p + 1]].tolist() for p in range(low, high)]
        assert written == places, key
    reader.close()


def test_the_files_are_the_same_whatever_the_batch(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Byte for byte, as np.save writes each whole array."""
    leaf, reader = _first_leaf(built)
    written = {}
    for batch in (1, 50, 1 << 30):
        monkeypatch.setattr(postings, "WRITE_BATCH_POSTINGS", batch)
        written[batch] = tmp_path / f"batch{batch}"
        postings._write_segment(leaf, written[batch])
    reader.close()
    names = sorted(p.name for p in written[1].iterdir())
    assert names == sorted(f"{name}.npy" for name in (*postings.ARRAYS, postings.TERM_WEIGHTS))
    for batch in (50, 1 << 30):
        assert sorted(p.name for p in written[batch].iterdir()) == names
        for name in names:
            assert filecmp.cmp(written[1] / name, written[batch] / name, shallow=False), (batch, name)
    whole = np.load(written[1] / "positions.npy")
    again = tmp_path / "saved.npy"
    np.save(again, whole)
    assert again.read_bytes() == (written[1] / "positions.npy").read_bytes()


def test_the_writer_holds_one_batch_not_the_segment(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Written in small batches, the most the writer allocates at once is smaller, by at least
    half the postings it writes, than written in one batch (held whole, as lists and then
    joined, they took the 100k load to 1.24 GB)."""
    leaf, reader = _first_leaf(built)
    peaks = {}
    for batch in (500, 1 << 30):
        monkeypatch.setattr(postings, "WRITE_BATCH_POSTINGS", batch)
        tracemalloc.start()
        try:
            postings._write_segment(leaf, tmp_path / f"batch{batch}")
            peaks[batch] = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    reader.close()
    folder = tmp_path / "batch500"
    streamed = sum(
        (folder / f"{name}.npy").stat().st_size
        for name in ("docs", "weights", "positions", "position_offsets")
    )
    assert streamed > 300_000
    assert peaks[500] + streamed / 2 < peaks[1 << 30], (peaks, streamed)


def test_spelling_entries_are_sorted_by_hash_then_term() -> None:
    """The one-number sort gives what a stable argsort of the hashes, filed term by term,
    gave: equal hashes (collisions, shared deletes) in term order."""
    words = ["астана", "астане", "астаны", "талқылау", "talks", "talk", "stalk", "a", "ab", "ба"]
    keys = np.array(sorted(spelling.FIELD_PREFIX + w.encode() for w in words), dtype=bytes)
    arrays = spelling.spelling_arrays(keys, spelling.FIELD_PREFIX)
    hashes: list[int] = []
    terms: list[int] = []
    for index, key in enumerate(keys):
        word = bytes(key)[len(spelling.FIELD_PREFIX) :].decode()
        own = {zlib.crc32(s.encode()) for s in spelling.deletes(word)}
        hashes += sorted(own)
        terms += [index] * len(own)
    order = np.argsort(np.array(hashes, dtype=np.uint32), kind="stable")
    assert arrays["spell_hashes"].dtype == np.uint32 and arrays["spell_terms"].dtype == np.int32
    assert np.array_equal(arrays["spell_hashes"], np.array(hashes, dtype=np.uint32)[order])
    assert np.array_equal(arrays["spell_terms"], np.array(terms, dtype=np.int32)[order])
    shared = np.diff(arrays["spell_hashes"]) == 0
    assert shared.any()  # the words share deletes: the order among equal hashes is tested


def test_a_segment_without_terms_gives_empty_arrays(tmp_path: Path) -> None:
    from whoosh import index as whoosh_index

    from app.build.schema import build_schema

    (tmp_path / "ix").mkdir()
    ix = whoosh_index.create_in(str(tmp_path / "ix"), build_schema())
    with ix.writer() as writer:
        writer.add_document(id="x")
    with ix.reader() as reader:
        leaf = next(iter(reader.leaf_readers()))[0]
        postings._write_segment(leaf, tmp_path / "segment")
    segment = postings.SegmentPostings(tmp_path / "segment", 0, 1)
    assert len(segment.docs) == len(segment.positions) == 0
    assert segment.offsets.tolist() == [0] * (len(segment.keys) + 1)
    assert segment.position_offsets[0:1].tolist() == [0]


def test_summary_records_written_in_chunks_are_each_documents_record(
    built: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Chunk after chunk, each document's record is the one read for its id, at its number."""
    from app.build.layout import DB_NAME

    leaf, reader = _first_leaf(built)
    ids = {docnum: str(stored["id"]) for docnum, stored in leaf.iter_docs()}
    size = leaf.doc_count_all()
    written = {}
    for chunk in (7, 1 << 20):
        monkeypatch.setattr(postings, "SUMMARY_CHUNK", chunk)
        written[chunk] = tmp_path / f"chunk{chunk}"
        written[chunk].mkdir()
        postings.write_summaries(leaf, written[chunk], built / DB_NAME)
    reader.close()
    for name in postings.SUMMARY_ARRAYS:
        assert filecmp.cmp(written[7] / f"{name}.npy", written[1 << 20] / f"{name}.npy", shallow=False)
    data = np.load(written[7] / "summaries.npy")
    offsets = np.load(written[7] / "summary_offsets.npy")
    expected = postings.summary_records(built / DB_NAME, sorted(ids.values()))
    assert len(offsets) == size + 1 and len(ids) > 20
    for docnum, ident in ids.items():
        assert data[offsets[docnum] : offsets[docnum + 1]].tobytes() == expected[ident]
