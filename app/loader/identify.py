"""Stable ids and readable slugs for articles."""

import hashlib
import re
from pathlib import Path

from slugify import slugify

# A hash has both letters and digits: a run of digits alone is a number, most often a
# timestamp (`tass_20200403120000.txt`), which different outlets' files share.
FILE_HASH = re.compile(r"(?<![0-9a-f])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{12,64}(?![0-9a-f])")
SLUG_WORDS_MAX = 60


def name_id(path: Path) -> str | None:
    """The hash a file's name carries, if any."""
    match = FILE_HASH.search(path.stem.lower())
    return match.group(0) if match else None


def content_id(clean_text: str) -> str:
    return hashlib.sha256(" ".join(clean_text.split()).encode("utf-8")).hexdigest()[:16]


def article_id(path: Path, clean_text: str) -> tuple[str, str]:
    """The hash in the file name where there is one, else a hash of the cleaned text.

    Returns the id and where it came from (`file name` or `content`).
    """
    from_name = name_id(path)
    if from_name:
        return from_name, "file name"
    return content_id(clean_text), "content"


def content_fingerprint(clean_text: str) -> str:
    """Same article text, same fingerprint, whatever the whitespace: finds duplicate files."""
    return hashlib.sha256(" ".join(clean_text.casefold().split()).encode("utf-8")).hexdigest()


def article_slug(title: str, article_id: str, whole_id: bool = False) -> str:
    """Transliterated title words plus the id's start (or all of it, when another article
    has the same words and start), so the slug is unique and readable."""
    words = slugify(title, max_length=SLUG_WORDS_MAX, word_boundary=True)
    return f"{words}-{article_id if whole_id else article_id[:8]}" if words else article_id
