"""A learned headline choice, validated across the development set's parts (leave one part out).

    python bench/train_headline.py                       # cross-validated table, rules vs model
    python bench/train_headline.py --write app/data/headline_model.json   # the model on v1-v14
    python bench/train_headline.py --model trees         # small boosted trees instead

Every tuning page (every part but the held-out one) is cleaned and parsed in this process with
the real loader. For each page the layout's candidates (app/loader/headline_model.py
`candidates`: "no headline", each line above the text and the text's first line, with
evidence that names no outlet and the rules' own verdicts) are recorded, and the page is then
cleaned and parsed once more per candidate with that candidate forced as the headline
(`headline_chooser`): a candidate is right when the record's headline is then the truth's.
So the score is the record's, as bench/accuracy.py counts it, not a line's.

Validation: for each part, a model trained on every other part picks one candidate per page
of the left-out part (the highest score); headline exact for the rules and for the model,
and "reach" (pages where some candidate gives the truth's headline). Lines the load finds
repeated across an outlet's pages are not removed first (the dev-set load finds none that
matter for the headline). Deterministic (fixed seed). scikit-learn is in the `bench` extra only.
"""

import argparse
import json
import pickle
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.loader.clean import clean  # noqa: E402
from app.loader.headline_model import FEATURES, Candidate, headline_chooser  # noqa: E402
from app.loader.parse import parse  # noqa: E402
from bench.accuracy import DEVSET, HELD_OUT_PART, norm_line  # noqa: E402

SEED = 15
VERSION = "r15-1"
# Logistic regression's inverse regularisation (a well-kept model: a few strong weights).
C = 0.3
TREES = 60
TREE_DEPTH = 3


@dataclass
class PageOptions:
    """One page's candidates: their evidence (rows), whether each gives the truth's headline,
    and which one the rules pick."""

    page: str
    part: str
    language: str
    values: np.ndarray
    right: np.ndarray
    rules_right: bool
    titles: list[str | None]


def record_title(
    text: str, force: int | None | str = "rules"
) -> tuple[str | None, list[Candidate], int | None]:
    """The record's headline with the rules' pick (or `force`d), the page's candidates and the
    rules' pick."""
    seen: list[tuple[list[Candidate], int | None]] = []

    def chooser(options: Sequence[Candidate], rules_at: int | None) -> int | None:
        seen.append((list(options), rules_at))
        return rules_at if force == "rules" else force  # type: ignore[return-value]

    token = headline_chooser.set(chooser)
    try:
        title = parse(clean(text)).title
    finally:
        headline_chooser.reset(token)
    options, rules_at = seen[0] if seen else ([], None)
    return title, options, rules_at


def page_options(truth: dict[str, Any], text: str) -> PageOptions | None:
    want = norm_line(truth["headline"]) if truth["headline"] else None

    def same(title: str | None) -> bool:
        return (norm_line(title) if title else None) == want

    title, options, rules_at = record_title(text)
    if not options:
        return None
    right, titles = [], []
    for option in options:
        got = title if option.at == rules_at else record_title(text, option.at)[0]
        right.append(same(got))
        titles.append(got)
    return PageOptions(
        truth["id"],
        str(truth.get("part", "v1")),
        truth["language"],
        np.array([o.values for o in options]),
        np.array(right),
        same(title),
        titles,
    )


# The rules' headline choice as features, and every verdict of the rules on a line.
RULES_PICK = ("rules_pick", "rules_none")
RULES_ALL = (*RULES_PICK, "rule_candidate", "rule_metadata", "rule_boilerplate", "chrome_like")


def fit(pages: Sequence[PageOptions], kind: str) -> tuple[Any, np.ndarray, np.ndarray]:
    """Train on the candidates of pages some candidate gets right."""
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    usable = [p for p in pages if p.right.any()]
    x = np.vstack([p.values for p in usable])
    y = np.concatenate([p.right for p in usable]).astype(int)
    means = x.mean(axis=0)
    scales = x.std(axis=0)
    scales[scales == 0] = 1.0
    model: Any
    if kind == "trees":
        model = GradientBoostingClassifier(
            n_estimators=TREES, max_depth=TREE_DEPTH, learning_rate=0.2, random_state=SEED
        )
    else:
        model = LogisticRegression(C=C, max_iter=5000, random_state=SEED)
    model.fit((x - means) / scales, y)
    return model, means, scales


def choose(model: Any, means: np.ndarray, scales: np.ndarray, page: PageOptions) -> int:
    scores = model.decision_function((page.values - means) / scales)
    return int(np.argmax(scores))


def parts_of(pages: Sequence[PageOptions]) -> list[str]:
    return sorted({p.part for p in pages}, key=lambda part: int(part[1:]))


def validate(pages: list[PageOptions], kind: str, show: bool, forward: bool = False) -> Counter[str]:
    print(
        "| left-out part | pages | reach | rules | model | model right, rules wrong |"
        " rules right, model wrong |"
    )
    print("|---|---|---|---|---|---|---|")
    total: Counter[str] = Counter()
    lost: list[str] = []
    order = parts_of(pages)
    for part in order[1:] if forward else order:
        if forward:
            train = [p for p in pages if order.index(p.part) < order.index(part)]
        else:
            train = [p for p in pages if p.part != part]
        test = [p for p in pages if p.part == part]
        model, means, scales = fit(train, kind)
        row: Counter[str] = Counter()
        for page in test:
            pick = choose(model, means, scales, page)
            got = bool(page.right[pick])
            row["pages"] += 1
            row["reach"] += bool(page.right.any())
            row["rules"] += page.rules_right
            row["model"] += got
            row["gained"] += got and not page.rules_right
            row["lost"] += page.rules_right and not got
            if show and got != page.rules_right:
                rules_title = next(
                    (t for t, v in zip(page.titles, page.right, strict=True) if v == page.rules_right), None
                )
                lost.append(
                    f"  {page.page} ({part}): model {'right' if got else 'wrong'} {page.titles[pick]!r};"
                    f" rules {'right' if page.rules_right else 'wrong'} {rules_title!r}"
                )
        total.update(row)
        print(
            f"| {part} | {row['pages']} | {row['reach']} | {row['rules']} | {row['model']} |"
            f" {row['gained']} | {row['lost']} |"
        )
    print(
        f"| all | {total['pages']} | {total['reach']} | {total['rules']} | {total['model']} |"
        f" {total['gained']} | {total['lost']} |"
    )
    if lost:
        print("\nwhere the two differ:")
        print("\n".join(lost))
    return total


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--model", choices=("lr", "trees"), default="lr")
    parser.add_argument("--show", action="store_true", help="list the pages where model and rules differ")
    parser.add_argument("--write", type=Path, help="write the logistic model trained on every tuning part")
    parser.add_argument("--consulted", action="store_true", help="mark the written model as consulted")
    parser.add_argument("--no-rules", action="store_true", help="leave the rules' headline pick out")
    parser.add_argument("--evidence-only", action="store_true", help="leave every verdict of the rules out")
    parser.add_argument("--forward", action="store_true", help="train on the parts gathered before only")
    parser.add_argument("--cache", type=Path, help="keep the pages' candidates in this file (pickle)")
    args = parser.parse_args()

    truths = [
        json.loads(line) for line in (DEVSET / "truth.jsonl").read_text(encoding="utf-8").splitlines() if line
    ]
    truths = [t for t in truths if str(t.get("part", "v1")) != HELD_OUT_PART]
    pages: list[PageOptions] = []
    if args.cache and args.cache.exists():
        pages = pickle.loads(args.cache.read_bytes())
    else:
        for truth in truths:
            path = DEVSET / "pages" / f"{truth['id']}.txt"
            if path.exists():
                page = page_options(truth, path.read_text(encoding="utf-8"))
                if page is not None:
                    pages.append(page)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    dropped = RULES_ALL if args.evidence_only else RULES_PICK if args.no_rules else ()
    keep = [i for i, name in enumerate(FEATURES) if name not in dropped]
    names = [FEATURES[i] for i in keep]
    pages = [replace(p, values=p.values[:, keep]) for p in pages]
    print(
        f"{len(pages)} tuning pages with candidates, {sum(len(p.right) for p in pages)} candidates; "
        f"model {args.model}, {len(names)} features\n"
    )
    print(
        ("forward (trained on the earlier parts)" if args.forward else "leave one part out")
        + ": headline exact (pages)\n"
    )
    validate(pages, args.model, args.show, args.forward)

    model, means, scales = fit(pages, "lr")
    weights = model.coef_[0]
    print("\nlogistic model on every tuning part, weights of the standardised features, largest first:")
    for name, weight in sorted(zip(names, weights, strict=True), key=lambda nw: -abs(nw[1])):
        print(f"  {name:22} {weight:+.3f}")
    if args.write and not dropped:
        numbers = {
            "about": (
                "A logistic score over the headline candidates' evidence (bench/train_headline.py);"
                " the loader consults it only when `consulted` is true."
            ),
            "version": VERSION,
            "seed": SEED,
            "trained_on": parts_of(pages),
            "consulted": args.consulted,
            "features": list(FEATURES),
            "means": [round(float(x), 6) for x in means],
            "scales": [round(float(x), 6) for x in scales],
            "weights": [round(float(x), 6) for x in weights],
            "bias": round(float(model.intercept_[0]), 6),
        }
        args.write.write_text(json.dumps(numbers, indent=1) + "\n", encoding="utf-8")
        print(f"written: {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
