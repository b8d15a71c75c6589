"""Events in the build: read stored articles as `Report`s, group, write the tables.

The grouping (events.py) runs after the articles are written. A first load groups every
article; a later load regroups only what its changed articles can touch (`regroup_scope`,
events.py `reach`: of their contacts, the reports within a time window of a dated one or
sharing something with an undated one, closed over those links and over keys), and the
events those reports were in: the same events a full regroup gives. Everything else, and
every event id, stays as it was: an event's id depends only on its reports.
"""

import datetime as dt
import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import lru_cache
from sys import intern
from typing import Any

from sqlalchemy import ColumnElement, Engine, Table, delete, func, literal_column, or_
from sqlmodel import Session, SQLModel, col, select

from app.datafiles import DATA_DIR
from app.entities.events import detect_events
from app.entities.register import holder_of
from app.entities.register import leaders as register_leaders
from app.loader.dates import find_date, mentions
from app.loader.events import Event as EventGroup
from app.loader.events import (
    InferredDate,
    Key,
    Member,
    Mentions,
    Report,
    contact_frame,
    contact_keys,
    date_events,
    group,
    key_counts,
    member,
    names_summit,
    numbers_in,
    passages_in,
    reach,
    settings,
    stated_class,
    summits_in,
    visited_country,
    years_in,
)
from app.models import (
    Article,
    ArticleCountry,
    ArticleEventKey,
    ArticleEventReport,
    ArticleLeader,
    ArticleOrganisation,
    Event,
    EventReport,
    Leader,
    Mention,
)
from app.text.event_words import places_in, topics_in

# The head of the text is where a report says who, what and when; the rest is background.
TEXT_CHARS = 1500
# A day this near the start of a line is its dateline ("НУР-СУЛТАН, 2 февраля. /ТАСС/.").
DATELINE_CHARS = 30
# Clauses of a sentence: a day and a contact word in one clause belong together.
CLAUSE = re.compile(r"[,;:()«»\"]|\.\s|\s[–—-]\s")
# A Russian day written as an ordinal («днем 9-го января», «с 9-е по 10-е»): read as the day.
DAY_ORDINAL = re.compile(r"(?<![\w-])(\d{1,2})-(?:го|е|ое|ого)\s+(?=\w)")
# Bumped when what `read_reports` derives from a text changes: stored reports of another
# format are derived again.
REPORT_FORMAT = 6
# How much of the body's start `contact_frame` reads (the lead's first sentences).
FRAME_CHARS = 600
# How many articles the first grouping reads at a time (`contact_reports`).
BATCH = 2000
# How many ids go into one IN (...) list (SQLite allows 32766 variables; stay well under).
CHUNK = 5000


def _among(column: Any, ids: Iterable[str]) -> ColumnElement[bool]:
    """`column IN (ids)` with the ids as one JSON parameter (`json_each`): hundreds of ids
    bound one parameter each cost SQLAlchemy more to compile than SQLite to run."""
    values: Any = select(literal_column("value")).select_from(func.json_each(json.dumps(sorted(ids))))
    return column.in_(values)  # type: ignore[no-any-return]


def _write(session: Session, model: type[SQLModel], rows: list[dict[str, Any]]) -> None:
    """Insert every row in one Core executemany: the ORM's bulk insert sends a statement per
    run of rows with the same None values (an inferred date or none), 28,000 statements for the
    events of 100k articles. Every row gives every column."""
    table: Table = model.__table__  # type: ignore[attr-defined]
    session.connection().execute(table.insert(), rows)


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


# At most this many heads of state of a visited country are candidates (`counterparts`).
MAX_COUNTERPARTS = 2


def counterparts(
    leaders: list[tuple[str, float]],
    affiliations: dict[str, str],
    report_places: frozenset[str],
    years: frozenset[int],
    date: dt.date | None = None,
) -> tuple[str, ...]:
    """Who the leaders of a report of a visit may have met, when it names places of one other
    country only («Macron arrived in Astana»): that country's presidents, per the register, in
    office on the report's date; undated, at some time the most central leader held office
    (and in a year the text names, when it names some); none when more than
    `MAX_COUNTERPARTS` could be (more than one, on a date). A press secretary telling of the
    visit is of neither side (`spokespeople`)."""
    quiet = settings().spokespeople
    sides = [slug for slug, _ in leaders if slug not in quiet]
    if not sides:
        return ()
    guest = register_leaders().get(sides[0])
    own = {c for slug, c in affiliations.items() if slug not in quiet}
    # His own country as the register has it too (a report may not state it).
    own |= {role.affiliation for role in guest.roles} if guest is not None else set()
    country = visited_country(report_places, own)
    if country is None:
        return ()
    spans: list[tuple[dt.date | None, dt.date | None]] = [(None, None)]
    if date is not None:
        spans = [(date, date)]
    elif years:
        spans = [(dt.date(y, 1, 1), dt.date(y, 12, 31)) for y in sorted(years)]
    elif guest is not None and guest.roles:
        spans = [(r.start, r.end) for r in guest.roles]
    found = {slug for slug, term in _presidents(country) if any(_overlap(term, span) for span in spans)}
    return tuple(sorted(found)) if len(found) <= (1 if date is not None else MAX_COUNTERPARTS) else ()


@lru_cache(maxsize=256)
def _presidents(country: str) -> tuple[tuple[str, tuple[dt.date | None, dt.date | None]], ...]:
    """A country's presidents in the register, each with a term."""
    return tuple(
        (entry.slug, (role.start, role.end))
        for entry in register_leaders().values()
        for role in entry.roles
        if role.office == "president" and role.affiliation == country
    )


def _overlap(a: tuple[dt.date | None, dt.date | None], b: tuple[dt.date | None, dt.date | None]) -> bool:
    low, high = dt.date.min, dt.date.max
    return (a[0] or low) <= (b[1] or high) and (b[0] or low) <= (a[1] or high)


def stated_days(head: str, body: bool = False) -> set[tuple[int, int]]:
    """The days (month, day) a headline and lead give for the contact: a day opening a line
    (a dateline, «КИЕВ. 2 ақпан.», «23 декабря 2025 в 18:00»), or one in the same clause as a
    word of holding a contact («днем 17 августа провели телефонные переговоры»). A day in
    another clause tells of something else («поздравил с итогами встречи, состоявшейся
    15 августа»), and a day in a clause that calls the contact off is not its day
    («2 қаңтар күні ... сапары тоқтатылды»): data/event_grouping.toml `contact_words`,
    `called_off_words`. In a `body`, a day in a clause recalling an earlier contact
    («Последний раз ... был», `recalled_words`) or written with its year beyond a dateline
    («посещал Астану с 18 по 19 апреля 2024 года») tells of another contact."""
    words, off = settings().contact_words, settings().called_off_words
    if body:
        off = (*off, *settings().recalled_words)
    found: set[tuple[int, int]] = set()
    for line in head.splitlines():
        if not any(ch.isdigit() for ch in line):
            continue
        line = settings().weekday_comma.sub(" ", DAY_ORDINAL.sub(r"\1 ", line))
        for clause in CLAUSE.split(line):
            days = [(m.found.month, m.found.day, m.found.text, m.found.year) for m in mentions(clause)]
            rest = clause
            while (date := find_date(rest)) is not None:
                days.append((date.month, date.day, date.text, date.year))
                rest = rest[rest.index(date.text) + len(date.text) :] if date.text in rest else ""
            if any(w.search(clause) for w in off):
                continue
            for month, day, text, year in days:
                start = line.find(text)
                opening = 0 <= start <= DATELINE_CHARS
                if body and year is not None and not opening:
                    continue
                if opening or any(w.search(clause) for w in words):
                    found.add((month, day))
    return found


# How many paragraphs of the body `body_days` reads: the lead's neighbours tell what took place.
BODY_PARAGRAPHS = 3


def body_days(body: str | None) -> frozenset[tuple[int, int]]:
    """The days the first paragraphs of a body give for a contact («Рахмон начал
    государственный визит в Астану 3 мая»): of the report's own contact or of another it
    tells of; `stated_days` with the body's rules."""
    paragraphs = [p for p in (body or "").split("\n") if p.strip()][:BODY_PARAGRAPHS]
    return frozenset(stated_days("\n".join(paragraphs), body=True))


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
    named: dict[tuple[str, str], Mentions] = defaultdict(list)  # (article, field) -> leader mentions
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
            # Only the head of the body is read (`TEXT_CHARS`): at 100k articles the bodies are 2 GB.
            func.substr(Article.body, 1, TEXT_CHARS) if text else Article.lead,
        )
        if chunk is not None:
            q1 = q1.where(_among(col(ArticleLeader.article_id), chunk))
            q2 = q2.where(_among(col(ArticleCountry.article_id), chunk))
            q3 = q3.where(_among(col(ArticleOrganisation.article_id), chunk))
            q4 = q4.where(_among(col(Article.id), chunk))
        # The names and codes every report repeats are one string each, not one per row: a
        # first grouping holds every report (issue 16).
        for article_id, slug, centrality, affiliation in session.exec(q1):
            leaders[article_id].append((intern(slug), centrality))
            if affiliation:
                affiliations[article_id][intern(slug)] = intern(affiliation)
        for article_id, code in session.exec(q2):
            countries[article_id].add(intern(code))
        for article_id, code in session.exec(q3):
            organisations[article_id].add(intern(code))
        q5 = select(  # type: ignore[call-overload]  # more than the four columns sqlmodel types
            Mention.article_id, Mention.field, Mention.start, Mention.end, Mention.entity_key
        ).where(
            col(Mention.entity_type) == "leader",
            # Those the frame reads, and those `passages_in` leaves out of the runs it samples.
            or_(
                col(Mention.field) == "title", col(Mention.start) < max(FRAME_CHARS, settings().passage_chars)
            ),
        )
        if chunk is not None:
            q5 = q5.where(_among(col(Mention.article_id), chunk))
        for article_id, where, start, end, slug in session.exec(q5):
            named[(article_id, where)].append((start, end, slug))
        rows.extend(session.exec(q4))
    aliases = register_aliases(session) if rows else {}
    reports = []
    for ident, language, precision, year, month, day, kinds, title, lead, body in rows:
        date = dt.date(year, month, day) if precision == "day" and year and month and day else None
        month_day = (month, day) if precision == "day_month" and month and day else None
        said = _saying_more(title, lead, body if text else "")
        head = f"{title}\n{said}"
        people, own = _as_register(leaders[ident], affiliations[ident], aliases)
        host = host_by_title(people, own, countries[ident], head, date, years_in(head), language)
        if host is not None:
            people = sorted([*people, host], key=lambda x: (-x[1], x[0]))
            own[host[0]] = "KZ"
        full = f"{title}\n{lead}\n{body}"[:TEXT_CHARS] if text else ""
        frame, bystanders = contact_frame(
            [
                (title, [(a, b, aliases.get(slug, slug)) for a, b, slug in named[(ident, "title")]]),
                (
                    (body or "")[:FRAME_CHARS],
                    [(a, b, aliases.get(slug, slug)) for a, b, slug in named[(ident, "body")]],
                ),
            ]
        )
        if date is None and month_day is None and text:
            # An undated report's headline or lead naming one day tells the day of the
            # contact: "днем 17 августа провели телефонный разговор".
            days = stated_days(head)
            month_day = next(iter(days)) if len(days) == 1 else None
        mentioned = body_days(body) if date is None and month_day is None and text else frozenset()
        places = places_in(full)
        guests_of = counterparts(people, own, places, years_in(full), date) if month_day is None else ()
        reports.append(
            Report(
                id=ident,
                language=intern(language),
                date=date,
                month_day=month_day,
                kinds=frozenset(kinds),
                leaders=tuple(people),
                affiliations=own,
                countries=frozenset(countries[ident]),
                organisations=frozenset(organisations[ident]),
                numbers=numbers_in(full),
                places=places,
                years=years_in(full),
                headline_kinds=frozenset(detect_events(title, [said] if said else [])),
                head_class=stated_class(head, title),
                summit_of=summits_in(head, organisations[ident]),
                summit=names_summit(head),
                frame=frame,
                bystanders=bystanders,
                counterparts=guests_of,
                mentioned_days=mentioned,
                occasions=topics_in(full, settings().occasion_topics),
                # The runs of words of the headline and the body's head, those naming a
                # leader left out: every report of the pair names the two (the sentence
                # «Токаев провел телефонный разговор с Путиным» is no copy of another).
                passages=passages_in(title, [m[:2] for m in named[(ident, "title")]])
                | passages_in(body or "", [m[:2] for m in named[(ident, "body")]])
                if text
                else frozenset(),
            )
        )
    return sorted(reports, key=lambda r: r.id)


def contact_reports(session: Session, each: Callable[[list[Report]], None] | None = None) -> list[Report]:
    """Every report with a contact key, for the first grouping: read in batches of `BATCH`
    articles, only those naming a leader (no other can report a contact), each from the head
    of its text, the reports without a key dropped batch by batch (and handed to `each`, to
    write their rows). The pass holds the reports it groups and one batch of rows, not every
    article's body."""
    ids = sorted(set(session.exec(select(ArticleLeader.article_id).distinct())))
    found: list[Report] = []
    for start in range(0, len(ids), BATCH):
        batch = [r for r in read_reports(session, set(ids[start : start + BATCH])) if contact_keys(r)]
        if each is not None:
            each(batch)
        found += batch
    return found


def _store_first(session: Session, reports: list[Report]) -> None:
    """A first grouping's rows of `reports` (ArticleEventReport, ArticleEventKey)."""
    _store(session, reports, replace=False)
    key_rows = [
        {"article_id": r.id, "first": k[0], "second": k[1], "reach": reach_data(r, k)}
        for r in reports
        for k in contact_keys(r)
    ]
    if key_rows:
        _write(session, ArticleEventKey, key_rows)


def _saying_more(title: str, lead: str | None, body: str) -> str | None:
    """The lead, or, when it only repeats the headline («Токаева пригласили в Швейцарию ...»
    as both), the paragraph after it: that is where such a page says what took place
    («Накануне прошел телефонный разговор ...»)."""
    if lead is None or _bare(lead) != _bare(title):
        return lead
    paragraphs = [p for p in body.split("\n") if p.strip()]
    if len(paragraphs) > 1 and _bare(paragraphs[0]) == _bare(lead):
        return paragraphs[1]
    return lead


def _bare(text: str) -> str:
    return text.strip().rstrip(".!…").strip().casefold()


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


@lru_cache(maxsize=1)
def report_version() -> str:
    """The format and the data files (word lists, register) a stored report was derived with."""
    digest = hashlib.sha256(str(REPORT_FORMAT).encode())
    for path in sorted([*DATA_DIR.glob("*.toml"), *DATA_DIR.glob("*.json")]):
        digest.update(path.name.encode() + path.read_bytes())
    return digest.hexdigest()[:12]


def report_data(report: Report) -> dict[str, Any]:
    """A report as stored (ArticleEventReport.data): everything `Report` is made of."""
    return {
        "v": report_version(),
        "language": report.language,
        "date": report.date.isoformat() if report.date else None,
        "month_day": list(report.month_day) if report.month_day else None,
        "kinds": sorted(report.kinds),
        "leaders": [[slug, weight] for slug, weight in report.leaders],
        "affiliations": report.affiliations,
        "countries": sorted(report.countries),
        "organisations": sorted(report.organisations),
        "numbers": sorted(report.numbers),
        "places": sorted(report.places),
        "years": sorted(report.years),
        "headline_kinds": sorted(report.headline_kinds),
        "head_class": report.head_class,
        "summit_of": sorted(report.summit_of),
        "summit": report.summit,
        "frame": [list(pair) for pair in report.frame],
        "bystanders": sorted(report.bystanders),
        "counterparts": list(report.counterparts),
        "mentioned_days": sorted([month, day] for month, day in report.mentioned_days),
        "occasions": sorted(report.occasions),
        "passages": sorted(report.passages),
    }


def report_from(ident: str, data: dict[str, Any]) -> Report | None:
    """The stored report, or None when it was derived another way (`report_version`)."""
    if data.get("v") != report_version():
        return None
    month_day = data["month_day"]
    return Report(
        id=ident,
        language=data["language"],
        date=dt.date.fromisoformat(data["date"]) if data["date"] else None,
        month_day=(int(month_day[0]), int(month_day[1])) if month_day else None,
        kinds=frozenset(data["kinds"]),
        leaders=tuple((str(slug), float(weight)) for slug, weight in data["leaders"]),
        affiliations=dict(data["affiliations"]),
        countries=frozenset(data["countries"]),
        organisations=frozenset(data["organisations"]),
        numbers=frozenset(data["numbers"]),
        places=frozenset(data["places"]),
        years=frozenset(int(y) for y in data["years"]),
        headline_kinds=frozenset(data["headline_kinds"]),
        head_class=data["head_class"],
        summit_of=frozenset(data["summit_of"]),
        summit=bool(data["summit"]),
        frame=tuple((str(a), str(b)) for a, b in data["frame"]),
        bystanders=frozenset(data["bystanders"]),
        counterparts=tuple(str(c) for c in data["counterparts"]),
        mentioned_days=frozenset((int(month), int(day)) for month, day in data["mentioned_days"]),
        occasions=frozenset(str(t) for t in data["occasions"]),
        passages=frozenset(int(h) for h in data["passages"]),
    )


def _store(session: Session, reports: list[Report], replace: bool) -> None:
    """Write the rows of the reports that report a contact (the others are never grouped)."""
    rows = [{"article_id": r.id, "data": report_data(r)} for r in reports if contact_keys(r)]
    if replace:
        for chunk in _chunks({r.id for r in reports}):
            assert chunk is not None
            session.exec(delete(ArticleEventReport).where(_among(col(ArticleEventReport.article_id), chunk)))
    if rows:
        _write(session, ArticleEventReport, rows)


def stored_keys(session: Session, ids: set[str]) -> dict[str, set[Key]]:
    """The contact keys stored for the articles `ids` (as the last load computed them)."""
    found: dict[str, set[Key]] = defaultdict(set)
    for chunk in _chunks(ids):
        assert chunk is not None
        q = select(ArticleEventKey.article_id, ArticleEventKey.first, ArticleEventKey.second)
        for ident, first, second in session.exec(q.where(_among(col(ArticleEventKey.article_id), chunk))):
            found[ident].add((first, second))
    return found


def key_members(session: Session, key: Key) -> list[tuple[str, str | None]]:
    """The articles whose stored keys include `key`, each with what `Reach` reads of it
    (`reach_data`), when stored."""
    rows = session.connection().exec_driver_sql(
        "SELECT article_id, reach FROM article_event_key WHERE first = ? AND second = ? ORDER BY article_id",
        key,
    )
    return [(ident, data) for ident, data in rows]


def reach_data(report: Report, key: Key) -> str:
    """What `Reach` reads of a report under `key` (events.py `Member`), as stored beside the
    key (ArticleEventKey.reach), with the version of the data it was derived from."""
    found = member(report, key)
    return json.dumps(
        [
            report_version(),
            found.date.isoformat() if found.date else None,
            list(found.month_day) if found.month_day else None,
            sorted(found.features),
            sorted(found.passages),
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def member_from(ident: str, data: str | None) -> Member | None:
    """The stored `reach_data`, or None when there is none or it was derived another way."""
    if data is None:
        return None
    stored = json.loads(data)
    # Another format's row may hold other fields: its version, first in every format, says so.
    if stored[0] != report_version():
        return None
    _, day, month_day, features, passages = stored
    return Member(
        ident,
        dt.date.fromisoformat(day) if day else None,
        (int(month_day[0]), int(month_day[1])) if month_day else None,
        frozenset(features),
        frozenset(passages),
    )


def _stored_rows(session: Session, ids: list[str]) -> dict[str, Report | None]:
    """The stored reports of the articles `ids` that have a row: None where it was derived
    another way (`report_version`). Read as plain rows: a frequent pair's thousands of rows
    cost SQLAlchemy's JSON type more than the parse."""
    found: dict[str, Report | None] = {}
    connection = session.connection()
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        rows = connection.exec_driver_sql(
            "SELECT article_id, data FROM article_event_report WHERE article_id IN "
            "(SELECT value FROM json_each(?))",
            (json.dumps(chunk),),
        )
        for ident, data in rows:
            found[ident] = report_from(ident, json.loads(data))
    return found


class StoredReports:
    """The reports of a key as the load leaves them: the stored reports, read key by key
    (`reach` asks for few keys), the changed articles as read from their texts now. Of the
    stored ones, what `Reach` reads (`Member`, from the key's rows) unless that is missing,
    and whole only those `reach` reaches: `whole` counts them."""

    def __init__(self, session: Session, changed: set[str], now: dict[str, Report]) -> None:
        self.session = session
        self.changed = changed
        self.now = now
        self.read: dict[Key, list[Report | Member]] = {}
        # The stored reports read whole: those reached, and those whose members were missing.
        self.whole: set[str] = set()
        self.counted: dict[Key, Counter[int | str]] = {}

    def of(self, key: Key) -> list[Report | Member]:
        if key not in self.read:
            members: list[Report | Member] = []
            missing: list[str] = []
            for ident, data in key_members(self.session, key):
                if ident in self.changed:
                    continue
                found = member_from(ident, data)
                if found is None:
                    missing.append(ident)
                else:
                    members.append(found)
            if missing:
                # Stored before the members were (or derived another way): read whole, and
                # their members stored for the next load.
                whole = self.reports(missing)
                self._keep(key, [r for r in whole if key in r.keys])
                members += whole
            self.read[key] = [*members, *(r for r in self.now.values() if key in r.keys)]
        return self.read[key]

    def counts(self, key: Key) -> Counter[int | str]:
        """How many of the reports of `key` hold each sampled run of words and name each
        feature beyond the participants (`key_counts`)."""
        if key not in self.counted:
            self.counted[key] = key_counts(key, self.of(key))
        return self.counted[key]

    def whole_of(self, key: Key) -> list[Report]:
        """Every report of `key`, whole."""
        members = self.of(key)
        found = [r for r in members if isinstance(r, Report)]
        return found + self.reports(sorted(r.id for r in members if isinstance(r, Member)))

    def reports(self, ids: list[str]) -> list[Report]:
        """Stored reports, derived again from their articles where stored another way."""
        self.whole.update(ids)
        rows = _stored_rows(self.session, ids)
        missing = {i for i in ids if rows.get(i) is None}
        found = [r for r in rows.values() if r is not None]
        if missing:
            fresh = read_reports(self.session, missing)
            _store(self.session, fresh, replace=True)
            found += [r for r in fresh if contact_keys(r)]
        return found

    def _keep(self, key: Key, reports: list[Report]) -> None:
        if not reports:
            return
        self.session.connection().exec_driver_sql(
            "UPDATE article_event_key SET reach = ? WHERE article_id = ? AND first = ? AND second = ?",
            [(reach_data(r, key), r.id, *key) for r in reports],
        )


def regroup_scope(
    session: Session, changed: set[str], now: dict[str, Report], current: StoredReports | None = None
) -> dict[str, Report]:
    """The reports a load changing `changed` (added, updated or removed; `now`: those that
    report a contact as they are now) must regroup: those its changed reports can touch as
    they were and as they are (`events.reach`: within a time window of a dated report, or
    linked to an undated one by what they share), closed over links and keys, and the reports
    of every event those were in. No article but the changed ones is read, and of the others
    only the reports of the changed reports' keys (and of keys reached from them), and of
    those only what `Reach` reads, but for the reports reached."""
    current = current or StoredReports(session, changed, now)
    before = _stored_rows(session, sorted(changed))
    seeds = [*now.values(), *(r for r in before.values() if r is not None)]
    for ident, keys in stored_keys(session, changed).items():
        if before.get(ident) is None:
            # Stored another way: what it touched is not known, so every report of its keys is.
            seeds += [r for key in sorted(keys) for r in current.whole_of(key)]
    scope: dict[str, Report] = {}
    while seeds:
        scope |= reach(seeds, current.of, current.reports, changed)
        # An event regrouped is regrouped whole: its other reports are seeds too (a build made
        # by other code may have linked what `reach` would not).
        events = set(
            session.exec(
                select(EventReport.event_id).where(
                    _among(col(EventReport.article_id), scope.keys() | changed)
                )
            )
        )
        members = set(
            session.exec(select(EventReport.article_id).where(_among(col(EventReport.event_id), events)))
        )
        seeds = current.reports(sorted(members - scope.keys() - changed))
    return scope


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
            now = read_reports(session, changed)
            fresh = {r.id: contact_keys(r) for r in now if contact_keys(r)}
            current = StoredReports(session, changed, {r.id: r for r in now if r.id in fresh})
            regrouped = regroup_scope(session, changed, current.now, current)
            scope = set(regrouped)
            stale = set(
                session.exec(
                    select(EventReport.event_id).where(_among(col(EventReport.article_id), scope | changed))
                )
            )
        if scope is None:
            session.exec(delete(EventReport))
            session.exec(delete(Event))
            session.exec(delete(ArticleEventKey))
            session.exec(delete(ArticleEventReport))
            # Each batch's rows are written as it is read, not every report's at the end.
            reports = contact_reports(session, each=lambda batch: _store_first(session, batch))
        else:
            for chunk in _chunks(changed):
                assert chunk is not None
                session.exec(delete(ArticleEventKey).where(_among(col(ArticleEventKey.article_id), chunk)))
            by_id = {r.id: r for r in now}
            key_rows = [
                {"article_id": ident, "first": k[0], "second": k[1], "reach": reach_data(by_id[ident], k)}
                for ident, keys in fresh.items()
                for k in keys
            ]
            # The changed articles are read from their texts (and stored again, or dropped
            # when removed); the rest of the scope from their stored rows.
            assert changed is not None
            _store(session, now, replace=True)
            for chunk in _chunks(changed - set(fresh)):
                assert chunk is not None
                session.exec(
                    delete(ArticleEventReport).where(_among(col(ArticleEventReport.article_id), chunk))
                )
            reports = sorted(regrouped.values(), key=lambda r: r.id)
        # How many of each key's reports hold each run of words and name each feature, over
        # all of them (those the load regroups and the rest): what a full grouping counts
        # (events.py `mark_rare`).
        events = group(reports, None if scope is None else current.counts)
        inferred = {(d.event, d.report): d for d in date_events(events, reports)}
        # The reports are not needed past here: the rows are made of the events alone.
        del reports
        if scope is None:
            # A first grouping's rows are made and written a chunk of events at a time.
            for start in range(0, len(events), CHUNK):
                event_rows, report_rows = _event_rows(events[start : start + CHUNK], inferred)
                _write(session, Event, event_rows)
                _write(session, EventReport, report_rows)
            session.commit()
            return len(events)
        event_rows, report_rows = _event_rows(events, inferred)
        # Most regrouped events come out as they were: only the others are rewritten.
        same = _unchanged(session, stale, event_rows, report_rows)
        for chunk in _chunks(stale - same):
            assert chunk is not None
            session.exec(delete(EventReport).where(_among(col(EventReport.event_id), chunk)))
            session.exec(delete(Event).where(_among(col(Event.id), chunk)))
        event_rows = [row for row in event_rows if row["id"] not in same]
        report_rows = [row for row in report_rows if row["event_id"] not in same]
        if key_rows:
            _write(session, ArticleEventKey, key_rows)
        if event_rows:
            _write(session, Event, event_rows)
            _write(session, EventReport, report_rows)
        session.commit()
    return len(events)


def _event_rows(
    events: list[EventGroup], inferred: dict[tuple[str, str], InferredDate]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The rows of `events` (Event) and of their reports (EventReport)."""
    event_rows = [
        {
            "id": e.id,
            "kind": e.kind,
            "participants": e.participants,
            "date": e.date.isoformat() if e.date and not e.date_conflict else None,
            "date_sort": int(e.date.strftime("%Y%m%d")) if e.date and not e.date_conflict else None,
            "date_conflict": e.date_conflict,
            "report_count": len(e.reports),
            "countries": e.countries,
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
    return event_rows, report_rows


def _unchanged(
    session: Session, stale: set[str], event_rows: list[dict[str, Any]], report_rows: list[dict[str, Any]]
) -> set[str]:
    """The regrouped events whose stored rows (the event's and its reports') are the rows
    just made: reading them back costs less than deleting and writing them again."""
    made: dict[str, tuple[Any, ...]] = {
        row["id"]: _event_row(row) for row in event_rows if row["id"] in stale
    }
    if not made:
        return set()
    reports_made: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    for row in report_rows:
        if row["event_id"] in made:
            reports_made[row["event_id"]].add(_report_row(row))
    columns = (
        Event.id, Event.kind, Event.participants, Event.date, Event.date_sort, Event.date_conflict,
        Event.report_count, Event.countries,
    )  # fmt: skip
    stored = {
        ident: _event_row(dict(zip(EVENT_FIELDS, values, strict=True)))
        for ident, *values in session.exec(select(*columns).where(_among(col(Event.id), made)))  # type: ignore[call-overload]
    }
    reports_stored: dict[str, set[tuple[Any, ...]]] = defaultdict(set)
    q = select(  # type: ignore[call-overload]  # more than the four columns sqlmodel types
        EventReport.event_id,
        EventReport.article_id,
        EventReport.reasons,
        EventReport.inferred_date,
        EventReport.date_evidence,
    ).where(_among(col(EventReport.event_id), made))
    for event_id, article_id, reasons, inferred_date, evidence in session.exec(q):
        row = {
            "article_id": article_id,
            "reasons": reasons,
            "inferred_date": inferred_date,
            "date_evidence": evidence,
        }
        reports_stored[event_id].add(_report_row(row))
    return {
        ident
        for ident, row in made.items()
        if stored.get(ident) == row and reports_stored.get(ident) == reports_made[ident]
    }


EVENT_FIELDS = ("kind", "participants", "date", "date_sort", "date_conflict", "report_count", "countries")


def _event_row(row: dict[str, Any]) -> tuple[Any, ...]:
    return tuple(tuple(row[name]) if isinstance(row[name], list) else row[name] for name in EVENT_FIELDS)


def _report_row(row: dict[str, Any]) -> tuple[Any, ...]:
    return (row["article_id"], tuple(row["reasons"]), row["inferred_date"], tuple(row["date_evidence"]))
