"""The Whoosh schema of a build: its fields, the filter and facet names behind them, and
whether an existing index was made with other fields or analysis than today's.

The loader writes documents to this schema (app.loader.index); the column and postings
arrays and the search engine name the same fields through the constants here.
"""

from pathlib import Path

from whoosh import index
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, Schema
from whoosh.fields import TEXT as TEXT_FIELD

from app.text.analysis import ArchiveTokenizer

TEXT = "text"
TITLE = "title"
TEXT_FIELDS = (TEXT, TITLE)
# Filter and facet names (as in URLs: `lang=kk`, `leader:…`) and the index fields behind
# them. Single-valued ones take several values as "any of"; the others as "all of".
SINGLE_VALUED = {"lang": "language", "outlet": "outlet"}
MULTI_VALUED = {
    "leader": "leaders",
    "country": "countries",
    "organisation": "organisations",
    "event": "event_types",
}
FACETS = {**SINGLE_VALUED, **MULTI_VALUED}


def build_schema() -> Schema:
    """Title and body per language, so each language gets its own analysis."""
    fields: dict[str, object] = {
        "id": ID(stored=True, unique=True),
        "language": ID(stored=True),
        "outlet": ID(stored=True),
        "date_sort": NUMERIC(stored=True, sortable=True),
        "dated": NUMERIC(sortable=True),
        "tags": KEYWORD(stored=True, lowercase=True, commas=True, scorable=True),
        "display_title": STORED(),
        "leaders": KEYWORD(stored=True, commas=True),
        "countries": KEYWORD(stored=True, commas=True),
        "organisations": KEYWORD(stored=True, commas=True),
        "event_types": KEYWORD(stored=True, commas=True),
    }
    fields[TITLE] = TEXT_FIELD(analyzer=ArchiveTokenizer(), field_boost=2.0)
    fields[TEXT] = TEXT_FIELD(analyzer=ArchiveTokenizer())
    return Schema(**fields)


def schema_changed(path: Path) -> bool:
    """Whether an existing index was built with other fields or analysis than today's."""
    existing = index.open_dir(str(path)).schema
    current = build_schema()
    return existing.names() != current.names() or any(
        type(existing[name]) is not type(current[name])
        or getattr(existing[name], "analyzer", None) != getattr(current[name], "analyzer", None)
        for name in current.names()
    )
