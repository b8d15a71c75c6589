"""Events (one call, meeting or visit, as its reports tell it): the only reader of the
tables app/loader/event_store.py writes.

The list, its filters and facets and the leader and country calendars read one small index
of every event (id, kind, participants, date, countries, languages), built once per archive
build (app.routes.shared memoises it): an archive has far fewer events than articles, so
filtering it in Python answers as fast as a leader page and needs no JSON queries in SQL.
An event's own page and an article's events read the rows they need.
"""

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from sqlmodel import Session, col, select

from app import urls
from app.entities.register import affiliation_name
from app.i18n import Lang
from app.i18n.catalogs import N_, translate
from app.i18n.dates import date_display, month_label
from app.i18n.labels import EVENT_LABELS, event_label
from app.i18n.names import Name, leader_name
from app.models import Article, ArticleLeader, Event, EventReport, Leader
from app.queries.articles import NotFound, summaries
from app.queries.event_adds import report_adds
from app.schemas import (
    ArticleSummary,
    EventCalendar,
    EventList,
    EventOut,
    EventRef,
    EventReportOut,
    EventSummary,
    EventYear,
    FacetValue,
    Participant,
    ReportDate,
    ReportGroup,
    ResolvedFilter,
    TimelineBucket,
)
from app.search.engine import BadRequest
from app.text.event_words import place_names

# The kinds the loader gives an event: the article event types, and `contact` when no
# report names one.
KINDS = (*EVENT_LABELS, "contact")
CONTACT = N_("contact")
# Languages in the order the site lists them (the state language first).
LANGUAGE_ORDER = {"kk": 0, "ru": 1, "en": 2}
FACET_SIZE = 15
LATEST_SHOWN = 5
# The list's facets, titled for the page (translated where shown).
EVENT_FACET_TITLES = {
    "kind": N_("Kind"),
    "leader": N_("Participant"),
    "country": N_("Country"),
    "year": N_("Year"),
}
# "linked to 8d1bc3f6e3d8d036: same participants ..." (app/loader/events.py `link`).
LINKED_TO = re.compile(r"^linked to ([0-9a-f]+):")


@dataclass(frozen=True, slots=True)
class IndexedEvent:
    """What the list, its filters and the calendars need of one event. Slotted, its
    repeated values shared (see `event_index`): every worker keeps one per event of the
    build."""

    id: str
    kind: str
    participants: tuple[str, ...]
    date: str | None
    date_sort: int | None
    date_conflict: bool
    report_count: int
    countries: tuple[str, ...]
    languages: tuple[str, ...]
    reports: tuple[str, ...] = ()  # article ids

    @property
    def year(self) -> int | None:
        return self.date_sort // 10000 if self.date_sort else None


@dataclass(frozen=True)
class EventQuery:
    """The list's filters, read as keys (app.routes.params `event_query`)."""

    leader: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    kind: list[str] = field(default_factory=list)
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    page: int = 1
    limit: int = 20
    resolved: list[ResolvedFilter] = field(default_factory=list)

    def changed(self, **changes: Any) -> "EventQuery":
        """The same list with some filters changed, back on page one (a facet's toggle)."""
        fields: dict[str, Any] = {"page": 1, **changes}
        return replace(self, **fields)

    def params(self, page: int | None = None) -> list[tuple[str, str]]:
        """As URL parameters, for the pages' links and the facets' toggles."""
        out = [("leader", v) for v in self.leader] + [("country", v) for v in self.country]
        out += [("kind", v) for v in self.kind]
        if self.date_from:
            out.append(("date_from", self.date_from.isoformat()))
        if self.date_to:
            out.append(("date_to", self.date_to.isoformat()))
        if self.limit != 20:
            out.append(("limit", str(self.limit)))
        if page and page > 1:
            out.append(("page", str(page)))
        return out


def kind_label(lang: Lang, kind: str) -> str:
    return event_label(lang, kind) if kind in EVENT_LABELS else translate(lang, CONTACT)


def _leader_affiliations(session: Session) -> dict[str, str]:
    """Each leader's country or organisation: the register's latest role, else as found."""
    found: dict[str, str] = {}
    for leader in session.exec(select(Leader)).all():
        roles = [r for r in leader.roles if r.get("affiliation")]
        if roles:
            found[leader.slug] = max(roles, key=lambda r: r.get("start") or "")["affiliation"]
        elif leader.affiliation:
            found[leader.slug] = leader.affiliation
    return found


def event_index(session: Session) -> list[IndexedEvent]:
    """Every event, newest first, undated last (then by id, so the order is stable)."""
    affiliation = _leader_affiliations(session)
    languages: dict[str, set[str]] = defaultdict(set)
    reports: dict[str, list[str]] = defaultdict(list)
    rows = session.exec(
        select(EventReport.event_id, EventReport.article_id, Article.language).join(
            Article, col(Article.id) == col(EventReport.article_id)
        )
    ).all()
    for event_id, article_id, language in rows:
        languages[event_id].add(language)
        reports[event_id].append(article_id)
    # Kinds, leaders, countries, languages and dates recur across events: each read once
    # and shared. A fresh string and tuple per row and field held about 1 KB an event,
    # 86 MB in every worker at 100k articles.
    seen: dict[str, str] = {}
    seen_tuples: dict[tuple[str, ...], tuple[str, ...]] = {}

    def one(value: str) -> str:
        return seen.setdefault(value, value)

    def strings(values: Iterable[str]) -> tuple[str, ...]:
        shared = tuple(one(v) for v in values)
        return seen_tuples.setdefault(shared, shared)

    index = [
        IndexedEvent(
            id=e.id,
            kind=one(e.kind),
            participants=strings(e.participants),
            date=one(e.date) if e.date else e.date,
            date_sort=e.date_sort,
            date_conflict=e.date_conflict,
            report_count=e.report_count,
            # A build from before events stored their own countries: the participants' latest.
            countries=strings(e.countries)
            or strings(sorted({affiliation[p] for p in e.participants if p in affiliation})),
            languages=strings(sorted(languages[e.id], key=lambda c: (LANGUAGE_ORDER.get(c, 9), c))),
            reports=tuple(sorted(reports[e.id])),
        )
        for e in session.exec(select(Event)).all()
    ]
    return sorted(index, key=lambda e: (e.date_sort is None, -(e.date_sort or 0), e.id))


def _matches(event: IndexedEvent, query: EventQuery) -> bool:
    if not set(query.leader) <= set(event.participants):
        return False
    if not set(query.country) <= set(event.countries):
        return False
    if query.kind and event.kind not in query.kind:
        return False
    if query.date_from or query.date_to:
        if event.date_sort is None:
            return False
        if query.date_from and event.date_sort < int(query.date_from.strftime("%Y%m%d")):
            return False
        if query.date_to and event.date_sort > int(query.date_to.strftime("%Y%m%d")):
            return False
    return True


def _leader_names(session: Session, slugs: set[str], lang: Lang) -> dict[str, tuple[Name, Leader]]:
    rows = session.exec(select(Leader).where(col(Leader.slug).in_(sorted(slugs)))).all()
    return {r.slug: (leader_name(lang, r.name_en, r.name_ru, r.name_kk, r.in_register), r) for r in rows}


def _affiliation_names(session: Session, codes: set[str], lang: Lang) -> dict[str, str]:
    """Countries' and organisations' names in `lang`, from the register."""
    return {code: affiliation_name(code, lang) for code in codes}


def _role_on(leader: Leader, day: str | None, lang: Lang) -> tuple[str | None, str | None]:
    """The register's role (title, affiliation) on the event's day, else the latest one."""
    roles = list(leader.roles)
    if day:
        held = [r for r in roles if (r.get("start") or "") <= day and (not r.get("end") or day <= r["end"])]
        roles = held or roles
    if not roles:
        return leader.role_title, leader.affiliation
    role = max(roles, key=lambda r: r.get("start") or "")
    title = role.get(f"title_{lang}") or role.get("title_en") or role.get("office")
    return title, role.get("affiliation")


def _participants(
    session: Session, events: list[IndexedEvent], lang: Lang, stated: dict[str, str] | None = None
) -> dict[str, list[Participant]]:
    """Each event's participants, named in `lang`, with their role on the event's day (or
    as its reports state it, `stated`)."""
    slugs = {p for e in events for p in e.participants}
    leaders = _leader_names(session, slugs, lang)
    codes = {c for e in events for c in e.countries}
    codes |= {a for _, (_, row) in leaders.items() for a in [row.affiliation] if a}
    names = _affiliation_names(session, codes, lang)
    out: dict[str, list[Participant]] = {}
    for event in events:
        people = []
        for slug in event.participants:
            if slug not in leaders:
                continue
            name, row = leaders[slug]
            title, affiliation = _role_on(row, event.date, lang)
            if stated and slug in stated:
                title = stated[slug]
            people.append(
                Participant(
                    slug=slug,
                    name=name.text,
                    name_lang=name.lang,
                    role=title,
                    affiliation=affiliation,
                    affiliation_name=names.get(affiliation) if affiliation else None,
                    url=urls.leader_url(slug),
                )
            )
        out[event.id] = people
    return out


def _event_date_display(event: IndexedEvent, lang: Lang) -> str:
    if event.date_conflict:
        return translate(lang, N_("reports disagree on the date"))
    return date_display(lang, event.date, "day" if event.date else "unknown", False)


def matching(index: list[IndexedEvent], query: EventQuery) -> list[IndexedEvent]:
    """Every event the query's filters keep, newest first (its page is not applied): what
    feeds and exports list."""
    return [e for e in index if _matches(e, query)]


def summaries_of(session: Session, events: list[IndexedEvent], lang: Lang) -> list[EventSummary]:
    """Events as the list shows them, participants named in `lang`."""
    return _summaries(session, events, lang)


def _summaries(session: Session, events: list[IndexedEvent], lang: Lang) -> list[EventSummary]:
    people = _participants(session, events, lang)
    return [_summary(e, people[e.id], lang) for e in events]


def _summary(event: IndexedEvent, people: list[Participant], lang: Lang) -> EventSummary:
    return EventSummary(
        id=event.id,
        url=urls.event_url(event.id),
        kind=event.kind,
        kind_label=kind_label(lang, event.kind),
        participants=people,
        countries=list(event.countries),
        date=event.date,
        date_precision="day" if event.date else "unknown",
        date_display=_event_date_display(event, lang),
        date_conflict=event.date_conflict,
        report_count=event.report_count,
        languages=list(event.languages),
    )


def _facets(
    session: Session, matching: list[IndexedEvent], query: EventQuery, lang: Lang
) -> dict[str, list[FacetValue]]:
    """Counts of the listed events by kind, participant, country and year: cheap, from the
    index already filtered."""
    kinds = Counter(e.kind for e in matching)
    people = Counter(p for e in matching for p in e.participants)
    countries = Counter(c for e in matching for c in e.countries)
    years = Counter(str(e.year) for e in matching if e.year)
    top_people = dict(people.most_common(FACET_SIZE))
    top_countries = dict(countries.most_common(FACET_SIZE))
    names = _leader_names(session, set(top_people), lang)
    places = _affiliation_names(session, set(top_countries), lang)
    # A year is chosen when the dates span exactly it (as its facet link sets them).
    chosen_years = (
        {str(query.date_from.year)}
        if query.date_from
        and query.date_to
        and (query.date_from.month, query.date_from.day, query.date_to.month, query.date_to.day)
        == (1, 1, 12, 31)
        and query.date_from.year == query.date_to.year
        else set()
    )

    def values(counts: dict[str, int], label: dict[str, str], selected: set[str]) -> list[FacetValue]:
        rows = [
            FacetValue(value=k, label=label.get(k, k), count=n, selected=k in selected)
            for k, n in counts.items()
        ]
        return sorted(rows, key=lambda v: (-v.count, v.label.casefold(), v.value))

    by_year = [
        FacetValue(value=y, label=y, count=n, selected=y in chosen_years) for y, n in sorted(years.items())
    ]
    return {
        "kind": values(dict(kinds), {k: kind_label(lang, k) for k in kinds}, set(query.kind)),
        "leader": values(top_people, {k: v[0].text for k, v in names.items()}, set(query.leader)),
        "country": values(top_countries, places, set(query.country)),
        "year": by_year,
    }


def list_events(session: Session, index: list[IndexedEvent], query: EventQuery, lang: Lang) -> EventList:
    """One page of the events matching `query`, newest first; `next` and `previous` are page
    numbers here, made URLs by the routes (as /articles makes its cursors URLs)."""
    matching = [e for e in index if _matches(e, query)]
    start = (query.page - 1) * query.limit
    if query.page > 1 and start >= len(matching):
        raise BadRequest(
            f"page={query.page} is past the end of this list ({len(matching)} events); start from page 1.",
            parameters=(("page", None),),
        )
    shown = matching[start : start + query.limit]
    filters = {"leader": query.leader, "country": query.country, "kind": query.kind}
    if query.date_from:
        filters["date_from"] = [query.date_from.isoformat()]
    if query.date_to:
        filters["date_to"] = [query.date_to.isoformat()]
    return EventList(
        items=_summaries(session, shown, lang),
        total=len(matching),
        limit=query.limit,
        next=str(query.page + 1) if start + query.limit < len(matching) else None,
        previous=str(query.page - 1) if query.page > 1 else None,
        filters={k: v for k, v in filters.items() if v},
        facets=_facets(session, matching, query, lang),
        undated=sum(1 for e in matching if e.date_sort is None),
        resolved=query.resolved,
        timeline=timeline(matching, query, lang),
    )


# A list spanning more months than this is counted per year: a bar per month of ten years is
# too long a column to read.
TIMELINE_MONTHS = 36


def timeline(events: list[IndexedEvent], query: EventQuery, lang: Lang) -> list[TimelineBucket]:
    """The dated events per month (per year over a longer span), oldest first, every month or
    year between the first and the last shown, empty ones too (a gap is a fact to see),
    each linked to the list narrowed to it."""
    days = sorted(e.date for e in events if e.date and not e.date_conflict)
    if not days:
        return []
    first, last = dt.date.fromisoformat(days[0]), dt.date.fromisoformat(days[-1])
    span = (last.year - first.year) * 12 + last.month - first.month + 1
    by_year = span > TIMELINE_MONTHS
    counts = Counter(day[:4] if by_year else day[:7] for day in days)
    buckets = []
    if by_year:
        periods = [(str(y), dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in range(first.year, last.year + 1)]
    else:
        periods = []
        year, month = first.year, first.month
        for _ in range(span):
            start = dt.date(year, month, 1)
            end = (dt.date(year + month // 12, month % 12 + 1, 1)) - dt.timedelta(days=1)
            periods.append((f"{year:04d}-{month:02d}", start, end))
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    for key, start, end in periods:
        narrowed = query.changed(
            date_from=max(start, query.date_from) if query.date_from else start,
            date_to=min(end, query.date_to) if query.date_to else end,
        )
        buckets.append(
            TimelineBucket(
                month=key,
                label=key if by_year else month_label(lang, key),
                count=counts.get(key, 0),
                url=urls.with_query(urls.EVENTS, narrowed.params()),
            )
        )
    return buckets


def _order(summary: ArticleSummary) -> tuple[bool, str, str]:
    """Earliest first; a report whose date is partial or unknown after the dated ones."""
    dated = bool(summary.date) and not (summary.date or "").startswith("--")
    return (not dated, summary.date or "", summary.id)


def _stated_roles(session: Session, article_ids: list[str], slugs: tuple[str, ...]) -> dict[str, str]:
    """Each participant's role as the reports most often state it."""
    rows = session.exec(
        select(ArticleLeader.leader_slug, ArticleLeader.role_title).where(
            col(ArticleLeader.article_id).in_(article_ids), col(ArticleLeader.leader_slug).in_(slugs)
        )
    ).all()
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for slug, role in rows:
        if role:
            votes[slug][role] += 1
    return {slug: counts.most_common(1)[0][0] for slug, counts in votes.items()}


def _date_basis(reports: list[ArticleSummary], lang: Lang) -> list[ReportDate]:
    """The dates the reports state (a day, or a day and month without a year), earliest first."""
    stated: dict[str, list[str]] = defaultdict(list)
    shown: dict[str, str] = {}
    for r in reports:
        if r.date and r.date_precision in ("day", "day_month") and not r.date_inferred:
            stated[r.date].append(r.id)
            shown[r.date] = r.date_display
    return [
        ReportDate(date=d, date_display=shown[d], reports=ids)
        for d, ids in sorted(stated.items(), key=lambda kv: (kv[0].startswith("--"), kv[0]))
    ]


def _disagree(basis: list[ReportDate], date: str | None) -> bool:
    """Whether the stated dates tell different days (a day and month agree with the event's
    day when they are its day and month)."""
    days = {b.date.removeprefix("--") if b.date.startswith("--") else b.date for b in basis}
    if date:
        days = {date if d == date[5:] else d for d in days}
    return len(days) > 1


def _datelines(session: Session, article_ids: list[str]) -> list[str]:
    """The dateline places of the reports, each once, as printed."""
    rows = session.exec(
        select(Article.dateline_place).where(
            col(Article.id).in_(article_ids), col(Article.dateline_place).is_not(None)
        )
    ).all()
    return sorted({place for place in rows if place})


def get_event(session: Session, index: list[IndexedEvent], event_id: str, lang: Lang) -> EventOut:
    """One event: its date and how it is known, its participants and every report, by
    language and outlet, earliest first, with why each was linked."""
    event = next((e for e in index if e.id == event_id), None)
    if event is None:
        raise NotFound(f"No event with id {event_id!r}.")
    rows = session.exec(select(EventReport).where(EventReport.event_id == event_id)).all()
    linked_ids = {m.group(1) for r in rows for reason in r.reasons if (m := LINKED_TO.match(reason))}
    evidence_ids = {i for r in rows for i in r.date_evidence}
    ids = sorted({r.article_id for r in rows} | linked_ids | evidence_ids)
    by_id = {s.id: s for s in summaries(session, ids, lang)}
    reports = sorted((by_id[r.article_id] for r in rows if r.article_id in by_id), key=_order)
    groups: dict[tuple[str, str | None], list[EventReportOut]] = defaultdict(list)
    row_of = {r.article_id: r for r in rows}
    adds = report_adds(session, [r.id for r in reports], event.participants, lang)
    for report in reports:
        row = row_of[report.id]
        linked = [m.group(1) for reason in row.reasons if (m := LINKED_TO.match(reason))]
        groups[(report.language, report.outlet)].append(
            EventReportOut(
                article=report,
                adds=adds.get(report.id, []),
                reasons=list(row.reasons),
                linked_to=[by_id[i] for i in dict.fromkeys(linked) if i in by_id],
                inferred_date=row.inferred_date,
                date_evidence=[by_id[i] for i in row.date_evidence if i in by_id],
            )
        )
    ordered = sorted(
        groups.items(), key=lambda kv: (LANGUAGE_ORDER.get(kv[0][0], 9), kv[0][0], _order(kv[1][0].article))
    )
    cited = _cited_names(session, [reason for r in rows for reason in r.reasons], lang)
    stated = _stated_roles(session, [r.id for r in reports], event.participants)
    people = _participants(session, [event], lang, stated)[event.id]
    basis = _date_basis(reports, lang)
    summary = _summary(event, people, lang)
    return EventOut(
        **summary.model_dump(),
        date_basis=basis,
        dates_disagree=event.date_conflict or _disagree(basis, event.date),
        inferred_for=[r.article_id for r in rows if r.inferred_date],
        datelines=_datelines(session, [r.id for r in reports]),
        groups=[
            ReportGroup(language=lang_, outlet=outlet, reports=items) for (lang_, outlet), items in ordered
        ],
        names=cited | {p.slug: p.name for p in people},
    )


CITED_PARTIES = re.compile(r"same participants: ([\w:-]+) and ([\w:-]+)")
CITED_PLACES = re.compile(r"both name ([\w, -]+)")


def _cited_names(session: Session, reasons: list[str], lang: Lang) -> dict[str, str]:
    """What the link reasons cite, named in `lang`: the parties of a contact key (a leader,
    `org:CODE`, `country:CODE`) and the places two reports share."""
    parties = {p for reason in reasons for m in CITED_PARTIES.finditer(reason) for p in m.groups()}
    places = {p for reason in reasons for m in CITED_PLACES.finditer(reason) for p in m.group(1).split(", ")}
    names = {slug: name.text for slug, (name, _) in _leader_names(session, parties, lang).items()}
    names |= {p: affiliation_name(p.split(":", 1)[1], lang) for p in parties if ":" in p}
    known = place_names()
    names |= {p: known[p][lang] for p in places if p in known}
    return names


def article_events(
    session: Session, by_id: Mapping[str, IndexedEvent], article_id: str, lang: Lang
) -> list[EventRef]:
    """The events an article reports, each with its other reports (earliest first). `by_id` is
    the event index by id, built once per build: a dict over every event made on each article
    page was most of the page's cost at 100k articles."""
    rows = session.exec(select(EventReport).where(EventReport.article_id == article_id)).all()
    if not rows:
        return []
    events = [by_id[r.event_id] for r in rows if r.event_id in by_id]
    others = session.exec(
        select(EventReport.event_id, EventReport.article_id).where(
            col(EventReport.event_id).in_([e.id for e in events]), EventReport.article_id != article_id
        )
    ).all()
    other_ids: dict[str, list[str]] = defaultdict(list)
    for event_id, other in others:
        other_ids[event_id].append(other)
    found = {s.id: s for s in summaries(session, sorted({i for v in other_ids.values() for i in v}), lang)}
    people = _participants(session, events, lang)
    inferred = {r.event_id: r.inferred_date for r in rows}
    refs = [
        EventRef(
            id=e.id,
            url=urls.event_url(e.id),
            kind=e.kind,
            kind_label=kind_label(lang, e.kind),
            date=e.date,
            date_display=_event_date_display(e, lang),
            participants=[p.name for p in people[e.id]],
            report_count=e.report_count,
            inferred_date=inferred.get(e.id),
            other_reports=sorted((found[i] for i in other_ids[e.id] if i in found), key=_order),
        )
        for e in events
    ]
    return sorted(refs, key=lambda r: (r.date is None, r.date or "", r.id))


def calendar(
    session: Session,
    index: list[IndexedEvent],
    lang: Lang,
    *,
    leader: str | None = None,
    country: str | None = None,
) -> EventCalendar:
    """A leader's or a country's events by year (newest first, undated last), with the
    latest few: the contacts, not the articles about them."""
    query = EventQuery(leader=[leader] if leader else [], country=[country] if country else [])
    matching = [e for e in index if _matches(e, query)]
    base = query.params()
    years = Counter(e.year for e in matching)
    rows = [
        EventYear(
            year=year,
            count=n,
            url=urls.with_query(
                urls.EVENTS, [*base, ("date_from", f"{year}-01-01"), ("date_to", f"{year}-12-31")]
            )
            if year
            else urls.with_query(urls.EVENTS, base),
        )
        for year, n in sorted(years.items(), key=lambda kv: (kv[0] is None, -(kv[0] or 0)))
    ]
    return EventCalendar(
        total=len(matching),
        url=urls.with_query(urls.EVENTS, base),
        years=rows,
        latest=_summaries(session, matching[:LATEST_SHOWN], lang),
    )
