"""Which line of a page is its headline: the choice the layout stage makes before it weighs
the rest by their place around it.

A headline candidate above the text wins, unless the page prints another candidate again
further down, or the first is a line of the site's (its name, an institution's, an office)
over a headline the text is about. With no candidate above the text its first line may be
the headline, or a headline run together with its standfirst. `matched` holds, per line,
the boilerplate rule that named it or None: here only whether one did. The word lists live
in data/layout.toml.
"""

import re
from collections.abc import Sequence
from functools import lru_cache

from app.datafiles import load_data
from app.loader.dates import find_date, parse_dateline, parse_header
from app.loader.evidence import (
    ASKS,
    WORD,
    Features,
    comparable,
    config,
    content_stems,
    ends_open,
    features,
    headline_candidate,
    headline_candidate_but_short,
    metadata_reason,
    names_caption,
    office_line,
    shared_with,
    split_headline,
    strip_breadcrumb,
    title_case_heading,
    verb_like,
)

HEADLINE_SENTENCE = re.compile(
    r"^(?P<title>.{10,120}?[^\W\d_]{3})[.!?]\s+(?P<rest>[«\"“A-ZА-ЯЁӘҒҚҢӨҰҮҺІ].{20,})$"
)


def headline_in_lead(text: str) -> tuple[str, str] | None:
    """A headline run together with its standfirst under the site's chrome (`Tokayev met
    with Putin. The head of the republic said …`): a short first sentence, more after it."""
    m = HEADLINE_SENTENCE.match(text)
    if m is None:
        return None
    title = m.group("title")
    if not 3 <= len(WORD.findall(title)) <= 10 or parse_dateline(text) is not None:
        return None
    if title.rsplit(maxsplit=1)[-1] in _title_abbreviations():  # `… Affairs Smt. Meenakashi Lekhi`
        return None
    opening = find_date(title[:30])
    if opening is not None and title.startswith(opening.text):
        return None
    return title, m.group("rest")


@lru_cache(maxsize=1)
def _title_abbreviations() -> frozenset[str]:
    return frozenset(load_data("layout.toml")["title_abbreviations"])


def _heading(f: Features, script: str) -> bool:
    """A long first line that is a headline, not a paragraph: it does not end a sentence (or
    is Title Case throughout), does not stop open, and stays in a headline's length."""
    if f.n > 30 or ends_open(f) or not headline_candidate(f, script):
        return False
    return not f.ends_sentence or title_case_heading(f, script)


# A menu printed one item a line: how many words an item has at most.
MENU_ITEM_MAX_WORDS = 3
# A run of this many short items in a row is a menu wherever the line stands in it.
MENU_RUN_MIN_ITEMS = 4


def _inside_menu_run(feats: Sequence[Features], i: int) -> bool:
    """`Кино` / `Спорт` / `Развлечения и отдых` / `Здоровье` / `Путешествия`: a short line
    in a run of four short lines or more, with another item after it, is an item of a menu,
    wherever it stands in the run (`In Focus` / `News by Date` / `Federal Facts` / `West
    Wing`), not a headline; a short headline may close the run right above the text."""

    def item(f: Features) -> bool:
        return 0 < f.n <= MENU_ITEM_MAX_WORDS and not f.ends_sentence and metadata_reason(f) is None

    if not item(feats[i]):
        return False
    start = i
    while start > 0 and item(feats[start - 1]):
        start -= 1
    end = i
    while end + 1 < len(feats) and item(feats[end + 1]):
        end += 1
    # The run's last item may be a short headline right under the menu: an item has another
    # item after it.
    return end > i and end - start + 1 >= MENU_RUN_MIN_ITEMS


NUMBERED = re.compile(r"^\s*(?P<n>\d{1,2})[.)]\s")


def _numbered_item(lines: Sequence[tuple[int, str]], i: int, feats: Sequence[Features]) -> bool:
    """`1. Перейти к содержанию` / `2. Перейти к главному меню` / `3. …`: an item of a
    numbered list (a menu, skip links), the line above or below numbering next to it; a
    headline is no list's item. A breadcrumb's last item that the page prints again below
    (`3. Headline` … `Headline`) is the headline, and the repetition rule takes it."""
    m = NUMBERED.match(lines[i][1])
    if m is None or feats[i].key in {f.key for f in feats[i + 1 :]}:
        return False
    n = int(m.group("n"))
    near = ((i - 1, n - 1), (i + 1, n + 1))
    return any(
        0 <= j < len(lines) and (o := NUMBERED.match(lines[j][1])) is not None and int(o.group("n")) == k
        for j, k in near
    )


def choose_headline(
    lines: Sequence[tuple[int, str]],
    feats: Sequence[Features],
    matched: Sequence[object | None],
    first: int,
    script: str,
) -> int | None:
    """The first headline candidate above the text; one that the page repeats further down
    (sites print their headline twice) wins over chrome above it."""
    candidates = []
    for i in range(min(first, len(lines))):
        if matched[i] is not None:
            continue
        if _inside_menu_run(feats, i) or _numbered_item(lines, i, feats):
            continue
        if i > 0 and feats[i - 1].words and ends_open(feats[i - 1]) and not feats[i - 1].text.endswith(":"):
            # The second half of a wrapped line (`The Government portal of the` / `Republic
            # of Uzbekistan`) is as much chrome as the first.
            continue
        text = lines[i][1]
        header = parse_header(text)
        if header is not None:
            text = header[1]
        title = split_headline(strip_breadcrumb(text)[1])[0]
        if headline_candidate(features(title), script):
            candidates.append((i, comparable(title)))
    # A line that ends with another candidate's whole text below it is that headline with a
    # trail glued in front (`Басты Жаңалықтар Headline` over `Headline`).
    # A headline of two sentences (`Укрепляя дружбу. Отношения …`) over its second sentence
    # alone stays: a trail does not end a sentence.
    candidates = [
        (i, key)
        for i, key in candidates
        if not any(
            j > i
            and other
            and other != key
            and key.endswith(" " + other)
            and not _sentences_before(lines[i][1], other)
            for j, other in candidates
        )
    ]
    if not candidates and first + 1 < len(lines) and _heading(feats[first], script):
        # The text's first long line is its headline when it reads as one: no final full
        # stop (or Title Case throughout) and prose below it.
        if any(f.prose for f in feats[first + 1 :]):
            return first
    # The file's first line other than a date or a byline (`date 2025-10-07` may stand above)
    # or the chrome the rules named (a language switch, a breadcrumb).
    opening_at = next(
        (i for i in range(first) if metadata_reason(feats[i]) is None and matched[i] is None), first
    )
    if not candidates and opening_at < first:
        # A two-word headline (`Новая встреча`) opening the file, when nothing longer stands
        # above the text: chrome of two words is a name or a rubric, capitalised throughout.
        f = features(split_headline(lines[opening_at][1])[0])
        if f.n == 2 and not all(w[:1].isupper() for w in f.words) and headline_candidate_but_short(f, script):
            return opening_at
    if not candidates:
        # A headline that asks or exclaims reads as a sentence: take it when text follows.
        opening = feats[first] if first < len(feats) else None
        asks = opening is not None and ASKS.search(opening.text) is not None
        if opening is not None and asks and first + 1 < len(lines) and opening.n <= 14:
            return first
        return None
    issuers = [i for i, _ in candidates[:-1] if _issuer_over_date(feats, i)]
    if issuers:
        candidates = [(i, key) for i, key in candidates if i not in issuers]
    last = {f.key: j for j, f in enumerate(feats)}
    for n, (i, key) in enumerate(candidates):
        if key and last.get(key, -1) > i and not _caption_twice(feats, i, [j for j, _ in candidates[:n]]):
            return i
    return _headline_the_text_is_about([i for i, _ in candidates], lines, feats, first)


def _issuer_over_date(feats: Sequence[Features], i: int) -> bool:
    """`Office of the Vice President` / `May 6, 2006` / Headline: a press release's issuer,
    an institution's name that states nothing, printed over the release's date, with a
    candidate under the date; the issuer signs the release, it is not its headline."""
    if i + 1 >= len(feats) or verb_like(feats[i]) or not _institution_name(feats[i]):
        return False
    reason = metadata_reason(feats[i + 1])
    return reason is not None and reason.startswith(("date", "publication date"))


def _caption_twice(feats: Sequence[Features], i: int, above: Sequence[int]) -> bool:
    """A picture's alt text and its caption, the same words on two lines in a row
    (`Владимир Якушев и Серик Билялов с председателем НКА`, twice), under a candidate that
    states something: a line that states nothing is no headline the site printed twice,
    when a statement stands above it."""
    return (
        i + 1 < len(feats)
        and feats[i + 1].key == feats[i].key
        and not verb_like(feats[i])
        and any(verb_like(feats[j]) for j in above)
    )


# The text's first lines a headline's words are looked for in, and how much of a headline
# the text must share to be about it.
ABOUT_TEXT_LINES = 3
ABOUT_MIN_SHARED = 2
ABOUT_MIN_SHARE = 0.5
ABOUT_MARGIN = 0.3
# A site's or a channel's name over the headline has at most this many words.
SITE_NAME_MAX_WORDS = 4


@lru_cache(maxsize=1)
def _institution_words() -> tuple[str, ...]:
    return tuple(load_data("layout.toml")["institution_words"])


def _institution_name(f: Features) -> bool:
    """`Delegation of the European Union to Georgia`, `Посольство Руритании`: each word
    capitalised but the function words, an institution's word among them, and no post opening
    it (`Secretary General of the Council` is a person's office)."""
    content = [w for w in f.words if w.casefold() not in config().stopwords]
    if not content or not all(w[:1].isupper() for w in content):
        return False
    institutions = _institution_words()
    first = content[0].casefold()
    if not first.startswith(institutions) and first.startswith(config().role_words):
        return False
    return any(part.casefold().startswith(institutions) for w in content for part in w.split("-"))


def _site_line(f: Features, shared: int, share: float) -> bool:
    """A line of the site's, no verb in it: an office (`ҚР Премьер-Министрінің орынбасары`),
    an institution's name that the text is not about (at most half its words in the text:
    `Delegation of the European Union to Georgia`), or a short name the text never uses (a
    channel's or a site's name, a slogan in capitals: `Silk Road Gazette`)."""
    if verb_like(f):
        return False
    if office_line(f):
        return True
    if shared == 0 and f.n <= SITE_NAME_MAX_WORDS and all(w[:1].isupper() for w in f.words):
        return True
    return share <= ABOUT_MIN_SHARE and _institution_name(f)


# A headline the text is about has this many words at least (fewer are a caption's names).
ABOUT_HEADLINE_MIN_WORDS = 4
# A line of chrome in sentence case (a button, a label) has at most this many words.
CHROME_MAX_WORDS = 3


def _loses_to_headline(first: Features, first_about: bool, later: Features) -> bool:
    """A line of chrome's shape (three words at most, or capitalised throughout: a picture's
    alt text `Barack Obama photo`, a button, a rubric, `Opening Asia for Russia`) that
    states nothing and that the text is not about, over a headline the text is about: what
    the text says decides, not what the line is called. A headline of more words in
    sentence case stays (`Екі елдің достығы мәңгілік`), and a caption naming people
    (`Путин мен Тоқаев`, `A and B`) is about the text too, so the later line must be more
    than names."""
    if first_about or verb_like(first):
        return False
    stop = config().stopwords
    capitalised = all(w[:1].isupper() for w in first.words if w.casefold() not in stop)
    if first.n > CHROME_MAX_WORDS and not capitalised:
        return False
    return later.n >= ABOUT_HEADLINE_MIN_WORDS and not names_caption(later)


HEADLINE_SENTENCE_END = re.compile(r"[.!?…][»\"”]?\s+")


def _sentences_before(text: str, tail_key: str) -> bool:
    """The line ends with a sentence whose words are `tail_key`, after a sentence of its own."""
    parts = HEADLINE_SENTENCE_END.split(text)
    return len(parts) > 1 and comparable(parts[-1]) == tail_key


def last_sentence_key(title: str) -> str:
    """The words of a headline's last sentence when it has two or more, else ""."""
    parts = HEADLINE_SENTENCE_END.split(title)
    return comparable(parts[-1]) if len(parts) > 1 else ""


def site_header(
    lines: Sequence[tuple[int, str]],
    feats: Sequence[Features],
    matched: Sequence[object | None],
    first: int,
    headline_at: int | None,
) -> int | None:
    """The file's first line when it is an institution's name over the headline that the
    text is not about (`China-Ukraine Education Union` over `President Tokayev Meets …`):
    the site's header, which names its publisher. An office over the headline names a
    person's post, not a site."""
    if not headline_at or matched[0] is not None:
        return None
    text_stems = frozenset().union(*(content_stems(f) for f in feats[first : first + ABOUT_TEXT_LINES]))
    header = features(lines[0][1])
    _, share = shared_with(header, text_stems)
    if verb_like(header) or share > ABOUT_MIN_SHARE:
        return None
    return 0 if _institution_name(header) else None


def _headline_the_text_is_about(
    candidates: Sequence[int], lines: Sequence[tuple[int, str]], feats: Sequence[Features], first: int
) -> int:
    """The first candidate, unless it is a line of the site's (`_site_line`: a name or an
    office, no verb) that loses to a later candidate the text is about (half its words, two
    at least) and much more than it, or, over an office, that states something."""
    text_stems = frozenset().union(*(content_stems(f) for f in feats[first : first + ABOUT_TEXT_LINES]))
    chosen = candidates[0]
    for later in candidates[1:]:
        site = features(split_headline(strip_breadcrumb(lines[chosen][1])[1])[0])
        title = features(split_headline(strip_breadcrumb(lines[later][1])[1])[0])
        site_shared, site_share = shared_with(site, text_stems)
        shared, share = shared_with(title, text_stems)
        about = shared >= ABOUT_MIN_SHARED and share >= ABOUT_MIN_SHARE
        if not about:
            continue
        site_about = site_shared >= ABOUT_MIN_SHARED and site_share >= ABOUT_MIN_SHARE
        if not _site_line(site, site_shared, site_share) and not _loses_to_headline(site, site_about, title):
            continue
        if share - site_share >= ABOUT_MARGIN or (office_line(site) and verb_like(title)):
            chosen = later
    return chosen
