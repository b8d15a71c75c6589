"""Events in the build: read every stored article as a `Report`, group, write the tables.

The grouping (events.py) runs over the whole build after the articles are written, so an
event sees its unchanged reports as well as the changed ones; its ids depend only on its
reports, so a load that changes nothing an event is made of keeps its id.
"""

import datetime as dt
from collections import defaultdict

from sqlalchemy import Engine, delete, insert
from sqlmodel import Session, select

from app.loader.events import Report, date_events, group, numbers_in, years_in
from app.models import Article, ArticleCountry, ArticleLeader, ArticleOrganisation, Event, EventReport

# The head of the text is where a report says who, what and when; the rest is background.
TEXT_CHARS = 1500


def read_reports(session: Session) -> list[Report]:
    leaders: dict[str, list[tuple[str, float]]] = defaultdict(list)
    affiliations: dict[str, dict[str, str]] = defaultdict(dict)
    for article_id, slug, centrality, affiliation in session.exec(
        select(
            ArticleLeader.article_id,
            ArticleLeader.leader_slug,
            ArticleLeader.centrality,
            ArticleLeader.affiliation,
        )
    ):
        leaders[article_id].append((slug, centrality))
        if affiliation:
            affiliations[article_id][slug] = affiliation
    countries: dict[str, set[str]] = defaultdict(set)
    for article_id, code in session.exec(select(ArticleCountry.article_id, ArticleCountry.country_code)):
        countries[article_id].add(code)
    organisations: dict[str, set[str]] = defaultdict(set)
    for article_id, code in session.exec(
        select(ArticleOrganisation.article_id, ArticleOrganisation.organisation_code)
    ):
        organisations[article_id].add(code)
    reports = []
    rows = session.exec(
        select(  # type: ignore[call-overload]  # more than the four columns sqlmodel types
            Article.id,
            Article.language,
            Article.date_precision,
            Article.date_year,
            Article.date_month,
            Article.date_day,
            Article.event_types,
            Article.display_title,
            Article.lead,
            Article.body,
        )
    )
    for ident, language, precision, year, month, day, kinds, title, lead, body in rows:
        date = dt.date(year, month, day) if precision == "day" and year and month and day else None
        month_day = (month, day) if precision == "day_month" and month and day else None
        text = f"{title}\n{lead}\n{body}"[:TEXT_CHARS]
        reports.append(
            Report(
                id=ident,
                language=language,
                date=date,
                month_day=month_day,
                kinds=frozenset(kinds),
                leaders=tuple(sorted(leaders[ident], key=lambda x: (-x[1], x[0]))),
                affiliations=affiliations[ident],
                countries=frozenset(countries[ident]),
                organisations=frozenset(organisations[ident]),
                numbers=numbers_in(text),
                years=years_in(text),
            )
        )
    return sorted(reports, key=lambda r: r.id)


def write_events(engine: Engine) -> int:
    """Group every stored article into events and replace the event tables: one transaction."""
    with Session(engine) as session:
        reports = read_reports(session)
        events = group(reports)
        inferred = {(d.event, d.report): d for d in date_events(events, reports)}
        session.exec(delete(EventReport))
        session.exec(delete(Event))
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
        if event_rows:
            session.execute(insert(Event), event_rows)
            session.execute(insert(EventReport), report_rows)
        session.commit()
    return len(events)
