"""Publication dates: header fields, date lines and datelines, with precision and provenance.

A date the text states is exact; a year the text only suggests is recorded as inferred,
with the evidence; no date at all stays unknown.
"""

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from app import tablecache
from app.datafiles import load_data

LOCALES = ("ru", "kk", "en")
UPPER = "A-ZА-ЯЁӘҒҚҢӨҰҮҺІ"
WORD_RE = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True)
class DateInfo:
    """`precision` is day, month, year, day_month (year unknown) or unknown."""

    value: dt.date | None = None
    year: int | None = None
    month: int | None = None
    day: int | None = None
    precision: str = "unknown"
    inferred: bool = False
    source: str = "none"
    evidence: str = ""
    # Why a date the file states could not be used (`30 февраля 2020`), for the load report.
    problem: str = ""

    @property
    def iso(self) -> str | None:
        if self.precision == "day" and self.value:
            return self.value.isoformat()
        if self.precision == "month" and self.year and self.month:
            return f"{self.year:04d}-{self.month:02d}"
        if self.precision == "year" and self.year:
            return f"{self.year:04d}"
        if self.precision == "day_month" and self.month and self.day:
            # ISO 8601's year-less form: the day is known, the year is not invented.
            return f"--{self.month:02d}-{self.day:02d}"
        return None


@dataclass(frozen=True)
class Dateline:
    text: str
    place: str
    day: int | None
    month: int | None
    year: int | None
    agency: str | None


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    return load_data("dates.toml")


# CLDR's month names (number, name) and weekday names, as Babel gives them for LOCALES.
CalendarNames = tuple[list[tuple[int, str]], list[str]]


def _cldr_calendar_names() -> CalendarNames:
    from babel.dates import get_day_names, get_month_names

    months: list[tuple[int, str]] = []
    days: list[str] = []
    for locale in LOCALES:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                months += [(int(n), str(name)) for n, name in get_month_names(width, context, locale).items()]
                days += [str(name) for name in get_day_names(width, context, locale).values()]
    return months, days


@lru_cache(maxsize=1)
def calendar_names() -> CalendarNames:
    """CLDR's month and weekday names in ru/kk/en, kept between processes (app.tablecache):
    Babel loads three locales' data to give them, a fresh load's slowest first date."""
    return tablecache.cached("calendar-names", _cldr_calendar_names)


@lru_cache(maxsize=1)
def month_lookup() -> dict[str, int]:
    """Every month spelling CLDR knows in ru/kk/en, lowercased and without a final dot."""
    names: dict[str, int] = {}
    for number, name in calendar_names()[0]:
        names[name.lower().rstrip(".")] = number
    names.update({k: int(v) for k, v in _config()["extra_months"].items()})
    return names


def _month_alternation() -> str:
    return "|".join(re.escape(m) for m in sorted(month_lookup(), key=len, reverse=True))


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    months = _month_alternation()
    keys = "|".join(re.escape(k) for k in sorted(_config()["header_keys"], key=len, reverse=True))
    numeric = r"(?P<iso>\d{4}-\d{2}-\d{2})|(?P<dmy>\d{1,2}\.\d{1,2}\.\d{4})"
    textual = rf"(?P<tday>\d{{1,2}})\s+(?P<tmonth>{months})\.?,?\s+(?P<tyear>\d{{4}})"
    en_textual = rf"(?P<emonth>{months})\.?\s+(?P<eday>\d{{1,2}}),?\s+(?P<eyear>\d{{4}})"
    any_date = rf"(?:{numeric}|{textual}|{en_textual})"
    clock = r"\d{1,2}:\d{2}(?::\d{2})?"
    after = "|".join(re.escape(w) for w in _config()["year_words_after"])
    before = "|".join(re.escape(w) for w in _config()["year_words_before"])
    genitive = _alternation(_config()["month_genitive_endings"])
    possessive = _alternation(_config()["day_possessive_endings"])
    return {
        "header": re.compile(
            rf"^(?:{keys})\s*[:=]?\s*{any_date}(?:[ ,T]+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?\s*(?P<rest>.*)$",
            re.IGNORECASE,
        ),
        "date_line": re.compile(
            rf"^(?:{clock}[ ,|/-]+)?{any_date}(?:\s*(?:г\.|года|жылы|ж\.)?)?(?:[ ,|/-]+{clock})?$",
            re.IGNORECASE,
        ),
        "dateline": re.compile(
            rf"^(?P<place>[{UPPER}][{UPPER}\-’' ]{{1,40}}?)\s*[,.]\s*"
            rf"(?P<day>\d{{1,2}})\s+(?P<month>{months})\.?(?:\s+(?P<year>\d{{4}}))?"
            rf"\s*(?:[.,]?\s*[–—-]\s*|\.\s*/?)(?P<agency>[^.–—/]{{1,40}}?)\s*/?\s*[.–—-]\s*",
            re.IGNORECASE,
        ),
        "dateline_md": re.compile(
            rf"^(?P<place>[{UPPER}][{UPPER}\-’' ]{{1,40}}?)\s*[,.]\s*"
            rf"(?P<month>{months})\.?\s+(?P<day>\d{{1,2}})(?:,?\s+(?P<year>\d{{4}}))?"
            rf"\s*(?:[.,]?\s*[–—-]\s*|\.\s*/?)(?P<agency>[^.–—/]{{1,40}}?)\s*/?\s*[.–—-]\s*",
            re.IGNORECASE,
        ),
        # Kazakh's own order, the month in the genitive and the day after it: `АСТАНА.
        # Қыркүйектің 22-сі. ҚазАқпарат.`, `АЛМАТЫ. Наурыздың 30-ы. ҚазАқпарат /Author/ -`.
        "dateline_kk": re.compile(
            rf"^[;,]?\s*(?P<place>[{UPPER}][{UPPER}\-’' ]{{1,40}}?)\s*[,.]\s*"
            rf"(?P<month>{months})(?:{genitive})\s+(?P<day>\d{{1,2}})(?:-?(?:{possessive}))?(?!\w)(?P<year>(?!))?"
            rf"\s*[.,]\s*(?P<agency>[^.–—/]{{1,40}}?)\s*(?:/[^/]{{1,40}}/)?\s*[.–—-]\s*",
            re.IGNORECASE,
        ),
        # `Бишкек, 16.03.26 /Кабар/.`, `АСТАНА, 05.03.2024 – Kazinform.`
        "dateline_num": re.compile(
            rf"^(?P<place>[{UPPER}][{UPPER}\-’' ]{{1,40}}?)\s*[,.]\s*"
            rf"(?P<num>\d{{1,2}}\.\d{{1,2}}\.(?:\d{{4}}|\d{{2}}))"
            rf"\s*(?:[.,]?\s*[–—-]\s*|\.\s*/?|/)(?P<agency>[^.–—/]{{1,40}}?)\s*/?\s*[.–—-]\s*",
            re.IGNORECASE,
        ),
        # `ASTANA, May 14 (Kazinform) – …`; with a date, a colon may stand for the dash
        # (`ISLAMABAD, Dec 09 (NNI): …`); `DUSHANBE (APP): …` without one is a credit.
        "dateline_en": re.compile(
            rf"^(?P<place>[A-Z][A-Z\-’' ]{{1,40}}?),?\s*(?:(?P<month>(?i:{months}))\.?\s+(?P<day>\d{{1,2}})"
            rf"(?:,\s*(?P<year>\d{{4}}))?)?\s*\((?P<agency>[^)]{{1,40}})\)\s*(?:[–—-]+|(?(day):|(?!)))\s*"
        ),
        # `Moscow, 14 January 2022 (TDI): …`: a place as written, a full date day first and the
        # agency in brackets; the full date and the bracket are the evidence a dateline needs.
        "dateline_bracket": re.compile(
            rf"^(?P<place>[{UPPER}][\w\-’' ]{{1,40}}?),\s*(?P<day>\d{{1,2}})\s+(?P<month>(?i:{months}))\.?,?"
            rf"\s+(?P<year>\d{{4}})\s*\((?P<agency>[^)]{{1,40}})\)\s*[:–—-]+\s*"
        ),
        # A release's own dateline, no agency: a place as written, the month and day, a colon
        # (`Tokyo, March 25: Secretary of State …`, `Astana, 25 March 2010: The minister …`).
        "dateline_colon": re.compile(
            rf"^(?P<place>[{UPPER}][\w\-’' ]{{1,30}}?),\s*(?:(?P<month>(?i:{months}))\.?\s+(?P<day>\d{{1,2}})"
            rf"|(?P<dday>\d{{1,2}})\s+(?P<dmonth>(?i:{months}))\.?)(?:,?\s+(?P<year>\d{{4}}))?:\s+(?=[{UPPER}])"
            rf"(?P<agency>)"
        ),
        "year": re.compile(
            rf"(?:\b(?:{before})\s+(?:\w+\s+)?(?P<y1>(?:19|20)\d\d)\b)"
            rf"|(?:\b(?P<y2>(?:19|20)\d\d)\s*-?\s*(?:{after})(?![\w]))",
            re.IGNORECASE,
        ),
    }


def _one_reading(first: int, second: int, year: int) -> dt.date | None:
    """`25/10/2023`, `10/25/2023`, `26-03-2025`: read only when one part cannot be a month
    (or both readings agree); `05/06/2023` is left undated rather than guessed."""
    if first > 12 or first == second:
        return dt.date(year, second, first)
    if second > 12:
        return dt.date(year, first, second)
    return None


def _date_from_match(m: re.Match[str]) -> dt.date | None:
    try:
        if m.group("iso"):
            # `2006-12-4`: a Markdown archive's link text drops the day's leading zero.
            year, month, day = (int(x) for x in m.group("iso").split("-"))
            return dt.date(year, month, day)
        if m.group("dmy"):
            day, month, year = (int(x) for x in m.group("dmy").split("."))
            return dt.date(year, month, day)
        if m.group("tday"):
            month = month_lookup()[m.group("tmonth").lower().rstrip(".")]
            return dt.date(int(m.group("tyear")), month, int(m.group("tday")))
        if m.group("eday"):
            month = month_lookup()[m.group("emonth").lower().rstrip(".")]
            return dt.date(int(m.group("eyear")), month, int(m.group("eday")))
        if m.groupdict().get("dmy2"):
            day, month, short = (int(x) for x in m.group("dmy2").split("."))
            return dt.date(_full_year(short), month, day)
        if m.groupdict().get("slash"):
            return _one_reading(*(int(x) for x in m.group("slash").split("/")))
        if m.groupdict().get("dash"):
            return _one_reading(*(int(x) for x in m.group("dash").split("-")))
        if m.groupdict().get("kday"):
            month = month_lookup()[m.group("kmonth").lower().rstrip(".")]
            return dt.date(int(m.group("kyear")), month, int(m.group("kday")))
    except (ValueError, KeyError):
        return None
    return None


def _full_year(short: int) -> int:
    """A two-digit year (`15.03.24`): 00-68 are this century's, 69-99 the last's (POSIX)."""
    return 2000 + short if short < 69 else 1900 + short


@dataclass(frozen=True)
class FoundDate:
    """A date written somewhere in a line: `year` is None when the line gives day and month only."""

    day: int
    month: int
    year: int | None
    text: str

    def as_date(self) -> dt.date | None:
        try:
            return dt.date(self.year or 2000, self.month, self.day)
        except ValueError:
            return None


@lru_cache(maxsize=1)
def _line_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    months = _month_alternation()
    ordinal = r"(?:st|nd|rd|th)?"
    # Kazakh inflects the month: `2023 жылы 15 қыркүйекте` (on 15 September 2023). Without
    # a year the inflected form tells when something happened, not when it was published.
    case = rf"(?:{'|'.join(_config()['month_case_endings'])})?"
    full = re.compile(
        rf"(?<![\d.-])(?P<iso>\d{{4}}-\d{{1,2}}-\d{{1,2}})(?![\d-])"
        rf"|(?<![\d.])(?P<dmy>\d{{1,2}}\.\d{{1,2}}\.\d{{4}})(?!\d)"
        rf"|(?<![\d/])(?P<slash>\d{{1,2}}/\d{{1,2}}/\d{{4}})(?![\d/])"
        rf"|(?<![\d-])(?P<dash>\d{{1,2}}-\d{{1,2}}-\d{{4}})(?![\d-])"
        # `15.03.24`: a stamp's short year; two digits each, so `1.2.24` (a version) is not one.
        rf"|(?<![\d.])(?P<dmy2>\d{{2}}\.\d{{2}}\.\d{{2}})(?![\d.])"
        # a range of days (`6–11 қазан 2025`) starts on its first day
        rf"|(?<![\d–—-])(?P<tday>\d{{1,2}}){ordinal}(?:\s*[–—-]\s*\d{{1,2}})?(?:\s+|-)(?P<tmonth>{months})(?!\w)\.?,?\s+(?P<tyear>\d{{4}})(?!\d)"
        rf"|(?<!\w)(?P<emonth>{months})\.?\s+(?P<eday>\d{{1,2}}){ordinal},?\s*(?P<eyear>\d{{4}})(?!\d)"
        # Kazakh puts the year first: `2023 жылғы 15 қыркүйек`, `2023 жылы 15 қыркүйекте`.
        rf"|(?<!\d)(?P<kyear>\d{{4}})\s*(?:жылғы|жылы|жылдың|ж\.)\s*(?P<kday>\d{{1,2}})(?:\s*[–—-]\s*\d{{1,2}})?(?:\s+|-)(?P<kmonth>{months}){case}(?!\w)",
        re.IGNORECASE,
    )
    day_month = re.compile(
        rf"(?<![\d.])(?<!\d[-–—])(?P<day>\d{{1,2}}){ordinal}(?:\s+|-)(?P<month>{months})(?!\w)"
        rf"|(?<!\w)(?P<month2>{months})\.?\s+(?P<day2>\d{{1,2}})(?![\d:])",
        re.IGNORECASE,
    )
    # `14:00`, `14.00` (not a part of `10.05.2022`)
    clock = re.compile(r"(?<![\d:.])(?:[01]?\d|2[0-3])(?::[0-5]\d|\.[0-5]\d(?![\d.]))")
    return full, day_month, clock


def _year_ok(year: int) -> bool:
    low, high = _config().get("year_range", [1950, 2100])
    return bool(low <= year <= high)


def find_date(line: str) -> FoundDate | None:
    """The first full date written in a line (`Published January 08, 2022 | 02:40 PM`,
    `Саясат • 02 Қараша, 2023`, `05.05.2015г. в 14:00`), else the first day and month
    (`27 Nov. 18:20`): a year is never made up."""
    full, day_month, _ = _line_patterns()
    for m in full.finditer(line):
        value = _date_from_match(m)
        if value is not None and _year_ok(value.year):
            return FoundDate(value.day, value.month, value.year, m.group(0))
    for m in day_month.finditer(line):
        name = (m.group("month") or m.group("month2")).lower().rstrip(".")
        number = month_lookup().get(name)
        day = int(m.group("day") or m.group("day2"))
        found = FoundDate(day, number, None, m.group(0)) if number else None
        if found is not None and found.as_date() is not None:
            return found
    return None


def has_clock(line: str) -> bool:
    return _line_patterns()[2].search(line) is not None


def parse_header(line: str) -> tuple[dt.date, str] | None:
    """A `date YYYY-MM-DD rest` metadata line: the date and what follows it on the line."""
    m = _patterns()["header"].match(line)
    if not m:
        return None
    value = _date_from_match(m)
    return (value, m.group("rest").strip()) if value else None


def parse_date_line(line: str) -> dt.date | None:
    """A line that is nothing but a publication date (and maybe a time)."""
    m = _patterns()["date_line"].match(line.strip())
    return _date_from_match(m) if m else foreign_date_line(line)


@lru_cache(maxsize=1)
def _calendar_pattern() -> re.Pattern[str]:
    names = {n.lower().rstrip(".") for n in calendar_names()[1]}
    alternation = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"^(?:{alternation})\.?\s*[,•|/–—-]?\s+(?P<rest>.+)$", re.IGNORECASE)


def calendar_line(line: str) -> bool:
    """A weekday and a date, nothing else (`Сенбі, 23 Қараша 2024`, `Friday, July 20, 2018`):
    what a site's header prints as today's date, or what a page prints as its own date. Only
    the page tells which: when it shows another date above the text, this one is the calendar."""
    m = _calendar_pattern().match(line.strip())
    return m is not None and parse_date_line(m.group("rest")) is not None and not has_clock(m.group("rest"))


def _cldr_foreign_months() -> dict[str, int]:
    from babel import Locale
    from babel.localedata import locale_identifiers

    numbers: dict[str, set[int]] = {}
    for identifier in locale_identifiers():
        if "_" in identifier:
            continue  # a territory's variant writes its language's months
        names = Locale.parse(identifier).months
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for number, name in names[context][width].items():
                    numbers.setdefault(str(name).lower().rstrip("."), set()).add(int(number))
    return {name: next(iter(found)) for name, found in numbers.items() if len(found) == 1}


@lru_cache(maxsize=1)
def foreign_months() -> dict[str, int]:
    """Month names of every language CLDR knows (`április`, `Eylül`, `listopadu`), each with
    the one number all its languages give it (`listopad` is November in Polish and October
    in Croatian: left out). Built only when a line needs it, kept between processes."""
    return tablecache.cached("foreign-months", _cldr_foreign_months)


# A line that is only a date with its month as a word, in any language's order: `2019.
# április 23.` (year first), `23. April 2019`, `April 23, 2019`, maybe with a clock.
_CLOCK = r"\d{1,2}:\d{2}(?::\d{2})?"
FOREIGN_DATE_LINE = re.compile(
    rf"^(?:{_CLOCK}[ ,|/-]+)?"
    r"(?:(?P<y1>\d{4})\.?\s+(?P<m1>[^\W\d_]{3,})\.?\s+(?P<d1>\d{1,2})\.?"
    r"|(?P<d2>\d{1,2})\.?\s+(?P<m2>[^\W\d_]{3,})\.?,?\s+(?P<y2>\d{4})\.?"
    r"|(?P<m3>[^\W\d_]{3,})\.?\s+(?P<d3>\d{1,2}),?\s+(?P<y3>\d{4})\.?)"
    rf"(?:[ ,|/-]+{_CLOCK})?$"
)


def foreign_date_line(line: str) -> dt.date | None:
    """A line that is nothing but a date in a language other than ru/kk/en, as a foreign
    site prints its own date (`2019. április 23.`). Whole lines only: in running text a
    word of another language may spell a month by chance."""
    m = FOREIGN_DATE_LINE.match(line.strip())
    if m is None:
        return None
    index = next(i for i in "123" if m.group("m" + i))
    word = m.group("m" + index).lower()
    if word in month_lookup():
        return None  # ru/kk/en: the main patterns read it
    month = foreign_months().get(word)
    if month is None or not _year_ok(int(m.group("y" + index))):
        return None
    try:
        return dt.date(int(m.group("y" + index)), month, int(m.group("d" + index)))
    except ValueError:
        return None


def parse_dateline(paragraph: str) -> Dateline | None:
    """`НУР-СУЛТАН, 3 апр – Sputnik.` at the start of a paragraph."""
    patterns = _patterns()
    m = (
        patterns["dateline"].match(paragraph)
        or patterns["dateline_md"].match(paragraph)
        or patterns["dateline_en"].match(paragraph)
        or patterns["dateline_num"].match(paragraph)
        or patterns["dateline_bracket"].match(paragraph)
        or patterns["dateline_kk"].match(paragraph)
        or patterns["dateline_colon"].match(paragraph)
    )
    if not m:
        return None
    place = m.group("place").strip(" -")
    if not place.isupper() and len(place.split()) > 3:
        return None
    if m.groupdict().get("num"):
        day_text, month_text, year_text = m.group("num").split(".")
        year = int(year_text) if len(year_text) == 4 else _full_year(int(year_text))
        if not (1 <= int(month_text) <= 12 and 1 <= int(day_text) <= 31):
            return None
        agency = m.group("agency").strip() or None
        return Dateline(m.group(0).strip(), place, int(day_text), int(month_text), year, agency)
    groups = m.groupdict()
    month_text = groups.get("month") or groups.get("dmonth")
    day_text = groups.get("day") or groups.get("dday")
    month = month_lookup().get((month_text or "").lower().rstrip("."))
    day = int(day_text) if day_text else None
    if (month is None) != (day is None) or (day is not None and not 1 <= day <= 31):
        return None
    return Dateline(
        text=m.group(0).strip(),
        place=place,
        day=day,
        month=month,
        year=int(m.group("year")) if m.group("year") else None,
        agency=m.group("agency").strip() or None,
    )


def years_mentioned(text: str) -> list[tuple[int, str]]:
    """Years the text names as years, each with a short quote as evidence."""
    found = []
    for m in _patterns()["year"].finditer(text):
        year = int(m.group("y1") or m.group("y2"))
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end == -1 else line_end
        before_words = text[line_start : m.start()].split()[-4:]
        after_words = text[m.end() : line_end].split()[:1]
        found.append((year, " ".join([*before_words, m.group(0).strip(), *after_words]).strip(" ,.;")))
    return found


def place_era(place: str) -> tuple[dt.date | None, dt.date | None] | None:
    folded = place.casefold()
    for era in _config().get("place_era", []):
        if folded in era["names"]:
            start = dt.date.fromisoformat(era["from"]) if "from" in era else None
            end = dt.date.fromisoformat(era["to"]) if "to" in era else None
            return start, end
    return None


def _fits_era(day: dt.date, era: tuple[dt.date | None, dt.date | None] | None) -> bool:
    if era is None:
        return True
    start, end = era
    return (start is None or day >= start) and (end is None or day <= end)


def _impossible(dateline: Dateline, shown: str) -> DateInfo:
    problem = f"dateline «{dateline.text}» names an impossible date ({shown}); date unknown"
    return DateInfo(evidence=problem, problem=problem)


def dateline_date(dateline: Dateline) -> DateInfo:
    """The exact date of a dateline that names day, month and year; unknown (and why)
    when no such day exists."""
    assert dateline.day is not None and dateline.month is not None and dateline.year is not None
    try:
        value = dt.date(dateline.year, dateline.month, dateline.day)
    except ValueError:
        return _impossible(dateline, f"{dateline.day:02d}.{dateline.month:02d}.{dateline.year}")
    return exact_date(value, "dateline", f"dateline «{dateline.text}»")


def infer_year(dateline: Dateline, text: str, source: str = "dateline") -> DateInfo:
    """Complete a day-and-month dateline with a year only when the article's text supports it."""
    assert dateline.day is not None and dateline.month is not None
    try:
        dt.date(2000, dateline.month, dateline.day)  # a leap year: 29 February exists
    except ValueError:
        return _impossible(dateline, f"{dateline.day:02d}.{dateline.month:02d}")
    era = place_era(dateline.place)
    candidates: dict[int, str] = {}
    for year, quote in years_mentioned(text):
        try:
            day = dt.date(year, dateline.month, dateline.day)
        except ValueError:
            continue
        if _fits_era(day, era):
            candidates.setdefault(year, quote)
    if len(candidates) == 1:
        year, quote = next(iter(candidates.items()))
        evidence = f"year from the text: «{quote}»"
        if era is not None:
            evidence += f"; consistent with the place name «{dateline.place}»"
        return DateInfo(
            value=dt.date(year, dateline.month, dateline.day),
            year=year,
            month=dateline.month,
            day=dateline.day,
            precision="day",
            inferred=True,
            source=source,
            evidence=evidence,
        )
    why = "the text names no year" if not candidates else "the text names several years"
    return DateInfo(
        month=dateline.month,
        day=dateline.day,
        precision="day_month",
        source=source,
        evidence=f"{source} «{dateline.text}»; year unknown: {why}",
    )


def exact_date(value: dt.date, source: str, evidence: str) -> DateInfo:
    return DateInfo(
        value=value,
        year=value.year,
        month=value.month,
        day=value.day,
        precision="day",
        source=source,
        evidence=evidence,
    )


@dataclass(frozen=True)
class Mention:
    """A date written in running text, where it stands, and whether a word around it makes it
    a bound or a point of reference (`с 1 мая`, `1 мамырдан бастап`) rather than a day."""

    found: FoundDate
    start: int
    end: int
    bounded: bool


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@lru_cache(maxsize=1)
def _mention_pattern() -> re.Pattern[str]:
    months = _month_alternation()
    cfg = _config()
    case = rf"(?:{_alternation(cfg['month_case_endings'])})?"
    genitive = _alternation(cfg["month_genitive_endings"])
    possessive = _alternation(cfg["day_possessive_endings"])
    ordinal = r"(?:st|nd|rd|th)?"
    # A day joined to another by a dash (`11-12 қарашада`, `May 5-6`) is a span, not a day.
    return re.compile(
        rf"(?<![\w.\-–—/])(?P<day>\d{{1,2}}){ordinal}(?:\s+|-)(?P<month>{months}){case}(?!\w)"
        rf"(?:\.?,?\s+(?P<year>\d{{4}})(?!\d))?"
        rf"|(?<!\w)(?P<month2>{months})\.?\s+(?P<day2>\d{{1,2}}){ordinal}(?![\d:\-–—])(?:,?\s+(?P<year2>\d{{4}})(?!\d))?"
        rf"|(?<!\w)(?P<month3>{months})(?:{genitive})\s+(?P<day3>\d{{1,2}})(?:-?(?:{possessive}){case})?(?!\w)"
        rf"|(?<!\d)(?P<year4>\d{{4}})\s*(?:жылғы|жылы|жыл|ж\.)\s*(?P<day4>\d{{1,2}})(?:\s+|-)(?P<month4>{months}){case}(?!\w)",
        re.IGNORECASE,
    )


def _word_at(text: str, backwards: bool) -> str:
    words = WORD_RE.findall(text)
    if not words:
        return ""
    word: str = words[-1] if backwards else words[0]
    return word.casefold()


def _bound_before(text: str, words: set[str]) -> bool:
    """A bound word right before a date (`накануне 29 ноября`, `с 1 мая`). One set apart by a
    comma or a dash (`Накануне, 29 ноября, …`: the day before, and that day was 29 November)
    speaks of the day itself."""
    if text.rstrip()[-1:] in (",", ";", ":", "—", "–"):
        return False
    return _word_at(text, backwards=True) in words


@lru_cache(maxsize=1)
def _recurring_day_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    cfg = _config()
    return re.compile(cfg["occasion_before"], re.IGNORECASE), re.compile(cfg["holiday_after"])


def names_recurring_day(sentence: str, start: int, end: int) -> bool:
    """The date is an occasion's or a holiday's (`on the occasion of the 16th December, the
    Independence Day`): a day of every year, not the day of the text."""
    before, after = _recurring_day_patterns()
    return (
        before.search(sentence[max(0, start - 40) : start]) is not None
        or after.match(sentence[end : end + 60]) is not None
    )


def mentions(sentence: str) -> list[Mention]:
    """Every date written in a sentence of running text, with Kazakh's inflected forms
    (`9 қаңтарда`, `ақпанның 8-і`, `2023 жылғы 26 сәуірде`); a year only where it is written."""
    cfg = _config()
    before, after = set(cfg["bound_words_before"]), set(cfg["bound_words_after"])
    out: list[Mention] = []
    for m in _mention_pattern().finditer(sentence):
        index = next(i for i in ("", "2", "3", "4") if m.group("day" + i))
        month_text = m.group("month" + index)
        if month_text.isascii() and not month_text[:1].isupper():
            continue  # `may 5`, `mar 3`: an English month is written with a capital
        month = month_lookup().get(month_text.lower().rstrip("."))
        year_text = m.group("year" + index) if index in ("", "2", "4") else None
        year = int(year_text) if year_text and _year_ok(int(year_text)) else None
        found = FoundDate(int(m.group("day" + index)), month or 0, year, m.group(0))
        if month is None or found.as_date() is None:
            continue
        last = m.group(0).split()[-1].casefold()
        aimed = last not in month_lookup() and last.endswith(tuple(cfg["month_target_endings"]))
        bounded = (
            aimed
            or _bound_before(sentence[: m.start()][-20:], before)
            or (_word_at(sentence[m.end() :][:20], backwards=False) in after)
            or names_recurring_day(sentence, m.start(), m.end())
        )
        out.append(Mention(found, m.start(), m.end(), bounded))
    return out


@lru_cache(maxsize=1)
def _span_pattern() -> re.Pattern[str]:
    months = _month_alternation()
    dash = r"\s*[-–—]\s*"
    return re.compile(
        rf"(?<![\w.])\d{{1,2}}{dash}\d{{1,2}}(?:-?[^\W\d_]{{1,3}})?\s+(?:{months})"
        rf"|(?<!\w)(?:{months})\.?\s+\d{{1,2}}{dash}\d{{1,2}}(?!\d)",
        re.IGNORECASE,
    )


def names_span(sentence: str) -> bool:
    """The sentence dates its event by a span of days (`On September 26-29, 2006, …`, `11-12
    қарашада`): no one day is the text's, and `mentions` reads no date in it."""
    return _span_pattern().search(sentence) is not None


def _may_name_today(text: str) -> bool:
    """Whether a word of `today_words` stands anywhere in the text (casefold maps each
    character alone, so a word's casefold lies in the text's): a text with none, most of
    them, marks no date as today, and the search of all its dates is spared."""
    folded = text.casefold()
    return any(word in folded for word in _config()["today_words"])


def today_mention(text: str) -> Mention | None:
    """The one date the text marks as today (`бүгін, 10 қарашада`, `сегодня, 5 мая`)."""
    if not _may_name_today(text):
        return None
    today = set(_config()["today_words"])
    dates: dict[tuple[int, int, int | None], Mention] = {}
    for m in mentions(text):
        words = WORD_RE.findall(text[max(0, m.start - 30) : m.start])[-2:]
        if any(w.casefold() in today for w in words) and not m.bounded:
            dates.setdefault((m.found.day, m.found.month, m.found.year), m)
    return next(iter(dates.values())) if len(dates) == 1 else None


@lru_cache(maxsize=1)
def _future_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _config()["future_markers"])


def tells_of_future(clause: str) -> bool:
    """The clause announces what is to come (`will visit`, `посетит`, `келеді`)."""
    return any(p.search(clause) for p in _future_patterns())


@lru_cache(maxsize=1)
def _reported_speech_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _config()["reported_speech_openers"])


def reports_speech(opener: str) -> bool:
    """The words before a date hand over to what someone said (`Он отметил, что`, `According
    to him,`): the date is of what the speaker recalls."""
    return any(p.search(opener) for p in _reported_speech_patterns())


@lru_cache(maxsize=1)
def _opener_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in _config()["other_event_openers"])


def dates_other_event(sentence: str, mention: Mention) -> bool:
    """The date stands in a clause about something else than the sentence's own event:
    `…, held in Moscow on May 29`, `…, отмечаемым 16 декабря`."""
    clause = sentence[: mention.start].rsplit(",", 1)
    if len(clause) < 2:
        return False
    opener = _word_at(clause[1][:40], backwards=False)
    return any(p.match(opener) for p in _opener_patterns())
