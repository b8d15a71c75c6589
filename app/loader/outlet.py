"""Who published a file, from the ways a page names its publisher.

A page presents itself in a copyright or reprint line, an attribution clause ("сообщает X",
"деп хабарлайды X", "X reports"), its dateline ("ASTANA. KAZINFORM -"), its name or domain
on a line of its own (a header or footer); failing those, a known outlet named near the top
or a domain stands for it. Names a page gives to others are kept out: the source it cites
(a press service, Akorda), a wire it quotes, and credits under pictures. Patterns live in
data/outlet_signals.toml, the register in data/outlets.toml.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app.datafiles import load_data, load_json
from app.loader.clean import CleanedText
from app.loader.dates import Dateline, find_date
from app.loader.evidence import config as layout_config
from app.loader.evidence import page_script
from app.loader.layout import SITE_HEADER, SITE_SUFFIX, front_matter
from app.loader.outlet_register import (
    Outlet,
    outlet_alias_pattern,
    outlet_by_alias,
    outlets,
    site_description,
)

TOP_PARAGRAPHS = 3
SELF_LINE_MAX_WORDS = 5
SELF_LINE_MAX_CHARS = 80
TOP_CHARS = 100
QUOTES = "«»\"“”„'’"
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
FRONT_MATTER_URL = re.compile(
    r"^(?:source_url|url|canonical|canonical_url|link|permalink)\s*:\s*['\"]?https?://(?P<host>[\w.-]+)",
    re.IGNORECASE,
)
# A bare name in Latin letters is a brand ("Trend", "Kazpravda.kz"); a bare Cyrillic word is
# as often a person or a body («Байрамов», «Президенттің»), so it needs quotes or the register.
LATIN_BRAND = re.compile(rf"^[A-Z0-9][\w.&'-]*(?:\s[{UPPER}0-9][\w.&'-]*){{0,3}}$")
CYRILLIC_ACRONYM = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ]{3,}(?:-[А-ЯЁӘҒҚҢӨҰҮҺІ]+)?$")
QUOTED = re.compile(r"[«\"“](?P<name>[^«»\"“”]{2,40})[»\"”]")
# Lines the layout found to name another site: a release's `Source:` link (the outlet it
# copied) and the items of a related-news block (other stories, other sites).
OTHERS_LINES = frozenset({"source link", "related-news block"})


@dataclass(frozen=True)
class Signals:
    credit: re.Pattern[str]
    photographer: re.Pattern[str]
    copyright: re.Pattern[str]
    decorations: re.Pattern[str]
    prefixes: re.Pattern[str]
    datelines: tuple[re.Pattern[str], ...]
    before_verb: re.Pattern[str]
    domain: re.Pattern[str]
    picture_copyright: re.Pattern[str]
    cited_before: re.Pattern[str]
    cited_after: re.Pattern[str]
    place_initials: re.Pattern[str]
    report_lead: re.Pattern[str]
    correspondent_of: re.Pattern[str]
    own_report: tuple[re.Pattern[str], ...]
    genitive: re.Pattern[str]
    copyright_holder: tuple[re.Pattern[str], ...]
    rights_reserved: re.Pattern[str]


def _domain_endings(data: dict[str, Any]) -> list[str]:
    """The endings a publisher's domain may have: every country's code and the generic ones."""
    countries = load_json("countries.json")
    return [c["code"].lower() for c in countries] + list(data["domain_generic"])


@lru_cache(maxsize=1)
def signals() -> Signals:
    data = load_data("outlet_signals.toml")

    def words(items: list[str]) -> str:
        return "|".join(re.escape(w) for w in sorted(items, key=len, reverse=True))

    return Signals(
        credit=re.compile(data["credit"], re.IGNORECASE),
        photographer=re.compile(data["photographer"], re.IGNORECASE),
        copyright=re.compile(data["copyright"], re.IGNORECASE),
        decorations=re.compile(rf"(?<!\w)(?:{words(data['decorations'])})(?!\w)", re.IGNORECASE),
        prefixes=re.compile(rf"^(?:(?:{words(data['prefixes'])})\s+)+", re.IGNORECASE),
        datelines=tuple(re.compile(p) for p in data["datelines"]),
        before_verb=re.compile(data["before_verb"], re.IGNORECASE),
        domain=re.compile(data["domain"].replace("{tlds}", words(_domain_endings(data))), re.IGNORECASE),
        picture_copyright=re.compile(data["picture_copyright"]),
        cited_before=re.compile(data["cited_before"], re.IGNORECASE),
        cited_after=re.compile(data["cited_after"], re.IGNORECASE),
        place_initials=re.compile(data["place_initials"]),
        report_lead=re.compile(data["report_lead"]),
        correspondent_of=re.compile(data["correspondent_of"], re.IGNORECASE),
        own_report=tuple(re.compile(p, re.IGNORECASE) for p in data["own_report"]),
        genitive=re.compile(rf"(?<=\w\w)(?:{words(data['genitive_endings'])})$"),
        copyright_holder=tuple(re.compile(p, re.IGNORECASE) for p in data["copyright_holder"]),
        rights_reserved=re.compile(data["rights_reserved"], re.IGNORECASE),
    )


def cited_there(text: str, start: int, end: int) -> bool:
    """The name at text[start:end] is one the page cites or credits (`Source: UzA`,
    `РИА Новости агенттігінің хабарлауынша`), not its publisher."""
    s = signals()
    return s.cited_before.search(text[max(0, start - 40) : start]) is not None or (
        s.cited_after.match(text[end : end + 60]) is not None
    )


# Lines whose verdicts below are kept: each finder asks of every line of the page, and a
# site's chrome stands on every one of its pages.
LINES_KEPT = 8192


@lru_cache(maxsize=LINES_KEPT)
def is_credit(line: str) -> bool:
    """A picture's or video's credit: it names a source, never the publisher."""
    s = signals()
    if s.credit.search(line) or s.picture_copyright.search(line):
        return True
    if "/" not in line or not s.photographer.match(line):
        return False
    return outlet_alias_pattern().search(line) is not None


def _registered(text: str) -> Outlet | None:
    m = outlet_alias_pattern().search(text)
    return outlet_by_alias(m.group("alias")) if m else None


def _domain(text: str) -> str | None:
    m = signals().domain.search(text)
    return m.group(1).lower() if m else None


def _is_cited_source(text: str) -> bool:
    from app.loader.parse import canonical_source  # parse imports this module

    return canonical_source(text) is not None


def publisher_name(phrase: str) -> str | None:
    """The publisher a phrase names, or None when it names none (a press service, a word).

    Registered aliases give the register's name, a domain gives itself; otherwise a quoted
    name, a Latin brand or a Cyrillic acronym is kept as written."""
    text = signals().prefixes.sub("", phrase.strip()).strip(" ,.;:")
    if not text or _is_cited_source(text):
        return None
    known = _registered(text)
    if known is not None:
        return known.name
    domain = _domain(text)
    if domain is not None:
        return domain
    quoted = QUOTED.search(text)
    if quoted:
        return quoted.group("name").strip()
    bare = text.strip(QUOTES + " ")
    if LATIN_BRAND.match(bare) or CYRILLIC_ACRONYM.match(bare):
        return bare
    return None


def _known_or_domain(text: str) -> str | None:
    if _is_cited_source(text):
        return None
    known = _registered(text)
    if known is not None:
        return known.name
    return _domain(text)


def _self_line(line: str) -> str | None:
    """A line that is only the publisher's name or domain ("EL.KZ", "Adyrna.kz Telegram")."""
    if len(line) > SELF_LINE_MAX_CHARS:
        return None
    bare = signals().decorations.sub(" ", line).strip(QUOTES + " |•·-–—©")
    if not bare or len(bare.split()) > SELF_LINE_MAX_WORDS:
        return None
    m = outlet_alias_pattern().fullmatch(bare)
    if m:
        known = outlet_by_alias(m.group("alias"))
        return known.name if known else None
    d = signals().domain.fullmatch(bare)
    return d.group(1).lower() if d else None


def _site_header(cleaned: CleanedText) -> str | None:
    """The institution's name the layout found over the headline at the file's top
    (`Delegation of the European Union to Georgia`): a registered name, a domain, or the
    name as written."""
    header = next((r.text for r in cleaned.removed if r.reason == SITE_HEADER), None)
    if header is None or _is_cited_source(header):
        return None
    return _known_or_domain(header) or header.strip()


def _headline_suffix(cleaned: CleanedText) -> str | None:
    """The site's name the layout cut off the headline (`Headline | Steppe News`, `Headline -
    «Дала» телеарнасы`): a registered name, a domain or a quoted name; a Latin name as written
    when a site's word is in it (`Steppe News`) or the page prints it again on another line.
    A rubric (`Headline | Politics`) is neither; a cited source (`… - Kremlin`) is no site."""
    suffix = next((r for r in cleaned.removed if r.reason == SITE_SUFFIX), None)
    if suffix is None:
        return None
    phrase = suffix.text.strip()
    if not phrase or _is_cited_source(phrase):
        return None
    named = _known_or_domain(phrase)
    if named:
        return named
    quoted = QUOTED.search(phrase)
    if quoted:
        return quoted.group("name").strip()
    bare = phrase.strip(QUOTES + " ")
    if not LATIN_BRAND.match(bare):
        return None
    words = [w.casefold() for w in bare.split()]
    site_word = len(words) >= 2 and any(w in layout_config().site_words for w in words)
    again = any(bare in line for n, line in enumerate(cleaned.source_lines, start=1) if n != suffix.number)
    return bare if site_word or again else None


def _own_report(lines: list[str]) -> str | None:
    """`«Арқа ажарының» өз ақпараты.`, `Собственная информация «X»`: the publisher credits
    the text to itself (a Kazakh genitive ending in the quotes is no part of the name)."""
    for line in lines:
        for pattern in signals().own_report:
            m = pattern.match(line.strip())
            if m:
                name = signals().genitive.sub("", m.group("name").strip(QUOTES + " "))
                return publisher_name(f"«{name}»")
    return None


SIGN_OFF = re.compile(r"[.!?…»”\"]\s*[-–—]\s*(?P<name>[^.!?«»\"“”]{2,40})$")


def _sign_off(cleaned: CleanedText) -> str | None:
    """`… to see the mosque closely. –Malaysia World News`: a registered outlet after the
    text's last stop and a dash signs the text."""
    last = next((line.text for line in reversed(cleaned.lines) if line.text), "")
    m = SIGN_OFF.search(last)
    if m is None:
        return None
    found = outlet_alias_pattern().fullmatch(m.group("name").strip())
    known = outlet_by_alias(found.group("alias")) if found else None
    return known.name if known else None


def _from_datelines(top: list[str]) -> str | None:
    for paragraph in top:
        for pattern in signals().datelines:
            m = pattern.match(paragraph)
            if m and not signals().place_initials.match(m.group("name").strip()):
                name = publisher_name(m.group("name"))
                # A name the register does not know counts where the form leaves no doubt:
                # in capitals, or set off as a colon or a country code sets it off.
                set_off = m.group(0).rstrip().endswith(":") or "(" in m.group(0)[m.end("name") :]
                if name and (_registered(name) or _domain(name) or m.group("name").isupper() or set_off):
                    return name
    return None


def _mentions_near_top(lines: list[str], top: list[str]) -> str | None:
    """A known outlet on a short line or at the start of the first paragraphs, not cited."""
    places = [line for line in lines if len(line.split()) <= SELF_LINE_MAX_WORDS * 2]
    # A paragraph that names several outlets tells what the press did (`«Жэньминь жибао»,
    # «Синьхуа» … жариялады`); a publisher signs alone.
    places += [p[:TOP_CHARS] for p in top if len(_outlets_named(p)) < 2]
    for place in places:
        for m in outlet_alias_pattern().finditer(place):
            if cited_there(place, m.start(), m.end()):
                continue
            known = outlet_by_alias(m.group("alias"))
            if (
                known is not None
                and _cased_as_name(m.group("alias"), known)
                and not _is_cited_source(m.group("alias"))
            ):
                return known.name
    return None


def _outlets_named(text: str) -> set[str]:
    found = (outlet_by_alias(m.group("alias")) for m in outlet_alias_pattern().finditer(text))
    return {known.name for known in found if known is not None}


def _cased_as_name(found: str, outlet: Outlet) -> bool:
    """A name of several words is written as a name: `India and Kazakhstan today decided`
    is no mention of Kazakhstan Today. A word the register capitalises is capitalised."""
    alias = next((a for a in outlet.aliases if a.casefold() == found.casefold()), found)
    pairs = list(zip(alias.split(), found.split(), strict=False))
    return len(pairs) < 2 or not any(a[:1].isupper() and f[:1].islower() for a, f in pairs)


def _edition(chosen: str, lines: list[str]) -> str:
    """A national edition named anywhere beats its parent brand (Sputnik → Sputnik Казахстан)."""
    editions = [o for o in outlets() if o.family == chosen]
    if not editions:
        return chosen
    for line in lines:
        for m in outlet_alias_pattern().finditer(line):
            known = outlet_by_alias(m.group("alias"))
            if known in editions:
                return known.name
    return chosen


@lru_cache(maxsize=LINES_KEPT)
def _copyright_line(line: str) -> bool:
    """A copyright or reprint line (two finders read every line for one)."""
    return signals().copyright.search(line) is not None


def _copyright(lines: list[str]) -> str | None:
    for line in reversed(lines):
        if _copyright_line(line):
            name = _known_or_domain(line)
            if name:
                return name
    return None


# Capitalised words in Cyrillic letters, as a copyright line names its holder (`Дала жаршысы`).
CYRILLIC_NAME = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІ][\w-]+(?:\s[\w-]+){0,3}$")


def _copyright_holder(lines: list[str]) -> str | None:
    """The holder of a site's copyright (`© 2011–2024 Steppe Herald. All rights reserved.`),
    as written when the register lacks it. A year and the rights reserved on the line or the
    next make it the site's footer: `© Anna Berg 2024` alone is a picture's credit as often."""
    s = signals()
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not _copyright_line(line) or not s.rights_reserved.search(" ".join(lines[i : i + 2])):
            continue
        for pattern in s.copyright_holder:
            m = pattern.search(line)
            if m is None:
                continue
            phrase = m.group("name").strip(" -–—:")
            if not phrase or s.copyright.search(phrase):
                continue
            name = publisher_name(phrase)
            if name is None and CYRILLIC_NAME.match(phrase) and not _is_cited_source(phrase):
                name = phrase
            if name:
                return name
    return None


def _before_verb(top: list[str]) -> str | None:
    for paragraph in top:
        for m in signals().before_verb.finditer(paragraph):
            name = _known_or_domain(m.group("name"))
            if name:
                return name
    return None


# The lines at either end of a file where a site prints its header or footer.
CHROME_LINES = 5


def _self_description(lines: list[str]) -> str | None:
    """A site's header or slogan that describes it (`Центральноазиатский информационный
    портал «X». Новости …`): X speaks of itself. Only at the file's top or bottom: in the
    text, the same words cite another site."""
    for line in lines[:CHROME_LINES] + lines[-CHROME_LINES:]:
        m = site_description(line)
        if m:
            return publisher_name(m.group("name"))
    return None


# A header line naming an official site: its words (some 30 characters) and a name of 80 at most.
OFFICIAL_SITE_MAX_CHARS = 120


@lru_cache(maxsize=1)
def _official_site_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in load_data("outlet_signals.toml")["official_site"])


def _chrome_above(cleaned: CleanedText) -> list[str]:
    """The lines above the headline (above the text when there is none): the site's header,
    however many lines of settings and menus it takes (`View settings`, `Font size:`, …)."""
    kept = [line.number for line in cleaned.lines if line.text]
    start = cleaned.headline.number if cleaned.headline is not None else min(kept, default=1)
    return [line for line in cleaned.source_lines[: start - 1] if line.strip()]


def _official_site(lines: list[str], above: list[str]) -> str | None:
    """A header naming the site as an institution's official one (`Official website of the
    President of Russia`), on a line of its own above the headline or at the file's top or
    bottom: that institution publishes. In the text the same words cite the site as a source."""
    for line in above + lines[:CHROME_LINES] + lines[-CHROME_LINES:]:
        if len(line) > OFFICIAL_SITE_MAX_CHARS:
            continue  # a paragraph of text, not a header
        for pattern in _official_site_patterns():
            m = pattern.match(line.strip())
            if m:  # a ministry is a cited source in the text, and the publisher of its site
                return signals().genitive.sub("", m.group("name").strip())
    return None


def _wrapped_header(lines: list[str]) -> str | None:
    """The site's name in its header broken over two short lines (`The Government portal of
    the` / `Republic of Uzbekistan`): a registered name the two lines make together."""
    top = lines[:CHROME_LINES]
    for first, second in zip(top, top[1:], strict=False):
        if len(first) + len(second) <= SELF_LINE_MAX_CHARS:
            m = outlet_alias_pattern().fullmatch(f"{first.strip()} {second.strip()}")
            known = outlet_by_alias(m.group("alias")) if m else None
            if known is not None:
                return known.name
    return None


OPENER_MARK = re.compile(r"\s*[.–—-]\s+\S")


def _domain_opener(top: list[str]) -> str | None:
    """`ERNUR.KZ. Text …, деп жазады baq.kz.`, `Kyzylorda-news.kz. Текст …, передает Zakon.kz.`:
    a paragraph at the top opens on a site's domain as a dateline opens on its agency; that site publishes,
    and the attribution clause after it names the text it reprints."""
    for line in top:
        m = signals().domain.match(line)
        opens = m is not None and OPENER_MARK.match(line, m.end()) is not None
        if m is not None and opens and not _is_cited_source(m.group(1)):
            return _known_or_domain(m.group(1))
    return None


def _report_lead(top: list[str]) -> str | None:
    """`WNAM REPORT: On March 3, …`: a registered publisher announcing its own report."""
    m = signals().report_lead.match(top[0]) if top else None
    return _known_or_domain(m.group("name")) if m else None


def _correspondent(lines: list[str]) -> str | None:
    """The publisher's own correspondent (`передает корреспондент телеканала «МИР 24»`,
    `пояснил корреспонденту «РГ»`): a quoted or registered name, or a domain."""
    for line in lines:
        for m in signals().correspondent_of.finditer(line):
            if cited_there(line, m.start(), m.end()):
                continue
            name = publisher_name(m.group("name"))
            if name:
                return name
    return None


def _footer_domain(lines: list[str]) -> str | None:
    short = [line for line in lines if len(line.split()) <= SELF_LINE_MAX_WORDS * 2]
    for line in short:
        m = signals().domain.search(line)
        if m and not _is_cited_source(m.group(1)) and not cited_there(line, m.start(), m.end()):
            return m.group(1).lower()
    return None


BREADCRUMB_STEP = re.compile(r"\s+(?:[»>/|›→]|::)\s+")


def _breadcrumb_root(cleaned: CleanedText) -> str | None:
    """`sng.today » Казахстан » Headline`: a breadcrumb starts at the site's front page, and
    where the site calls that page by its name or domain (most say `Home`), it names itself."""
    for removed in cleaned.removed:
        if "breadcrumb" in removed.reason:
            root = BREADCRUMB_STEP.split(removed.text.strip(), maxsplit=1)[0]
            name = _known_or_domain(root.strip(QUOTES + " "))
            if name:
                return name
    return None


STAMP_REST = re.compile(r"[\d\s:.,/|•–—-]+")
LATIN_WORD = re.compile(r"^[A-Z][A-Za-z]+$")


def _page_in_cyrillic(cleaned: CleanedText) -> bool:
    return page_script([line.text for line in cleaned.lines if line.text][:5]) == "cyrillic"


def _stamp_signature(cleaned: CleanedText) -> str | None:
    """The site's name on its own date stamp (`3 марта 2026 18:03 Barometr`, `Служба
    информации «Века» — 22.08.2011 11:36`): a registered name or a domain; the words with a
    quoted name as written; one Latin word on a page in Cyrillic, as a brand stands out there
    (on an English page one word beside a date is as often a rubric: `POLITICS`, `Article`).
    A person signing the stamp (`Оразай Жеңісұлы`) is none of these."""
    for line in cleaned.metadata:
        if not line.reason.startswith("date and time"):
            continue
        found = find_date(line.text)
        rest = STAMP_REST.sub(" ", line.text.replace(found.text, " ") if found else line.text).strip()
        if not rest or len(rest.split()) > SELF_LINE_MAX_WORDS:
            continue
        named = _known_or_domain(rest)
        if named:
            return named
        quoted = QUOTED.search(rest)
        if quoted is not None and quoted.group(0) == rest:
            name = quoted.group("name").strip()
        elif quoted is not None and rest[:1].isupper():
            name = rest  # `Служба информации «Века»`: the site's own words for itself
        elif LATIN_WORD.match(rest) and _page_in_cyrillic(cleaned):
            name = rest
        else:
            continue
        if not _is_cited_source(name):
            return name
    return None


def _front_matter_address(source_lines: tuple[str, ...]) -> str | None:
    """The page's own address in the front matter a scraper wrote (`source_url: https://…`):
    its site is the publisher. (A bare URL under the text may be the source it copied.)"""
    numbered = [(n, text) for n, text in enumerate(source_lines, start=1) if text.strip()]
    pieces, _, _ = front_matter(numbered)
    for piece in pieces:
        m = FRONT_MATTER_URL.match(piece.text)
        if m:
            return m.group("host").lower().removeprefix("www.")
    return None


def choose_outlet(
    attribution_outlet: str | None, dateline: Dateline | None, cleaned: CleanedText
) -> tuple[str | None, str]:
    """The publisher and the evidence for it; (None, "") when the page never says.

    The page speaking of itself (copyright, its name alone on a line) comes first: an
    attribution clause or a dateline in a republished text names the outlet it copied."""
    others = {r.number for r in cleaned.removed if r.reason in OTHERS_LINES}
    lines = [
        line
        for number, line in enumerate(cleaned.source_lines, start=1)
        if line.strip() and not is_credit(line) and number not in others
    ]
    top = [line.text for line in cleaned.lines if line.text and not is_credit(line.text)]
    top = top[: TOP_PARAGRAPHS + 1]
    finders: list[tuple[str, Callable[[], str | None]]] = [
        ("the page's address in its front matter", lambda: _front_matter_address(cleaned.source_lines)),
        ("copyright line", lambda: _copyright(lines)),
        (
            "the publisher's name on a line of its own",
            lambda: next(filter(None, map(_self_line, lines)), None),
        ),
        ("the publisher crediting the text to itself", lambda: _own_report(lines)),
        ("the site's name over the headline", lambda: _site_header(cleaned)),
        ("the site's name opening its breadcrumb", lambda: _breadcrumb_root(cleaned)),
        ("the site's name after the headline", lambda: _headline_suffix(cleaned)),
        ("the site describing itself in its header or footer", lambda: _self_description(lines)),
        (
            "the site naming itself an institution's official site",
            lambda: _official_site(lines, _chrome_above(cleaned)),
        ),
        ("the site's name over two header lines", lambda: _wrapped_header(lines)),
        ("the publisher signing the text's last sentence", lambda: _sign_off(cleaned)),
        ("the copyright line's holder", lambda: _copyright_holder(lines)),
        ("the site's domain opening the text", lambda: _domain_opener(top)),
        ("attribution clause", lambda: publisher_name(attribution_outlet) if attribution_outlet else None),
        ("dateline", lambda: _from_datelines(top)),
        ("the publisher announcing its report", lambda: _report_lead(top)),
        ("dateline", lambda: publisher_name(dateline.agency) if dateline and dateline.agency else None),
        ("named before a reporting verb", lambda: _before_verb(top)),
        ("outlet named near the top", lambda: _mentions_near_top(lines, top)),
        ("the publisher's own correspondent", lambda: _correspondent(lines)),
        ("the site's name on its date stamp", lambda: _stamp_signature(cleaned)),
        ("domain in the file", lambda: _footer_domain(lines)),
    ]
    for evidence, find in finders:
        name = find()
        if name:
            return _edition(name, lines), evidence
    return None, ""
