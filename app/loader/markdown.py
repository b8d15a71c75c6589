"""Markdown structure of a page, read before the layout weighs its lines as text.

A Markdown release says what its lines are: `# Title` is the document's title whatever its
length (a one-sentence news item is all title), a heading that is only a dated link
(`### [2006-12-4](/news/…)`) is the item's date, and a list of bare links (`1. [RFE/RL](http…)`,
`2. [Another item …](/news/…) _Context: …_`) is no running text: a source under a "Source"
heading, other items under any other. Reading that structure keeps the links' headlines,
people and countries out of the text. Heading words live in data/layout.toml.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from app.datafiles import load_data
from app.loader.dates import find_date

TITLE = "title"
DATE = "date"
SOURCE = "source"
LINKS = "links"
HEADING = re.compile(r"^(?P<marks>#{1,6})\s+(?P<text>\S.*?)(?:\s+#+)?\s*$")
LINK = r"\[(?P<label>[^\]]*)\]\((?P<target>[^)\s]+)(?:\s+\"[^\"]*\")?\)"
# A line that is one link and nothing else of its own: a list marker before it, a note in
# emphasis after it (`_Context: Kazakhstan, OSCE_`).
LINK_LINE = re.compile(rf"^(?:(?:\d{{1,3}}[.)]|[-*+])\s+)?{LINK}\s*(?:_[^_]*_|\*[^*]*\*)?\s*$")


@dataclass(frozen=True)
class Marked:
    """A line whose Markdown says what it is; `text` is what the layout keeps of it."""

    number: int
    role: str
    text: str


@lru_cache(maxsize=1)
def _config() -> tuple[frozenset[str], int]:
    data = load_data("layout.toml")["markdown"]
    return frozenset(w.casefold() for w in data["source_headings"]), int(data["title_max_line"])


def _heading_key(text: str) -> str:
    return re.sub(r"[\s:：.]+$", "", text).casefold()


def structure(lines: Sequence[tuple[int, str]]) -> list[Marked]:
    """The lines of a page its Markdown names: the title, a date link, source and other links,
    and the heading over a list of links (nothing but links under it)."""
    sources, title_reach = _config()
    marked: list[Marked] = []
    section = ""
    # The heading over the current section, while nothing but links follow it.
    over_links: tuple[int, str] | None = None
    above_title_only_headings = True
    title_taken = False
    for index, (number, text) in enumerate(lines):
        heading = HEADING.match(text)
        inner = heading.group("text") if heading else text
        link = LINK_LINE.match(inner)
        if link:
            label = link.group("label").strip()
            found = find_date(label)
            if found is not None and found.year is not None and found.text == label:
                marked.append(Marked(number, DATE, label))
            elif heading is None:
                role = SOURCE if section in sources else LINKS
                if over_links is not None:
                    marked.append(Marked(over_links[0], role, over_links[1]))
                    over_links = None
                marked.append(Marked(number, role, text))
            continue
        if heading is None:
            above_title_only_headings = False
            over_links = None
            continue
        section = _heading_key(inner)
        over_links = (number, inner.strip())
        level_one = len(heading.group("marks")) == 1
        if level_one and not title_taken and above_title_only_headings and index < title_reach:
            marked.append(Marked(number, TITLE, inner.strip()))
            title_taken = True
            over_links = None
    return sorted(marked, key=lambda m: m.number)


def title_max_chars() -> int:
    """A `#` title longer than this is a page run into one line, not a news item's sentence."""
    return int(load_data("layout.toml")["markdown"]["title_max_chars"])
