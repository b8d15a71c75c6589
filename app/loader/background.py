"""A closing "by the way" paragraph that tells another story.

Press texts often end on background opened by `Айта кетейік`, `Напомним`, `Recall that`:
most of the time it is the article's own (an earlier meeting of the same leaders) and stays
body, as the development set's truth has it. Some sites close instead with a line pasted from
another story (`Айта кетейік, Израильдің Қорғаныс армиясы ...` under a Kazakh-Turkish call):
that is a teaser, boilerplate. The evidence: the closing paragraph opens with such a marker
and the names it gives (capitalised words, compared by their first letters to allow for case
endings) are new to the headline and the text: none of them occurs there, or at most one
does while two or more do not (`Ранее сообщалось, что Дэвид Кэмерон посетит Казахстан`: the
country every such text names is no tie to the story; its own background names its own
people).
"""

import re
from functools import lru_cache

from app.datafiles import load_data

NAME = re.compile(r"\b[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]{2,}")
STEM = 5
MIN_NAMES = 2
MIN_PARAGRAPHS = 2
# A closing paragraph that shares more than this many names with the text is its own.
MAX_SHARED = 1


@lru_cache(maxsize=1)
def markers() -> tuple[str, ...]:
    return tuple(m.casefold() for m in load_data("layout.toml")["background_markers"])


def _stems(text: str, skip: frozenset[str] = frozenset()) -> set[str]:
    return {w.casefold()[:STEM] for w in NAME.findall(text) if w.casefold() not in skip}


def unrelated_closing(paragraphs: list[str], headline: str | None) -> bool:
    """Whether the last paragraph is background from another story (see the module)."""
    if len(paragraphs) < MIN_PARAGRAPHS:
        return False
    last = paragraphs[-1].strip()
    folded = last.casefold()
    marker = next((m for m in markers() if folded.startswith(m)), None)
    if marker is None:
        return False
    names = _stems(last[len(marker) :])
    if len(names) < MIN_NAMES:
        return False
    rest = " ".join([headline or "", *paragraphs[:-1]])
    shared = names & (_stems(rest) | _spelled_out(last[len(marker) :], rest))
    return len(shared) <= MAX_SHARED and len(names - shared) >= MIN_NAMES


ACRONYM = re.compile(r"\b[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]{2,6}\b")
CAPITALISED = re.compile(r"[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ][\w-]*")


def _spelled_out(closing: str, rest: str) -> set[str]:
    """The stems of a name the closing paragraph spells out that the text gives by its
    initials (`Тәуелсіз Мемлекеттер Достастығы` for `ТМД`, `Shanghai Cooperation
    Organisation` for `SCO`): the same name, so the same story."""
    acronyms = set(ACRONYM.findall(rest))
    if not acronyms:
        return set()
    words = closing.split()
    found: set[str] = set()
    for start in range(len(words)):
        for size in range(2, 7):
            run = words[start : start + size]
            if len(run) < size or not all(CAPITALISED.match(w) for w in run):
                break
            if "".join(w[0] for w in run) in acronyms:
                found |= {w.casefold()[:STEM] for w in run}
    return found
