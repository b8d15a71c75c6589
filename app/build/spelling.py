"""Respellings from the term dictionary: a symmetric-delete index per segment, beside its
postings arrays, written by the loader and read by the web process.

Whoosh's corrector walks every term of the index in Python and measures its edit distance
to the typed word (a MultiReader has no automaton): tens of milliseconds at 10k articles,
more as the vocabulary grows. A symmetric-delete index turns that into a few lookups: every
term is filed under itself and each string it becomes with one or two letters deleted; a
word within two edits of a term (insertions, deletions, substitutions, transpositions) shares
one of those strings with it. Each string is filed by a 32-bit hash (`zlib.crc32` of its
UTF-8: stable across processes, unlike `hash`); a collision only adds a candidate, and every
candidate is measured with Whoosh's own distance before it is offered.

The answer is Whoosh's (`ReaderCorrector.suggest(word, limit=1, maxdist=2)` over a
multi-segment reader): among the terms of the text field within Damerau-Levenshtein distance
2, the most frequent (summed over segments, deleted documents included), ties to the greater
term; a test compares the two on generated misspellings.
"""

import zlib
from collections.abc import Iterable
from pathlib import Path

import numpy as np
from whoosh.support.levenshtein import damerau_levenshtein

from app.build.schema import TEXT

MAX_DISTANCE = 2
SPELLING_ARRAYS = ("spell_hashes", "spell_terms")


def deletes(word: str, depth: int = MAX_DISTANCE) -> set[str]:
    """The word and every string it becomes with up to `depth` letters deleted."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def _hashes(strings: Iterable[str]) -> list[int]:
    return [zlib.crc32(s.encode()) for s in strings]


# Terms whose delete hashes are gathered as Python ints before they become an array: a
# segment of 50k articles files ten million hashes, half a gigabyte as Python lists.
HASH_BATCH_TERMS = 4096


def spelling_arrays(keys: np.ndarray, field_prefix: bytes) -> dict[str, np.ndarray]:
    """For a segment's sorted posting keys: the delete hashes of its text-field terms, sorted,
    and for each the key's index (one entry per distinct hash and term; of equal hashes, the
    lower index first)."""
    start = int(np.searchsorted(keys, field_prefix))
    end = int(np.searchsorted(keys, field_prefix[:-1] + bytes([field_prefix[-1] + 1])))
    # Each entry as one number, hash above index: one sort orders them by hash, then index.
    parts: list[np.ndarray] = []
    for first in range(start, end, HASH_BATCH_TERMS):
        entries: list[int] = []
        for index in range(first, min(first + HASH_BATCH_TERMS, end)):
            term = bytes(keys[index])[len(field_prefix) :].decode()
            entries.extend((h << 32) | index for h in set(_hashes(deletes(term))))
        parts.append(np.array(entries, dtype=np.uint64))
    joined = np.concatenate(parts) if parts else np.zeros(0, dtype=np.uint64)
    joined.sort()
    return {
        "spell_hashes": (joined >> np.uint64(32)).astype(np.uint32),
        "spell_terms": (joined & np.uint64(0xFFFFFFFF)).astype(np.int32),
    }


def wanted_hashes(word: str) -> np.ndarray:
    """The word's delete hashes, sorted: what `candidates` looks up in each segment."""
    return np.array(sorted(set(_hashes(deletes(word)))), dtype=np.uint32)


def candidates(
    segment_keys: np.ndarray,
    hashes: np.ndarray,
    terms: np.ndarray,
    word: str,
    wanted: np.ndarray | None = None,
) -> np.ndarray:
    """Key indexes of one segment's terms that share a delete hash with the word.
    `wanted`: its `wanted_hashes`, made once for every segment."""
    wanted = wanted_hashes(word) if wanted is None else wanted
    low = np.searchsorted(hashes, wanted, side="left")
    high = np.searchsorted(hashes, wanted, side="right")
    found = [terms[a:b] for a, b in zip(low.tolist(), high.tolist(), strict=True) if a < b]
    if not found:
        return np.zeros(0, dtype=np.int32)
    # Sorted and deduplicated by hand: np.unique imported numpy.ma on its first call, a
    # quarter of a second charged to the first search of a worker that found nothing.
    joined = np.sort(np.concatenate(found))
    unique: np.ndarray = joined[np.concatenate(([True], joined[1:] != joined[:-1]))]
    return unique


def close(word: str, term: str) -> bool:
    """Whether the term is within the corrector's distance of the word. Lengths further
    apart than the distance are not measured: an edit changes the length by one at most
    (Whoosh's distance in Python was a tenth of a search that finds nothing)."""
    if abs(len(word) - len(term)) > MAX_DISTANCE:
        return False
    return bool(damerau_levenshtein(term, word, limit=MAX_DISTANCE) <= MAX_DISTANCE)


def best(word: str, frequencies: dict[str, float], measured: bool = False) -> str | None:
    """Whoosh's choice among candidate terms (term -> frequency over all segments): within
    MAX_DISTANCE, the highest (score, term) of its ReaderCorrector, whose score is
    -(maxdist + 0.5 / frequency): the most frequent, ties to the greater term.
    `measured`: every candidate is already known to be `close`."""
    scored = [
        (0 - (MAX_DISTANCE + (1.0 / (frequency or 1) * 0.5)), term)
        for term, frequency in frequencies.items()
        if measured or close(word, term)
    ]
    return max(scored)[1] if scored else None


FIELD_PREFIX = TEXT.encode() + b"\x1f"


def segment_complete(folder: Path) -> bool:
    return all((folder / f"{name}.npy").is_file() for name in SPELLING_ARRAYS)
