"""The same archive in SQLite FTS5, for side-by-side figures: keys made by this archive's own
analysis in Python (FTS5 cannot stem Russian or Kazakh), facets from a side table.

Phrases are approximated as all their words (FTS5's phrase needs one token per position,
and the keys put several at each).
"""

import sqlite3
import time
from pathlib import Path

from whoosh.index import Index

from app.queries.search import ArticleQuery
from app.text.analysis import query_words
from app.text.morphology import index_keys, query_keys

FACET_FIELDS = ("language", "outlet", "leaders", "countries", "organisations", "event_types")


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
            db.execute("INSERT INTO doc(rowid, keys) VALUES (?, ?)", (docnum, keys))
            for name in FACET_FIELDS:
                for value in (stored.get(name) or "").split(","):
                    if value:
                        db.execute("INSERT INTO facet VALUES (?, ?, ?)", (docnum, name, value))
            db.execute("INSERT INTO dates VALUES (?, ?)", (docnum, stored.get("date_sort") or 0))
            count += 1
    db.execute("CREATE INDEX facet_doc ON facet(doc)")
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


def run(db: sqlite3.Connection, request: ArticleQuery, level: str) -> None:
    expression = match_expression(request)
    if expression is None:
        return
    db.execute("SELECT rowid FROM doc WHERE doc MATCH ? ORDER BY rank LIMIT 10", (expression,)).fetchall()
    if level in ("count", "facets"):
        db.execute("SELECT count(*) FROM doc WHERE doc MATCH ?", (expression,)).fetchone()
    if level == "facets":
        db.execute(
            "SELECT name, value, count(*) FROM facet WHERE doc IN (SELECT rowid FROM doc WHERE doc MATCH ?) "
            "GROUP BY name, value",
            (expression,),
        ).fetchall()
