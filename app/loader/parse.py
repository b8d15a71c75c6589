"""Parse stage: headline, lead, date, dateline, outlet, cited source, tags and language.

Input is the cleaned text; nothing here reads files or writes anything.
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from app.datafiles import load_data
from app.loader.clean import CleanedText, RemovedLine
from app.loader.dates import (
    DateInfo,
    Dateline,
    FoundDate,
    calendar_line,
    dateline_date,
    dates_other_event,
    exact_date,
    find_date,
    has_clock,
    infer_year,
    mentions,
    names_recurring_day,
    names_span,
    parse_date_line,
    parse_dateline,
    parse_header,
    reports_speech,
    tells_of_future,
    today_mention,
)
from app.loader.evidence import ASKS, GLUED_STAMP, features, page_script, title_case_heading
from app.loader.kazakh_latin import READ_THROUGH_LATIN, is_kazakh_latin, read_cleaned_latin
from app.loader.language import LanguageGuess, detect_language, is_tote
from app.loader.outlet import choose_outlet, publisher_name
from app.loader.outlet_register import cited_sources, outlet_alias_pattern
from app.loader.tote import READ_THROUGH, read_cleaned
from app.text.fold import fold

HEADLINE_MAX_CHARS = 250
HEADLINE_MAX_WORDS = 30
DERIVED_TITLE_MAX_CHARS = 160
HASHTAG = re.compile(r"(?<![\w&])#(\w[\w-]*)")
HASHTAG_LINE = re.compile(r"^(?:#\w[\w-]*[\s,;]*)+$")


def _after_month_abbreviation() -> str:
    """Look-behinds for the stop of a month's abbreviation (`on Nov. 21`, `21 нояб. 2023`) or
    of a title before a name (`Minister Smt. Meenakashi Lekhi`, `проф. Берг`)."""
    months = load_data("dates.toml")["month_abbreviations"]
    titles = load_data("layout.toml")["title_abbreviations"]
    return "".join(rf"(?<!\b{re.escape(w)}\.)" for w in [*months, *titles])


# A stop after a one-letter abbreviation ends no sentence: an initial (`Н. Назарбаев`), or
# `А.ж.` (ағымдағы жыл, this year) and `U.S.` made of such letters; nor does the stop of a
# month's abbreviation (`on Nov. 21 in Budapest`).
SENTENCE_END = re.compile(
    r"(?<=[.!?…])(?<![\s.(«\"“][^\W\d_]\.)(?<!^[^\W\d_]\.)"
    + _after_month_abbreviation()
    + r"\s+(?=[«\"“(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9])"
)
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
# The sentences of an opening paragraph an attribution clause may stand in.
ATTRIBUTION_SENTENCES = 3
# Words before a date that still opens its paragraph: `On December 30,`, `В четверг, 6 января,`.
OPENER_MAX_WORDS = 3
QUOTED_NAME = re.compile(r"[«\"“][^«»\"“”]{1,60}[»\"”]")
# A name of up to four words, each in a Latin capital: `Social Media`, `The Gulf Observer`.
LATIN_NAME = re.compile(r"(?:[A-Z][\w.&'-]*)(?:\s[A-Z][\w.&'-]*){0,3}")


@dataclass(frozen=True)
class ParsedArticle:
    title: str | None
    display_title: str
    title_derived: bool
    lead: str
    paragraphs: tuple[str, ...]
    date: DateInfo
    dateline: Dateline | None
    outlet: str | None
    outlet_evidence: str
    cited_source: str | None
    cited_source_text: str | None
    tags: tuple[str, ...]
    language: str
    language_confidence: float
    metadata_lines: tuple[RemovedLine, ...] = field(default=())
    original_url: str | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


@dataclass(frozen=True)
class Attribution:
    clause_start: int
    outlet: str | None
    cited: str | None


@lru_cache(maxsize=1)
def _attribution_config() -> dict[str, Any]:
    return load_data("attribution.toml")


@lru_cache(maxsize=1)
def _clauses() -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    return tuple(
        (re.compile(c["pattern"], re.IGNORECASE), re.compile(c["cited_marker"], re.IGNORECASE))
        for c in _attribution_config()["clause"]
    )


@lru_cache(maxsize=1)
def _source_opener() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in _attribution_config()["source_openers"])
    return re.compile(rf"(?:^|[.!?:;]\s+)(?:{words})\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _cited_patterns() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (c["needle"], re.compile(c["pattern"], re.IGNORECASE)) for c in _attribution_config()["cited"]
    )


def looks_like_headline(line: str, has_more: bool) -> bool:
    """A short line that is not a finished sentence, followed by more text."""
    if not has_more or len(line) > HEADLINE_MAX_CHARS or len(line.split()) > HEADLINE_MAX_WORDS:
        return False
    if not any(c.isalpha() for c in line):  # `---`, `***`, `403`
        return False
    if line.rstrip("»\"”'").endswith((".", ",", ";", "…")) and not line.endswith("..."):
        return False
    return find_attribution(line) is None and parse_dateline(line) is None


@lru_cache(maxsize=1)
def _outlet_suffixes() -> tuple[tuple[str, str], ...]:
    """(suffix, its casefold) of data/attribution.toml, longest first: sorted once, not per clause."""
    suffixes = sorted(_attribution_config()["outlet_suffixes"], key=len, reverse=True)
    return tuple((suffix, suffix.casefold()) for suffix in suffixes)


def _strip_outlet_suffix(text: str) -> str:
    folded = text.casefold()
    for suffix, suffix_folded in _outlet_suffixes():
        if folded.startswith(suffix_folded + " "):
            return text[len(suffix) + 1 :]
        if folded == suffix_folded:
            return ""
    return text


@lru_cache(maxsize=1)
def _generic_media_pattern() -> re.Pattern[str]:
    words = sorted(_attribution_config()["generic_media"], key=len, reverse=True)
    return re.compile(rf"^(?:{'|'.join(re.escape(w) for w in words)})(?!\w)", re.IGNORECASE)


def _generic_media(rest: str) -> bool:
    """`ҚХР бұқаралық ақпарат құралдары`: the clause's first word names a country's press."""
    return _generic_media_pattern().match(rest.strip()) is not None


def find_attribution(sentence: str) -> Attribution | None:
    """`… деп хабарлайды KAZ.NUR.KZ порталы Ақордаға сілтеме жасап` → outlet and cited source."""
    for clause, cited_marker in _clauses():
        m = _clause_match(clause, sentence)
        if not m:
            continue
        body = m.group("body").strip()
        alias = outlet_alias_pattern().match(body)
        quoted = QUOTED_NAME.match(body)
        brand = LATIN_NAME.fullmatch(body)
        outlet: str | None
        if m.groupdict().get("name"):  # `…, Trend reports via …`: the name stands before the verb
            outlet, rest = m.group("name"), body
        elif alias:
            outlet = alias.group("alias")
            rest = body[alias.end() :]
        elif quoted:  # «Жаңа Дәуір» газеті: the name is whole, not cut at its first space
            outlet, rest = quoted.group(0), body[quoted.end() :]
        elif brand:  # `сообщает Social Media`: a name in Latin capitals ends the clause, whole
            outlet, rest = body, ""
        else:
            outlet, _, rest = body.partition(" ")
        if not alias and not quoted and _generic_media(rest):
            return Attribution(clause_start=m.start(), outlet=None, cited=None)
        if _source_opener().search(sentence[: m.start()]):
            # `Об этом передает ТАСС.`: the outlet named is the source the text came from
            return Attribution(clause_start=m.start(), outlet=None, cited=None)
        rest = _strip_outlet_suffix(rest.strip())
        cited_match = cited_marker.search(" " + rest)
        if cited_match:
            cited: str | None = cited_match.group("cited").strip()
            if not alias and not quoted and not m.groupdict().get("name"):
                outlet = f"{outlet} {rest[: cited_match.start()]}".strip()
        else:
            cited = None
        return Attribution(clause_start=m.start(), outlet=outlet, cited=cited)
    return None


# What follows a reporting verb when it says when, not who: `сообщил 26 июня …` (a number
# as a word of its own; `1lurer.am` is a name).
NUMBER_FIRST = re.compile(r"\d+(?:[.,:/-]\d+)*(?=[\s.,;:]|$)")


def _clause_match(clause: re.Pattern[str], sentence: str) -> re.Match[str] | None:
    """The clause's first match whose verb is followed by a name: after `сообщил 26 июня на
    пресс-конференции …, передает БелаПАН` the outlet is БелаПАН, never `26` (a word that
    opens with a digit tells the day or a figure)."""
    m = clause.search(sentence)
    while m is not None and NUMBER_FIRST.match(m.group("body").strip()) and not m.groupdict().get("name"):
        m = clause.search(sentence, m.start("body"))
    return m


@lru_cache(maxsize=1)
def _source_aliases() -> tuple[tuple[int, str, re.Pattern[str]], ...]:
    """(alias length, source name, the folded alias at a word's start) of data/sources.toml,
    compiled once: escaping and folding the aliases on every call cost more than the search."""
    return tuple(
        (len(alias), source.name, re.compile(rf"(?<!\w){re.escape(fold(alias.casefold()))}"))
        for source in cited_sources()
        for alias in source.aliases
    )


# Phrases whose source is kept: the same few (`Акорда`, `пресс-служба`) stand in page after
# page, and each is tried against every alias of data/sources.toml.
@lru_cache(maxsize=4096)
def canonical_source(phrase: str) -> str | None:
    """Match a cited phrase to data/sources.toml, tolerating case endings by prefix."""
    folded = fold(phrase.casefold())
    best: tuple[int, str] | None = None
    for size, name, pattern in _source_aliases():
        if pattern.search(folded) and (best is None or size > best[0]):
            best = (size, name)
    return best[1] if best else None


def find_cited_source(paragraphs: list[str], attribution: Attribution | None) -> tuple[str, str]:
    """The cited source's canonical name (or its words as written) and the words as written."""
    phrases = [attribution.cited] if attribution and attribution.cited else []
    for phrase in phrases:
        name = canonical_source(phrase)
        if name:
            return name, phrase
    for paragraph in paragraphs:
        lowered = paragraph.lower()
        for needle, pattern in _cited_patterns():
            if needle not in lowered:
                continue
            for match in pattern.finditer(paragraph):
                phrase = match.group("cited").strip()
                name = canonical_source(phrase)
                if name:
                    return name, phrase
                phrases.append(phrase)
    return (phrases[0], phrases[0]) if phrases else ("", "")


def first_sentence(paragraph: str) -> str:
    return SENTENCE_END.split(paragraph, maxsplit=1)[0].strip()


def derive_title(paragraph: str) -> str:
    """First sentence without its attribution clause, shortened at a word boundary."""
    sentence = first_sentence(paragraph)
    attribution = find_attribution(sentence)
    if attribution is not None:
        sentence = sentence[: attribution.clause_start]
    sentence = sentence.strip().rstrip(".,;:–—- ").strip()
    if len(sentence) > DERIVED_TITLE_MAX_CHARS:
        sentence = sentence[:DERIVED_TITLE_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:–—- ") + "…"
    return sentence


def _take_tags(
    lines: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], list[str], list[RemovedLine]]:
    tags: list[str] = []
    kept: list[tuple[int, str]] = []
    removed: list[RemovedLine] = []
    for number, text in lines:
        tags.extend(HASHTAG.findall(text))
        if HASHTAG_LINE.match(text):
            removed.append(RemovedLine(number, text, "hashtags (kept as tags)"))
        else:
            kept.append((number, text))
    return kept, list(dict.fromkeys(tags)), removed


def _take_header(
    lines: list[tuple[int, str]],
) -> tuple[list[tuple[int, str]], DateInfo | None, list[RemovedLine]]:
    """Metadata at the top: `date 2026-01-27 …` fields and lines that are only a date."""
    date: DateInfo | None = None
    removed: list[RemovedLine] = []
    out: list[tuple[int, str]] = []
    for index, (number, text) in enumerate(lines):
        if index < 4 and date is None:
            header = parse_header(text)
            if header:
                date = exact_date(
                    header[0],
                    "header",
                    f"metadata field «{text[: len(text) - len(header[1])].strip()}»",
                )
                if header[1]:
                    out.append((number, header[1]))
                else:
                    removed.append(RemovedLine(number, text, "publication date (metadata)"))
                continue
            only_date = parse_date_line(text)
            if only_date:
                date = exact_date(only_date, "date line", f"date line «{text}»")
                removed.append(RemovedLine(number, text, "publication date (metadata)"))
                continue
        out.append((number, text))
    return out, date, removed


@lru_cache(maxsize=1)
def _original_url_pattern() -> tuple[re.Pattern[str], int]:
    config = load_data("original_url.toml")
    keys = "|".join(re.escape(k) for k in sorted(config["keys"], key=len, reverse=True))
    pattern = re.compile(rf"^(?:(?:{keys})\s*[:：–—-]\s*)?<?(?P<url>https?://[^\s<>\"«»]+?)>?[.;,]?$", re.I)
    return pattern, int(config["edge_lines"])


def original_url(source_lines: tuple[str, ...]) -> tuple[int, str] | None:
    """(line number, URL) of the line that gives the article's own address, if one of the
    lines near the top or the bottom of the file is only that."""
    pattern, edge = _original_url_pattern()
    numbered = [(n, text.strip()) for n, text in enumerate(source_lines, start=1) if text.strip()]
    for number, text in [*numbered[:edge], *numbered[-edge:]]:
        m = pattern.match(text)
        if m:
            return number, m.group("url")
    return None


def _take_original_url(
    lines: list[tuple[int, str]], source_lines: tuple[str, ...]
) -> tuple[list[tuple[int, str]], str | None, list[RemovedLine]]:
    """The article's address, out of the text if the clean stage left it there."""
    found = original_url(source_lines)
    if found is None:
        return lines, None, []
    number, url = found
    kept = [(n, text) for n, text in lines if n != number]
    removed = [RemovedLine(n, text, "address of the original (metadata)") for n, text in lines if n == number]
    return kept, url, removed


def _metadata_dates(metadata: tuple[RemovedLine, ...]) -> tuple[DateInfo | None, FoundDate | None, str]:
    """The first full date in the metadata lines above or inside the text, else the first
    day and month (and the line it came from). A weekday-and-date line comes last: a site's
    header prints today's date that way (`Сенбі, 23 Қараша 2024` above `6 Желтоқсан, 2023
    сағат 14:49`), so it dates the article only when the page gives no other date."""
    day_month: tuple[FoundDate, str] | None = None
    calendar: DateInfo | None = None
    for line in metadata:
        if calendar_line(line.text):
            found = find_date(line.text)
            value = found.as_date() if found else None
            if calendar is None and value is not None:
                calendar = exact_date(value, "metadata line", f"weekday and date «{line.text}»")
            continue
        header = parse_header(line.text)
        if header is not None:
            return exact_date(header[0], "header", f"metadata line «{line.text}»"), None, ""
        only_date = parse_date_line(line.text)
        if only_date is not None:
            return exact_date(only_date, "date line", f"date line «{line.text}»"), None, ""
        found = find_date(line.text)
        if found is None:
            continue
        value = found.as_date()
        if found.year is not None and value is not None:
            return exact_date(value, "metadata line", f"metadata line «{line.text}»"), None, ""
        if day_month is None:
            day_month = (found, line.text)
    if day_month is None and calendar is not None:
        return calendar, None, ""
    return None, *(day_month or (None, ""))


# `ASTANA, Kazakhstan, February 2. …`: a place in capitals, maybe its country, opening the lead
# before the date, with no agency after it (a dateline the dateline patterns do not take).
LEAD_PLACE = re.compile(
    rf"^[{UPPER}][{UPPER}\-’' ]{{1,40}},(?:\s*[{UPPER}][\w’'-]+(?:\s+[{UPPER}][\w’'-]+)?,)?\s*"
)


DATELINE_MARK = re.compile(r"\s*[–—./-]")
DAY_RANGE = re.compile(r"^(?P<first>\d{1,2})\s*[–—-]\s*\d{1,2}(?=\s+[^\W\d_])")


def _lead_date(paragraph: str) -> FoundDate | None:
    """`26 февраля состоялся телефонный разговор…`: a date that opens the first paragraph
    (after a place in capitals: `ASTANA, Kazakhstan, February 2. …`), or a full date glued
    between its first words (`Астана08.10.2018 14:49Президент …`)."""
    glued = GLUED_STAMP.search(paragraph[:60])
    if glued is not None:
        found = find_date(glued.group("stamp"))
        if found is not None and found.year is not None:
            return found
    place = LEAD_PLACE.match(paragraph)
    if place is not None:
        paragraph = paragraph[place.end() :]
    # `11-12 мая Назарбаев находился …`: a range of days opening the lead starts on its first
    paragraph = DAY_RANGE.sub(r"\g<first>", paragraph, count=1)
    found = find_date(paragraph[:40])
    if found is None or not paragraph.startswith(found.text):
        return None
    # `6 шілде – Sputnik. …`: a dateline without a place opens the lead the same way.
    after = paragraph[len(found.text) :].lstrip(" ,.–—-/")
    if not after[:1].isalpha() or names_recurring_day(paragraph, 0, len(found.text)):
        return None  # `10 қазан – Бірлік күні …`: a holiday's date, not a dateline
    if place is not None or DATELINE_MARK.match(paragraph, len(found.text)):
        return found  # a dateline (`KUALA LUMPUR, May 14 – … will visit`) dates the text
    # `2019 жылдың 23-25 қыркүйек аралығында … қатысады`: a sentence opening on the date of
    # an event to come does not date the text
    sentence = first_sentence(paragraph)
    attribution = find_attribution(sentence)
    return (
        None if tells_of_future(sentence[: attribution.clause_start] if attribution else sentence) else found
    )


def _year_less(found: FoundDate, text: str, all_text: str, source: str) -> DateInfo:
    line = Dateline(text=text, place="", day=found.day, month=found.month, year=None, agency=None)
    return infer_year(line, all_text, source)


CREDIT_REASONS = ("photo credit", "photo caption")


def credit_stamp(cleaned: CleanedText) -> DateInfo | None:
    """A publication stamp glued to a picture's credit above the text (`Фото: Ақорда
    19.05.2023 12:55 724`: credit, date, time, views): the layout took the line out as a
    credit, so no metadata line holds the date. A full date with a clock is a stamp; a date
    alone beside a credit may be the picture's."""
    headline = cleaned.headline.number if cleaned.headline is not None else 0
    text = (line.number for line in cleaned.lines if line.text and line.number > headline)
    first = next(text, len(cleaned.source_lines) + 1)
    for removed in cleaned.removed:
        if removed.number >= first or not removed.reason.startswith(CREDIT_REASONS):
            continue
        found = find_date(removed.text)
        value = found.as_date() if found is not None and found.year is not None else None
        if value is not None and has_clock(removed.text):
            return exact_date(value, "metadata line", f"stamp beside a picture's credit «{removed.text}»")
    return None


def choose_date(
    header_date: DateInfo | None,
    metadata: tuple[RemovedLine, ...],
    dateline: Dateline | None,
    paragraphs: Sequence[str],
    all_text: str,
    stamp: DateInfo | None = None,
) -> DateInfo:
    """A stated full date beats a year-less one; the metadata above the text beats the
    dateline beats a date that opens the lead beats a stamp beside a picture's credit
    (`credit_stamp`) beats a date printed right under the text.
    A footer or related-news date never gets here."""
    above = tuple(m for m in metadata if "after the text" not in m.reason)
    meta_full, meta_day_month, meta_text = _metadata_dates(above)
    if header_date is not None:
        return header_date
    if meta_full is not None:
        return meta_full
    if dateline and dateline.day and dateline.month and dateline.year:
        return dateline_date(dateline)
    if dateline and dateline.day and dateline.month:
        return infer_year(dateline, all_text)
    if meta_day_month is not None:
        return _year_less(meta_day_month, meta_text, all_text, "metadata line")
    found = _lead_date(paragraphs[0] if paragraphs else "")
    if found is not None:
        value = found.as_date()
        if found.year is not None and value is not None:
            return exact_date(value, "lead", f"date opening the lead «{found.text}»")
        return _year_less(found, found.text, all_text, "lead")
    if stamp is not None:
        return stamp
    below, _, _ = _metadata_dates(tuple(m for m in metadata if m not in above))
    stated = below or _closing_date(all_text) or _event_date(paragraphs)
    return stated or DateInfo(evidence="no date in the file")


def _stated(found: FoundDate, source: str, evidence: str) -> DateInfo:
    """A date the running text states: exact with its year, else day and month, the year
    left unknown (a year named elsewhere in the text may be another event's)."""
    value = found.as_date()
    if found.year is not None and value is not None:
        return exact_date(value, source, f"{evidence} «{found.text}»")
    return DateInfo(
        month=found.month,
        day=found.day,
        precision="day_month",
        source=source,
        evidence=f"{evidence} «{found.text}»; year unknown: not written beside it",
    )


PULL_QUOTE = re.compile(r'^\s*[«"“„][^«»"“”„]+[»"”]\s*$')


def _event_date(paragraphs: Sequence[str]) -> DateInfo | None:
    """When nothing above or under the text dates it: the day the text calls today
    (`бүгін, 10 қарашада`), else the one date of the text's first sentence, the day of the
    event it reports (`Путин 7 июля прилетел…`, `On December 30, …` opening the paragraph
    under a standfirst). A sentence that names two dates, or a date as a bound (`с 1 мая`,
    `1 мамырдан бастап`), dates nothing."""
    today = today_mention("\n".join(paragraphs))
    if today is not None:
        return _stated(today.found, "today", "the text calls the day today:")
    # A paragraph that is all quotation opening the text is a pull quote: the report's first
    # sentence is the paragraph under it.
    while len(paragraphs) > 1 and PULL_QUOTE.match(paragraphs[0]):
        paragraphs = paragraphs[1:]
    for index, paragraph in enumerate(paragraphs[:2]):
        sentence = first_sentence(paragraph).lstrip('«"“ ')
        if names_span(sentence):
            return None  # the first event spans days: a later paragraph's date is another's
        found = mentions(sentence)
        if not found:
            continue
        if index and len(sentence[: found[0].start].split()) > OPENER_MAX_WORDS:
            return None  # under a standfirst, only a date that opens the paragraph
        if index and reports_speech(sentence[: found[0].start]):
            return None  # `Он отметил, что 1 ноября …`: what a speaker recalls
        attribution = find_attribution(sentence)
        clause = sentence[: attribution.clause_start] if attribution else sentence
        days = {(m.found.day, m.found.month) for m in found}
        if (
            len(days) > 1
            or any(m.bounded or dates_other_event(sentence, m) for m in found)
            or tells_of_future(clause)
        ):
            return None
        return _stated(found[0].found, "first sentence", "the date of the first sentence's event:")
    return None


# What may stand beside a date in a sentence of its own: `15 қазан 2015 жыл.`, `15 октября
# 2015 года`, `October 15, 2015`.
DATE_SENTENCE_REST = re.compile(r"^[\s.,;:()–—-]*(жыл(ы)?|года|год|г)?[\s.,;:()–—-]*$", re.IGNORECASE)


def _closing_date(all_text: str) -> DateInfo | None:
    """A full date that is the text's last sentence, run on at the end of its last paragraph
    (`… айтты. 15 қазан 2015 жыл.`): a stamp the page printed under the text, so it dates
    the article when nothing above does. A date inside a sentence tells of an event instead."""
    sentence = SENTENCE_END.split(all_text.rstrip().rsplit("\n", 1)[-1])[-1].strip()
    found = find_date(sentence)
    if found is None or found.year is None:
        return None
    value = found.as_date()
    if value is None or not DATE_SENTENCE_REST.match(sentence.replace(found.text, " ")):
        return None
    return exact_date(value, "closing date", f"date closing the text «{found.text}»")


def _attribution(paragraphs: Sequence[str]) -> Attribution | None:
    """The attribution clause of the first paragraphs: in a first sentence, else in the
    second or third (`… белгілі болды, деп хабарлайды BAQ.KZ.` after a sentence of
    background) where it names a publisher. Deeper in a paragraph a clause reports what
    someone else said."""
    firsts = (find_attribution(first_sentence(p)) for p in paragraphs)
    found = next((a for a in firsts if a is not None), None)
    if found is not None:
        return found
    for paragraph in paragraphs:
        sentences = SENTENCE_END.split(paragraph, maxsplit=ATTRIBUTION_SENTENCES)
        for sentence in sentences[1:ATTRIBUTION_SENTENCES]:
            later = find_attribution(sentence)
            if later is not None and later.outlet and publisher_name(later.outlet):
                return later
    return None


def _dating_metadata(cleaned: CleanedText, kept: list[tuple[int, str]]) -> tuple[RemovedLine, ...]:
    """The metadata lines that may date the text: a weekday-and-date line with the site's
    chrome (menus, links) between it and the text is the site header's today
    (`суббота, 21 февраля 2026` above the portal's name and its menu), not the article's."""
    start = kept[0][0] if kept else len(cleaned.source_lines)
    chrome = [r.number for r in cleaned.removed if r.reason.startswith("site chrome")]
    return tuple(
        m
        for m in cleaned.metadata
        if not (calendar_line(m.text) and any(m.number < number < start for number in chrome))
    )


@dataclass(frozen=True)
class _TextParts:
    """What the parser takes apart before it reads date and publisher: the headline, the
    text's paragraphs (a dateline cut off), the lines still numbered, and what it took out."""

    title: str | None
    lines: list[tuple[int, str]]
    texts: list[str]
    dateline: Dateline | None
    header_date: DateInfo | None
    metadata: list[RemovedLine]
    tags: list[str]
    url: str | None


def _text_parts(cleaned: CleanedText) -> _TextParts:
    lines = [(line.number, line.text) for line in cleaned.lines if line.text]
    lines, url, url_lines = _take_original_url(lines, cleaned.source_lines)
    title: str | None = None
    chosen = cleaned.headline
    if chosen is not None and lines and lines[0] == (chosen.number, chosen.text):
        asks = ASKS.search(chosen.text) is not None
        # A Title Case headline keeps the full stop some sites end it with.
        titled = title_case_heading(features(chosen.text), page_script([chosen.text]))
        if (
            cleaned.headline_declared
            or asks
            or titled
            or looks_like_headline(chosen.text, has_more=len(lines) > 1)
        ):
            title = chosen.text
            lines = lines[1:]
    elif not cleaned.layout_known and lines and looks_like_headline(lines[0][1], has_more=len(lines) > 1):
        title = lines.pop(0)[1]
    lines, header_date, metadata = _take_header(lines)
    lines, tags, tag_lines = _take_tags(lines)
    metadata.extend(tag_lines)
    metadata.extend(url_lines)
    texts = [text for _, text in lines]

    dateline: Dateline | None = None
    for index, paragraph in enumerate(texts[:3]):
        dateline = parse_dateline(paragraph)
        if dateline:
            rest = paragraph[len(dateline.text) :].strip()
            texts[index] = rest
            break
    texts = [t for t in texts if t]
    return _TextParts(title, lines, texts, dateline, header_date, metadata, list(tags), url)


def _publisher(cleaned: CleanedText, parts: _TextParts) -> tuple[Attribution | None, str | None, str]:
    """The attribution clause, and the publisher with its evidence."""
    # A source line the layout took out (`По данным сайта X, передает Y.`) still names the
    # publisher in its attribution clause.
    sources = [r.text for r in cleaned.removed if r.reason.startswith("source line")]
    attribution = _attribution(parts.texts[:3]) or next(filter(None, map(find_attribution, sources)), None)
    outlet, outlet_evidence = choose_outlet(
        attribution.outlet if attribution else None, parts.dateline, cleaned
    )
    return attribution, outlet, outlet_evidence


def outlet_of(cleaned: CleanedText, tote: bool = False) -> tuple[str | None, str]:
    """The publisher and its evidence alone, as `parse` finds them, without the date and the
    language (the loader reads the outlet of a page as its site printed it a second time);
    a page in töte (`tote`) is read in its Cyrillic copy where it names none as written."""
    _, outlet, evidence = _publisher(cleaned, _text_parts(cleaned))
    if outlet is None and tote:
        reading = read_cleaned(cleaned)
        _, outlet, evidence = _publisher(reading, _text_parts(reading))
        if outlet is not None:
            evidence = f"{evidence}; {READ_THROUGH}"
    return outlet, evidence


# How many lines at the top of a file may hold a header's year and month (`date 2023-09`).
HEADER_MONTH_LINES = 3


@lru_cache(maxsize=1)
def _header_month_pattern() -> re.Pattern[str]:
    keys = "|".join(
        re.escape(k) for k in sorted(load_data("dates.toml")["header_keys"], key=len, reverse=True)
    )
    return re.compile(rf"^(?:{keys})\s*[:=]?\s*(?P<year>\d{{4}})-(?P<month>\d{{2}})\s*$", re.IGNORECASE)


def _header_year_month(source_lines: tuple[str, ...]) -> tuple[int, int, str] | None:
    """`date 2023-09` at the top of the file: the page's year and month, without a day."""
    top = [line.strip() for line in source_lines if line.strip()][:HEADER_MONTH_LINES]
    for line in top:
        m = _header_month_pattern().match(line)
        if m:
            return int(m.group("year")), int(m.group("month")), line
    return None


def with_header_year(date: DateInfo, header: tuple[int, int, str] | None) -> DateInfo:
    """A day and month without a year (`11 Sep. 15:00`) under a header that gives the year
    and the same month (`date 2023-09`): the full date. Another month leaves it as it was."""
    if header is None or date.precision != "day_month" or date.month != header[1] or date.day is None:
        return date
    try:
        value = dt.date(header[0], header[1], date.day)
    except ValueError:
        return date
    return exact_date(value, date.source, f"{date.evidence}; year from the header «{header[2]}»")


def parse(cleaned: CleanedText) -> ParsedArticle:
    """The record's fields; a page in töte or in Kazakh Latin has its date, outlet and cited
    source read in its Cyrillic copy (app/loader/tote.py, app/loader/kazakh_latin.py), its
    headline and text kept as written."""
    parsed = _parse(cleaned)
    copy = _cyrillic_copy(parsed, cleaned)
    if copy is None:
        return parsed
    read_through, read_cleaned_page = copy
    reading = _parse(read_cleaned_page)
    date = parsed.date
    if date.precision == "unknown" and reading.date.precision != "unknown":
        date = replace(reading.date, evidence=f"{reading.date.evidence}; {read_through}")
    outlet, outlet_evidence = parsed.outlet, parsed.outlet_evidence
    if outlet is None and reading.outlet is not None:
        outlet, outlet_evidence = reading.outlet, f"{reading.outlet_evidence}; {read_through}"
    return replace(
        parsed,
        date=date,
        outlet=outlet,
        outlet_evidence=outlet_evidence,
        cited_source=parsed.cited_source or reading.cited_source,
        cited_source_text=parsed.cited_source_text or reading.cited_source_text,
    )


def _cyrillic_copy(parsed: ParsedArticle, cleaned: CleanedText) -> tuple[str, CleanedText] | None:
    """The page read in Kazakh Cyrillic, and what says so, when it is Kazakh in another
    script: töte, or the Latin alphabets (whose month names and attribution clauses, `12
    Qazan`, `dep jazady X`, are the Cyrillic ones transliterated)."""
    if in_tote(parsed):
        return READ_THROUGH, read_cleaned(cleaned)
    if is_kazakh_latin(parsed):
        return READ_THROUGH_LATIN, read_cleaned_latin(cleaned)
    return None


def in_tote(parsed: ParsedArticle) -> bool:
    """Kazakh in the Arabic script: its date, outlet and entities are read in a Cyrillic copy."""
    guess = LanguageGuess(parsed.language, parsed.language_confidence)
    return is_tote("\n".join([parsed.display_title, *parsed.paragraphs[:3]]), guess)


def _parse(cleaned: CleanedText) -> ParsedArticle:
    parts = _text_parts(cleaned)
    title, texts, dateline = parts.title, parts.texts, parts.dateline
    all_text = "\n".join(([title] if title else []) + texts)
    date = choose_date(
        parts.header_date,
        _dating_metadata(cleaned, parts.lines),
        dateline,
        texts,
        all_text,
        credit_stamp(cleaned),
    )
    date = with_header_year(date, _header_year_month(cleaned.source_lines))
    attribution, outlet, outlet_evidence = _publisher(cleaned, parts)
    cited, cited_text = find_cited_source(texts, attribution)
    guess = detect_language(all_text)
    return ParsedArticle(
        title=title,
        display_title=title or (derive_title(texts[0]) if texts else ""),
        title_derived=title is None,
        lead=texts[0] if texts else "",
        paragraphs=tuple(texts),
        date=date,
        dateline=dateline,
        outlet=outlet,
        outlet_evidence=outlet_evidence,
        cited_source=cited or None,
        cited_source_text=cited_text or None,
        tags=tuple(parts.tags),
        language=guess.code,
        language_confidence=guess.confidence,
        metadata_lines=tuple(parts.metadata),
        original_url=parts.url,
    )
