"""Role titles: "Президент Израиля Реувен Ривлин", "ҚХР Төрағасы Си Цзиньпин", "UN Secretary-General".

A role next to a known name confirms that leader's role; next to an unknown capitalised
name it discovers a person the register lacks; with no name at all it is a title, resolved
to whoever held that office on the article's date, or left unresolved.
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from app.entities.matcher import WORD, Mention, Token, token_keys
from app.entities.register import RoleWords, holder_of, role_words
from app.loader.gazetteers import load_data
from app.text.kazakh import kazakh_stems
from app.text.morphology import _morph

MAX_NAME_TOKENS = 4
MAX_FILLERS = 2
AFFILIATION_TYPES = ("country", "organisation")


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


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[tuple[frozenset[str], ...], RoleWords, str], ...]:
    found = []
    for words in role_words():
        for phrase in words.phrases:
            found.append((tuple(token_keys(w) for w in WORD.findall(phrase)), words, phrase))
    return tuple(sorted(found, key=lambda item: len(item[0]), reverse=True))


@lru_cache(maxsize=1)
def _fillers() -> frozenset[str]:
    return frozenset(load_data("roles.toml")["fillers"]["words"])


def find_role_phrases(tokens: list[Token], taken: set[int]) -> list[RolePhrase]:
    """Role phrases, longest first, on tokens that are not part of a name."""
    phrases: list[RolePhrase] = []
    at = 0
    while at < len(tokens):
        hit = None
        if at not in taken:
            for keys, words, text in _phrases():
                end = at + len(keys)
                if end <= len(tokens) and all(keys[i] & tokens[at + i].keys for i in range(len(keys))):
                    hit = RolePhrase(words, at, end - 1, text)
                    break
        if hit is None:
            at += 1
        else:
            phrases.append(hit)
            at = hit.last + 1
    return phrases


def _mention_at(mentions_by_first: dict[int, Mention], index: int, types: tuple[str, ...]) -> Mention | None:
    mention = mentions_by_first.get(index)
    return mention if mention is not None and mention.entity_type in types else None


def _mention_ending_at(mentions: list[Mention], index: int) -> Mention | None:
    for mention in mentions:
        if mention.last_token == index and mention.entity_type in AFFILIATION_TYPES:
            return mention
    return None


def _is_filler(token: Token, index: int, named: set[int]) -> bool:
    return token.text.lower() in _fillers() and index not in named


def _adjacent(text: str, tokens: list[Token], index: int) -> bool:
    """Only spaces (or a hyphen) between this token and the one before: no sentence break."""
    if index == 0:
        return False
    gap = text[tokens[index - 1].end : tokens[index].start]
    return gap.strip(" -") == "" and "\n" not in gap


def looks_like_name(word: str, language: str) -> bool:
    """A capitalised word that is not an ordinary dictionary word (Обсуждая, Стороны)."""
    if language != "ru":
        return True
    parses = _morph().parse(word)
    if any({"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses):
        return True
    return not (parses and parses[0].is_known)


def normalise_russian_name(words: list[str], case_of: str) -> str:
    """Put a name found in an oblique case back into the nominative (Сааром → Саар)."""
    role_parses = _morph().parse(case_of)
    role_case = role_parses[0].tag.case if role_parses else None
    out = []
    for word in words:
        chosen = word
        for parse in _morph().parse(word):
            if role_case and parse.tag.case == role_case and {"Name", "Surn", "Patr"} & parse.tag.grammemes:
                nominative = parse.inflect({"nomn"})
                if nominative:
                    chosen = nominative.word
                break
        out.append(chosen[:1].upper() + chosen[1:] if chosen else chosen)
    return " ".join(out)


def normalise_kazakh_name(words: list[str]) -> str:
    """Strip the case ending the last word carries (Мамауға → Мамау)."""
    last = words[-1]
    if "-" not in last:
        stems = kazakh_stems(last.lower())
        if stems:
            last = last[: len(stems[0])]
    return " ".join([*words[:-1], last])


def read_roles(text: str, tokens: list[Token], mentions: list[Mention], language: str) -> list[RoleMention]:
    """Every role phrase with its affiliation and the name it introduces, if any."""
    taken = {i for m in mentions if m.entity_type == "leader" for i in range(m.first_token, m.last_token + 1)}
    by_first = {m.first_token: m for m in mentions}
    named = {i for m in mentions for i in range(m.first_token, m.last_token + 1)}
    found = []
    for phrase in find_role_phrases(tokens, taken):
        affiliation = phrase.words.affiliation
        title_start, title_end = tokens[phrase.first].start, tokens[phrase.last].end
        before = _mention_ending_at(mentions, phrase.first - 1)
        if before is None and phrase.first >= 2:
            before = _mention_ending_at(mentions, phrase.first - 2) if language == "kk" else None
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
        else:
            cursor = phrase.last + 1
            if before is not None and (language in ("kk", "en") or before.kind == "demonym"):
                affiliation = affiliation or before.key
                title_start = before.start
        skipped = 0
        while cursor < len(tokens) and skipped < MAX_FILLERS and _is_filler(tokens[cursor], cursor, named):
            cursor += 1
            skipped += 1
        leader = _mention_at(by_first, cursor, ("leader",))
        if cursor < len(tokens) and not _adjacent(text, tokens, cursor):
            leader = None
            cursor = len(tokens)
        unknown, name_start, name_end = None, None, None
        if leader is not None:
            name_start, name_end = leader.start, leader.end
        else:
            run = []
            while (
                cursor < len(tokens)
                and len(run) < MAX_NAME_TOKENS
                and tokens[cursor].capitalized
                and cursor not in named
                and not tokens[cursor].text.isupper()
                and looks_like_name(tokens[cursor].text, language)
            ):
                run.append(tokens[cursor])
                if cursor + 1 < len(tokens) and text[tokens[cursor].end : tokens[cursor + 1].start] not in (
                    " ",
                    "-",
                ):
                    break
                cursor += 1
            if run:
                surface_words = re.split(r"\s+", text[run[0].start : run[-1].end])
                if language == "kk":
                    unknown = normalise_kazakh_name(surface_words)
                elif language == "ru":
                    unknown = normalise_russian_name(surface_words, tokens[phrase.last].text)
                else:
                    unknown = " ".join(surface_words)
                name_start, name_end = run[0].start, run[-1].end
        found.append(
            RoleMention(
                phrase=phrase,
                title=text[title_start:title_end],
                title_start=title_start,
                title_end=title_end,
                affiliation=affiliation,
                leader=leader.key if leader is not None else None,
                unknown_name=unknown,
                name_start=name_start,
                name_end=name_end,
            )
        )
    return found


def resolve_title(role: RoleMention, day: dt.date | None) -> str | None:
    """The one register leader who held this office on `day`; None when unsure."""
    if day is None or role.affiliation is None or not role.phrase.words.offices:
        return None
    holders = {leader.slug for leader, _ in holder_of(role.phrase.words.offices, role.affiliation, day)}
    return holders.pop() if len(holders) == 1 else None
