"""Articles from SQLite: summaries with their entities, one article in full, its source text."""

import json
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import lru_cache
from typing import Any, Literal

from pydantic_core import from_json
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col, select

from app import urls
from app.build.archive import Archive, ResultCache
from app.build.columns import Columns
from app.i18n import Lang
from app.i18n.dates import date_display
from app.i18n.names import leader_name, pick, source_name
from app.models import (
    Article,
    ArticleCountry,
    ArticleLeader,
    ArticleOrganisation,
    Country,
    Leader,
    Mention,
    Organisation,
)
from app.schemas import (
    ArticleOut,
    ArticleSource,
    ArticleSummary,
    CountryRef,
    LeaderRef,
    OrganisationRef,
    RemovedLineOut,
    Segment,
    SourceLine,
)

RELATED_LIMIT = 5
RELATED_ENTITIES = 4
RELATED_SCAN = 300
# Characters of body one article page shows; a longer article is read in parts (?part=N).
PART_CHARS = 50_000


class NotFound(LookupError):
    """The thing asked for is not in the archive; routes turn this into a 404."""


class Moved(LookupError):
    """An article asked for by its slug, which people type and share: routes answer with a
    permanent redirect to the page under its id, the one canonical address."""

    def __init__(self, slug: str, article_id: str) -> None:
        super().__init__(f"Article {slug!r} is at {urls.article_url(article_id)}.")
        self.slug = slug
        self.article_id = article_id


def _find(session: Session, key: str) -> Article:
    """The article with this id; for a slug, Moved to its id; else NotFound."""
    article = session.get(Article, key)
    if article is not None:
        return article
    article_id = session.exec(select(Article.id).where(Article.slug == key)).first()
    if article_id is not None:
        raise Moved(key, article_id)
    raise NotFound(f"No article with id {key!r}.")


def _linked(
    session: Session,
    ids: list[str],
    link: type[ArticleCountry] | type[ArticleOrganisation],
    entity: type[Country] | type[Organisation],
    link_key: Mapped[str],
    lang: Lang,
) -> list[tuple[str, str, str]]:
    """(article id, code, name in `lang`) from a country or organisation link table, most
    mentioned first. Plain columns, not ORM objects: this runs for every listed article."""
    rows = session.exec(
        # sqlmodel types select() for at most four columns; at run time it takes any number.
        select(  # type: ignore[call-overload]
            col(link.article_id),
            col(entity.code),
            col(entity.name_en),
            col(entity.name_ru),
            col(entity.name_kk),
        )
        .join(entity, col(entity.code) == col(link_key))
        .where(col(link.article_id).in_(ids))
        .order_by(col(link.mentions).desc(), col(entity.code))
    ).all()
    return [
        (article_id, code, pick(lang, {"en": en, "ru": ru, "kk": kk}).text)
        for article_id, code, en, ru, kk in rows
    ]


def _refs(
    session: Session, ids: list[str], lang: Lang
) -> tuple[dict[str, list[LeaderRef]], dict[str, list[CountryRef]], dict[str, list[OrganisationRef]]]:
    leaders: dict[str, list[LeaderRef]] = defaultdict(list)
    countries: dict[str, list[CountryRef]] = defaultdict(list)
    organisations: dict[str, list[OrganisationRef]] = defaultdict(list)
    if not ids:
        return leaders, countries, organisations
    rows = session.exec(
        # sqlmodel types select() for at most four columns; at run time it takes any number.
        select(  # type: ignore[call-overload]
            col(ArticleLeader.article_id),
            col(Leader.slug),
            col(Leader.name_en),
            col(Leader.name_ru),
            col(Leader.name_kk),
            col(ArticleLeader.role_title),
            col(ArticleLeader.affiliation),
            col(Leader.in_register),
            col(ArticleLeader.resolved_from_title),
        )
        .join(Leader, col(Leader.slug) == col(ArticleLeader.leader_slug))
        .where(col(ArticleLeader.article_id).in_(ids))
        .order_by(col(ArticleLeader.centrality).desc(), col(Leader.slug))
    ).all()
    for article_id, slug, en, ru, kk, role, affiliation, in_register, resolved in rows:
        leaders[article_id].append(
            _leader_ref(lang, slug, (en, ru, kk), role, affiliation, in_register, resolved)
        )
    country_key = col(ArticleCountry.country_code)
    for article_id, code, label in _linked(session, ids, ArticleCountry, Country, country_key, lang):
        countries[article_id].append(CountryRef(code=code, name=label, url=urls.country_url(code)))
    org_key = col(ArticleOrganisation.organisation_code)
    for article_id, code, label in _linked(session, ids, ArticleOrganisation, Organisation, org_key, lang):
        organisations[article_id].append(
            OrganisationRef(code=code, name=label, url=urls.organisation_url(code))
        )
    return leaders, countries, organisations


def _summary(
    article: Article,
    leaders: list[LeaderRef],
    countries: list[CountryRef],
    organisations: list[OrganisationRef],
    lang: Lang,
) -> ArticleSummary:
    return ArticleSummary(
        id=article.id,
        slug=article.slug,
        url=urls.article_url(article.id),
        title=article.display_title,
        title_derived=article.title_derived,
        date=article.date,
        date_precision=article.date_precision,
        date_inferred=article.date_inferred,
        date_display=date_display(
            lang,
            article.date,
            article.date_precision,
            article.date_inferred,
            article.date_month,
            article.date_day,
        ),
        language=article.language,
        outlet=article.outlet,
        lead=article.lead,
        event_types=list(article.event_types),
        leaders=leaders,
        countries=countries,
        organisations=organisations,
    )


# A page of summaries in four plain statements: the articles' own columns (not raw_text or
# body, which select(Article) read for every listed article), then their leaders, countries
# and organisations with every name form, each in the ORM path's order. One statement with
# a correlated JSON subquery per link table cost a third more in SQLite, and decoding its
# JSON a tenth of the Python side.
_ARTICLES_SQL = """
SELECT id, slug, display_title, title_derived, date, date_precision, date_inferred,
       date_month, date_day, language, outlet, lead, event_types
  FROM article WHERE id IN ({marks})
"""
_LEADERS_SQL = """
SELECT l.article_id, p.slug, p.name_en, p.name_ru, p.name_kk, l.role_title, l.affiliation,
       p.in_register, l.resolved_from_title
  FROM article_leader AS l JOIN leader AS p ON p.slug = l.leader_slug
 WHERE l.article_id IN ({marks})
 ORDER BY l.centrality DESC, p.slug
"""
_ENTITIES_SQL = """
SELECT l.article_id, e.code, e.name_en, e.name_ru, e.name_kk
  FROM article_{kind} AS l JOIN {kind} AS e ON e.code = l.{kind}_code
 WHERE l.article_id IN ({marks})
 ORDER BY l.mentions DESC, e.code
"""
# Ids per statement: far under SQLite's limit on variables (the CSV export asks for many).
SUMMARY_CHUNK = 500


# What a summary shows of a name, a link or a date depends only on the values and the
# language, not on the article: a page of 20 results repeats the same leaders, countries
# and dates, and so do the pages after it. Keyed by value, these stay right across builds.
@lru_cache(maxsize=65_536)
def _leader_ref(
    lang: Lang,
    slug: str,
    names: tuple[str, str | None, str | None],
    role: str | None,
    affiliation: str | None,
    in_register: bool,
    resolved_from_title: bool,
) -> LeaderRef:
    """A leader as a summary shows them: the name (en, ru, kk forms) in `lang`, and the URL.
    The SQL path and the build's summary records both make them here."""
    name = leader_name(lang, *names, in_register)
    return LeaderRef(
        slug=slug,
        name=name.text,
        name_lang=name.lang,
        role=role,
        affiliation=affiliation,
        in_register=in_register,
        resolved_from_title=resolved_from_title,
        url=urls.leader_url(slug),
    )


@lru_cache(maxsize=16_384)
def _entity_label(
    lang: Lang, kind: Literal["country", "organisation"], code: str, en: str, ru: str | None, kk: str | None
) -> tuple[str, str]:
    """(name, URL) of a country or organisation as a summary shows them."""
    url = urls.country_url(code) if kind == "country" else urls.organisation_url(code)
    return pick(lang, {"en": en, "ru": ru, "kk": kk}).text, url


@lru_cache(maxsize=65_536)
def _date_label(
    lang: Lang, date: str | None, precision: str, inferred: bool, month: int | None, day: int | None
) -> str:
    return date_display(lang, date, precision, inferred, month, day)


def _summary_row(
    row: Sequence[Any],
    leaders: list[LeaderRef],
    countries: list[CountryRef],
    organisations: list[OrganisationRef],
    lang: Lang,
) -> ArticleSummary:
    """One article row as `_summary` builds it from an ORM object (tests compare the two)."""
    (article_id, slug, title, derived, date, precision, inferred, month, day, language, outlet) = row[:11]
    lead, event_types = row[11:]
    return ArticleSummary(
        id=article_id,
        slug=slug,
        url=urls.article_url(article_id),
        title=title,
        title_derived=bool(derived),
        date=date,
        date_precision=precision,
        date_inferred=bool(inferred),
        date_display=_date_label(lang, date, precision, bool(inferred), month, day),
        language=language,
        outlet=outlet,
        lead=lead,
        event_types=list(json.loads(event_types)),
        leaders=leaders,
        countries=countries,
        organisations=organisations,
    )


def _rows(cursor: DBAPICursor, statement: str, values: tuple[str, ...]) -> Sequence[Sequence[Any]]:
    cursor.execute(statement, values)
    return cursor.fetchall()


def _page(cursor: DBAPICursor, ids: list[str], lang: Lang) -> Iterator[ArticleSummary]:
    """The summaries of up to SUMMARY_CHUNK distinct ids, in no particular order."""
    marks = ", ".join("?" * len(ids))
    values = tuple(ids)
    leaders: dict[str, list[LeaderRef]] = defaultdict(list)
    for article_id, slug, en, ru, kk, role, affiliation, in_register, resolved in _rows(
        cursor, _LEADERS_SQL.format(marks=marks), values
    ):
        leaders[article_id].append(
            _leader_ref(lang, slug, (en, ru, kk), role, affiliation, bool(in_register), bool(resolved))
        )
    countries: dict[str, list[CountryRef]] = defaultdict(list)
    for article_id, code, en, ru, kk in _rows(
        cursor, _ENTITIES_SQL.format(kind="country", marks=marks), values
    ):
        label, url = _entity_label(lang, "country", code, en, ru, kk)
        countries[article_id].append(CountryRef(code=code, name=label, url=url))
    organisations: dict[str, list[OrganisationRef]] = defaultdict(list)
    for article_id, code, en, ru, kk in _rows(
        cursor, _ENTITIES_SQL.format(kind="organisation", marks=marks), values
    ):
        label, url = _entity_label(lang, "organisation", code, en, ru, kk)
        organisations[article_id].append(OrganisationRef(code=code, name=label, url=url))
    for row in _rows(cursor, _ARTICLES_SQL.format(marks=marks), values):
        article_id = row[0]
        yield _summary_row(row, leaders[article_id], countries[article_id], organisations[article_id], lang)


_NAMES_SQL = {
    "leader": "SELECT slug, name_en, name_ru, name_kk, in_register FROM leader",
    "country": "SELECT code, name_en, name_ru, name_kk FROM country",
    "organisation": "SELECT code, name_en, name_ru, name_kk FROM organisation",
}


def _entity_names(session: Session) -> dict[str, dict[str, tuple[Any, ...]]]:
    """Every leader's, country's and organisation's name forms by slug or code: the entity
    tables of one build (hundreds to a few thousand rows)."""
    cursor = session.connection().connection.cursor()
    try:
        return {
            kind: {row[0]: tuple(row[1:]) for row in _rows(cursor, sql, ())}
            for kind, sql in _NAMES_SQL.items()
        }
    finally:
        cursor.close()


# Summaries kept per build and process, every language together: 2.3 MB when full at 10k
# generated articles (the worker's budget is 300 MB at 100k articles). A summary does not depend on
# the query, and the same articles come up page after page: of the 8,784 hits of the cold
# benchmark's three sets of 360 distinct queries at 10k articles, 72 % had been shown
# among the last 1,024 articles (76 % among 2,048, 60 % among 512).
SUMMARY_MEMO = 1024


def build_summaries(
    archive: Archive, session: Session, docnums: list[int], lang: Lang = "en"
) -> list[ArticleSummary]:
    """`summaries` of the articles at these document numbers, read from the build's summary
    records (app.build.postings.write_summaries) and its entity tables, read once per build
    and process: no SQL per page. A build without records is read through `summaries`.

    Each summary is made once and kept (SUMMARY_MEMO), shared by every page that shows it:
    read-only, like every object the query layer hands out (pages copy, never change)."""
    memo = summary_memo(archive)
    kept: dict[int, ArticleSummary] = {}
    for docnum in docnums:
        if (summary := memo.get((lang, docnum))) is not None:
            kept[docnum] = summary
    missing = [d for d in dict.fromkeys(docnums) if d not in kept]
    if missing:
        for docnum, summary in zip(missing, _read_summaries(archive, session, missing, lang), strict=True):
            if summary is not None:
                memo.put((lang, docnum), summary)
                kept[docnum] = summary
    return [kept[d] for d in docnums if d in kept]


def summary_memo(archive: Archive) -> ResultCache:
    """The summaries kept for this build, by (language, document number)."""
    return archive.once("summary memo", lambda: ResultCache(SUMMARY_MEMO))


def _read_summaries(
    archive: Archive, session: Session, docnums: list[int], lang: Lang
) -> list[ArticleSummary | None]:
    """The summary of each document number, None for a deleted one."""
    postings = archive.postings
    if not postings.has_summaries:
        ids = [str(archive.columns.ids[d]) for d in docnums]
        found = {summary.id: summary for summary in summaries(session, ids, lang)}
        return [found.get(i) for i in ids]
    names = archive.once("summary names", lambda: _entity_names(session))
    leader_names, country_names, organisation_names = names["leader"], names["country"], names["organisation"]
    out: list[ArticleSummary | None] = []
    for docnum in docnums:
        record = postings.summary(docnum)
        if not record:
            out.append(None)
            continue
        row = from_json(record)
        leaders = []
        for slug, role, affiliation, resolved in row[13]:
            known = leader_names.get(slug)
            if known is None:
                continue  # as the SQL path's join: a link to a leader the table lacks
            en, ru, kk, in_register = known
            leaders.append(
                _leader_ref(lang, slug, (en, ru, kk), role, affiliation, bool(in_register), bool(resolved))
            )
        countries = []
        for code in row[14]:
            if (forms := country_names.get(code)) is not None:
                label, url = _entity_label(lang, "country", code, *forms)
                countries.append(CountryRef(code=code, name=label, url=url))
        organisations = []
        for code in row[15]:
            if (forms := organisation_names.get(code)) is not None:
                label, url = _entity_label(lang, "organisation", code, *forms)
                organisations.append(OrganisationRef(code=code, name=label, url=url))
        out.append(_summary_row(row[:13], leaders, countries, organisations, lang))
    return out


def summaries(session: Session, ids: list[str], lang: Lang = "en") -> list[ArticleSummary]:
    """Summaries in the order of `ids` (ids not in the archive are skipped), names and dates
    in `lang`. Four SQL statements per page of ids, read as plain rows: the ORM path below
    loaded each article whole (its raw text and body too), about 40 % of a cold search's
    time."""
    if not ids:
        return []
    rows: dict[str, ArticleSummary] = {}
    # The session's own SQLite connection, read through its DB-API cursor: SQLAlchemy's
    # result rows cost a fifth of this function for plain tuples it does not convert.
    cursor = session.connection().connection.cursor()
    try:
        unique = list(dict.fromkeys(ids))
        for start in range(0, len(unique), SUMMARY_CHUNK):
            for summary in _page(cursor, unique[start : start + SUMMARY_CHUNK], lang):
                rows[summary.id] = summary
    finally:
        cursor.close()
    return [rows[i] for i in ids if i in rows]


def orm_summaries(session: Session, ids: list[str], lang: Lang = "en") -> list[ArticleSummary]:
    """`summaries` through the ORM: the plain path, kept as the reference the fast one is
    tested against (tests/test_summaries.py)."""
    if not ids:
        return []
    rows = {a.id: a for a in session.exec(select(Article).where(col(Article.id).in_(ids))).all()}
    leaders, countries, organisations = _refs(session, list(rows), lang)
    return [_summary(rows[i], leaders[i], countries[i], organisations[i], lang) for i in ids if i in rows]


def body_parts(body: str, size: int = PART_CHARS) -> list[tuple[int, int]]:
    """(start, end) of each part of the body one page shows: whole paragraphs up to `size`
    characters, a longer paragraph cut at its last space before the limit. Every ordinary
    article is one part; a 5 MB one is a hundred pages, not one page of 5 MB."""
    parts: list[tuple[int, int]] = []
    start = 0
    while len(body) - start > size:
        limit = start + size
        cut = body.rfind("\n\n", start + 1, limit)
        if cut > start:
            parts.append((start, cut))
            start = cut + 2
            continue
        space = body.rfind(" ", start + 1, limit)
        cut = space if space > start else limit
        parts.append((start, cut))
        start = cut + 1 if space > start else cut
    parts.append((start, len(body)))
    return parts


def _paragraph_spans(body: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """The paragraphs of body[start:end] by offsets, as body.split("\n\n") would cut them."""
    at = start
    while (gap := body.find("\n\n", at, end)) != -1:
        yield at, gap
        at = gap + 2
    yield at, end


def linked_paragraphs(
    body: str, mentions: list[Mention], start: int = 0, end: int | None = None
) -> list[list[Segment]]:
    """body[start:end] as paragraphs of plain and linked runs (mentions → entity pages).
    One pass over the paragraphs and the sorted mentions together: a scan of every mention
    for every paragraph made a large article's page quadratic (21.7 s at 800 KB)."""
    end = len(body) if end is None else end
    spans = sorted(
        (m for m in mentions if m.field == "body" and m.end > m.start and start <= m.start < end),
        key=lambda m: (m.start, -m.end),
    )
    paragraphs: list[list[Segment]] = []
    at = 0
    for p_start, p_end in _paragraph_spans(body, start, end):
        segments: list[Segment] = []
        cursor = p_start
        while at < len(spans) and spans[at].start < p_start:
            at += 1  # between paragraphs: linked nowhere
        while at < len(spans) and spans[at].start < p_end:
            m = spans[at]
            at += 1
            if m.start < cursor or m.end > p_end:
                continue
            if m.start > cursor:
                segments.append(Segment(text=body[cursor : m.start]))
            segments.append(
                Segment(
                    text=body[m.start : m.end],
                    url=urls.entity_url(m.entity_type, m.entity_key),
                    entity_type=m.entity_type,
                )
            )
            cursor = m.end
        if cursor < p_end:
            segments.append(Segment(text=body[cursor:p_end]))
        paragraphs.append(segments)
    return paragraphs


def get_article(
    session: Session, article_id: str, columns: Columns, part: int = 1, lang: Lang = "en"
) -> ArticleOut:
    """One article with its links, and related articles from the build's columns. The body
    comes one part at a time (`body_parts`), and only that part's mentions are read."""
    article = _find(session, article_id)
    parts = body_parts(article.body)
    if not 1 <= part <= len(parts):
        raise NotFound(
            f"Article {article_id!r} has {len(parts)} part{'s' if len(parts) > 1 else ''}, not {part}."
        )
    start, end = parts[part - 1]
    related = columns.related(article_id, RELATED_LIMIT, RELATED_ENTITIES, RELATED_SCAN) or []
    leaders, countries, organisations = _refs(session, [article_id], lang)
    summary = _summary(article, leaders[article_id], countries[article_id], organisations[article_id], lang)
    mentions = list(
        session.exec(
            select(Mention).where(
                Mention.article_id == article_id,
                Mention.field == "body",
                col(Mention.start) >= start,
                col(Mention.start) < end,
            )
        ).all()
    )
    return ArticleOut(
        **summary.model_dump(),
        source_file=article.source_file,
        source_url=urls.article_source_url(article.id),
        original_url=article.original_url,
        headline=article.title,
        cited_source=source_name(lang, article.cited_source),
        cited_source_text=article.cited_source_text,
        dateline=article.dateline,
        dateline_place=article.dateline_place,
        date_evidence=article.date_evidence,
        outlet_evidence=article.outlet_evidence,
        tags=list(article.tags),
        body=article.body[start:end],
        paragraphs=linked_paragraphs(article.body, mentions, start, end),
        part=part,
        parts=len(parts),
        part_start=start,
        unresolved_titles=list(article.unresolved_titles),
        removed_lines=[RemovedLineOut(**r) for r in article.removed_lines],
        encoding=article.encoding,
        language_confidence=article.language_confidence,
        related=summaries(session, related, lang),
    )


def get_source(session: Session, article_id: str) -> ArticleSource:
    """The raw file line by line, each removed line with the reason it was removed."""
    article = _find(session, article_id)
    reasons = {r["line"]: r["reason"] for r in article.removed_lines}
    lines = article.raw_text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ArticleSource(
        id=article.id,
        title=article.display_title,
        url=urls.article_url(article.id),
        source_file=article.source_file,
        encoding=article.encoding,
        lines=[
            SourceLine(number=n, text=t, removed_reason=reasons.get(n)) for n, t in enumerate(lines, start=1)
        ],
    )
