"""Event types (phone call, meeting, visit, invitation, message, congratulation) from the text.

The rules live in data/events.toml; only the headline and the first paragraphs are read,
because that is where a press item says what took place.
"""

import re
from dataclasses import dataclass
from functools import lru_cache

from app.datafiles import load_data
from app.i18n import LANGUAGES

SENTENCE = re.compile(r"[^.!?…\n]+[.!?…]*")


@dataclass(frozen=True)
class EventRule:
    type: str
    label: str
    patterns: tuple[re.Pattern[str], ...]
    exclude: tuple[re.Pattern[str], ...]
    suppress: tuple[re.Pattern[str], ...]


def _compile(patterns: list[str]) -> tuple[re.Pattern[str], ...]:
    """A rule's patterns as one alternation (a sentence matches it when it matches any of
    them): searched once, not once per pattern - every article's head is searched by every
    rule, at load time and again by the event grouping."""
    if not patterns:
        return ()
    return (re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE),)


@lru_cache(maxsize=1)
def event_rules() -> tuple[tuple[EventRule, ...], int]:
    data = load_data("events.toml")
    rules = tuple(
        EventRule(
            type=row["type"],
            label=row["label"],
            patterns=_compile(row["patterns"]),
            exclude=tuple(re.compile(p, re.IGNORECASE) for p in row.get("exclude", [])),
            suppress=_compile(row.get("suppress_in_sentence", [])),
        )
        for row in data["event"]
    )
    return rules, int(data["scope_paragraphs"])


def event_labels() -> dict[str, str]:
    return {rule.type: rule.label for rule in event_rules()[0]}


@lru_cache(maxsize=1)
def event_names() -> dict[str, str]:
    """What a reader may type for each event type, lowercased -> type: the site's own
    label in each interface language (one label may list several names: "хат, жеделхат")
    and the `search_words` of data/events.toml."""
    # Here, not at the top: the loader imports this module and never asks for the site's
    # labels; the gettext catalogs (and Babel's catalog modules) are the search's.
    from app.i18n.catalogs import translate
    from app.i18n.labels import EVENT_LABELS

    names: dict[str, str] = {}
    for rule_type, words in (
        (row["type"], row.get("search_words", [])) for row in load_data("events.toml")["event"]
    ):
        labels = [translate(lang, EVENT_LABELS[rule_type]) for lang in LANGUAGES if rule_type in EVENT_LABELS]
        for name in [*words, *(part for label in labels for part in label.split(","))]:
            if name.strip():
                names[" ".join(name.lower().split())] = rule_type
    return names


def _sentence_has(rule: EventRule, sentence: str) -> bool:
    cleaned = sentence
    for pattern in rule.exclude:
        cleaned = pattern.sub(" ", cleaned)
    if not any(p.search(cleaned) for p in rule.patterns):
        return False
    return not any(p.search(cleaned) for p in rule.suppress)


def detect_events(title: str | None, paragraphs: list[str]) -> list[str]:
    rules, scope = event_rules()
    text = "\n".join(([title] if title else []) + paragraphs[:scope])
    sentences = [s.strip() for s in SENTENCE.findall(text) if s.strip()]
    return [rule.type for rule in rules if any(_sentence_has(rule, s) for s in sentences)]
