"""Paragraphs of text hard-wrapped at a fixed width, joined back before the layout stage.

A scraped page keeps each paragraph on one line, and the layout stage (layout.py) weighs
lines as paragraphs. Text wrapped at a margin (a plain-text or Markdown government release,
a copy of an e-mail or a PDF) breaks every paragraph into lines of 60-80 characters; weighed
one by one, the short ends of paragraphs (`levels.`, `Kazakh MFA.`) look like chrome or a
byline and real text is lost. The evidence is the file's own: many lines of about one width
that break mid-sentence. Only then are lines joined, and only inside a run of lines with no
blank line between them. Thresholds live in data/layout.toml ([hard_wrap]).
"""

import re
from functools import lru_cache
from typing import Any

from app.datafiles import load_data

WORD = re.compile(r"[^\W\d_]+")
# A line cut at the margin after this many words at least (one or two are a label or a name).
RUN_ON_MIN_WORDS = 3


@lru_cache(maxsize=1)
def _config() -> dict[str, Any]:
    config: dict[str, Any] = dict(load_data("layout.toml")["hard_wrap"])
    config["end"] = re.compile(config["sentence_end"])
    return config


def _breaks_mid_sentence(text: str, following: str) -> bool:
    config = _config()
    return (
        config["min_chars"] <= len(text) <= config["max_chars"]
        and bool(following)
        and config["end"].search(text) is None
    )


def hard_wrapped(lines: list[tuple[int, str]]) -> bool:
    """Whether the text is wrapped at a margin: enough mid-sentence breaks, and most text
    lines within a wrap width."""
    config = _config()
    texts = [text for _, text in lines if text]
    if not texts:
        return False
    fitting = sum(config["min_chars"] <= len(t) <= config["max_chars"] for t in texts)
    breaks = sum(
        _breaks_mid_sentence(text, lines[i + 1][1]) for i, (_, text) in enumerate(lines[:-1]) if text
    )
    return bool(breaks >= config["min_breaks"] and fitting >= config["min_share"] * len(texts))


def _front_matter_end(lines: list[tuple[int, str]]) -> int:
    """How many lines a YAML front matter block takes at the top (layout.py reads it)."""
    if not lines or lines[0][1] != "---":
        return 0
    closing = next((i for i, (_, text) in enumerate(lines[1:], start=1) if text == "---"), None)
    return closing + 1 if closing is not None else 0


def join_hard_wrapped(lines: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The lines of a hard-wrapped text joined into paragraphs (numbered by their first line);
    any other text unchanged. A paragraph ends at a blank line, or at a line that ends a
    sentence well short of the text's width (it did not reach the margin). A short line that
    opens a paragraph (a heading, a menu word) stays a line of its own, and so do Markdown
    headings and the front matter."""
    skip = _front_matter_end(lines)
    head, rest = lines[:skip], lines[skip:]
    if not hard_wrapped(rest):
        return lines
    config = _config()
    width = max(len(t) for _, t in rest if len(t) <= config["max_chars"])
    joined: list[tuple[int, str]] = list(head)
    open_paragraph = False
    for index, (number, text) in enumerate(rest):
        continued = open_paragraph and bool(text)
        if continued:
            first, before = joined[-1]
            joined[-1] = (first, f"{before} {text}")
        else:
            joined.append((number, text))
        ends = config["end"].search(text) is not None and len(text) < config["short_line"] * width
        open_paragraph = (
            bool(text)
            and len(text) <= config["max_chars"]
            and not text.startswith("#")
            and not ends
            and (
                continued
                or len(text) >= config["min_chars"]
                or _broken_opener(text, rest[index + 1][1] if index + 1 < len(rest) else "")
            )
        )
    return joined


def _broken_opener(text: str, following: str) -> bool:
    """A short line opening a paragraph that the margin broke mid-sentence, not a heading: the
    line right under it goes on in small letters after a few words (`Президент провел
    телефонный` / `разговор с …`; one or two words are a label or a name), or it stops on a
    function word or a comma (`In recent years, Kazakhstan and`); a
    heading ends on a word of its own and the text under it opens a sentence."""
    if not text or not following or _config()["end"].search(text) is not None:
        return False
    if following[:1].isalpha() and following[:1].islower() and len(WORD.findall(text)) >= RUN_ON_MIN_WORDS:
        return True
    last = text.rsplit(None, 1)[-1]
    return last.endswith(",") or last.casefold() in _stopwords()


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """The function words of every language data/layout.toml lists."""
    lists = load_data("layout.toml")["stopwords"]
    return frozenset(word for words in lists.values() for word in words)
