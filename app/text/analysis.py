"""The Whoosh analyzer: one field for all languages, each document analysed in its own.

The loader prefixes a field's text with a language tag (`⟦kk⟧`); the tokenizer reads it and
emits, at every word's position, that language's keys (surface, stems, lemmas, Kazakh stems,
all folded). One field instead of one per language keeps every query to one set of terms.
Whoosh pickles the schema into the index, so this is a module-level class.
"""

import re
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import Token, Tokenizer

from app.text.fold import unify_letters

WORD = re.compile(r"\w+")
LANGUAGE_TAG = re.compile(r"^⟦(\w+)⟧")
DEFAULT_LANGUAGE = "ru"


def tag_language(text: str, language: str) -> str:
    """What the loader stores in a text field: the language tag, then the text."""
    return f"⟦{language}⟧{text}"


# Whoosh ships no types, so its classes are Any to mypy and subclassing them is an error in strict mode.
class ArchiveTokenizer(Tokenizer):  # type: ignore[misc]
    """Words, lowercased, each expanded to its index keys at its own position."""

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ArchiveTokenizer)

    def __call__(
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: object,
    ) -> Iterator[Token]:
        language, offset = _language_of(value)
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, match in enumerate(WORD.finditer(value, offset), start=start_pos):
            for key in word_keys(match.group(0), language):
                token.text = key
                token.boost = 1.0
                token.stopped = False
                if positions:
                    token.pos = pos
                if chars:
                    token.startchar = start_char + match.start() - offset
                    token.endchar = start_char + match.end() - offset
                yield token

    def positions(self, value: str) -> dict[str, list[int]]:
        """Each key's positions in `value`, keys in the order they first occur: what a
        Positions field makes of the tokens (no Token objects; whoosh_private.index_writing)."""
        language, offset = _language_of(value)
        found: dict[str, list[int]] = {}
        for pos, match in enumerate(WORD.finditer(value, offset)):
            for key in word_keys(match.group(0), language):
                if key in found:
                    found[key].append(pos)
                else:
                    found[key] = [pos]
        return found


def _language_of(value: str) -> tuple[str, int]:
    """A field value's language (its tag, else the default) and where its text starts."""
    tag = LANGUAGE_TAG.match(value)
    return (tag.group(1), tag.end()) if tag else (DEFAULT_LANGUAGE, 0)


@lru_cache(maxsize=200_000)
def word_keys(word: str, language: str) -> tuple[str, ...]:
    """The keys one word of a document gives, as written (not yet unified or lowercased):
    a document repeats its words, and an article's words are mostly words seen before, so
    the letters are unified once per word, not at each of its hundreds of thousands of
    occurrences (a fifth of the index writers' analysis)."""
    from app.text.morphology import index_keys

    return index_keys(unify_letters(word).lower(), language)


def query_words(text: str) -> list[str]:
    """The words of a query string, tokenised exactly as documents are."""
    return [unify_letters(m.group(0)).lower() for m in WORD.finditer(text)]
