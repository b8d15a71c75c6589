"""One article's entities: leaders (known, discovered, resolved from titles), countries,
organisations, their positions in the clean text, and the event types.

Only the article's own text is read (headline and clean body); removed boilerplate never is.
"""

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Protocol

from slugify import slugify

from app.datafiles import load_data
from app.entities.events import detect_events
from app.entities.latin import latin_form, person_slug
from app.entities.lookalikes import in_own_script
from app.entities.matcher import (
    MentionSpan,
    all_aliases,
    match_aliases,
    one_edit_apart,
    surname_readings,
    token_keys,
    tokenize,
)
from app.entities.name_forms import distinct_enough, full_form_name, is_cyrillic, name_key
from app.entities.people_ru import case_forms_meet
from app.entities.register import initial_fits, leaders, organisations
from app.entities.roles import RoleMention, patronymic, read_roles, resolve_title
from app.entities.subjects import sentence_subjects
from app.text.analysis import WORD
from app.text.fold import fold

TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 1.5


@dataclass(frozen=True)
class FoundMention:
    entity_type: str
    key: str
    field: str  # title | body
    start: int
    end: int
    surface: str
    kind: str  # name | surname | honorific | demonym | abbreviation | title | role


@dataclass
class LeaderLink:
    slug: str
    in_register: bool
    name: str
    role_title: str | None = None
    affiliation: str | None = None
    mentions: int = 0
    resolved_from_title: bool = False
    named: bool = False
    centrality: float = 0.0
    # A discovered name written in Cyrillic, in Latin letters (app/entities/latin.py).
    latin: str | None = None


@dataclass
class Entities:
    leaders: list[LeaderLink] = field(default_factory=list)
    countries: dict[str, tuple[int, int]] = field(default_factory=dict)  # code -> (names, demonyms)
    organisations: dict[str, int] = field(default_factory=dict)
    mentions: list[FoundMention] = field(default_factory=list)
    unresolved_titles: list[str] = field(default_factory=list)
    event_types: list[str] = field(default_factory=list)


@lru_cache(maxsize=1)
def _surname_owners() -> dict[str, frozenset[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for alias in all_aliases():
        if alias.kind == "surname":
            owners[alias.text.casefold()].add(alias.key)
    return {surname: frozenset(keys) for surname, keys in owners.items()}


@lru_cache(maxsize=1)
def _courtesy_owners() -> dict[str, frozenset[str]]:
    owners: dict[str, set[str]] = defaultdict(set)
    for alias in all_aliases():
        if alias.kind == "courtesy":
            owners[" ".join(WORD.findall(alias.text.casefold()))].add(alias.key)
    return {text: frozenset(keys) for text, keys in owners.items()}


def _courtesy_owner(mention: MentionSpan) -> str | None:
    """Who `Mr Xi`, `Си мырза` means: the one register leader of that surname, whether or not
    the surname alone may name them (the title says a person is meant); None when two share it."""
    written = " ".join(WORD.findall(mention.surface.casefold()))
    candidates = _courtesy_owners().get(written) or frozenset({mention.key})
    return next(iter(candidates)) if len(candidates) == 1 else None


INITIAL_BEFORE = re.compile(r"(?<![\w.])(\w)\.\s?$")


def _surname_owner(mention: MentionSpan, named: set[str], text: str = "") -> str | None:
    """Who a bare surname means: the leader named in full in this article, else a unique
    register entry that allows its surname alone. Every surname the word can be a case form
    of is a candidate («Назарбаева»: Назарбаев's genitive or Назарбаева)."""
    candidates = set(_surname_owners().get(mention.surface.casefold(), ())) | surname_readings(
        mention.surface
    ) or {mention.key}
    initial = INITIAL_BEFORE.search(text, max(0, mention.start - 4), mention.start)
    if initial is not None:
        candidates = {c for c in candidates if initial_fits(c, initial.group(1))}
    in_article = candidates & named
    if len(in_article) == 1:
        return in_article.pop()
    # `И.Кәрімовпен`: an initial that fits the given name of the one register person of that
    # surname names them as the full name would (an initial of another name names no one).
    if initial is not None and not in_article:
        fitting = {c for c in candidates if c in leaders() and _initial_written(c, initial.group(1))}
        if len(fitting) == 1:
            return fitting.pop()
    alone = {c for c in candidates if leaders()[c].surname_alone}
    return alone.pop() if len(alone) == 1 and not in_article else None


def _discovered_surnames(scanned: dict[str, tuple[list[MentionSpan], list[RoleMention]]]) -> frozenset[str]:
    """The last words of the names roles gave to people the register lacks, as written."""
    return frozenset(
        r.unknown_name.split()[-1].casefold()
        for _mentions, roles in scanned.values()
        for r in roles
        if r.unknown_name and " " in r.unknown_name.strip()
    )


def _initial_written(slug: str, initial: str) -> bool:
    """One of the person's register names in the initial's script starts with it."""
    names = leaders()[slug].names
    return any(n[:1].casefold() == initial.casefold() for n in names if n[:1].isascii() == initial.isascii())


@lru_cache(maxsize=1)
def _language_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    words = load_data("country_aliases.toml")["language_words"]
    after = "|".join(re.escape(w) for w in sorted(words["after"], key=len, reverse=True))
    before = "|".join(re.escape(w) for w in sorted(words["before"], key=len, reverse=True))
    nouns = "|".join(re.escape(w) for w in sorted(words["after_kk_ru"], key=len, reverse=True))
    return (
        re.compile(rf"[\s-]*(?:{after})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{before})\s+(?:[A-Z][a-z]+(?:,\s*|\s+(?:and|or)\s+))*$", re.IGNORECASE),
        # up to five more words of a list, each a single word, then the noun
        re.compile(rf"(?:(?:,\s*|\s+(?:және|мен|и|или)\s+)\w+){{0,5}}\s+(?:{nouns})(?!\w)", re.IGNORECASE),
    )


@lru_cache(maxsize=1)
def _alone_language() -> re.Pattern[str]:
    words = load_data("country_aliases.toml")["language_words"]["alone_after"]
    return re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\s+$", re.IGNORECASE)


ALONE_AFTER = re.compile(r"\s*(?:[).,;:!?]|$)")


def _language_alone(text: str, start: int, end: int) -> bool:
    """ "(in Russian)", "spoke in Kazakh.": `in`, the adjective, then a stop."""
    return (
        ALONE_AFTER.match(text, end) is not None
        and _alone_language().search(text[max(0, start - 10) : start]) is not None
    )


@lru_cache(maxsize=1)
def _region_words() -> dict[str, tuple[str, ...]]:
    return {code: tuple(words) for code, words in load_data("country_aliases.toml")["region_words"].items()}


PREVIOUS_WORD = re.compile(r"(\w+)\s+$")


def names_a_region(text: str, start: int, code: str) -> bool:
    """ "Latin America", «Латинская Америка»: the country's name is a continent's last word."""
    words = _region_words().get(code)
    if not words:
        return False
    previous = PREVIOUS_WORD.search(text[max(0, start - 30) : start])
    return previous is not None and previous.group(1).casefold().startswith(words)


def names_a_language(text: str, start: int, end: int, language: str = "en") -> bool:
    """An adjective of nationality that names a language: `Russian language`,
    `Russian-speaking`, `fluent in Russian and Polish`, `spoke Russian`; in Kazakh and
    Russian, one before the noun `language` or in a list ending in it («орыс және
    француз тілдерін», «на русском и английском языках»)."""
    after, before, listed = _language_patterns()
    if language in ("kk", "ru"):
        return listed.match(text, end) is not None
    return (
        after.match(text, end) is not None
        or before.search(text[max(0, start - 60) : start]) is not None
        or _language_alone(text, start, end)
    )


@lru_cache(maxsize=1)
def _currency_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    words = load_data("country_aliases.toml")["currency_words"]
    after = "|".join(re.escape(w) for w in sorted(words["after"], key=len, reverse=True))
    before = "|".join(re.escape(w) for w in sorted(words["before"], key=len, reverse=True))
    return (
        re.compile(rf"[ \u00a0]+(?:{after})", re.IGNORECASE),
        re.compile(rf"(?<!\w)(?:{before})\w*\.?[ \u00a0]+$", re.IGNORECASE),
    )


def names_a_currency(text: str, start: int, end: int) -> bool:
    """A country named only as its money's (`US dollars`, «АҚШ долларына», «долларов США»)
    is not a party to the article."""
    after, before = _currency_patterns()
    return after.match(text, end) is not None or before.search(text[max(0, start - 24) : start]) is not None


@lru_cache(maxsize=1)
def _filial_particles() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_data("names.toml")["filial_particles"])
    return re.compile(rf"(?<!\w)(?:{words})\s+$", re.IGNORECASE)


def _fathers_name(text: str, start: int) -> bool:
    """ "Abdulaziz bin Saud", «Әбдел Азиз бен Сауд»: a word after "son of" is a forebear's
    name inside another person's, never that register person's surname alone."""
    return _filial_particles().search(text, max(0, start - 8), start) is not None


INFLECTED_NOUN_MIN_LETTERS = 7
NEXT_WORD = re.compile(r"[»”\"]?[ \u00a0]+(\w+)")  # a closing quote may stand between


@lru_cache(maxsize=1)
def _institution_nouns() -> frozenset[str]:
    return frozenset(load_data("names.toml")["institution_nouns"])


@lru_cache(maxsize=1)
def _long_institution_nouns() -> tuple[str, ...]:
    """The nouns long enough to be read in any case form: one `startswith` for all of them."""
    return tuple(noun for noun in _institution_nouns() if len(noun) >= INFLECTED_NOUN_MIN_LETTERS)


@lru_cache(maxsize=1)
def _named_after() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in load_data("names.toml")["named_after"])
    return re.compile(rf"(?<!\w)(?:{words})\s*(?:\w\.\s*){{0,2}}[«“\"]?$", re.IGNORECASE)


def _named_after_before(text: str, start: int) -> bool:
    """ "аэропорт им. Н. Назарбаева": the name is an institution's, not the person's."""
    return _named_after().search(text, max(0, start - 24), start) is not None


def _names_an_institution(text: str, end: int) -> bool:
    """A leader's name right before an institution's noun (`Nazarbayev University`,
    `Назарбаев Университеті`) names the institution, not the person."""
    following = NEXT_WORD.match(text, end)
    if following is None:
        return False
    word = following.group(1).casefold()
    # a long noun in any case form (Университетінде, университетом); a short one as listed
    return word in _institution_nouns() or word.startswith(_long_institution_nouns())


@lru_cache(maxsize=1)
def _inside_name_nouns() -> tuple[str, ...]:
    return tuple(load_data("country_aliases.toml")["inside_names"]["nouns"])


def inside_a_name(text: str, start: int, end: int) -> bool:
    """A country word that begins an institution's proper name (`Мальта Ордені`, «қазақ-түрік
    университеті», `American University`) names that institution, not a party: the noun
    after it is capitalised, or the word is half of a hyphenated pair, as such names go."""
    following = NEXT_WORD.match(text, end)
    if following is None or not following.group(1).casefold().startswith(_inside_name_nouns()):
        return False
    hyphenated = text[start - 1 : start] == "-" or text[end : end + 1] == "-"
    return following.group(1)[:1].isupper() or hyphenated


def _scan(text: str, language: str, whole: bool) -> tuple[list[MentionSpan], list[RoleMention]]:
    tokens = tokenize(text)
    mentions = match_aliases(text, tokens)
    return mentions, read_roles(text, tokens, mentions, language, whole=whole)


def extract(title: str, paragraphs: list[str], language: str, day: dt.date | None) -> Entities:
    body = "\n\n".join(paragraphs)
    lead_end = len(paragraphs[0]) if paragraphs else 0
    # A headline is whole: its last word is never cut, as a body's may be where the copy ends.
    # Words written with a look-alike letter of another script are read in their own (same
    # length, so every offset is the text's).
    texts = {"title": in_own_script(title), "body": in_own_script(body)}
    scanned = {name: _scan(text, language, name == "title") for name, text in texts.items()}
    named = {
        m.key
        for mentions, _ in scanned.values()
        for m in mentions
        if m.entity_type == "leader" and m.kind in ("name", "honorific")
    }
    result = Entities()
    links: dict[str, LeaderLink] = {}
    weights: dict[str, float] = defaultdict(float)
    country_names: Counter[str] = Counter()
    country_demonyms: Counter[str] = Counter()
    org_counts: Counter[str] = Counter()

    def link(slug: str, *, in_register: bool = True, name: str = "") -> LeaderLink:
        if slug not in links:
            entry = leaders().get(slug)
            links[slug] = LeaderLink(slug, in_register, name or (entry.name_en if entry else slug))
            if not in_register:
                links[slug].latin = latin_form(links[slug].name)
        return links[slug]

    def weigh(slug: str, field_name: str, start: int) -> None:
        weights[slug] += 1.0
        if field_name == "title":
            weights[slug] += TITLE_WEIGHT
        elif start < lead_end:
            weights[slug] += LEAD_WEIGHT

    # register surnames the text gives alone, too weak by themselves to name anyone
    bare_surnames: list[tuple[MentionSpan, str]] = []
    discovered_surnames = _discovered_surnames(scanned)
    for field_name, (mentions, roles) in scanned.items():
        # a register surname a role's discovered name took in («Қырымбек Көшербаев») is
        # that person's, not the register leader's
        claimed = [(r.name_start or 0, r.name_end or 0) for r in roles if r.unknown_name]
        for m in mentions:
            key = m.key
            if m.entity_type == "leader" and any(s <= m.start and m.end <= e for s, e in claimed):
                continue
            if m.entity_type == "leader" and (
                _names_an_institution(texts[field_name], m.end)
                or _named_after_before(texts[field_name], m.start)
            ):
                continue
            if (
                m.entity_type == "leader"
                and m.kind == "surname"
                and m.surface.casefold() in discovered_surnames
                and m.surface.casefold() not in _surname_owners()
            ):
                # "Vice President Jusuf Kalla … Kalla said": the word is the surname of a
                # person the article names, not another form of a register surname (Kallas)
                continue
            if m.entity_type == "leader":
                if m.kind in ("surname", "courtesy"):
                    owner = (
                        _surname_owner(m, named, texts[field_name])
                        if m.kind == "surname"
                        else _courtesy_owner(m)
                    )
                    if owner is None:
                        if m.kind == "surname" and not _fathers_name(texts[field_name], m.start):
                            bare_surnames.append((m, field_name))
                        continue
                    key = owner
                entry = link(key)
                entry.mentions += 1
                entry.named = True
                weigh(key, field_name, m.start)
            elif m.entity_type == "country":
                if m.kind == "demonym" and names_a_language(texts[field_name], m.start, m.end, language):
                    continue
                if names_a_currency(texts[field_name], m.start, m.end):
                    continue
                if inside_a_name(texts[field_name], m.start, m.end):
                    continue
                if m.kind == "name" and names_a_region(texts[field_name], m.start, key):
                    continue
                (country_demonyms if m.kind == "demonym" else country_names)[key] += 1
            else:
                # a body is recorded with its parent: "UN General Assembly" is UNGA and UN
                org = organisations()[key]
                org_counts[org.top] += 1
                if org.code != org.top:
                    org_counts[org.code] += 1
            result.mentions.append(
                FoundMention(m.entity_type, key, field_name, m.start, m.end, m.surface, m.kind)
            )
    # Roles come after every name is known, so a title is "resolved" only for someone
    # the article never names.
    pending: list[tuple[RoleMention, str]] = []
    for field_name, (_mentions, roles) in scanned.items():
        for role in roles:
            if not _apply_role(role, field_name, day, link, weigh, result):
                pending.append((role, field_name))
            if role.ethnonym:
                country_demonyms[role.ethnonym] += 1
    if language == "ru":
        for field_name, (mentions, roles) in scanned.items():
            spans = [(r.title_start, r.title_end) for r in roles]
            spans += [
                (r.name_start, r.name_end)
                for r in roles
                if r.name_start is not None and r.name_end is not None
            ]
            for person in sentence_subjects(texts[field_name], mentions, spans):
                _link_person(person.name, person.start, person.end, field_name, link, weigh, result)
    # A title no date resolves may still be someone the article names: "Қазақстан
    # Президенті" in an undated text that said "Қазақстан президенті Қасым-Жомарт Тоқаев".
    stated = _stated_offices(scanned)
    for role, field_name in pending:
        holder = _named_holder(role, stated, links) or _surname_holder(role, bare_surnames)
        if holder is None:
            result.unresolved_titles.append(role.title)
            continue
        if not links.get(holder, LeaderLink(holder, True, "")).named:
            # "Bahrain's Foreign Minister … commended by Al Zayani": the title and the
            # surname together name the one register person who fits both
            for mention, surname_field in bare_surnames:
                if holder in _surname_owners().get(mention.surface.casefold(), frozenset({mention.key})):
                    link(holder).named = True
                    result.mentions.append(
                        FoundMention(
                            "leader",
                            holder,
                            surname_field,
                            mention.start,
                            mention.end,
                            mention.surface,
                            mention.kind,
                        )
                    )
        link(holder).mentions += 1
        weigh(holder, field_name, role.title_start)
        result.mentions.append(
            FoundMention("leader", holder, field_name, role.title_start, role.title_end, role.title, "title")
        )

    _fold_bare_surnames(links, weights, result)
    _fold_initialled_names(links, weights, result)
    _fold_patronymic_forms(links, weights, result)
    _fold_spelling_variants(links, weights, result)
    _fold_given_name_forms(links, weights, result)
    _fold_cyrillic_renderings(links, weights, result)
    for slug, entry in links.items():
        entry.centrality = round(weights[slug], 2)
        if entry.in_register and entry.affiliation is None:
            registered = leaders()[slug].role_on(day)
            entry.affiliation = registered.affiliation if registered else None
    result.leaders = sorted(links.values(), key=lambda e: (-e.centrality, e.slug))
    result.countries = {
        code: (country_names[code], country_demonyms[code])
        for code in sorted(set(country_names) | set(country_demonyms))
    }
    result.organisations = dict(sorted(org_counts.items()))
    result.mentions.sort(key=lambda m: (m.field != "title", m.start))
    result.unresolved_titles = list(dict.fromkeys(result.unresolved_titles))
    result.event_types = detect_events(title, paragraphs)
    return result


def _merge_into(
    owner: LeaderLink, slug: str, links: dict[str, LeaderLink], weights: dict[str, float], result: Entities
) -> None:
    """The discovered `slug` is `owner` under another name: its mentions and weight go over."""
    owner.mentions += links[slug].mentions
    weights[owner.slug] += weights.pop(slug, 0.0)
    del links[slug]
    result.mentions = [
        FoundMention(m.entity_type, owner.slug, m.field, m.start, m.end, m.surface, m.kind)
        if m.entity_type == "leader" and m.key == slug
        else m
        for m in result.mentions
    ]


def _fold_bare_surnames(links: dict[str, LeaderLink], weights: dict[str, float], result: Entities) -> None:
    """ "Minister Abdyldayev" after "Erlan Abdyldayev": a discovered one-word name that ends
    another person's name in the same article is that person."""
    for slug, entry in list(links.items()):
        if entry.in_register or " " in entry.name.strip():
            continue
        word = entry.name.casefold()
        owners = [
            other
            for other in links.values()
            if other.slug != slug and other.name.casefold().split()[-1:] == [word]
        ]
        if not owners and _monarch(entry.role_title):
            continue  # a monarch goes by one name ("King Philippe")
        if len(owners) != 1:
            # a lone word the register does not know ("Minister Secretary", «Министр
            # Шаккалиев») is too weak to make a person of
            del links[slug]
            weights.pop(slug, None)
            result.mentions = [m for m in result.mentions if m.entity_type != "leader" or m.key != slug]
            continue
        _merge_into(owners[0], slug, links, weights, result)


INITIAL = re.compile(r"\w\.")


def _fold_initialled_names(links: dict[str, LeaderLink], weights: dict[str, float], result: Entities) -> None:
    """ "Governor M. Balig" after "Governor Muhammad Balig", «М. Балиг» after «Мұхаммад Балиг»:
    a discovered name of initials and a surname is the one other discovered person of that
    surname whose given name starts with the initial (the register's own are matched by the
    text scan already)."""
    for slug, entry in list(links.items()):
        words = entry.name.split()
        if entry.in_register or len(words) < 2 or not all(INITIAL.fullmatch(w) for w in words[:-1]):
            continue
        surname, initial = words[-1].casefold(), words[0][0].casefold()
        owners = [
            other
            for other in links.values()
            if other.slug != slug
            and not other.in_register
            and len(other.name.split()) >= 2
            and other.name.split()[-1].casefold() == surname
            and other.name[:1].casefold() == initial
            and not INITIAL.fullmatch(other.name.split()[0])
        ]
        if len(owners) == 1:
            _merge_into(owners[0], slug, links, weights, result)


@lru_cache(maxsize=1)
def _monarch_keys() -> frozenset[str]:
    return frozenset(k for word in load_data("names.toml")["monarch_titles"] for k in token_keys(word))


def _monarch(title: str | None) -> bool:
    """A king's or a queen's title (`King`, `Бельгия королі`): a monarch goes by one name."""
    return title is not None and any(token_keys(w) & _monarch_keys() for w in WORD.findall(title))


def _fold_patronymic_forms(links: dict[str, LeaderLink], weights: dict[str, float], result: Entities) -> None:
    """ "Жансейіт Қансейітұлы" after "Жансейіт Түймебаев": a discovered given name and
    patronymic is the one other person of the article with that given name."""
    for slug, entry in list(links.items()):
        words = entry.name.split()
        if entry.in_register or len(words) != 2 or not patronymic(words[1]):
            continue
        given = words[0].casefold()
        owners = [
            other
            for other in links.values()
            if other.slug != slug
            and any(
                name.split()[0].casefold() == given
                for name in (other.name, *(leaders()[other.slug].names if other.in_register else ()))
                if len(name.split()) >= 2
            )
        ]
        if len(owners) == 1:
            _merge_into(owners[0], slug, links, weights, result)


VARIANT_MIN_LENGTH = 5
VOWELS = frozenset("aeiouyаеёиоуыэюяәіөұүй")
MIN_OUTLINE = 3


def outline(word: str) -> str:
    """A word's consonant outline across transliterations: folded letters and letter groups
    (names.toml's spelling_folds), then the first letter and the consonants after it, each
    once in a row: Berdymukhammedov and Berdimuhamedov are both `brdmhmdv`."""
    folded = fold(word.casefold())
    for written, common in _spelling_folds():
        folded = folded.replace(written, common)
    letters = [c for c in folded if c.isalpha()]
    if not letters:
        return ""
    consonants = [letters[0]] + [c for c in letters[1:] if c not in VOWELS]
    return "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])


@lru_cache(maxsize=1)
def _spelling_folds() -> tuple[tuple[str, str], ...]:
    return tuple((a, b) for a, b in load_data("names.toml")["spelling_folds"])


@lru_cache(maxsize=1)
def _register_outlines() -> dict[tuple[str, str], frozenset[str]]:
    """(given name outline, surname outline) of every register name of two words or more."""
    index: dict[tuple[str, str], set[str]] = defaultdict(set)
    for entry in leaders().values():
        for name in (entry.name_en, entry.name_ru, entry.name_kk, *entry.names):
            words = name.split()
            if len(words) >= 2:
                index[(outline(words[0]), outline(words[-1]))].add(entry.slug)
    return {key: frozenset(slugs) for key, slugs in index.items()}


def register_spelling(name: str) -> str | None:
    """The one register person a discovered name is another spelling of, if any: given
    name and surname with the same consonant outlines as one of their register names."""
    words = name.split()
    if len(words) < 2:
        return None
    key = (outline(words[0]), outline(words[-1]))
    if len(key[1]) < MIN_OUTLINE:
        return None
    owners = _register_outlines().get(key, frozenset())
    if not owners and words[-1].casefold().endswith(RUSSIFIED_ENDINGS):
        # `Мұрат Нұртілеуов` for the register's `Мұрат Нұртілеу`: a Kazakh surname written
        # with or without the Russian -ов/-ев is one name.
        bare = words[-1][: -len(next(e for e in RUSSIFIED_ENDINGS if words[-1].casefold().endswith(e)))]
        owners = _register_outlines().get((key[0], outline(bare)), frozenset())
        owners = frozenset(o for o in owners if not _russified(o))
    return next(iter(owners)) if len(owners) == 1 else None


RUSSIFIED_ENDINGS = ("ова", "ева", "ов", "ев", "ova", "eva", "ov", "ev")


def _russified(slug: str) -> bool:
    """A register person whose every surname already ends in -ов/-ев."""
    entry = leaders()[slug]
    names = (entry.name_en, entry.name_ru, entry.name_kk, *entry.names)
    return all(n.split()[-1].casefold().endswith(RUSSIFIED_ENDINGS) for n in names if n.split())


def _fold_spelling_variants(
    links: dict[str, LeaderLink], weights: dict[str, float], result: Entities
) -> None:
    """A discovered name that is another person of the article with one letter off
    (`Dmitry Preskov` beside `Dmitry Peskov`, a typo or a variant transliteration) is that
    person: same first word, surnames of five letters or more one edit apart. The other
    person's spellings are their name and the surfaces the text gives them."""
    for slug, entry in list(links.items()):
        words = entry.name.casefold().split()
        if entry.in_register or len(words) < 2 or len(words[-1]) < VARIANT_MIN_LENGTH:
            continue
        for other in links.values():
            if other.slug == slug:
                continue
            spellings = [other.name] + [
                m.surface for m in result.mentions if m.entity_type == "leader" and m.key == other.slug
            ]
            firsts = {w.casefold().split()[0] for w in spellings if w.strip()}
            lasts = {w.casefold().split()[-1] for w in spellings if w.strip()}
            if words[0] in firsts and any(one_edit_apart(words[-1], last) for last in lasts):
                _merge_into(other, slug, links, weights, result)
                break
            if words[-1] in lasts and any(_case_form_of(words[0], first) for first in firsts):
                # «Сагибы Гафарова» beside «Сагиба Гафарова»: a given name the morphology
                # does not know, left in the case the text gave it, with the same surname
                _merge_into(other, slug, links, weights, result)
                break


def _case_form_of(word: str, other: str) -> bool:
    """Two Cyrillic spellings of one given name in two cases (people_ru.case_forms_meet)."""
    return is_cyrillic(word) and is_cyrillic(other) and case_forms_meet(word, other)


def _namesakes(links: dict[str, LeaderLink], entry: LeaderLink) -> set[str]:
    """The given-name keys of the article's other people of `entry`'s surname (by sound)."""
    surname = name_key(entry.name)[-1]
    return {
        key[0]
        for other in links.values()
        if other.slug != entry.slug and len(key := name_key(other.name)) >= 2 and key[-1] == surname
    }


def _fold_given_name_forms(links: dict[str, LeaderLink], weights: dict[str, float], result: Entities) -> None:
    """A discovered `Steve Witkoff` is `Stephen Witkoff`: the slug takes the given name's full
    form (names.toml's given_name_forms), so the short and full forms meet in one article and
    across articles, unless the article names someone else of that surname with another
    given name."""
    for slug, entry in list(links.items()):
        if entry.in_register or len(entry.name.split()) < 2:
            continue
        target = person_slug(full_form_name(entry.name))
        if not target or target == slug or target in leaders():
            continue
        if _namesakes(links, entry) - {name_key(entry.name)[0]}:
            continue
        if target not in links:
            links[target] = replace(entry, slug=target, mentions=0)
        _merge_into(links[target], slug, links, weights, result)


def _fold_cyrillic_renderings(
    links: dict[str, LeaderLink], weights: dict[str, float], result: Entities
) -> None:
    """A discovered `Стивен Уиткофф` beside a discovered `Stephen Witkoff` is that person: every
    word's sound key agrees (app/entities/name_forms.py) and no one else of the article has
    that surname with another given name. The Latin spelling keeps the slug."""
    for slug, entry in list(links.items()):
        if entry.in_register or not is_cyrillic(entry.name):
            continue
        key = name_key(entry.name)
        if len(key) < 2 or not distinct_enough(key[-1]) or _namesakes(links, entry) - {key[0]}:
            continue
        owners = [
            other
            for other in links.values()
            if not other.in_register and not is_cyrillic(other.name) and name_key(other.name) == key
        ]
        if len(owners) == 1:
            _merge_into(owners[0], slug, links, weights, result)


def _stated_offices(
    scanned: dict[str, tuple[list[MentionSpan], list[RoleMention]]],
) -> dict[tuple[str, str], set[str]]:
    """(affiliation, office) -> the register leaders the article names with that role."""
    stated: dict[tuple[str, str], set[str]] = defaultdict(set)
    for _mentions, roles in scanned.values():
        for role in roles:
            if role.leader is not None and role.affiliation is not None and not role.deputy:
                for office in role.phrase.words.offices:
                    stated[(role.affiliation, office)].add(role.leader)
    return stated


def _named_holder(
    role: RoleMention, stated: dict[tuple[str, str], set[str]], links: dict[str, LeaderLink]
) -> str | None:
    """The one person the article names who holds this title: first whom the article itself
    gives this role, else the one named person the register says ever held the office."""
    if role.affiliation is None or not role.phrase.words.offices:
        return None
    offices = role.phrase.words.offices
    by_text = set().union(*(stated.get((role.affiliation, office), set()) for office in offices))
    if len(by_text) == 1:
        return by_text.pop()
    by_register = {
        slug
        for slug, entry in links.items()
        if entry.in_register
        and entry.named
        and slug in leaders()
        and any(r.affiliation == role.affiliation and r.office in offices for r in leaders()[slug].roles)
    }
    return by_register.pop() if len(by_register) == 1 and not by_text else None


def _surname_holder(role: RoleMention, bare_surnames: list[tuple[MentionSpan, str]]) -> str | None:
    """The one register person whose surname the text gives alone and who ever held the
    office a title here names (`Bahrain's Foreign Minister`, later `Al Zayani`)."""
    if role.affiliation is None or not role.phrase.words.offices or not bare_surnames:
        return None
    offices = role.phrase.words.offices
    holders = {
        slug
        for mention, _ in bare_surnames
        for slug in _surname_owners().get(mention.surface.casefold(), frozenset({mention.key}))
        if slug in leaders()
        and any(r.affiliation == role.affiliation and r.office in offices for r in leaders()[slug].roles)
    }
    return holders.pop() if len(holders) == 1 else None


class _Link(Protocol):
    """`extract`'s `link`: the article's link to a leader, made on first use."""

    def __call__(self, slug: str, *, in_register: bool = True, name: str = "") -> LeaderLink: ...


def _apply_role(
    role: RoleMention,
    field_name: str,
    day: dt.date | None,
    link: _Link,
    weigh: Callable[[str, str, int], None],
    result: Entities,
) -> bool:
    """Link the leader a role names or stands for; False for a title left unresolved."""
    if role.leader is not None:
        if role.deputy:
            return True
        entry = link(role.leader)
        entry.role_title = entry.role_title or role.title
        if role.affiliation:
            entry.affiliation = entry.affiliation or role.affiliation
        return True
    if role.unknown_name:
        person = _link_person(
            role.unknown_name, role.name_start or 0, role.name_end or 0, field_name, link, weigh, result
        )
        if person is not None:
            person.role_title = person.role_title or role.title
            if not person.in_register:
                person.affiliation = person.affiliation or role.affiliation
        return True
    if role.affiliation is None or not role.phrase.words.offices:
        return True
    resolved = resolve_title(role, day)
    if resolved is None:
        return False
    entry = link(resolved)
    entry.mentions += 1
    entry.resolved_from_title = entry.resolved_from_title or not entry.named
    entry.role_title = entry.role_title or role.title
    entry.affiliation = entry.affiliation or role.affiliation
    weigh(resolved, field_name, role.title_start)
    result.mentions.append(
        FoundMention("leader", resolved, field_name, role.title_start, role.title_end, role.title, "title")
    )
    return True


def _link_person(
    name: str,
    start: int,
    end: int,
    field_name: str,
    link: _Link,
    weigh: Callable[[str, str, int], None],
    result: Entities,
) -> LeaderLink | None:
    """Link a name the text gives beside a role or as a sentence's subject: a register
    person's own name the matcher did not read, else a discovered person."""
    slug = person_slug(name)
    if not slug:
        return None
    # a register person's own name, as written or in Latin letters, that the matcher did
    # not read (`Ухнаагийн Хүрэлсүхтың`: a case ending on a foreign name) is that person
    known = next((s for s in (slugify(name), slug) if s in leaders()), None) or register_spelling(name)
    if known is not None:
        # "Gurbanguly Berdymukhammedov" for the register's Berdimuhamedov
        entry = link(known)
        entry.mentions += 1
        entry.named = True
        weigh(known, field_name, start)
        result.mentions.append(FoundMention("leader", known, field_name, start, end, name, "name"))
        return entry
    entry = link(slug, in_register=False, name=name)
    entry.mentions += 1
    entry.named = True
    weigh(slug, field_name, start)
    result.mentions.append(FoundMention("leader", slug, field_name, start, end, name, "role"))
    return entry
