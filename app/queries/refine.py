"""Ways out of a list of results: the filters in force, each with the request that drops
it, and, for a search that found nothing, how many articles each of those would find.

A reader who filtered by leader and language and sees "0 results" must see why, and one
click must undo each cause; the counts come from the same match mask the search uses
(columns and postings, no ranking), so they cost a fraction of a search.
"""

from dataclasses import dataclass, replace

from sqlmodel import Session

from app.build.archive import Archive, WhooshBusy
from app.i18n import Lang
from app.i18n.dates import date_display
from app.queries.labels import facet_labels
from app.search.engine import ArticleQuery, QueryTooExpensive, match_mask

# The counts are a courtesy on an empty page: at most this many filters are tried.
MAX_COUNTED = 8


@dataclass(frozen=True)
class ActiveFilter:
    """One filter in force: `name` is the URL parameter (`lang`, `date_from` ...), `label`
    the value as a reader knows it, `without` the same request with this filter dropped."""

    name: str
    value: str
    label: str
    without: ArticleQuery
    count: int | None = None


def _without(request: ArticleQuery, name: str, value: str) -> ArticleQuery:
    if name == "date_from":
        return replace(request, date_from=None, cursor=None)
    if name == "date_to":
        return replace(request, date_to=None, cursor=None)
    kept = [v for v in request.filters.get(name, []) if v != value]
    return replace(request, filters={**request.filters, name: kept}, cursor=None)


def active_filters(session: Session, request: ArticleQuery, lang: Lang = "en") -> list[ActiveFilter]:
    """Every filter value in force, in the order of the URL's parameters, labelled in
    `lang`."""
    chosen = {name: values for name, values in request.filters.items() if values}
    labels = facet_labels(session, chosen, lang)
    found = [
        ActiveFilter(name, value, labels.get(name, {}).get(value, value), _without(request, name, value))
        for name, values in chosen.items()
        for value in values
    ]
    for name, day in (("date_from", request.date_from), ("date_to", request.date_to)):
        if day is not None:
            iso = day.isoformat()
            label = date_display(lang, iso, "day", False)
            found.append(ActiveFilter(name, iso, label, _without(request, name, iso)))
    return found


def clear_filters(request: ArticleQuery) -> ArticleQuery:
    """The same words (and sort) with no filter at all."""
    return replace(request, filters={}, date_from=None, date_to=None, cursor=None)


def with_counts(archive: Archive, filters: list[ActiveFilter]) -> list[ActiveFilter]:
    """Each filter with the number of articles its removal would find (None when the
    search engine is busy or the query too expensive to count)."""
    counted = []
    for index, item in enumerate(filters):
        count: int | None = None
        if index < MAX_COUNTED:
            try:
                count = int(match_mask(archive, item.without).sum())
            except (QueryTooExpensive, WhooshBusy):
                count = None
        counted.append(replace(item, count=count))
    return counted
