"""Round 10 of the events (issue 14): undated reports of one contact form a group when each
is close on content to each and the link that joins them shares something beyond the
participants; not every pair needs to (the pieces of a visit name different places of it).
A report far on content from one of the group stays apart, however much it shares with
another. Pure: invented reports, no dev-set pages."""

from app.loader.events import Report, distinctive, group, settings, similarity
from tests.events_builders import report

TOKAYEV, ERDOGAN = "kassym-jomart-tokayev", "recep-tayyip-erdogan"
KEY = (TOKAYEV, ERDOGAN)


def _report(
    ident: str,
    *,
    places: set[str] = frozenset(),  # type: ignore[assignment]
    countries: set[str] = frozenset(),  # type: ignore[assignment]
    month_day: tuple[int, int] | None = None,
    kind: str = "visit",
    language: str = "ru",
) -> Report:
    return report(
        ident,
        language=language,
        month_day=month_day,
        kinds={kind},
        leaders=((TOKAYEV, 8.0), (ERDOGAN, 6.0)),
        countries={"KZ", "TR", *countries},
        places=places,
    )


# Tokayev's visit to Türkiye, undated: a Russian report naming Ankara and the Esenboğa
# airport (stating the day), a Russian report of the welcome at the airport, and a Kazakh
# report of the talks in Ankara.
BOTH = _report("aboth", places={"ankara", "esenboga"}, month_day=(7, 28))
AIRPORT = _report("bairport", places={"esenboga", "akorda"})
TALKS = _report("ctalks", places={"ankara", "astana"}, language="kk")


def _together(events: list, *ids: str) -> bool:
    return any(set(ids) <= set(e.reports) for e in events)


def test_two_pieces_share_nothing_beyond_the_pair_but_each_shares_a_place_with_a_third() -> None:
    """The case the rule is for (else the next test would prove nothing)."""
    s = settings()
    assert distinctive(AIRPORT, TALKS, KEY) < s.min_distinctive
    assert similarity(AIRPORT, TALKS) >= s.min_similarity_undated
    assert distinctive(BOTH, AIRPORT, KEY) >= s.min_distinctive
    assert distinctive(BOTH, TALKS, KEY) >= s.min_distinctive


def test_the_pieces_of_a_visit_are_one_event() -> None:
    assert _together(group([BOTH, AIRPORT, TALKS]), "aboth", "bairport", "ctalks")


def test_without_the_report_naming_both_places_they_stay_apart() -> None:
    assert not _together(group([AIRPORT, TALKS]), "bairport", "ctalks")


def test_a_report_far_on_content_from_one_of_the_group_stays_apart() -> None:
    """Two undated reports of a call naming Ukraine, the United States and France, and a
    third report of the pair naming China, which one of the two names too: it shares China
    with that one but overlaps the other too little, and stays apart."""
    first = _report("dfirst", countries={"UA", "US", "FR", "DE"}, kind="phone_call")
    second = _report("esecond", countries={"UA", "US", "FR", "CN"}, kind="phone_call", language="en")
    china = _report("fchina", countries={"CN"}, kind="phone_call", language="kk")
    s = settings()
    assert distinctive(china, second, KEY) >= s.min_distinctive
    assert similarity(china, second) >= s.min_similarity_undated
    assert similarity(china, first) < s.min_similarity_undated
    events = group([first, second, china])
    assert _together(events, "dfirst", "esecond")
    assert not _together(events, "fchina", "esecond")
