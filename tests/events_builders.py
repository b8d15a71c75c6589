"""Invented reports for the events tests: one builder of `Report` (app/loader/events.py), so
each test says only what its reports are about and a new field of `Report` is given a value
in one place."""

import datetime as dt
from collections.abc import Iterable

from app.loader.events import Key, Report

TOKAYEV, PUTIN, MACRON = "kassym-jomart-tokayev", "vladimir-putin", "emmanuel-macron"
ERDOGAN, MIRZIYOYEV, TRUMP = "recep-tayyip-erdogan", "shavkat-mirziyoyev", "donald-trump"
XI, SCHOLZ, NAZARBAYEV = "xi-jinping", "olaf-scholz", "nursultan-nazarbayev"
# The country each invented report says a leader is of (a leader not listed has none stated).
SIDES = {
    TOKAYEV: "KZ", PUTIN: "RU", MACRON: "FR", ERDOGAN: "TR", MIRZIYOYEV: "UZ", TRUMP: "US", XI: "CN",
    SCHOLZ: "DE", NAZARBAYEV: "KZ",
}  # fmt: skip


def report(
    ident: str,
    *,
    date: dt.date | None = None,
    month_day: tuple[int, int] | None = None,
    kinds: Iterable[str] = ("phone_call",),
    leaders: tuple[tuple[str, float], ...] = ((TOKAYEV, 8.0), (PUTIN, 6.0)),
    affiliations: dict[str, str] | None = None,
    countries: Iterable[str] | None = None,
    organisations: Iterable[str] = (),
    numbers: Iterable[str] = (),
    places: Iterable[str] = (),
    years: Iterable[int] = (),
    headline_kinds: Iterable[str] | None = None,
    head_class: str | None = None,
    language: str = "ru",
    frame: tuple[Key, ...] = (),
    bystanders: Iterable[str] = (),
    counterparts: tuple[str, ...] = (),
    summit_of: Iterable[str] = (),
    summit: bool = False,
    mentioned_days: Iterable[tuple[int, int]] = (),
    occasions: Iterable[str] = (),
    passages: Iterable[int] = (),
) -> Report:
    """A report of `ident`: its leaders' countries from `SIDES` unless given, the countries
    it names those unless given, its headline naming the kinds it names unless told."""
    if affiliations is None:
        affiliations = {slug: SIDES[slug] for slug, _ in leaders if slug in SIDES}
    return Report(
        id=ident,
        language=language,
        date=date,
        month_day=month_day,
        kinds=frozenset(kinds),
        leaders=leaders,
        affiliations=affiliations,
        countries=frozenset(set(affiliations.values()) if countries is None else countries),
        organisations=frozenset(organisations),
        numbers=frozenset(numbers),
        places=frozenset(places),
        years=frozenset(years),
        headline_kinds=frozenset(kinds if headline_kinds is None else headline_kinds),
        head_class=head_class,
        frame=frame,
        bystanders=frozenset(bystanders),
        counterparts=counterparts,
        summit_of=frozenset(summit_of),
        summit=summit,
        mentioned_days=frozenset(mentioned_days),
        occasions=frozenset(occasions),
        passages=frozenset(passages),
    )
