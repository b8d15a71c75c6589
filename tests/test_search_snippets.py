"""Snippets read only as much of the body as their window needs, and give what reading every
word gave (the plain version is kept here as the reference): generated Russian and Kazakh
articles and the seeds, with query keys taken from their own words, with and without the
spans of named entities, and with spans that come before, after or instead of a match."""

import random
import re
from pathlib import Path

import pytest

from app.queries.search import SNIPPET_WORDS, snippet
from app.schemas import Segment
from app.text.analysis import WORD
from app.text.morphology import query_keys
from bench.corpus import write_corpus
from tests.conftest import SEEDS_DIR


def plain_snippet(
    text: str, keys: set[str], words: int = SNIPPET_WORDS, spans: list[tuple[int, int]] | None = None
) -> list[Segment]:
    """The snippet as it was, every word of the text read."""
    tokens = list(WORD.finditer(text))
    if not tokens:
        return []

    def matches(token: re.Match[str]) -> bool:
        return bool(keys) and not keys.isdisjoint(query_keys(token.group(0).lower()))

    valid_spans = sorted((s, e) for s, e in spans or () if 0 <= s < e <= len(text))
    hit = next((i for i, t in enumerate(tokens) if matches(t)), None)
    if valid_spans and (hit is None or valid_spans[0][0] < tokens[hit].start()):
        hit = next((i for i, t in enumerate(tokens) if t.end() > valid_spans[0][0]), 0)
    first = max(0, (hit or 0) - words // 4)
    window = tokens[first : first + words]
    start, end = window[0].start(), window[-1].end()
    ranges = sorted([(t.start(), t.end()) for t in window if matches(t)] + valid_spans)
    marked: list[tuple[int, int]] = []
    for s, e in ranges:
        if marked and s <= marked[-1][1]:
            marked[-1] = (marked[-1][0], max(marked[-1][1], e))
        else:
            marked.append((s, e))
    segments: list[Segment] = [Segment(text="… ")] if start > 0 else []
    cursor = start
    for s, e in marked:
        if e <= cursor or s >= end:
            continue
        s, e = max(s, cursor), min(e, end)
        if s > cursor:
            segments.append(Segment(text=text[cursor:s]))
        segments.append(Segment(text=text[s:e], mark=True))
        cursor = e
    if cursor < end:
        segments.append(Segment(text=text[cursor:end]))
    if end < len(text):
        segments.append(Segment(text=" …"))
    return segments


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    paths: list[Path] = write_corpus(tmp_path_factory.mktemp("snippets"), 120)
    paths += sorted(SEEDS_DIR.iterdir())
    return [p.read_text(encoding="utf-8") for p in paths] + ["", "…", "one", "a b c"]


def test_snippets_equal_the_plain_ones(texts: list[str]) -> None:
    rng = random.Random(16)
    cases = 0
    for text in texts:
        words = [m.group(0).lower() for m in WORD.finditer(text)]
        for _ in range(6):
            keys: set[str] = set()
            if words and rng.random() < 0.8:
                for word in rng.sample(words, min(len(words), rng.choice((1, 2)))):
                    keys.update(query_keys(word))
            if rng.random() < 0.3:
                keys.add("nosuchkeyatall")
            spans: list[tuple[int, int]] | None = None
            if rng.random() < 0.5:
                spans = []
                for _ in range(rng.choice((0, 1, 2, 3))):
                    s = rng.randrange(-5, len(text) + 5)
                    spans.append((s, s + rng.randrange(-2, 30)))
            size = rng.choice((SNIPPET_WORDS, 5, 1))
            assert snippet(text, keys, size, spans) == plain_snippet(text, keys, size, spans), (keys, spans)
            cases += 1
    assert cases > 700
