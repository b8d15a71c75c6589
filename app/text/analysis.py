"""Whoosh analyzers, one per article language, built from the keys in morphology.py.

Whoosh pickles the schema into the index, so everything here is a module-level class.
"""

from collections.abc import Iterator

from whoosh.analysis import Analyzer, Filter, LowercaseFilter, RegexTokenizer, Token

WORD_PATTERN = r"\w+"


class LanguageKeysFilter(Filter):
    """Emit every index key of a token at the token's own position."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __eq__(self, other: object) -> bool:
        return isinstance(other, LanguageKeysFilter) and other.language == self.language

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        from app.text.morphology import index_keys

        for token in tokens:
            for key in index_keys(token.text, self.language):
                token.text = key
                yield token


def language_analyzer(language: str) -> Analyzer:
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | LanguageKeysFilter(language)


def query_words(text: str) -> list[str]:
    """The words of a query string, tokenised exactly as documents are."""
    return [t.text for t in (RegexTokenizer(WORD_PATTERN) | LowercaseFilter())(text)]
