"""The loader: raw press files in, clean article records out (SQLite + Whoosh)."""
