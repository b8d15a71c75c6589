"""Small Whoosh segments merged into one before a build's arrays are written.

Every incremental load adds a segment to the index (one file reloaded: a one-document
segment), and Whoosh's own policy merges small segments only once there are five of them.
A search looks every term up in every segment's dictionary and reads a slice of each
(app.build.postings.Postings): at 10k articles a build with five one-document segments
beside its two large ones spent 10–15 % of a multi-word search's CPU on them.

The newest segments are merged while each older one is at most MERGE_RATIO times all those
newer than it together, and small (under SMALL_SHARE of the index's documents): segment
sizes then grow geometrically from the newest, so a build keeps a few small segments at
most, and a load merges on average a few dozen documents (at most SMALL_SHARE of the
index, rarely). The merged segment is new to the build, so its columns and arrays are
read from Whoosh as any new segment's are; the others are linked from the served build.
"""

from typing import Any

from whoosh.index import Index
from whoosh.reading import SegmentReader
from whoosh.writing import SegmentWriter

# An older segment joins the merge while it holds at most this many times the documents of
# the newer segments being merged.
MERGE_RATIO = 8
# Only segments holding less than this share of the index's documents are ever merged: the
# large segments of a first build are never rewritten by a later load.
SMALL_SHARE = 1 / 16


def segments_to_merge(sizes: list[int]) -> int:
    """How many of the newest segments to merge into one, given every segment's document
    count (deleted ones included) in the index's order: 0 or at least 2."""
    total = sum(sizes)
    taken, merged = 0, 0
    for size in reversed(sizes):
        if size >= total * SMALL_SHARE or (taken and size > MERGE_RATIO * merged):
            break
        taken, merged = taken + 1, merged + size
    return taken if taken >= 2 else 0


def merge_small_segments(ix: Index) -> int:
    """Merge the newest small segments of `ix` (see the module's docstring) in one commit;
    how many were merged (0: the index is left as it was). Deleted documents of the merged
    segments are dropped, as in any Whoosh merge."""
    segments = list(ix._segments())  # Whoosh has no public list of an index's segments
    count = segments_to_merge([segment.doc_count_all() for segment in segments])
    if not count:
        return 0
    chosen = {segment.segment_id() for segment in segments[-count:]}

    def merge(writer: SegmentWriter, current: list[Any]) -> list[Any]:
        kept, lengths = [], dict.fromkeys(writer.schema.scorable_names(), 0)
        for segment in current:
            if segment.segment_id() not in chosen:
                kept.append(segment)
                continue
            reader = SegmentReader(writer.storage, writer.schema, segment)
            try:
                for name in lengths:
                    lengths[name] += _live_length(reader, name)
                writer.add_reader(reader)
            finally:
                reader.close()
        # Whoosh totals the merged documents' field lengths from their one-byte encodings
        # (approximate past ~30 words); the segments' own totals are exact, and BM25F's
        # average field length is read from them (app.search.ranking): kept exact, a merge
        # changes no score.
        writer.perdocwriter._fieldlengths.update(lengths)
        return kept

    writer = ix.writer()
    writer.commit(mergetype=merge)
    return count


def _live_length(reader: SegmentReader, fieldname: str) -> int:
    """A segment's exact total length of a field, less its deleted documents' (read from
    their one-byte encodings: the only record of them left)."""
    total: int = reader.field_length(fieldname)
    if reader.has_deletions():
        total -= sum(reader.doc_field_length(docnum, fieldname) for docnum in reader.deleted_docs_set)
    return total
