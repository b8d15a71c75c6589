"""People with no role word beside them, read from the sentence's grammar (Russian).

A name that natasha reads as a person and that is the subject of a finite verb takes part in
what the article tells: `Игорь Бабушкин поблагодарил генконсула …` (the subject opens its
sentence), `Касым-Жомарт Токаев и Дэвид Хэйл отметили …` (joined by «и» to a register
leader's name). A name with initials, a name after another word of its sentence
(`художница Анна Ким представила`: an occupation the archive does not count) or with no verb
after it is left alone, as are names the register or a role already read.
"""

import re
from collections.abc import Iterable

from app.entities.matcher import MentionSpan
from app.entities.people_ru import PersonSpan, people_in
from app.text.morphology import russian_verb

# Only quotes, dashes and spaces between the sentence's start and the name.
SENTENCE_OPENS = re.compile(r"(?:^|[.!?…]\s+|\n)[^\w]*$")
JOINED = re.compile(r"[ \u00a0]+и[ \u00a0]+")
NEXT_WORD = re.compile(r"[ \u00a0]+(\w+)")
LOOK_BACK = 200
TWO_CAPITALS_THEN_WORD = re.compile(r"[А-ЯЁ]\w+[ \u00a0]+[А-ЯЁ]\w+[ \u00a0]+([а-яё]+)")
TWO_CAPITALS_AND = re.compile(r"[А-ЯЁ]\w+[ \u00a0]+[А-ЯЁ]\w+[ \u00a0]+и[ \u00a0]+$")


def sentence_subjects(
    text: str, mentions: Iterable[MentionSpan], claimed: Iterable[tuple[int, int]]
) -> list[PersonSpan]:
    """natasha's persons of two words or more that open their sentence, or stand joined by
    «и» to a register leader's name, right before a finite verb."""
    mentions = list(mentions)
    leader_spans = sorted((m.start, m.end) for m in mentions if m.entity_type == "leader")
    taken = [(m.start, m.end) for m in mentions] + list(claimed)
    if not _worth_reading(text, leader_spans, taken):
        return []
    found = []
    for person in people_in(text):
        words = person.name.split()
        if len(words) < 2 or any(len(w.rstrip(".")) < 2 for w in words):
            continue  # a surname after initials («М. Петров сказал») is left to the folds
        if any(s < person.end and person.start < e for s, e in taken):
            continue
        verb_at = person.end
        # «Дэвид Хэйл и Касым-Жомарт Токаев отметили»: the verb follows the pair
        joined_after = JOINED.match(text, person.end)
        if joined_after is not None:
            verb_at = next((e for s, e in leader_spans if s == joined_after.end()), verb_at)
        following = NEXT_WORD.match(text, verb_at)
        if following is None or not russian_verb(following.group(1)):
            continue
        opens = SENTENCE_OPENS.search(text, max(0, person.start - LOOK_BACK), person.start) is not None
        joined_before = any(
            JOINED.fullmatch(text, e, person.start) for _, e in leader_spans if e < person.start
        )
        if opens or joined_before or verb_at != person.end:
            found.append(person)
    return found


def _worth_reading(text: str, leader_spans: list[tuple[int, int]], taken: list[tuple[int, int]]) -> bool:
    """Whether two capitalised words that no name already holds stand before a verb, or before
    «и», a register leader's name and a verb: only then is natasha run on the text (it costs
    more than the rest of the entities stage)."""
    for match in TWO_CAPITALS_THEN_WORD.finditer(text):
        start, end = match.span()
        if not any(s < end and start < e for s, e in taken) and russian_verb(match.group(1)):
            return True
    for start, end in leader_spans:
        following = NEXT_WORD.match(text, end)
        if (
            following is not None
            and TWO_CAPITALS_AND.search(text, max(0, start - LOOK_BACK), start)
            and russian_verb(following.group(1))
        ):
            return True
    return False
