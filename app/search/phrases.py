"""Phrases matched on the positions arrays, one segment at a time, in 32-bit places.

A place is a document and a position in one number, document above position; a phrase's
places are those of its first word, kept where the next word stands one position on, word
after word (app.build.postings.common). Over every segment at once a place needs 64 bits
(an index-wide document number above a 32-bit position). Within a segment of fewer than
65,536 documents whose positions stay under 65,535 it fits in 32: half the bytes for every
pass (building the places, merging them with the next word's) on phrases whose words
stand in most documents, as the boilerplate of a wire service's articles does. A segment
outside those bounds (a longer article, a larger segment) keeps 64-bit places.

A word's keys (its form, stem and lemma) often index the very same tokens: a key whose
documents, counts and positions equal an earlier key's in the segment adds no place.
"""

import time
from collections.abc import Callable
from typing import NamedTuple

import numpy as np

from app.build.postings import Postings, SegmentPostings, common, postings_within, same_postings

# Positions below this fit beside a document number under 2**16 in 32 bits, and the place
# after the last one (+1) does not carry into the document number.
NARROW_POSITIONS = (1 << 16) - 1
NARROW_DOCUMENTS = 1 << 16


class TooSlow(Exception):
    """The phrase check ran past its deadline."""


class _KeyPlaces(NamedTuple):
    """One key's postings in one segment: local document numbers, position counts and
    positions (as stored)."""

    docs: np.ndarray
    counts: np.ndarray
    positions: np.ndarray


def _read(segment: SegmentPostings, low: int, high: int) -> _KeyPlaces:
    starts = segment.position_offsets.read(low, high + 1)
    positions = segment.positions.read(int(starts[0]), int(starts[-1]))
    return _KeyPlaces(segment.docs.read(low, high), np.diff(starts), positions)


def _places(
    found: list[_KeyPlaces], within: np.ndarray | None, shift: int, dtype: type[np.unsignedinteger]
) -> np.ndarray:
    """A word's places in one segment (its keys' read postings), sorted and unique. `within`:
    a mask over the segment's documents, applied where it drops at least half of a key's
    postings (filtering out fewer cost more than it saved)."""
    chunks = []
    for key in found:
        docs, counts, positions = key.docs, key.counts, key.positions
        if within is not None:
            narrowed = postings_within(docs, counts, positions, within)
            if narrowed is None:
                continue
            docs, counts, positions = narrowed
        # Shifted before they are repeated: two passes over the places, not four.
        shifted = np.repeat(docs.astype(dtype) << dtype(shift), counts)
        chunks.append(shifted | positions.astype(dtype, copy=False))
    if not chunks:
        return np.zeros(0, dtype=dtype)
    codes = np.concatenate(chunks) if len(chunks) > 1 else chunks[0]
    if len(chunks) == 1:
        return codes  # one key's places: sorted and unique
    codes.sort(kind="stable")  # timsort merges the sorted runs
    return codes[np.concatenate(([True], codes[1:] != codes[:-1]))]


def phrase_mask(
    postings: Postings,
    fieldname: str,
    terms: list[list[str]],
    size: int,
    candidates: np.ndarray | None,
    deadline: float,
    clock: Callable[[], float] = time.monotonic,
) -> np.ndarray:
    """The documents (a mask of `size`) where the words stand next to each other in order,
    each word any of its keys: Whoosh's SpanNear2(slop=1, ordered, mindist=1), each word
    right after the span so far. `candidates`: a mask of the documents holding every word,
    when known (only their places are read further)."""
    result = np.zeros(size, dtype=bool)
    spans = [[postings.term_spans(fieldname, key) for key in keys] for keys in terms]
    for at, segment in enumerate(postings.segments):
        offset, documents = segment.offset, segment.documents
        local = None
        if candidates is not None:
            local = np.zeros(documents, dtype=bool)
            part = candidates[offset : offset + documents]
            local[: len(part)] = part
            if not local.any():
                continue
        narrow = documents < NARROW_DOCUMENTS
        shift, dtype = (16, np.uint32) if narrow else (32, np.uint64)
        ends: np.ndarray | None = None
        for word, key_spans in enumerate(spans):
            if word and clock() > deadline:  # a phrase of very many common words
                raise TooSlow
            found: list[_KeyPlaces] = []
            for low, high in (s[at] for s in key_spans):
                if low == high:
                    continue
                read = _read(segment, low, high)
                if not any(same_postings(read, earlier) for earlier in found):
                    found.append(read)
            if narrow and any(len(k.positions) and int(k.positions.max()) >= NARROW_POSITIONS for k in found):
                # A long article in the segment: its places in 64 bits, from the start.
                return _wide(postings, fieldname, terms, size, candidates, deadline, clock)
            if ends is None:
                ends = _places(found, local, shift, dtype)
            else:
                within = local
                if within is None and len(ends):
                    # The documents of the span so far, where they may filter the next word.
                    ending = ends >> dtype(shift)
                    largest = max((len(k.docs) for k in found), default=0)
                    if 2 * (np.count_nonzero(ending[1:] != ending[:-1]) + 1) <= largest:
                        within = np.zeros(documents, dtype=bool)
                        within[ending] = True
                ends = common(ends + dtype(1), _places(found, within, shift, dtype))
            if not len(ends):
                break
        if ends is not None and len(ends):
            docs = offset + (ends >> dtype(shift)).astype(np.int64)
            result[docs[docs < size]] = True
    return result


def _wide(
    postings: Postings,
    fieldname: str,
    terms: list[list[str]],
    size: int,
    candidates: np.ndarray | None,
    deadline: float,
    clock: Callable[[], float],
) -> np.ndarray:
    """The phrase over every segment in 64-bit places (Postings.places)."""
    ends = postings.places(fieldname, terms[0], candidates)
    for alternatives in terms[1:]:
        if not len(ends):
            break
        if clock() > deadline:
            raise TooSlow
        within = candidates
        if within is None:
            within = np.zeros(size, dtype=bool)
            docs = ends >> 32
            within[docs[docs < size]] = True
        ends = common(ends + 1, postings.places(fieldname, alternatives, within))
    result = np.zeros(size, dtype=bool)
    docs = (ends >> 32).astype(np.int64)
    result[docs[docs < size]] = True
    return result
