"""Evidence about one line of a raw page: its words, function words, sentence end, dates,
letters, script, and whether it reads as a name, a stamp, a site's name or a menu.

The layout stage (layout.py) weighs this evidence by position; the word lists and patterns
live in data/layout.toml.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache

from app.datafiles import load_data
from app.loader.dates import find_date, foreign_date_line, has_clock, parse_header
from app.loader.outlet_register import outlet_alias_pattern, site_description
from app.loader.prefilter import CharCount

SPACE = re.compile(r"\s")
WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
SENTENCE_END = re.compile(r"[.!?…][»\"”’')\]]*$")
LATIN = re.compile(r"[A-Za-z]")
CYRILLIC = re.compile(r"[\u0400-\u04ff]")
WORD_LETTERS = re.compile(r"[^\W\d_]")
# Letters of neither script the archive's languages use (Arabic, Urdu, Chinese, Georgian …).
ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
OTHER_SCRIPT_MIN_LETTERS = 8
THIRD_SCRIPT = re.compile(r"[^\W\d_\u0000-\u024f\u0400-\u052f\u1e00-\u1eff]")
# Classes most of a line's characters fall in, counted without a string per character
# (prefilter.CharCount); the rare ones (spaces, other scripts) are counted quicker by findall.
LATIN_LETTERS, CYRILLIC_LETTERS, LETTERS = map(CharCount, (LATIN, CYRILLIC, WORD_LETTERS))
DOMAIN = re.compile(r"^(?:https?://)?(?:www\.)?[\w-]+(?:\.[\w-]+)*\.[a-zа-яқ]{2,6}/?$", re.IGNORECASE)
QUOTED = re.compile(r"^[«\"“„][^«»\"“”„]{2,60}[»\"”]$")
# A list item or a quote's attribution: `- торговля;`, `2. Energy`, `— Касым-Жомарт Токаев`.
LIST_ITEM = re.compile(r"^(?:[-–—•*]|\d{1,2}[.)])\s")
# A date or time glued to the words around it: `…Казахстан08.10.2018 14:49Астана…`.
GLUED_STAMP = re.compile(
    r"(?<=[^\W\d_])(?P<stamp>\d{1,2}\.\d{1,2}\.\d{2,4}(?:,?\s*\d{1,2}:\d{2})?|\d{1,2}:\d{2})(?=[^\W\d_]|$)"
)
# A day, a month's name and a year (and perhaps a clock time) closing a line.
TRAILING_STAMP = re.compile(
    r"\s(?P<stamp>\d{1,2}\s+[^\W\d_]{3,12}\.?\s+\d{4}(?:\s*г\.)?(?:,?\s*\d{1,2}:\d{2})?)$"
)
SUFFIX_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::)\s+")
PROSE_MIN_WORDS = 4
LONG_LINE_WORDS = 25
HEADLINE_WORD_MIN_LETTERS = 4
# Widget text glued to a word of another script (`Москваyandex weather icon`, a city and its
# weather widget): lowercase Cyrillic running into lowercase Latin inside one word is scraped
# chrome, never a headline (a homoglyph typo swaps one letter, not a run).
GLUED_ITEMS = re.compile(r"[a-zа-яёәғқңөұүһі][A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]")
GLUED_MENU_MIN_JOINS = 3
GLUED_SCRIPTS = re.compile(r"[а-яёәғқңөұүһі]{2}[a-z]{2}|[a-z]{2}[а-яёәғқңөұүһі]{2}")
# A surname and initials, maybe as a list item (`- Нұртлеу М.Ә.`, `Petrov A.`, `А.Б. Иванов`):
# an author's name, never a headline.
INITIALS_NAME = re.compile(
    r"^[-–—•*·\s]*(?:[^\W\d_][\w’'-]+\s+(?:[^\W\d_]\.\s?){1,2}|(?:[^\W\d_]\.\s?){1,2}\s*[^\W\d_][\w’'-]+)$"
)
# A sentence closed by a parenthesised credit (`… in Seoul on Tuesday. (Cheong Wa Dae)`):
# a photo caption; a headline neither ends a sentence nor credits a picture.
CREDITED_CAPTION = re.compile(
    r"[.!?]\s*(?:\((?:photo|фото|сурет)?[:\s]*[^()\d]{2,60}\)|\[(?:photo|фото|сурет)?[:\s]*[^\[\]\d]{2,60}\])$",
    re.IGNORECASE,
)
# A list bullet before a headline (`• Headline`): the site's markup, no part of it.
HEADLINE_BULLET = re.compile(r"^[•·▪►]\s*")
METADATA_MAX_WORDS = 12
METADATA_MAX_LOWER = 3


@dataclass(frozen=True)
class Config:
    stopwords: frozenset[str]
    byline: tuple[re.Pattern[str], ...]
    source_line: tuple[re.Pattern[str], ...]
    block_start: tuple[re.Pattern[str], ...]
    site_words: frozenset[str]
    role_words: tuple[str, ...]
    min_letter_share: float
    headline_min_letter_share: float
    headline_min_words: int
    verb_endings: tuple[str, ...]
    name_joiners: frozenset[str]


@lru_cache(maxsize=1)
def config() -> Config:
    data = load_data("layout.toml")
    roles = load_data("roles.toml")["role"]
    role_words = {
        word.casefold()
        for role in roles
        for key in ("phrase_ru", "phrase_kk", "phrase_en")
        for phrase in role.get(key, [])
        for word in phrase.split()
        if len(word) >= 4
    }

    def compiled(key: str) -> tuple[re.Pattern[str], ...]:
        return tuple(re.compile(p, re.IGNORECASE) for p in data[key])

    return Config(
        stopwords=frozenset(w for words in data["stopwords"].values() for w in words),
        byline=compiled("byline"),
        source_line=compiled("source_line"),
        block_start=compiled("block_start"),
        site_words=frozenset(data["site_words"]),
        role_words=tuple(sorted(role_words)),
        min_letter_share=float(data["min_letter_share"]),
        headline_min_letter_share=float(data["headline_min_letter_share"]),
        headline_min_words=int(data["headline_min_words"]),
        verb_endings=tuple(data["verb_endings"]),
        name_joiners=frozenset(data["name_joiners"]),
    )


@dataclass(frozen=True)
class Features:
    text: str
    words: tuple[str, ...]
    stopwords: int
    letter_share: float
    ends_sentence: bool

    @cached_property
    def key(self) -> str:
        return comparable(self.text)

    @property
    def n(self) -> int:
        return len(self.words)

    @property
    def prose(self) -> bool:
        """Running text: a finished sentence of some length, or a long line (cut or not)."""
        return (self.ends_sentence and self.n >= PROSE_MIN_WORDS) or self.n >= LONG_LINE_WORDS

    @property
    def sentence(self) -> bool:
        """A short finished sentence with a lowercase word (`Еще текст.`), not a credit."""
        return self.ends_sentence and self.n >= 2 and any(w[:1].islower() for w in self.words)


# Lines whose features and headline split are kept: the layout, the headline's choice and
# the count of repeated lines each ask of the same lines (a site's chrome on every page).
LINES_KEPT = 8192


@lru_cache(maxsize=LINES_KEPT)
def features(text: str) -> Features:
    words = tuple(WORD.findall(text))
    visible = len(text) - len(SPACE.findall(text))
    letters = sum(map(len, words))
    stop = config().stopwords
    return Features(
        text=text,
        words=words,
        stopwords=sum(w.casefold() in stop for w in words),
        letter_share=letters / visible if visible else 0.0,
        ends_sentence=bool(SENTENCE_END.search(text)),
    )


# Words compared by their first letters, so that case endings do not hide a shared word
# (`Қытайдың` / `Қытай`, `Tleuberdi` / `Tleuberdi's`); shorter words are too often chance.
STEM_LETTERS = 5
STEM_MIN_LETTERS = 3


def content_stems(f: Features) -> frozenset[str]:
    """The line's content words (no function words, no short words) cut to their stems."""
    stop = config().stopwords
    return frozenset(
        w.casefold()[:STEM_LETTERS]
        for w in f.words
        if len(w) >= STEM_MIN_LETTERS and w.casefold() not in stop
    )


def shared_with(f: Features, text_stems: frozenset[str]) -> tuple[int, float]:
    """How many of the line's content words the text uses, and what share of them."""
    own = content_stems(f)
    shared = len(own & text_stems)
    return shared, shared / len(own) if own else 0.0


def comparable(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def page_script(texts: Sequence[str]) -> str:
    """latin, cyrillic or arabic (Kazakh as written in China, Mongolia and Iran)."""
    joined = " ".join(texts)
    latin, cyrillic = LATIN_LETTERS(joined), CYRILLIC_LETTERS(joined)
    # Arabic letters can outnumber the others only where those are under half the characters
    if (latin + cyrillic) * 2 < len(joined) and len(ARABIC.findall(joined)) > latin + cyrillic:
        return "arabic"
    return "latin" if latin > cyrillic else "cyrillic"


def other_script(text: str, script: str) -> bool:
    """A line mostly in the script the page does not use, or in a third one (a translation
    in Urdu beside an English text, a quote in Chinese)."""
    if script == "arabic":
        letters = LETTERS(text)
        return letters >= OTHER_SCRIPT_MIN_LETTERS and len(ARABIC.findall(text)) * 2 < letters
    third = len(THIRD_SCRIPT.findall(text))
    if third >= OTHER_SCRIPT_MIN_LETTERS and third * 2 > LETTERS(text):
        return True
    latin, cyrillic = LATIN_LETTERS(text), CYRILLIC_LETTERS(text)
    if latin + cyrillic < OTHER_SCRIPT_MIN_LETTERS:
        return False
    share = (cyrillic if script == "latin" else latin) / (latin + cyrillic)
    return share > 0.8


def name_like(f: Features) -> bool:
    """`Ерлан СИСЕНОВ`, `Николай Ильясов`: two or three capitalised words, no function word,
    no role word (a cut-off `Президент Республики Арм` is text, not a byline)."""
    if not 2 <= f.n <= 3 or f.stopwords or f.letter_share < 0.8 or LIST_ITEM.match(f.text):
        return False
    if not all(w[:1].isupper() for w in f.words):
        return False
    folded = [w.casefold() for w in f.words]
    return not any(w.startswith(r) for w in folded for r in config().role_words)


NAMES_CAPTION_MAX_WORDS = 8


def names_caption(f: Features) -> bool:
    """`Шавкат Мирзиеев и Нурсултан Назарбаев`: capitalised names joined by `и` / `and` /
    `мен`, nothing else, no stop: who a photo shows, not a sentence of the text."""
    joiners = [w for w in f.words if w.casefold() in config().name_joiners]
    names = [w for w in f.words if w.casefold() not in config().name_joiners]
    return (
        4 <= f.n <= NAMES_CAPTION_MAX_WORDS
        and bool(joiners)
        and len(names) >= 3
        and all(w[:1].isupper() for w in names)
        and not f.ends_sentence
        and f.letter_share >= 0.8
    )


# An office line (under a signature, over a headline) has at most this many words.
SIGNATURE_OFFICE_MAX_WORDS = 10


def office_line(f: Features) -> bool:
    """`Secretary General of the Turkic Council`, «Кеңестің Бас хатшысы»: a short
    capitalised line with a role's word, no sentence."""
    if not f.words or f.n > SIGNATURE_OFFICE_MAX_WORDS or f.ends_sentence or not f.words[0][:1].isupper():
        return False
    return any(w.casefold().startswith(r) for w in f.words for r in config().role_words)


def verb_like(f: Features) -> bool:
    """A lowercase word with a finite verb's ending (`надеется`, `провел`, `кездесті`): the
    line states something; a caption names who and where."""
    endings = config().verb_endings
    return any(len(w) >= 4 and w[:1].islower() and w.endswith(endings) for w in f.words)


def metadata_reason(f: Features) -> str | None:
    """Why a line is metadata (date, time, byline, source, speaker), or None."""
    text = f.text
    cfg = config()
    if f.n <= METADATA_MAX_WORDS + 4 and any(p.search(text) for p in cfg.byline):
        return "byline (metadata)"
    if any(p.search(text) for p in cfg.source_line):
        return "source line (metadata)"
    if parse_header(text) is not None and f.n <= METADATA_MAX_WORDS:
        return "publication date (metadata)"
    if f.n <= METADATA_MAX_WORDS and f.stopwords <= 2 and not (f.ends_sentence and f.n >= 6):
        found = find_date(text)
        if found is not None or has_clock(text):
            # A stamp, perhaps with a name or a rubric: few other words, few of them lowercase
            # (`Аталған шара 28 мамыр күні … өтеді` is a sentence, not a stamp).
            rest = WORD.findall(text.replace(found.text, " ") if found else text)
            if sum(w[:1].islower() for w in rest) <= METADATA_MAX_LOWER:
                return "date and time (metadata)"
        elif foreign_date_line(text) is not None:
            return "date and time (metadata)"
    if text.endswith(":") and "," in text and f.n <= 6 and not f.stopwords and text[:1].isupper():
        return "speaker line (metadata)"
    return None


def looks_like_site(part: str) -> bool:
    """The part after `Headline | ` or `Headline - `: a site or channel name."""
    stripped = part.strip(' «»"')
    if outlet_alias_pattern().fullmatch(stripped) or DOMAIN.match(stripped):
        return True
    words = [w.casefold() for w in WORD.findall(part)]
    return bool(words) and len(words) <= 6 and any(w in config().site_words for w in words)


@lru_cache(maxsize=1)
def _headline_marker() -> re.Pattern[str]:
    words = "|".join(
        re.escape(w) for w in sorted(load_data("layout.toml")["headline_markers"], key=len, reverse=True)
    )
    return re.compile(rf"(?:\s*[-–—]\s*(?:{words})|\s*[(\[](?:{words})[)\]])(?:\s*[-–—,]?\s*(?:{words}))*$")


@lru_cache(maxsize=2)
def _glued_word(key: str) -> re.Pattern[str]:
    """A word of data/layout.toml's list `key` (a rubric, a button's label) glued after the
    headline's last word, longest first so that a longer label wins over its own tail."""
    words = "|".join(re.escape(w) for w in sorted(load_data("layout.toml")[key], key=len, reverse=True))
    return re.compile(rf"(?<=\s)(?P<before>[^\W\d_]+)\s+(?:{words})$")


@lru_cache(maxsize=1)
def _glued_button_ends() -> tuple[str, ...]:
    return tuple(load_data("layout.toml")["glued_buttons"])


def _without_glued_rubric(text: str) -> str:
    """`… в Пензенской области Политика` → `… в Пензенской области`: the rubric a site glued
    after a sentence-case headline (its word before is lowercase and no function word), or
    a bookmark button's label after any lowercase word."""
    button = _glued_word("glued_buttons").search(text) if text.endswith(_glued_button_ends()) else None
    if button is not None and button.group("before")[:1].islower():
        cut = text[: button.end("before")]
        if len(WORD.findall(cut)) >= config().headline_min_words:
            return cut
    m = _glued_word("glued_rubrics").search(text)
    if m is None or not m.group("before")[:1].islower() or m.group("before").casefold() in config().stopwords:
        return text
    cut = text[: m.end("before")]
    return cut if len(WORD.findall(cut)) >= config().headline_min_words else text


@lru_cache(maxsize=1)
def _language_label() -> re.Pattern[str]:
    labels = load_data("layout.toml")["language_labels"]
    words = "|".join(re.escape(w) for w in sorted(labels, key=len, reverse=True))
    return re.compile(rf"^\((?:{words})\)\s+(?=\S)", re.IGNORECASE)


@lru_cache(maxsize=LINES_KEPT)
def split_headline(text: str) -> tuple[str, str, str, str]:
    """(headline, site suffix, glued date, rest) of a headline candidate."""
    stamp, rest = "", ""
    if text.startswith("("):
        text = _language_label().sub("", text)
    marker = _headline_marker().search(text)
    if marker and marker.start() >= 10:
        text = text[: marker.start()].rstrip()
    text = _without_glued_rubric(text)
    glued = GLUED_STAMP.search(text)
    if glued and glued.start() >= 10:
        stamp = glued.group("stamp")
        text, rest = text[: glued.start()].rstrip(), text[glued.end() :].strip()
    else:
        # A stamp printed after the headline on its line: `Headline 09 апреля 2015, 13:59`.
        trailing = TRAILING_STAMP.search(text)
        found = find_date(trailing.group("stamp")) if trailing else None
        if trailing and trailing.start() >= 10 and found is not None and found.year is not None:
            stamp, text = trailing.group("stamp"), text[: trailing.start()].rstrip()
    suffix = ""
    parts = SUFFIX_SEPARATOR.split(text)
    if len(parts) > 1:
        separator = SUFFIX_SEPARATOR.findall(text)[-1]
        if "|" in separator or looks_like_site(parts[-1]):
            cut = text.rfind(separator)
            text, suffix = text[:cut].rstrip(), text[cut + len(separator) :]
    return text, suffix, stamp, rest


# Breadcrumbs before a headline: `Home > News > Headline`, `Басты / Жаңалықтар / Headline`.
BREADCRUMB_SEPARATOR = re.compile(r"\s(?:>|»|›|/|→)\s")


def strip_breadcrumb(text: str) -> tuple[str, str]:
    """(trail, headline) of a line whose last part, after two or more breadcrumb separators,
    is the headline; ("", text) otherwise. One separator is too little evidence: `A / B`
    may be a headline's own slash."""
    marks = list(BREADCRUMB_SEPARATOR.finditer(text))
    if len(marks) < 2:
        return "", text
    cut = marks[-1]
    tail = text[cut.end() :].strip()
    if len(WORD.findall(tail)) < config().headline_min_words:
        return "", text
    return text[: cut.start()].strip(), tail


# Letters only Kazakh has among the Cyrillic scripts: Kazakh puts its verb and auxiliaries
# (`болды`, `еді`) last, so a line ending on a function word is no cut-off there.
KAZAKH_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
# What may close a line after its last number: `(2014-2016)`, `«2030»`.
NUMBER_CLOSERS = ' )»"”'
# A line that asks or exclaims, with the dots some sites put after it (`…не жағдай?..`).
ASKS = re.compile(r"[?!][.…]*[»\"”’']*$")


def ends_open(f: Features) -> bool:
    """A line that stops on a function word, a comma or a colon (`The Government portal of
    the`, `В телеграмме … отмечается:`): the first half of a wrapped line or a lead-in, never
    a whole headline."""
    if f.text.rstrip().endswith((":", ",", ";")):
        return True
    if not f.words or f.ends_sentence or KAZAKH_LETTERS.search(f.text):
        return False
    # A number after the last word closes the phrase (`… cooperation for 2014-2016`, `… до
    # 2030 года` ends on a word): words alone would end it on `for`.
    if f.text.rstrip(NUMBER_CLOSERS)[-1:].isdigit():
        return False
    return f.words[-1].casefold() in config().stopwords


def place_line(f: Features) -> bool:
    """`People’s Republic of China, Beijing`: capitalised names around one comma and nothing
    that states anything; a dateline's place, not a headline."""
    head, _, tail = f.text.partition(",")
    # A place has a name after its comma; a salutation ends on it (`– Dear Ilham Heydarovich,`)
    # and a copy cut mid-word leaves a letter (`Ambassador to China, S`).
    place = WORD.findall(tail)
    return (
        2 <= f.n <= 6
        and f.text.count(",") == 1
        and 1 <= len(place) <= 2
        and all(len(w) >= 2 for w in place)
        and not LIST_ITEM.match(f.text)
        and len(WORD.findall(head)) <= 4
        and not f.ends_sentence
        and not any(ch.isdigit() for ch in f.text)
        and all(w[:1].isupper() or w.casefold() in config().stopwords for w in f.words)
        and not verb_like(f)
    )


def title_case_heading(f: Features, script: str) -> bool:
    """A long Latin line whose every word but the function words is capitalised (`President
    Nursultan Nazarbayev Receives Sergey Sobianin, … For a Three-day Visit.`): a headline in
    Title Case, whatever its last character; a sentence lowers its verbs."""
    stop = config().stopwords
    content = [w for w in f.words if w.casefold() not in stop]
    return script == "latin" and f.n >= 8 and bool(content) and all(w[:1].isupper() for w in content)


MENU_MIN_WORDS = 9
MENU_SEPARATOR = re.compile(r"\s[|•·/]\s|\s{2,}")


def glued_menu(f: Features) -> bool:
    """`В миреНовости МосквыПолитикаОбщество…`: a menu whose items the page's text lost the
    breaks between, each item's capital glued to the last one's small letter, several times
    over and with no sentence's stop (a name has one such join: `KazMunayGas` two)."""
    return len(GLUED_ITEMS.findall(f.text)) >= GLUED_MENU_MIN_JOINS and not f.ends_sentence


def menu_like(f: Features) -> bool:
    """`Главная | Новости | Политика`: capitalised words, no function word, separators or
    a length that a Title Case headline without an `of`, `in` or `with` rarely has."""
    if glued_menu(f):
        return True
    if f.n < 4 or f.stopwords or not all(w[:1].isupper() for w in f.words):
        return False
    return f.n >= MENU_MIN_WORDS or len(MENU_SEPARATOR.findall(f.text)) >= 2


def site_like(f: Features) -> bool:
    """A site's or channel's own name as a line: `«Qazaqstan» Ұлттық телеарнасы`, or its
    description of itself (`Информационный портал «X». Новости …`)."""
    if site_description(f.text):
        return True
    if f.n > 6 or f.stopwords:
        return False
    words = [w.casefold() for w in f.words]
    site = config().site_words
    named = any(w in site for w in words) or outlet_alias_pattern().fullmatch(f.text.strip(' «»"'))
    return bool(named) and all(w[:1].isupper() or w.casefold() in site for w in f.words)


def headline_candidate(f: Features, script: str) -> bool:
    return config().headline_min_words <= f.n <= 30 and headline_candidate_but_short(f, script)


@lru_cache(maxsize=1)
def _opening_pronouns() -> frozenset[str]:
    return frozenset(load_data("layout.toml")["opening_pronouns"])


def opens_with_pronoun(f: Features) -> bool:
    """`Ол БРИКС саммиті аясында сөз сөйледі`: a line that refers back to someone named
    before it is a standfirst or a sentence, not a headline."""
    return bool(f.words) and f.words[0] in _opening_pronouns()


def headline_candidate_but_short(f: Features, script: str) -> bool:
    """Everything a headline candidate needs except its length in words."""
    cfg = config()
    return (
        not menu_like(f)
        and not opens_with_pronoun(f)
        and not site_like(f)
        and not ends_open(f)
        and not place_line(f)
        and len(f.text) <= 250
        and f.letter_share >= cfg.headline_min_letter_share
        # a language switcher (`ру қз qz 中文 Ўз`) is codes: a headline has a word of four letters
        and any(len(w) >= HEADLINE_WORD_MIN_LETTERS for w in f.words)
        and not INITIALS_NAME.match(f.text)
        and not GLUED_SCRIPTS.search(f.text)
        and not CREDITED_CAPTION.search(f.text)
        and not other_script(f.text, script)
        and metadata_reason(f) is None
        and not opens_lowercase(f)
    )


def opens_lowercase(f: Features) -> bool:
    """`watch One-Minute World News`, `подробнее о проекте`: a line whose first word opens
    in a small letter is a link or a button, not a headline; a headline opens with a capital
    in all three languages. A word with a capital inside it is a brand (`iPhone`, `eGov`)."""
    first = f.words[0] if f.words else ""
    return first[:1].islower() and first.islower() and f.text.lstrip()[:1] == first[:1]


@lru_cache(maxsize=1)
def _attribution_clauses() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(c["pattern"], re.IGNORECASE) for c in load_data("attribution.toml")["clause"])


def attributes(text: str) -> bool:
    """The line says whose report it is (`…, деп хабарлайды X`, `…, сообщает X`): text."""
    return any(p.search(text) for p in _attribution_clauses())
