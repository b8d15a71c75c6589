"""The clean and parse stages' fast paths give what the plain ones gave: characters of a class
counted without a string each, and a line's verdicts kept for the next stage that asks."""

import re
from functools import lru_cache
from pathlib import Path

import pytest

from app.loader import dates, evidence, language, outlet, parse
from app.loader.clean import clean, normalise
from app.loader.outlet_register import cited_sources
from app.loader.prefilter import CharCount
from app.loader.repeated import page_lines, profile
from bench.records_digest import texts_of_tests

ROOT = Path(__file__).resolve().parent.parent
# Every character there is, but the surrogates (no text holds them alone).
EVERY_CHARACTER = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)


@lru_cache(maxsize=1)
def every_text() -> tuple[str, ...]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data").rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    return tuple(texts + texts_of_tests(ROOT / "tests"))


@pytest.mark.parametrize(
    "pattern",
    [evidence.LATIN, evidence.CYRILLIC, evidence.WORD_LETTERS, language.LETTER, evidence.SPACE],
    ids=lambda p: p.pattern,
)
def test_a_class_counted_is_the_class_found(pattern: re.Pattern[str]) -> None:
    """Every character is counted as findall finds it: what the count keeps of every
    character there is, in order, is what findall finds."""
    count = CharCount(pattern)
    assert count.others.sub("", EVERY_CHARACTER) == "".join(pattern.findall(EVERY_CHARACTER))
    for text in every_text():
        assert count(text) == len(pattern.findall(text))


@pytest.mark.parametrize("source", [r"[a-z][0-9]", r"ab", r"[a-z]+", r"\w+", r"^"])
def test_only_one_character_class_is_counted(source: str) -> None:
    with pytest.raises(ValueError, match="not one character class"):
        CharCount(re.compile(source))


def test_the_counted_scripts_are_the_scripts_found() -> None:
    """A line's script and a page's, as the plain counts gave them."""

    def plain_other_script(text: str, script: str) -> bool:
        if script == "arabic":
            letters = len(evidence.WORD_LETTERS.findall(text))
            return (
                letters >= evidence.OTHER_SCRIPT_MIN_LETTERS
                and len(evidence.ARABIC.findall(text)) * 2 < letters
            )
        third = len(evidence.THIRD_SCRIPT.findall(text))
        if third >= evidence.OTHER_SCRIPT_MIN_LETTERS and third * 2 > len(
            evidence.WORD_LETTERS.findall(text)
        ):
            return True
        latin, cyrillic = len(evidence.LATIN.findall(text)), len(evidence.CYRILLIC.findall(text))
        if latin + cyrillic < evidence.OTHER_SCRIPT_MIN_LETTERS:
            return False
        return (cyrillic if script == "latin" else latin) / (latin + cyrillic) > 0.8

    scripts = set()
    for text in every_text():
        lines = [line for line in text.splitlines() if line.strip()]
        scripts.add(evidence.page_script(lines))
        for line in lines:
            for script in ("latin", "cyrillic", "arabic"):
                assert evidence.other_script(line, script) == plain_other_script(line, script), line
    assert scripts == {"latin", "cyrillic", "arabic"}


def test_a_line_asked_of_again_gets_the_answer_it_got() -> None:
    """Features, headline splits, credits and copyright lines are kept per line: the layout,
    the headline's choice, the outlet's finders and the count of repeated lines ask of the
    same lines. What is kept is what working it out again gives."""
    for kept in (evidence.features, evidence.split_headline, outlet.is_credit, outlet._copyright_line):
        kept.cache_clear()
    for text in every_text()[:300]:
        clean(text)
        profile(text, "group", "")
        for _, line in page_lines(text):
            assert evidence.features(line) == evidence.features.__wrapped__(line)
            assert evidence.split_headline(line) == evidence.split_headline.__wrapped__(line)
            assert outlet.is_credit(line) == outlet.is_credit.__wrapped__(line)
            assert outlet._copyright_line(line) == outlet._copyright_line.__wrapped__(line)
    assert evidence.features.cache_info().hits > evidence.features.cache_info().misses


def test_the_lines_of_a_page_are_a_fresh_list_each_time() -> None:
    """The normalised lines are kept for the page's next stage; a caller that changes its
    list changes nobody else's."""
    text = "Заголовок\n\nПервый абзац текста.\r\nВторой\u00a0абзац."
    lines = normalise(text)
    lines.append("changed")
    assert normalise(text) == ["Заголовок", "", "Первый абзац текста.", "Второй абзац."]


def test_an_outlet_suffix_is_stripped_as_the_plain_walk_strips_it() -> None:
    """data/attribution.toml's suffixes, sorted once: each is cut as when they were sorted
    for every clause, longest first."""

    def plain(text: str) -> str:
        for suffix in sorted(parse._attribution_config()["outlet_suffixes"], key=len, reverse=True):
            if text.casefold().startswith(suffix.casefold() + " "):
                return text[len(suffix) + 1 :]
            if text.casefold() == suffix.casefold():
                return ""
        return text

    suffixes = [s for s, _ in parse._outlet_suffixes()]
    assert sorted(suffixes) == sorted(parse._attribution_config()["outlet_suffixes"])
    for suffix in suffixes:
        for text in (
            suffix,
            suffix.upper(),
            f"{suffix} Kazinform",
            f"{suffix.upper()} ҚАЗАҚПАРАТ",
            f"{suffix}x",
        ):
            assert parse._strip_outlet_suffix(text) == plain(text), text


def test_a_cited_phrase_kept_names_the_source_it_named() -> None:
    phrases = [a for source in cited_sources() for a in source.aliases]
    phrases += [line for text in every_text()[:300] for line in text.splitlines() if 0 < len(line) < 80]
    parse.canonical_source.cache_clear()
    for phrase in phrases + [p.upper() for p in phrases]:
        assert parse.canonical_source(phrase) == parse.canonical_source.__wrapped__(phrase), phrase
    assert parse.canonical_source.cache_info().currsize > 0


def plain_today_mention(text: str) -> dates.Mention | None:
    today = set(dates._config()["today_words"])
    found: dict[tuple[int, int, int | None], dates.Mention] = {}
    for m in dates.mentions(text):
        words = dates.WORD_RE.findall(text[max(0, m.start - 30) : m.start])[-2:]
        if any(w.casefold() in today for w in words) and not m.bounded:
            found.setdefault((m.found.day, m.found.month, m.found.year), m)
    return next(iter(found.values())) if len(found) == 1 else None


def test_the_day_a_text_calls_today_is_found_as_by_reading_every_date() -> None:
    """A text without a word of `today_words` is not searched for dates: it marks none."""
    texts = list(every_text())
    texts += [
        "Бүгін, 10 қарашада Президент елшілерді қабылдады.",
        "СЕГОДНЯ, 5 мая, состоялась встреча.",
        "Today, 12 June, the ministers met in Astana.",
        "Вчера, 4 мая, и сегодня, 5 мая, прошли переговоры.",
    ]
    called_today = 0
    for text in texts:
        plain = plain_today_mention(text)
        assert dates.today_mention(text) == plain, text
        if plain is not None:
            called_today += 1
            assert dates._may_name_today(text)
    assert called_today >= 3
