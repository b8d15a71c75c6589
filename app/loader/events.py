"""One event, many reports: group the articles that report the same contact, at load time.

A call, meeting or visit is reported by a press service, agencies and newspapers, in three
languages, often without a date. The loader already knows, per article, its leaders (with
how central each is), countries, organisations, kinds of contact and date; this module turns
them into events, in small pure stages:

1. `contact_keys`: who took part, as pairs (the two presidents of a call; a round-up of
   several calls gives one pair per call). A report naming one leader pairs him with the
   organisation or the foreign country it is about (a summit, a visit).
2. `link`: two reports sharing a key are linked when their kinds agree (a call is never a
   meeting), their dates agree when both are known (within a day or two), and their content
   agrees (shared leaders, countries, organisations and numbers, and a passage one copies
   from the other, rare among the pair's reports: `reprint`), more strongly when one is
   undated. Each link keeps its reasons.
3. `group`: links are merged strongest first, never joining two reports whose dates or kinds
   conflict, so two calls a month apart stay two events and an undated report joins one.
4. `date_events`: an event's date comes from its dated reports; an undated report gets it as
   an inferred date, with those reports as evidence, and never a date its own text
   contradicts (a day and month it states must match).

Ids are stable: an event's id hashes its earliest-id report and its key, so a load that does
not change its reports gives it the same id. A change is regrouped with the reports it can
touch (`reach`), which group alone as among all. Everything here is pure; event_store.py
reads the build and writes the tables.
"""

import datetime as dt
import hashlib
import math
import re
import zlib
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations
from sys import intern
from typing import Any, TypeVar

from app.datafiles import data_path, load_data, load_json

Key = tuple[str, str]


@dataclass(frozen=True)
class Settings:
    """The thresholds, from data/event_grouping.toml (chosen on the tuning part of the set)."""

    central_share: float
    round_up_share: float
    max_participants: int
    window_days: dict[str, int]
    min_similarity_dated: float
    min_similarity_undated: float
    min_similarity_stated_day: float
    number_weight: float
    min_similarity_to_infer: float
    inference_margin: float
    attach_margin: float
    min_distinctive: float
    min_distinctive_to_infer: float
    stated_day_weight: float
    host_titles: tuple[str, ...]
    host_titles_named: tuple[str, ...]
    headline_kind_weight: int
    spokespeople: frozenset[str]
    kind_words: dict[str, tuple[re.Pattern[str], ...]]
    contact_words: tuple[re.Pattern[str], ...]
    called_off_words: tuple[re.Pattern[str], ...]
    recalled_words: tuple[re.Pattern[str], ...]
    weekday_comma: re.Pattern[str]  # a weekday and the comma after it (`weekdays`)
    occasion_topics: frozenset[str]
    occasion_topic_weight: float
    passage_words: int
    passage_chars: int
    passage_sample: int
    passage_max_reports: int
    passage_min_runs: int
    passage_min_share: float
    passage_weight: float
    feature_max_reports: int
    summit_words: tuple[re.Pattern[str], ...]
    summit_unless: re.Pattern[str]
    announcement_words: re.Pattern[str]
    announced_unless: re.Pattern[str]
    frame_words: re.Pattern[str]
    contact_words_any: re.Pattern[str]  # `contact_words` as one alternation
    frame_joiners: re.Pattern[str]
    frame_comitative: re.Pattern[str]
    frame_reach: int
    frame_side_gap: int
    place_countries: dict[str, str]


def _alternation(words: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{w})" for w in words), re.IGNORECASE)


@lru_cache(maxsize=1)
def settings() -> Settings:
    data = load_data("event_grouping.toml")
    return Settings(
        central_share=float(data["central_share"]),
        round_up_share=float(data["round_up_share"]),
        max_participants=int(data["max_participants"]),
        window_days={str(k): int(v) for k, v in data["window_days"].items()},
        min_similarity_dated=float(data["min_similarity_dated"]),
        min_similarity_undated=float(data["min_similarity_undated"]),
        min_similarity_stated_day=float(data["min_similarity_stated_day"]),
        number_weight=float(data["number_weight"]),
        min_similarity_to_infer=float(data["min_similarity_to_infer"]),
        inference_margin=float(data["inference_margin"]),
        attach_margin=float(data["attach_margin"]),
        min_distinctive=float(data["min_distinctive"]),
        min_distinctive_to_infer=float(data["min_distinctive_to_infer"]),
        stated_day_weight=float(data["stated_day_weight"]),
        host_titles=tuple(str(t).lower() for t in data["host_titles"]),
        host_titles_named=tuple(str(t).lower() for t in data["host_titles_named"]),
        headline_kind_weight=int(data["headline_kind_weight"]),
        spokespeople=frozenset(str(slug) for slug in data["spokespeople"]),
        kind_words={
            str(kind): tuple(re.compile(str(w), re.IGNORECASE) for w in words)
            for kind, words in data["kind_words"].items()
        },
        contact_words=tuple(re.compile(str(w), re.IGNORECASE) for w in data["contact_words"]),
        called_off_words=tuple(re.compile(str(w), re.IGNORECASE) for w in data["called_off_words"]),
        occasion_topics=frozenset(str(t) for t in data["occasion_topics"]),
        occasion_topic_weight=float(data["occasion_topic_weight"]),
        passage_words=int(data["passage_words"]),
        passage_chars=int(data["passage_chars"]),
        passage_sample=int(data["passage_sample"]),
        passage_max_reports=int(data["passage_max_reports"]),
        passage_min_runs=int(data["passage_min_runs"]),
        passage_min_share=float(data["passage_min_share"]),
        passage_weight=float(data["passage_weight"]),
        feature_max_reports=int(data["feature_max_reports"]),
        recalled_words=tuple(re.compile(str(w), re.IGNORECASE) for w in data["recalled_words"]),
        weekday_comma=re.compile(r"\b(?:" + "|".join(data["weekdays"]) + r")(?:\w*)\s*,\s*", re.IGNORECASE),
        summit_words=tuple(re.compile(str(w), re.IGNORECASE) for w in data["summit_words"]),
        summit_unless=_alternation(data["summit_unless"]),
        announcement_words=_alternation(data["announcement_words"]),
        announced_unless=_alternation(data["announced_unless"]),
        contact_words_any=re.compile("|".join(f"(?:{w})" for w in data["contact_words"]), re.IGNORECASE),
        frame_words=re.compile("|".join(f"(?:{w})" for w in data["frame_words"]), re.IGNORECASE),
        frame_joiners=re.compile("|".join(f"(?:{w})" for w in data["frame_joiners"]), re.IGNORECASE),
        frame_comitative=re.compile(str(data["frame_comitative"]), re.IGNORECASE),
        frame_reach=int(data["frame_reach"]),
        frame_side_gap=int(data["frame_side_gap"]),
        place_countries={str(k): str(v["country"]) for k, v in data["places"].items() if "country" in v},
    )


@dataclass(frozen=True, slots=True)
class Report:
    """What the grouping needs of one article."""

    id: str
    language: str
    date: dt.date | None  # a full date, stated or inferred by the date parser
    month_day: tuple[int, int] | None  # a day and month the text states without a year
    kinds: frozenset[str]
    leaders: tuple[tuple[str, float], ...]  # slug, centrality; most central first
    affiliations: dict[str, str]  # slug -> country or organisation code
    countries: frozenset[str]
    organisations: frozenset[str]
    numbers: frozenset[str]
    places: frozenset[str] = frozenset()  # places the text names beyond its dateline (`places_in`)
    years: frozenset[int] = frozenset()  # years the text names: an inferred date must be one
    headline_kinds: frozenset[str] = frozenset()  # kinds the headline and lead name
    head_class: str | None = None  # the kind class the headline and lead name outright (`stated_class`)
    summit_of: frozenset[str] = frozenset()  # organisations whose summit the head names (`summits_in`)
    summit: bool = False  # the head names a summit (`summit_words`), of an organisation or not
    # The sides of the contact as the head's grammar gives them (`contact_frame`): pairs, the
    # first the contact the report is about; and the leaders its sentence names beside them.
    frame: tuple[Key, ...] = ()
    bystanders: frozenset[str] = frozenset()
    # Who the one leader of a report of a visit may have met: the heads of state of the one
    # other country whose places it names, from the register (`guest_keys`); of a dated
    # report, the one in office on its day.
    counterparts: tuple[str, ...] = ()
    # The days (month, day) the first paragraphs of the body of a report stating no day give
    # in a clause of a contact (`stated_days`): maybe its own, maybe another contact it tells
    # of. They never date it; they keep it apart from a report none of whose days is near.
    mentioned_days: frozenset[tuple[int, int]] = frozenset()
    # The occasions of a contact the text speaks of (`topics_in`, of `occasion_topics`).
    occasions: frozenset[str] = frozenset()
    # A sample of the runs of words the head of its text is made of (`passages_in`): two
    # reports holding many of the same are copies of one text (`reprint`).
    passages: frozenset[int] = frozenset()
    # Of them, those few of the reports of its contacts hold (`mark_rare`): a formula the
    # press service repeats from call to call is in many, a reprinted release in a few.
    rare: frozenset[int] = field(init=False, repr=False, compare=False)
    # What `similarity` and `distinctive` compare, built once: a report is compared with
    # many others, and rebuilding these per comparison was most of the grouping's time.
    features: dict[str, float] = field(init=False, repr=False, compare=False)
    distinct_features: dict[str, float] = field(init=False, repr=False, compare=False)
    # Of `distinct_features`, those few of the reports of its contacts name (`mark_rare`): a
    # third country named in a thousand of a pair's reports tells none of its contacts from
    # another. All of them until the grouping has counted.
    beyond: dict[str, float] = field(init=False, repr=False, compare=False)
    keys: list[Key] = field(init=False, repr=False, compare=False)  # `contact_keys`, once
    guest_keys: frozenset[Key] = field(init=False, repr=False, compare=False)  # of them, `guest_keys`
    # `report_class`, its window of days, the sum of `features` and what `dates_agree` reads:
    # asked of each report in every comparison (millions in a full grouping at 100k).
    klass: str = field(init=False, repr=False, compare=False)
    days: int = field(init=False, repr=False, compare=False)
    weight: float = field(init=False, repr=False, compare=False)
    dating: tuple[object, ...] | None = field(init=False, repr=False, compare=False)
    whole: frozenset[str] = field(init=False, repr=False, compare=False)  # features of weight 1
    part: frozenset[str] = field(init=False, repr=False, compare=False)  # of `number_weight`

    def __post_init__(self) -> None:
        weight = settings().number_weight
        klass = self.head_class or kind_class(self.headline_kinds or self.kinds)
        windows = settings().window_days
        object.__setattr__(self, "klass", klass)
        object.__setattr__(self, "days", windows.get(klass, windows["none"]))
        # A report with no date, day or year can contradict no other (`_conflict` skips it).
        known = self.date is not None or self.month_day is not None or bool(self.years)
        known = known or bool(self.mentioned_days)
        dating = (self.date, self.month_day, self.years, self.days, self.mentioned_days) if known else None
        object.__setattr__(self, "dating", dating)
        # The sets many reports hold alike (most are empty) are shared, not one per report:
        # a first grouping at 100k holds every report at once (issue 16).
        for name in SHARED_SETS:
            object.__setattr__(self, name, _alike(getattr(self, name)))
        for name in OWN_SETS:
            object.__setattr__(self, name, getattr(self, name) or EMPTY)
        object.__setattr__(self, "rare", EMPTY)
        out = {intern(f"l:{slug}"): 1.0 for slug, _ in self.leaders}
        out |= {intern(f"c:{c}"): 1.0 for c in self.countries}
        out |= {intern(f"o:{o}"): 1.0 for o in self.organisations}
        # A call or a letter happens nowhere: a place it names is a subject (a summit to come,
        # an invitation), not where the contact was.
        if report_class(self) == "in_person":
            out |= {intern(f"p:{p}"): weight for p in self.places}
        entities = dict(out)
        out |= {intern(f"n:{n}"): weight for n in self.numbers}
        # A year is shared by every report of that year: it tells no contact from another.
        entities |= {intern(f"n:{n}"): weight for n in self.numbers if not YEAR.fullmatch(n)}
        object.__setattr__(self, "features", out)
        object.__setattr__(self, "weight", sum(out.values()))
        object.__setattr__(self, "whole", _alike(frozenset(k for k, v in out.items() if v == 1.0)))
        object.__setattr__(self, "part", _alike(frozenset(k for k, v in out.items() if v != 1.0)))
        object.__setattr__(self, "distinct_features", entities)
        object.__setattr__(self, "beyond", entities)
        keys = _contact_keys(self)
        guest = guest_keys(self, keys)
        object.__setattr__(self, "keys", sorted({*keys, *guest}))
        object.__setattr__(self, "guest_keys", _alike(frozenset(guest if self.date is None else ())))


# The sets of a report that reports share (`_alike`): of few values, or mostly empty.
SHARED_SETS = (
    "kinds", "countries", "organisations", "years", "headline_kinds", "summit_of", "bystanders",
    "mentioned_days", "occasions",
)  # fmt: skip
# The sets most reports hold of their own (numbers, places): only an empty one is shared.
OWN_SETS = ("numbers", "places", "passages")
EMPTY: frozenset[Any] = frozenset()
# How many distinct sets `_alike` keeps before it starts again (a bound, not a tuning).
ALIKE_HELD = 1 << 16
_ALIKE: dict[frozenset[Any], frozenset[Any]] = {}
T = TypeVar("T")


def _alike(found: frozenset[T]) -> frozenset[T]:
    """One frozenset for each value: every frozenset, even an empty one, takes 216 bytes,
    and most reports name the same few kinds, countries and years, or none."""
    if len(_ALIKE) >= ALIKE_HELD:
        _ALIKE.clear()
    return _ALIKE.setdefault(found, found)


@dataclass(frozen=True, slots=True)
class Link:
    """A candidate link: what its reasons are made of, not the reasons (`link_reasons`) -
    a full grouping at 100k weighs a million candidates and merges along a few."""

    a: str
    b: str
    key: Key
    score: float
    similarity: float
    agree: bool


@dataclass
class Event:
    id: str
    key: Key
    kind: str
    reports: list[str]
    participants: list[str]
    date: dt.date | None = None
    date_conflict: bool = False
    reasons: dict[str, list[str]] = field(default_factory=dict)  # report id -> why it is here
    countries: list[str] = field(default_factory=list)  # `event_countries`


def event_countries(key: Key, participants: list[str], reports: list[Report]) -> list[str]:
    """The countries and organisations an event is of: each participant's as its reports
    state it (Tokayev as Kazakhstan's president, not as the UN official he once was), and the
    country visited or the organisation met that its key names (Xi's visit to Kazakhstan, a
    summit of the OTS)."""
    found = {p.split(":", 1)[1] for p in key if p.startswith(("org:", "country:"))}
    found |= {r.affiliations[p] for r in reports for p in participants if p in r.affiliations}
    return sorted(found)


@dataclass(frozen=True)
class InferredDate:
    report: str
    event: str
    date: dt.date
    evidence: tuple[str, ...]


NUMBER = re.compile(r"(?<![\w.,])\d{1,4}(?:[.,]\d+)?(?![\w])")


def numbers_in(text: str) -> frozenset[str]:
    """Numbers a report shares with other reports of its event in any language (a birthday,
    a session, a sum); single digits say too little."""
    return frozenset(n.replace(",", ".") for n in NUMBER.findall(text) if len(n) > 1)


PASSAGE_WORD = re.compile(r"\w+")


def passages_in(text: str, names: Iterable[tuple[int, int]] = ()) -> frozenset[int]:
    """A sample of the runs of `passage_words` words of the start of a text (`passage_chars`:
    a reprint copies the lead, and reading less costs less; lowercased), as CRC-32 hashes:
    the runs opening on a word whose own hash is a multiple of `passage_sample`. Two reports
    holding many of them are copies of one text (`reprint`). No run holds a name of `names`
    (start and end offsets: the leaders the text names): every report of a pair names the
    two, in the same few words. A sample, so that a report keeps a dozen or two numbers, not
    hundreds, and only those runs are hashed; the same runs are sampled in every report."""
    s = settings()
    n, head = s.passage_words, text[: s.passage_chars]
    found: set[int] = set()
    start = 0
    for cut, end in [*sorted(names), (len(head), len(head))]:
        if cut < start:
            start = max(start, end)
            continue
        words = PASSAGE_WORD.findall(head[start:cut].lower())
        start = max(start, end)
        if len(words) < n:
            continue
        new = set(words) - _SEEN
        if new:
            _learn(new)
        last = len(words) - n
        found.update(
            zlib.crc32(" ".join(words[at : at + n]).encode())
            for at, word in enumerate(words)
            if word in _OPENING and at <= last
        )
    return frozenset(found)


# The words met so far, and those of them that open a sampled run (`passages_in`): most words
# of a report are words of other reports, and hashing each word of every report was most of
# the cost of the sample.
_SEEN: set[str] = set()
_OPENING: set[str] = set()


def _learn(words: set[str]) -> None:
    if len(_SEEN) >= ALIKE_HELD:
        _SEEN.clear()
        _OPENING.clear()
    sample = settings().passage_sample
    _SEEN.update(words)
    _OPENING.update(w for w in words if zlib.crc32(w.encode()) % sample == 0)


def passage_counts(reports: Iterable["Report | Member"]) -> Counter[int]:
    """How many of `reports` (those of one key) hold each sampled run (`passages_in`)."""
    found: Counter[int] = Counter()
    for report in reports:
        found.update(report.passages)
    return found


def key_counts(key: Key, reports: Iterable["Report | Member"]) -> Counter[int | str]:
    """How many of `reports` (those of `key`) hold each sampled run (`passages_in`) and name
    each feature outside the key's own (`member`): what `mark_rare` weighs."""
    found: Counter[int | str] = Counter()
    for report in reports:
        found.update(report.passages)
        found.update(report.features if isinstance(report, Member) else member(report, key).features)
    return found


def mark_rare(reports: Iterable["Report"], counts: Callable[[Key], Counter[int | str]]) -> None:
    """Set each report's rare runs: those no more than `passage_max_reports` reports of each
    of its contacts hold (`counts`: per key, over every report of the key, as the archive
    holds them after the load), and the features beyond the participants it is compared by
    (`Report.beyond`): those no more than `feature_max_reports` of them name. A formula the
    press service repeats from call to call is in many of a frequent pair's reports and
    tells none from another, as a third country named in a thousand of them does; a release
    reprinted by a few outlets is in a few. Decided by the key's reports only, so a load that
    changes some of them decides it as a full grouping would (`Reach` reaches the reports of
    every run and feature whose count crosses the bound)."""
    s = settings()
    for report in reports:
        of_keys = [counts(key) for key in report.keys]
        if report.passages:
            most = s.passage_max_reports
            rare = frozenset(h for h in report.passages if all(c[h] <= most for c in of_keys))
            # Set after the report is made: it depends on the other reports of its keys.
            object.__setattr__(report, "rare", rare or EMPTY)
        most = s.feature_max_reports
        common = {f for f in report.distinct_features if any(c[f] > most for c in of_keys)}
        beyond = {f: w for f, w in report.distinct_features.items() if f not in common}
        object.__setattr__(report, "beyond", beyond if common else report.distinct_features)


def reprint(a: "Report", b: "Report") -> int:
    """How many rare runs (`mark_rare`) two reports share when one copies the other, else 0:
    at least `passage_min_runs` of them, and at least `passage_min_share` of the sampled runs
    of the shorter one in common (a reprint shares most of its runs; a formula two or three,
    which may be rare where a pair has few reports)."""
    if not (a.rare and b.rare):
        return 0
    s = settings()
    runs = len(a.rare & b.rare)
    if runs < s.passage_min_runs:
        return 0
    shorter = min(len(a.passages), len(b.passages))
    return runs if len(a.passages & b.passages) >= s.passage_min_share * shorter else 0


def shared_places(a: "Report", b: "Report") -> list[str]:
    """The places two reports of a meeting or visit both name (those `similarity` counts)."""
    return sorted(k.removeprefix("p:") for k in a.features.keys() & b.features.keys() if k.startswith("p:"))


YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")


def years_in(text: str) -> frozenset[int]:
    return frozenset(int(y) for y in YEAR.findall(text))


def report_class(report: Report) -> str:
    """The kind class of a report: the one its headline and lead name outright (`stated_class`),
    else from the kinds of its headline and lead when they name one (a call that mentions a
    past visit in its third paragraph is a call), else from the whole head."""
    return report.klass


def stated_class(head: str, headline: str = "") -> str | None:
    """The kind class a headline and lead name in words no other kind uses ("созвонился",
    "телефон шалып", "held a phone call", «телеграмма»: data/event_grouping.toml
    `kind_words`), the first in the file's order; None when they name none. The event types
    of the article are wider ("переговоры" is a meeting word, and the topic of many calls)
    and miss these. A headline announcing a contact to come (`announces`) makes the report
    an announcement, unless its head names a call."""
    found = next(
        (kind for kind, patterns in settings().kind_words.items() if any(p.search(head) for p in patterns)),
        None,
    )
    if found != "call" and announces(headline):
        return ANNOUNCED
    return found


ANNOUNCED = "announced"  # the kind class of a report of a contact to come


def announces(headline: str) -> bool:
    """Whether a headline tells of a contact to come («Мелони посетит Казахстан», "Xi to
    visit Kazakhstan", «Қазақстанға сапармен келеді»), naming none that took place: such a
    report is an announcement, not a report of the contact it announces (which may come
    weeks later, or on other days than announced)."""
    s = settings()
    return bool(s.announcement_words.search(headline)) and not s.announced_unless.search(headline)


def kind_class(kinds: frozenset[str]) -> str:
    """call, in_person, written or none: what a report says happened. "Phone talks" also
    matches the meeting rule, so a call wins."""
    if "phone_call" in kinds:
        return "call"
    if kinds & {"meeting", "visit"}:
        return "in_person"
    if kinds & {"message", "congratulation"}:
        return "written"
    return "none"


def kinds_agree(a: str, b: str) -> bool:
    """Whether two kind classes may be one contact: an announcement is one only with another
    announcement; a call and a letter may be (a congratulation by phone is reported as both)."""
    if ANNOUNCED in (a, b):
        return a == b
    return not ({a, b} == {"call", "in_person"} or {a, b} == {"written", "in_person"})


def stated_apart(a: str | None, b: str | None) -> bool:
    """Whether two reports name different kinds outright (`stated_class`): a report naming a
    telegram of condolences and one naming a phone call are two contacts, as a call and a
    meeting are, however alike."""
    return a is not None and b is not None and a != b


def participants(report: Report, share: float | None = None) -> list[str]:
    """The leaders who take part: those whose centrality is at least a share of the most
    central's (the host of a call is often named once, by his title, the guest throughout).
    A spokesman who tells of the contact ("Ruslan Zheldibay wrote that ...") takes no part
    in it, however often the report names him, nor does a leader the head names beside the
    contact's sides as what they spoke of (`contact_frame`)."""
    s = settings()
    leaders = [
        (slug, weight)
        for slug, weight in report.leaders
        if slug not in s.spokespeople and slug not in report.bystanders
    ]
    if not leaders:
        return []
    least = leaders[0][1] * (s.central_share if share is None else share)
    return [slug for slug, weight in leaders if weight >= least][: s.max_participants]


Mentions = list[tuple[int, int, str]]  # start, end, leader slug: where a text names a leader
CLAUSE_BREAK = re.compile(r"[.;:!?\n]")
WORD_REST = re.compile(r"\w*")
SENTENCE_END = re.compile(r"[.!?…](?:\s|$)|\n")


def contact_frame(texts: list[tuple[str, Mentions]]) -> tuple[tuple[Key, ...], frozenset[str]]:
    """The sides of a contact as its report's head says them, and the leaders named beside
    them: in the first text (the headline, then the lead) whose first sentences name a
    contact word (data/event_grouping.toml `frame_words`) with leaders next to it, the
    leaders right before the word and right after it are the two sides («Токаев провел
    телефонный разговор с президентом России Путиным»), or those named together before it
    when none follows (Kazakh puts the verb last; "Trump and Tokayev held talks"), or after it
    when none precedes ("talks between X and Y"), two of them. A leader the headline or that sentence
    names beside the sides is a bystander («... и поздравил его с итогами встречи с
    Трампом»: what the call was about, not a side). Nothing when no text names the sides
    so: then the mention counts decide."""
    s = settings()
    for text, named in texts:
        if len({m[2] for m in named}) < 2:
            continue  # one leader named, or none: no two sides
        mentions = sorted(named)
        for sentence_start, sentence_end in _sentences(text):
            inside = [m for m in mentions if sentence_start <= m[0] < sentence_end]
            if len({m[2] for m in inside}) < 2:
                continue  # one leader named, or none: no two sides
            for word in s.frame_words.finditer(text, sentence_start, sentence_end):
                before = _side(text, [m for m in inside if m[1] <= word.start()][::-1], word.start(), True)
                after = _side(text, [m for m in inside if m[0] >= word.end()], word.end(), False)
                if before and after:
                    pairs = [(a, b) for a in before for b in after]
                else:
                    # One side only: two leaders named together ("Trump and Tokayev held
                    # talks"); a longer list is the objects of a subject named too far back
                    # («... Нуртлеу на полях заседания ... встретился с Фиданом, Хасаном, ...»).
                    side = before or after
                    pairs = [(side[0], side[1])] if len(side) == 2 else []
                pairs = [(a, b) for a, b in pairs if a != b]
                if pairs:
                    headline = {m[2] for m in texts[0][1]}
                    beside = headline | {m[2] for m in inside}
                    return tuple(pairs), frozenset(beside - {*before, *after})
    return (), frozenset()


def _sentences(text: str) -> list[tuple[int, int]]:
    """The first two sentences of a text, as (start, end) offsets."""
    found, start = [], 0
    for end in SENTENCE_END.finditer(text):
        if end.end() - start > 1:
            found.append((start, end.end()))
        start = end.end()
        if len(found) >= 2:
            return found
    if start < len(text):
        found.append((start, len(text)))
    return found[:2]


def _side(text: str, mentions: Mentions, at: int, backward: bool) -> list[str]:
    """The leaders of one side of a contact word at `at`, in the order the text names them:
    the nearest mention within `frame_reach` with no clause break between, and those named
    next to it, each within `frame_side_gap` of the last, joined to it by a conjunction or
    a comma (or, in Kazakh, taking the comitative), no clause break and no contact word
    between («Мирзиёевым и Токаевым», not «Путиным и поздравил его с итогами встречи с
    Трампом»)."""
    s = settings()
    side: list[str] = []
    edge, last = at, (at, at)
    for start, end, slug in mentions:
        gap = text[end:edge] if backward else text[edge:start]
        if side and gap.strip():
            later = last if backward else (start, end)
            word = WORD_REST.match(text, later[1])
            named = text[later[0] : word.end() if word else later[1]]
            joined = s.frame_joiners.search(gap) or s.frame_comitative.search(named)
            if (
                len(gap) > s.frame_side_gap
                or not joined
                or s.frame_words.search(gap)
                or s.contact_words_any.search(gap)
            ):
                break
        if len(gap) > s.frame_reach or CLAUSE_BREAK.search(gap):
            break
        if slug not in side:
            side.append(slug)
        # A mention overlapping the last (a title around a name) leaves no gap: the slice is empty.
        edge = min(edge, start) if backward else max(edge, end)
        last = (start, end)
    return side[::-1] if backward else side


def contact_keys(report: Report) -> list[Key]:
    """See `_contact_keys`; computed once per report (the grouping asks for them often)."""
    return list(report.keys)


def _contact_keys(report: Report) -> list[Key]:
    """The pairs the head's grammar gives (`frame_pairs`) and those of the mention counts
    (`_mention_keys`, its bystanders left out): a round-up naming its callees in later
    sentences keeps them."""
    frame = frame_pairs(report)
    return sorted(set(frame) | set(_mention_keys(report))) if frame else _mention_keys(report)


def guest_keys(report: Report, keys: list[Key]) -> list[Key]:
    """Candidate keys of an undated report of one leader's visit that names the other side by
    its country's places only («Macron arrived in Astana»), keyed to that country, to an
    organisation or to nothing: the leader with each head of state of that
    country who may have received him (`counterparts`). A report is a guest under such a key:
    it joins a dated event of the pair only as one undated report that fits it clearly, and
    at most one such event of all its candidates (`group`); it links no other report and
    takes no date. A summit's report is of the organisation met, not of the host country. A
    dated report's candidate is the one head of state in office on its day (`counterparts`):
    its key, not a guest's (`Report.guest_keys`)."""
    if not report.counterparts or report.summit_of:
        return []
    people = participants(report)
    if len(people) != 1 or any(not any(p.startswith(("country:", "org:")) for p in key) for key in keys):
        return []
    lone = people[0]
    return sorted({(min(lone, c), max(lone, c)) for c in report.counterparts if c != lone} - set(keys))


def visited_country(report_places: Iterable[str], own: Iterable[str]) -> str | None:
    """The one country whose places (data/event_grouping.toml `places`, `country`) a report
    names, other than its leaders' own; None when it names none or several."""
    found = {c for p in report_places if (c := settings().place_countries.get(p))} - set(own)
    return next(iter(found)) if len(found) == 1 else None


def frame_pairs(report: Report) -> list[Key]:
    """The pairs of `contact_frame` that are a contact: two sides of two countries (when
    known), neither a spokesman."""
    country, quiet = report.affiliations, settings().spokespeople
    return [
        (min(a, b), max(a, b))
        for a, b in report.frame
        if a not in quiet and b not in quiet and (country.get(a) is None or country.get(a) != country.get(b))
    ]


def _mention_keys(report: Report) -> list[Key]:
    """Pairs of participants: the two most central (the host of a call is often named once,
    by his title, the guest throughout), and the pairs among those nearly as central (a
    round-up of calls). A leader named in passing ("after his meeting with Zelensky") makes
    no pair: paired with the main participant, he joined a call with Putin to Zelensky's
    calls."""
    people = participants(report)
    if len(people) >= 2:
        main = set(participants(report, settings().round_up_share))
        weight = dict(report.leaders)
        # Those tied for second place are all second: a round-up names each callee once.
        second = [p for p in people[1:] if weight[p] == weight[people[1]]]
        pairs = {(people[0], p) for p in second} | {
            pair for pair in combinations(sorted(main), 2) if _sides_apart(pair, people, report)
        }
        pairs |= _summit_pairs(report, main | {people[0]})
        return sorted({(min(p), max(p)) for p in pairs})
    if len(people) == 1 and report.summit_of:
        return sorted(_summit_pairs(report, {people[0]}))
    if len(people) == 1:
        own = report.affiliations.get(people[0])
        other = sorted(report.organisations) or sorted(c for c in report.countries if c != own)
        if other:
            prefix = "org:" if report.organisations else "country:"
            pair = (people[0], prefix + other[0])
            return [(min(pair), max(pair))]
    return []


def _summit_pairs(report: Report, people: set[str]) -> set[Key]:
    """A summit's report pairs each of its main participants with the organisation: the
    leaders a report of a summit names beside the speaker differ from report to report (the
    host in one, the next chair in another), the organisation does not."""
    pairs = set()
    for code in sorted(report.summit_of):
        for person in people:
            pair = (person, f"org:{code}")
            pairs.add((min(pair), max(pair)))
    return pairs


def summits_in(head: str, organisations: Iterable[str]) -> frozenset[str]:
    """The organisations among `organisations` (a report's) whose summit a headline and lead
    name: a summit word (data/event_grouping.toml `summit_words`) and the organisation's
    name or abbreviation (data/organisations.toml) in the head."""
    if not any(w.search(head) for w in settings().summit_words):
        return frozenset()
    names = _organisation_names()
    return frozenset(code for code in organisations if code in names and names[code].search(head))


@lru_cache(maxsize=1)
def _organisation_names() -> dict[str, re.Pattern[str]]:
    """Per organisation: its names, each word by its stem (Russian and Kazakh inflect them:
    "Организации тюркских государств", "Түркі мемлекеттері ұйымының"), and its
    abbreviations as written."""
    found = {}
    for row in load_data("organisations.toml")["organisation"]:
        names = {row["name_en"], row["name_ru"], row["name_kk"], *row.get("names", [])} - {""}
        stems = [
            r"\s+".join(re.escape(w[: max(len(w) - 2, 3)]) + r"\w*" for w in name.split()) for name in names
        ]
        abbreviations = [re.escape(str(a)) for a in row.get("abbreviations", [])]
        folded = "|".join(sorted(stems))
        exact = "|".join(sorted(abbreviations)) or "(?!)"
        found[str(row["code"])] = re.compile(rf"(?i:(?<!\w)(?:{folded}))|(?<!\w)(?:{exact})(?!\w)")
    return found


def _sides_apart(pair: tuple[str, str], people: list[str], report: Report) -> bool:
    """Whether two of a report's main participants are a contact of their own: not two of
    one country, nor one who has a more central compatriot in the report (Xi Jinping, whose
    greetings Zhao Leji passes to Tokayev, takes no part in that meeting; each leader of a
    round-up of calls is from another country)."""
    country = report.affiliations
    a, b = pair
    if country.get(a) is not None and country.get(a) == country.get(b):
        return False
    for p in pair:
        ahead = people[: people.index(p)]
        if country.get(p) is not None and any(country.get(q) == country.get(p) for q in ahead):
            return False
    return True


def primary_key(report: Report) -> Key | None:
    """The contact a report is mainly about: its two most central participants when its
    head's grammar gives them as sides (`frame_pairs`), else the pair of those sides whose
    leaders it names most; without a frame, its two most central participants (or the one
    and what he visits). Other keys come from round-ups and from background mentions."""
    people = participants(report)
    counted = (min(people[0], people[1]), max(people[0], people[1])) if len(people) >= 2 else None
    frame = frame_pairs(report)
    if frame:
        if counted in frame:
            return counted
        weight = dict(report.leaders)
        return max(frame, key=lambda pair: weight.get(pair[0], 0.0) + weight.get(pair[1], 0.0))
    if counted is not None:
        return counted
    # A guest's candidate keys are never what it is about (it takes no date through them).
    keys = [key for key in contact_keys(report) if key not in report.guest_keys]
    return keys[0] if keys else None


def similarity(a: Report, b: Report) -> float:
    """Weighted overlap of what both name: leaders, countries, organisations, places, numbers."""
    # A feature weighs the same in every report (1, or `number_weight` for numbers and
    # places): what both name is counted by set intersections, in C.
    shared = len(a.whole & b.whole) + settings().number_weight * len(a.part & b.part)
    # The sum over both of the greater weight: what each names, less what both do (the
    # weights are whole and half units: the sums are exact).
    total = a.weight + b.weight - shared
    return shared / total if total else 0.0


def window(a: Report, b: Report) -> int:
    return max(a.days, b.days)


def dates_agree(a: Report, b: Report, days: int) -> bool | None:
    """True or False when both give a day (a full date, or a day and month), None otherwise;
    False too when a dated report is of a year before every year an undated one names."""
    if a.dating is None or b.dating is None:  # one gives no date, day or year
        return None
    if a.date and b.date:
        return abs((a.date - b.date).days) <= days
    # The years an undated report names are mostly those it recalls (12 of the 22 naming a
    # year on the events set do not name their event's), and it recalls none after its own:
    # it is of no year before the least it names.
    for dated, other in ((a, b), (b, a)):
        if dated.date and not other.date and other.years and dated.date.year < min(other.years):
            return False
    pair = (
        a.month_day or (a.date and (a.date.month, a.date.day)),
        b.month_day or (b.date and (b.date.month, b.date.day)),
    )
    if pair[0] and pair[1]:
        return _days_apart(pair[0], pair[1]) <= days
    # The days a body mentions only part reports: one of them may be another contact's.
    ours = {pair[0]} if pair[0] else a.mentioned_days
    theirs = {pair[1]} if pair[1] else b.mentioned_days
    if ours and theirs and not any(_days_apart(x, y) <= days for x in ours for y in theirs):
        return False
    return None


def _days_apart(first: tuple[int, int], second: tuple[int, int]) -> int:
    """Days between two days of the year, across the new year."""
    year = 2001  # a common year
    gap = abs((dt.date(year, *first) - dt.date(year, *second)).days)
    return min(gap, 365 - gap)


def _day_of_year(report: Report) -> tuple[int, int] | None:
    if report.month_day:
        return report.month_day
    return (report.date.month, report.date.day) if report.date else None


def link(a: Report, b: Report, key: Key) -> Link | None:
    ka, kb = a.klass, b.klass
    days = max(a.days, b.days)  # `window`
    agree = dates_agree(a, b, days)
    if agree is False:
        return None
    # A report that names its kind outright ("телефон арқылы сөйлесті") is of that kind: one
    # whose words say another is not a report of it.
    if (a.head_class or b.head_class) and not kinds_agree(ka, kb) or stated_apart(a.head_class, b.head_class):
        return None
    if _writing_beside_call(a, b) or _writing_beside_call(b, a):
        return None
    if summit_apart(a, b):
        return None
    sim = similarity(a, b)
    s = settings()
    # Other kinds come from words ("визит" is also in a call about a visit): a mismatch asks
    # for the content overlap of an undated pair, not a refusal.
    need = s.min_similarity_dated if agree and kinds_agree(ka, kb) else s.min_similarity_undated
    if sim < need:
        return None
    return Link(a.id, b.id, key, sim + (0.5 if agree else 0.0), sim, bool(agree))


def names_summit(head: str) -> bool:
    """Whether a head reports a summit: it names one (`summit_words`) and no contact of two of
    its leaders beside it (`summit_unless`)."""
    s = settings()
    return any(w.search(head) for w in s.summit_words) and not s.summit_unless.search(head)


def summit_apart(a: Report, b: Report) -> bool:
    """Whether two in-person reports are a summit and a contact of two of its leaders."""
    return a.klass == b.klass == "in_person" and a.summit != b.summit


def _writing_beside_call(undated: Report, other: Report) -> bool:
    """Whether an undated report of a congratulation or message whose head names no call
    («Токаев поздравил ...») stands beside a report naming a call outright: it may have been
    sent in writing, days before or after, and nothing tells which (dated, a congratulation
    of the call's day still joins it)."""
    return (
        undated.date is None
        and undated.head_class is None
        and undated.klass == "written"
        and (other.head_class == "call")
    )


def link_reasons(found: Link, index: dict[str, Report]) -> str:
    """Why two reports were linked, as the event page reads it (app/i18n/evidence.py)."""
    a, b, key = index[found.a], index[found.b], found.key
    ka, kb = report_class(a), report_class(b)
    days = window(a, b)
    reasons = [f"same participants: {key[0]} and {key[1]}"]
    if ka == kb and ka not in ("none", ANNOUNCED):
        reasons.append(f"same kind: {ka.replace('_', ' ')}")
    if found.agree and same_stated_day(a, b):
        reasons.append(BOTH_SAME_DAY)
    elif found.agree:
        reasons.append(f"dates within {days} day{'s' if days > 1 else ''}")
    else:
        reasons.append("one of them undated: linked on content")
    shared_numbers = sorted(a.numbers & b.numbers)
    reasons.append(
        f"content overlap {found.similarity:.2f}"
        + (f" (shared numbers {', '.join(shared_numbers[:5])})" if shared_numbers else "")
    )
    places = shared_places(a, b)
    if places:
        reasons.append(f"both name {', '.join(places)}")
    if runs := reprint(a, b):
        reasons.append(f"{PASSAGE_REASON} ({runs})")
    return "; ".join(reasons)


def reports_by_key(reports: list[Report]) -> dict[Key, list[str]]:
    """The ids of the reports of each contact key, in the order of `reports`."""
    by_key: dict[Key, list[str]] = defaultdict(list)
    for report in reports:
        for key in contact_keys(report):
            by_key[key].append(report.id)
    return by_key


def key_links(key: Key, ids: list[str], index: dict[str, Report]) -> list[Link]:
    """The links between reports of one key that the grouping can use: two dated reports
    within the widest window, two undated ones sharing something beyond the participants
    (`_group_key` merges no other pair along a link). Made key by key as the grouping goes:
    a full grouping at 100k weighs a million candidates, too many to hold at once."""
    widest = max(settings().window_days.values())
    # A guest (`guest_keys`) links no report of its candidate key.
    hosts = [i for i in ids if key not in index[i].guest_keys]
    return [found for x, y in _pairs(key, hosts, index, widest) if (found := link(index[x], index[y], key))]


def _pairs(key: Key, ids: list[str], index: dict[str, Report], widest: int) -> list[tuple[str, str]]:
    """The pairs of a key's reports that may link and be merged: two dated reports only within
    the widest window (a sweep over the dates, not every pair: a frequent pair of presidents
    has thousands of reports), two undated reports only when they share at least
    `min_distinctive` beyond the participants (found through postings, not by comparing every
    pair). An undated and a dated report are never merged along a link (`_group_key` joins an
    undated group to a dated one as a whole), so they are not paired here."""
    dated = sorted((d, i) for i in ids if (d := index[i].date) is not None)
    undated = sorted(i for i in ids if index[i].date is None)
    pairs = []
    for n, (day, x) in enumerate(dated):
        for other, y in dated[n + 1 :]:
            if (other - day).days > widest:
                break
            pairs.append((min(x, y), max(x, y)))
    postings = _Postings(undated, key, index)
    least = settings().min_distinctive
    stating: dict[tuple[int, int], list[str]] = defaultdict(list)
    for x in undated:
        if (stated := index[x].month_day) is not None:
            stating[stated].append(x)
    speaking_of: dict[str, list[str]] = defaultdict(list)
    for x in undated:
        for occasion in index[x].occasions:
            speaking_of[occasion].append(x)
    for x in undated:
        found = set(postings.sharing(index[x], least))
        found.update(y for y in _on_stated_day(index[x], stating) if same_stated_day(index[x], index[y]))
        # An occasion both speak of counts beyond the participants (`_shared_beyond`).
        found.update(
            y
            for occasion in index[x].occasions
            for y in speaking_of[occasion]
            if y not in found and _shared_beyond(index[x], index[y], key) >= least
        )
        pairs += [(x, y) for y in sorted(found) if y > x]
    return sorted(pairs)


def distinctive(a: Report, b: Report, key: Key) -> float:
    """What two reports share beyond the contact itself: entities other than the two
    participants and their own countries, numbers (those few of the pair's reports name:
    `Report.beyond`), and the rare runs of a text both copy (`reprint`). Every call between
    the same two presidents names them and their countries; only this tells one call from
    another."""
    own = _own(a, key) | _own(b, key)
    fa = {k: v for k, v in a.beyond.items() if k not in own}
    fb = {k: v for k, v in b.beyond.items() if k not in own}
    # A passage both copy tells one contact from another as a shared number does (`reprint`).
    return sum(min(fa[k], fb[k]) for k in fa.keys() & fb.keys()) + settings().passage_weight * reprint(a, b)


def _own(report: Report, key: Key) -> frozenset[str]:
    """The features every report of the contact names: its participants and, as far as this
    report tells, their countries, or the organisation a participant heads (every report of
    Tokayev and Guterres names the UN: it tells no meeting of theirs from another)."""
    return _own_of(key, tuple(report.affiliations.get(p) for p in key))


@lru_cache(maxsize=1 << 16)
def _own_of(key: Key, sides: tuple[str | None, ...]) -> frozenset[str]:
    """`_own` of a key whose participants are of the countries `sides` (None: unknown): one
    set for all the reports alike, not one per report and key."""
    found = {f"l:{p}" for p in key}
    for p, side in zip(key, sides, strict=True):
        if p.startswith(("country:", "org:")):
            side = p.split(":", 1)[1]
        if side is not None:
            found |= {f"c:{side}", f"o:{side}"}
    return frozenset(intern(f) for f in found)


def _countries_of(participant: str, *reports: Report) -> set[str]:
    """A participant's country or organisation: a country or an organisation of a key is its
    own (every report of a summit of the OTS names the OTS)."""
    if participant.startswith(("country:", "org:")):
        return {participant.split(":", 1)[1]}
    return {r.affiliations[participant] for r in reports if participant in r.affiliations}


class _Postings:
    """Which of a key's reports name which distinctive feature, to find the reports that
    share enough with one report without comparing it with all of them (a frequent pair of
    presidents has thousands of undated reports). A shared feature counts in `distinctive`
    only when it is outside both reports' own features, so each report is posted under its
    features outside its own: the sum over the postings two reports share is exactly their
    `distinctive`, but for a passage both copy (`reprint`), found through their rare runs
    and weighed exactly."""

    def __init__(self, ids: Iterable[str], key: Key, index: dict[str, Report]) -> None:
        self.key = key
        self.index = index
        self.lists: dict[str, list[str]] = defaultdict(list)
        self.runs: dict[int, list[str]] = defaultdict(list)
        for i in ids:
            for feature in self._eligible(index[i]):
                self.lists[feature].append(i)
            for run in index[i].rare:
                self.runs[run].append(i)

    def _eligible(self, report: Report) -> dict[str, float]:
        own = _own(report, self.key)
        return {k: v for k, v in report.beyond.items() if k not in own}

    def sharing(self, report: Report, least: float) -> list[str]:
        """The posted reports whose `distinctive` with `report` is at least `least`, and perhaps
        a few whose sum falls short of it by a rounding error."""
        totals: dict[str, float] = defaultdict(float)
        for feature, weight in self._eligible(report).items():
            for other in self.lists.get(feature, ()):
                totals[other] += weight
        copies: Counter[str] = Counter()
        for run in report.rare:
            copies.update(self.runs.get(run, ()))
        least_runs = settings().passage_min_runs
        for other, runs in copies.items():
            if runs >= least_runs and other != report.id:
                totals[other] += settings().passage_weight * reprint(report, self.index[other])
        # The sum is `distinctive` up to the order of adding; the slack keeps every pair that
        # reaches `least`, and the callers test the pairs they use exactly.
        return sorted(j for j, total in totals.items() if j != report.id and total >= least - 1e-9)


@dataclass(frozen=True, slots=True)
class Member:
    """What `Reach` reads of one report of a key: its day, the day it states and its
    distinctive features outside the key's own. Stored beside the report's key
    (ArticleEventKey.reach): a load changing one report of a frequent pair tells which of
    the pair's thousands of reports it touches from these, and reads whole only those."""

    id: str
    date: dt.date | None
    month_day: tuple[int, int] | None
    features: frozenset[str]
    # Its sampled runs (`passages_in`): how many of the key's reports hold a run decides
    # whether it is rare (`mark_rare`), and the reports holding a rare one are reached.
    passages: frozenset[int] = frozenset()


def member(report: Report, key: Key) -> Member:
    """What `Reach` reads of `report` under `key`."""
    own = _own(report, key)
    return Member(
        report.id,
        report.date,
        report.month_day,
        frozenset(report.distinct_features.keys() - own),
        report.passages,
    )


class Reach:
    """One key's reports, indexed to tell which of them a report can touch in `_group_key`
    and `date_events`: dated reports within the widest window of its date; reports sharing
    anything beyond the participants, when one of the two is undated (an undated report joins
    a dated event, another undated report or a competing dated contact only through that);
    and the reports, dated or undated, on the day an undated one states. The grouping of a
    key falls apart into the parts these links connect, each grouped as if alone: a load
    changing one report regroups only the part it is in (`reach`), not every report of a
    frequent pair. The key's reports are given whole or as `Member`s, as they are after the
    load; `changed`: the ids the load changes.

    A run of words (`passages_in`) links the reports holding it when few of the key's
    reports do (`mark_rare`); a load changing some of them can make it rare or common, and
    so link or unlink the others holding it: every run held by no more than
    `passage_max_reports` of the reports the load leaves as they were reaches its holders.
    A feature likewise, with `feature_max_reports`: one that more of them name (Kazakhstan in
    a third of the reports of Erdoğan's calls with Putin) links no report of the key, before
    the load or after, and reaches none (it had joined every report naming it into the part
    of one change: thousands, at 100k)."""

    def __init__(self, key: Key, reports: Iterable[Report | Member], changed: Iterable[str] = ()) -> None:
        self.key = key
        members = {r.id: r if isinstance(r, Member) else member(r, key) for r in reports}
        self.holding: dict[int, list[str]] = defaultdict(list)
        for i in sorted(members):
            for run in members[i].passages:
                self.holding[run].append(i)
        fresh = set(changed)
        most = settings().passage_max_reports
        # A run whose count crosses the bound has at most that many holders the load leaves.
        self.few = {run for run, ids in self.holding.items() if sum(1 for i in ids if i not in fresh) <= most}
        self.copied: set[tuple[int, bool]] = set()  # (run, to dated reports too) gone through
        self.dated = sorted((d, i) for i, r in members.items() if (d := r.date) is not None)
        self.undated = {i for i, r in members.items() if r.date is None}
        # Which reports name each feature outside their own: the sum of the weights two
        # reports share there is their `distinctive` (see `_Postings`).
        self.postings: dict[str, list[str]] = defaultdict(list)
        for i in sorted(members):
            for feature in sorted(members[i].features):
                self.postings[feature].append(i)
        # A feature whose count crosses the bound likewise (`mark_rare`); the others are
        # named by too many reports to link any, whatever the load does.
        most = settings().feature_max_reports
        self.few_features = {
            f for f, ids in self.postings.items() if sum(1 for i in ids if i not in fresh) <= most
        }
        self.expanded: set[tuple[str, bool]] = set()  # (feature, to dated reports too) gone through
        self.by_day: dict[tuple[int, int], list[str]] = defaultdict(list)
        for day, i in self.dated:
            self.by_day[(day.month, day.day)].append(i)
        # Undated reports under every day their stated day reaches: a dated report finds them
        # by its own day, as they find it by theirs.
        self.stating: dict[tuple[int, int], list[str]] = defaultdict(list)
        for i in sorted(self.undated):
            for near in _days_near(members[i].month_day):
                self.stating[near].append(i)

    def touching(self, report: Report) -> set[str]:
        """The reports of this key that `report` (of the key, perhaps not among them) is
        linked to, in any way the grouping compares two reports, less those a feature already
        gave (`reach` has them: a feature a thousand reports share is gone through once)."""
        own = _own(report, self.key)
        if report.date is None:
            found = set(_on_stated_day(report, self.by_day))
            # Undated reports stating a day near its own (`same_stated_day` pairs them).
            if report.month_day is not None:
                found.update(self.stating.get(report.month_day, []))
            for feature in (report.distinct_features.keys() - own) & self.few_features:
                if (feature, True) not in self.expanded:
                    self.expanded |= {(feature, True), (feature, False)}
                    found.update(self.postings.get(feature, ()))
            found.update(self._copies(report, dated_too=True))
            return found - {report.id}
        widest = max(settings().window_days.values())
        start = bisect_left(self.dated, (report.date - dt.timedelta(days=widest), ""))
        found = set()
        for day, i in self.dated[start:]:
            if (day - report.date).days > widest:
                break
            found.add(i)
        found.update(self.stating.get((report.date.month, report.date.day), []))
        # A dated report is linked through what it shares to undated reports only.
        for feature in (report.distinct_features.keys() - own) & self.few_features:
            if (feature, False) not in self.expanded:
                self.expanded.add((feature, False))
                found.update(i for i in self.postings.get(feature, ()) if i in self.undated)
        found.update(self._copies(report, dated_too=False))
        return found - {report.id}

    def _copies(self, report: Report, dated_too: bool) -> set[str]:
        """The reports holding a run of `report` that few of the key's reports hold (`few`),
        each run gone through once (as a feature is)."""
        found: set[str] = set()
        for run in report.passages & self.few:
            if (run, dated_too) not in self.copied:
                self.copied |= {(run, dated_too), (run, False)}
                holders = self.holding[run]
                found.update(holders if dated_too else (i for i in holders if i in self.undated))
        return found


def reach(
    seeds: Iterable[Report],
    reports_of: Callable[[Key], Iterable[Report | Member]],
    whole: Callable[[list[str]], Iterable[Report]] | None = None,
    changed: Iterable[str] = (),
) -> dict[str, Report]:
    """The reports whose events a change of `seeds` can change: those linked to them (`Reach`)
    through every key they share, closed over links and keys, read key by key through
    `reports_of`. The seeds themselves are not returned unless a key's reports hold them (a
    changed report is a seed twice, as it was and as it is; a removed one only as it was).
    A key's reports given as `Member`s are read whole through `whole` once reached, the others
    never: a change reads of a frequent pair's reports only the part it touches. `changed`: the
    ids the load changes (`Reach`)."""
    fresh = frozenset(changed)
    indexes: dict[Key, Reach] = {}
    found: dict[str, Report | Member] = {}
    todo = list(seeds)
    reached = {r.id for r in todo}
    while todo:
        report = todo.pop()
        for key in report.keys:
            if key not in indexes:
                members = list(reports_of(key))
                indexes[key] = Reach(key, members, fresh)
                for one in members:
                    found.setdefault(one.id, one)
            new = [i for i in sorted(indexes[key].touching(report)) if i not in reached]
            reached.update(new)
            partial = [i for i in new if isinstance(found[i], Member)]
            if partial:
                assert whole is not None, "members given without a way to read them whole"
                found.update((r.id, r) for r in whole(partial))
            todo.extend(r for i in new if isinstance(r := found[i], Report))
    return {i: r for i, r in found.items() if i in reached and isinstance(r, Report)}


def _conflict(members: set[str], others: set[str], index: dict[str, Report]) -> bool:
    """Whether a report of one group and a report of the other give days that disagree.
    Compared by what `dates_agree` reads, each once: a large group repeats a few dates many
    times, and a report giving no date, day or year contradicts none."""
    ours = {d: index[x] for x in members if (d := index[x].dating) is not None}
    theirs = {d: index[y] for y in others if (d := index[y].dating) is not None}
    return any(dates_agree(a, b, window(a, b)) is False for a in ours.values() for b in theirs.values())


class _Groups:
    """Union-find over the reports of one key, keeping each group's members and reasons."""

    def __init__(self, ids: list[str]) -> None:
        self.owner = {i: i for i in ids}
        self.members = {i: {i} for i in ids}
        self.reasons: dict[str, list[str]] = {i: [] for i in ids}

    def merge(self, a: str, b: str, why: str) -> None:
        ra, rb = self.owner[a], self.owner[b]
        for i in self.members[rb]:
            self.owner[i] = ra
        self.members[ra] |= self.members.pop(rb)
        self.reasons[a].append(f"linked to {b}: {why}")
        self.reasons[b].append(f"linked to {a}: {why}")


def _group_key(key: Key, ids: list[str], links: list[Link], index: dict[str, Report]) -> _Groups:
    """The events of one key, in two steps. Dated reports are merged along their links,
    strongest first, unless the merge would join conflicting dates. Undated reports form
    groups only among themselves, along links sharing something beyond the participants,
    each close to each on content (`_close_all`), a group stating no day
    not taking the day of one that contradicts the dated events it fits (`_day_against_fit`);
    such a group then joins the one dated group it is close to as a whole (each of its
    reports sharing something beyond the participants with that group's dated reports, and
    close to them on content, or most of them when all name one kind: `_closeness`), or of
    several the one it is clearly closest to (`_clear_fit`), and stays
    apart otherwise: an undated report never chains two dated reports together through
    itself."""
    groups = _Groups(ids)
    s = settings()
    ordered = sorted(links, key=lambda x: (-x.score, x.a, x.b))
    dated = {i for i in ids if index[i].date is not None}
    for found in ordered:
        if found.a in dated and found.b in dated:
            ra, rb = groups.owner[found.a], groups.owner[found.b]
            if ra != rb and not _conflict(groups.members[ra], groups.members[rb], index):
                groups.merge(found.a, found.b, link_reasons(found, index))
    postings = _Postings(sorted(dated), key, index)
    by_day: dict[tuple[int, int], list[str]] = defaultdict(list)
    for i in sorted(dated):
        day = index[i].date
        assert day is not None
        by_day[(day.month, day.day)].append(i)
    for found in ordered:
        if found.a in dated or found.b in dated:
            continue
        ra, rb = groups.owner[found.a], groups.owner[found.b]
        if ra == rb or _shared_beyond(index[found.a], index[found.b], key) < s.min_distinctive:
            continue
        if (
            not _conflict(groups.members[ra], groups.members[rb], index)
            and _close_all(groups.members[ra], groups.members[rb], key, index)
            and not _day_against_fit(ra, rb, groups, dated, postings, by_day, key, index)
        ):
            groups.merge(found.a, found.b, link_reasons(found, index))
    dated_roots = {groups.owner[i] for i in dated}
    for root in sorted({groups.owner[i] for i in ids} - dated_roots):
        loose = groups.members[root]
        fits = _dated_fits(loose, groups, dated, postings, by_day, key, index)
        chosen = _clear_fit(fits)
        if chosen is not None:
            target, evidence = chosen
            u = min(loose)
            best = max(evidence, key=lambda j: (similarity(index[u], index[j]), j))
            shared = sorted(index[u].numbers & index[best].numbers)
            why = (
                f"same participants: {key[0]} and {key[1]}; undated: close to the event's dated "
                f"reports as a whole (content overlap {similarity(index[u], index[best]):.2f}"
                + (f", shared numbers {', '.join(shared[:5])}" if shared else "")
                + ")"
                + ("; " + SAME_DAY if any(_day_weight(index[u], index[j]) for j in evidence) else "")
                + (f"; {PASSAGE_REASON} ({runs})" if (runs := reprint(index[u], index[best])) else "")
                + ("; " + GUEST if key in index[u].guest_keys else "")
                + ("; " + scored if (scored := score_clause(index[u], evidence, key, index)) else "")
            )
            groups.merge(best, u, why)
    return groups


def _dated_fits(
    loose: set[str],
    groups: _Groups,
    dated: set[str],
    postings: "_Postings",
    by_day: dict[tuple[int, int], list[str]],
    key: Key,
    index: dict[str, Report],
) -> list[tuple[str, list[str], tuple[float, float]]]:
    """The dated groups an undated group may join, each with the dated reports it was judged
    by and its `_closeness` to them."""
    s = settings()
    fits = []
    # Only a dated group holding a report that shares enough with one of the loose reports
    # can fit (`_closeness` asks it of every loose report it judges).
    first = index[min(loose)]
    near = {groups.owner[j] for j in postings.sharing(first, s.min_distinctive)}
    near |= {groups.owner[j] for j in _on_stated_day(first, by_day)}
    for target in sorted(near):
        # A large event is judged by its first dated reports (by id): the cost of the test
        # stays bounded however many reports an event has.
        evidence = sorted(j for j in groups.members[target] if j in dated)[:EVIDENCE]
        if _conflict(loose, groups.members[target], index) or not _kinds_fit(loose, evidence, index):
            continue
        closeness = _closeness(loose, evidence, key, index)
        if closeness is not None:
            fits.append((target, evidence, closeness))
    return fits


def _day_against_fit(
    ra: str,
    rb: str,
    groups: _Groups,
    dated: set[str],
    postings: "_Postings",
    by_day: dict[tuple[int, int], list[str]],
    key: Key,
    index: dict[str, Report],
) -> bool:
    """Whether two undated groups, one stating a day and one stating none, stay apart: the
    one stating none clearly fits a dated group (`_clear_fit`) whose date the other's day
    contradicts, or fits several, none clearly, and the other's day contradicts each of
    them; and it is closer on content to those groups' dated reports than to the other.
    Joined along a link, the day-less reports would take that day and lose the event they
    fit: two calls of the same presidents nine days apart both spoke of one summit, and the
    day-less reports of the later call, met first by a report stating the earlier day, took
    its day and left their dated call. A report of a visit naming the Kremlin, close to its
    dated reports and to those of an earlier visit, was met first by an announcement of a
    third visit stating its day, and left the undated reports of its own visit. Closer to
    the group stating a day, they join it (its day tells them from a dated contact they fit
    less well)."""
    first, second = groups.members[ra], groups.members[rb]
    if _states_day(first, index) == _states_day(second, index):
        return False
    day_less, stating = (second, first) if _states_day(first, index) else (first, second)
    fits = _dated_fits(day_less, groups, dated, postings, by_day, key, index)
    home = _clear_fit(fits)
    homes = {home[0]} if home is not None else {target for target, _, _ in fits}
    if not homes or any(not _conflict(stating, groups.members[target], index) for target in homes):
        return False
    to_home = max(closeness[0] for target, _, closeness in fits if target in homes)
    pairs = [(x, y) for x in sorted(day_less)[:EVIDENCE] for y in sorted(stating)[:EVIDENCE]]
    to_stating = sum(similarity(index[x], index[y]) for x, y in pairs) / len(pairs)
    return to_stating < to_home


def _states_day(members: set[str], index: dict[str, Report]) -> bool:
    """Whether an undated group holds a report that states its day and month."""
    return any(index[i].month_day is not None for i in members)


# The reason an undated report gives when its own day and month counted (`_day_weight`).
SAME_DAY = "its text gives the same day and month"
# The reason a guest gives (`guest_keys`): it names one side of the contact and the other's country.
GUEST = "it names one side and places of the other's country: its head of state, from the register"
# The reason two reports give when one copies the other (`reprint`), with how many rare runs
# of words they share.
PASSAGE_REASON = "both reprint the same passage"
# The reason two undated reports give when they are linked by the day both state (`same_stated_day`).
BOTH_SAME_DAY = "both texts give the same day and month"


def _day_weight(undated: Report, dated: Report) -> float:
    """What an undated report's own day and month weigh beside what it shares with a dated
    report (`distinctive`) when they are the dated report's day, within the kind's window:
    «9 қаңтарда телефон арқылы сөйлесті» tells the call of 9 January from every other call
    of the two presidents as a shared entity would. A day stated without a year can be the
    same day of another year: the candidates are still weighed against each other."""
    if undated.month_day is None or dated.date is None:
        return 0.0
    return settings().stated_day_weight if dates_agree(undated, dated, window(undated, dated)) else 0.0


def _on_stated_day(report: Report, by_day: dict[tuple[int, int], list[str]]) -> list[str]:
    """The dated reports (`by_day`: by month and day) within the widest window of the day and
    month an undated report states."""
    found = []
    for day in _days_near(report.month_day):
        found += by_day.get(day, [])
    return found


def _days_near(month_day: tuple[int, int] | None) -> list[tuple[int, int]]:
    """The days (month, day) within the widest window of a stated day and month."""
    if month_day is None:
        return []
    widest = max(settings().window_days.values())
    stated = dt.date(2001, *month_day)  # a common year, as in `dates_agree`
    return [((d := stated + dt.timedelta(days=shift)).month, d.day) for shift in range(-widest, widest + 1)]


def _kinds_fit(loose: set[str], evidence: list[str], index: dict[str, Report]) -> bool:
    """Whether an undated group may join a dated group by kind, as `link` asks of two reports:
    a report that names its kind outright ("телефон арқылы сөйлесті") is of that kind, and
    never joins a group of another (a call of two presidents is not their meeting a year
    earlier, however much the two reports share). Compared by their kinds, each once: an
    undated group of a frequent pair holds hundreds of reports."""
    if any(summit_apart(index[x], index[y]) for x in loose for y in evidence):
        return False
    ours, theirs = _kinds_of(loose, index), _kinds_of(evidence, index)
    # A group some of whose reports name its kind outright is of that kind: an agency report
    # of the call calling Kazakhstan "a venue for talks" is read as a meeting by its words.
    ours = {k for k in ours if k[0]} or ours
    theirs = {k for k in theirs if k[0]} or theirs
    # An undated congratulation naming no call is not taken for one (`_writing_beside_call`).
    if (False, "written") in ours and (True, "call") in theirs:
        return False
    return all(
        (kinds_agree(a, b) or not (stated_a or stated_b)) and not (stated_a and stated_b and a != b)
        for stated_a, a in ours
        for stated_b, b in theirs
    )


def _kinds_of(ids: Iterable[str], index: dict[str, Report]) -> set[tuple[bool, str]]:
    """The kind classes of reports, each with whether a report names it outright."""
    return {(index[i].head_class is not None, report_class(index[i])) for i in ids}


# How many of an event's dated reports an undated group is compared with, and by how many
# of its own reports (`_group_key`, `_closeness`): bounded, the cost of attaching a group is
# too, however many reports a frequent pair of presidents has.
EVIDENCE = 16


def _close_all(first: set[str], second: set[str], key: Key, index: dict[str, Report]) -> bool:
    """Whether every report of one undated group is close on content to every report of the
    other. Undated reports have no date to keep two calls apart: joined along single links, a
    report of the August call and one of the December call, both naming Ukraine, chained two
    calls into one group. What they share beyond the participants is asked of the link that
    joins the two groups only (`_group_key`), not of every pair: the pieces of a visit name
    different places of it (the airport with one report, the capital with another), and a
    report naming both holds them together."""
    s = settings()
    # Two large groups are compared by their first reports (by id), each close to each of its
    # own already: every pair of two groups of hundreds was most of regrouping a frequent pair.
    return all(
        similarity(index[x], index[y])
        >= (s.min_similarity_stated_day if same_stated_day(index[x], index[y]) else s.min_similarity_undated)
        for x in sorted(first)[:EVIDENCE]
        for y in sorted(second)[:EVIDENCE]
    )


def same_stated_day(a: Report, b: Report) -> bool:
    """Whether two undated reports state one day of one kind of contact: each its day and
    month, within the kind's window, of one kind class other than "none", and no year one
    names that the other rules out. «8 августа созвонились» and "spoke by phone on 8 August"
    tell that call from every other call of the two presidents as a shared date would; a
    call and a meeting of one day, or two calls stating days a week apart, are not one."""
    if a.date is not None or b.date is not None or a.month_day is None or b.month_day is None:
        return False
    if a.klass != b.klass or a.klass == "none":
        return False
    if a.years and b.years and not a.years & b.years:
        return False
    return dates_agree(a, b, window(a, b)) is True


def _shared_beyond(a: Report, b: Report, key: Key) -> float:
    """What two undated reports share beyond the participants (`distinctive`), with a day
    both state (`same_stated_day`) weighing as a dated report's day does (`_day_weight`), and
    each occasion both speak of (`occasions`: an earthquake, «жер сілкінісі» and «зілзала») as
    `occasion_topic_weight`."""
    s = settings()
    day = s.stated_day_weight if same_stated_day(a, b) else 0.0
    # A call and a message of condolence on one earthquake are two contacts: an occasion
    # counts between reports naming one kind.
    same_kind = a.klass == b.klass and a.klass != "none"
    occasion = s.occasion_topic_weight * len(a.occasions & b.occasions) if same_kind else 0.0
    return distinctive(a, b, key) + day + occasion


def _closeness(
    loose: set[str], evidence: list[str], key: Key, index: dict[str, Report]
) -> tuple[float, float] | None:
    """How close an undated group is to a dated group's reports: the least, over the loose
    reports that fit (`_member_fit`), of the mean content overlap and of the best
    `distinctive`; None when the group does not fit. Each loose report must share something
    beyond the participants with the dated reports and most must fit on their own; the
    others, close on content to each of the group already (`_close_all`), are carried when
    the whole group names one kind of contact: a report of a visit naming fewer of its
    countries (0.48 with the visit's dated reports) held its five other reports (each fit)
    out of it. A group whose reports name no kind, or different kinds, fits only when each
    of them does: an article on a summit naming the two presidents is no report of their
    call, however close to its reports."""
    s = settings()
    fitting: list[tuple[float, float]] = []
    # A large undated group is judged by its first reports (by id), as a large event is by
    # its first dated ones: each of its reports is close to each other already.
    members = sorted(loose)[:EVIDENCE]
    # Fewer than half may fall short (none when the group names no one kind): past that it
    # cannot fit, and most groups tried do not (the rest need not be measured).
    may_miss = (len(members) - 1) // 2 if _one_kind(members, index) else 0
    for u in members:
        overlap, shared, fits = _member_fit(index[u], evidence, key, index)
        if shared < s.min_distinctive:
            return None
        if fits:
            fitting.append((overlap, shared))
        elif (may_miss := may_miss - 1) < 0:
            return None
    return min(o for o, _ in fitting), min(x for _, x in fitting)


def _member_fit(
    report: Report, evidence: list[str], key: Key, index: dict[str, Report]
) -> tuple[float, float, bool]:
    """One undated report beside a dated group's reports: its mean content overlap with them,
    the most it shares with one beyond the participants, and whether both are enough."""
    s = settings()
    overlap = sum(similarity(report, index[j]) for j in evidence) / len(evidence)
    if key in report.guest_keys:
        # A guest names one side only, each dated report both: it is held to the report it is
        # closest to (and joins one event of all its candidates, clearly: `group`).
        overlap = max(similarity(report, index[j]) for j in evidence)
    on_day = any(_day_weight(report, index[j]) for j in evidence)
    shared = max(distinctive(report, index[j], key) + _day_weight(report, index[j]) for j in evidence)
    # A report stating the event's day and month is held to the overlap of two dated
    # reports whose dates agree, not of an undated one: its day tells one contact of the
    # two from another as a date does (a stated day of another year is weighed by
    # `_clear_fit` against the other candidates).
    need = s.min_similarity_stated_day if on_day else s.min_similarity_undated
    return (
        overlap,
        shared,
        (overlap >= need or _scored_fit(report, evidence, key, index)) and (shared >= s.min_distinctive),
    )


def _scored_fit(report: Report, evidence: list[str], key: Key, index: dict[str, Report]) -> bool:
    """Whether the pair score (`pair_score`) finds an undated report close to a dated group's
    reports, beside the content overlap of the rules: its mean over them (the best one for a
    guest, as `_member_fit` holds a guest to the report it is closest to) reaches the
    threshold. Trained and validated leave one part out on the events set
    (bench/train_events.py), it weighs what the rules weigh separately (overlap, places,
    organisations, a stated day, kinds) together: consulted, the undated English report of
    Macron's visit naming its places (0.50 with the visit's dated reports, 0.55 needed) and a
    report of an OTS summit (0.38) joined their events. Not consulted as shipped
    (data/event_pairs_model.json `consulted`): on the held-out part it added about as many
    wrong pairs as right ones (devset/README.md, round 13)."""
    model = pair_model()
    if model is None or not model.consulted:
        return False
    if any(_summit_elsewhere(r, key) for r in (report, *(index[j] for j in evidence))):
        return False
    return _fit_score(report, evidence, key, index) >= model.threshold


def _summit_elsewhere(report: Report, key: Key) -> bool:
    """Whether a report is of a summit of an organisation that `key` is not: its places and
    its leaders are those of the bilateral talks held beside it (an OTS summit in Ankara and
    Tokayev's talks with Erdoğan there), and the score, trained on few summits, would join
    them; under its organisation's key the score weighs it as any other."""
    return bool(report.summit_of) and not any(f"org:{code}" in key for code in report.summit_of)


def _fit_score(report: Report, evidence: list[str], key: Key, index: dict[str, Report]) -> float:
    scores = [pair_score(report, index[j], key) for j in evidence]
    return max(scores) if key in report.guest_keys else sum(scores) / len(scores)


def score_clause(report: Report, evidence: list[str], key: Key, index: dict[str, Report]) -> str | None:
    """The reason's clause when the pair score, not the content overlap, made an undated report
    fit an event: the score and the features that raised it most with the closest dated report."""
    model = pair_model()
    if model is None or not model.consulted:
        return None
    s = settings()
    overlap, shared, fits = _member_fit(report, evidence, key, index)
    on_day = any(_day_weight(report, index[j]) for j in evidence)
    need = s.min_similarity_stated_day if on_day else s.min_similarity_undated
    overlap_alone = overlap >= need
    if overlap_alone or not fits:
        return None
    best = max(evidence, key=lambda j: (pair_score(report, index[j], key), j))
    top = ", ".join(top_features(report, index[best], key))
    return f"pair score {_fit_score(report, evidence, key, index):.2f} (most from: {top})"


def _one_kind(members: list[str], index: dict[str, Report]) -> bool:
    """Whether reports all name one kind class of contact (not "none")."""
    kinds = {report_class(index[i]) for i in members}
    return len(kinds) == 1 and "none" not in kinds


def _clear_fit(fits: list[tuple[str, list[str], tuple[float, float]]]) -> tuple[str, list[str]] | None:
    """The dated group an undated group joins, of those it fits (with their `_closeness`):
    the only one, or, of several, the one
    it is closer to than to every other by `attach_margin` of content overlap while sharing
    at least as much beyond the participants (a report of the call about Ukraine and
    sanctions fits the call that names both better than an earlier call naming Ukraine
    once). Two about equally close: none (it could be either)."""
    if len(fits) <= 1:
        return (fits[0][0], fits[0][1]) if fits else None
    scored = sorted(
        ((closeness, target, evidence) for target, evidence, closeness in fits),
        key=lambda x: (-x[0][0], -x[0][1], x[1]),
    )
    (best, target, evidence), (runner_up, _, _) = scored[0], scored[1]
    if best[0] - runner_up[0] >= settings().attach_margin and best[1] >= runner_up[1]:
        return target, evidence
    return None


def group(reports: list[Report], counts: Callable[[Key], Counter[int | str]] | None = None) -> list[Event]:
    """Events from reports: per key (see `_group_key`), then events that repeat another's
    reports are folded in. `counts`: how many of each key's reports hold each run of words
    (`mark_rare`), as the archive holds them; None when `reports` are all of them (a full
    grouping). The reports keep their rare runs for `date_events`."""
    index = {r.id: r for r in reports}
    made: list[tuple[Key, list[str], dict[str, list[str]]]] = []
    guests: dict[str, list[int]] = defaultdict(list)  # a guest -> the groups it joined as one
    by_key = reports_by_key(reports)
    if counts is None:
        counted = {key: key_counts(key, (index[i] for i in ids)) for key, ids in by_key.items()}
        counts = counted.__getitem__
    mark_rare(reports, counts)
    for key, ids in sorted(by_key.items()):
        groups = _group_key(key, ids, key_links(key, ids, index), index)
        for group_ids in groups.members.values():
            ordered = sorted(group_ids)
            joined = [i for i in ordered if key in index[i].guest_keys]
            if len(joined) == len(ordered):
                continue  # a guest alone: no event of that key
            for i in joined:
                guests[i].append(len(made))
            made.append((key, ordered, {i: groups.reasons[i] for i in ordered}))
    # A guest fitting events of two candidates (two heads of state of its country) could be
    # either: it joins none, and the report it was linked to forgets the link.
    for i, positions in guests.items():
        if len(positions) > 1:
            for n in positions:
                _, ordered, reasons = made[n]
                ordered.remove(i)
                del reasons[i]
                for j in ordered:
                    reasons[j] = [r for r in reasons[j] if not r.startswith(f"linked to {i}:")]
    events = [
        Event(
            id=event_id(ordered[0], key),
            key=key,
            kind=_event_kind([index[i] for i in ordered]),
            reports=ordered,
            participants=(people := [p for p in key if not p.startswith(("org:", "country:"))]),
            countries=event_countries(key, people, [index[i] for i in ordered]),
            reasons={i: reasons[i] or ["the only report of this contact"] for i in ordered},
        )
        for key, ordered, reasons in made
    ]
    return _fold(events)


def _fold(events: list[Event]) -> list[Event]:
    """One report naming three leaders gives three keys; the events they make with the same
    reports (or a part of another's reports) are one event, named by all its participants."""
    events.sort(key=lambda e: (-len(e.reports), e.id))
    kept: list[Event] = []
    holding: dict[str, list[int]] = defaultdict(list)  # report -> positions in kept holding it
    for event in events:
        # Only a kept event holding the first report can hold them all.
        home = next(
            (kept[n] for n in holding[event.reports[0]] if set(event.reports) <= set(kept[n].reports)),
            None,
        )
        if home is None:
            for i in event.reports:
                holding[i].append(len(kept))
            kept.append(event)
        elif set(event.reports) == set(home.reports):
            home.participants = sorted(set(home.participants) | set(event.participants))
            home.countries = sorted(set(home.countries) | set(event.countries))
    return sorted(kept, key=lambda e: e.id)


def _event_kind(reports: list[Report]) -> str:
    votes: dict[str, int] = defaultdict(int)
    weight = settings().headline_kind_weight
    for r in reports:
        for kind in r.kinds:
            votes[kind] += weight if kind in r.headline_kinds else 1
    if not votes:
        return "contact"
    if votes.get("phone_call"):
        return "phone_call"
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def event_id(first_report: str, key: Key) -> str:
    return hashlib.sha1(f"{first_report}|{key[0]}|{key[1]}".encode()).hexdigest()[:12]


def date_events(events: list[Event], reports: list[Report]) -> list[InferredDate]:
    """Give each event the date its dated reports agree on, and an undated report of it that
    date as inferred, only on strong, direct evidence: the report itself is close to the
    event's dated reports and shares something with them beyond the participants, its own
    day, month and years do not contradict the date, no other dated contact of the same
    people is a candidate too (close to it on content), and the evidence is no announcement
    (dated the day it was made). Otherwise it gets none: a report without a date is better
    than one with a wrong date."""
    index = {r.id: r for r in reports}
    s = settings()
    dated_by_key: dict[Key, list[tuple[str, str]]] = defaultdict(list)  # key -> (event, dated report)
    for event in events:
        for i in event.reports:
            if index[i].date:
                for key in contact_keys(index[i]):
                    dated_by_key[key].append((event.id, i))
    proposals: dict[str, list[InferredDate]] = defaultdict(list)
    for event in events:
        dated = sorted((d, i) for i in event.reports if (d := index[i].date) is not None)
        if not dated:
            continue
        days = sorted({d for d, _ in dated})
        counts = {d: sum(1 for x, _ in dated if x == d) for d in days}
        chosen = sorted(days, key=lambda d: (-counts[d], d))[0]
        event.date = chosen
        event.date_conflict = (days[-1] - days[0]).days > max(window(index[i], index[i]) for _, i in dated)
        if event.date_conflict:
            continue
        evidence = tuple(i for d, i in dated if d == chosen)
        # An announcement is dated the day it was made, not the day of the contact it tells of
        # («... will pay a visit on 18-19 April», published on the 17th): its date is no
        # other report's.
        if any(index[j].klass == ANNOUNCED for j in evidence):
            continue
        for i in event.reports:
            report = index[i]
            if report.date:
                continue
            if report.month_day and report.month_day != (chosen.month, chosen.day):
                continue
            # The days its body gives are maybe not its own, but one it gives may be: the
            # event's date, a day off, would contradict its text.
            if report.mentioned_days and (chosen.month, chosen.day) not in report.mentioned_days:
                continue
            if report.years and chosen.year not in report.years:
                continue
            # A date is taken only for the contact both the report and its evidence are
            # mainly about, never through a background mention of another contact.
            if primary_key(report) != event.key or any(primary_key(index[j]) != event.key for j in evidence):
                continue
            inside = max(similarity(report, index[j]) for j in evidence)
            direct = max(distinctive(report, index[j], event.key) for j in evidence)
            if inside < s.min_similarity_to_infer or direct < s.min_distinctive_to_infer:
                continue
            if _competitor(report, event, chosen, dated_by_key, index):
                continue
            proposals[i].append(InferredDate(i, event.id, chosen, evidence))
    inferred = []
    for _report, found in sorted(proposals.items()):
        if len({p.date for p in found}) == 1:
            inferred.append(found[0])
    return inferred


def _competitor(
    report: Report,
    event: Event,
    chosen: dt.date,
    dated_by_key: dict[Key, list[tuple[str, str]]],
    index: dict[str, Report],
) -> bool:
    """Whether another dated contact of the same people could as well be the one this
    report tells of: a dated report of another event, on another day, that the report is
    shares anything with beyond the participants, and whose day its own text does not rule
    out."""
    for key in contact_keys(report):
        for other, j in dated_by_key[key]:
            day = index[j].date
            if other == event.id or day is None or abs((day - chosen).days) <= window(report, index[j]):
                continue
            if dates_agree(report, index[j], window(report, index[j])) is False:
                continue
            if distinctive(report, index[j], key) > 0:
                return True
    return False


# The pair score: a logistic regression over what two reports of one key share, trained
# offline (bench/train_events.py) on the labelled events set; its weights are plain numbers
# in data/event_pairs_model.json, applied here without scikit-learn.
PAIR_FEATURES = (
    "similarity",
    "distinctive",
    "shared_leaders",
    "shared_organisations",
    "shared_countries",
    "shared_numbers",
    "shared_places",
    "stated_day",
    "same_kind",
    "kind_conflict",
    "same_stated_kind",
    "same_language",
    "primary_both",
    "frame_both",
    "round_up",
    "summit",
    "participant_overlap",
    "years_shared",
)
CAP = 3.0  # a count past this tells no more


def pair_features(a: Report, b: Report, key: Key) -> dict[str, float]:
    """What the pair score weighs of two reports of the contact `key`: their content overlap
    and what they share beyond the participants (each kind of entity counted apart), how
    their dates, days and kinds agree, their languages, and whether both are mainly about
    this contact (not a round-up or a background mention)."""
    own = _own(a, key) | _own(b, key)
    shared = (a.beyond.keys() & b.beyond.keys()) - own

    def count(prefix: str) -> float:
        return min(CAP, float(sum(1 for k in shared if k.startswith(prefix))))

    if (a.date is None) != (b.date is None):
        u, d = (a, b) if b.date is not None else (b, a)
        on_day = _day_weight(u, d) > 0
    else:
        on_day = same_stated_day(a, b)
    people_a, people_b = set(participants(a)), set(participants(b))
    union = people_a | people_b
    return {
        "similarity": similarity(a, b),
        "distinctive": min(CAP, distinctive(a, b, key)),
        "shared_leaders": count("l:"),
        "shared_organisations": count("o:"),
        "shared_countries": count("c:"),
        "shared_numbers": count("n:"),
        "shared_places": min(CAP, float(len(a.places & b.places))),
        "stated_day": float(on_day),
        "same_kind": float(a.klass == b.klass and a.klass != "none"),
        "kind_conflict": float(not kinds_agree(a.klass, b.klass)),
        "same_stated_kind": float(a.head_class is not None and a.head_class == b.head_class),
        "same_language": float(a.language == b.language),
        "primary_both": float(primary_key(a) == key == primary_key(b)),
        "frame_both": float(key in frame_pairs(a) and key in frame_pairs(b)),
        "round_up": float(len(a.keys) > 2 or len(b.keys) > 2),
        "summit": float(bool(a.summit_of or b.summit_of)),
        "participant_overlap": len(people_a & people_b) / len(union) if union else 0.0,
        "years_shared": float(bool(a.years & b.years)),
    }


@dataclass(frozen=True)
class PairModel:
    """The pair score's weights (data/event_pairs_model.json): a logistic regression over
    `pair_features`, the score at which two reports count as close, and whether the grouping
    consults it (`consulted`: off as shipped, see the file's `about`)."""

    features: tuple[str, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float
    consulted: bool = True


@lru_cache(maxsize=1)
def pair_model() -> PairModel | None:
    """The trained pair score, or None when the data file has none (the rules alone decide)."""
    if not data_path(PAIR_MODEL_FILE).exists():
        return None
    data = load_json(PAIR_MODEL_FILE)
    return PairModel(
        features=tuple(str(f) for f in data["features"]),
        weights=tuple(float(w) for w in data["weights"]),
        bias=float(data["bias"]),
        threshold=float(data["threshold"]),
        consulted=bool(data.get("consulted", True)),
    )


PAIR_MODEL_FILE = "event_pairs_model.json"


def pair_score(a: Report, b: Report, key: Key) -> float:
    """How likely two reports of `key` are of one event, by the trained pair score (0 without one)."""
    model = pair_model()
    if model is None:
        return 0.0
    found = pair_features(a, b, key)
    z = model.bias + sum(w * found[f] for f, w in zip(model.features, model.weights, strict=True))
    return 1.0 / (1.0 + math.exp(-z))


def top_features(a: Report, b: Report, key: Key, n: int = 3) -> list[str]:
    """The features that raised the pair score of two reports most, for the event page."""
    model = pair_model()
    if model is None:
        return []
    found = pair_features(a, b, key)
    parts = sorted(
        ((w * found[f], f) for f, w in zip(model.features, model.weights, strict=True) if w * found[f] > 0),
        reverse=True,
    )
    return [f.replace("_", " ") for _, f in parts[:n]]
