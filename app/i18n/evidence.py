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

from app.i18n.catalogs import N_, translate, translate_plural
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
    (r"lead «(?P<quote>.*)»", N_("date in the lead «%(quote)s»")),
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
# The grouping's kinds of contact (app/loader/events.py `kind_class`), wider than event types.
CONTACT_KINDS = {"call": N_("by phone"), "in person": N_("in person"), "written": N_("in writing")}
LINKED_TO = re.compile(r"linked to (?P<report>\w+): (?P<clause>.*)", re.DOTALL)
LINK_CLAUSES: tuple[tuple[str, str], ...] = (
    (r"the only report of this contact", N_("the only report of this contact")),
    (r"same participants: (?P<a>[\w:-]+) and (?P<b>[\w:-]+)", N_("the same participants: %(a)s and %(b)s")),
    (r"both name (?P<places>[\w, -]+)", N_("both name the same place: %(places)s")),
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
    (r"its text gives the same day and month", N_("its own text gives the same day and month")),
    (r"both reprint the same passage \((?P<runs>\d+)\)",
     N_("both hold the same passage, word for word (%(runs)s sampled runs of words in common)")),
    (r"both texts give the same day and month", N_("both texts give the same day and month of the contact")),
    (r"it names one side and places of the other's country: its head of state, from the register",
     N_("it names one side of the contact and places in the other side's country; that country's "
        "head of state at the time is taken from the register")),
    (r"pair score (?P<score>[\d.]+) \(most from: (?P<features>[\w ,]+)\)",
     N_("a score learned from labelled reports: %(score)s (raised most by: %(features)s)")),
)  # fmt: skip
# What the learned pair score weighs (app/loader/events.py `PAIR_FEATURES`), as a reason names them.
PAIR_FEATURE_NAMES = {
    "similarity": N_("content overlap"),
    "distinctive": N_("what both share beyond the participants"),
    "shared leaders": N_("other leaders both name"),
    "shared organisations": N_("organisations both name"),
    "shared countries": N_("countries both name"),
    "shared numbers": N_("numbers both give"),
    "shared places": N_("places both name"),
    "stated day": N_("the day its text gives"),
    "same kind": N_("the same kind of contact"),
    "kind conflict": N_("different kinds of contact"),
    "same stated kind": N_("the same kind named outright"),
    "same language": N_("the same language"),
    "primary both": N_("both mainly about this contact"),
    "frame both": N_("both headlines give these two sides"),
    "round up": N_("a round-up of several contacts"),
    "summit": N_("a summit"),
    "participant overlap": N_("the same participants"),
    "years shared": N_("a year both name"),
}  # fmt: skip


@lru_cache(maxsize=1)
def _link_patterns() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(pattern, re.DOTALL), message) for pattern, message in LINK_CLAUSES)


def link_reason(lang: Lang, stored: str, names: Mapping[str, str]) -> Evidence:
    """One stored reason for linking a report, in `lang`: participants and places by `names`
    (slug, `org:CODE`, `country:CODE` or place slug -> name), kinds of event by their labels;
    unknown clauses as stored."""
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
                if "places" in values:
                    values["places"] = ", ".join(names.get(p, p) for p in values["places"].split(", "))
                if "features" in values:
                    values["features"] = ", ".join(
                        translate(lang, PAIR_FEATURE_NAMES[f]) if f in PAIR_FEATURE_NAMES else f
                        for f in values["features"].split(", ")
                    )
                if "kind" in values:
                    kind = values["kind"]
                    values["kind"] = (
                        translate(lang, CONTACT_KINDS[kind])
                        if kind in CONTACT_KINDS
                        else event_label(lang, kind.replace(" ", "_"))
                    )
                shown.append(translate(lang, message) % values)
                break
        else:
            shown.append(clause)
            known = False
    return Evidence(prefix + "; ".join(shown), known)


# Why the loader removed a line (app/loader/layout.py, evidence.py, clean.py, background.py,
# repeated.py and the `reason`s of data/boilerplate.toml): a kind, then sometimes a tag in
# brackets ("byline (metadata)", "read-also link (linked title)").
REMOVAL_KINDS = (
    N_("site chrome before the headline"), N_("site chrome"), N_("site name"),
    N_("site name after the headline"), N_("breadcrumb before the headline"), N_("repeated headline"),
    N_("date and time"), N_("publication date"), N_("byline"), N_("signature"), N_("source line"),
    N_("source link"),
    N_("speaker line"), N_("place of the dateline"), N_("address of the original"), N_("front matter"),
    N_("front matter: title"), N_("markup"), N_("after the text (links, menus)"), N_("related-news block"),
    N_("text in another script"), N_("figures (rates, counters)"), N_("menu (a run of short list items)"),
    N_("photo caption"), N_("photo caption (not a sentence, beside the text)"),
    N_("photo caption with credit"), N_("photo caption with agency credit"),
    N_("photo caption with outlet credit"), N_("photo credit"), N_("label under the headline (tags, rubric)"),
    N_("teaser repeated below"), N_("another story's headline between paragraphs"),
    N_("another headline (Title Case, under the headline)"), N_("line printed twice"),
    N_("speaker's caption in capitals"), N_("background from another story"), N_("hashtags (kept as tags)"),
    N_("app / subscription call"), N_("app store badge"), N_("comment form"), N_("copyright or legal notice"),
    N_("counter"), N_("web counter"), N_("currency rates"), N_("embedded post"),
    N_("link to an earlier article"), N_("link to another site"), N_("navigation link"), N_("breadcrumb"),
    N_("newsletter / error notice"), N_("print / back-to-top button"), N_("read-also link"),
    N_("social-media call to action"), N_("subscribe / navigation"), N_("wire-service id"),
    N_("language / version switch"), N_("share / rating widget"), N_("related-story label"),
    N_("photo caption (names only, under the headline)"),
    N_("image file name"), N_("repeated headline (its last sentence)"),
    N_("the site's name over the headline"),
)  # fmt: skip
REMOVAL_TAGS = {
    "metadata": N_("metadata"),
    "metadata, after the text": N_("metadata, after the text"),
    "after the text": N_("after the text"),
    "linked title": N_("linked title"),
}
REMOVAL = re.compile(
    r"(?P<kind>.+?)(?: \((?P<tag>metadata|metadata, after the text|after the text|linked title)\))?"
)
REPEATED = re.compile(r"repeated on (?P<count>\d+) pages of this load \(site boilerplate\)")


def removal_reason(lang: Lang, stored: str) -> Evidence:
    """Why a line was removed, in `lang`; a kind this does not list stays as stored."""
    repeated = REPEATED.fullmatch(stored)
    if repeated:
        count = int(repeated.group("count"))
        message = translate_plural(
            lang,
            "repeated on %(count)s page of this load (site boilerplate)",
            "repeated on %(count)s pages of this load (site boilerplate)",
            count,
        )
        return Evidence(message % {"count": count}, True)
    match = REMOVAL.fullmatch(stored.strip())
    if match is None or match.group("kind") not in REMOVAL_KINDS:
        return Evidence(stored, lang == "en")
    shown = translate(lang, match.group("kind"))
    if match.group("tag"):
        shown += f" ({translate(lang, REMOVAL_TAGS[match.group('tag')])})"
    return Evidence(shown, True)
