"""Issue 14: an undated report of a visit that fits the dated reports of its visit and those
of an earlier visit of the same pair, none clearly, is not taken away from the undated
reports of its visit by an announcement stating a day that rules out both visits (it would
take that day and lose every event it fits); an announcement stating the day of one of them
still joins it. Pure: invented reports, no dev-set pages."""

import datetime as dt

from app.loader.events import Report, _clear_fit, distinctive, group, settings, similarity
from tests.events_builders import report

TOKAYEV, PUTIN, MINISTER = "kassym-jomart-tokayev", "vladimir-putin", "invented-minister"
KEY = (TOKAYEV, PUTIN)


def _visit(
    ident: str,
    *,
    date: dt.date | None = None,
    month_day: tuple[int, int] | None = None,
    places: set[str] = frozenset(),  # type: ignore[assignment]
    numbers: set[str] = frozenset(),  # type: ignore[assignment]
    minister: bool = False,
    language: str = "ru",
) -> Report:
    leaders = ((TOKAYEV, 8.0), (PUTIN, 6.0)) + (((MINISTER, 0.5),) if minister else ())
    return report(
        ident,
        language=language,
        date=date,
        month_day=month_day,
        kinds={"visit"},
        leaders=leaders,
        numbers=numbers,
        places=places,
    )


# The visit of 11 November: a dated report naming the Kremlin, another naming Moscow and a
# number of agreements. An earlier visit, of 13 January, naming Moscow and another number.
VISIT_KREMLIN = _visit("avisit1", date=dt.date(2025, 11, 11), places={"kremlin"})
VISIT_MOSCOW = _visit("avisit2", date=dt.date(2025, 11, 11), places={"moscow"}, numbers={"35"})
EARLIER = _visit("bearlier", date=dt.date(2022, 1, 13), places={"moscow"}, numbers={"44"})
# Undated: a report of the visit naming the Kremlin and Moscow; another naming Moscow, the
# 35 agreements and a minister of the delegation.
KREMLIN = _visit("ckremlin", places={"kremlin", "moscow"}, language="en")
DELEGATION = _visit("ddelegation", places={"moscow"}, numbers={"35"}, minister=True, language="kk")


def _announcement(month_day: tuple[int, int]) -> Report:
    """An undated announcement of a visit stating its day, naming the Kremlin, Moscow, the 20
    years of a treaty and 70 documents."""
    return _visit("eannounce", month_day=month_day, places={"kremlin", "moscow"}, numbers={"20", "70"})


def _together(events: list, *ids: str) -> bool:
    return any(set(ids) <= set(e.reports) for e in events)


def test_the_case_the_rule_is_for() -> None:
    """The undated report fits both visits, none clearly; it is closer to the announcement
    than to the other undated report of its visit, so meets it first, and less close to it
    than to its visit's dated reports (else the next test would prove nothing)."""
    s = settings()
    announce = _announcement((11, 28))
    to_visit = sum(similarity(KREMLIN, d) for d in (VISIT_KREMLIN, VISIT_MOSCOW)) / 2
    for dated in ([VISIT_KREMLIN, VISIT_MOSCOW], [EARLIER]):
        overlap = sum(similarity(KREMLIN, d) for d in dated) / len(dated)
        assert overlap >= s.min_similarity_undated
        assert max(distinctive(KREMLIN, d, KEY) for d in dated) >= s.min_distinctive
    fits = [("visit", [], (to_visit, 0.5)), ("earlier", [], (similarity(KREMLIN, EARLIER), 0.5))]
    assert _clear_fit(fits) is None
    assert to_visit > similarity(KREMLIN, announce) > similarity(KREMLIN, DELEGATION)
    assert similarity(KREMLIN, DELEGATION) >= s.min_similarity_undated
    assert distinctive(KREMLIN, announce, KEY) >= s.min_distinctive


def test_a_day_ruling_out_every_visit_it_fits_does_not_take_the_report_away() -> None:
    events = group([VISIT_KREMLIN, VISIT_MOSCOW, EARLIER, KREMLIN, DELEGATION, _announcement((11, 28))])
    assert not _together(events, "ckremlin", "eannounce")
    assert _together(events, "ckremlin", "ddelegation")


def test_an_announcement_of_the_day_of_one_of_them_still_joins_the_report() -> None:
    """The counterpart: its day is that of the visit of 11 November."""
    events = group([VISIT_KREMLIN, VISIT_MOSCOW, EARLIER, KREMLIN, DELEGATION, _announcement((11, 11))])
    assert _together(events, "ckremlin", "eannounce")
