"""Filter values as readers and scripts give them, read as the archive's keys.

`leader=Tokayev`, `country=Israel`, `event=call`, `lang=Russian` used to find nothing and
say nothing: the columns know slugs, codes and event types only. Here a value that is not a
key is read the way the search box reads `leader:Ривлин` (the register's names in any case
form and script), or by the event types' and languages' names; what was read is reported
with the answer (`resolved`). A value that names nothing, or several things, is a 400 that
says which values exist (or the closest few). A key the register knows is never an error,
even when no article has it (`country=FR` is an empty list, not a typo).
"""

import difflib
import re
import weakref
from collections.abc import Callable, Iterable
from dataclasses import replace
from functools import cache, lru_cache

from app.build.columns import Columns
from app.datafiles import load_data
from app.entities import register
from app.entities.events import event_rules
from app.entities.matcher import entities_for_word
from app.schemas import ResolvedFilter
from app.search.engine import ArticleQuery, BadRequest

CLOSEST = 5
LISTED = 12
WORDS = re.compile(r"[\w-]+")
# What a parameter names, for messages: `No leader is called "x"`.
NOUNS = {
    "lang": "language",
    "event": "event type",
    "leader": "leader",
    "country": "country",
    "organisation": "organisation",
    "outlet": "outlet",
}


@lru_cache(maxsize=1)
def languages() -> dict[str, tuple[str, tuple[str, ...]]]:
    """Code -> (label, names a reader may give), from app/data/languages.toml."""
    return {
        code: (row["label"], tuple(row.get("names", ()))) for code, row in load_data("languages.toml").items()
    }


def _fold(value: str) -> str:
    return " ".join(WORDS.findall(value.casefold().replace("_", " ")))


class Vocabulary:
    """The keys one parameter takes, their labels, and the names that stand for them."""

    def __init__(self, labels: dict[str, str], names: dict[str, set[str]]) -> None:
        self.labels = labels
        self.by_name: dict[str, set[str]] = {}
        for key, forms in names.items():
            for form in {key, labels.get(key, key), *forms}:
                self.by_name.setdefault(_fold(form), set()).add(key)

    def closest(self, value: str) -> list[str]:
        folded = _fold(value)
        near = difflib.get_close_matches(folded, list(self.by_name), n=CLOSEST, cutoff=0.6)
        return list(dict.fromkeys(key for name in near for key in sorted(self.by_name[name])))

    def describe(self, key: str) -> str:
        label = self.labels.get(key)
        return f"{key} ({label})" if label and label != key else key


def _language_vocabulary(columns: Columns) -> Vocabulary:
    labels = {code: label for code, (label, _) in languages().items()}
    names = {code: set(forms) for code, (_, forms) in languages().items()}
    for code in columns.lookup.get("lang", {}):
        labels.setdefault(code, code)
        names.setdefault(code, set())
    return Vocabulary(labels, names)


def _event_vocabulary() -> Vocabulary:
    """An event type by its type, its label or one word of it (`call`, `phone`)."""
    rules = event_rules()[0]
    labels = {rule.type: rule.label for rule in rules}
    names = {rule.type: set(rule.label.split()) | set(rule.type.split("_")) for rule in rules}
    return Vocabulary(labels, names)


def _event_by_pattern(value: str) -> set[str]:
    """`встреча`, `визит`, `телефонный разговор`: what the loader's own rules read as an event."""
    return {rule.type for rule in event_rules()[0] if any(p.search(value) for p in rule.patterns)}


def _leader_vocabulary(columns: Columns) -> Vocabulary:
    entries = register.leaders()
    labels = {slug: entry.name_en for slug, entry in entries.items()}
    names = {slug: set(entry.names) for slug, entry in entries.items()}
    for slug in columns.lookup.get("leader", {}):  # people discovered by their role
        labels.setdefault(slug, slug)
        names.setdefault(slug, set())
    return Vocabulary(labels, names)


def _country_vocabulary() -> Vocabulary:
    entries = register.countries()
    labels = {code: entry.name_en for code, entry in entries.items()}
    names = {code: {*entry.names, *entry.abbreviations, entry.alpha_3} for code, entry in entries.items()}
    return Vocabulary(labels, names)


def _organisation_vocabulary() -> Vocabulary:
    entries = register.organisations()
    labels = {code: entry.name_en for code, entry in entries.items()}
    names = {code: {*entry.names, *entry.abbreviations} for code, entry in entries.items()}
    return Vocabulary(labels, names)


def _outlet_vocabulary(columns: Columns) -> Vocabulary:
    outlets = [o for o in columns.lookup.get("outlet", {}) if o]
    return Vocabulary({o: o for o in outlets}, {o: set() for o in outlets})


def _by_entity_words(kind: str, value: str) -> set[str]:
    """The register entities of `kind` that the words of `value` name, as the search box's
    `leader:Ривлин` reads them: every word that names some entity must name the same one."""
    found: set[str] | None = None
    for word in WORDS.findall(value):
        keys = {key for found_kind, key in entities_for_word(word) if found_kind == kind}
        if keys:
            found = keys if found is None else found & keys
    return found or set()


_REGISTER_MADE: set[str] = set()


@cache
def _register_vocabulary(name: str) -> Vocabulary:
    """The vocabularies that depend on the register alone, made once per process."""
    makers: dict[str, Callable[[], Vocabulary]] = {
        "event": _event_vocabulary,
        "country": _country_vocabulary,
        "organisation": _organisation_vocabulary,
    }
    vocabulary = makers[name]()
    _REGISTER_MADE.add(name)
    return vocabulary


# The vocabularies made from a build's columns, once per build and process (the leaders'
# was made again for every request that named a leader).
_BUILD_VOCABULARIES: "weakref.WeakKeyDictionary[Columns, dict[str, Vocabulary]]" = weakref.WeakKeyDictionary()
_BUILD_MAKERS: dict[str, Callable[[Columns], Vocabulary]] = {
    "lang": _language_vocabulary,
    "leader": _leader_vocabulary,
    "outlet": _outlet_vocabulary,
}


def _vocabulary(name: str, columns: Columns) -> Vocabulary:
    if name not in _BUILD_MAKERS:
        return _register_vocabulary(name)
    made = _BUILD_VOCABULARIES.setdefault(columns, {})
    vocabulary = made.get(name)
    if vocabulary is None:
        vocabulary = made[name] = _BUILD_MAKERS[name](columns)
    return vocabulary


def vocabularies_made(columns: Columns, names: Iterable[str]) -> bool:
    """Whether reading filters of these names uses only vocabularies already made: then
    resolve_filters costs microseconds, and may run on the event loop."""
    made = _BUILD_VOCABULARIES.get(columns, {})
    return all(
        name not in NOUNS or name in made or (name not in _BUILD_MAKERS and name in _REGISTER_MADE)
        for name in names
    )


def _canonical(name: str, value: str) -> str:
    """How a key is spelled: codes upper-case, languages and event types lower-case."""
    if name in ("country", "organisation"):
        return value.upper()
    if name in ("lang", "event", "leader"):
        return value.lower()
    return value


def _candidates(name: str, value: str, vocabulary: Vocabulary) -> set[str]:
    # A copy: the caller takes the key out of it, and the vocabulary is kept for the process.
    named = set(vocabulary.by_name.get(_fold(value), ()))
    if named:
        return named
    if name in ("leader", "country", "organisation"):
        return _by_entity_words(name, value)
    if name == "event":
        return _event_by_pattern(value)
    return set()


def _refusal(
    name: str, value: str, vocabulary: Vocabulary, found: set[str], present: set[str], noun: str = ""
) -> BadRequest:
    noun = noun or NOUNS[name]
    if found:
        listed = ", ".join(vocabulary.describe(k) for k in sorted(found))
        message = f"{name}={value!r} could be more than one {noun}: {listed}. Give one of them."
        return BadRequest(message, parameters=((name, value),), details=(f"{name}: one of {listed}",))
    near = vocabulary.closest(value)
    if near:
        hint = f"{name}: did you mean " + ", ".join(vocabulary.describe(k) for k in near) + "?"
    else:
        # A long list (the register has hundreds) is cut to the values this archive holds.
        many = len(vocabulary.labels) > LISTED
        keys = sorted(present if present and many else vocabulary.labels)
        shown = ", ".join(vocabulary.describe(k) for k in keys[:LISTED])
        hint = f"{name}: one of {shown}" + (f" … ({len(keys)} in all)" if len(keys) > LISTED else "")
    message = f"No {noun} is called {value!r}; give its code or name (see below), or remove it."
    return BadRequest(message, parameters=((name, value),), details=(hint,))


def resolve_filters(columns: Columns, request: ArticleQuery) -> ArticleQuery:
    """The request with every filter value read as a key; `resolved` lists the values
    that were names. Raises BadRequest for a value that names nothing or several things."""
    filters: dict[str, list[str]] = {}
    resolved: list[ResolvedFilter] = []
    for name, values in request.filters.items():
        if not values or name not in NOUNS:
            filters[name] = list(values)
            continue
        vocabulary = _vocabulary(name, columns)
        keys: list[str] = []
        for value in values:
            key = _canonical(name, value)
            if key in vocabulary.labels:
                keys.append(key)
                continue
            found = _candidates(name, value, vocabulary)
            if len(found) != 1:
                present = {k for k in columns.lookup.get(name, {}) if k in vocabulary.labels}
                raise _refusal(name, value, vocabulary, found, present)
            key = found.pop()
            keys.append(key)
            label = vocabulary.labels.get(key, key)
            resolved.append(ResolvedFilter(parameter=name, given=value, value=key, label=label))
        filters[name] = list(dict.fromkeys(keys))
    return replace(request, filters=filters, resolved=resolved)


def resolve_affiliation(value: str) -> str:
    """`/leaders?affiliation=`: a country's or organisation's code, or its name read as the
    search box reads it (`Israel`, `Израиль`, `ООН`). A value that names nothing, or names
    several things, is a 400 with the closest codes, not an empty list that looks like an
    affiliation without leaders."""
    countries, organisations = _register_vocabulary("country"), _register_vocabulary("organisation")
    code = value.strip().upper()
    if code in countries.labels or code in organisations.labels:
        return code
    found = {
        *_candidates("country", value, countries),
        *_candidates("organisation", value, organisations),
    }
    if len(found) == 1:
        return found.pop()
    # The two vocabularies share no code (ISO alpha-2 against the organisations' codes).
    both = Vocabulary({**countries.labels, **organisations.labels}, {})
    for vocabulary in (countries, organisations):
        for name, keys in vocabulary.by_name.items():
            both.by_name.setdefault(name, set()).update(keys)
    raise _refusal("affiliation", value, both, found, set(), noun="country or organisation")
