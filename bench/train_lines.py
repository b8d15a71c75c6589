"""A learned line classifier for the layout stage, validated across the development set's parts.

    python bench/train_lines.py                          # loads the tuning pages, then validates
    python bench/accuracy.py --no-failures --keep DIR   # or reuse a load of the development set:
    python bench/train_lines.py --archive DIR            # leave-one-part-out, logistic model
    python bench/train_lines.py --archive DIR --model trees --no-rules
    python bench/train_lines.py --archive DIR --forward  # each part scored at first sight
    python bench/train_lines.py --archive DIR --write model.json

Every non-empty line of every tuning page (v1 up to the part before bench/accuracy.py's
HELD_OUT_PART, which is never read here) is
labelled from devset/truth.jsonl as bench/accuracy.py reads it (`locate`): headline, metadata,
boilerplate or body. Each line is described by general evidence (`line_features`: position from
the top and the bottom and against the running text, length, function words, sentence
punctuation, digits, dates and clock times, separators, list marks, links, capitals, a line
repeated higher up, words shared with the lines below, quote marks, the neighbouring lines,
another language's function words) and, unless `--no-rules`, by what the loader's rules made of
it (clean.py `rule_pieces`, with the lines the load removed as repeated across pages of one
outlet read from the kept archive). The model gives the chance that a line is not the text
(boilerplate or metadata); the headline, the truth's and the one the rules pick, is left out
(the rules pick it).

Validation (what decides, not the fit): for each tuning part from v2, train on every other one
and score the left-out part line by line, for the rules alone, the model alone and the two
combined (the rules' verdicts stand, the model removes the lines the rules kept whole as text
when its chance passes a threshold), and the rules with the lines they removed kept back when
the model's chance is low: boilerplate lines left, metadata lines left, body lines lost.
`--forward` trains on the parts gathered before each part only, as a model would have met it.
Deterministic (fixed seed). scikit-learn is in the `bench` extra only.
"""

import argparse
import json
import math
import re
import shutil
import sqlite3
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.datafiles import load_data  # noqa: E402
from app.loader.clean import join_wrapped_lines, normalise, rule_pieces  # noqa: E402
from app.loader.dates import find_date  # noqa: E402
from app.loader.evidence import LIST_ITEM, WORD, content_stems, features  # noqa: E402
from app.loader.layout import BODY, NO_TEXT, Piece  # noqa: E402
from app.loader.repeated import REASON_PREFIX  # noqa: E402
from app.loader.wrapping import join_hard_wrapped  # noqa: E402
from bench.accuracy import DEVSET, HELD_OUT_PART, load_archive, locate, norm_line  # noqa: E402

SEED = 11
VERSION = "r11-1"
# Every part gathered before the held-out one (bench/accuracy.py's HELD_OUT_PART).
TUNING_PARTS = tuple(f"v{n}" for n in range(1, int(HELD_OUT_PART.removeprefix("v"))))
VALIDATED_PARTS = TUNING_PARTS[1:]
THRESHOLDS = (0.5, 0.7, 0.9, 0.97, 0.99)
# "kept back t": the rules' verdicts, but a line they removed stays when the model's chance is
# under t (the model as a check on the rules' removals).
KEPT_BACK = (0.2, 0.02)
NOT_TEXT = ("boilerplate", "metadata")
TREES = 40
TREE_DEPTH = 3

# A line of running text: a finished sentence of this many words (the text starts there).
LONG_SENTENCE_WORDS = 12
# A short line that ends no sentence: a menu item, a link, a label (runs of them are menus).
SHORT_LINE_WORDS = 8
# Lines below a line whose words are compared with it (its paragraph and the next ones).
FOLLOWING_LINES = 4
CLOCK = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
SEPARATORS = re.compile(r"[|»›•·▪►→]|\s/\s")
LINK = re.compile(r"https?://|www\.|\.(?:kz|ru|com|org|net|uz|kg|gov)\b", re.IGNORECASE)
QUOTE_MARKS = re.compile(r"[«»\"“”„]")
# The rules' verdicts as features: layout.py's kinds, and a line the load found on many
# pages of its outlet (repeated.py). The line the rules take for the headline is left out, as
# is the truth's: the headline is the rules' to pick (the loader keeps a body line it takes
# for the headline as the title or derives a title from it).
RULE_KINDS = ("metadata", "boilerplate", "site")

FEATURE_NAMES = (
    "position_from_top",
    "lines_from_top",
    "lines_from_bottom",
    "before_text",
    "after_text",
    "chars",
    "words",
    "stopword_share",
    "ends_sentence",
    "digit_share",
    "has_date",
    "has_clock",
    "separators",
    "list_item",
    "link",
    "title_case_share",
    "upper_share",
    "repeated_above",
    "shared_with_following",
    "quote_marks",
    "words_before",
    "words_after",
    "sentence_after",
    "short_run",
    "other_language",
    "last_line",
    *(f"rule_{kind}" for kind in RULE_KINDS),
)


@lru_cache(maxsize=1)
def stopwords_by_language() -> dict[str, frozenset[str]]:
    """The layout's short lists of function words, per language (data/layout.toml)."""
    return {lang: frozenset(words) for lang, words in load_data("layout.toml")["stopwords"].items()}


def page_language(texts: Sequence[str]) -> str:
    """The language whose function words the page uses most."""
    lists = stopwords_by_language()
    counts = dict.fromkeys(lists, 0)
    for text in texts:
        for word in WORD.findall(text.casefold()):
            for lang, words in lists.items():
                counts[lang] += word in words
    return max(counts, key=lambda lang: counts[lang])


def other_language(words: Sequence[str], language: str) -> int:
    """How many words are function words of another language only (a notice in Russian on a
    Kazakh page)."""
    lists = stopwords_by_language()
    own = lists.get(language, frozenset())
    others = frozenset().union(*(w for lang, w in lists.items() if lang != language))
    return sum(w.casefold() in others and w.casefold() not in own for w in words)


def rule_kinds(pieces: Sequence[Piece], site: dict[int, str]) -> tuple[dict[int, str], set[int]]:
    """Each line's kind by the rules (`site` for the load's repeated lines; absent: text) and
    the lines the rules kept whole as text (the ones a combined model may remove)."""
    kinds: dict[int, str] = {}
    parts: Counter[int] = Counter()
    for piece in pieces:
        parts[piece.number] += 1
        if piece.number in site:
            kinds[piece.number] = "site"
        elif piece.kind != BODY:
            kinds.setdefault(piece.number, piece.kind)
    return kinds, {n for n, count in parts.items() if count == 1 and n not in kinds}


def line_features(lines: Sequence[tuple[int, str]], kinds: dict[int, str]) -> dict[int, list[float]]:
    """The evidence for each non-empty line: line number -> values in FEATURE_NAMES' order."""
    texts = [(n, t) for n, t in lines if t]
    feats = [features(t) for _, t in texts]
    count = len(texts)
    long_lines = [i for i, f in enumerate(feats) if f.ends_sentence and f.n >= LONG_SENTENCE_WORDS]
    first_text = long_lines[0] if long_lines else count
    last_text = long_lines[-1] if long_lines else -1
    stems = [content_stems(f) for f in feats]
    short = [f.n < SHORT_LINE_WORDS and not f.ends_sentence for f in feats]
    runs = [0] * count
    start = 0
    for i in range(count + 1):
        if i == count or not short[i]:
            for j in range(start, i):
                runs[j] = i - start
            start = i + 1
    language = page_language([t for _, t in texts])
    seen: set[str] = set()
    out: dict[int, list[float]] = {}
    for i, ((number, text), f) in enumerate(zip(texts, feats, strict=True)):
        repeated = bool(f.key) and f.key in seen
        seen.add(f.key)
        chars = len(text)
        letters = sum(map(len, f.words))
        following: set[str] = set().union(*stems[i + 1 : i + 1 + FOLLOWING_LINES])
        own = stems[i]
        kind = kinds.get(number, "text")
        out[number] = [
            i / max(count - 1, 1),
            math.log1p(i),
            math.log1p(count - 1 - i),
            float(i < first_text),
            float(i > last_text),
            math.log1p(chars),
            math.log1p(f.n),
            f.stopwords / f.n if f.n else 0.0,
            float(f.ends_sentence),
            sum(c.isdigit() for c in text) / chars if chars else 0.0,
            float(chars <= 200 and find_date(text) is not None),
            float(bool(CLOCK.search(text))),
            float(len(SEPARATORS.findall(text))),
            float(bool(LIST_ITEM.match(text))),
            float(bool(LINK.search(text))),
            sum(w[:1].isupper() for w in f.words) / f.n if f.n else 0.0,
            sum(c.isupper() for c in text) / letters if letters else 0.0,
            float(repeated),
            len(own & following) / len(own) if own else 0.0,
            float(bool(QUOTE_MARKS.search(text))),
            math.log1p(feats[i - 1].n) if i else 0.0,
            math.log1p(feats[i + 1].n) if i + 1 < count else 0.0,
            float(i + 1 < count and feats[i + 1].ends_sentence),
            math.log1p(runs[i]),
            other_language(f.words, language) / f.n if f.n else 0.0,
            float(i == count - 1),
            *(float(kind == k) for k in RULE_KINDS),
        ]
    return out


@dataclass
class PageLines:
    """One page's labelled lines: numbers, features (rows), labels and the rules' verdicts."""

    page: str
    part: str
    numbers: list[int]
    values: np.ndarray
    labels: list[str]
    kept: np.ndarray  # kept whole as text by the rules


def site_lines(archive: Path) -> dict[str, dict[int, str]]:
    """Per page, the lines the load removed as repeated across pages of its outlet."""
    db = sqlite3.connect(f"file:{(archive / 'current' / 'archive.sqlite').resolve()}?mode=ro", uri=True)
    out: dict[str, dict[int, str]] = {}
    for source, removed in db.execute("select source_file, removed_lines from article"):
        out[Path(source).stem] = {
            int(r["line"]): r["reason"] for r in json.loads(removed) if r["reason"].startswith(REASON_PREFIX)
        }
    db.close()
    return out


def page_lines(truth: dict[str, Any], text: str, site: dict[int, str]) -> PageLines | None:
    """The page's lines with their features and labels; None for a page the rules found no
    running text on (left to them) or with no labelled line."""
    joined = join_hard_wrapped(join_wrapped_lines(normalise(text)))
    pieces = rule_pieces(joined, site)
    if any(p.reason == NO_TEXT for p in pieces):
        return None
    kinds, kept = rule_kinds(pieces, site)
    values = line_features(joined, kinds)
    raw = text.split("\n")
    if raw and raw[-1] == "":
        raw.pop()
    found, exact = locate(truth, raw)
    # On the snapshot the truth was written on, lines are labelled by their numbers; on
    # another copy by their text, as bench/accuracy.py finds them.
    by_text: dict[str, str] = {}
    by_number: dict[int, str] = {}
    for kind in ("headline", "boilerplate", "metadata", "body"):
        by_text.update((line, kind) for line in found[kind])
        if exact and kind != "headline":
            by_number.update((e["line"], kind) for e in truth[f"{kind}_lines"])
    if exact and truth["headline_line"]:
        by_number[truth["headline_line"]] = "headline"
    numbers, rows, labels = [], [], []
    for number, line in joined:
        if not line or number not in values:
            continue
        label = by_number.get(number) if exact else by_text.get(norm_line(line))
        if label is None or label == "headline" or kinds.get(number) == "headline":
            continue
        numbers.append(number)
        rows.append(values[number])
        labels.append(label)
    if not rows:
        return None
    return PageLines(
        truth["id"],
        str(truth.get("part", "v1")),
        numbers,
        np.array(rows),
        labels,
        np.array([n in kept for n in numbers]),
    )


Chances = Callable[[PageLines], np.ndarray]


def fit(pages: Sequence[PageLines], names: Sequence[str], kind: str) -> tuple[Chances, dict[str, Any]]:
    """Train on these pages; returns the model's chances per page and its numbers (for a
    logistic model: feature means, scales, weights and bias)."""
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    columns = [FEATURE_NAMES.index(n) for n in names]
    x = np.vstack([p.values[:, columns] for p in pages])
    y = np.array([label in NOT_TEXT for p in pages for label in p.labels], dtype=int)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    model: Any
    if kind == "trees":
        model = GradientBoostingClassifier(
            n_estimators=TREES, max_depth=TREE_DEPTH, learning_rate=0.2, random_state=SEED
        )
    else:
        model = LogisticRegression(C=0.5, max_iter=2000, random_state=SEED, class_weight="balanced")
    model.fit((x - means) / scales, y)

    def chances(page: PageLines) -> np.ndarray:
        return np.asarray(model.predict_proba((page.values[:, columns] - means) / scales)[:, 1])

    numbers: dict[str, Any] = {"names": list(names), "means": means.tolist(), "scales": scales.tolist()}
    if kind == "lr":
        numbers |= {"weights": model.coef_[0].tolist(), "bias": float(model.intercept_[0])}
    return chances, numbers


def score(pages: Sequence[PageLines], removed: Sequence[np.ndarray]) -> Counter[str]:
    """Lines left or lost when `removed[i]` says which of page i's lines go."""
    counts: Counter[str] = Counter()
    for page, gone in zip(pages, removed, strict=True):
        for label, out in zip(page.labels, gone, strict=True):
            counts[label] += 1
            if label in NOT_TEXT and not out:
                counts[f"{label} left"] += 1
            if label == "body" and out:
                counts["body lost"] += 1
    return counts


def cell(counts: Counter[str]) -> str:
    return f"{counts['boilerplate left']} / {counts['metadata left']} / {counts['body lost']}"


def validate(
    pages: list[PageLines], names: Sequence[str], kind: str, forward: bool
) -> dict[str, Counter[str]]:
    """Score each part with a model that never saw it; prints one row per part, returns totals."""
    columns = [
        "rules",
        "model 0.5",
        *(f"combined {t}" for t in THRESHOLDS),
        *(f"kept back {t}" for t in KEPT_BACK),
    ]
    print("| left-out part | lines (bp / md / body) | " + " | ".join(columns) + " |")
    print("|---|---|" + "---|" * len(columns))
    total = {c: Counter[str]() for c in columns}
    for part in VALIDATED_PARTS[1:] if forward else VALIDATED_PARTS:
        if forward:
            train = [p for p in pages if TUNING_PARTS.index(p.part) < TUNING_PARTS.index(part)]
        else:
            train = [p for p in pages if p.part != part]
        test = [p for p in pages if p.part == part]
        chances, _ = fit(train, names, kind)
        probs = [chances(p) for p in test]
        rules = [~p.kept for p in test]
        row = {"rules": score(test, rules), "model 0.5": score(test, [pr >= 0.5 for pr in probs])}
        for t in THRESHOLDS:
            row[f"combined {t}"] = score(
                test, [r | ((pr >= t) & p.kept) for r, pr, p in zip(rules, probs, test, strict=True)]
            )
        for t in KEPT_BACK:
            row[f"kept back {t}"] = score(test, [r & (pr >= t) for r, pr in zip(rules, probs, strict=True)])
        base = row["rules"]
        lines = f"{base['boilerplate']} / {base['metadata']} / {base['body']}"
        print(f"| {part} | {lines} | " + " | ".join(cell(row[c]) for c in columns) + " |")
        for c in columns:
            total[c].update(row[c])
    base = total["rules"]
    lines = f"{base['boilerplate']} / {base['metadata']} / {base['body']}"
    print(f"| all | {lines} | " + " | ".join(cell(total[c]) for c in columns) + " |")
    return total


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--archive",
        type=Path,
        help="a load kept by `bench/accuracy.py --keep DIR` (default: load the tuning pages now)",
    )
    parser.add_argument("--model", choices=("lr", "trees"), default="lr", help="logistic or boosted trees")
    parser.add_argument(
        "--no-rules", action="store_true", help="leave the rules' verdicts out of the features"
    )
    parser.add_argument("--forward", action="store_true", help="train on the earlier parts only")
    parser.add_argument(
        "--write", type=Path, help="write the logistic model trained on the tuning parts here (JSON)"
    )
    args = parser.parse_args()

    truths = [
        json.loads(line) for line in (DEVSET / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    truths = [
        t for t in truths if str(t.get("part", "v1")) in TUNING_PARTS and t.get("part") != HELD_OUT_PART
    ]
    archive = args.archive
    if archive is None:
        # A load of the tuning pages alone (the held-out set stays unread), as
        # bench/accuracy.py loads only the truth's pages.
        archive = Path(tempfile.mkdtemp(prefix="train-lines-"))
        chosen = Path(tempfile.mkdtemp(prefix="train-lines-pages-"))
        for truth in truths:
            page = DEVSET / "pages" / f"{truth['id']}.txt"
            if page.exists():
                shutil.copyfile(page, chosen / page.name)
        load_archive(chosen, archive)
        shutil.rmtree(chosen, ignore_errors=True)
    site = site_lines(archive)
    pages = []
    for truth in truths:
        path = DEVSET / "pages" / f"{truth['id']}.txt"
        if path.exists() and truth["id"] in site:
            page = page_lines(truth, path.read_text(encoding="utf-8"), site[truth["id"]])
            if page is not None:
                pages.append(page)
    names = [n for n in FEATURE_NAMES if not (args.no_rules and n.startswith("rule_"))]
    labelled = Counter(label for p in pages for label in p.labels)
    print(
        f"{len(pages)} tuning pages, {sum(labelled.values())} labelled lines ({dict(labelled)}); "
        f"{sum(len(v) for v in site.values())} lines the load found repeated across an outlet's pages; "
        f"model {args.model}, {len(names)} features{'' if not args.no_rules else ' (no rules)'}\n"
    )
    print(
        ("forward (trained on the earlier parts)" if args.forward else "leave one part out")
        + ": boilerplate left / metadata left / body lost, in lines\n"
    )
    validate(pages, names, args.model, args.forward)

    chances, numbers = fit(pages, names, "lr")
    print("\nlogistic model on the tuning parts, weights of the standardised features, largest first:")
    for name, weight in sorted(zip(names, numbers["weights"], strict=True), key=lambda nw: -abs(nw[1])):
        print(f"  {name:24} {weight:+.3f}")
    if args.write:
        numbers |= {"version": VERSION, "trained_on": list(TUNING_PARTS), "seed": SEED}
        args.write.write_text(json.dumps(numbers, indent=1) + "\n", encoding="utf-8")
        print(f"written: {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
