"""Role titles: "Президент Израиля Реувен Ривлин", "ҚХР Төрағасы Си Цзиньпин", "UN Secretary-General".

A role next to a known name confirms that leader's role; next to an unknown capitalised
name it discovers a person the register lacks; with no name at all it is a title, resolved
to whoever held that office on the article's date, or left unresolved.
"""

import datetime as dt
import re
from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.datafiles import load_data
from app.entities.matcher import MentionSpan, Token, surname_readings, token_keys
from app.entities.people_ru import PersonSpan, nominative_name, people_in
from app.entities.register import RoleWords, holder_of, initial_fits, leaders, role_words
from app.tablecache import cached
from app.text.analysis import WORD
from app.text.event_words import places_in
from app.text.fold import fold
from app.text.kazakh import Rules, kazakh_stems, load_rules
from app.text.morphology import russian_genitive, russian_verb

MAX_NAME_TOKENS = 4
PERSON_WINDOW = 6
SENTENCE_BREAK = re.compile(r"[.!?;\n]")
APPOSITION = re.compile(r"\s*,\s*")
MAX_FILLERS = 2
AFFILIATION_TYPES = ("country", "organisation")
# a hyphen before a lower-case rest of the word: a line-end break («Воло-динмен»)
BROKEN_WORD = re.compile(r"-(?=[^\W\d_A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]\w*$)")
KAZAKH_PLURAL = re.compile(r"(?:лар|лер|дар|дер|тар|тер)")


@dataclass(frozen=True)
class RolePhrase:
    words: RoleWords
    first: int
    last: int
    text: str


@dataclass(frozen=True)
class RoleMention:
    """A role in the text, with what stands next to it."""

    phrase: RolePhrase
    title: str  # the role and its affiliation as written, e.g. "президент Израиля"
    title_start: int
    title_end: int
    affiliation: str | None
    leader: str | None  # a register leader named right after the role
    unknown_name: str | None  # a capitalised name the register does not know
    name_start: int | None
    name_end: int | None
    deputy: bool = False
    ethnonym: str | None = None  # the country a bare ethnonym before the role names


@lru_cache(maxsize=1)
def _state_ethnonyms() -> dict[str, str]:
    table = load_data("country_aliases.toml").get("state_ethnonyms", {})
    return {key: code for code, forms in table.items() for form in forms for key in token_keys(form)}


def _ethnonym_before(tokens: list[Token], first: int) -> str | None:
    if first == 0:
        return None
    keys = tokens[first - 1].keys | {tokens[first - 1].text.casefold()}
    return next((_state_ethnonyms()[k] for k in keys if k in _state_ethnonyms()), None)


@lru_cache(maxsize=1)
def _phrases_by_first_key() -> dict[str, list[tuple[tuple[frozenset[str], ...], RoleWords, str]]]:
    """Role phrases indexed by the keys of their first word, longest phrase first: kept
    for the next process (tablecache), as each word's keys cost a fresh load 30 ms."""
    return cached("role-phrases", _built_phrases_by_first_key)


def _built_phrases_by_first_key() -> dict[str, list[tuple[tuple[frozenset[str], ...], RoleWords, str]]]:
    index: dict[str, list[tuple[tuple[frozenset[str], ...], RoleWords, str]]] = defaultdict(list)
    for words in role_words():
        for phrase in words.phrases:
            keys = tuple(token_keys(w) for w in WORD.findall(phrase))
            for key in keys[0]:
                index[key].append((keys, words, phrase))
    for words, phrase in _compound_deputy_phrases():
        keys = tuple(token_keys(w) for w in WORD.findall(phrase))
        for key in keys[0]:
            index[key].append((keys, words, phrase))
    for bucket in index.values():
        bucket.sort(key=lambda item: len(item[0]), reverse=True)
    return dict(index)


COMPOUND_MIN_LETTERS = 4


def _compound_deputy_phrases() -> list[tuple[RoleWords, str]]:
    """«замгубернатора», «замминистра иностранных дел»: Russian writes a deputy's title as
    one word, `зам` glued to the role's first word; each Russian phrase gets that form."""
    prefixes = _compound_prefixes()
    out: list[tuple[RoleWords, str]] = []
    for words, row in zip(role_words(), load_data("roles.toml")["role"], strict=True):
        for phrase in row.get("phrase_ru", []):
            first = WORD.findall(phrase)[0]
            if len(first) >= COMPOUND_MIN_LETTERS and first.isalpha():
                out.extend((words, prefix + phrase) for prefix in prefixes)
    return out


@lru_cache(maxsize=1)
def _compound_prefixes() -> tuple[str, ...]:
    return tuple(load_data("roles.toml")["deputies"]["compound_prefixes"])


def _compound_deputy(phrase: "RolePhrase") -> bool:
    """A role phrase of the compound form («замгубернатора»): a deputy's title."""
    return phrase.text.startswith(_compound_prefixes())


@lru_cache(maxsize=1)
def _deputy_words() -> frozenset[str]:
    return frozenset(w for phrase in load_data("roles.toml")["deputies"]["words"] for w in phrase.split())


@lru_cache(maxsize=1)
def _deputy_after() -> tuple[str, ...]:
    return tuple(load_data("roles.toml")["deputies"]["after_prefixes"])


def _deputy_word_before(tokens: list[Token], first: int) -> bool:
    """The word before the role's first is a deputy's (`Deputy`), part of the title."""
    return first > 0 and tokens[first - 1].text.lower() in _deputy_words()


@lru_cache(maxsize=1)
def _former_words() -> frozenset[str]:
    return frozenset(load_data("roles.toml")["former"]["words"])


@lru_cache(maxsize=1)
def _institution_words() -> frozenset[str]:
    return frozenset(load_data("roles.toml")["institutions"]["words"])


def _institution_before(tokens: list[Token], first: int) -> bool:
    """ "Administration of the President", «Администрации Президента»: the role names an
    institution (the words "of" and "the" may stand between)."""
    index = first - 1
    while index >= 0 and tokens[index].text.lower() in ("of", "the"):
        index -= 1
    return index >= 0 and tokens[index].text.lower() in _institution_words()


@lru_cache(maxsize=1)
def _capacity_words() -> dict[str, frozenset[str]]:
    table = load_data("roles.toml")["capacity"]
    return {key: frozenset(table[key]) for key in ("before", "after", "not_after")}


def _capacity(tokens: list[Token], phrase: RolePhrase) -> bool:
    """ "visited as chairman of the senate in 2016", «в качестве председателя», «төраға
    ретінде»: a role said of someone's capacity, at some time, names no holder by its title."""
    words = _capacity_words()
    index = phrase.first - 1
    while index >= 0 and tokens[index].text.lower() in ("the", "a", "an"):
        index -= 1
    if index >= 0 and tokens[index].text.lower() in words["before"]:
        return index == 0 or tokens[index - 1].text.lower() not in words["not_after"]
    following = phrase.last + 1
    return following < len(tokens) and tokens[following].text.lower() in words["after"]


@lru_cache(maxsize=1)
def _fillers() -> frozenset[str]:
    return frozenset(load_data("roles.toml")["fillers"]["words"])


def _abbreviation(token: Token) -> bool:
    return len(token.text) >= 2 and token.text.isupper()


def _phrase_last(keys: tuple[frozenset[str], ...], tokens: list[Token], at: int) -> int | None:
    """The index of a role phrase's last word when the phrase starts at `at`. A body's short
    name may stand between its words («институтының (МИЦА) директоры»): one word in capitals,
    skipped."""
    end = at + len(keys)
    if end <= len(tokens) and all(keys[i] & tokens[at + i].keys for i in range(len(keys))):
        return end - 1
    if len(keys) < 2:
        return None
    cursor = at
    for i, wanted in enumerate(keys):
        if (
            cursor < len(tokens)
            and i > 0
            and _abbreviation(tokens[cursor])
            and not wanted & tokens[cursor].keys
        ):
            cursor += 1
        if cursor >= len(tokens) or not wanted & tokens[cursor].keys:
            return None
        cursor += 1
    return cursor - 1


@lru_cache(maxsize=100_000)
def _phrase_candidates(keys: frozenset[str]) -> tuple[tuple[tuple[frozenset[str], ...], RoleWords, str], ...]:
    """The role phrases a token of these keys may open, longest first, in the order the index
    gives them key by key (the first that is there wins): worked out once per word form,
    not at every token of every article."""
    index = _phrases_by_first_key()
    candidates = [c for key in keys for c in index.get(key, ())]
    return tuple(sorted(candidates, key=lambda c: len(c[0]), reverse=True))


def find_role_phrases(tokens: list[Token], taken: set[int]) -> list[RolePhrase]:
    """Role phrases, longest first, on tokens that are not part of a name."""
    phrases: list[RolePhrase] = []
    at = 0
    while at < len(tokens):
        hit = None
        if at not in taken:
            for keys, words, text in _phrase_candidates(tokens[at].keys):
                last = _phrase_last(keys, tokens, at)
                if last is not None:
                    hit = RolePhrase(words, at, last, text)
                    break
        if hit is None:
            at += 1
        else:
            phrases.append(hit)
            at = hit.last + 1
    return phrases


def _mention_at(
    mentions_by_first: dict[int, MentionSpan], index: int, types: tuple[str, ...]
) -> MentionSpan | None:
    mention = mentions_by_first.get(index)
    return mention if mention is not None and mention.entity_type in types else None


def _affiliations_by_last(mentions: list[MentionSpan]) -> dict[int, MentionSpan]:
    """Country and organisation mentions by their last token (the first such mention when
    two end at one token): one pass, so each role finds its neighbour at once."""
    by_last: dict[int, MentionSpan] = {}
    for mention in mentions:
        if mention.entity_type in AFFILIATION_TYPES:
            by_last.setdefault(mention.last_token, mention)
    return by_last


class _People:
    """natasha's persons in one text that overlap no register leader, sorted, so the person
    next to a role is found by bisection instead of by a scan of every person (and every
    leader mention) for every role. natasha runs on the first role that needs it."""

    def __init__(self, text: str, mentions: list[MentionSpan]) -> None:
        self.text = text
        self.mentions = mentions
        self.people: list[PersonSpan] | None = None
        self.starts: list[int] = []
        self.ends: list[tuple[int, int]] = []

    def _load(self) -> list[PersonSpan]:
        if self.people is None:
            registered = sorted((m.start, m.end) for m in self.mentions if m.entity_type == "leader")
            starts = [start for start, _ in registered]
            # The running maximum of their ends: one bisection tells whether any leader
            # mention overlaps a span, however the mentions nest.
            reach: list[int] = []
            for _, end in registered:
                reach.append(max(end, reach[-1]) if reach else end)

            def overlaps(person: PersonSpan) -> bool:
                before = bisect_left(starts, person.end)
                return before > 0 and reach[before - 1] > person.start

            people = sorted(people_in(self.text), key=lambda p: (p.start, p.end))
            self.people = [p for p in people if not overlaps(p)]
            self.starts = [p.start for p in self.people]
            self.ends = sorted((p.end, i) for i, p in enumerate(self.people))
        return self.people

    def after(self, role_end: int, window_end: int) -> PersonSpan | None:
        """The first person starting after the role, if within the window and sentence: a
        later one has this one's gap inside its own, so it cannot qualify when this fails."""
        people = self._load()
        at = bisect_left(self.starts, role_end)
        straddling = people[at - 1] if 0 < at <= len(people) and people[at - 1].end > role_end else None
        if straddling is not None:
            # natasha's span may take in the role's last word («депутат Мажилиса Айдос
            # Серикбаев» → «Мажилиса Айдос Серикбаев»): the name is what follows the role
            taken = len(WORD.findall(self.text[straddling.start : role_end]))
            rest = WORD.search(self.text, role_end)
            words = straddling.name.split()[taken:]
            if rest is not None and len(words) >= 2:
                return PersonSpan(rest.start(), straddling.end, " ".join(words))
        if at == len(people):
            return None
        person = _without_place(self.text, people[at])
        gap = PLACE_ABBREVIATION.sub(" ", self.text[role_end : person.start])
        if person.start > window_end or SENTENCE_BREAK.search(gap):
            return None
        # «Глава государства принял губернатора … Александра Буркова»: a verb between
        # them makes the person the role holder's object, not the holder
        return None if any(russian_verb(w) for w in WORD.findall(gap)) else person

    def before(self, role_start: int) -> PersonSpan | None:
        """The person ending nearest before the role, if only a comma stands between: one
        ending earlier has this one inside its gap."""
        people = self._load()
        at = bisect_right(self.ends, (role_start, len(people))) - 1
        if at < 0:
            return None
        end, index = self.ends[at]
        return people[index] if APPOSITION.fullmatch(self.text[end:role_start]) else None


LIST_GOES_ON = re.compile(r"\s*(?:,|и\b|;)")


def text_list_after(text: str, end: int) -> bool:
    """A comma, «и» or a semicolon after a name: the sentence lists officials one by one."""
    return LIST_GOES_ON.match(text, end) is not None


# «г. Алматы», «обл.»: a Russian place type cut short before a place's name ends no sentence.
PLACE_ABBREVIATION = re.compile(r"(?<!\w)(?:г|гор|обл|пос|с)\.(?=\s*[А-ЯЁ])")
AFTER_PLACE_ABBREVIATION = re.compile(r"(?<!\w)(?:г|гор|пос|с)\.\s*$")


def _without_place(text: str, person: PersonSpan) -> PersonSpan:
    """natasha may read the city after «г.» into the name that follows it («г. Кызыл-Орда
    Жумабек Алиев»): the place's word is not the person's."""
    words = person.name.split()
    if len(words) < 3 or not AFTER_PLACE_ABBREVIATION.search(text, max(0, person.start - 8), person.start):
        return person
    rest = WORD.search(text, person.start + len(text[person.start :].split()[0]))
    if rest is None:
        return person
    return PersonSpan(rest.start(), person.end, " ".join(words[1:]))


OFFICE_WINDOW = 16  # tokens of a Russian office in the genitive between a role and its name
OFFICE_GAP = re.compile(r"\s+|\s*,\s+")


def _genitive_office(text: str, tokens: list[Token], first: int, end: int, roles: set[int]) -> bool:
    """«министр культуры, общественных и внешних связей Оренбургской области Name»: every
    word from `first` to the text position `end` depends on the role, a word in the
    genitive (pymorphy3), a proper noun in apposition (`Республики Казахстан`) or «и»,
    spaces or a comma between, no other role's word."""
    index = first
    while index < len(tokens) and tokens[index].start < end:
        token = tokens[index]
        if index in roles or not (
            token.text == "и"
            or token.capitalized
            or russian_genitive(token.text)
            or PLACE_ABBREVIATION.match(text, token.start)
        ):
            return False
        if token.capitalized and not token.text[:1].isalpha():
            return False
        following = tokens[index + 1].start if index + 1 < len(tokens) else end
        gap = text[token.end : min(following, end)] or " "
        place_type = PLACE_ABBREVIATION.match(text, token.start) is not None
        # «г. Кызыл-Орда»: a place type cut short and a hyphenated place name
        if not (OFFICE_GAP.fullmatch(gap) or place_type or (token.capitalized and gap == "-")):
            return False
        index += 1
    return index > first


def _person_after(
    tokens: list[Token],
    phrase: RolePhrase,
    cursor: int,
    people: _People,
    claimed: set[int],
    roles: set[int] | None = None,
) -> PersonSpan | None:
    """A person natasha finds right after the role (within a few words, same sentence),
    or right before it as an apposition ("Буй Тхань Шон, министр иностранных дел"); the one
    before wins, as the earlier in the text, unless an earlier role already named them
    ("аким Актау Абилкаир Байпаков, руководитель управления Нуртас Сали": a list of
    officials, each role before its own name)."""
    role_start, role_end = tokens[phrase.first].start, tokens[phrase.last].end
    window_end = tokens[min(cursor + PERSON_WINDOW, len(tokens) - 1)].end if tokens else role_end
    before = people.before(role_start)
    if before is not None and before.start in claimed:
        before = None
    after = people.after(role_end, window_end)
    if before is None and after is None and roles is not None:
        office_end = tokens[min(cursor + OFFICE_WINDOW, len(tokens) - 1)].end
        longer = people.after(role_end, office_end)
        if (
            longer is not None
            and longer.start not in claimed
            and _genitive_office(people.text, tokens, phrase.last + 1, longer.start, roles)
        ):
            after = longer
    if before is not None and after is not None and before.end > role_start - 3:
        # "Нышанкуль Каратаева, Посол Казахстана Еркебулан Сапиев": a name on each side;
        # the one after is the role's when the text goes on with a list
        return after if text_list_after(people.text, after.end) else before
    return before or after


CAPITALISED_GAP = re.compile(r"^(?:\s+[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*)*\s+$")


def _register_leader_after(
    text: str, by_first: dict[int, MentionSpan], end: int, cursor: int, count: int
) -> bool:
    """A register person's full name follows `end` within the role's window with only
    capitalised words between (`… Халк Маслахаты Туркменистана Гурбангулы …`)."""
    return any(
        m.entity_type == "leader"
        and m.kind == "name"
        and m.start >= end
        and CAPITALISED_GAP.match(text[end : m.start]) is not None
        for index in range(cursor, min(cursor + PERSON_WINDOW, count))
        if (m := by_first.get(index)) is not None
    )


def _office_contradicts(mention: MentionSpan, phrase: RolePhrase) -> bool:
    """A bare register surname whose every owner never held an office the role names."""
    offices = phrase.words.offices
    if mention.kind != "surname" or not offices:
        return False
    owners = surname_readings(mention.surface) | {mention.key}
    known = [leaders()[slug] for slug in owners if slug in leaders()]
    return bool(known) and not any(r.office in offices for entry in known for r in entry.roles)


def _skip_fillers(tokens: list[Token], cursor: int, named: set[int]) -> int:
    skipped = 0
    while cursor < len(tokens) and skipped < MAX_FILLERS and _is_filler(tokens[cursor], cursor, named):
        cursor += 1
        skipped += 1
    return cursor


@lru_cache(maxsize=1)
def _posting_words() -> frozenset[str]:
    return frozenset(load_data("roles.toml")["postings"]["words"])


def _skip_posting(tokens: list[Token], cursor: int, by_first: dict[int, MentionSpan], named: set[int]) -> int:
    """ "Ambassador of the United Kingdom to the Republic of Kazakhstan Kathy Leach": the
    country of the posting stands between the role and the name."""
    if cursor >= len(tokens) or tokens[cursor].text.lower() not in _posting_words():
        return cursor
    start = _skip_fillers(tokens, cursor + 1, named)
    place = _mention_at(by_first, start, AFFILIATION_TYPES)
    if place is not None:
        return place.last_token + 1
    if _posting_city(tokens, start, named):
        return start + 1  # "Consul General in Almaty Eric Meyer": a city of the posting
    # "… to the African Union Name": a body the register lacks, its name closed by an
    # institution's noun
    for end in range(start, min(start + MAX_BODY_WORDS, len(tokens))):
        if end in named or not tokens[end].capitalized:
            break
        if tokens[end].text.casefold() in _institution_nouns():
            return end + 1
    return cursor


MAX_BODY_WORDS = 4


def _posting_city(tokens: list[Token], index: int, named: set[int]) -> bool:
    """One capitalised word that the places table (capitals, residences) knows."""
    return (
        index < len(tokens)
        and index not in named
        and tokens[index].capitalized
        and bool(places_in(tokens[index].text))
    )


MAX_ASIDE_WORDS = 3


def _skip_aside(text: str, tokens: list[Token], cursor: int) -> tuple[int, bool]:
    """ "Ambassador of Kazakhstan to Kenya (concurrently) Barlybay Sadykov": a few lower-case
    words in brackets between a role and its name are a remark on the role. Returns the index
    after the bracket and whether one was skipped."""
    if (
        cursor == 0
        or cursor >= len(tokens)
        or not text[tokens[cursor - 1].end : tokens[cursor].start].endswith("(")
    ):
        return cursor, False
    index = cursor
    while index < len(tokens) and index - cursor < MAX_ASIDE_WORDS and tokens[index].text.islower():
        index += 1
        if index < len(tokens) and text[tokens[index - 1].end : tokens[index].start].strip() == ")":
            return index, True
    return cursor, False


@lru_cache(maxsize=1)
def _region_words() -> frozenset[str]:
    return frozenset(load_data("roles.toml")["regions"]["words"])


def _skip_region(tokens: list[Token], cursor: int, named: set[int]) -> int:
    """ "governor of Russia's Novgorod oblast Andrey Nikitin": a possessive's `s` and a region
    (capitalised words and a region noun) stand between the role and the name."""
    if cursor < len(tokens) and tokens[cursor].text == "s":
        cursor += 1
    for width in (1, 2):
        end = cursor + width
        words = tokens[cursor:end]
        if (
            end < len(tokens)
            and len(words) == width
            and all(t.capitalized and i not in named for i, t in enumerate(words, start=cursor))
            and tokens[end].text.casefold() in _region_words()
        ):
            return end + 1
    return cursor


MAX_RANK_WORDS = 3


@lru_cache(maxsize=1)
def _rank_words() -> tuple[frozenset[str], frozenset[str]]:
    ranks = load_data("roles.toml")["ranks"]
    return (
        frozenset(fold(w.casefold()) for w in ranks["core"]),
        frozenset(fold(w.casefold()) for w in ranks["with"]),
    )


def _skip_rank(tokens: list[Token], cursor: int, named: set[int]) -> int:
    """ "Defence Minister Colonel General Name", «министрі авиация генерал-лейтенанты Name»: a
    military or police rank between the role and the name is the holder's, not the name's."""
    core, extra = _rank_words()
    end, has_core = cursor, False
    while end < len(tokens) and end - cursor < MAX_RANK_WORDS and end not in named:
        keys = _word_keys(tokens[end])
        if keys & core:
            has_core = True
        elif not keys & extra:
            break
        end += 1
    return end if has_core and end < len(tokens) else cursor


def _name_before(
    text: str, tokens: list[Token], first: int, named: set[int], role_end: int = 0
) -> list[Token]:
    """ "Aleksey Borodavkin, Ambassador of Kazakhstan to Russia": in English the name may
    stand before its role, a comma between. Two to four capitalised words that open the
    sentence or follow a word in lower case (a longer run of capitals is a proper noun). An
    article may open the role ("Roman Vasylenko, the Deputy Foreign Minister of …") when the
    name opens its sentence ("According to Western Diplomats, the …" names no one)."""
    modified = _modifier_opens(text, tokens, first)
    article = modified is not None or _article_opens(text, tokens, first)
    if modified is not None:
        first = modified
    elif article:
        first -= 1
    if first == 0 or not APPOSITION.fullmatch(text[tokens[first - 1].end : tokens[first].start]):
        return []
    run: list[Token] = []
    index = first - 1
    while index >= 0:
        token = tokens[index]
        if (
            index in named
            or not token.capitalized
            or token.text.isupper()
            or _word_keys(token) & _stop_words()
        ):
            break
        run.insert(0, token)
        index -= 1
        if index < 0 or text[tokens[index].end : token.start] not in (" ", "-"):
            break
    if not 2 <= len(run) <= MAX_NAME_TOKENS or not all(_latin(t.text) for t in run):
        return []
    if index >= 0 and text[tokens[index].end : run[0].start] in (" ", "-") and tokens[index].capitalized:
        return []  # "In New York, Ambassador …", "Bank of America Merrill Lynch, Chairman …"
    if index >= 0 and tokens[index].text in _place_prepositions():
        return []  # "… with residence in Addis Ababa, Permanent Representative …": a place
    if (
        article
        and not SENTENCE_OPENS.search(text, 0, run[0].start)
        and not _apposition_goes_on(text, role_end)
    ):
        return []
    return run


@lru_cache(maxsize=1)
def _place_prepositions() -> frozenset[str]:
    return frozenset(_names_config()["place_prepositions"])


@lru_cache(maxsize=1)
def _apposition_words() -> frozenset[str]:
    return frozenset(_names_config()["apposition_goes_on"])


def _apposition_goes_on(text: str, role_end: int) -> bool:
    """ "According to Omar Alkanderi, the Ambassador of Kuwait, who …", "… by Andre Azoulay,
    the Senior Advisor to the King …": a role set off after a name inside a sentence is that
    name's apposition when it goes on as one (a comma, a preposition, a participle), not when
    a verb follows it as its subject's ("According to Western Diplomats, the Foreign Minister
    said …")."""
    if role_end <= 0:
        return False
    following = APPOSITION_TAIL.match(text, role_end)
    if following is None:
        return False
    if following.group(1) is not None:
        return True
    word = following.group(2)
    return word in _apposition_words() or (word.endswith("ing") and len(word) > 5)


APPOSITION_TAIL = re.compile(r"\s*(?:(,)|([a-z]+)\b)")


SENTENCE_OPENS = re.compile(r"(?:^|[.!?:\n])\s*$")


MAX_LEAD_IN = 2


def _office_lead_in(text: str, tokens: list[Token], first: int, named: set[int]) -> int | None:
    """ "Tran Van Minh, Politburo member, …": one or two capitalised words before a role that a
    comma opens are the role's body; the index of the first, for the name before the comma."""
    index = first
    while index > 0 and first - index < MAX_LEAD_IN:
        gap = text[tokens[index - 1].end : tokens[index].start]
        if APPOSITION.fullmatch(gap) and index < first:
            return index
        token = tokens[index - 1]
        if gap == " " and index < first and _article_opens(text, tokens, index):
            return index
        if gap != " " or index - 1 in named or not token.capitalized or token.text.isupper():
            return None
        index -= 1
    opened = index > 0 and APPOSITION.fullmatch(text[tokens[index - 1].end : tokens[index].start])
    return index if opened and index < first else None


@lru_cache(maxsize=1)
def _apposition_modifiers() -> frozenset[str]:
    return frozenset(_names_config()["apposition_modifiers"])


def _modifier_opens(text: str, tokens: list[Token], first: int) -> int | None:
    """ "Herman Van Rompuy, current President of …", "…, the then Foreign Minister …": a word
    of time before the role, after the comma (and `the`), opens the apposition as `the` does.
    The index of the word after the comma, or None."""
    index = first - 1
    if index < 1 or tokens[index].text not in _apposition_modifiers():
        return None
    if _comma_before(text, tokens, index):
        return index
    return index - 1 if _article_opens(text, tokens, index) else None


def _article_opens(text: str, tokens: list[Token], first: int) -> bool:
    """A comma, then `the` right before this token: ", the Deputy Foreign Minister"."""
    return first >= 2 and tokens[first - 1].text == "the" and _comma_before(text, tokens, first - 1)


def _possessive(text: str, tokens: list[Token], index: int) -> bool:
    """ "Spain's foreign minister": the token is the `s` of a possessive, so the country
    before it is the role's."""
    return (
        index > 0
        and tokens[index].text == "s"
        and text[tokens[index - 1].end : tokens[index].start] in APOSTROPHES
    )


def _is_filler(token: Token, index: int, named: set[int]) -> bool:
    return token.text.lower() in _fillers() and index not in named


def _adjacent(text: str, tokens: list[Token], index: int) -> bool:
    """Only spaces (or a hyphen) between this token and the one before: no sentence break."""
    if index == 0:
        return False
    gap = text[tokens[index - 1].end : tokens[index].start]
    return gap.strip(" -") == "" and "\n" not in gap


def _comma_before(text: str, tokens: list[Token], index: int) -> bool:
    """Only a comma and spaces between this token and the one before."""
    return index > 0 and text[tokens[index - 1].end : tokens[index].start].strip() == ","


NAME_END = re.compile(r"\s*(?:[;,.)]|\n|$)")
# "… Harmony, Chaudhry Salik Hussain and discussed …": a verb's clause after the name ends it.
CLAUSE_AFTER_NAME = re.compile(r" and (?=[a-z])")


def _apposed(text: str, tokens: list[Token], index: int) -> bool:
    """ "Ambassador of Spain, Luis Martinez Montes": only a comma between the role's country
    and the next word, which may then begin the name."""
    if index == 0 or index >= len(tokens):
        return False
    gap = text[tokens[index - 1].end : tokens[index].start]
    if gap.startswith(")") and index >= 2 and _bracketed_abbreviation_gap(text, tokens, index - 1):
        gap = gap[1:]  # "… of Ruritania (ROR), Name,"
    return APPOSITION.fullmatch(gap) is not None


def _closes_apposition(text: str, run: list[Token]) -> bool:
    """A name in apposition is a whole clause of its own: two words or more, then a comma,
    a semicolon or the end of the sentence ("…of Estonia, Jaap Ora; …"), not the start of
    a longer phrase ("…of Kazakhstan, Astana hosted…")."""
    return len(run) >= 2 and NAME_END.match(text, run[-1].end) is not None


def _comma_closed_name(text: str, tokens: list[Token], cursor: int, named: set[int]) -> bool:
    """ "Vice Prime Minister, Umirzak Shukeev, met …": a role with no country after it takes
    the name after its comma only when a second comma closes the name, as an apposition
    between commas ("The Minister of Energy, Paul Osei said …" names no one)."""
    run, _ = _name_run(text, tokens, cursor, named)
    return len(run) >= 2 and text.startswith(",", run[-1].end)


def _clause_follows(text: str, tokens: list[Token], run: list[Token]) -> bool:
    """ "Ambassador of Kazakhstan to Pakistan, Yerzhan Kistafin this week met …": after two
    words or more of a name, a lower-case function word (data/names.toml's not_names) opens
    the clause the name is the subject of."""
    after = tokens.index(run[-1]) + 1
    if len(run) < 2 or after >= len(tokens) or text[run[-1].end : tokens[after].start] != " ":
        return False
    word = tokens[after].text
    # a role's word names the run's office instead ("Astana Hub director")
    return word.islower() and word in _stop_words() and word not in _role_word_set()


ROLE_WORD_MIN_LETTERS = 4


def patronymic(word: str) -> bool:
    """A word that ends as a patronymic does (Қансейітұлы, Абишевич), any case form's
    ending cut first."""
    folded = word.casefold()
    endings = tuple(_names_config()["patronymic_endings"])
    return len(folded) > 5 and any(form.endswith(endings) for form in (folded, *kazakh_stems(folded)))


MIN_NAME_STEM_LETTERS = 3


@lru_cache(maxsize=1)
def _kazakh_rules() -> Rules:
    return load_rules()


def name_case_stem(word: str) -> str:
    """A name with its Kazakh case ending cut (`Хүрэлсүхтың` → `Хүрэлсүх`, `Саберді` →
    `Сабер`): only a case ending (a name carries no possessive: `Акынджы` stays whole), the
    ending's first sound fitting the name's last (data/kazakh_suffixes.toml), and vowel
    harmony not asked for, as foreign names do not keep it. Three letters stay at least. A
    locative is not cut: a person is not a place, and foreign names end so (`Ямада`)."""
    rules = _kazakh_rules()
    lower = word.lower()
    kept = _name_endings_kept()
    for suffix in rules.case:
        if suffix.after_possessive or suffix.form in kept or not lower.endswith(suffix.form):
            continue
        stem = lower[: -len(suffix.form)]
        core = stem.rstrip(rules.silent)
        if len(stem) < MIN_NAME_STEM_LETTERS or not core:
            continue
        if suffix.after and rules.letter_class.get(core[-1]) not in suffix.after:
            continue
        return word[: len(stem)]
    return word


@lru_cache(maxsize=1)
def _name_endings_kept() -> frozenset[str]:
    return frozenset(_names_config()["name_endings_kept"])


def _kazakh_noun(word: str) -> bool:
    """A Cyrillic word that ends as a Kazakh abstract noun once its case ending is cut
    (`Қауымдастықтың` → қауымдастық; names.toml's kazakh_noun_endings)."""
    if _latin(word):
        return False
    return name_case_stem(word).casefold().endswith(tuple(_names_config()["kazakh_noun_endings"]))


def _made_of_a_verb(word: str) -> bool:
    """`Сатыбалды`, `Құдайберді`: a name made of a past-tense verb after a stem of three
    letters or more keeps its -ды/-ді (`Саберді` is Сабер with an accusative)."""
    folded = word.casefold()
    return any(
        folded.endswith(ending) and len(folded) - len(ending) >= MIN_NAME_STEM_LETTERS
        for ending in _names_config()["verb_name_endings"]
    )


def normalise_kazakh_name(words: list[str]) -> str:
    """Strip the case ending the last word carries (Мамауға → Мамау); a patronymic keeps
    its own ending (Қансейітұлы, not Қансейітұл), and so does a name made of a verb
    (Сатыбалды, not Сатыбал)."""
    last = words[-1]
    patronymic_form = last.casefold().endswith(tuple(_names_config()["patronymic_endings"]))
    if "-" not in last and not patronymic_form and not _made_of_a_verb(last):
        last = name_case_stem(last)
    elif "-" in last:
        last = _hyphenated_case_stem(last)
    return " ".join([*words[:-1], last])


def _hyphenated_case_stem(word: str) -> str:
    """`әл-Джабермен` → `әл-Джабер`, `Жан-Пьерге` → `Жан-Пьер`: a hyphenated name carries its
    case ending on its last part, cut when that part is a name's (a capital) and long enough."""
    head, _, tail = word.rpartition("-")
    if not tail[:1].isupper() or patronymic(tail) or _made_of_a_verb(tail):
        return word
    return f"{head}-{name_case_stem(tail)}"


@lru_cache(maxsize=1)
def _role_word_set() -> frozenset[str]:
    """Every word of a role phrase, of four letters or more (not "of", "the")."""
    return frozenset(
        word.casefold()
        for role in role_words()
        for phrase in role.phrases
        for word in phrase.split()
        if len(word) >= ROLE_WORD_MIN_LETTERS
    )


@lru_cache(maxsize=1)
def _names_config() -> dict[str, Any]:
    return load_data("names.toml")


@lru_cache(maxsize=1)
def _headline_verbs() -> frozenset[str]:
    return frozenset(_names_config()["headline_verbs"])


STOP_STEM_MIN_LETTERS = 4


@lru_cache(maxsize=3)
def _not_names(language: str) -> frozenset[str]:
    """The words and their case forms' stems; a stem shorter than four letters only as the
    word itself, so `ханым` (madam) does not make the name `Хань` (stem `хан`) a stop word."""
    words = _names_config()["not_names"].get(language, [])
    return frozenset(
        k for w in words for k in token_keys(w) if k == w.casefold() or len(k) >= STOP_STEM_MIN_LETTERS
    )


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    """Every language's list: a Title-Case English headline may stand in a Kazakh file."""
    return frozenset().union(*(_not_names(language) for language in _names_config()["not_names"]))


@lru_cache(maxsize=1)
def _particles() -> frozenset[str]:
    return frozenset(_names_config()["particles"])


def _word_keys(token: Token) -> frozenset[str]:
    return token.keys | {token.text.casefold()}


VOWELS = set("aeiouyаеёиоуыэюяәіөұүй")


def _first_consonant(word: str) -> str:
    folded = fold(word.casefold())
    return next((c for c in folded if c.isalpha() and c not in VOWELS), "")


def _given_name_owner(given: Token, surname: MentionSpan, tokens: list[Token]) -> str | None:
    """The one register leader with this surname whose given name starts like `given`
    ("Ermack" for Yermek, «Режеп» for Реджеп); None when there is none or more than one
    (Al Nahyan, Aliyev are family names)."""
    surname_keys = tokens[surname.last_token].keys
    consonant = _first_consonant(given.text)
    owners = set()
    for leader in leaders().values():
        for name in leader.names:
            words = WORD.findall(name)
            if len(words) < 2 or not token_keys(words[-1]) & surname_keys:
                continue
            if _first_consonant(words[0]) == consonant and _latin(words[0]) == _latin(given.text):
                owners.add(leader.slug)
    return owners.pop() if len(owners) == 1 else None


def _joined(gap: str) -> bool:
    """Only spaces, hyphens and name particles between two parts of one name."""
    return all(w.casefold() in _particles() for w in WORD.findall(gap)) and not WORD.sub("", gap).strip(" -")


def _truncated(text: str, end: int) -> bool:
    """A name that runs into the end of a cut-off text («Ал Түркия Президенті Реже»)."""
    tail = text[end:]
    return not tail.strip() and not text.rstrip().endswith((".", "!", "?", "»", '"', ")"))


def _latin(word: str) -> bool:
    return word[:1].isascii()


# Russian plural endings after a noun's stem (депутат-ов, председател-ей, министр-ами); the
# singular's case endings (-а, -у, -ом, -е, -я, -ю, -ем) are not among them.
RUSSIAN_PLURAL = frozenset({"ы", "и", "ов", "ев", "ей", "ам", "ям", "ами", "ями", "ах", "ях"})
# the same after a noun in -а/-я (коллега), without -и/-ы, which its singular's genitive shares
RUSSIAN_PLURAL_A_STEM = frozenset({"", "ам", "ям", "ами", "ями", "ах", "ях"})


def plural_role(phrase: "RolePhrase", tokens: list[Token], language: str = "") -> bool:
    """ "Heads of State", «министрлері», «депутатов»: a role in the plural names no one person.
    Russian endings only in a Russian text: Kazakh's `губернаторы` is "its governor"."""
    for word, token in zip(WORD.findall(phrase.text), tokens[phrase.first : phrase.last + 1], strict=False):
        surface = token.text.casefold()
        if surface.isascii() and surface.endswith("s") and not word.casefold().endswith("s"):
            return True
        stem = word.casefold().removesuffix("ь")
        if (
            language == "ru"
            and stem[-1:] not in "аяоеё"
            and surface.startswith(stem)
            and surface[len(stem) :] in RUSSIAN_PLURAL
        ):
            return True
        if (
            language == "ru"
            and stem[-1:] in "ая"
            and surface.startswith(stem[:-1])
            and surface[len(stem) - 1 :] in RUSSIAN_PLURAL_A_STEM
        ):
            return True  # коллег-ам, коллег (genitive); коллеги is the singular's genitive too
        if KAZAKH_PLURAL.search(surface[len(word) - 1 :]) and not KAZAKH_PLURAL.search(word):
            return True
    return False


@lru_cache(maxsize=1)
def _surname_endings() -> tuple[str, ...]:
    return tuple(_names_config()["surname_endings"])


def _surname_form(word: str) -> bool:
    """A Cyrillic word that ends as a surname does, once a Kazakh case ending is cut
    («Хетагуровпен» → хетагуров), or a name made of a verb (`Дархан Сатыбалды Орталық Азия
    …`): the name it ends is complete."""
    if _latin(word):
        return False
    folded = word.casefold()
    forms = (folded, *kazakh_stems(folded))
    return any(form.endswith(_surname_endings()) for form in forms) or _made_of_a_verb(word)


def _links_office_words(text: str, tokens: list[Token], index: int) -> bool:
    """A lower-case function word ("for", "of") before a capitalised word that names no
    one ("International", "Foreign"), one space on either side: the role goes on."""
    if index + 1 >= len(tokens) or tokens[index].capitalized:
        return False
    token, following = tokens[index], tokens[index + 1]
    spaced = text[tokens[index - 1].end : token.start] == " " and text[token.end : following.start] == " "
    stop = _stop_words()
    return (
        spaced
        and bool(_word_keys(token) & stop)
        and following.capitalized
        and bool(_word_keys(following) & stop)
    )


@lru_cache(maxsize=1)
def _institution_nouns() -> frozenset[str]:
    return frozenset(_names_config()["institution_nouns"])


@lru_cache(maxsize=1)
def _honorific_styles() -> tuple[tuple[str, ...], ...]:
    """names.toml's styles as casefolded word tuples, longest first."""
    styles = (tuple(w.casefold() for w in WORD.findall(s)) for s in _names_config()["honorific_styles"])
    return tuple(sorted(styles, key=len, reverse=True))


@lru_cache(maxsize=1)
def _capitals_styles() -> frozenset[str]:
    """Styles the data writes in capitals ("HE"): read only so written, as `He` is a
    pronoun and a Chinese surname ("He Lifeng")."""
    return frozenset(
        w.casefold()
        for s in _names_config()["honorific_styles"]
        for w in WORD.findall(s)
        if len(w) > 1 and w.isupper()
    )


def _style_word(written: str, style_word: str) -> bool:
    return written.casefold() == style_word and (style_word not in _capitals_styles() or written.isupper())


def honorific_width(text: str, tokens: list[Token], cursor: int) -> int:
    """How many tokens from `cursor` make a style ("Datuk Seri", "Dr"), capitalised and
    followed by a space or a dot; 0 when none starts there."""
    for style in _honorific_styles():
        end = cursor + len(style)
        if end >= len(tokens):
            continue
        words = tokens[cursor:end]
        if not all(t.capitalized and _style_word(t.text, w) for t, w in zip(words, style, strict=True)):
            continue
        gaps = [
            text[a.end : b.start]
            for a, b in zip(tokens[cursor:end], tokens[cursor + 1 : end + 1], strict=True)
        ]
        if all(gap.strip(".'’ ") == "" and gap != "" for gap in gaps):
            return len(style)
    return 0


MAX_STYLE_TOKENS = 3  # "Tan Sri", "H.E. Mr": a style is at most this many words


@lru_cache(maxsize=1)
def _styles_in_names() -> frozenset[str]:
    return frozenset(w.casefold() for w in _names_config()["styles_in_names"])


def _skip_style_before_leader(
    text: str, tokens: list[Token], cursor: int, by_first: dict[int, MentionSpan]
) -> int:
    """ "UAE President Sheikh <register name>", "Minister H.E. <register name>": a style
    between a role and a register person's name; a style that is also a name's part
    (Sheikh, Tengku) is skipped only there, where the register says where the name begins."""
    if cursor >= len(tokens) or not any(
        _mention_at(by_first, cursor + width, ("leader",)) for width in range(1, MAX_STYLE_TOKENS + 1)
    ):
        return cursor  # no register name just after: nothing to skip to (and no style to read)
    width = honorific_width(text, tokens, cursor)
    if not width and tokens[cursor].text.casefold() in _styles_in_names():
        width = 1
    if width and _mention_at(by_first, cursor + width, ("leader",)) is not None:
        return cursor + width
    return cursor


APOSTROPHES = ("'", "’")
MAX_NAME_TOKENS_LATIN = 5  # "Tengku Zafrul Tengku Abdul Aziz", once its styles are skipped


def _name_run(text: str, tokens: list[Token], cursor: int, named: set[int]) -> tuple[list[Token], int]:
    """Capitalised words from `cursor` on, as one name: lower-case particles between two of
    them (bin, van der, оглы, ұлы) and a regnal number after them (Abdullah II) belong to it;
    styles (Datuk Seri, Dr) are skipped; a function word or a place stops it. Returns the
    name's tokens and the index after them."""
    run: list[Token] = []
    capitals = 0
    language_stop = _stop_words()
    while cursor < len(tokens) and capitals < (
        MAX_NAME_TOKENS_LATIN if run and _latin(run[0].text) else MAX_NAME_TOKENS
    ):
        token = tokens[cursor]
        if cursor in named:
            break
        style = honorific_width(text, tokens, cursor)
        if style:
            cursor += style
            continue
        if not run and _initials_before_surname(text, tokens, cursor, named):
            # «әкімі Қ.Көшербаев»: initials and the surname they stand before are the name
            while len(tokens[cursor].text) == 1:
                run.append(tokens[cursor])
                cursor += 1
            run.append(tokens[cursor])
            if not _latin_name_goes_on(text, tokens, cursor + 1, named):
                return run, cursor + 1
            # "Ambassador M. Fadjroel Rachman": a Latin initial stands for a given name, and
            # the name goes on
            capitals += 1
            cursor += 1
            continue
        if run and _middle_initial(text, tokens, cursor, named):
            # "Kalybek I. Koblandin", "John F. Kennedy": a middle initial inside a Latin name
            run.append(tokens[cursor])
            cursor += 1
            continue
        is_particle = (
            run
            and token.text.casefold() in _particles()
            and cursor + 1 < len(tokens)
            # "Ali bin al-Hussein", «Әли бен әл-Хусейн»: the particle's name may open on an
            # article joined to it by a hyphen
            and (tokens[cursor + 1].capitalized or _hyphen_link_at(text, tokens, cursor + 1))
        )
        is_regnal = run and token.text in _names_config()["regnal"]
        if is_regnal:
            run.append(token)
            cursor += 1
            break
        if not is_particle:
            if not run and _links_office_words(text, tokens, cursor):
                # "Special Representative for International Cooperation Erzhan Kazykhan":
                # a lower-case link into the office's own words, not yet the name
                cursor += 1
                continue
            if run and _capitals_surname(token.text) and _latin(token.text) == _latin(run[0].text):
                # «Рүстем ХАМИТОВ», "Yuri BERG": a paper's surname in capitals after a
                # given name ends the name
                capitals += 1
                run.append(token)
                cursor += 1
                break
            if not token.capitalized or token.text.isupper():
                break
            if token.text.casefold() in _headline_verbs():
                break  # "Foreign Minister Supports Strong Ties": the verb ends any name
            if _word_keys(token) & language_stop:
                if run:
                    # "Security Council", «Президент Әкімшілігі»: a proper noun, not a name
                    return [], cursor
                # "Minister of Energy Almassadam Satkaliyev", "Dr Ranjan Kumar": not yet the name
                gap = text[token.end : tokens[cursor + 1].start] if cursor + 1 < len(tokens) else ""
                cursor += 1
                if gap.strip(" .-"):
                    break
                continue
            if run and _latin(token.text) != _latin(run[0].text):
                break  # «Берік Уәли Facebook-тегі»: a name keeps to one script
            if capitals >= 2 and _kazakh_noun(token.text):
                break  # «Ақерке Абылайхан Қауымдастықтың»: a noun follows the name
            if capitals >= 1 and places_in(token.text):
                break  # «… Бонне Астанаға келді»: a place (the gazetteer's) follows the name
            capitals += 1
        run.append(token)
        gap = text[token.end : tokens[cursor + 1].start] if cursor + 1 < len(tokens) else ""
        cursor += 1
        if gap in APOSTROPHES and tokens[cursor].text[:1].islower() and tokens[cursor].text != "s":
            # "Na’im": an apostrophe and a lower-case rest belong to the word (a possessive's
            # `s` does not: "Yacob’s visit")
            run.append(tokens[cursor])
            gap = text[tokens[cursor].end : tokens[cursor + 1].start] if cursor + 1 < len(tokens) else ""
            cursor += 1
        if gap == "-" and _hyphen_link_at(text, tokens, cursor):
            # "Baligh-ur-Rehman": the link and the capitalised word after it are the name's
            run.append(tokens[cursor])
            cursor += 1
            continue
        if gap == "-" and capitals >= 2 and tokens[cursor].text[:1].islower():
            # «Вячеслав Воло-динмен»: a word broken at a line end, or a case ending after a
            # hyphen («Ахметов-тың»); the rest of the word ends the name
            run.append(tokens[cursor])
            cursor += 1
            break
        if gap not in (" ", "-") or (
            capitals >= 2 and _surname_form(token.text) and not _second_half(text, tokens, cursor - 1)
        ):
            break
    while run and run[-1].text.casefold() in _particles():
        run.pop()
    if any(t.text.casefold() in _institution_nouns() for t in run):
        return [], cursor  # "the Communist Party of …": an institution's name, not a person's
    after = tokens.index(run[-1]) + 1 if run else cursor
    if run and after < len(tokens) and tokens[after].text.casefold() in _institution_nouns():
        # "the Nur Otan party": the capitalised words name an institution
        return [], after
    while (
        after < len(tokens)
        and tokens[after].text.casefold() in _particles()
        and not text[tokens[after - 1].end : tokens[after].start].strip(" -")
    ):
        after += 1
    return run, after


def _second_half(text: str, tokens: list[Token], index: int) -> bool:
    """«Свен-Олов Карлсон»: the token is a hyphenated given name's second half, so its
    surname-like ending (-ов) does not end the name; the surname is still to come."""
    return index > 0 and text[tokens[index - 1].end : tokens[index].start] == "-"


@lru_cache(maxsize=1)
def _hyphen_links() -> frozenset[str]:
    return frozenset(_names_config()["hyphen_links"])


@lru_cache(maxsize=1)
def _hyphen_compound_words() -> frozenset[str]:
    return frozenset(_names_config()["hyphen_compound_words"])


def _hyphen_link_at(text: str, tokens: list[Token], index: int) -> bool:
    """A link of a hyphenated Arabic or Urdu name ("Baligh-ur-Rehman", «Балиг-ур-Рехман»):
    a listed lower-case word with a hyphen on each side and a capitalised word after it."""
    return (
        index + 1 < len(tokens)
        and tokens[index].text.casefold() in _hyphen_links()
        and text[tokens[index].end : tokens[index + 1].start] == "-"
        and tokens[index + 1].capitalized
    )


MAX_SYLLABLE_LETTERS = 5


def _given_name_syllable(word: str) -> bool:
    """ "Seung-bae", "Ki-moon", "Jae-in": a Latin word's lower-case half after a hyphen that
    is a given name's second syllable, not an English word making a compound ("Tokayev-led")."""
    head, _, tail = word.partition("-")
    return (
        bool(tail)
        and _latin(head)
        and head[:1].isupper()
        and tail.isascii()
        and tail.isalpha()
        and tail.islower()
        and len(tail) <= MAX_SYLLABLE_LETTERS
        and tail not in _hyphen_compound_words()
    )


def _with_hyphen_tail(text: str, tokens: list[Token], run: list[Token]) -> list[Token]:
    """A name's run with its last word's hyphenated rest: a given name's second syllable
    ("… Political Affairs Yeo Seung-bae") or a link and the word after it ("Baligh-ur-Rehman")."""
    after = tokens.index(run[-1]) + 1
    while after < len(tokens) and text[run[-1].end : tokens[after].start] == "-":
        if _hyphen_link_at(text, tokens, after):
            run = [*run, tokens[after], tokens[after + 1]]
            after += 2
            continue
        ends_word = text[tokens[after].end : tokens[after].end + 1] != "-"
        if ends_word and _given_name_syllable(f"{run[-1].text}-{tokens[after].text}"):
            run = [*run, tokens[after]]
        break
    return run


CAPITALS_SURNAME_MIN_LETTERS = 3
INITIAL_GAP = re.compile(r"\. ?")
MAX_INITIALS = 2


def _initials_before_surname(text: str, tokens: list[Token], cursor: int, named: set[int]) -> bool:
    """One or two capital initials, each with its dot, then a capitalised surname of three
    letters or more («Қ.Көшербаев», "A. B. Kusainov"). A register surname after initials
    that fit its owner is that leader's mention, not a name to discover («Е.Көшербаев»)."""
    at = cursor
    while at < len(tokens) and at - cursor < MAX_INITIALS and len(tokens[at].text) == 1:
        following = tokens[at + 1] if at + 1 < len(tokens) else None
        if not tokens[at].text.isupper() or following is None:
            return False
        if not INITIAL_GAP.fullmatch(text[tokens[at].end : following.start]):
            return False
        at += 1
    if at == cursor or at >= len(tokens):
        return False
    surname = tokens[at]
    if not surname.capitalized or len(surname.text) < CAPITALS_SURNAME_MIN_LETTERS:
        return False
    if _latin(surname.text) != _latin(tokens[cursor].text):
        return False
    if at in named:
        # a word of a register name («H.E.Kassym-Jomart») is no surname after initials; a
        # register surname is, unless the initial fits its owner
        readings = surname_readings(surname.text)
        initial = tokens[cursor].text
        return bool(readings) and not any(initial_fits(slug, initial) for slug in readings)
    return not (_word_keys(surname) & _stop_words())


def _latin_name_goes_on(text: str, tokens: list[Token], index: int, named: set[int]) -> bool:
    """After initials and a Latin word, another capitalised Latin word (only a space between)
    is the same name's: the initials stood for a given name ("M. Fadjroel Rachman")."""
    if index >= len(tokens) or text[tokens[index - 1].end : tokens[index].start] != " ":
        return False
    return _latin(tokens[index - 1].text) and _latin_name_word(tokens, index, named)


def _latin_name_word(tokens: list[Token], index: int, named: set[int]) -> bool:
    """A capitalised Latin word that may belong to a name (no function or office word)."""
    if index >= len(tokens) or index in named:
        return False
    token = tokens[index]
    return (
        token.capitalized
        and not token.text.isupper()
        and _latin(token.text)
        and not _word_keys(token) & _stop_words()
    )


def _middle_initial(text: str, tokens: list[Token], index: int, named: set[int]) -> bool:
    """One capital letter with its dot between two capitalised Latin words of a name."""
    token = tokens[index]
    return (
        len(token.text) == 1
        and token.text.isupper()
        and _latin(token.text)
        and text.startswith(". ", token.end)
        and text[tokens[index - 1].end : token.start] == " "
        and _latin(tokens[index - 1].text)
        and _latin_name_word(tokens, index + 1, named)
        and text[token.end : tokens[index + 1].start] == ". "
    )


def _capitals_surname(word: str) -> bool:
    """A word wholly in capitals, three letters or more: a surname as papers set it
    («ХАМИТОВ») once a given name stands before it (an abbreviation is a mention of its own)."""
    return len(word) >= CAPITALS_SURNAME_MIN_LETTERS and word.isupper() and word.isalpha()


def _title_case(word: str) -> str:
    """«ХАМИТОВ» → «Хамитов», «ОЙЫН-ЕРДЕНЕ» → «Ойын-Ердене»; other words as written."""
    return "-".join(p.capitalize() for p in word.split("-")) if word.isupper() and len(word) > 2 else word


INITIAL_GLUED = re.compile(r"(?<!\w)(\w)\.(?=\w)")


def _without_styles(span: str) -> list[str]:
    """The words of a name as written, the styles inside it left out, a surname set in
    capitals in title case."""
    span = INITIAL_GLUED.sub(r"\1. ", span)
    words = [_title_case(w) for w in re.split(r"\s+", span)]
    kept: list[str] = []
    at = 0
    while at < len(words):
        for style in _honorific_styles():
            part = [w.strip(".'’") for w in words[at : at + len(style)]]
            if (
                len(part) == len(style)
                and all(_style_word(w, x) for w, x in zip(part, style, strict=True))
                and at + len(style) < len(words)
            ):
                at += len(style)
                break
        else:
            kept.append(words[at])
            at += 1
    return kept


OFFICE_LINKS = frozenset({"the", "and", "of", "for"})


def _name_after_office(text: str, tokens: list[Token], cursor: int, named: set[int]) -> list[Token]:
    """ "Director-General of the International Labour Organization, Gilbert Houngbo,",
    "Minister of Higher Education, Zambry Abdul Kadir,": the office's own capitalised words
    after "of", a comma, then a name that is a clause of its own (two words or more, then a
    comma, a stop or the end)."""
    if cursor >= len(tokens) or tokens[cursor].text not in OFFICE_OPENERS:
        return []
    index = cursor + 1
    capitals = 0
    lower_after_the = 0
    while index < len(tokens) and (
        text[tokens[index - 1].end : tokens[index].start] in (" ", "-")
        or _bracketed_abbreviation_gap(text, tokens, index)
    ):
        token = tokens[index]
        if token.capitalized:
            capitals += 1
            lower_after_the = 0
        elif token.text in OFFICE_LINKS or token.text == "to":
            lower_after_the = 0  # "Ambassador of the DRC to Ethiopia, Name,"
        elif tokens[index - 1].text == "the" or (0 < lower_after_the < MAX_LOWER_AFTER_THE):
            # "press secretary of the former President …, Name,", "chairman of the upper
            # house of the Parliament of …, Name,": an adjective and a noun after "the" are
            # the office's, when "of" or a capital follows; another lower-case word ends it
            lower_after_the += 1
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if following is None or not (following.capitalized or following.text in OFFICE_LINKS):
                if lower_after_the > 1:
                    return []
        else:
            return []
        index += 1
        gap = text[token.end : tokens[index].start] if index < len(tokens) else ""
        if _bracketed_abbreviation_gap(text, tokens, index - 1) and gap.startswith(")"):
            gap = gap[1:]  # "… of the Congo (DRC), Name,"
        if index < len(tokens) and APPOSITION.fullmatch(gap) and "," in gap:
            if _office_list_tail(text, tokens, index):
                # "Minister of Tourism, Arts and Culture, Name,": the office's own list
                index += OFFICE_LIST_TAIL
            break
    else:
        return []
    if not capitals or index >= len(tokens) or not tokens[index - 1].capitalized:
        return []
    run, _ = _name_run(text, tokens, index, named)
    closed = _closes_apposition(text, run) or (len(run) >= 2 and CLAUSE_AFTER_NAME.match(text, run[-1].end))
    if not closed or _word_keys(run[0]) & _stop_words():
        return []
    return [] if run[0].text.casefold() in _role_word_set() else run


def _bracketed_abbreviation_gap(text: str, tokens: list[Token], index: int) -> bool:
    """Only " (" before this token, a word in capitals closed by ")": "… Congo (DRC), …"."""
    token = tokens[index]
    return (
        text[tokens[index - 1].end : token.start] == " ("
        and token.text.isupper()
        and len(token.text) > 1
        and text.startswith(")", token.end)
    )


OFFICE_LIST_TAIL = 3


def _office_list_tail(text: str, tokens: list[Token], index: int) -> bool:
    """ "…, Arts and Culture, …": one capitalised word, `and`, one capitalised word and a
    comma close a list of the office's own words (two names joined by `and` have two words
    on a side: "John Smith and Mary Jones")."""
    if index + OFFICE_LIST_TAIL >= len(tokens):
        return False
    first, link, last, following = tokens[index : index + OFFICE_LIST_TAIL + 1]
    return (
        first.capitalized
        and link.text == "and"
        and last.capitalized
        and text[first.end : link.start] == " "
        and text[link.end : last.start] == " "
        and APPOSITION.fullmatch(text[last.end : following.start]) is not None
        and following.capitalized
    )


MAX_LOWER_AFTER_THE = 2
OFFICE_OPENERS = frozenset({"of", "for"})
MAX_OFFICE_STRETCH = 16  # tokens from "of" to the name's end
NAME_AFTER_OFFICE_MIN, NAME_AFTER_OFFICE_MAX = 2, 4


def _office_word(token: Token) -> bool:
    """A word the office lists know: a stop word or its plural (`Services`), an institution's
    noun (`Party`)."""
    keys = _word_keys(token)
    word = token.text.casefold()
    plural = word[:-1] if word.endswith("s") else word
    return bool(keys & _stop_words()) or plural in _stop_words() or word in _institution_nouns()


@lru_cache(maxsize=1)
def _office_word_endings() -> tuple[str, ...]:
    return tuple(_names_config()["office_word_endings"])


def _bracketed_abbreviation(text: str, tokens: list[Token], index: int) -> bool:
    """A word in capitals alone in brackets (`(SCO)`), a closing bracket and a space after it."""
    token = tokens[index]
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return (
        token.text.isupper()
        and len(token.text) > 1
        and following is not None
        and text[token.end : following.start] == ") "
    )


def _name_ending_office(text: str, tokens: list[Token], cursor: int, named: set[int]) -> list[Token]:
    """ "Federal Minister for Communications and Postal Services Asad Mahmood here",
    "Undersecretary of the … Ministry of Foreign Affairs of Malaysia Kennedy Mayong Onon.": a
    run of office words after "of" or "for" (capitalised words and links) whose last two to
    four capitalised words follow a word the office lists or the gazetteer know (not a link:
    after "and" the words may be the office's own, `… and Interfaith Harmony`), and end the
    run at a lower-case word or a stop. Words with a common noun's ending (`Preservation`)
    are the office's."""
    if cursor >= len(tokens) or tokens[cursor].text not in OFFICE_OPENERS:
        return []
    index, known = cursor + 1, cursor
    styled = -1  # the token after the last honorific style
    while index < len(tokens) and index - cursor <= MAX_OFFICE_STRETCH:
        gap = text[tokens[index - 1].end : tokens[index].start]
        token = tokens[index]
        if gap == " (" and _bracketed_abbreviation(text, tokens, index):
            known = index  # "… Cooperation Organization (SCO) Zheng Wei": the body's short name
            index += 1
            continue
        after_style = styled == index and gap.strip(". ") == ""
        if gap not in (" ", "-") and not (gap == ") " and known == index - 1) and not after_style:
            break
        width = honorific_width(text, tokens, index)
        if width:
            # "… Minister of Health H.E. Mr. Name": a style opens the name, the office ends
            known, index = index + width - 1, index + width
            styled = index
            continue
        if (
            token.text.islower()
            and tokens[index - 1].text == "the"
            and index + 1 < len(tokens)
            and tokens[index + 1].capitalized
        ):
            known = index  # "of the ruling Amanat Party": an adjective after "the" is the office's
        elif token.text in OFFICE_LINKS or token.text == "to":
            following = tokens[index + 1] if index + 1 < len(tokens) else None
            if index - known - 1 >= NAME_AFTER_OFFICE_MIN and (
                following is None or not following.capitalized
            ):
                break  # "… Education Nurlan Abenov and the Adviser …": the name is closed
            known = index
        elif not token.capitalized:
            break  # a lower-case word ends the office
        elif index in named or _office_word(token):
            known = index
        elif token.text.casefold() in _role_word_set():
            break  # another role's word begins another office
        index += 1
    else:
        if index - cursor > MAX_OFFICE_STRETCH:
            return []
    run = tokens[known + 1 : index]
    if not NAME_AFTER_OFFICE_MIN <= len(run) <= NAME_AFTER_OFFICE_MAX or tokens[
        known
    ].text in OFFICE_LINKS | {"to"}:
        return []
    if index < len(tokens):
        gap = text[run[-1].end : tokens[index].start]
        if "," in gap and tokens[index].capitalized:
            return []  # "… and Interfaith Harmony, Chaudhry …": an apposition follows
    for token in run:
        word = token.text.casefold()
        if (
            token.text.isupper()
            or not _latin(token.text)
            or word in _role_word_set()
            or word in _headline_verbs()
            or word.endswith(_office_word_endings())
        ):
            return []
    return run


LIST_OPENER = re.compile(r"^\s*(?:[:–—]|\s-)\s*$")


@lru_cache(maxsize=1)
def _list_separator() -> re.Pattern[str]:
    """A comma, a semicolon, or a conjunction of names.toml's `list_conjunctions` between two
    items of a list (`, and`, « и », « және »)."""
    words = "|".join(re.escape(w) for w in load_data("names.toml")["list_conjunctions"])
    return re.compile(rf"^\s*(?:,|,?\s+(?:{words})|;)\s*$", re.IGNORECASE)


def _next_item(text: str, tokens: list[Token], after: int) -> int | None:
    """Where the next item of a list starts, when what follows the item that ends before
    `after` separates it from another: a comma, or a conjunction word (`Carol Miller and Bill
    Huizenga`, «Нұргүл Тау және Жарқынбек Амантай»: the conjunction is a token of its own,
    read with the gap, so the last item is the list's too)."""
    following = after
    if tokens[after].text.casefold() in _list_conjunctions() and after + 1 < len(tokens):
        following = after + 1
    gap = text[tokens[after - 1].end : tokens[following].start]
    return following if _list_separator().match(gap) else None


@lru_cache(maxsize=1)
def _list_conjunctions() -> frozenset[str]:
    return frozenset(w.casefold() for w in load_data("names.toml")["list_conjunctions"])


MAX_OFFICE_TOKENS = 8
MIN_LISTED = 2


def _list_start(text: str, tokens: list[Token], cursor: int) -> int | None:
    """The token after `:` or a dash that opens a list behind a plural role and its office's
    words (`members of the U.S. House of Representatives – …`, `депутатов: …`)."""
    for index in range(cursor, min(cursor + MAX_OFFICE_TOKENS, len(tokens))):
        gap = text[tokens[index - 1].end : tokens[index].start] if index > 0 else ""
        if LIST_OPENER.match(gap):
            return index
        if SENTENCE_BREAK.search(gap.replace(".", "")) or "," in gap:
            return None
        token = tokens[index]
        if not (token.capitalized or token.text.lower() in OFFICE_LINKS or token.text in ("U", "S")):
            return None
    return None


def _list_right_after(text: str, tokens: list[Token], cursor: int) -> int | None:
    """«Мәжіліс депутаттары Үнзила Шапак, Нұргул Тау, Жарқынбек Амантай»: Kazakh puts the
    plural role right before its list, with no colon; the list must still hold two names."""
    if cursor < len(tokens) and _adjacent(text, tokens, cursor) and tokens[cursor].capitalized:
        return cursor
    return None


def _listed_after(
    text: str, tokens: list[Token], phrase: RolePhrase, people: "_People", language: str, named: set[int]
) -> list[RoleMention]:
    """ "met with members of the House – Jimmy Panetta, Carol Miller and Bill Huizenga",
    «ряду депутатов: Людмиле Хачиевой, Валихану Конырбаеву»: a plural role, a colon or a
    dash, then a list of two names or more, each a person holding that role."""
    start = _list_start(text, tokens, phrase.last + 1)
    if start is None and language == "kk":
        start = _list_right_after(text, tokens, phrase.last + 1)
    if start is None:
        return []
    spans: list[tuple[int, int, str]] = []
    if language == "ru":
        person = people.after(tokens[start - 1].end, len(text))
        while person is not None and person.start >= tokens[start].start:
            spans.append((person.start, person.end, person.name))
            following = people.after(person.end, len(text))
            if following is None or not _list_separator().match(text[person.end : following.start]):
                break
            person = following
    else:
        cursor = start
        while cursor < len(tokens):
            run, after = _name_run(text, tokens, cursor, named)
            if len(run) < 2 and cursor not in named:
                break
            if run:
                spans.append(
                    (run[0].start, run[-1].end, " ".join(_without_styles(text[run[0].start : run[-1].end])))
                )
            else:
                after = cursor + 1
                while after < len(tokens) and after in named and _adjacent(text, tokens, after):
                    after += 1
            if after >= len(tokens):
                break
            next_item = _next_item(text, tokens, after)
            if next_item is None:
                break
            cursor = next_item
    if len(spans) < MIN_LISTED:
        return []
    officeless = RolePhrase(RoleWords(phrase.words.phrases, (), None), phrase.first, phrase.last, phrase.text)
    title_start, title_end = tokens[phrase.first].start, tokens[phrase.last].end
    return [
        RoleMention(
            phrase=officeless,
            title=text[title_start:title_end],
            title_start=title_start,
            title_end=title_end,
            affiliation=None,
            leader=None,
            unknown_name=name,
            name_start=name_start,
            name_end=name_end,
        )
        for name_start, name_end, name in spans
    ]


def read_roles(
    text: str, tokens: list[Token], mentions: list[MentionSpan], language: str, whole: bool = False
) -> list[RoleMention]:
    """Every role phrase with its affiliation and the name it introduces, if any. A `whole`
    text (a headline) ends where its last word ends; another may be cut off mid-name."""

    def truncated(end: int) -> bool:
        return not whole and _truncated(text, end)

    taken = {i for m in mentions if m.entity_type == "leader" for i in range(m.first_token, m.last_token + 1)}
    by_first = {m.first_token: m for m in mentions}
    by_last = _affiliations_by_last(mentions)
    people = _People(text, mentions)
    named = {i for m in mentions for i in range(m.first_token, m.last_token + 1)}
    found = []
    claimed: set[int] = set()  # the people earlier roles named (by start)
    phrases = find_role_phrases(tokens, taken)
    text_end = len(text.rstrip())  # only a role that ends the text can be cut by its end
    role_tokens = {i for p in phrases for i in range(p.first, p.last + 1)}
    for phrase in phrases:
        if tokens[phrase.last].end >= text_end and truncated(tokens[phrase.last].end):
            # "… visits by Kazakhstan's Foreign Minist": a role word cut where the copy ends is
            # no office to resolve (the stem may still read as one)
            continue
        if plural_role(phrase, tokens, language):
            found.extend(_listed_after(text, tokens, phrase, people, language, named))
            continue
        next_word = tokens[phrase.last + 1].text.lower() if phrase.last + 1 < len(tokens) else ""
        deputy = (
            (phrase.first > 0 and tokens[phrase.first - 1].text.lower() in _deputy_words())
            or (bool(next_word) and next_word.startswith(_deputy_after()))
            or _compound_deputy(phrase)
        )
        former = phrase.first > 0 and tokens[phrase.first - 1].text.lower() in _former_words()
        if deputy or former or _institution_before(tokens, phrase.first) or _capacity(tokens, phrase):
            # a deputy or a past holder holds no office of the register's on the article's
            # date, but is still a named official
            officeless = RoleWords(phrase.words.phrases, (), None)
            phrase = RolePhrase(officeless, phrase.first, phrase.last, phrase.text)
        affiliation = phrase.words.affiliation
        title_start, title_end = tokens[phrase.first].start, tokens[phrase.last].end
        before = by_last.get(phrase.first - 1)
        if before is None and phrase.first >= 2:
            before = (
                by_last.get(phrase.first - 2)
                if language == "kk" or _possessive(text, tokens, phrase.first - 1)
                else None
            )
        ethnonym = _ethnonym_before(tokens, phrase.first) if before is None else None
        affiliation = affiliation or ethnonym
        cursor = phrase.last + 1
        skipped = 0
        after = None
        while cursor < len(tokens) and after is None:
            after = _mention_at(by_first, cursor, AFFILIATION_TYPES)
            if after is not None or skipped >= MAX_FILLERS or not _is_filler(tokens[cursor], cursor, named):
                break
            cursor += 1
            skipped += 1
        if after is not None and language != "kk" and after.kind != "demonym":
            affiliation = after.key
            title_end = after.end
            cursor = after.last_token + 1
            if cursor < len(tokens) and _bracketed_abbreviation_gap(text, tokens, cursor):
                cursor += 1  # "… of the Democratic Republic of the Congo (DRC), Name,"
        else:
            cursor = phrase.last + 1
            if before is not None and (language in ("kk", "en") or before.kind == "demonym"):
                affiliation = affiliation or before.key
                title_start = before.start
        cursor = _skip_fillers(tokens, cursor, named)
        cursor = _skip_posting(tokens, cursor, by_first, named)
        cursor = _skip_region(tokens, cursor, named)
        cursor = _skip_rank(tokens, cursor, named)
        cursor, aside = _skip_aside(text, tokens, cursor)
        cursor = _skip_style_before_leader(text, tokens, cursor, by_first)
        leader = _mention_at(by_first, cursor, ("leader",))
        if leader is not None and _office_contradicts(leader, phrase):
            # "King Philippe": a register surname after a role its owner never held (Édouard
            # Philippe was never a king) is another person's name, read as one below
            named = named - set(range(leader.first_token, leader.last_token + 1))
            leader = None
        leader_key = leader.key if leader is not None else None
        apposed = (
            language != "ru"
            and (after is not None or (language == "en" and _comma_closed_name(text, tokens, cursor, named)))
            and _apposed(text, tokens, cursor)
        )
        # «хатшылық меңгерушісі, М. Ю. Тохаева»: initials and a surname after a comma are the
        # role's holder, set off as a list of titles sets off its last one
        listed_title = (
            language == "kk"
            and cursor < len(tokens)
            and _comma_before(text, tokens, cursor)
            and _initials_before_surname(text, tokens, cursor, named)
        )
        # "Dewan Negara Deputy President, Datuk Name visited …": a style after the comma
        # announces the role's holder, with or without the role's country before it
        styled = (
            language != "ru"
            and cursor < len(tokens)
            and _comma_before(text, tokens, cursor)
            and honorific_width(text, tokens, cursor) > 0
        )
        apposed = apposed or styled
        if (
            cursor < len(tokens)
            and not _adjacent(text, tokens, cursor)
            and not (apposed or listed_title or aside)
        ):
            leader = None
            cursor = len(tokens)
        unknown, name_start, name_end = None, None, None
        if leader is not None:
            name_start, name_end = leader.start, leader.end
        elif language == "ru":
            person = _person_after(tokens, phrase, cursor, people, claimed, role_tokens)
            if person is not None and _register_leader_after(text, by_first, person.end, cursor, len(tokens)):
                # «председателем Халк Маслахаты Туркменистана Гурбангулы Бердымухамедовым»:
                # the words between the role and the register's person name the office
                person = None
            if person is not None and not truncated(person.end):
                unknown = " ".join(_title_case(w) for w in person.name.split())
                name_start, name_end = person.start, person.end
                claimed.add(person.start)
        else:
            run, after_run = _name_run(text, tokens, cursor, named)
            office_run = (
                _name_after_office(text, tokens, phrase.last + 1, named)
                if language == "en" and after is None and leader is None
                else []
            )
            if not office_run and language == "en" and after is None and leader is None:
                office_run = _name_ending_office(text, tokens, phrase.last + 1, named)
            if office_run:
                run, after_run = office_run, tokens.index(office_run[-1]) + 1
            if (
                language == "en"
                and not office_run
                and len(run) >= 3
                and cursor > 0
                and tokens[cursor - 1].text == "of"
            ):
                # "President of Bashkortostan Rustem Khamitov": the word after "of" is the
                # office's place, one the gazetteer lacks; the name follows it
                run = run[1:]
            following = _mention_at(by_first, after_run, ("leader",))
            owner = None
            if run and following is not None and _joined(text[run[-1].end : following.start]):
                owner = _given_name_owner(run[0], following, tokens)
            if owner is not None and following is not None:
                # "Kasim Yomart Tokayev", «Режеп Тайип Ердоған»: a spelling of a known
                # leader's given name, not a second person
                leader, run = following, []
                leader_key = owner
                name_start, name_end = following.start, following.end
            elif (
                run
                and following is not None
                and following.kind == "surname"
                and _joined(text[run[-1].end : following.start])
            ):
                # «облыс әкімі Қырымбек Көшербаев», "Ambassador Abdul Salik Khan": the
                # register's surname after another given name is another person's
                run = run + tokens[following.first_token : following.last_token + 1]
            # an initial («A. Kusainov») is no word: the surname after it is what to check
            opening = next((t for t in run if len(t.text) > 1), None) if run else None
            if opening is not None and (
                _word_keys(opening) & _stop_words() or opening.text.casefold() in _role_word_set()
            ):
                # "Deputy Prime Minister and Foreign Minister Mohammad …": a run that opens on
                # the next role's word is that role's, not a name
                run = []
            if run and truncated(run[-1].end):
                run = []
            if (
                run
                and apposed
                and not honorific_width(text, tokens, cursor)
                and not (_closes_apposition(text, run) or _clause_follows(text, tokens, run))
            ):
                # a style after the comma ("…to Pakistan, HE Name", "…President, Datuk Name
                # visited") announces a person: the name need not close the clause
                run = []
            if not run and leader is None and language == "en":
                title_first = (
                    before.first_token if before is not None and title_start == before.start else None
                )
                first = phrase.first if title_first is None else title_first
                if title_first is None and deputy and _deputy_word_before(tokens, first):
                    first -= 1  # "Bertalan Havasi, the Deputy State Secretary …"
                run = _name_before(text, tokens, first, named, title_end)
                lead_in = _office_lead_in(text, tokens, first, named)
                if not run and lead_in is not None:
                    run = _name_before(text, tokens, lead_in, named, title_end)
                if run and run[0].start in claimed:
                    run = []
            if run:
                run = _with_hyphen_tail(text, tokens, run)
                written = _without_styles(text[run[0].start : run[-1].end])
                surface_words = [w if _given_name_syllable(w) else BROKEN_WORD.sub("", w) for w in written]
                kazakh = language == "kk"
                unknown = (
                    normalise_kazakh_name(surface_words)
                    if kazakh
                    else nominative_name(surface_words)
                    if language == "ru"
                    else " ".join(surface_words)
                )
                name_start, name_end = run[0].start, run[-1].end
        found.append(
            RoleMention(
                phrase=phrase,
                title=text[title_start:title_end],
                title_start=title_start,
                title_end=title_end,
                affiliation=affiliation,
                leader=leader_key if leader is not None else None,
                unknown_name=unknown,
                name_start=name_start,
                name_end=name_end,
                deputy=deputy,
                ethnonym=ethnonym,
            )
        )
    return found


def resolve_title(role: RoleMention, day: dt.date | None) -> str | None:
    """The one register leader who held this office on `day`; None when unsure."""
    if day is None or role.affiliation is None or not role.phrase.words.offices:
        return None
    holders = {leader.slug for leader, _ in holder_of(role.phrase.words.offices, role.affiliation, day)}
    return holders.pop() if len(holders) == 1 else None
