"""The test a line passes before a boilerplate pattern is searched in it (prefilter.py) turns
away only lines the pattern does not match: the rules remove the same lines as before."""

import re
from pathlib import Path

import pytest

from app.loader.clean import boilerplate_rules, first_rule, normalise
from app.loader.prefilter import LineNeeds, line_needs, stand_in
from bench.records_digest import texts_of_tests

ROOT = Path(__file__).resolve().parent.parent


def _lines() -> list[str]:
    """Every line of the tests' texts (the short ones too: a test of a rule writes out the
    lines it removes) and of the seeds, as the layout reads lines."""
    seeds = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt"))]
    texts = texts_of_tests(ROOT / "tests", min_chars=1) + seeds
    found = {line for text in texts for line in normalise(text) if line}
    return sorted(found)


LINES = _lines()


def test_no_line_a_rule_matches_is_turned_away() -> None:
    rules = boilerplate_rules()
    matched = [rule for rule in rules if any(rule.pattern.search(line) for line in LINES)]
    # The lines hold what almost every rule removes, so the check below checks something.
    assert len(matched) >= len(rules) - 3
    wrong = [
        (rule.reason, line)
        for rule in rules
        for line in LINES
        if rule.pattern.search(line) and not rule.needs.allow(line)
    ]
    assert wrong == []


def test_the_first_rule_that_matches_is_the_one_chosen() -> None:
    """The test changes no line's verdict: each line gets the first rule of the file's order
    whose pattern matches it, as the plain search over the rules gives."""
    rules = boilerplate_rules()
    # Lines that several rules match (`Back to top`: a button and a navigation link), so
    # the order counts.
    several = [line for line in LINES if sum(1 for r in rules if r.pattern.search(line)) > 1]
    assert len(several) >= 10
    plain = [next((r for r in rules if r.pattern.search(line)), None) for line in LINES]
    assert [next((r for r in rules if r.matches(line)), None) for line in LINES] == plain
    # As the layout and the count of repeated lines ask (kept per line): asked twice, the same.
    assert [first_rule(line) for line in LINES] == plain
    assert [first_rule(line) for line in reversed(LINES)] == plain[::-1]


@pytest.mark.parametrize(
    ("pattern", "needs"),
    [
        # Anchored at both ends: the line is the match, as long as the pattern reads.
        (r"^(©|\(c\)|copyright\b).{0,200}$", LineNeeds(1, 209, "")),
        # Not anchored at the end: as long as the line likes.
        (r"^(фото|photo)\s*:", LineNeeds(5, None, ":")),
        # Cased letters are left out (a case-blind search matches other letters for them);
        # of the characters one of which a match holds, the fewest.
        (r"^[^\d/:]{3,40}\s?/\s?(ap|afp)$", LineNeeds(6, 46, "/")),
        # Every alternative must need one: one that needs none leaves the branch needing none.
        (r"(pic\.twitter\.com/\S+|^abc$)", LineNeeds(3, None, "")),
        (r"(x/y|a[,;]b)", LineNeeds(3, None, ",/;")),
        # A lookahead that must hold reads the line too; one that must not, does not count.
        (r"^(?=.*/)(?!.*:).{0,20}$", LineNeeds(0, 20, "/")),
        # Optional parts need nothing.
        (r"^a(/b)?c?$", LineNeeds(1, 4, "")),
        # Anchors of lines (MULTILINE) bound nothing.
        (r"(?m)^ab$", LineNeeds(2, None, "")),
    ],
)
def test_what_a_pattern_needs_of_a_line(pattern: str, needs: LineNeeds) -> None:
    assert line_needs(pattern, re.IGNORECASE) == needs


def test_a_final_newline_is_outside_the_match() -> None:
    needs = line_needs(r"^abc$", re.IGNORECASE)
    assert re.search(r"^abc$", "abc\n", re.IGNORECASE)
    assert needs.allow("abc\n")
    assert not needs.allow("abcd")


def test_a_stand_in_reads_as_many_characters_as_the_literals() -> None:
    names = ["Sputnik", "ТАСС", "ru.sputnik.kz"]
    alternation = "|".join(re.escape(n) for n in names)
    whole = line_needs(rf"^.{{0,9}}\s[-–]\s*({alternation})$", re.IGNORECASE)
    standing = line_needs(rf"^.{{0,9}}\s[-–]\s*({stand_in(names)})$", re.IGNORECASE)
    assert (standing.min_chars, standing.max_chars) == (whole.min_chars, whole.max_chars)
