"""The search engine: query text -> Whoosh query -> document numbers and scores.

    syntax    query text -> ParsedQuery (match query, ranking query, highlight keys)
    matching  ParsedQuery -> boolean mask over document numbers, from the build's arrays
    phrases   words next to each other, from the positions arrays (matching's phrases)
    ranking   Whoosh's BM25F over the same arrays
    engine    filters, time limit, facets, timeline, suggestion: one SearchCore per request

It reads builds (app.build), the entity register (app.entities) and the analysers
(app.text); the page layer (app.queries) turns its answers into pages.
"""
