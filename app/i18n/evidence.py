"""How a date is known, in the reader's language.

The loader records its date evidence as short English clauses joined by "; " (`dateline
«НУР-СУЛТАН, 3 апр»; year unknown: the text names no year`), stored with the article. A
page reads them back clause by clause and shows each in the interface's language; the
quotes stay as the article wrote them. A clause not listed here is shown as stored and
marked English, so a new wording in the loader can never be shown as a wrong translation.
"""

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from app.i18n.catalogs import N_, translate
from app.i18n.labels import event_label
from app.i18n.languages import Lang

# The loader's clauses (app/loader/dates.py, parse.py), each as the message that shows it.
CLAUSES: tuple[tuple[str, str], ...] = (
    (r"dateline «(?P<quote>.*)» names an impossible date \((?P<shown>[^)]*)\)",
     N_("the dateline «%(quote)s» names a date that does not exist (%(shown)s)")),
    (r"date unknown", N_("date unknown")),
    (r"year from the text: «(?P<quote>.*)»", N_("year from the text: «%(quote)s»")),
    (r"consistent with the place name «(?P<quote>.*)»", N_("consistent with the place name «%(quote)s»")),
    (r"year unknown: the text names no year", N_("year unknown: the text names no year")),
    (r"year unknown: the text names several years", N_("year unknown: the text names several years")),
    (r"no date in the file", N_("no date in the file")),
    (r"dateline «(?P<quote>.*)»", N_("dateline «%(quote)s»")),
    (r"date line «(?P<quote>.*)»", N_("date line «%(quote)s»")),
    (r"metadata line «(?P<quote>.*)»", N_("metadata line «%(quote)s»")),
    (r"metadata field «(?P<quote>.*)»", N_("metadata field «%(quote)s»")),
    (r"weekday and date «(?P<quote>.*)»", N_("weekday and date «%(quote)s»")),
    (r"date opening the lead «(?P<quote>.*)»", N_("date opening the lead «%(quote)s»")),
    (r"date closing the text «(?P<quote>.*)»", N_("date closing the text «%(quote)s»")),
)  # fmt: skip
# "; " between clauses, not inside a quote.
CLAUSE_BREAK = re.compile(r";\s+(?![^«]*»)")


@dataclass(frozen=True)
class Evidence:
    text: str
    translated: bool  # every clause was known: the text is in the interface's language


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern, re.DOTALL), message) for pattern, message in CLAUSES)


def date_evidence(lang: Lang, stored: str) -> Evidence:
    """The stored evidence, each known clause in `lang`."""
    shown: list[str] = []
    known = True
    for clause in CLAUSE_BREAK.split(stored.strip()):
        for pattern, message in _patterns():
            match = pattern.fullmatch(clause)
            if match:
                shown.append(translate(lang, message) % match.groupdict())
                break
        else:
            shown.append(clause)
            known = False
    return Evidence("; ".join(shown), known)


# Why the loader linked two reports of one event (app/loader/events.py), clause by clause.
# Participants are register slugs there; the page gives their names.
LINKED_TO = re.compile(r"linked to (?P<report>\w+): (?P<clause>.*)", re.DOTALL)
LINK_CLAUSES: tuple[tuple[str, str], ...] = (
    (r"the only report of this contact", N_("the only report of this contact")),
    (r"same participants: (?P<a>[\w-]+) and (?P<b>[\w-]+)", N_("the same participants: %(a)s and %(b)s")),
    (r"same kind: (?P<kind>[\w ]+)", N_("the same kind of event: %(kind)s")),
    (r"dates within 1 day", N_("dates no more than a day apart")),
    (r"dates within (?P<days>\d+) days", N_("dates no more than %(days)s days apart")),
    (r"one of them undated: linked on content", N_("one of the two is undated: linked by its content")),
    (r"content overlap (?P<score>[\d.]+) \(shared numbers (?P<numbers>[^)]*)\)",
     N_("content overlap %(score)s (shared numbers: %(numbers)s)")),
    (r"content overlap (?P<score>[\d.]+)", N_("content overlap %(score)s")),
    (r"undated: close to the event's dated reports as a whole \(content overlap (?P<score>[\d.]+), "
     r"shared numbers (?P<numbers>[^)]*)\)",
     N_("undated, but close to the event's dated reports as a whole (content overlap %(score)s, "
        "shared numbers: %(numbers)s)")),
    (r"undated: close to the event's dated reports as a whole \(content overlap (?P<score>[\d.]+)\)",
     N_("undated, but close to the event's dated reports as a whole (content overlap %(score)s)")),
)  # fmt: skip


@lru_cache(maxsize=1)
def _link_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern, re.DOTALL), message) for pattern, message in LINK_CLAUSES)


def link_reason(lang: Lang, stored: str, names: Mapping[str, str]) -> Evidence:
    """One stored reason for linking a report, in `lang`: participants by `names` (slug ->
    name), kinds of event by their labels; unknown clauses as stored."""
    prefix = ""
    linked = LINKED_TO.fullmatch(stored.strip())
    if linked:
        prefix = translate(lang, N_("linked to report %(report)s:")) % linked.groupdict() + " "
        stored = linked.group("clause")
    shown: list[str] = []
    known = True
    for clause in CLAUSE_BREAK.split(stored.strip()):
        for pattern, message in _link_patterns():
            match = pattern.fullmatch(clause)
            if match:
                values = match.groupdict()
                values.update({k: names.get(v, v) for k, v in values.items() if k in ("a", "b")})
                if "kind" in values:
                    values["kind"] = event_label(lang, values["kind"].replace(" ", "_"))
                shown.append(translate(lang, message) % values)
                break
        else:
            shown.append(clause)
            known = False
    return Evidence(prefix + "; ".join(shown), known)
