"""Stable ids and readable slugs for articles."""

import hashlib
import re
from pathlib import Path

from slugify import slugify

FILE_HASH = re.compile(r"(?<![0-9a-f])[0-9a-f]{12,64}(?![0-9a-f])")
SLUG_WORDS_MAX = 60


def article_id(path: Path, clean_text: str) -> tuple[str, str]:
    """The hash in the file name where there is one, else a hash of the cleaned text.

    Returns the id and where it came from (`file name` or `content`).
    """
    match = FILE_HASH.search(path.stem.lower())
    if match:
        return match.group(0), "file name"
    digest = hashlib.sha256(" ".join(clean_text.split()).encode("utf-8")).hexdigest()
    return digest[:16], "content"


def content_fingerprint(clean_text: str) -> str:
    """Same article text, same fingerprint, whatever the whitespace: finds duplicate files."""
    return hashlib.sha256(" ".join(clean_text.casefold().split()).encode("utf-8")).hexdigest()


def article_slug(title: str, article_id: str) -> str:
    """Transliterated title words plus the id's start, so the slug is unique and readable."""
    words = slugify(title, max_length=SLUG_WORDS_MAX, word_boundary=True)
    return f"{words}-{article_id[:8]}" if words else article_id
