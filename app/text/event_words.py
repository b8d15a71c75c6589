"""Places and subjects in a report's text, from the word lists of data/event_grouping.toml.

Shared by the loader, which groups reports partly by the places they name
(app/loader/events.py), and by the event page, which says which places and subjects one
report names that the event's other reports do not (app/queries/event_adds.py): one
reading of the lists for both, and none of the loader in the web process.
"""

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from app.datafiles import load_data

# What follows a dateline's place: the rest of its word, a comma, a full stop or a dash
# («ALMATY – On the sidelines»).
DATELINE = re.compile(r"[\w-]*\s?(?:[.,]|[–—-]\s)")
WORD = re.compile(r"\w+")
# How many letters of a word look a place up (a spelling shorter than this, by all of it).
PREFIX = 3


@dataclass(frozen=True)
class Words:
    """The lists, compiled once."""

    # Per place: the literal start of each spelling (a cheap test of the text first) and the
    # spellings as one pattern, over the lowercased text.
    places: dict[str, tuple[tuple[str, ...], re.Pattern[str]]]
    place_credits: re.Pattern[str]
    topics: dict[str, tuple[re.Pattern[str], float]]
    place_names: dict[str, dict[str, str]]
    topic_names: dict[str, dict[str, str]]
    spokespeople: frozenset[str]


@lru_cache(maxsize=1)
def words() -> Words:
    data = load_data("event_grouping.toml")
    return Words(
        places={
            str(name): (
                tuple(_needle(str(w)) for w in place["match"]),
                re.compile("|".join(str(w) for w in place["match"])),
            )
            for name, place in data["places"].items()
        },
        place_credits=re.compile("|".join(f"(?:{w})" for w in data["place_credits"]), re.IGNORECASE),
        topics={
            str(name): (
                re.compile("|".join(f"(?:{w})" for w in topic["match"]), re.IGNORECASE),
                float(topic["weight"]),
            )
            for name, topic in data["topics"].items()
        },
        place_names={
            str(slug): {lang: str(place[lang]) for lang in ("en", "ru", "kk")}
            for slug, place in data["places"].items()
        },
        topic_names={
            str(slug): {lang: str(topic[lang]) for lang in ("en", "ru", "kk")}
            for slug, topic in data["topics"].items()
        },
        spokespeople=frozenset(str(slug) for slug in data["spokespeople"]),
    )


def place_names() -> dict[str, dict[str, str]]:
    """Each place's name by interface language (data/event_grouping.toml `places`)."""
    return words().place_names


def topic_names() -> dict[str, dict[str, str]]:
    """Each subject's name by interface language (data/event_grouping.toml `topics`)."""
    return words().topic_names


def topics_in(text: str, among: frozenset[str] | None = None) -> frozenset[str]:
    """The subjects (data/event_grouping.toml `topics`) a text speaks of, in any of the three
    languages: a pandemic, a birthday, railways. The event page says which subjects a report
    speaks of that the event's other reports do not. The grouping reads only the occasions
    among them (data/event_grouping.toml `occasion_topics`): every topic as evidence joined
    contacts of one pair years apart (two election calls, an accident and an earthquake)."""
    topics = words().topics
    # Only the topics asked for are searched: the grouping asks for the occasions, 6 of 44, and
    # searching every topic over every body was most of the events stage (23 of 34 s at 10k).
    names = topics if among is None else among & topics.keys()
    return frozenset(name for name in names if topics[name][0].search(text))


def without_credits(text: str) -> str:
    """A text without the places it names as a source or credit ("пресс-служба Акорды",
    "Фото: Ақорда": data/event_grouping.toml `place_credits`), for the event page's list of
    the places a report names. The grouping reads them still: without them, the tuning
    set's pairwise recall fell from 0.74 to 0.72 and the old held-out part's precision from
    1.00 to 0.94 (the credit is shared by the reports of one press service's release)."""
    return words().place_credits.sub(" ", text)


def places_in(text: str) -> frozenset[str]:
    """The places (data/event_grouping.toml `places`: capitals, residences, venues, in the
    three languages) a text names, but for a dateline's: a place opening a line and followed
    by a comma, full stop or dash names the agency's own city («Астана. 3 июля. КазТАГ –»,
    «НУР-СУЛТАН, 2 февраля»), whatever the contact."""
    found = set()
    lowered = text.lower()
    # Only the places a word of the text starts like are looked for: running forty patterns
    # over every text was most of the events stage of a full load (2.4 ms a report).
    starts = _place_starts()
    heads = {word[:PREFIX] for word in WORD.findall(lowered)}
    heads |= {head[:2] for head in heads}
    candidates = {name for head in heads & starts.keys() for name in starts[head]}
    for name in sorted(candidates):
        for m in words().places[name][1].finditer(lowered):
            start = m.start()
            if start and lowered[start - 1].isalnum():  # inside a word
                continue
            line_start = lowered.rfind("\n", 0, start) + 1
            if start - line_start <= 2 and DATELINE.match(lowered, m.end()):
                continue
            found.add(name)
            break
    return frozenset(found)


@lru_cache(maxsize=1)
def _place_starts() -> dict[str, frozenset[str]]:
    """The places by the first letters of their spellings' first words."""
    found: dict[str, set[str]] = defaultdict(set)
    for name, (needles, _) in words().places.items():
        for needle in needles:
            first = needle.split()[0] if needle.split() else needle
            found[first[:PREFIX]].add(name)
    return {k: frozenset(v) for k, v in found.items()}


def _needle(spelling: str) -> str:
    """The literal start of a spelling's pattern ('st\\.? ?petersburg' -> 'st'), lowercase."""
    return re.split(r"[\\.?*+()\[\]{}|^$]", spelling, maxsplit=1)[0].lower()
