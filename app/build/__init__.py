"""The on-disk contract of an archive build, reader and writer side by side.

    data/current -> builds/<id>     the build the web app serves (layout)
    builds/<id>/archive.sqlite      SQLite, schema by Alembic (sqlite)
    builds/<id>/index/              Whoosh, fields in schema
    builds/<id>/columns.npz         per-document filter and facet arrays (columns)
    builds/<id>/postings/           per-segment postings arrays (postings)

The loader writes builds through these modules; the web process opens them read-only
(archive). Nothing here imports app.loader.
"""
