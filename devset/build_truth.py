"""Turn annotated page files into devset/pages/*.txt and the truth file devset/truth.jsonl.

An annotated file (kept out of git, like the pages) holds pages one after another:

    === en-01
    url: https://...
    outlet: Kazinform | inform.kz          (display name first, then other names it goes by)
    set: v11                               (optional: a later set, collected after the loader had
                                            been tuned on the earlier ones: v2 to v17; see README)
    headline: ...                          (optional: when the outlet's headline differs from its line)
    text_url: https://raw...               (optional: where the page is a plain-text or Markdown file
                                            of a public repository; fetch.py downloads it as is)
    date: 2021-09-20 | --07-04 | (empty)   (--MM-DD: the text gives day and month only)
    leaders: Kassym-Jomart Tokayev; Vladimir Putin
    countries: KZ RU
    orgs: SCO CSTO
    ---
    H <the headline line>
    M <metadata: date, time, byline, rubric, source line>
    X <boilerplate: site chrome, captions, credits, related news, repeated headline>
    B <body>

Each line carries a one-letter tag and a space; the rest of the line is the raw text exactly as
the scraper produced it. Blank lines may carry any tag.

    python devset/build_truth.py devset/.work/*.txt

The held-out third is drawn once, per language, with a fixed seed, before anything is measured;
rerunning keeps the first set's ids already recorded as held out. Pages marked `set: v2` to
`set: v17` are later sets ("part" in the truth): fresh pages from outlets the first set does not
have, gathered once the earlier held-out pages had been looked at. Only the newest, never-read
set (HELD_OUT_PARTS) is held out; v2 became tuning data once v3 was gathered, v3 once v4 was,
v4 once v5 was, v5 once v6 was, v6 once v7 was, v7 once v8 was, v8 once v9 was, v9 once v10 was,
v10 once v11 was, v11 once v12 was, v12 once v13 was, v13 once v14 was, v14 once v15 was,
v15 once v16 was, v16 once v17 was.
A page file that
already exists is never rewritten: if its text differs from the annotated one, the build stops.
Pages of the truth file whose annotated file is not given are kept as they are (their held-out
flag recomputed): the annotated files live outside git, and a build from the newest set alone must
not drop the older ones.
"""

import hashlib
import json
import random
import re
import sys
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
PAGES = HERE / "pages"
TRUTH = HERE / "truth.jsonl"
SEED = 11
TAGS = {"H": "headline", "M": "metadata", "X": "boilerplate", "B": "body"}
PREFIX = 40
# The later set still held out: measured, never tuned on. v2 was until v3 replaced it, v3 until
# v4 did, v4 until v5 did, v5 until v6 did, v6 until v7 did, v7 until v8 did, v8 until v9 did,
# v9 until v10 did, v10 until v11 did, v11 until v12 did, v12 until v13 did, v13 until v14 did,
# v14 until v15 did, v15 until v16 did, and v16 until v17 did.
HELD_OUT_PARTS = {"v17"}


def norm_line(text: str) -> str:
    """The form lines are compared in: NFC, one plain space, no zero-width characters."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def line_hash(text: str) -> str:
    return hashlib.sha1(norm_line(text).encode()).hexdigest()[:12]


def parse(path: Path) -> list[dict]:
    pages = []
    for chunk in re.split(r"^=== ", path.read_text(encoding="utf-8"), flags=re.M)[1:]:
        head, _, rest = chunk.partition("\n---\n")
        lines = head.splitlines()
        meta = {"id": lines[0].strip()}
        for line in lines[1:]:
            key, _, value = line.partition(":")
            meta[key.strip()] = value.strip()
        raw = rest.rstrip("\n").split("\n")
        pages.append({"meta": meta, "lines": raw})
    return pages


def build(page: dict) -> tuple[dict, str]:
    meta = page["meta"]
    text_lines, classes = [], {k: [] for k in TAGS.values()}
    for number, tagged in enumerate(page["lines"], start=1):
        tag, text = tagged[:1], tagged[2:]
        if tag not in TAGS:
            raise ValueError(f"{meta['id']} line {number}: unknown tag {tag!r}")
        text_lines.append(text)
        if norm_line(text):
            classes[TAGS[tag]].append(number)
    text = "\n".join(text_lines) + "\n"
    headline_line = classes["headline"][0] if classes["headline"] else None
    headline = meta.get("headline") or (norm_line(text_lines[headline_line - 1]) if headline_line else None)
    names = [n.strip() for n in meta["outlet"].split("|") if n.strip()]
    body = classes["body"]

    def short(numbers: list[int]) -> list[dict]:
        return [{"line": n, "prefix": norm_line(text_lines[n - 1])[:PREFIX]} for n in numbers]

    truth = {
        "id": meta["id"],
        "url": meta["url"],
        "language": meta["id"].split("-")[0],
        "outlet": names[0],
        "outlet_names": names,
        "held_out": meta.get("set") in HELD_OUT_PARTS,
        "part": meta.get("set") or "v1",
        "headline": headline,
        "date": meta.get("date") or None,
        "leaders": [n.strip() for n in meta.get("leaders", "").split(";") if n.strip()],
        "countries": meta.get("countries", "").split(),
        "organisations": meta.get("orgs", "").split(),
        "headline_line": headline_line,
        "metadata_lines": short(classes["metadata"]),
        "boilerplate_lines": short(classes["boilerplate"]),
        "body_range": [body[0], body[-1]] if body else None,
        "body_lines": [{"line": n, "sha1": line_hash(text_lines[n - 1])} for n in body],
        "sha256": hashlib.sha256(text.encode()).hexdigest(),
    }
    if meta.get("text_url"):
        truth["text_url"] = meta["text_url"]
    return truth, text


def choose_held_out(truths: list[dict], previous: set[str]) -> None:
    if previous:
        for t in truths:
            t["held_out"] = (t["id"] in previous) if t["part"] == "v1" else t["part"] in HELD_OUT_PARTS
        return
    rng = random.Random(SEED)
    for language in sorted({t["language"] for t in truths}):
        ids = sorted(t["id"] for t in truths if t["language"] == language and t["part"] == "v1")
        chosen = set(rng.sample(ids, round(len(ids) / 3)))
        for t in truths:
            if t["id"] in chosen:
                t["held_out"] = True


def main(paths: list[str]) -> None:
    previous = set()
    if TRUTH.exists():
        previous = {t["id"] for t in map(json.loads, TRUTH.read_text().splitlines()) if t["held_out"]}
    PAGES.mkdir(exist_ok=True)
    truths = []
    for path in paths:
        for page in parse(Path(path)):
            truth, text = build(page)
            target = PAGES / f"{truth['id']}.txt"
            if not target.exists():
                target.write_text(text, encoding="utf-8")
            elif target.read_text(encoding="utf-8") != text:
                raise SystemExit(f"{target} exists with another text: not rewritten")
            truths.append(truth)
    given = {t["id"] for t in truths}
    if TRUTH.exists():
        truths += [t for t in map(json.loads, TRUTH.read_text().splitlines()) if t["id"] not in given]
    truths.sort(key=lambda t: (t["language"], t["id"]))
    choose_held_out(truths, previous)
    with TRUTH.open("w", encoding="utf-8") as out:
        for t in truths:
            out.write(json.dumps(t, ensure_ascii=False) + "\n")
    print(f"{len(truths)} pages, {sum(t['held_out'] for t in truths)} held out -> {TRUTH}")


if __name__ == "__main__":
    main(sys.argv[1:])
