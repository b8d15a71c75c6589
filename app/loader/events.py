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
   agrees (shared leaders, countries, organisations and numbers), more strongly when one is
   undated. Each link keeps its reasons.
3. `group`: links are merged strongest first, never joining two reports whose dates or kinds
   conflict, so two calls a month apart stay two events and an undated report joins one.
4. `date_events`: an event's date comes from its dated reports; an undated report gets it as
   an inferred date, with those reports as evidence, and never a date its own text
   contradicts (a day and month it states must match).

Ids are stable: an event's id hashes its earliest-id report and its key, so a load that does
not change its reports gives it the same id. Everything here is pure; event_store.py reads
the build and writes the tables.
"""

import datetime as dt
import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import combinations

from app.datafiles import load_data

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
    number_weight: float
    min_similarity_to_infer: float
    inference_margin: float


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
        number_weight=float(data["number_weight"]),
        min_similarity_to_infer=float(data["min_similarity_to_infer"]),
        inference_margin=float(data["inference_margin"]),
    )


@dataclass(frozen=True)
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
    years: frozenset[int] = frozenset()  # years the text names: an inferred date must be one


@dataclass(frozen=True)
class Link:
    a: str
    b: str
    key: Key
    score: float
    reasons: tuple[str, ...]


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


YEAR = re.compile(r"(?<!\d)(19[89]\d|20[0-4]\d)(?!\d)")


def years_in(text: str) -> frozenset[int]:
    return frozenset(int(y) for y in YEAR.findall(text))


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
    return not ({a, b} == {"call", "in_person"} or {a, b} == {"written", "in_person"})


def participants(report: Report, share: float | None = None) -> list[str]:
    """The leaders who take part: those whose centrality is at least a share of the most
    central's (the host of a call is often named once, by his title, the guest throughout)."""
    if not report.leaders:
        return []
    top = report.leaders[0][1]
    s = settings()
    least = top * (s.central_share if share is None else share)
    return [slug for slug, weight in report.leaders if weight >= least][: s.max_participants]


def contact_keys(report: Report) -> list[Key]:
    """Pairs of participants: the most central leader with each other participant, and the
    pairs among those nearly as central (a round-up of calls between others)."""
    people = participants(report)
    if len(people) >= 2:
        main = set(participants(report, settings().round_up_share))
        pairs = {(people[0], p) for p in people[1:]} | set(combinations(sorted(main), 2))
        return sorted({(min(p), max(p)) for p in pairs})
    if len(people) == 1:
        own = report.affiliations.get(people[0])
        other = sorted(report.organisations) or sorted(c for c in report.countries if c != own)
        if other:
            prefix = "org:" if report.organisations else "country:"
            pair = (people[0], prefix + other[0])
            return [(min(pair), max(pair))]
    return []


def similarity(a: Report, b: Report) -> float:
    """Weighted overlap of what both name: leaders, countries, organisations, numbers."""

    def features(r: Report) -> dict[str, float]:
        out = {f"l:{slug}": 1.0 for slug, _ in r.leaders}
        out |= {f"c:{c}": 1.0 for c in r.countries}
        out |= {f"o:{o}": 1.0 for o in r.organisations}
        out |= {f"n:{n}": settings().number_weight for n in r.numbers}
        return out

    fa, fb = features(a), features(b)
    shared = sum(min(fa[k], fb[k]) for k in fa.keys() & fb.keys())
    total = sum(max(fa.get(k, 0.0), fb.get(k, 0.0)) for k in fa.keys() | fb.keys())
    return shared / total if total else 0.0


def window(a: Report, b: Report) -> int:
    s = settings().window_days
    return max(s.get(kind_class(a.kinds), s["none"]), s.get(kind_class(b.kinds), s["none"]))


def dates_agree(a: Report, b: Report, days: int) -> bool | None:
    """True or False when both give a day (a full date, or a day and month), None otherwise."""
    if a.date and b.date:
        return abs((a.date - b.date).days) <= days
    for dated, other in ((a, b), (b, a)):
        if dated.date and not other.date and other.years and dated.date.year not in other.years:
            return False
    pair = (
        a.month_day or (a.date and (a.date.month, a.date.day)),
        b.month_day or (b.date and (b.date.month, b.date.day)),
    )
    if pair[0] and pair[1]:
        year = 2001  # a common year, for the distance between two days of the year
        first, second = dt.date(year, *pair[0]), dt.date(year, *pair[1])
        return min(abs((first - second).days), 365 - abs((first - second).days)) <= days
    return None


def _day_of_year(report: Report) -> tuple[int, int] | None:
    if report.month_day:
        return report.month_day
    return (report.date.month, report.date.day) if report.date else None


def link(a: Report, b: Report, key: Key) -> Link | None:
    ka, kb = kind_class(a.kinds), kind_class(b.kinds)
    days = window(a, b)
    agree = dates_agree(a, b, days)
    if agree is False:
        return None
    sim = similarity(a, b)
    s = settings()
    # The kinds come from words ("визит" is also in a call about a visit): a mismatch asks
    # for the content overlap of an undated pair, not a refusal.
    need = s.min_similarity_dated if agree and kinds_agree(ka, kb) else s.min_similarity_undated
    if sim < need:
        return None
    reasons = [f"same participants: {key[0]} and {key[1]}"]
    if ka == kb and ka != "none":
        reasons.append(f"same kind: {ka.replace('_', ' ')}")
    if agree:
        reasons.append(f"dates within {days} day{'s' if days > 1 else ''}")
    else:
        reasons.append("one of them undated: linked on content")
    shared_numbers = sorted(a.numbers & b.numbers)
    reasons.append(
        f"content overlap {sim:.2f}"
        + (f" (shared numbers {', '.join(shared_numbers[:5])})" if shared_numbers else "")
    )
    return Link(a.id, b.id, key, sim + (0.5 if agree else 0.0), tuple(reasons))


def candidate_links(reports: list[Report]) -> tuple[dict[Key, list[str]], list[Link]]:
    """Reports by key, and the links between reports sharing a key."""
    by_key: dict[Key, list[str]] = defaultdict(list)
    for report in reports:
        for key in contact_keys(report):
            by_key[key].append(report.id)
    index = {r.id: r for r in reports}
    links = []
    for key, ids in by_key.items():
        for x, y in combinations(sorted(ids), 2):
            found = link(index[x], index[y], key)
            if found:
                links.append(found)
    return by_key, links


def _conflict(members: set[str], others: set[str], index: dict[str, Report]) -> bool:
    for x in members:
        for y in others:
            a, b = index[x], index[y]
            if dates_agree(a, b, window(a, b)) is False:
                return True
    return False


def group(reports: list[Report]) -> list[Event]:
    """Events from reports: per key, links merged strongest first unless the merge would
    join conflicting reports; then events that repeat another's reports are folded in."""
    index = {r.id: r for r in reports}
    by_key, links = candidate_links(reports)
    events: list[Event] = []
    for key, ids in sorted(by_key.items()):
        owner = {i: i for i in ids}
        members = {i: {i} for i in ids}
        reasons: dict[str, list[str]] = {i: [] for i in ids}
        for found in sorted((x for x in links if x.key == key), key=lambda x: (-x.score, x.a, x.b)):
            ra, rb = owner[found.a], owner[found.b]
            if ra == rb or _conflict(members[ra], members[rb], index):
                continue
            for i in members[rb]:
                owner[i] = ra
            members[ra] |= members.pop(rb)
            text = f"linked to {found.a if found.b in reasons else found.b}: " + "; ".join(found.reasons)
            reasons[found.b].append(text)
            reasons[found.a].append(f"linked to {found.b}: " + "; ".join(found.reasons))
        for root, group_ids in members.items():
            ordered = sorted(group_ids)
            events.append(
                Event(
                    id=event_id(ordered[0], key),
                    key=key,
                    kind=_event_kind([index[i] for i in ordered]),
                    reports=ordered,
                    participants=[p for p in key if not p.startswith(("org:", "country:"))],
                    reasons={i: reasons[i] or ["the only report of this contact"] for i in ordered},
                )
            )
            del root
    return _fold(events)


def _fold(events: list[Event]) -> list[Event]:
    """One report naming three leaders gives three keys; the events they make with the same
    reports (or a part of another's reports) are one event, named by all its participants."""
    events.sort(key=lambda e: (-len(e.reports), e.id))
    kept: list[Event] = []
    for event in events:
        home = next((k for k in kept if set(event.reports) <= set(k.reports)), None)
        if home is None:
            kept.append(event)
        elif set(event.reports) == set(home.reports):
            home.participants = sorted(set(home.participants) | set(event.participants))
    return sorted(kept, key=lambda e: e.id)


def _event_kind(reports: list[Report]) -> str:
    votes: dict[str, int] = defaultdict(int)
    for r in reports:
        for kind in r.kinds:
            votes[kind] += 1
    if not votes:
        return "contact"
    if votes.get("phone_call"):
        return "phone_call"
    return sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]


def event_id(first_report: str, key: Key) -> str:
    return hashlib.sha1(f"{first_report}|{key[0]}|{key[1]}".encode()).hexdigest()[:12]


def date_events(events: list[Event], reports: list[Report]) -> list[InferredDate]:
    """Give each event the date its dated reports agree on, and each undated report of it
    that date as inferred, with the dated reports as evidence. A report in two events with
    different dates, or whose own day and month differ, gets none."""
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
        dated: list[tuple[dt.date, str]] = []
        for i in event.reports:
            day = index[i].date
            if day is not None:
                dated.append((day, i))
        if not dated:
            continue
        dated.sort()
        days = sorted({d for d, _ in dated})
        counts = {d: sum(1 for x, _ in dated if x == d) for d in days}
        chosen = sorted(days, key=lambda d: (-counts[d], d))[0]
        event.date = chosen
        event.date_conflict = (days[-1] - days[0]).days > max(window(index[i], index[i]) for _, i in dated)
        if event.date_conflict:
            continue
        evidence = tuple(i for d, i in dated if d == chosen)
        for i in event.reports:
            report = index[i]
            if report.date:
                continue
            if report.month_day and report.month_day != (chosen.month, chosen.day):
                continue
            if report.years and chosen.year not in report.years:
                continue
            # Never guess between two contacts of the same people: the report must be
            # clearly closer to this event's dated reports than to another event's.
            inside = max(similarity(report, index[j]) for j in evidence)
            outside = max(
                (
                    similarity(report, index[j])
                    for key in contact_keys(report)
                    for other, j in dated_by_key[key]
                    if other != event.id and index[j].date != chosen
                ),
                default=0.0,
            )
            if inside < s.min_similarity_to_infer or inside - outside < s.inference_margin:
                continue
            proposals[i].append(InferredDate(i, event.id, chosen, evidence))
    inferred = []
    for _report, found in sorted(proposals.items()):
        if len({p.date for p in found}) == 1:
            inferred.append(found[0])
    return inferred
