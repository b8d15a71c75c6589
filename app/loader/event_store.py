"""Events in the build: read stored articles as `Report`s, group, write the tables.

The grouping (events.py) runs after the articles are written. A first load groups every
article; a later load regroups only what its changed articles touch: the reports sharing a
contact key with them, closed over keys (a report of two keys brings the other key's reports
too), and the events those reports were in. Everything else, and every event id, stays as it
was: an event's id depends only on its reports.
"""

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable

from sqlalchemy import Engine, delete, insert
from sqlmodel import Session, col, select

from app.entities.events import detect_events
from app.entities.register import holder_of
from app.loader.dates import find_date
from app.loader.events import (
    Key,
    Report,
    contact_keys,
    date_events,
    group,
    numbers_in,
    places_in,
    settings,
    stated_class,
    summits_in,
    years_in,
)
from app.models import (
    Article,
    ArticleCountry,
    ArticleEventKey,
    ArticleLeader,
    ArticleOrganisation,
    Event,
    EventReport,
    Leader,
)

# The head of the text is where a report says who, what and when; the rest is background.
TEXT_CHARS = 1500
# A day this near the start of a line is its dateline ("НУР-СУЛТАН, 2 февраля. /ТАСС/.").
DATELINE_CHARS = 30
# Clauses of a sentence: a day and a contact word in one clause belong together.
CLAUSE = re.compile(r"[,;:()«»\"]|\.\s|\s[–—-]\s")
# How many ids go into one IN (...) list (SQLite allows 32766 variables; stay well under).
CHUNK = 5000


def _chunks(ids: set[str] | None) -> Iterable[list[str] | None]:
    if ids is None:
        yield None
        return
    ordered = sorted(ids)
    for start in range(0, len(ordered), CHUNK):
        yield ordered[start : start + CHUNK]


def host_by_title(
    leaders: list[tuple[str, float]],
    affiliations: dict[str, str],
    countries: set[str],
    head: str,
    date: dt.date | None,
    years: frozenset[int],
    language: str | None = None,
) -> tuple[str, float] | None:
    """The Kazakh head of state of a report that names him only by his title ("Глава
    государства", "Мемлекет басшысы") beside a named foreign leader: the president in
    office on the report's day (or through the one year its head names), from the
    register's terms. A bare title names Kazakhstan's head of state only in a Kazakh-language
    report or one about Kazakhstan (in Russian press "Глава государства" is Putin). None when
    the report names a Kazakh leader already, gives no day, or the office changed hands in
    the time the report allows."""
    if not leaders or "KZ" in affiliations.values():
        return None
    lowered = head.lower()
    named = any(title in lowered for title in settings().host_titles_named)
    bare = any(title in lowered for title in settings().host_titles)
    if not (named or (bare and ("KZ" in countries or language == "kk"))):
        return None
    if date is not None:
        days = [date]
    elif len(years) == 1:
        (year,) = years
        days = [dt.date(year, 1, 1), dt.date(year, 12, 31)]
    else:
        return None
    holders = {frozenset(leader.slug for leader, _ in holder_of(("president",), "KZ", day)) for day in days}
    if len(holders) != 1:
        return None
    (slugs,) = holders
    if len(slugs) != 1:
        return None
    (slug,) = slugs
    return slug, leaders[0][1]


def stated_days(head: str) -> set[tuple[int, int]]:
    """The days (month, day) a headline and lead give for the contact: a day opening a line
    (a dateline, «КИЕВ. 2 ақпан.», «23 декабря 2025 в 18:00»), or one in the same clause as a
    word of holding a contact («днем 17 августа провели телефонные переговоры»). A day in
    another clause tells of something else («поздравил с итогами встречи, состоявшейся
    15 августа»): data/event_grouping.toml `contact_words`."""
    words = settings().contact_words
    found: set[tuple[int, int]] = set()
    for line in head.splitlines():
        if not any(ch.isdigit() for ch in line):
            continue
        for clause in CLAUSE.split(line):
            rest = clause
            while (date := find_date(rest)) is not None:
                start = line.find(date.text)
                opening = 0 <= start <= DATELINE_CHARS
                if opening or any(w.search(clause) for w in words):
                    found.add((date.month, date.day))
                rest = rest[rest.index(date.text) + len(date.text) :] if date.text in rest else ""
    return found


def _skeleton(slug: str) -> str:
    """A surname as spelt in any romanisation: «zelenskii», «zelensky» and «zelenskiy» alike."""
    return re.sub(r"(.)\1+", r"\1", slug.rsplit("-", 1)[-1].replace("y", "i"))


def register_aliases(session: Session) -> dict[str, str]:
    """Discovered people who are a register person spelt another way (the Kazakh press's
    «Володимир Зеленьский» beside the register's «Владимир Зеленский»): the slug of the one
    register person of the same country whose surname reads the same once romanised. A
    participant is the same person in every script, or two reports of one call name two."""
    register: dict[tuple[str, str], list[str]] = defaultdict(list)
    found: list[tuple[str, str]] = []
    for slug, affiliation, in_register in session.exec(
        select(Leader.slug, Leader.affiliation, Leader.in_register)
    ):
        if affiliation is None:
            continue
        if in_register:
            register[(affiliation, _skeleton(slug))].append(slug)
        else:
            found.append((slug, affiliation))
    return {
        slug: same[0]
        for slug, affiliation in found
        if len(same := register.get((affiliation, _skeleton(slug)), [])) == 1
    }


def read_reports(session: Session, ids: set[str] | None = None, text: bool = True) -> list[Report]:
    """The reports of the articles `ids` (every article when None). Without `text` the body
    is not read: numbers and years are left empty, enough for the contact keys."""
    leaders: dict[str, list[tuple[str, float]]] = defaultdict(list)
    affiliations: dict[str, dict[str, str]] = defaultdict(dict)
    countries: dict[str, set[str]] = defaultdict(set)
    organisations: dict[str, set[str]] = defaultdict(set)
    rows = []
    for chunk in _chunks(ids):
        q1 = select(
            ArticleLeader.article_id,
            ArticleLeader.leader_slug,
            ArticleLeader.centrality,
            ArticleLeader.affiliation,
        )
        q2 = select(ArticleCountry.article_id, ArticleCountry.country_code)
        q3 = select(ArticleOrganisation.article_id, ArticleOrganisation.organisation_code)
        q4 = select(  # type: ignore[call-overload]  # more than the four columns sqlmodel types
            Article.id,
            Article.language,
            Article.date_precision,
            Article.date_year,
            Article.date_month,
            Article.date_day,
            Article.event_types,
            Article.display_title,
            Article.lead,
            Article.body if text else Article.lead,
        )
        if chunk is not None:
            q1 = q1.where(col(ArticleLeader.article_id).in_(chunk))
            q2 = q2.where(col(ArticleCountry.article_id).in_(chunk))
            q3 = q3.where(col(ArticleOrganisation.article_id).in_(chunk))
            q4 = q4.where(col(Article.id).in_(chunk))
        for article_id, slug, centrality, affiliation in session.exec(q1):
            leaders[article_id].append((slug, centrality))
            if affiliation:
                affiliations[article_id][slug] = affiliation
        for article_id, code in session.exec(q2):
            countries[article_id].add(code)
        for article_id, code in session.exec(q3):
            organisations[article_id].add(code)
        rows.extend(session.exec(q4))
    aliases = register_aliases(session) if rows else {}
    reports = []
    for ident, language, precision, year, month, day, kinds, title, lead, body in rows:
        date = dt.date(year, month, day) if precision == "day" and year and month and day else None
        month_day = (month, day) if precision == "day_month" and month and day else None
        head = f"{title}\n{lead}"
        people, own = _as_register(leaders[ident], affiliations[ident], aliases)
        host = host_by_title(people, own, countries[ident], head, date, years_in(head), language)
        if host is not None:
            people = sorted([*people, host], key=lambda x: (-x[1], x[0]))
            own[host[0]] = "KZ"
        full = f"{title}\n{lead}\n{body}"[:TEXT_CHARS] if text else ""
        if date is None and month_day is None and text:
            # An undated report's headline or lead naming one day tells the day of the
            # contact: "днем 17 августа провели телефонный разговор".
            days = stated_days(head)
            month_day = next(iter(days)) if len(days) == 1 else None
        reports.append(
            Report(
                id=ident,
                language=language,
                date=date,
                month_day=month_day,
                kinds=frozenset(kinds),
                leaders=tuple(people),
                affiliations=own,
                countries=frozenset(countries[ident]),
                organisations=frozenset(organisations[ident]),
                numbers=numbers_in(full),
                places=places_in(full),
                years=years_in(full),
                headline_kinds=frozenset(detect_events(title, [lead] if lead else [])),
                head_class=stated_class(head),
                summit_of=summits_in(head, organisations[ident]),
            )
        )
    return sorted(reports, key=lambda r: r.id)


def _as_register(
    leaders: list[tuple[str, float]], affiliations: dict[str, str], aliases: dict[str, str]
) -> tuple[list[tuple[str, float]], dict[str, str]]:
    """A report's leaders, most central first, each discovered alias of a register person
    under the register's slug (his centrality the greater of the two when both are named)."""
    central: dict[str, float] = {}
    own: dict[str, str] = {}
    for slug, weight in leaders:
        slug_now = aliases.get(slug, slug)
        central[slug_now] = max(weight, central.get(slug_now, 0.0))
        if slug in affiliations:
            own[slug_now] = affiliations[slug]
    return sorted(central.items(), key=lambda x: (-x[1], x[0])), own


def stored_keys(session: Session, ids: set[str]) -> dict[str, set[Key]]:
    """The contact keys stored for the articles `ids` (as the last load computed them)."""
    found: dict[str, set[Key]] = defaultdict(set)
    for chunk in _chunks(ids):
        assert chunk is not None
        q = select(ArticleEventKey.article_id, ArticleEventKey.first, ArticleEventKey.second)
        for ident, first, second in session.exec(q.where(col(ArticleEventKey.article_id).in_(chunk))):
            found[ident].add((first, second))
    return found


def reporting(session: Session, keys: set[Key]) -> set[str]:
    """The articles whose stored keys include one of `keys`."""
    found: set[str] = set()
    by_first: dict[str, list[str]] = defaultdict(list)
    for first, second in keys:
        by_first[first].append(second)
    for first, seconds in sorted(by_first.items()):
        for start in range(0, len(seconds), CHUNK):
            q = select(ArticleEventKey.article_id).where(
                ArticleEventKey.first == first,
                col(ArticleEventKey.second).in_(sorted(seconds)[start : start + CHUNK]),
            )
            found.update(session.exec(q))
    return found


def affected(session: Session, changed: set[str], fresh: dict[str, list[Key]]) -> set[str]:
    """The articles whose events a load changing `changed` (added, updated or removed ids)
    may change: those sharing a contact key with them (the keys they had and the keys
    `fresh` gives them now), with the reports of the events they were in, closed over keys.
    Read from the stored keys: no article but the changed ones is read."""
    before = set(session.exec(select(EventReport.event_id).where(col(EventReport.article_id).in_(changed))))
    todo = set(changed)
    if before:
        todo |= set(session.exec(select(EventReport.article_id).where(col(EventReport.event_id).in_(before))))
    found: set[str] = set()
    seen_keys: set[Key] = set()
    while todo:
        found |= todo
        keys = {k for keys in stored_keys(session, todo).values() for k in keys}
        keys |= {k for i in todo for k in fresh.get(i, [])}
        new_keys = keys - seen_keys
        seen_keys |= new_keys
        todo = reporting(session, new_keys) - found
    # Only articles that still exist and report a contact are grouped.
    live = set(fresh) | {i for i, keys in stored_keys(session, found - changed).items() if keys}
    return found & live


def write_events(engine: Engine, changed: set[str] | None = None) -> int:
    """Group the stored articles into events and write the tables in one transaction: all of
    them (`changed` None, or a build without events yet), or only the events the `changed`
    article ids touch. Returns the number of events written."""
    with Session(engine) as session:
        scope: set[str] | None = None
        # A build from before the keys were stored (it has events but no keys) is regrouped whole.
        if (
            changed is not None
            and session.exec(select(Event.id).limit(1)).first() is not None
            and session.exec(select(ArticleEventKey.article_id).limit(1)).first() is not None
        ):
            now = read_reports(session, changed, text=False)
            fresh = {r.id: contact_keys(r) for r in now if contact_keys(r)}
            scope = affected(session, changed, fresh)
            stale = set(
                session.exec(
                    select(EventReport.event_id).where(col(EventReport.article_id).in_(scope | changed))
                )
            )
        if scope is None:
            reports = read_reports(session)
            session.exec(delete(EventReport))
            session.exec(delete(Event))
            session.exec(delete(ArticleEventKey))
            key_rows = [
                {"article_id": r.id, "first": k[0], "second": k[1]} for r in reports for k in contact_keys(r)
            ]
        else:
            for chunk in _chunks(changed):
                assert chunk is not None
                session.exec(delete(ArticleEventKey).where(col(ArticleEventKey.article_id).in_(chunk)))
            key_rows = [
                {"article_id": ident, "first": k[0], "second": k[1]}
                for ident, keys in fresh.items()
                for k in keys
            ]
            reports = read_reports(session, scope) if scope else []
            for chunk in _chunks(stale):
                assert chunk is not None
                session.exec(delete(EventReport).where(col(EventReport.event_id).in_(chunk)))
                session.exec(delete(Event).where(col(Event.id).in_(chunk)))
        events = group(reports)
        inferred = {(d.event, d.report): d for d in date_events(events, reports)}
        event_rows = [
            {
                "id": e.id,
                "kind": e.kind,
                "participants": e.participants,
                "date": e.date.isoformat() if e.date and not e.date_conflict else None,
                "date_sort": int(e.date.strftime("%Y%m%d")) if e.date and not e.date_conflict else None,
                "date_conflict": e.date_conflict,
                "report_count": len(e.reports),
            }
            for e in events
        ]
        report_rows = []
        for e in events:
            for report_id in e.reports:
                found = inferred.get((e.id, report_id))
                report_rows.append(
                    {
                        "event_id": e.id,
                        "article_id": report_id,
                        "reasons": e.reasons.get(report_id, []),
                        "inferred_date": found.date.isoformat() if found else None,
                        "date_evidence": list(found.evidence) if found else [],
                    }
                )
        if key_rows:
            session.execute(insert(ArticleEventKey), key_rows)
        if event_rows:
            session.execute(insert(Event), event_rows)
            session.execute(insert(EventReport), report_rows)
        session.commit()
    return len(events)
