"""The private Whoosh API in app.build.whoosh_private still behaves as the build relies on.

A failure here means the installed Whoosh is not the pinned one: rebuild and re-check the
arrays (postings, ranking) against Whoosh before moving the pin.
"""

from pathlib import Path

from whoosh import index
from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.fields import ID, TEXT, Schema
from whoosh.scoring import BM25F

from app.build import whoosh_private


def test_the_installed_whoosh_is_the_pinned_one() -> None:
    assert whoosh_private.installed_version() == whoosh_private.PINNED_VERSION, (
        "Whoosh is not whoosh-reloaded 2.7.5: app.build.whoosh_private uses its private API"
    )


def test_the_block_matcher_has_the_private_members_used() -> None:
    for name in ("_read_ids", "_read_weights", "_read_values", "_next_block"):
        assert callable(getattr(W3LeafMatcher, name, None)), f"W3LeafMatcher.{name} is gone"
    assert isinstance(BM25F()._field_B, dict), "BM25F._field_B is gone"


def test_reading_and_decoding_agree_with_whooshs_public_api(tmp_path: Path) -> None:
    """Block reads and bulk position decoding give what the public, one-posting-at-a-time
    API gives, on a segment large enough to span several blocks."""
    ix = index.create_in(str(tmp_path), Schema(id=ID(stored=True), body=TEXT(phrase=True)))
    with ix.writer() as writer:
        for n in range(300):
            writer.add_document(id=str(n), body=" ".join(["alpha"] * (n % 5 + 1) + ["beta"] * (n % 3)))
    with ix.reader() as reader:
        leaf = next(iter(reader.leaf_readers()))[0]
        ids, weights, values = whoosh_private.read_postings(leaf.postings("body", b"alpha"), True)
        public = leaf.postings("body", b"alpha")
        assert isinstance(public, W3LeafMatcher)
        expected_ids, expected_weights, expected_positions = [], [], []
        while public.is_active():
            expected_ids.append(public.id())
            expected_weights.append(public.weight())
            expected_positions.append(public.value_as("positions"))
            public.next()
    assert ids == expected_ids and len(ids) == 300
    assert weights == expected_weights
    deltas, counts = whoosh_private.decode_positions(values)
    positions, start = [], 0
    for count in counts:
        run, total = [], 0
        for delta in deltas[start : start + count]:
            total += delta
            run.append(total)
        positions.append(run)
        start += count
    assert positions == expected_positions


def test_the_per_field_b_is_bm25fs() -> None:
    weighting = BM25F(B=0.6, title_B=0.3)
    assert whoosh_private.field_b(weighting, "title") == 0.3
    assert whoosh_private.field_b(weighting, "text") == 0.6


def test_segment_offsets_from_the_table_of_contents_are_the_readers(tmp_path: Path) -> None:
    """The segments and first document numbers read from the table of contents, without
    opening a reader, are the leaf readers' own, for an empty index and for several
    segments (one with deletions)."""
    ix = index.create_in(str(tmp_path), Schema(id=ID(stored=True, unique=True), body=TEXT))
    assert whoosh_private.segment_offsets(ix) == []
    for batch in range(3):
        with ix.writer() as writer:
            writer.merge = False
            for n in range(5 + batch):
                writer.add_document(id=f"{batch}-{n}", body=f"word{n}")
    with ix.writer() as writer:
        writer.merge = False
        writer.delete_by_term("id", "1-2")
    with ix.reader() as reader:
        leaves = [(leaf.segment().segment_id(), offset) for leaf, offset in reader.leaf_readers()]
    assert len(leaves) == 3
    assert whoosh_private.segment_offsets(ix) == leaves
