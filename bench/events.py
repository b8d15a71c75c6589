"""How well the loader groups reports into events, on the labelled events set.

Loads every page named in devset/events.jsonl (devset pages and ev- pages from devset/pages/,
the seeds from seeds/) with the real loader, reads the events it stored, and prints per
language pair the pairwise precision and recall (a pair of reports is "same event" when they
share an event), B-cubed precision, recall and F1 per language, and the inferred dates that
contradict the labelled date of the event or the page's own date; then every failure. The
parts are reported apart: tuning, old held out (phase 1's third of the events; tuning too
since phase 2, as its failures were read), v2 (47 pages collected in phase 2 before the
method changed; tuning data since round 9, which read its failures) and v3 (65 pages
collected after v2, before round 9 tuned on v2: the fresh check) and v4 (87 pages collected
after v3, a check kept for the rounds after v3 is spent; tuning data since round 15, which
reads its failures) and v5 (110 pages collected after v4, before round 15 landed: the fresh
check now). All pages are loaded into one build, as in the archive. The failures of v3, v4
and v5 are not listed unless asked for (`--failures-of v3`, `--failures-of v4`,
`--failures-of v5`): a check whose failures are read while the method is tuned checks nothing.

    .venv/bin/python bench/events.py [--no-failures] [--failures-of v3] [--causes]

`--causes` also classifies every missed same-event pair of the parts whose failures are
listed by why the grouping missed it (`miss_cause`) and prints the count per cause and part.

Without the pages (CI) it says there is nothing to measure and exits 0.
"""

import argparse
import itertools
import json
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.build.spare import wait_for_copy_of  # noqa: E402

DEVSET = ROOT / "devset"
PAGES = DEVSET / "pages"
SEEDS = ROOT / "seeds"


def load_set() -> tuple[dict[str, dict], list[dict], dict[str, str | None]]:
    rows = [json.loads(line) for line in (DEVSET / "events.jsonl").read_text(encoding="utf-8").splitlines()]
    events = {r["event"]: r for r in rows if r["type"] == "event"}
    pages = [r for r in rows if r["type"] == "page"]
    own = {}
    for line in (DEVSET / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        t = json.loads(line)
        own[t["id"]] = t["date"]
    return events, pages, own


def source(page: dict) -> Path:
    return (SEEDS if page["source"] == "seeds" else PAGES) / f"{page['id']}.txt"


def load(pages: list[dict], work: Path) -> Path:
    folder = work / "in"
    folder.mkdir()
    for page in pages:
        shutil.copyfile(source(page), folder / f"{page['id']}.txt")
    data = work / "data"
    run = subprocess.run(
        [sys.executable, "-m", "app.cli", "--data-dir", str(data), "load", str(folder), "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if run.returncode not in (0, 1):
        sys.exit(f"archive load failed (exit {run.returncode}):\n{run.stdout}{run.stderr}")
    # The load's copy ahead outlives it: the temporary folder must outlive the copy.
    if (data / "current").exists():
        wait_for_copy_of(data, (data / "current").resolve().name)
    return data / "current" / "archive.sqlite"


def read_build(
    db_path: Path,
) -> tuple[dict[str, set[str]], dict[str, list[tuple[str, str, list[str]]]], dict]:
    db = sqlite3.connect(f"file:{db_path.resolve()}?mode=ro", uri=True)
    page_of = {ident: Path(name).stem for ident, name in db.execute("SELECT id, source_file FROM article")}
    language = {
        Path(name).stem: lang for name, lang in db.execute("SELECT source_file, language FROM article")
    }
    predicted: dict[str, set[str]] = defaultdict(set)
    inferred: dict[str, list[tuple[str, str, list[str]]]] = defaultdict(list)
    for event_id, article_id, date, evidence in db.execute(
        "SELECT event_id, article_id, inferred_date, date_evidence FROM event_report"
    ):
        page = page_of[article_id]
        predicted[page].add(event_id)
        if date:
            inferred[page].append((event_id, date, [page_of.get(e, e) for e in json.loads(evidence)]))
    return predicted, inferred, language


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "  - "


def measure(part: list[dict], predicted: dict[str, set[str]], failures: list[str], label: str) -> list[str]:
    truth = {p["id"]: set(p["events"]) for p in part}
    pred = {p["id"]: predicted.get(p["id"]) or {f"alone:{p['id']}"} for p in part}
    lang = {p["id"]: p["language"] or "xx" for p in part}
    pairs: dict[str, Counter] = defaultdict(Counter)
    for a, b in itertools.combinations(sorted(truth), 2):
        key = "-".join(sorted((lang[a], lang[b])))
        same, said = bool(truth[a] & truth[b]), bool(pred[a] & pred[b])
        for k in (key, "all"):
            pairs[k]["tp"] += same and said
            pairs[k]["fp"] += said and not same
            pairs[k]["fn"] += same and not said
        if said and not same:
            failures.append(f"{label}: wrongly linked {a} {sorted(truth[a])} ~ {b} {sorted(truth[b])}")
        if same and not said:
            failures.append(f"{label}: not linked {a} ~ {b} (both {sorted(truth[a] & truth[b])})")
    lines = [f"{'pair':<8} {'same-event pairs':>16} {'P':>5} {'R':>5}"]
    for key in sorted(pairs, key=lambda k: (k == "all", k)):
        c = pairs[key]
        if c["tp"] + c["fp"] + c["fn"] == 0:
            continue
        lines.append(
            f"{key:<8} {c['tp'] + c['fn']:>16} {ratio(c['tp'], c['tp'] + c['fp']):>5} "
            f"{ratio(c['tp'], c['tp'] + c['fn']):>5}"
        )
    bcubed: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for p in truth:
        t = {q for q in truth if truth[q] & truth[p]}
        s = {q for q in truth if pred[q] & pred[p]}
        both = len(t & s)
        for k in (lang[p], "all"):
            bcubed[k].append((both / len(s), both / len(t)))
    lines.append(f"{'B-cubed':<8} {'pages':>16} {'P':>5} {'R':>5} {'F1':>5}")
    for k in sorted(bcubed, key=lambda k: (k == "all", k)):
        bp = sum(x for x, _ in bcubed[k]) / len(bcubed[k])
        br = sum(y for _, y in bcubed[k]) / len(bcubed[k])
        f1 = 2 * bp * br / (bp + br) if bp + br else 0.0
        lines.append(f"{k:<8} {len(bcubed[k]):>16} {bp:>5.2f} {br:>5.2f} {f1:>5.2f}")
    return lines


def check_dates(
    part: list[dict],
    events: dict[str, dict],
    inferred: dict[str, list[tuple[str, str, list[str]]]],
    own: dict[str, str | None],
    failures: list[str],
    label: str,
) -> str:
    right = wrong = unknown = 0
    for page in part:
        for _event, date, evidence in inferred.get(page["id"], []):
            allowed = [d for e in page["events"] for d in events[e]["dates"]]
            mine = own.get(page["id"])
            bad = bool(allowed) and not any(date.startswith(d) for d in allowed)
            bad = bad or bool(
                mine and not (date == mine or (mine.startswith("--") and date.endswith(mine[1:])))
            )
            if bad:
                wrong += 1
                failures.append(
                    f"{label}: wrong inferred date {page['id']} {date} (labelled {allowed or mine})"
                )
            elif allowed or mine:
                right += 1
            else:
                unknown += 1
                failures.append(
                    f"{label}: inferred date {page['id']} {date} from {evidence}, no label to check"
                )
    return f"inferred dates: {right} right, {wrong} wrong, {unknown} unlabelled"


def miss_cause(
    a: str, b: str, reports: dict, event_of: dict[str, set[str]], truth: dict[str, set[str]]
) -> str:
    """Why the grouping did not put two reports of one event together, the first that holds of:
    a side with no contact key; no key in common (one side keyed to a country or organisation,
    or to other leaders); a side already in an event holding a report of another labelled
    event; two dated reports whose days, kinds or content keep them apart; two undated reports
    sharing nothing beyond the pair, or too little content; an undated report beside a dated
    one that shares nothing beyond the pair, too little content, names another kind or year,
    or fits several dated events alike."""
    from app.loader import events as ev

    ra, rb = reports.get(a), reports.get(b)
    for side in (ra, rb):
        if side is None or not side.keys:
            return "no contact key on one side"
    shared = set(ra.keys) & set(rb.keys)
    if not shared:
        if any(all(any(":" in p for p in k) for k in r.keys) for r in (ra, rb)):
            return "different keys: one side keyed to a country or organisation"
        return "different keys: other leaders as participants"
    labelled = truth[a] & truth[b]
    for page in (a, b):
        for event in event_of.get(page, set()):
            mates = {q for q, es in event_of.items() if event in es} - {page}
            if any(not (truth.get(q, set()) & labelled) for q in mates if q in truth):
                return "one side in a wrong group"
    s = ev.settings()
    key = sorted(shared)[0]
    if ra.date and rb.date:
        if ev.dates_agree(ra, rb, ev.window(ra, rb)) is False:
            return "dated: days too far apart"
        if (ra.head_class or rb.head_class) and not ev.kinds_agree(ra.klass, rb.klass):
            return "kind mismatch"
        if ev.similarity(ra, rb) < s.min_similarity_dated:
            return "dated: content below threshold"
        return "dated: other"
    if not ra.date and not rb.date:
        if ev.dates_agree(ra, rb, ev.window(ra, rb)) is False:
            return "undated: stated days or years disagree"
        if ev._shared_beyond(ra, rb, key) < s.min_distinctive:
            return "undated pair: nothing shared beyond the pair"
        need = s.min_similarity_stated_day if ev.same_stated_day(ra, rb) else s.min_similarity_undated
        if ev.similarity(ra, rb) < need:
            return "undated pair: content below threshold"
        return "undated pair: group rules"
    u, d = (ra, rb) if rb.date else (rb, ra)
    if ev.dates_agree(u, d, ev.window(u, d)) is False:
        return "undated vs dated: stated day or year disagrees"
    if (u.head_class or d.head_class) and not ev.kinds_agree(u.klass, d.klass):
        return "kind mismatch"
    if ev.distinctive(u, d, key) + ev._day_weight(u, d) < s.min_distinctive:
        return "undated vs dated: nothing shared beyond the pair"
    need = s.min_similarity_stated_day if ev._day_weight(u, d) else s.min_similarity_undated
    if ev.similarity(u, d) < need:
        return "undated vs dated: content below threshold"
    return "undated vs dated: group rules (another member, no clear fit)"


def causes(db_path: Path, parts: list[tuple[str, list[dict]]]) -> list[str]:
    """The missed same-event pairs of each part by `miss_cause`, counted."""
    from sqlmodel import Session, create_engine

    from app.loader.event_store import read_reports

    engine = create_engine(f"sqlite:///{db_path}")
    with Session(engine) as session:
        found = read_reports(session)
    db = sqlite3.connect(f"file:{db_path.resolve()}?mode=ro", uri=True)
    page_of = {ident: Path(name).stem for ident, name in db.execute("SELECT id, source_file FROM article")}
    reports = {page_of[r.id]: r for r in found}
    event_of: dict[str, set[str]] = defaultdict(set)
    for event_id, article_id in db.execute("SELECT event_id, article_id FROM event_report"):
        event_of[page_of[article_id]].add(event_id)
    lines = []
    total: Counter = Counter()
    for label, part in parts:
        truth = {p["id"]: set(p["events"]) for p in part}
        counted: Counter = Counter()
        for a, b in itertools.combinations(sorted(truth), 2):
            if truth[a] & truth[b] and not (event_of.get(a, set()) & event_of.get(b, set())):
                cause = miss_cause(a, b, reports, event_of, truth)
                counted[cause] += 1
                lines.append(f"  {label}: {cause}: {a} ~ {b} {sorted(truth[a] & truth[b])}")
        total.update({(label, c): n for c, n in counted.items()})
    names = sorted({c for _, c in total}, key=lambda c: -sum(n for (_, k), n in total.items() if k == c))
    labels = [label for label, _ in parts]
    table = [f"| cause | {' | '.join(labels)} | all |", "|---" * (len(labels) + 2) + "|"]
    for name in names:
        row = [total[(label, name)] for label in labels]
        table.append(f"| {name} | {' | '.join(str(n) for n in row)} | {sum(row)} |")
    return table + lines


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-failures", action="store_true")
    parser.add_argument(
        "--failures-of",
        action="append",
        default=[],
        metavar="PART",
        help="also list the failures of this held-out part (v3, v4, v5); read them only once tuning is over",
    )
    parser.add_argument("--causes", action="store_true", help="count the missed pairs by cause")
    args = parser.parse_args()
    events, pages, own = load_set()
    present = [p for p in pages if source(p).exists()]
    if not present:
        print(f"no pages in {PAGES}: nothing to measure (see devset/README.md to rebuild them)")
        return 0
    if len(present) < len(pages):
        print(
            f"{len(pages) - len(present)} of {len(pages)} pages missing; measuring the rest", file=sys.stderr
        )
    cause_lines: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        db_path = load(present, Path(tmp))
        predicted, inferred, _ = read_build(db_path)
        if args.causes:
            listed_parts = [("tuning", "tuning"), ("old held out", "held_out"), ("v2", "v2")]
            listed_parts += [(p, p) for p in args.failures_of]
            cause_lines = causes(
                db_path, [(label, [p for p in present if p["part"] == part]) for label, part in listed_parts]
            )
    failures: list[str] = []
    for label, part in (
        ("tuning", [p for p in present if p["part"] == "tuning"]),
        ("old held out", [p for p in present if p["part"] == "held_out"]),
        ("v2", [p for p in present if p["part"] == "v2"]),
        ("v3", [p for p in present if p["part"] == "v3"]),
        ("v4", [p for p in present if p["part"] == "v4"]),
        ("v5", [p for p in present if p["part"] == "v5"]),
        ("all", present),
    ):
        n_events = len({e for p in part for e in p["events"]})
        print(f"\n### {label}: {len(part)} reports of {n_events} events\n")
        listed = label in ("tuning", "old held out", "v2") or label in args.failures_of
        sink = failures if listed else []
        print("\n".join(measure(part, predicted, sink, label)))
        print(check_dates(part, events, inferred, own, sink, label))
    if cause_lines:
        print("\nmissed same-event pairs by cause:")
        print("\n".join(cause_lines))
    if not args.no_failures and failures:
        print("\nfailures:")
        print("\n".join(f"  {f}" for f in failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
