"""Record accuracy on the development set: load devset/pages/ through the real loader and score
each record against devset/truth.jsonl.

    python bench/accuracy.py                 # tables for the first set, its tuning and held-out
                                             # parts and the later sets v2 to v16
    python bench/accuracy.py --no-failures   # tables only
    python bench/accuracy.py --keep DIR      # keep the loaded archive in DIR

The pages are not in git: `python devset/fetch.py` rebuilds them (see devset/README.md). With
no pages the bench says so and exits 0, so it can run anywhere.

What is scored, per language and overall:
- headline exact: the record's headline equals the outlet's (null when the page has none);
- date right / wrong / missing, over the pages whose text gives a date (a day and month
  without a year is right when day and month agree); "dated, no date in text" counts dates
  put on pages whose text gives none;
- outlet: the record's outlet is one of the names the truth gives the publisher; and, as for
  dates, "outlet when the text names it": right / wrong / missing over the pages whose text
  carries one of those names as a name (starting a word, and ending one in Latin letters; a
  page that never names its publisher cannot be scored on it),
  and how many records name an outlet the page's text does not;
- boilerplate and metadata lines left in the body, the headline line left in the body, and
  body lines lost (a body line counts as kept when it, or its middle, is in the record);
- leaders, countries, organisations: micro precision, recall and F1 over the pages.

The truth's "part" says which set a page belongs to: "v1" (the first set, with its held-out
third), "v2" (a second set gathered after the first held-out third had been looked at; tuning
data since v3 was gathered), "v3" (a third set, tuning data since v4 was gathered), "v4" (a
fourth set, tuning data since v5 was gathered), "v5" (a fifth set, tuning data since v6 was
gathered), "v6" (a sixth set, tuning data since v7 was gathered), "v7" (a seventh set, tuning
data since v8 was gathered), "v8" (an eighth set, tuning data since v9 was gathered), "v9" (a
ninth set, tuning data since v10 was gathered), "v10" (a tenth set, tuning data since v11 was
gathered), "v11" (an eleventh set, tuning data since v12 was gathered), "v12" (a twelfth set,
tuning data since v13 was gathered), "v13" (a thirteenth set, tuning data since v14 was
gathered), "v14" (a fourteenth set, tuning data since v15 was gathered), "v15" (a fifteenth
set, tuning data since v16 was gathered) or "v16" (a sixteenth set, held out: new pages, from new
outlets where the search corpus had any, measured but never tuned on). Every page is loaded
in one run; the tables are kept apart so each set's figures stay comparable over time. The
held-out set's failures are listed only when asked for by name (`--failures-of v16`), so that a
default run cannot show them to whoever tunes.
"""

import argparse
import hashlib
import json
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from anyascii import anyascii

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from app.build.spare import wait_for_copy_of  # noqa: E402

DEVSET = ROOT / "devset"
# The newest set, held out: its failures are listed only when asked for by name.
HELD_OUT_PART = "v17"
LANGUAGES = ("en", "ru", "kk")
MIDDLE = 60
LONG_LINE = 40

CYRILLIC = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
        "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch  y  e yu ya a g k n o u u h i".split(
            " "
        ),
        strict=True,
    )
)


def norm_line(text: str) -> str:
    """The form lines are compared in (as devset/build_truth.py writes them)."""
    text = unicodedata.normalize("NFC", text)
    text = re.sub(r"[\u200b-\u200d\u2060\ufeff]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def norm_outlet(name: str) -> str:
    name = norm_line(name).casefold()
    name = re.sub(r"^(https?://)?(www\.)?", "", name)
    return re.sub(r"[«»\"“”„'’]", "", name).strip(" ./")


def names_outlet(name: str, page_text: str) -> bool:
    """The page's text carries the name as a name: starting a word (`RT` is not in `report`,
    `Bugin` not in `mediabugin@…`), and, in Latin letters, ending one too; a Cyrillic name may
    carry a case ending (`«Века»`, `Қазақпараттың`)."""
    folded = re.escape(name.casefold())
    end = r"(?!\w)" if name.isascii() else ""
    return re.search(rf"(?<!\w){folded}{end}", page_text) is not None


def latin(text: str) -> str:
    text = "".join(CYRILLIC.get(c, c) for c in text.casefold())
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if c.isascii() and (c.isalpha() or c == " "))


def skeleton(word: str) -> str:
    """A spelling-blind key for a name across scripts: first letter, then its consonants."""
    word = latin(word).replace(" ", "")
    for a, b in (
        ("dzh", "j"),
        ("zh", "j"),
        ("kh", "h"),
        ("sh", "s"),
        ("ch", "c"),
        ("ts", "c"),
        ("q", "k"),
        ("w", "v"),
    ):
        word = word.replace(a, b)
    word = re.sub(r"ng$", "n", word)  # Chinese finals: Guoping / Гопин, Cheng / Чэн
    return word[:1] + re.sub(r"[aeiouy]", "", word[1:]) if word else ""


# Particles a name is written with or without across scripts (`bin` / `бен`, `Al-` / `Ат-`).
PARTICLES = {"bin", "ben", "ibn", "bint", "binti", "al", "el", "ul", "van", "der", "de", "von", "la"}
ARTICLE = re.compile(
    r"^(?:al|el|at|ad|ar|as|ash|an|az|ul|аль|ал|ат|ад|ар|ас|аш|ан|аз|әл|әт|ад)-", re.IGNORECASE
)


def name_words(name: str) -> list[str]:
    """A name's words in Latin letters, without particles and Arabic articles."""
    words = [ARTICLE.sub("", w) for w in name.replace("’", "'").split()]
    return [w for w in latin(" ".join(words)).split() if w not in PARTICLES]


def initial(word: str) -> str:
    """A given name's first sound across scripts: `Yerzhan` / `Ержан`, `George` / `Джордж`."""
    word = re.sub(r"^(ye|yo|e)", "e", word)
    word = re.sub(r"^(dzh|dj|j|g(?=[ei]))", "j", word)
    # Kazakh Ө and Ү are written O or U in English (`Өмірзақ` / `Umirzak`, `Үсен` / `Usen`).
    word = re.sub(r"^o", "u", word)
    # Х is written H, and К is the sound of a C (`Хань` / `Han`, `Кэрол` / `Carol`).
    word = re.sub(r"^kh", "h", word)
    word = re.sub(r"^c(?!h)", "k", word)
    return word[:1]


def same_person(truth: str, names: list[str]) -> bool:
    """Whether one of a record's names for a person is the truth's person."""
    want = name_words(truth)
    for name in names:
        got = name_words(name)
        if not got or not want:
            continue
        if got == want:
            return True
        if len(want) == 1 or len(got) == 1:
            if {skeleton(w) for w in want} & {skeleton(g) for g in got}:
                return True
        elif skeleton(want[-1]) == skeleton(got[-1]) and initial(want[0]) == initial(got[0]):
            return True
    return False


# Letters written alike across transliterations, folded before a name is coded: Palladius
# `чж` / `ц` / `цз` and Turkish `c` (Капуджу / Kapucu) are one sound class.
SOUND_FOLDS = (
    ("dzh", "c"),
    ("dj", "c"),
    ("zh", "z"),
    ("kh", "h"),
    ("ts", "c"),
    ("tz", "c"),
    ("sh", "s"),
    ("ch", "c"),
    ("th", "t"),
    ("ph", "f"),
    ("ck", "k"),
    ("x", "ks"),
    ("q", "k"),
    ("w", "v"),
)
# Consonant classes, as Soundex groups them: a name's key is its classes, vowels, `h` and
# `y` left out, a class repeated next to itself written once.
SOUND_CLASSES = dict.fromkeys("bpfv", "1") | dict.fromkeys("cgkjsz", "2") | dict.fromkeys("dt", "3")
SOUND_CLASSES |= {"l": "4", "m": "5", "n": "5", "r": "6"}


def sound_keys(word: str) -> frozenset[str]:
    """A word's keys across scripts and transliterations (`Янкаускас` / `Jankauskas`, `Чжао` /
    `Zhao`, `Экиджи` / `Ekici`): ASCII letters, folded, coded by consonant class. A Latin `j` is
    read both as a consonant (Majid / Маджид) and as `y` (Jenča / Енча)."""
    ascii_word = re.sub(r"[^a-z]", "", anyascii(word).casefold())
    for a, b in SOUND_FOLDS:
        ascii_word = ascii_word.replace(a, b)
    ascii_word = re.sub(r"ng$", "n", ascii_word)  # Chinese finals: Zhang / Чжан
    keys = set()
    for form in {ascii_word, ascii_word.replace("j", "y")}:
        coded = "".join(SOUND_CLASSES.get(c, "") for c in form)
        keys.add(re.sub(r"(.)\1+", r"\1", coded))
    return frozenset(keys)


def same_person_by_sound(truth: str, names: list[str]) -> bool:
    """Whether a record's name is the truth's person by sound keys on both sides: the surname's
    keys meet, and so do the given name's (or its first letter, for a one-word or initialled
    name): a transliteration of the same name, whichever script each side is in."""
    want = [w for w in re.split(r"[\s-]+", ARTICLE.sub("", truth)) if w and latin(w) not in PARTICLES]
    for name in names:
        got = [w for w in re.split(r"[\s-]+", ARTICLE.sub("", name)) if w and latin(w) not in PARTICLES]
        if not got or not want:
            continue
        if len(got) == len(want) == 2 and all(  # `Karin Erlan` for Yerlan Karin: surname first
            sound_keys(w) & sound_keys(g) for w, g in zip(want, reversed(got), strict=True)
        ):
            return True
        if not sound_keys(want[-1]) & sound_keys(got[-1]) or not sound_keys(want[-1]) - {""}:
            continue
        if len(want) == 1 or len(got) == 1:
            return True
        if len(want) == len(got) and len(want) > 2:
            # every word in its place (`Kim Jong Un` is not `Kim Yo Jong`)
            if all(sound_keys(w) & sound_keys(g) for w, g in zip(want[1:-1], got[1:-1], strict=True)):
                return bool(sound_keys(want[0]) & sound_keys(got[0]))
            continue
        if sound_keys(want[0]) & sound_keys(got[0]) or initial(latin(want[0])) == initial(latin(got[0])):
            return True
    return False


def same_person_or_sound(truth: str, names: list[str]) -> bool:
    """The bench's name matching since round 10: the old spelling rules, or the sound keys."""
    return same_person(truth, names) or same_person_by_sound(truth, names)


@dataclass
class Record:
    title: str | None
    lead: str
    body: str
    date: str | None
    precision: str
    outlet: str | None
    language: str
    leaders: list[list[str]]
    countries: set[str]
    organisations: set[str]
    # Per leader: found by role words (not in the register), as opposed to a register entry.
    discovered: list[bool] = field(default_factory=list)


@dataclass
class Score:
    pages: int = 0
    headline_ok: int = 0
    language_ok: int = 0
    dated: int = 0
    date_right: int = 0
    date_wrong: int = 0
    date_missing: int = 0
    date_invented: int = 0
    outlet_ok: int = 0
    outlet_named: int = 0
    outlet_named_right: int = 0
    outlet_named_wrong: int = 0
    outlet_named_missing: int = 0
    outlet_unnamed_given: int = 0
    boilerplate: int = 0
    boilerplate_left: int = 0
    metadata: int = 0
    metadata_left: int = 0
    metadata_pages: int = 0
    headline_in_body: int = 0
    body: int = 0
    body_lost: int = 0
    entities: dict[str, Counter] = field(
        default_factory=lambda: {
            k: Counter()
            for k in ("leaders", "countries", "organisations", "discovered", "leaders_old", "discovered_old")
        }
    )

    def add(self, other: "Score") -> None:
        for name, value in vars(other).items():
            if name == "entities":
                for kind, counts in value.items():
                    self.entities[kind].update(counts)
            else:
                setattr(self, name, getattr(self, name) + value)


def load_archive(pages: Path, data: Path) -> float:
    """Load the pages with the real loader (`archive load`), in a process of its own."""
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "app.cli", "--data-dir", str(data), "load", str(pages), "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if run.returncode not in (0, 1):
        sys.exit(f"archive load failed (exit {run.returncode}):\n{run.stdout}{run.stderr}")
    if run.returncode == 1:
        print(run.stdout.strip(), file=sys.stderr)
    # The load's copy ahead outlives it: the folder is removed (or read) once the copy is done.
    if (data / "current").exists():
        wait_for_copy_of(data, (data / "current").resolve().name)
    return elapsed


def read_records(data: Path) -> dict[str, Record]:
    db = sqlite3.connect(f"file:{(data / 'current' / 'archive.sqlite').resolve()}?mode=ro", uri=True)
    records = {}
    rows = db.execute(
        "select id, source_file, title, lead, body, date, date_precision, outlet, language from article"
    ).fetchall()
    for article_id, source, title, lead, body, date, precision, outlet, language in rows:
        found = db.execute(
            "select l.name_en, l.name_ru, l.name_kk, l.names, l.in_register from article_leader a"
            " join leader l on l.slug = a.leader_slug where a.article_id = ?",
            (article_id,),
        ).fetchall()
        leaders = [
            [n for n in (en, ru, kk) if n] + json.loads(names or "[]") for en, ru, kk, names, _ in found
        ]
        discovered = [not in_register for *_, in_register in found]
        countries = {
            c
            for (c,) in db.execute(
                "select country_code from article_country where article_id = ?", (article_id,)
            )
        }
        organisations = {
            o
            for (o,) in db.execute(
                "select organisation_code from article_organisation where article_id = ?", (article_id,)
            )
        }
        records[Path(source).stem] = Record(
            title,
            lead or "",
            body or "",
            date,
            precision,
            outlet,
            language,
            leaders,
            countries,
            organisations,
            discovered,
        )
    db.close()
    return records


def locate(truth: dict, lines: list[str]) -> tuple[dict[str, list[str]], bool]:
    """The truth's classified lines in this copy of the page: by number when the page is the
    snapshot the truth was written on, else by prefix (boilerplate, metadata) and hash (body)."""
    text = "\n".join(lines) + "\n"
    exact = hashlib.sha256(text.encode()).hexdigest() == truth["sha256"]
    normed = [norm_line(line) for line in lines]
    found: dict[str, list[str]] = {}
    for kind in ("metadata", "boilerplate"):
        entries = truth[f"{kind}_lines"]
        if exact:
            found[kind] = [normed[e["line"] - 1] for e in entries]
        else:
            found[kind] = [n for e in entries for n in normed if n.startswith(e["prefix"])][: len(entries)]
    if exact:
        found["body"] = [normed[e["line"] - 1] for e in truth["body_lines"]]
        found["headline"] = [normed[truth["headline_line"] - 1]] if truth["headline_line"] else []
    else:
        hashes = {hashlib.sha1(n.encode()).hexdigest()[:12]: n for n in normed}
        found["body"] = [hashes[e["sha1"]] for e in truth["body_lines"] if e["sha1"] in hashes]
        found["headline"] = [truth["headline"]] if truth["headline"] else []
    return found, exact


def shown_text(lead: str, body: str) -> str:
    """The record's text as a reader sees it. The lead is the body's first paragraph (the body
    starts with it): counted once, or a boilerplate copy of that paragraph would count as left
    whenever the text keeps it."""
    return body if body.startswith(lead) else f"{lead}\n{body}"


def score_page(truth: dict, lines: list[str], record: Record | None, failures: list[tuple]) -> Score:
    s = Score(pages=1)
    page = truth["id"]

    def fail(field_name: str, expected: object, got: object) -> None:
        failures.append((page, field_name, expected, got))

    found, exact = locate(truth, lines)
    if not exact:
        fail("page", "the snapshot the truth was written on", "another copy: lines found by prefix and hash")
    s.boilerplate = len(found["boilerplate"])
    s.metadata = len(found["metadata"])
    s.body = len(found["body"])
    if truth["date"]:
        s.dated = 1
    if record is None:
        fail("record", "an article", "none (failed, duplicate or skipped)")
        s.date_missing = s.dated
        s.body_lost = s.body
        for kind in s.entities:
            if kind in truth:  # "discovered" has no truth of its own: nothing found, nothing scored
                s.entities[kind]["fn"] += len(truth[kind])
        return s

    s.language_ok = record.language == truth["language"]
    if not s.language_ok:
        fail("language", truth["language"], record.language)

    want_title = norm_line(truth["headline"]) if truth["headline"] else None
    got_title = norm_line(record.title) if record.title else None
    s.headline_ok = want_title == got_title
    if not s.headline_ok:
        fail("headline", want_title, got_title)

    want_date, got_date = truth["date"], record.date
    if want_date is None:
        if got_date:
            s.date_invented = 1
            fail("date", None, got_date)
    elif got_date is None:
        s.date_missing = 1
        fail("date", want_date, None)
    else:
        day = record.precision == "day"
        if want_date.startswith("--"):
            # A year-less truth: day and month must agree, with or without an inferred year.
            known = day or record.precision == "day_month"
            agrees = got_date[-6:] == want_date[1:] if known else None
        else:
            agrees = got_date == want_date if day else (want_date.startswith(got_date) or None)
        if agrees:
            s.date_right = 1
        elif agrees is None:
            s.date_missing = 1
            fail("date", want_date, f"{got_date} ({record.precision})")
        else:
            s.date_wrong = 1
            fail("date", want_date, got_date)

    names = {norm_outlet(n) for n in truth["outlet_names"]}
    s.outlet_ok = bool(record.outlet) and norm_outlet(record.outlet) in names
    page_text = " ".join(lines).casefold()
    named = any(names_outlet(n, page_text) for n in truth["outlet_names"])
    if named:
        s.outlet_named = 1
        if not record.outlet:
            s.outlet_named_missing = 1
        elif s.outlet_ok:
            s.outlet_named_right = 1
        else:
            s.outlet_named_wrong = 1
    elif record.outlet and not s.outlet_ok:
        s.outlet_unnamed_given = 1
    if not s.outlet_ok:
        fail("outlet" if named else "outlet (not named in the text)", truth["outlet"], record.outlet)

    out_lines = [norm_line(line) for line in shown_text(record.lead, record.body).splitlines()]
    out_counts = Counter(line for line in out_lines if line)
    out_text = norm_line(record.lead + " " + record.body)
    body_counts = Counter(found["body"])

    def left(text: str, expected: int = 0) -> bool:
        if out_counts[text] > expected:
            return True
        # A long line found inside a line of the record, not as a line of its own, is left (a
        # line glued to another); unless the page's own body holds those words too (a
        # teaser cut from the paragraph below it), where the record cannot be told apart. A
        # line that is several kept lines joined (the text printed once as one line) is not
        # inside any of them.
        inside_body = any(text in line for line in found["body"])
        return (
            out_counts[text] == 0
            and expected == 0
            and len(text) >= LONG_LINE
            and text in out_text
            and any(text in line for line in out_lines)
            and not inside_body
        )

    used: Counter = Counter()
    for kind in ("boilerplate", "metadata", "headline"):
        for text in found[kind]:
            used[text] += 1
            if left(text, body_counts[text] + used[text] - 1):
                if kind == "boilerplate":
                    s.boilerplate_left += 1
                elif kind == "metadata":
                    s.metadata_left += 1
                else:
                    s.headline_in_body += 1
                fail(f"{kind} left in body", "removed", text[:80])
    s.metadata_pages = int(s.metadata_left > 0)

    for text in found["body"]:
        start = max(0, len(text) // 4)
        if text not in out_text and text[start : start + MIDDLE] not in out_text:
            s.body_lost += 1
            fail("body line lost", text[:80], None)

    got_sets = {"countries": record.countries, "organisations": record.organisations}
    for kind in ("countries", "organisations"):
        want, got = set(truth[kind]), got_sets[kind]
        counts = s.entities[kind]
        counts["tp"] += len(want & got)
        counts["fn"] += len(want - got)
        counts["fp"] += len(got - want)
        if want != got:
            fail(
                kind,
                " ".join(sorted(want - got)) or "-",
                "extra " + " ".join(sorted(got - want)) if got - want else "-",
            )

    for suffix, matches in (("_old", same_person), ("", same_person_or_sound)):
        unmatched = list(range(len(record.leaders)))
        missing = []
        for person in truth["leaders"]:
            hit = next((i for i in unmatched if matches(person, record.leaders[i])), None)
            if hit is None:
                missing.append(person)
            else:
                unmatched.remove(hit)
        discovered = [i for i, found in enumerate(record.discovered) if found]
        s.entities["discovered" + suffix]["tp"] += sum(i not in unmatched for i in discovered)
        s.entities["discovered" + suffix]["fp"] += sum(i in unmatched for i in discovered)
        counts = s.entities["leaders" + suffix]
        counts["tp"] += len(truth["leaders"]) - len(missing)
        counts["fn"] += len(missing)
        counts["fp"] += len(unmatched)
    if missing or unmatched:
        fail(
            "leaders",
            "; ".join(missing) or "-",
            "extra " + "; ".join(record.leaders[i][0] for i in unmatched) if unmatched else "-",
        )
    return s


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f} %" if whole else "-"


def prf(counts: Counter) -> str:
    tp, fp, fn = counts["tp"], counts["fp"], counts["fn"]
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"{p:.2f} / {r:.2f} / {f:.2f}"


def precision(counts: Counter) -> str:
    """Of the people found by role words (not in the register), how many are the page's."""
    tp, fp = counts["tp"], counts["fp"]
    return f"{tp / (tp + fp):.2f} ({tp} of {tp + fp})" if tp + fp else "-"


def table(title: str, scores: dict[str, Score]) -> str:
    columns = [c for c in (*LANGUAGES, "all") if scores[c].pages]
    rows = [
        ("pages", lambda s: str(s.pages)),
        ("language", lambda s: pct(s.language_ok, s.pages)),
        ("headline exact", lambda s: f"{pct(s.headline_ok, s.pages)} ({s.headline_ok})"),
        (
            "date right / wrong / missing",
            lambda s: f"{s.date_right} / {s.date_wrong} / {s.date_missing} of {s.dated}",
        ),
        ("dated, no date in text", lambda s: str(s.date_invented)),
        ("outlet", lambda s: f"{pct(s.outlet_ok, s.pages)} ({s.outlet_ok})"),
        (
            "outlet named in text: right / wrong / missing",
            lambda s: (
                f"{s.outlet_named_right} / {s.outlet_named_wrong} / {s.outlet_named_missing}"
                f" of {s.outlet_named}"
            ),
        ),
        ("outlet given, text names another", lambda s: str(s.outlet_unnamed_given)),
        (
            "boilerplate lines left",
            lambda s: f"{s.boilerplate_left} of {s.boilerplate} ({pct(s.boilerplate_left, s.boilerplate)})",
        ),
        ("metadata lines left", lambda s: f"{s.metadata_left} of {s.metadata}, {s.metadata_pages} pages"),
        ("headline line left in body", lambda s: str(s.headline_in_body)),
        ("body lines lost", lambda s: f"{s.body_lost} of {s.body} ({pct(s.body_lost, s.body)})"),
        ("leaders P / R / F1", lambda s: prf(s.entities["leaders"])),
        ("people not in the register: discovery precision", lambda s: precision(s.entities["discovered"])),
        ("leaders P / R / F1, old name matching", lambda s: prf(s.entities["leaders_old"])),
        ("discovery precision, old name matching", lambda s: precision(s.entities["discovered_old"])),
        ("countries P / R / F1", lambda s: prf(s.entities["countries"])),
        ("organisations P / R / F1", lambda s: prf(s.entities["organisations"])),
    ]
    cells = [["", *columns]] + [[name, *(fn(scores[c]) for c in columns)] for name, fn in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = [f"## {title}", ""]
    for n, row in enumerate(cells):
        lines.append("| " + " | ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=Path, default=DEVSET / "pages")
    parser.add_argument("--truth", type=Path, default=DEVSET / "truth.jsonl")
    parser.add_argument("--keep", type=Path, help="load into this data directory and keep it")
    parser.add_argument("--no-failures", action="store_true", help="print the tables only")
    parser.add_argument(
        "--failures-of",
        choices=("all", "tuning", "held", *(f"v{n}" for n in range(2, 17))),
        default="all",
        help=(
            "list the failures of this part only (tuning: v1 not held out; held: v1 held out);"
            " 'all' leaves out the held-out v16, which is listed only by name"
        ),
    )
    args = parser.parse_args()

    truths = [
        json.loads(line) for line in args.truth.read_text(encoding="utf-8").splitlines() if line.strip()
    ]
    present = {p.stem for p in args.pages.glob("*.txt")} if args.pages.is_dir() else set()
    if not present:
        print(
            f"no pages in {args.pages}: nothing to measure. "
            "Rebuild them with `python devset/fetch.py` (see devset/README.md)."
        )
        return 0
    absent = [t["id"] for t in truths if t["id"] not in present]
    truths = [t for t in truths if t["id"] in present]

    data = args.keep or Path(tempfile.mkdtemp(prefix="accuracy-"))
    # Only the truth's pages are loaded: the pages folder is shared, and a page of another set
    # (or a copy of one of ours under another name) would change what the loader sees across
    # files (repeated lines, duplicates) and so the scores.
    chosen = Path(tempfile.mkdtemp(prefix="accuracy-pages-"))
    for truth in truths:
        shutil.copyfile(args.pages / f"{truth['id']}.txt", chosen / f"{truth['id']}.txt")
    try:
        seconds = load_archive(chosen, data)
        records = read_records(data)
    finally:
        shutil.rmtree(chosen, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(data, ignore_errors=True)

    failures: list[tuple] = []

    def part(truth: dict) -> str:
        return str(truth.get("part", "v1"))

    parts = {
        "all pages (first set, v1)": lambda t: part(t) == "v1",
        "tuning part (not held out)": lambda t: part(t) == "v1" and not t["held_out"],
        "held out (first set)": lambda t: part(t) == "v1" and t["held_out"],
        "v2 (second set, tuning data since v3)": lambda t: part(t) == "v2",
        "v3 (third set, tuning data since v4)": lambda t: part(t) == "v3",
        "v4 (fourth set, tuning data since v5)": lambda t: part(t) == "v4",
        "v5 (fifth set, tuning data since v6)": lambda t: part(t) == "v5",
        "v6 (sixth set, tuning data since v7)": lambda t: part(t) == "v6",
        "v7 (seventh set, tuning data since v8)": lambda t: part(t) == "v7",
        "v8 (eighth set, tuning data since v9)": lambda t: part(t) == "v8",
        "v9 (ninth set, tuning data since v10)": lambda t: part(t) == "v9",
        "v10 (tenth set, tuning data since v11)": lambda t: part(t) == "v10",
        "v11 (eleventh set, tuning data since v12)": lambda t: part(t) == "v11",
        "v12 (twelfth set, tuning data since v13)": lambda t: part(t) == "v12",
        "v13 (thirteenth set, tuning data since v14)": lambda t: part(t) == "v13",
        "v14 (fourteenth set, tuning data since v15)": lambda t: part(t) == "v14",
        "v15 (fifteenth set, tuning data since v16)": lambda t: part(t) == "v15",
        "held out v16 (sixteenth set, never tuned on)": lambda t: part(t) == "v16",
    }
    results = {name: {c: Score() for c in (*LANGUAGES, "all")} for name in parts}
    # The archive keeps one article per text: a page whose text is another page's (kk-v3-04
    # repeats kk-12, the same Kazinform item collected twice) is scored on that article.
    by_text: dict[str, str] = {}
    for truth in truths:
        if truth["id"] in records:
            by_text.setdefault(truth["sha256"], truth["id"])
    for truth in truths:
        if truth["id"] not in records and truth["sha256"] in by_text:
            records[truth["id"]] = records[by_text[truth["sha256"]]]
    for truth in truths:
        lines = (args.pages / f"{truth['id']}.txt").read_text(encoding="utf-8").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        score = score_page(truth, lines, records.get(truth["id"]), failures)
        for name, chosen in parts.items():
            if chosen(truth):
                results[name][truth["language"]].add(score)
                results[name]["all"].add(score)

    held = sum(t["held_out"] for t in truths)
    newest = sum(part(t) == HELD_OUT_PART for t in truths)
    print(
        f"# Accuracy on the development set: {len(truths)} pages ({held} held out, "
        f"{newest} of them in {HELD_OUT_PART}), loaded in {seconds:.1f} s"
    )
    if absent:
        print(f"\nmissing pages (not measured): {', '.join(absent)}")
    for name in parts:
        print()
        print(table(name, results[name]))
    if not args.no_failures:
        label = {
            t["id"]: part(t) if part(t) != "v1" else ("held" if t["held_out"] else "tuning") for t in truths
        }
        shown = [
            f
            for f in failures
            if args.failures_of == label[f[0]] or (args.failures_of == "all" and label[f[0]] != HELD_OUT_PART)
        ]
        print(f"\n## Failures ({len(shown)} of {len(failures)}: {args.failures_of})\n")
        print("page\tpart\tfield\texpected\tgot")
        for page, field_name, expected, got in shown:
            print(f"{page}\t{label[page]}\t{field_name}\t{expected}\t{got}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
