"""What each report of an event adds: what it tells that the event's other reports do not.

Computed at query time, for the few reports of one event, from what the archive already
holds of each article: the people, countries and organisations the loader found in it
(`article_leader`, `article_country`, `article_organisation`), and, read from its text by
the grouping's own word lists (data/event_grouping.toml), the places it names and the
subjects it speaks of (app/text/event_words.py `places_in`, `topics_in`), and the quotes it
gives. An entity, place or subject is the report's own when no other report of the event
names it, in any language (they are language-neutral ids). A quote is its own when no other
report in its language has nearly all its words: a quote translated into another language
cannot be matched word for word, so quotes are compared within one language only. Nothing is
stored: the word lists can change without a reload, and an event has few reports.
"""

import re
from collections import defaultdict

from sqlmodel import Session, col, select

from app import urls
from app.entities.register import affiliation_name
from app.i18n import Lang
from app.i18n.names import leader_name
from app.models import Article, ArticleCountry, ArticleLeader, ArticleOrganisation, Leader
from app.schemas import AddedDetail
from app.text import event_words
from app.text.event_words import place_names, places_in, topic_names, topics_in, without_credits

# The head of a text, where a report says who, what and where (as the grouping reads it).
HEAD_CHARS = 1500
# A quotation between guillemets or typographic or straight double quotes, long enough to be
# a statement and not a name in quotes («Тюркский мир»).
QUOTE = re.compile(r"«([^«»]{40,600})»|“([^“”]{40,600})”|\"([^\"]{40,600})\"")
# A quote is another report's too when that report has this share of its words (of four
# letters or more): two outlets quote one statement with a word changed («в Украине», «на
# Украине»).
QUOTE_SHARED = 0.8
# At most this many characters of a quote are shown.
QUOTE_SHOWN = 240


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _words(text: str) -> set[str]:
    return {w for w in _fold(text).split() if len(w) >= 4}


def _quoted_elsewhere(quote: str, others: list[set[str]]) -> bool:
    words = _words(quote)
    return not words or any(len(words & other) >= QUOTE_SHARED * len(words) for other in others)


def _quotes(text: str) -> list[str]:
    return [next(g for g in m.groups() if g).strip() for m in QUOTE.finditer(text)]


def report_adds(
    session: Session, article_ids: list[str], participants: tuple[str, ...], lang: Lang
) -> dict[str, list[AddedDetail]]:
    """Per report of one event (`article_ids`), what it alone tells, named in `lang`: one quote
    (the longest of its own), then subjects (the telling ones first), people (not the event's
    participants), organisations, countries and places. Empty for an event of one report:
    there is nothing to compare it with."""
    if len(article_ids) < 2:
        return {}
    rows = session.exec(
        select(  # type: ignore[call-overload]  # more than the four columns sqlmodel types
            Article.id, Article.language, Article.display_title, Article.lead, Article.body
        ).where(col(Article.id).in_(article_ids))
    ).all()
    people: dict[str, set[str]] = defaultdict(set)
    for ident, slug in session.exec(
        select(ArticleLeader.article_id, ArticleLeader.leader_slug).where(
            col(ArticleLeader.article_id).in_(article_ids)
        )
    ):
        if slug not in participants and slug not in event_words.words().spokespeople:
            people[ident].add(slug)
    countries: dict[str, set[str]] = defaultdict(set)
    for ident, code in session.exec(
        select(ArticleCountry.article_id, ArticleCountry.country_code).where(
            col(ArticleCountry.article_id).in_(article_ids)
        )
    ):
        countries[ident].add(code)
    organisations: dict[str, set[str]] = defaultdict(set)
    for ident, code in session.exec(
        select(ArticleOrganisation.article_id, ArticleOrganisation.organisation_code).where(
            col(ArticleOrganisation.article_id).in_(article_ids)
        )
    ):
        organisations[ident].add(code)
    language: dict[str, str] = {}
    head: dict[str, str] = {}
    vocabulary: dict[str, set[str]] = {}
    quotes: dict[str, list[str]] = {}
    for ident, lang_, title, lead, body in rows:
        text = f"{title}\n{lead}\n{body}"
        language[ident] = lang_
        head[ident] = text[:HEAD_CHARS]
        vocabulary[ident] = _words(text)
        quotes[ident] = _quotes(text)
    places = {i: places_in(without_credits(head[i])) for i in head}
    topics = {i: topics_in(head[i]) for i in head}

    def own(values: dict[str, set[str]] | dict[str, frozenset[str]], ident: str) -> list[str]:
        others: set[str] = set()
        for other in head:
            if other != ident:
                others |= values.get(other, set())
        return sorted(set(values.get(ident, set())) - others)

    all_people = {slug for slugs in people.values() for slug in slugs}
    leaders = {
        r.slug: r for r in session.exec(select(Leader).where(col(Leader.slug).in_(sorted(all_people)))).all()
    }
    weights = {name: weight for name, (_, weight) in event_words.words().topics.items()}
    topic_label, place_label = topic_names(), place_names()
    out: dict[str, list[AddedDetail]] = {}
    for ident in sorted(head):
        found: list[AddedDetail] = []
        peers = [vocabulary[o] for o in head if o != ident and language[o] == language[ident]]
        mine = [q for q in quotes[ident] if not _quoted_elsewhere(q, peers)]
        if mine:
            quote = max(mine, key=len)
            shown = quote if len(quote) <= QUOTE_SHOWN else quote[:QUOTE_SHOWN].rsplit(" ", 1)[0] + "…"
            found.append(AddedDetail(kind="quote", label=shown, lang=language[ident]))
        for topic in sorted(own(topics, ident), key=lambda t: (-weights.get(t, 0.0), t)):
            found.append(AddedDetail(kind="topic", label=topic_label[topic][lang]))
        for slug in own(people, ident):
            if slug in leaders:
                row = leaders[slug]
                name = leader_name(lang, row.name_en, row.name_ru, row.name_kk, row.in_register)
                found.append(
                    AddedDetail(kind="person", label=name.text, lang=name.lang, url=urls.leader_url(slug))
                )
        for code in own(organisations, ident):
            found.append(
                AddedDetail(
                    kind="organisation", label=affiliation_name(code, lang), url=urls.organisation_url(code)
                )
            )
        for code in own(countries, ident):
            found.append(
                AddedDetail(kind="country", label=affiliation_name(code, lang), url=urls.country_url(code))
            )
        for place in own(places, ident):
            found.append(AddedDetail(kind="place", label=place_label[place][lang]))
        out[ident] = found
    return out
