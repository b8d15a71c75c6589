"""Layout stage: which lines of a raw page are its headline, metadata, body or boilerplate.

No outlet gets a rule of its own. Each line is weighed on general evidence: its length in
words, its share of the language's function words, whether it ends a sentence, dates and
clock times in it, its share of letters, its script, its position (before the first line of
running text, inside the text, after the last) and whether it repeats a line above. What
one line looks like is read in evidence.py, which line is the headline is chosen in
headline.py; the word lists and patterns live in data/layout.toml.
"""

import re
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Protocol

from app.datafiles import load_data
from app.loader.dates import find_date, has_clock, parse_dateline, parse_header
from app.loader.evidence import (
    DOMAIN,
    HEADLINE_BULLET,
    LIST_ITEM,
    QUOTED,
    Features,
    attributes,
    comparable,
    config,
    ends_open,
    features,
    headline_candidate,
    metadata_reason,
    name_like,
    names_caption,
    office_line,
    opens_with_pronoun,
    other_script,
    page_script,
    place_line,
    site_like,
    split_headline,
    strip_breadcrumb,
    title_case_heading,
    verb_like,
)
from app.loader.headline import headline_in_lead, last_sentence_key, site_header
from app.loader.headline_model import pick_headline
from app.loader.markdown import DATE, SOURCE, TITLE, Marked, structure, title_max_chars

HEADLINE = "headline"
# The reason given to a site's header that names its publisher (outlet.py reads it).
SITE_HEADER = "the site's name over the headline"
SITE_SUFFIX = "site name after the headline"
# A caption's copy must be this long: a short line a caption starts with is a heading as often.
CAPTION_COPY_MIN_CHARS = 20
METADATA = "metadata"
BODY = "body"
BOILERPLATE = "boilerplate"
NO_TEXT = "no running text to place it by"
# A headline the page's Markdown declares (its `#` title): not weighed again.
DECLARED = "declared title"
CAPTION_MAX_WORDS = 15
CAPTION_MIN_WORDS = 5
AFTER_TEXT = "(metadata, after the text)"
TEASER_MIN_CHARS = 60
# A short line under the headline that is not a sentence: tags or a rubric (`Azerbaijan and
# Kazakhstan`, `Авторларды қолдау орталығы`); a standfirst says more.
LABEL_MAX_WORDS = 4
# A line of this many words printed twice is the site's copy, not the text's.
DUPLICATE_MIN_WORDS = 5
# Share buttons and menus: items of a word or three, three or more in a row.
MENU_ITEM_MAX_WORDS = 3
MENU_RUN_MIN_ITEMS = 3
# A headline pasted between paragraphs has this many words; a section heading fewer.
INSERTED_HEADLINE_MIN_WORDS = 6
# Lines sharing a teaser's first characters checked for the whole of it: beyond this many
# (a page of near-identical lines) a teaser is left in rather than the page read in
# quadratic time.
TEASER_MAX_CHECKS = 32


class Rule(Protocol):
    """A boilerplate rule as the layout reads it (read-only, so frozen dataclasses fit)."""

    @property
    def reason(self) -> str: ...

    @property
    def pattern(self) -> re.Pattern[str]: ...

    @property
    def next_lines(self) -> int: ...

    def matches(self, text: str) -> bool:
        """The pattern finds something in the line."""
        ...


@dataclass(frozen=True)
class Piece:
    """A line, or part of one, and what it is. `dated` metadata may give the article's date
    (it sits above or inside the text, not in a footer)."""

    number: int
    kind: str
    text: str
    reason: str = ""
    dated: bool = False


# The first boilerplate rule that matches a line, or None (clean.first_rule).
FirstRule = Callable[[str], Rule | None]


FENCE = re.compile(r"^-{3,}$")
FIELD = re.compile(r"^(?P<key>[\w-]{1,30})\s*:\s*(?P<value>.*)$")
MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.+?)(?:\s+#+)?$")
MARKUP_ONLY = re.compile(r"^[\\#*_=~`>|\s-]+$")
FRONT_MATTER_MAX_LINES = 40
# YAML quotes a scalar (`date: '2023-01-23'`); the date is inside.
QUOTES = "'\""


def front_matter(lines: Sequence[tuple[int, str]]) -> tuple[list[Piece], str, int]:
    """YAML front matter (`---` / `title: …` / `date: …` / `---`): metadata pieces, the
    title it gives and how many lines it takes."""
    if not lines or not FENCE.match(lines[0][1]):
        return [], "", 0
    reach = min(len(lines), FRONT_MATTER_MAX_LINES)
    close = next((i for i in range(1, reach) if FENCE.match(lines[i][1])), None)
    if close is None:
        return [], "", 0
    pieces, title = [], ""
    for index, (number, text) in enumerate(lines[: close + 1]):
        field = FIELD.match(text)
        key = field.group("key").casefold() if field else ""
        value = field.group("value").strip() if field else ""
        if key in ("title", "headline") and value and not title:
            title = _yaml_scalar(value, [t for _, t in lines[index + 1 : close]])
            pieces.append(Piece(number, METADATA, text, "front matter: title"))
        elif field and parse_header(f"{field.group('key')}: {value.strip(QUOTES)}") is not None:
            pieces.append(Piece(number, METADATA, text, "front matter: date", dated=True))
        else:
            pieces.append(Piece(number, METADATA, text, "front matter"))
    return pieces, title, close + 1


def _yaml_scalar(value: str, following: Sequence[str]) -> str:
    """A front-matter value as text. A double-quoted YAML string may go on over the lines
    below (indented, though the indent may be gone by now), a trailing backslash joining
    them with no space and a backslash-underscore standing for a no-break space."""
    if not value.startswith('"'):
        return value.strip("'\"")
    parts = [value[1:]]
    for text in following:
        if parts[-1].endswith('"') or FIELD.match(text):
            break
        parts.append(text.strip())
    joined = ""
    for part in parts:
        joined = joined[:-1] + part if joined.endswith("\\") else f"{joined} {part}" if joined else part
    joined = joined.rstrip('"').replace("\\_", " ").replace("\\ ", " ")
    return " ".join(joined.split())


@dataclass(frozen=True)
class SiteClock:
    today: re.Pattern[str]
    weather: re.Pattern[str]
    rates: re.Pattern[str]
    near: int


@lru_cache(maxsize=1)
def _site_clock() -> SiteClock:
    data = load_data("layout.toml")["site_clock"]
    return SiteClock(
        today=re.compile(data["today"], re.IGNORECASE),
        weather=re.compile(data["weather"], re.IGNORECASE),
        rates=re.compile(data["rates"], re.IGNORECASE),
        near=int(data["near"]),
    )


def _without_site_clock(pieces: list[Piece], lines: Sequence[tuple[int, str]]) -> list[Piece]:
    """A stamp above the headline that is the site's clock (`Today: 20-11-2024`, a date beside
    the header's weather and exchange rates) is chrome: it tells when the page was seen, not
    when the text was written. A stamp with no such company stays the article's date."""
    headline = next((p.number for p in pieces if p.kind == HEADLINE), None)
    stamps = [
        p for p in pieces if p.dated and p.kind == METADATA and (headline is None or p.number < headline)
    ]
    if not stamps:
        return pieces
    clock = _site_clock()
    seen = dict(lines)
    numbers = [n for n, _ in lines]
    chrome: set[int] = set()
    for stamp in stamps:
        at = numbers.index(stamp.number) if stamp.number in seen else -1
        around = numbers[max(0, at - clock.near) : at + clock.near + 1] if at >= 0 else []
        company = [seen[n] for n in around if n != stamp.number]
        keeps_clock_company = any(clock.weather.search(t) or clock.rates.search(t) for t in company)
        if clock.today.search(stamp.text) or keeps_clock_company:
            chrome.add(stamp.number)
    return [
        Piece(p.number, BOILERPLATE, p.text, "site chrome") if p.number in chrome and p.dated else p
        for p in pieces
    ]


def classify(lines: Sequence[tuple[int, str]], first_rule: FirstRule) -> list[Piece]:
    """Sort the non-empty lines of one page into pieces: one or more per line, in order.

    A title the page declares (front matter's `title:`, Markdown's `# Title`) is the headline;
    lines its Markdown names (a date link, lists of links) are placed by that before the rest
    is weighed as text."""
    pieces = _without_site_clock(_classify_page(lines, first_rule), lines)
    return _without_broken_ends(_without_caption_copies(pieces), first_rule)


# What ends a sentence: a line of the site's that stops without one runs on into the next line.
SENTENCE_STOPS = (".", "!", "?", "…")
SITE_NAME = "site name"
# Removals that say a line is the site's own (its chrome, its name, a label), as a named rule
# of data/boilerplate.toml does; a line weighed as another story's headline or a caption may
# be a sentence of the text broken in two, and its rest is no evidence against the text.
SITE_REASONS = ("site chrome", "site name", "label under the headline")


def _without_broken_ends(pieces: list[Piece], first_rule: FirstRule) -> list[Piece]:
    """The rest of a site's line that the page broke in two (`Подпишитесь на наш` /
    `Telegram-канал` / `и узнавайте новости первыми!`): a line right under a removed one that
    stops mid-sentence, opening in small letters, goes on with that line's sentence; no
    sentence of the text opens in small letters. The line above must be the site's: a named
    rule's (`first_rule`) or one of SITE_REASONS."""
    out = list(pieces)
    for i in range(1, len(out)):
        before, line = out[i - 1], out[i]
        opening = line.text.lstrip()[:1]
        if (
            line.kind == BODY
            and before.kind == BOILERPLATE
            and line.number == before.number + 1
            and opening.isalpha()
            and opening.islower()
            and not before.text.rstrip().endswith(SENTENCE_STOPS)
            and (before.reason.startswith(SITE_REASONS) or first_rule(before.text) is not None)
        ):
            out[i] = Piece(line.number, BOILERPLATE, line.text, before.reason)
    return out


def _without_caption_copies(pieces: list[Piece]) -> list[Piece]:
    """A picture's alt text printed right above its caption (`The minister with the
    ambassador` / `The minister with the ambassador© Anna Berg/ agency.net`): a line the next
    line's caption starts with, no sentence of its own, is that caption's copy."""
    out = list(pieces)
    for i in range(len(out) - 1):
        line, after = out[i], out[i + 1]
        text = line.text.strip()
        if (
            line.kind == BODY
            and after.kind == BOILERPLATE
            and after.reason.startswith(("photo caption", "photo credit"))
            and len(text) >= CAPTION_COPY_MIN_CHARS
            and after.text.strip().startswith(text)
            and len(after.text.strip()) > len(text)
            and not text.endswith((".", "!", "?", "…"))
        ):
            out[i] = Piece(line.number, BOILERPLATE, line.text, "photo caption")
    return out


def _classify_page(lines: Sequence[tuple[int, str]], first_rule: FirstRule) -> list[Piece]:
    matter, title, taken = front_matter(lines)
    marked = structure(lines[taken:])
    matter += [_marked_piece(m) for m in marked if m.role != TITLE]
    skip = {m.number for m in marked if m.role != TITLE}
    lines = [(n, _unmark(t)) for n, t in lines[taken:] if n not in skip]
    if not title:
        pieces = _classify(lines, first_rule)
        declared = next((m for m in marked if m.role == TITLE), None)
        if declared is not None:
            pieces = _declared_title(pieces, declared, lines)
        return sorted(matter, key=lambda p: p.number) + pieces
    key = comparable(title)
    rest = [
        Piece(p.number, BOILERPLATE, p.text, "repeated headline")
        if p.kind in (HEADLINE, BODY) and comparable(p.text) == key
        else p
        for p in _classify(lines, first_rule)
    ]
    if any(p.kind == HEADLINE for p in rest):
        rest = [Piece(p.number, BODY, p.text) if p.kind == HEADLINE else p for p in rest]
    number = next(p.number for p in matter if p.reason == "front matter: title")
    return [*matter, Piece(number, HEADLINE, title), *rest]


def _declared_title(pieces: list[Piece], declared: Marked, lines: Sequence[tuple[int, str]]) -> list[Piece]:
    """A Markdown `#` title the layout chose is marked declared (the parser keeps it however
    long). On a page with no running text beside it (a one-sentence news item with its
    links) it is the headline even where it reads as a sentence; with text beside it the
    layout's choice stands (a `#` put before a lead is no headline)."""
    if any(p.kind == HEADLINE and p.number == declared.number for p in pieces):
        return [
            Piece(p.number, p.kind, p.text, DECLARED)
            if p.kind == HEADLINE and p.number == declared.number
            else p
            for p in pieces
        ]
    if len(declared.text) > title_max_chars() or any(
        features(t).prose for n, t in lines if n != declared.number
    ):
        return pieces
    rest = [
        Piece(p.number, BODY, p.text) if p.kind == HEADLINE else p
        for p in pieces
        if p.number != declared.number
    ]
    return sorted([Piece(declared.number, HEADLINE, declared.text, DECLARED), *rest], key=lambda p: p.number)


def _marked_piece(marked: Marked) -> Piece:
    if marked.role == DATE:
        return Piece(marked.number, METADATA, marked.text, "publication date", dated=True)
    if marked.role == SOURCE:
        return Piece(marked.number, METADATA, marked.text, "source link")
    return Piece(marked.number, BOILERPLATE, marked.text, "related-news block")


def _doubled(text: str) -> str:
    """The one copy of a line that is the same words twice in a row, else ""."""
    words = text.split()
    half = len(words) // 2
    if half >= DUPLICATE_MIN_WORDS and len(words) == 2 * half and words[:half] == words[half:]:
        return " ".join(words[:half])
    return ""


def _unmark(text: str) -> str:
    """Markdown syntax is not text: `# Title` is `Title`; `\\###` is nothing but markup."""
    heading = MARKDOWN_HEADING.match(text)
    return heading.group("text") if heading else text


def _classify(lines: Sequence[tuple[int, str]], first_rule: FirstRule) -> list[Piece]:
    if not lines:
        return []
    cfg = config()
    feats = [features(text) for _, text in lines]
    matched = [first_rule(text) for _, text in lines]
    script = page_script([text for _, text in lines])
    clean_line = [m is None and metadata_reason(f) is None for f, m in zip(feats, matched, strict=True)]

    # A headline with a timestamp glued into it may run on into the lead: it is not prose.
    glued = set()
    for i in range(min(len(lines), 5)):
        title, _, stamp, _ = split_headline(lines[i][1])
        if stamp and headline_candidate(features(title), script):
            glued.add(i)
    prose = [i for i, f in enumerate(feats) if f.prose and clean_line[i] and i not in glued]
    if not prose:
        return _without_text(lines, matched)
    first = prose[0]
    _site_name_broken_in_two(lines, matched, first, first_rule)
    # A sentence that leads into the text (`В телеграмме … отмечается:`) opens it.
    if first > 0 and clean_line[first - 1] and _lead_in(feats[first - 1]):
        first -= 1
    # A statement opening on a pronoun (`Ол БРИКС саммиті аясында сөз сөйледі`) right above
    # the text is its standfirst: text, not a headline nor the site's chrome.
    elif (
        first > 0
        and clean_line[first - 1]
        and opens_with_pronoun(feats[first - 1])
        and verb_like(feats[first - 1])
    ):
        first -= 1
    block = next(
        (i for i in range(first + 1, len(lines)) if any(p.search(lines[i][1]) for p in cfg.block_start)),
        len(lines),
    )
    block = min(block, _next_item_stamp(lines, first, prose))
    last = max((i for i in prose if i < block), default=first - 1)
    # The text may run on in short sentences, list items, a quote's attribution, or a line cut
    # where the stored copy ends.
    while last + 1 < block and clean_line[last + 1]:
        f = feats[last + 1]
        cut_off = (
            last + 2 == len(lines)
            and not name_like(f)
            and not QUOTED.match(f.text)
            and f.n >= 1
            # a web address alone signs the text (`nege.kz`): no sentence cut short
            and not DOMAIN.match(f.text.strip())
        )
        item = LIST_ITEM.match(f.text) or (f.text.endswith((";", ",")) and f.n >= 2)
        if f.sentence or item or cut_off:
            last += 1
        else:
            break

    # A line cut where the stored copy ends may follow a caption or two: the lines it
    # reaches over that are not sentences are those captions.
    captions: set[int] = set()
    end = len(lines) - 1
    f = feats[end]
    # A shorter last line counts when the copy cut it mid-word (`… Ambassador to China, S`):
    # a section heading then stands between (`Fellow travelers`), text like the rest.
    cut_short = CUT_WORD.search(f.text) is not None and f.n >= CUT_LINE_MIN_WORDS and f.stopwords >= 1
    # A long line that runs on past a comma and stops on a lowercase word (`… сауда-экономикалық,
    # көлік`) is a sentence the copy cut, whatever the share of function words its language
    # has a list for; a headline seldom has a comma and that many words.
    runs_on = f.n >= 12 and "," in f.text and f.text[-1:].islower()
    long_enough = (f.n >= 12 and f.stopwords >= 2) or cut_short or runs_on
    if last < end < block and end - last <= 3 and clean_line[end] and long_enough:
        captions = {i for i in range(last + 1, end) if _caption_like(feats[i])}
        last = end

    headline_at = pick_headline(lines, feats, matched, first, script)
    site_at = site_header(lines, feats, matched, first, headline_at)
    teased = teasers([f.key for f in feats])
    inserted = _inserted_lines(feats, matched, first, last, captions)
    # A line between the headline and a lead that opens with a dateline (`АЛМА-АТА, 23 сен -
    # РИА Новости.`), neither a sentence nor a statement (a standfirst has a verb): the
    # caption of the photo between them (`Токаев и Зеленский во время встречи`).
    before = first - 1
    if (
        headline_at is not None
        and headline_at < before
        and matched[before] is None
        and _caption_like(feats[before])
        and not verb_like(feats[before])
        and parse_dateline(lines[first][1]) is not None
    ):
        captions.add(before)
    standfirst = None if headline_at is not None or first == 0 else headline_in_lead(lines[first][1])
    pieces: list[Piece] = []
    headline_key = ""
    headline_tail = ""
    carry = 0
    carry_reason = ""
    signed: set[int] = set()
    # Under the text, only the article's own labels, credits and metadata so far (`Источник:`,
    # `и фото: Кремль`, `Дата:`): a full date among them still stands right under the text.
    under_text = True
    for i, (number, text) in enumerate(lines):
        f = feats[i]
        rule = matched[i]
        zone = "head" if i < first else ("body" if i <= last else "tail")
        if zone == "tail" and i > last + 1 and pieces:
            previous = pieces[-1]
            under_text = under_text and (
                previous.kind == METADATA
                or previous.reason == "photo credit"
                or TAIL_LABEL.match(lines[i - 1][1]) is not None
            )
        if carry:
            pieces.append(Piece(number, BOILERPLATE, text, f"{carry_reason} (linked title)"))
            carry -= 1
            continue
        if rule is not None:
            pieces.append(Piece(number, BOILERPLATE, text, rule.reason))
            carry, carry_reason = _linked_titles(lines, feats, matched, i, rule.next_lines), rule.reason
            continue
        if i == site_at:
            pieces.append(Piece(number, BOILERPLATE, text, SITE_HEADER))
            continue
        if i == first and standfirst is not None:
            pieces.append(Piece(number, HEADLINE, standfirst[0]))
            pieces.append(Piece(number, BODY, standfirst[1]))
            continue
        if i == headline_at:
            header = parse_header(text)
            if header is not None:
                pieces.append(
                    Piece(
                        number,
                        METADATA,
                        text[: len(text) - len(header[1])].strip(),
                        "publication date (metadata)",
                        dated=True,
                    )
                )
                text = header[1]
            trail, text = strip_breadcrumb(text)
            if trail:
                pieces.append(Piece(number, BOILERPLATE, trail, "breadcrumb before the headline"))
            title, suffix, stamp, rest = split_headline(HEADLINE_BULLET.sub("", text))
            copy = _doubled(title)
            if copy:
                # `Headline Headline`: the page's title and its repeat glued on one line
                title = copy
            pieces.append(Piece(number, HEADLINE, title))
            if copy:
                pieces.append(Piece(number, BOILERPLATE, copy, "repeated headline"))
            headline_key = comparable(title)
            headline_tail = last_sentence_key(title)
            if suffix:
                pieces.append(Piece(number, BOILERPLATE, suffix, SITE_SUFFIX))
            if stamp:
                pieces.append(Piece(number, METADATA, stamp, "date and time (metadata)", dated=True))
            if rest:
                pieces.append(Piece(number, BODY, rest))
            continue
        if zone == "tail" and i == last + 1 == len(lines) - 1 and CUT_WORD.search(text):
            # The copy ends mid-word right under the text (`… Америка Қ`): the text cut short,
            # not a signature. Losing text is worse than keeping a stray fragment.
            pieces.append(Piece(number, BODY, text))
            continue
        if zone == "tail" and (i == last + 1 or i - 1 in signed) and _signed_with_office(feats, i, block):
            # A message signed by its author and office (`Name` / `Secretary General of …`)
            # ends with its signature: the text's, not a byline
            pieces.append(Piece(number, BODY, text))
            signed.add(i)
            continue
        if zone == "tail":
            right_after = i == last + 1 or (under_text and i - last <= TAIL_LABELS_MAX)
            pieces.append(_tail_piece(number, f, i >= block, right_after=right_after))
            continue
        reason = metadata_reason(f)
        if reason is not None:
            header = parse_header(text)
            if header is not None and header[1]:
                stamp = text[: len(text) - len(header[1])].strip()
                pieces.append(Piece(number, METADATA, stamp, reason, dated=True))
                pieces.append(Piece(number, BOILERPLATE, header[1], "site chrome before the headline"))
            else:
                pieces.append(Piece(number, METADATA, text, reason, dated=True))
            continue
        if name_like(f) and not (zone == "head" and (headline_at is None or i < headline_at)):
            pieces.append(Piece(number, METADATA, text, "byline (metadata)"))
            continue
        if zone != "tail" and place_line(f):
            pieces.append(Piece(number, METADATA, text, "place of the dateline (metadata)"))
            continue
        if i in captions and metadata_reason(f) is None:
            pieces.append(Piece(number, BOILERPLATE, text, "photo caption (not a sentence, beside the text)"))
            continue
        if headline_tail and zone == "head" and f.key == headline_tail:
            # The headline's last sentence printed again on its own, above the text.
            pieces.append(Piece(number, BOILERPLATE, text, "repeated headline (its last sentence)"))
            continue
        why = _not_body(i, lines, feats, matched, zone, headline_at, headline_key, script, teased)
        why = why or inserted.get(i)
        if why:
            pieces.append(Piece(number, BOILERPLATE, text, why))
        else:
            pieces.append(Piece(number, BODY, text))
    return pieces


LINKED_TITLE_MAX_WORDS = 20


DIGIT = re.compile(r"\d")


# Paragraphs of running text that stand between the page's stamp and its copy further down
# when that copy opens the next story; fewer, and it is the stamp printed twice (over the
# text and beside its picture).
STORY_MIN_PARAGRAPHS = 2


# A site's name a header breaks over two lines: the first line's words at most.
BROKEN_NAME_MAX_WORDS = 4


def _site_name_broken_in_two(
    lines: Sequence[tuple[int, str]], matched: list[Rule | None], first: int, first_rule: FirstRule
) -> None:
    """`Официальный сайт` / `Президента Республики Казахстан` above the text: two header lines
    that a rule naming the site matches together are the site's name, both of them (the
    second is no headline)."""
    for i in range(1, min(first, len(lines))):
        head = lines[i - 1][1].strip()
        if matched[i - 1] is not None or len(head.split()) > BROKEN_NAME_MAX_WORDS:
            continue
        rule = first_rule(f"{head} {lines[i][1].strip()}")
        if rule is not None and rule.reason == SITE_NAME:
            matched[i - 1] = matched[i] = rule


def _next_item_stamp(lines: Sequence[tuple[int, str]], first: int, prose: Sequence[int]) -> int:
    """Where the next story of a list starts: a stamp below the text with the very shape of
    the page's own stamp above it (`12.08.2024, 22:06 4036` over the headline, `14.08.2024,
    20:23 3576` under paragraphs of text, the digits aside), a date with its clock, which the
    site prints over each story it lists. len(lines) when there is none."""
    # Most pages print no clock under the text: those below are looked for first, and `:`
    # (a clock has one) before the pattern.
    below = [i for i in range(first + 1, len(lines)) if ":" in lines[i][1] and has_clock(lines[i][1])]
    if not below:
        return len(lines)
    shapes = {
        DIGIT.sub("0", text)
        for _, text in lines[:first]
        if ":" in text and has_clock(text) and find_date(text) is not None
    }
    for i in below:
        text = lines[i][1]
        if DIGIT.sub("0", text) not in shapes or find_date(text) is None:
            continue
        if sum(first <= p < i for p in prose) >= STORY_MIN_PARAGRAPHS:
            return i
    return len(lines)


def _linked_titles(
    lines: Sequence[tuple[int, str]],
    feats: Sequence[Features],
    matched: Sequence[Rule | None],
    at: int,
    count: int,
) -> int:
    """How many lines a `Читайте также:` heading at `at` takes with it: its `count` linked
    titles, and more in the same block (no blank line between) that read as titles too
    (capitalised, no final stop, a headline's length); a sentence of the text ends the run."""
    if not count:
        return 0
    end = at + count
    while end + 1 < len(lines) and lines[end + 1][0] == lines[end][0] + 1 and matched[end + 1] is None:
        f = feats[end + 1]
        if f.ends_sentence or not 2 <= f.n <= LINKED_TITLE_MAX_WORDS or not f.words[0][:1].isupper():
            break
        end += 1
    return min(end, len(lines) - 1) - at


def _caption_like(f: Features) -> bool:
    """A line of several words that is not a sentence, a list item or a lead-in (`…:`, or a
    quotation running on to its speaker: `«…», —`)."""
    return (
        CAPTION_MIN_WORDS <= f.n <= CAPTION_MAX_WORDS + 10
        and not f.ends_sentence
        and not f.text.rstrip().endswith((":", ";", ",", "—", "–", "-"))
        and not LIST_ITEM.match(f.text)
        and not QUOTED.match(f.text)
    )


def _without_text(lines: Sequence[tuple[int, str]], matched: Sequence[Rule | None]) -> list[Piece]:
    """No line of running text to place the others by: only named boilerplate goes, and the
    parser judges the first line as a headline on its own."""
    pieces = []
    carry, carry_reason = 0, ""
    for (number, text), rule in zip(lines, matched, strict=True):
        if carry:
            pieces.append(Piece(number, BOILERPLATE, text, f"{carry_reason} (linked title)"))
            carry -= 1
        elif rule is not None:
            pieces.append(Piece(number, BOILERPLATE, text, rule.reason))
            carry, carry_reason = rule.next_lines, rule.reason
        else:
            pieces.append(Piece(number, BODY, text, NO_TEXT))
    return pieces


# A lead-in without function words has this many words at least (`Name, office:` is shorter).
LEAD_IN_MIN_WORDS = 6


def _lead_in(f: Features) -> bool:
    """A sentence that hands over to what follows (`…, в частности, отмечается:`)."""
    if not f.text.endswith(":") or f.n < 4:
        return False
    if not f.stopwords:
        # Kazakh joins its words with endings, not function words: a long line with a verb
        # (`… қажыларға сөйлеген Рим Епископы:`) hands over to the quote below it.
        return f.n >= LEAD_IN_MIN_WORDS and verb_like(f)
    # A finite verb where the word lists know one; elsewhere a clause's length and its
    # function words (`In the message sent to …, the President notes:`).
    return verb_like(f) or (f.n >= 8 and f.stopwords >= 3)


def _not_body(
    i: int,
    lines: Sequence[tuple[int, str]],
    feats: Sequence[Features],
    matched: Sequence[Rule | None],
    zone: str,
    headline_at: int | None,
    headline_key: str,
    script: str,
    teasers: set[int],
) -> str | None:
    """Why a line above or inside the text is not part of it, or None."""
    f = feats[i]
    cfg = config()
    if MARKUP_ONLY.match(f.text):
        return "markup"
    key = f.key
    if headline_key and (key == headline_key or comparable(split_headline(f.text)[0]) == headline_key):
        return "repeated headline"
    # `Headline Headline`: the headline and its repeat glued on one line, further down.
    if headline_key and comparable(_doubled(f.text)) == headline_key:
        return "repeated headline"
    if headline_key and _rubric_before(key, headline_key):
        return "repeated headline"
    if headline_key and _cut_copy(key, headline_key):
        return "repeated headline"
    if zone == "head" and (headline_at is None or i < headline_at):
        return "site chrome before the headline"
    if f.letter_share < cfg.min_letter_share and not f.prose:
        return "figures (rates, counters)"
    if other_script(f.text, script):
        return "text in another script"
    if site_like(f):
        return "site name"
    if zone == "head" and f.n < cfg.headline_min_words:
        return "site chrome"
    if f.n <= 1 and not f.prose and not LIST_ITEM.match(f.text):
        return "site chrome"
    under_headline = zone == "head" and headline_at is not None and i > headline_at
    # Under the headline a standfirst states (`… басшылары қатысты`); a caption names.
    if (zone == "body" or (under_headline and not verb_like(f))) and not f.prose and f.n <= CAPTION_MAX_WORDS:
        following = matched[i + 1] if i + 1 < len(lines) else None
        if following is not None and "photo" in following.reason:
            return "photo caption"
    if under_headline and title_case_heading(f, script) and not ends_open(f):
        # A standfirst is a sentence; a second line in Title Case is another story's headline.
        # One that runs on past a comma (`Honourable President, Ladies and Gentlemen,`) opens
        # a speech: text.
        return "another headline (Title Case, under the headline)"
    if under_headline and names_caption(f):
        return "photo caption (names only, under the headline)"
    if under_headline and f.n <= LABEL_MAX_WORDS and not f.ends_sentence and not f.text.endswith(":"):
        return "label under the headline (tags, rubric)"
    if i in teasers:
        return "teaser repeated below"
    return None


# A rubric glued before the headline's repeat (`Central Asia and Eastern EuropeCentral Asia
# to reap …`) has at most this many words; the headline it repeats at least as many.
RUBRIC_MAX_WORDS = 6


# A line that is the headline's start this long at least is the headline cut short.
CUT_COPY_MIN_CHARS = 30


def _cut_copy(key: str, headline_key: str) -> bool:
    """The headline printed again and cut where the copy ends (`Состоялся совместный ужин
    президента Алиева с участниками Саммита Тю`): a line no longer than the headline that is
    its beginning. A sentence of the text goes on past the headline's words."""
    return CUT_COPY_MIN_CHARS <= len(key) < len(headline_key) and headline_key.startswith(key)


def _rubric_before(key: str, headline_key: str) -> bool:
    """The headline printed again below it with a few words before it (its rubric, glued on
    or set apart), not a sentence that happens to end on the headline's words."""
    if not key.endswith(headline_key) or len(key) == len(headline_key):
        return False
    rubric = key[: len(key) - len(headline_key)].split()
    return len(headline_key.split()) >= RUBRIC_MAX_WORDS and len(rubric) <= RUBRIC_MAX_WORDS


def _joined_copy(feats: Sequence[Features], i: int) -> bool:
    """A line that is the lines under it joined into one (the text printed once as a single
    paragraph, then again in paragraphs): it starts with the next line whole and goes on
    with the one after."""
    if i + 2 >= len(feats) or len(feats[i].text) <= len(feats[i + 1].text):
        return False
    if len(feats[i + 1].key) < TEASER_MIN_CHARS:
        return False
    key, following, after = feats[i].key, feats[i + 1].key, feats[i + 2].key
    rest = key[len(following) :].lstrip()
    return (
        len(key) > len(following)
        and key.startswith(following)
        and bool(rest)
        and after.startswith(rest[:TEASER_MIN_CHARS])
    )


def _inserted_lines(
    feats: Sequence[Features],
    matched: Sequence[Rule | None],
    first: int,
    last: int,
    captions: Collection[int] = (),
) -> dict[int, str]:
    """Lines inside the text that the site put there, found by their place among the others.

    - A line printed twice in a row (`n` words or more): the second copy is the site's (a
      paragraph pasted again). Copies apart stay: a teaser above the headline and the
      paragraph it quotes are the page's layout, and the text keeps its paragraph.
      Below the first paragraph, a line printed twice that reads as a headline (several
      words, capitalised, no stop) is a link to another story with its picture's alt text:
      both copies are the site's.
    - A run of short list items with no function word (`• Vkontakte`, `• Facebook`,
      `• Telegram`): share buttons or a menu; a list of the text ends its items with `;`,
      `,` or a stop, or says more than a name.
    - Between two paragraphs, a line that reads as a headline (several words, capitalised,
      no stop, nothing that leads into the next line) in a text that otherwise ends every
      line of that length with a stop: a link to another story the site pasted into the
      text. A section heading of the text is short (`Fellow travelers`).
    - Between two paragraphs, a line in capitals that is not a sentence: the name and title
      of the speaker a TV text prints under its frame (`СНХ: NAME, TITLE`).
    """
    found: dict[int, str] = {}
    for i in range(len(feats)):
        if matched[i] is None and feats[i].n >= DUPLICATE_MIN_WORDS and _joined_copy(feats, i):
            found[i] = "line printed twice"
    for i in range(1, len(feats)):
        f = feats[i]
        if f.n >= DUPLICATE_MIN_WORDS and matched[i] is None and f.key == feats[i - 1].key:
            found[i] = "line printed twice"
            if i - 1 > first and _pasted_title(f):
                found[i - 1] = "another story's headline (its link and picture, printed twice)"
            elif i < first and not f.ends_sentence and not verb_like(f):
                # Above the text, a picture's alt text and its caption: both are the caption.
                found[i - 1] = "photo caption"
    run: list[int] = []
    for i in range(len(feats) + 1):
        item = feats[i] if i < len(feats) else None
        short_item = (
            item is not None
            and matched[i] is None
            and LIST_ITEM.match(item.text) is not None
            and 1 <= item.n <= MENU_ITEM_MAX_WORDS
            and not item.stopwords
            and not item.text.rstrip().endswith((";", ",", ".", ":"))
        )
        if short_item:
            run.append(i)
            continue
        if len(run) >= MENU_RUN_MIN_ITEMS:
            found.update(dict.fromkeys(run, "menu (a run of short list items)"))
        run = []
    # Only a text that ends its sentences with stops tells a pasted headline by its missing
    # stop: some scraped Kazakh texts drop every stop (`… келісім берді`), and there a
    # sentence without one is text.
    # Photo captions and a last line the copy cut off are no sentences of the text's own.
    unpunctuated = [
        i
        for i in range(first, min(last + 1, len(feats)))
        if matched[i] is None
        and feats[i].n >= INSERTED_HEADLINE_MIN_WORDS
        and not feats[i].ends_sentence
        and i not in captions
        and i != len(feats) - 1
    ]
    for i in range(max(first, 1), min(last, len(feats) - 1)):
        f = feats[i]
        if i in found or matched[i] is not None or f.prose or f.ends_sentence:
            continue
        if not (feats[i - 1].prose and feats[i + 1].prose):
            continue
        leads_on = f.text.rstrip().endswith((":", ";", ",", "—", "-"))
        if leads_on or LIST_ITEM.match(f.text) or QUOTED.match(f.text) or attributes(f.text):
            continue  # a headline neither leads on nor says whose report it is
        letters = [ch for ch in f.text if ch.isalpha()]
        if f.n >= 3 and letters and all(ch.isupper() for ch in letters):
            found[i] = "speaker's caption in capitals"
        elif (
            f.n >= INSERTED_HEADLINE_MIN_WORDS
            and f.words[0][:1].isupper()
            and not name_like(f)
            and len(unpunctuated) == 1
        ):
            found[i] = "another story's headline between paragraphs"
    return found


def _pasted_title(f: Features) -> bool:
    """A line that reads as a headline, not as the text's sentence or a name."""
    return (
        f.n >= INSERTED_HEADLINE_MIN_WORDS
        and not f.ends_sentence
        and not f.prose
        and f.words[0][:1].isupper()
        and not name_like(f)
        and not ends_open(f)
    )


def teasers(keys: Sequence[str]) -> set[int]:
    """The lines (by index) whose text stands again, whole, inside a longer line further down:
    a teaser or a standfirst the page prints before the paragraph it comes from.

    In time linear in the page: each distinct line long enough to be a teaser is looked up
    by its first TEASER_MIN_CHARS characters in an index of every word start of the longer
    lines (identical lines are indexed once, under the last place they stand), and checked
    against a bounded number of the lines found there, latest first.
    """
    last: dict[str, int] = {}
    for index, key in enumerate(keys):
        if len(key) >= TEASER_MIN_CHARS:
            last[key] = index
    if len(last) < 2:
        return set()
    anchors: dict[int, list[tuple[int, str, int]]] = {}
    for key, index in last.items():
        if len(key) <= TEASER_MIN_CHARS:
            continue
        start = 0
        while start + TEASER_MIN_CHARS <= len(key):
            anchors.setdefault(hash(key[start : start + TEASER_MIN_CHARS]), []).append((index, key, start))
            start = key.find(" ", start) + 1
            if start == 0:
                break
    for found in anchors.values():
        found.sort(reverse=True)
    # The latest longer line holding it is all that matters: a line is a teaser when that
    # line stands below it.
    holder: dict[str, int] = {}
    for key in last:
        checked = 0
        for index, other, start in anchors.get(hash(key[:TEASER_MIN_CHARS]), ()):
            if len(other) > len(key) and other.startswith(key, start):
                holder[key] = index
                break
            checked += 1
            if checked >= TEASER_MAX_CHECKS:
                break
    return {i for i, key in enumerate(keys) if i < holder.get(key, -1)}


# A last word of one letter with no stop after it: the word was cut where the copy ends
# (an initial is written with a stop: `Нұртлеу М.`).
CUT_WORD = re.compile(r"\s\w$")
# A last line cut mid-word reaches over the lines above it from this many words.
CUT_LINE_MIN_WORDS = 5


def _signed_with_office(feats: Sequence[Features], i: int, block: int) -> bool:
    """The last two lines of the file, under the text and before any links: a name, then
    the office it holds."""
    if i >= block or len(feats) - i > 2:
        return False
    if len(feats) - i == 2:
        return name_like(feats[i]) and office_line(feats[i + 1])
    return name_like(feats[i - 1]) and office_line(feats[i])


# A label of a line of its own under the text (`Дата:`, `Источник:`, `Автор:`, `Source:`).
TAIL_LABEL = re.compile(r"^[^\W\d_]+(?:\s[^\W\d_]+)?\s*:\s*$")
# How far under the text such labels and credits may reach before a date.
TAIL_LABELS_MAX = 8


def _tail_piece(number: int, f: Features, in_block: bool, right_after: bool) -> Piece:
    """What follows the text. Only a full date printed right under it may date the article
    (and only when nothing above does); a date further down belongs to links or a footer."""
    if MARKUP_ONLY.match(f.text):
        return Piece(number, BOILERPLATE, f.text, "markup")
    if in_block:
        return Piece(number, BOILERPLATE, f.text, "related-news block")
    reason = metadata_reason(f)
    if reason is not None:
        found = find_date(f.text)
        dated = right_after and found is not None and found.year is not None and reason.startswith("date")
        return Piece(number, METADATA, f.text, reason.replace("(metadata)", AFTER_TEXT), dated=dated)
    if QUOTED.match(f.text) or name_like(f):
        return Piece(number, METADATA, f.text, "signature (metadata, after the text)")
    return Piece(number, BOILERPLATE, f.text, "after the text (links, menus)")
