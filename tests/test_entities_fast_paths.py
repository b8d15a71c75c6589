"""The entity stage's fast paths give what the plain walks they replace gave, on every text
the project has: the seeds, the fixture files, the tests' own texts and every register alias
and role phrase written out (so an entry a data file gains is checked too).

The plain walks are written out here as they were: at each token, every key's bucket of the
index in turn, the longest that fits kept (the first met of equal length).
"""

from functools import lru_cache
from pathlib import Path

import pytest

from app.entities import matcher, roles
from app.entities.matcher import Alias, Token, tokenize
from app.entities.register import role_words
from bench.records_digest import texts_of_tests

ROOT = Path(__file__).resolve().parent.parent


def plain_longest_at(tokens: list[Token], at: int, text: str) -> Alias | None:
    index = matcher._aliases_by_first_key()
    best: Alias | None = None
    for key in tokens[at].keys:
        for alias in index.get(key, ()):
            if (
                (best is None or len(alias.tokens) > len(best.tokens))
                and matcher._fits(alias, tokens, at)
                and not matcher._crosses_sentence(alias, tokens, at, text)
            ):
                best = alias
    return best


def plain_role_phrases(tokens: list[Token], taken: set[int]) -> list[roles.RolePhrase]:
    phrases: list[roles.RolePhrase] = []
    index = roles._phrases_by_first_key()
    at = 0
    while at < len(tokens):
        hit = None
        if at not in taken:
            candidates = [c for key in tokens[at].keys for c in index.get(key, ())]
            for keys, words, text in sorted(candidates, key=lambda c: len(c[0]), reverse=True):
                last = roles._phrase_last(keys, tokens, at)
                if last is not None:
                    hit = roles.RolePhrase(words, at, last, text)
                    break
        if hit is None:
            at += 1
        else:
            phrases.append(hit)
            at = hit.last + 1
    return phrases


@lru_cache(maxsize=1)
def every_text() -> tuple[str, ...]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data").rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    texts += texts_of_tests(ROOT / "tests")
    # every alias and role phrase in a sentence, as written and in lower case, and the
    # aliases one after another (a longer one may start inside a shorter one's words)
    written = [a.text for a in matcher.all_aliases()] + [p for w in role_words() for p in w.phrases]
    texts += [f"Вчера {w} сказал, что {w.lower()} и {w.upper()}." for w in written]
    texts += [" ".join(written[i : i + 40]) for i in range(0, len(written), 40)]
    return tuple(texts)


@pytest.mark.parametrize("part", range(4))
def test_the_longest_alias_at_every_token_is_the_plain_walks(part: int) -> None:
    found = 0
    for text in every_text()[part::4]:
        tokens = tokenize(text)
        for at in range(len(tokens)):
            plain = plain_longest_at(tokens, at, text)
            assert matcher._longest_at(tokens, at, text) == plain, (text, at)
            found += plain is not None
    # compared where the walks find aliases, not only where both find none
    assert found > 2_000


def test_the_role_phrases_a_token_may_open_are_longest_first() -> None:
    """What the fast walk reads at a token: every phrase whose first word the token can be."""
    for keys, words, text in (c for bucket in roles._phrases_by_first_key().values() for c in bucket):
        candidates = roles._phrase_candidates(keys[0])
        assert (keys, words, text) in candidates
        lengths = [len(c[0]) for c in candidates]
        assert lengths == sorted(lengths, reverse=True)


def test_the_role_phrases_are_the_plain_walks() -> None:
    for text in every_text():
        tokens = tokenize(text)
        for taken in (set(), set(range(0, len(tokens), 3))):
            assert roles.find_role_phrases(tokens, taken) == plain_role_phrases(tokens, taken), text


def test_the_candidates_of_a_token_are_each_alias_once_longest_first() -> None:
    """What the fast walk reads at a token: every alias whose first word the token can be."""
    for alias in matcher.all_aliases():
        candidates = matcher._candidates(alias.tokens[0])
        assert alias in candidates
        assert len({id(c) for c in candidates}) == len(candidates)
        lengths = [len(c.tokens) for c in candidates]
        assert lengths == sorted(lengths, reverse=True)
