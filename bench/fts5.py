"""The same archive in SQLite FTS5, for side-by-side figures: keys made by this archive's own
analysis in Python (FTS5 cannot stem Russian or Kazakh) and one key per named entity, facets
from a side table.

Phrases are approximated as all their words (FTS5's phrase needs one token per position,
and the keys put several at each).
"""

import sqlite3
import time
from pathlib import Path

from whoosh.index import Index

from app.build.schema import FACETS
from app.search.engine import ArticleQuery
from app.text.analysis import query_words
from app.text.morphology import index_keys, query_keys

FACET_FIELDS = ("language", "outlet", "leaders", "countries", "organisations", "event_types")


ENTITY_FIELDS = {"leader": "leaders", "country": "countries", "organisation": "organisations"}


def entity_token(kind: str, value: str) -> str:
    """One key per entity an article names: the archive finds it from any word naming it
    (`Тоқаевпен` finds articles linked to Tokayev), and so do the copies, by this key."""
    return "ent" + kind + "".join(c for c in value.lower() if c.isalnum())


def build(ix: Index, archive_db: Path, path: Path) -> float:
    """Fill an FTS5 database from the archive's index (stored fields) and SQLite bodies."""
    source = sqlite3.connect(f"file:{archive_db}?mode=ro", uri=True)
    bodies = dict(source.execute("SELECT id, display_title || ' ' || body FROM article"))
    source.close()
    path.unlink(missing_ok=True)
    db = sqlite3.connect(path)
    db.executescript(
        "CREATE VIRTUAL TABLE doc USING fts5(keys, tokenize='unicode61 remove_diacritics 0');"
        "CREATE TABLE facet(doc INTEGER, name TEXT, value TEXT);"
        "CREATE TABLE dates(doc INTEGER PRIMARY KEY, date_sort INTEGER);"
    )
    started = time.perf_counter()
    with ix.reader() as reader:
        count = 0
        for docnum, stored in reader.iter_docs():
            language = stored.get("language") or "ru"
            text = bodies.get(stored["id"], "")
            keys = " ".join(k for w in query_words(text) for k in index_keys(w, language))
            named = [entity_token(kind, value) for kind, field in ENTITY_FIELDS.items()
                     for value in (stored.get(field) or "").split(",") if value]  # fmt: skip
            keys = " ".join([keys, *named])
            db.execute("INSERT INTO doc(rowid, keys) VALUES (?, ?)", (docnum, keys))
            for name in FACET_FIELDS:
                for value in (stored.get(name) or "").split(","):
                    if value:
                        db.execute("INSERT INTO facet VALUES (?, ?, ?)", (docnum, name, value))
            db.execute("INSERT INTO dates VALUES (?, ?)", (docnum, stored.get("date_sort") or 0))
            count += 1
    db.execute("CREATE INDEX facet_doc ON facet(doc)")
    db.execute("CREATE INDEX facet_value ON facet(name, value, doc)")
    db.commit()
    db.close()
    return count / (time.perf_counter() - started)


def match_expression(request: ArticleQuery) -> str | None:
    groups = []
    for word in query_words(request.q):
        keys = [k for k in query_keys(word) if k.isalnum()]
        if keys:
            groups.append("(" + " OR ".join(f'"{k}"' for k in keys) + ")")
    return " AND ".join(groups) or None


def facet_narrowing(filters: dict[str, list[str]], params: dict[str, object]) -> str:
    """The SQL that keeps only documents with every filter's facet value; adds its parameters."""
    narrowing = ""
    for name, values in filters.items():
        for value in values:
            k = len(params)
            params[f"n{k}"], params[f"v{k}"] = FACETS[name], value
            narrowing += f" AND id IN (SELECT doc FROM facet WHERE name = :n{k} AND value = :v{k})"
    return narrowing


def statements(request: ArticleQuery) -> dict[str, tuple[str, dict[str, object]]] | None:
    """The query as SQL with named parameters, per level (top-10, count, facet counts):
    words through FTS5, filters and dates through the side tables. Datasette runs the same.

    The FTS5 match is materialised first: with `rowid IN (...)` beside MATCH, SQLite hands
    the rowids to FTS5 one by one, and a filtered query over 100k rows took minutes."""
    expression = match_expression(request)
    if expression is None:
        return None
    params: dict[str, object] = {"q": expression}
    narrowing = facet_narrowing(request.filters, params)
    if request.date_from or request.date_to:
        params["lo"] = int(request.date_from.strftime("%Y%m%d")) if request.date_from else 1
        params["hi"] = int(request.date_to.strftime("%Y%m%d")) if request.date_to else 99991231
        narrowing += " AND id IN (SELECT doc FROM dates WHERE date_sort BETWEEN :lo AND :hi)"
    if narrowing:
        matches = (
            "WITH m AS MATERIALIZED (SELECT rowid AS id, rank FROM doc WHERE doc MATCH :q) "
            f"SELECT id FROM m WHERE 1{narrowing}"
        )
        top10 = matches.replace("SELECT id FROM m", "SELECT id, rank FROM m") + " ORDER BY rank LIMIT 10"
    else:
        matches = "SELECT rowid AS id FROM doc WHERE doc MATCH :q"
        top10 = f"{matches} ORDER BY rank LIMIT 10"
    return {
        "top10": (top10, params),
        "count": (f"SELECT count(*) FROM ({matches})", params),
        "facets": (
            f"SELECT name, value, count(*) FROM facet WHERE doc IN ({matches}) GROUP BY name, value",
            params,
        ),
    }


LEVELS = {"top10": ("top10",), "count": ("top10", "count"), "facets": ("top10", "count", "facets")}


def run(db: sqlite3.Connection, request: ArticleQuery, level: str) -> None:
    sql = statements(request)
    if sql is None:
        return
    for part in LEVELS[level]:
        db.execute(*sql[part]).fetchall()
