"""The register of news outlets and cited sources (data/outlets.toml, data/sources.toml),
loaded once and shared by the loader stages that find an article's outlet."""

import re
from dataclasses import dataclass
from functools import lru_cache

from app.datafiles import load_data


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    family: str | None = None


@dataclass(frozen=True)
class CitedSource:
    name: str
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    return tuple(
        Outlet(name=o["name"], aliases=tuple(o["aliases"]), family=o.get("family"))
        for o in load_data("outlets.toml")["outlet"]
    )


@lru_cache(maxsize=1)
def cited_sources() -> tuple[CitedSource, ...]:
    return tuple(
        CitedSource(name=s["name"], aliases=tuple(s["aliases"])) for s in load_data("sources.toml")["source"]
    )


def alias_alternation(aliases: list[str] | tuple[str, ...]) -> str:
    """A regex alternation of literal aliases, longest first so the most specific wins; the
    same text in every process (aliases of one length in their own order, not the set's),
    so that a fresh load finds it compiled (app/patterncache.py)."""
    return "|".join(re.escape(a) for a in sorted(set(aliases), key=lambda a: (-len(a), a)))


@lru_cache(maxsize=1)
def outlet_alias_pattern() -> re.Pattern[str]:
    """Any outlet alias as a whole word; group `alias` holds the matched text."""
    every = [alias for outlet in outlets() for alias in outlet.aliases]
    return re.compile(rf"(?<![\w.])(?P<alias>{alias_alternation(every)})(?![\w])", re.IGNORECASE)


def outlet_by_alias(alias: str) -> Outlet | None:
    folded = alias.casefold()
    for outlet in outlets():
        if any(a.casefold() == folded for a in outlet.aliases):
            return outlet
    return None


@lru_cache(maxsize=1)
def _self_descriptions() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p, re.IGNORECASE) for p in load_data("outlet_signals.toml")["self_description"])


def site_description(line: str) -> re.Match[str] | None:
    """A site describing itself (`Центральноазиатский информационный портал «X». Новости …`,
    `«X» ақпараттық порталы`): its header or slogan, with the name in group `name`."""
    stripped = line.strip()
    return next(filter(None, (p.match(stripped) for p in _self_descriptions())), None)
