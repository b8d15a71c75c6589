"""The site's URL scheme in one place: routes are registered with these paths and the query
layer uses the same functions to give every item its HTML and JSON URL."""

from urllib.parse import quote, urlencode

ARTICLE = "/articles/{article_id}"
LEADER = "/leaders/{slug}"
COUNTRY = "/countries/{code}"
ORGANISATION = "/organisations/{code}"
EVENTS = "/events"
EVENT = "/events/{event_id}"


def article_url(article_id: str) -> str:
    return ARTICLE.format(article_id=quote(article_id, safe=""))


def article_source_url(article_id: str) -> str:
    return article_url(article_id) + "/source"


def leader_url(slug: str) -> str:
    return LEADER.format(slug=quote(slug, safe=""))


def country_url(code: str) -> str:
    return COUNTRY.format(code=quote(code.lower(), safe=""))


def organisation_url(code: str) -> str:
    return ORGANISATION.format(code=quote(code.lower(), safe=""))


def event_url(event_id: str) -> str:
    return EVENT.format(event_id=quote(event_id, safe=""))


def entity_url(entity_type: str, key: str) -> str:
    return {"leader": leader_url, "country": country_url, "organisation": organisation_url}[entity_type](key)


def with_query(path: str, params: list[tuple[str, str]]) -> str:
    return f"{path}?{urlencode(params)}" if params else path


def api(path: str) -> str:
    """The JSON twin of an HTML path."""
    return "/api" + (path if path != "/" else "/home")
