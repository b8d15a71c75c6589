"""A learned headline choice beside the rules: each line above the text (and the text's first
line) is a candidate, described by evidence that names no outlet, and "no headline" is one
more candidate; a logistic score trained offline (bench/train_headline.py) picks the best.

The weights are plain numbers in data/headline_model.json, applied here without
scikit-learn. The loader consults them only when the file says so (`consulted`): the rules
(headline.py `choose_headline`) decide otherwise, and their verdict is one of the features.
`headline_chooser` lets the bench see every page's candidates and force a choice, so that
it scores each candidate by the record the loader then makes.
"""

import math
import re
from collections.abc import Callable, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from app.datafiles import data_path, load_json
from app.loader.dates import find_date, has_clock, parse_header
from app.loader.evidence import (
    ASKS,
    Features,
    content_stems,
    features,
    headline_candidate,
    menu_like,
    metadata_reason,
    name_like,
    office_line,
    other_script,
    shared_with,
    site_like,
    split_headline,
    strip_breadcrumb,
    verb_like,
)
from app.loader.headline import ABOUT_TEXT_LINES, choose_headline

# Lines above the text weighed as candidates at most (a long menu is not read to its end).
MAX_CANDIDATES = 25
SEPARATORS = re.compile(r"\s[|»›•·/—–-]\s")
FULL_STOP = re.compile(r"[.…][»\"”’')\]]*$")

FEATURES = (
    "none",
    "rules_pick",
    "rules_none",
    "none_after_chrome",
    "above_text",
    "first_of_text",
    "position",
    "lines_to_text",
    "file_start",
    "words",
    "short",
    "long",
    "title_case_share",
    "capitals_share",
    "full_stop",
    "asks",
    "date",
    "clock",
    "separators",
    "suffix_cut",
    "breadcrumb",
    "repeated_below",
    "shared_with_text",
    "share_with_text",
    "stopword_share",
    "rule_candidate",
    "rule_metadata",
    "rule_boilerplate",
    "chrome_like",
    "other_script",
    "verb",
    "candidates_above",
)


@dataclass(frozen=True)
class Candidate:
    """One option of a page's headline: a line (its index among the layout's lines) or None."""

    at: int | None
    values: tuple[float, ...]


HeadlineChooser = Callable[[Sequence[Candidate], int | None], int | None]
# The bench's hook: it gets each page's candidates and the rules' pick, and returns the pick.
headline_chooser: ContextVar[HeadlineChooser | None] = ContextVar("headline_chooser", default=None)


def _share(words: Sequence[str], test: Callable[[str], bool]) -> float:
    return sum(map(test, words)) / len(words) if words else 0.0


def candidates(
    lines: Sequence[tuple[int, str]],
    feats: Sequence[Features],
    matched: Sequence[object | None],
    first: int,
    script: str,
    rules_at: int | None,
) -> list[Candidate]:
    """The page's options with their evidence, in FEATURES' order: "no headline" first, then
    each line above the text and the text's first line."""
    text_stems = frozenset().union(
        *(content_stems(f) for f in feats[first + 1 : first + 1 + ABOUT_TEXT_LINES])
    )
    later = {}
    for j, f in enumerate(feats):
        later[f.key] = j
    chrome_above = any(m is not None for m in matched[:first])
    out = [
        Candidate(
            None,
            tuple(float(x) for x in (1, 0, rules_at is None, chrome_above, *([0] * (len(FEATURES) - 4)))),
        )
    ]
    seen_candidates = 0
    for i in range(min(first + 1, len(lines), MAX_CANDIDATES)):
        raw = lines[i][1]
        header = parse_header(raw)
        text = header[1] if header is not None else raw
        trail, text = strip_breadcrumb(text)
        title, suffix, stamp, _ = split_headline(text)
        f = features(title)
        line = feats[i]
        shared, share = shared_with(f, text_stems)
        candidate = headline_candidate(f, script)
        letters = [c for c in title if c.isalpha()]
        values = (
            0,
            i == rules_at,
            rules_at is None,
            0,
            i < first,
            i == first,
            math.log1p(i),
            math.log1p(max(first - i, 0)),
            all(matched[j] is not None or metadata_reason(feats[j]) is not None for j in range(i)),
            math.log1p(f.n),
            f.n < 3,
            f.n > 20,
            _share(f.words, lambda w: w[:1].isupper()),
            _share(letters, str.isupper),
            bool(FULL_STOP.search(title)),
            ASKS.search(title) is not None,
            find_date(raw[:200]) is not None,
            has_clock(raw),
            min(3, len(SEPARATORS.findall(raw))),
            bool(suffix or stamp),
            bool(trail),
            bool(f.key) and later.get(f.key, -1) > i,
            min(5, shared),
            share,
            f.stopwords / f.n if f.n else 0.0,
            candidate,
            metadata_reason(line) is not None,
            matched[i] is not None,
            menu_like(line) or site_like(line) or office_line(line) or name_like(line),
            other_script(title, script),
            verb_like(f),
            min(3, seen_candidates),
        )
        seen_candidates += candidate
        out.append(Candidate(i, tuple(float(v) for v in values)))
    return out


@dataclass(frozen=True)
class HeadlineModel:
    """A logistic score over standardised FEATURES (data/headline_model.json)."""

    features: tuple[str, ...]
    means: tuple[float, ...]
    scales: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    consulted: bool

    def score(self, candidate: Candidate) -> float:
        z = self.bias
        for x, m, s, w in zip(candidate.values, self.means, self.scales, self.weights, strict=True):
            z += w * (x - m) / s
        return z

    def choose(self, options: Sequence[Candidate]) -> int | None:
        """The option with the highest score (the first of equals)."""
        return max(options, key=self.score).at


MODEL_FILE = "headline_model.json"


@lru_cache(maxsize=1)
def headline_model() -> HeadlineModel | None:
    """The trained choice, or None when the data file has none or says it is not consulted."""
    if not data_path(MODEL_FILE).exists():
        return None
    data = load_json(MODEL_FILE)
    model = HeadlineModel(
        features=tuple(str(f) for f in data["features"]),
        means=tuple(float(x) for x in data["means"]),
        scales=tuple(float(x) for x in data["scales"]),
        weights=tuple(float(x) for x in data["weights"]),
        bias=float(data["bias"]),
        consulted=bool(data.get("consulted", False)),
    )
    if model.features != FEATURES:
        raise ValueError(f"{MODEL_FILE} was trained on other features than the loader computes")
    return model


def pick_headline(
    lines: Sequence[tuple[int, str]],
    feats: Sequence[Features],
    matched: Sequence[object | None],
    first: int,
    script: str,
) -> int | None:
    """The rules' headline, or the model's when it is consulted (or the bench's chooser)."""
    rules_at = choose_headline(lines, feats, matched, first, script)
    chooser = headline_chooser.get()
    model = headline_model() if chooser is None else None
    if chooser is None and (model is None or not model.consulted):
        return rules_at
    options = candidates(lines, feats, matched, first, script, rules_at)
    if chooser is not None:
        return chooser(options, rules_at)
    assert model is not None
    return model.choose(options)
