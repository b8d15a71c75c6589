"""Find register names in text in any case form and either script.

Each token gets the same key set the search index uses (surface, stems, lemmas, Kazakh
stems, all folded); an alias token matches a text token when their key sets meet. Aliases
may span several tokens ("Государство Израиль", "Шанхай ынтымақтастық ұйымы"); the longest
match at a position wins. Abbreviations are matched exactly and case-sensitively.
"""

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from app.datafiles import load_data
from app.entities.register import countries, excluded_country_forms, leaders, organisations
from app.tablecache import cached
from app.text.analysis import WORD
from app.text.fold import fold
from app.text.morphology import query_keys


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    keys: frozenset[str]

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Alias:
    """One way of writing an entity: `kind` says how strong a mention it makes."""

    entity_type: str  # leader | country | organisation
    key: str  # slug or code
    kind: str  # name | surname | courtesy | honorific | demonym | abbreviation
    tokens: tuple[frozenset[str], ...]
    text: str


@dataclass(frozen=True)
class MentionSpan:
    """Where an alias was found in one text: characters and tokens (the stored row, with
    its article and field, is app.models.Mention)."""

    entity_type: str
    key: str
    kind: str
    start: int
    end: int
    surface: str
    first_token: int
    last_token: int


# Kept per word form, as query_keys is: every token of every article asks, and the same
# frozenset back makes the matcher's own per-token cache (_candidates) a hash look-up.
@lru_cache(maxsize=100_000)
def token_keys(word: str) -> frozenset[str]:
    return frozenset(query_keys(word.lower()))


def tokenize(text: str) -> list[Token]:
    # each word read off its match once (`\w+` matches no empty word)
    return [Token(w, m.start(), m.end(), token_keys(w)) for m in WORD.finditer(text) if (w := m.group())]


def _alias(entity_type: str, key: str, kind: str, text: str) -> Alias | None:
    words = WORD.findall(text)
    if not words:
        return None
    return Alias(entity_type, key, kind, tuple(token_keys(w) for w in words), text)


# A shorter surname («Зась», «Аты») shares its keys with prepositions and particles
# («За», «Ате»): only a full name finds such a person.
MIN_SURNAME_CHARS = 4
# A word glued to a number is a model or a code («Су-35», «Ил-76»), never a name.
MODEL_NUMBER = re.compile(r"-\d")
SENTENCE_BREAK = re.compile(r"[.!?]\s|\n")


def _surname(name: str) -> str | None:
    words = WORD.findall(name)
    return words[-1] if len(words) > 1 and len(words[-1]) >= MIN_SURNAME_CHARS else None


@lru_cache(maxsize=1)
def _article_prefix() -> re.Pattern[str]:
    """The Arabic article and its hyphen right before a word: «Ат-Түрки», "Al-Turki"."""
    prefixes = load_data("names.toml")["article_prefixes"]
    alternation = "|".join(re.escape(p) for p in sorted(set(prefixes), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})-$", re.IGNORECASE)


def _is_name_part(mention: "MentionSpan", text: str) -> bool:
    """A mention that is really part of something else: a model name («Су-35» is not Sudan),
    a name after the Arabic article («Ат-Түрки» is not Türkiye), or an ordinary word the
    exclusions list («данный» is not Denmark)."""
    if MODEL_NUMBER.match(text, mention.end):
        return True
    if mention.entity_type == "country" and mention.surface.casefold() in excluded_country_forms():
        return True  # «Данный визит»: an ordinary word that shares a country's stem
    before = text[max(0, mention.start - 8) : mention.start]
    return mention.entity_type == "country" and _article_prefix().search(before) is not None


def _alias_texts() -> Iterator[tuple[str, str, str, str]]:
    """Every alias as written: (entity type, key, kind, text), in the register's order."""
    excluded = excluded_country_forms()
    for country in countries().values():
        yield from (
            ("country", country.code, "name", n) for n in country.names if n.casefold() not in excluded
        )
        yield from (("country", country.code, "name", n) for n in _state_forms(country.names, excluded))
        yield from (("country", country.code, "demonym", d) for d in country.demonyms)
    for org in organisations().values():
        yield from (("organisation", org.code, "name", n) for n in org.names)
        yield from (("organisation", org.code, "near_parent", n) for n in org.names_near_parent)
    for leader in leaders().values():
        yield from (("leader", leader.slug, "name", n) for n in leader.names)
        yield from (("leader", leader.slug, "honorific", h) for h in leader.honorifics)
        surnames = {s for n in leader.names if (s := _surname(n))}
        yield from (("leader", leader.slug, "surname", s) for s in surnames)
        yield from (("leader", leader.slug, "courtesy", c) for c in _courtesy_forms(leader.names))
        yield from (("leader", leader.slug, "courtesy", a) for a in leader.address_forms)


@lru_cache(maxsize=1)
def _state_form_words() -> dict[str, list[str]]:
    words: dict[str, list[str]] = load_data("country_aliases.toml")["state_forms"]
    return words


def _state_forms(names: Iterable[str], excluded: frozenset[str]) -> list[str]:
    """A name the exclusions block (Togo: «того») inside its official name, where it can be
    no ordinary word: «Того Республикасы», «Республика Того»."""
    words = _state_form_words()
    blocked = [n for n in names if n.casefold() in excluded]
    return [f"{n} {w}" for n in blocked for w in words["kk_after"]] + [
        f"{w} {n}" for n in blocked for w in words["before"]
    ]


@lru_cache(maxsize=1)
def all_aliases() -> tuple[Alias, ...]:
    return cached("aliases", _built_aliases)


def _built_aliases() -> tuple[Alias, ...]:
    aliases = (_alias(*written) for written in _alias_texts())
    return tuple(a for a in aliases if a is not None)


@lru_cache(maxsize=1)
def _courtesy_titles() -> dict[str, list[str]]:
    """names.toml's courtesy titles, read once (not once per register leader)."""
    titles: dict[str, list[str]] = load_data("names.toml")["courtesy"]
    return titles


def _courtesy_forms(names: Iterable[str]) -> set[str]:
    """`Mr Xi`, `Си мырза`, «Мехрибан ханым»: a name's first or last word with a courtesy
    title, short ones included (a Chinese name puts the family name first; Kazakh puts the
    title after a given name as often as after a surname)."""
    courtesy = _courtesy_titles()
    ends = {w for n in names if len(words := WORD.findall(n)) > 1 for w in (words[0], words[-1])}
    latin = {w for w in ends if w.isascii()}
    cyrillic = ends - latin
    return (
        {f"{title} {w}" for w in latin for title in courtesy["before_latin"]}
        | {f"{title} {w}" for w in cyrillic for title in courtesy["before_cyrillic"]}
        | {f"{w} {title}" for w in cyrillic for title in courtesy["after_cyrillic"]}
    )


@lru_cache(maxsize=1)
def _aliases_by_first_key() -> dict[str, list[Alias]]:
    index: dict[str, list[Alias]] = defaultdict(list)
    for alias in all_aliases():
        for key in alias.tokens[0]:
            index[key].append(alias)
    for bucket in index.values():
        bucket.sort(key=lambda a: len(a.tokens), reverse=True)
    return index


@lru_cache(maxsize=100_000)
def _candidates(keys: frozenset[str]) -> tuple[Alias, ...]:
    """The aliases a token of these keys may start, each once, longest first, in the order
    the index gives them key by key: the first that fits is the longest that fits, and of
    those the first met, as when every key's bucket was walked at every token."""
    index = _aliases_by_first_key()
    found = {id(alias): alias for key in keys for alias in index.get(key, ())}
    return tuple(sorted(found.values(), key=lambda a: len(a.tokens), reverse=True))


@lru_cache(maxsize=1)
def _abbreviation_pattern() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    owners: dict[str, tuple[str, str]] = {}
    for country in countries().values():
        owners.update(dict.fromkeys(country.abbreviations, ("country", country.code)))
    for org in organisations().values():
        owners.update(dict.fromkeys(org.abbreviations, ("organisation", org.code)))
    alternation = "|".join(re.escape(a) for a in sorted(owners, key=len, reverse=True))
    # `US$36 million`: a currency's sign after a country's letters names the money, not the
    # country
    return re.compile(rf"(?<![\w.])(?:{alternation})(?![\w$])"), owners


def _crosses_sentence(alias: Alias, tokens: list[Token], at: int, text: str) -> bool:
    """«…Совета Безопасности. ООН …» is two sentences, not «Совет Безопасности ООН»."""
    if len(alias.tokens) == 1 or SENTENCE_BREAK.search(alias.text):
        return False
    return any(
        SENTENCE_BREAK.search(text, tokens[at + i - 1].end, tokens[at + i].start + 1)
        for i in range(1, len(alias.tokens))
    )


@lru_cache(maxsize=1)
def _surname_endings() -> tuple[str, ...]:
    return tuple(load_data("names.toml")["surname_endings"])


def _grown_into_surname(name: str, written: str) -> bool:
    """A given name with a surname's ending after it is another name: Қасым-ов, Иван-ов."""
    folded, base = fold(written.casefold()), fold(name.casefold())
    return folded != base and folded.startswith(base) and folded[len(base) :].startswith(_surname_endings())


@lru_cache(maxsize=1)
def _kept_final_vowels() -> str:
    return str(load_data("names.toml")["surname_kept_final_vowels"])


def _keeps_final_vowel(surname: str) -> bool:
    """A Cyrillic surname that no case form changes the end of (Лукашенко, Санду, Майо)."""
    last = surname[-1:].casefold()
    return bool(last) and last in _kept_final_vowels()


def _title_after(courtesy: str) -> bool:
    return courtesy.rpartition(" ")[2] in _courtesy_titles()["after_cyrillic"]


@lru_cache(maxsize=1)
def _address_forms() -> frozenset[str]:
    return frozenset(form for leader in leaders().values() for form in leader.address_forms)


@cache
def _alias_words(text: str) -> tuple[str, ...]:
    """An alias's words as written (the capitals a courtesy form keeps), read once."""
    return tuple(WORD.findall(text))


def _fits(alias: Alias, tokens: list[Token], at: int) -> bool:
    if at + len(alias.tokens) > len(tokens):
        return False
    # Every word's keys first: most aliases tried at a token are names of several words whose
    # second word is not there, and the other tests below only narrow what the keys allow.
    if not all(alias.tokens[i] & tokens[at + i].keys for i in range(len(alias.tokens))):
        return False
    first = tokens[at]
    # An organisation's name that the register writes in lower case first («страны
    # Содружества») keeps its capitals where the register writes them, as a courtesy form does.
    as_written = alias.kind == "courtesy" or (
        alias.entity_type == "organisation" and alias.text[:1].islower()
    )
    needs_capital = not as_written and (
        alias.kind in ("name", "surname", "honorific") or alias.text[:1].isupper()
    )
    if needs_capital and not first.capitalized:
        return False
    if as_written and not all(
        tokens[at + i].capitalized for i, w in enumerate(_alias_words(alias.text)) if w[:1].isupper()
    ):
        return False  # the surname keeps its capital: «си мырза» is no one
    if (
        alias.kind == "courtesy"
        and _title_after(alias.text)
        and first.text.casefold() != alias.text.split()[0].casefold()
    ):
        # «Хакан мырза»: Kazakh puts the case ending on the title, the name stays whole
        # («Хакала ханымды» is not «Хакан ханым»)
        return False
    if alias.kind == "courtesy" and alias.text in _address_forms():
        after = at + len(alias.tokens)
        if (
            after < len(tokens)
            and tokens[after].capitalized
            and tokens[after].start - tokens[after - 1].end == 1
        ):
            return False  # «Владимир Владимирович Сальдо» is another man of that name
    if alias.kind == "courtesy" and any(
        _grown_into_surname(w, tokens[at + i].text) for i, w in enumerate(_alias_words(alias.text))
    ):
        return False  # «Қасымов мырза» is not «Қасым мырза»
    if alias.kind == "surname" and (not first.capitalized or len(first.text) < len(alias.text) - 1):
        # a case form is never much shorter than the surname: «Әли» is not «Әлиев»
        return False
    if alias.kind == "surname" and alias.text[:1].isascii() and len(first.text) > len(alias.text) + 2:
        # a Latin surname takes no case endings: "Cooperation" is a word whose stem is "cooper"
        return False
    if (
        alias.entity_type == "country"
        and alias.kind == "name"
        and len(alias.tokens) == 1
        and len(first.text) < len(alias.text) - 1
    ):
        # «Су» (water; a Korean name's last word) is no case form of «Судан»: a country's
        # name keeps its letters in every case form but the last
        return False
    if (
        alias.kind == "surname"
        and _keeps_final_vowel(alias.text)
        and not fold(first.text.casefold()).startswith(fold(alias.text.casefold()))
    ):
        # «Майя» is not «Майо»: a surname that keeps its final vowel in every case form is
        # written whole in each of them
        return False
    if alias.kind == "surname" and not any(
        len(k) >= MIN_SURNAME_CHARS - 1 for k in alias.tokens[0] & first.keys
    ):
        # a stem of two letters is shared by unrelated words: «Ален» and «Алиев» both cut to «ал»
        return False
    return True


@lru_cache(maxsize=4096)
def surname_readings(word: str) -> frozenset[str]:
    """Every register leader whose surname this word can be a form of: «Назарбаева» is the
    genitive of Назарбаев as much as Назарбаева's own nominative."""
    token = Token(word, 0, len(word), token_keys(word))
    return frozenset(
        alias.key
        for key in token.keys
        for alias in _aliases_by_first_key().get(key, ())
        if alias.kind == "surname" and len(alias.tokens) == 1 and _fits(alias, [token], 0)
    )


def _longest_at(tokens: list[Token], at: int, text: str) -> Alias | None:
    """The longest alias that fits at token `at` (of equal ones, the first the index gives)."""
    candidates = _candidates(tokens[at].keys)
    if not candidates:  # most words start no alias
        return None
    following = tokens[at + 1].keys if at + 1 < len(tokens) else frozenset()
    for alias in candidates:
        # most names of several words tried here lack their second word: not worth a call
        if len(alias.tokens) > 1 and alias.tokens[1].isdisjoint(following):
            continue
        if _fits(alias, tokens, at) and not _crosses_sentence(alias, tokens, at, text):
            return alias
    return None


def match_aliases(text: str, tokens: list[Token] | None = None) -> list[MentionSpan]:
    """Every register alias in the text, longest first, without overlaps."""
    tokens = tokens if tokens is not None else tokenize(text)
    mentions: list[MentionSpan] = []
    at = 0
    while at < len(tokens):
        best = _longest_at(tokens, at, text)
        if best is None:
            at += 1
            continue
        last = at + len(best.tokens) - 1
        mentions.append(
            MentionSpan(
                best.entity_type,
                best.key,
                best.kind,
                tokens[at].start,
                tokens[last].end,
                text[tokens[at].start : tokens[last].end],
                at,
                last,
            )
        )
        at = last + 1
    mentions = _drop_given_names(mentions, text)
    mentions.extend(_abbreviations(text, tokens, mentions))
    mentions.extend(_misspelt_countries(text, tokens, mentions))
    mentions = [m for m in mentions if not _is_name_part(m, text)]
    mentions = [m for m in mentions if m.kind != "near_parent" or _parent_nearby(m, mentions, text)]
    return sorted(mentions, key=lambda m: m.start)


MISSPELT_COUNTRY_MIN_LETTERS = 9
# Cyrillic spells a name with more distinct letters (no `kh`, `sh`, `ch`): eight are as many
# as Latin's nine (`Словокия` for Словакия; Словения and Словакия stay two letters apart).
MISSPELT_CYRILLIC_MIN_LETTERS = 8


def _misspelling_min_letters(word: str) -> int:
    return MISSPELT_COUNTRY_MIN_LETTERS if word.isascii() else MISSPELT_CYRILLIC_MIN_LETTERS


@lru_cache(maxsize=1)
def _long_latin_country_names() -> dict[int, tuple[tuple[str, str], ...]]:
    """One-word country names of nine Latin or eight Cyrillic letters or more, by length:
    (name, code)."""
    by_length: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for country in countries().values():
        for name in country.names:
            if name.isalpha() and len(name) >= _misspelling_min_letters(name):
                by_length[len(name)].append((name.casefold(), country.code))
    return {length: tuple(names) for length, names in by_length.items()}


def one_edit_apart(a: str, b: str) -> bool:
    """One letter changed, added or dropped (`Kazakistan` / `Kazakhstan`, `Тайип` / `Тайып`)."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _misspelt_countries(text: str, tokens: list[Token], taken: Iterable[MentionSpan]) -> list[MentionSpan]:
    """A capitalised word one letter off a long country name (`Kazakhastan`, `Kazakistan`,
    «Словокия») is a typo of that country. Only words no alias took, and only names of nine
    Latin or eight Cyrillic letters or more (`Zambia` and `Gambia` are one letter apart)."""
    covered = {i for m in taken for i in range(m.first_token, m.last_token + 1)}
    found = []
    for at, token in enumerate(tokens):
        word = token.text
        if at in covered or len(word) < MISSPELT_CYRILLIC_MIN_LETTERS - 1 or not token.capitalized:
            continue
        if not word.isalpha() or len(word) < _misspelling_min_letters(word) - 1:
            continue
        code = _misspelt_country(word.casefold())
        if code is not None:
            found.append(MentionSpan("country", code, "name", token.start, token.end, word, at, at))
    return found


@lru_cache(maxsize=20_000)
def _misspelt_country(folded: str) -> str | None:
    """The one country whose long name this word is one letter off, its first letter kept."""
    names = _long_latin_country_names()
    codes = {
        code
        for length in (len(folded) - 1, len(folded), len(folded) + 1)
        for name, code in names.get(length, ())
        if name[0] == folded[0] and one_edit_apart(folded, name)
    }
    return codes.pop() if len(codes) == 1 else None


def _parent_nearby(mention: MentionSpan, mentions: list[MentionSpan], text: str) -> bool:
    """A bare «Совет Безопасности» is the UN's only in a sentence that names the UN."""
    parent = organisations()[mention.key].parent
    for other in mentions:
        if other.entity_type != "organisation" or organisations()[other.key].top != parent:
            continue
        if other is mention:
            continue
        start, end = sorted((other.start, mention.start))
        if not SENTENCE_BREAK.search(text, start, end):
            return True
    return False


def _drop_given_names(mentions: list[MentionSpan], text: str) -> list[MentionSpan]:
    """A bare surname directly before another leader's name is that person's given name
    («Саиду Мирзиёеву»: Саида, not Saidov)."""
    kept = []
    for i, m in enumerate(mentions):
        nxt = mentions[i + 1] if i + 1 < len(mentions) else None
        if (
            m.kind == "surname"
            and nxt is not None
            and nxt.entity_type == "leader"
            and nxt.first_token == m.last_token + 1
            and text[m.end : nxt.start] == " "
        ):
            continue
        kept.append(m)
    return kept


def _abbreviations(text: str, tokens: list[Token], taken: Iterable[MentionSpan]) -> list[MentionSpan]:
    pattern, owners = _abbreviation_pattern()
    spans = [(m.start, m.end) for m in taken]
    starts: dict[int, int] = {}
    ends: list[int] = []
    found = []
    for m in pattern.finditer(text):
        if any(s <= m.start() < e for s, e in spans):
            continue
        if not starts:
            # read only for a text with an abbreviation, and bisected: not a scan of every
            # token for every abbreviation
            starts = {t.start: i for i, t in enumerate(tokens)}
            ends = [t.end for t in tokens]
        entity_type, key = owners[m.group(0)]
        first = starts.get(m.start(), 0)
        # the last token ending within the match (tokens end in increasing order)
        last = bisect_right(ends, m.end()) - 1
        if last < 0:
            last = first
        found.append(
            MentionSpan(entity_type, key, "abbreviation", m.start(), m.end(), m.group(0), first, last)
        )
    return found


@lru_cache(maxsize=1)
def _single_word_entities() -> dict[str, frozenset[tuple[str, str]]]:
    """Folded key → entities a one-word query can mean (surnames, one-word names, abbreviations)."""
    # From the aliases as written, not all_aliases(): it gives every alias's token the
    # morphology's keys, about 0.3 s of a web worker's first search, and only the number of
    # words counts here (a test checks the table against all_aliases()).
    found: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for entity_type, key, kind, text in _alias_texts():
        if kind != "demonym" and len(WORD.findall(text)) == 1:
            found[_nominative_key(text)].add((entity_type, key))
    for country in countries().values():
        for abbreviation in country.abbreviations:
            found[_nominative_key(abbreviation)].add(("country", country.code))
    for org in organisations().values():
        for abbreviation in org.abbreviations:
            found[_nominative_key(abbreviation)].add(("organisation", org.code))
    return {key: frozenset(value) for key, value in found.items()}


def _nominative_key(text: str) -> str:
    return fold(re.sub(r"\W", "", text.lower()))


def entities_for_word(word: str) -> frozenset[tuple[str, str]]:
    """Register entities that a single query word names, in any case form or script."""
    table = _single_word_entities()
    found: set[tuple[str, str]] = set(table.get(_nominative_key(word), ()))
    for key in query_keys(word.lower()):
        found |= table.get(key, frozenset())
    return frozenset(found)
