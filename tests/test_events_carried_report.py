"""Issue 14: an undated group of reports of one visit, each close to each, joins the visit's
dated reports when most of them fit on their own and every one shares something beyond the
participants with them: a report naming fewer of the visit's countries, too far on its own,
no longer holds the group out. And only then: a group of which only one report fits stays
apart (the reports of another visit of the pair), and so does a group whose weak report names
no kind of contact. Pure: invented reports, no dev-set pages."""

import dataclasses
import datetime as dt

from app.loader.events import Report, distinctive, group, settings, similarity
from tests.events_builders import report

TOKAYEV, PUTIN, MINISTER = "kassym-jomart-tokayev", "vladimir-putin", "invented-minister"
KEY = (TOKAYEV, PUTIN)
VISIT_DAY = dt.date(2025, 11, 11)


def _visit(
    ident: str,
    *,
    date: dt.date | None = None,
    countries: set[str] = frozenset({"KZ", "RU"}),  # type: ignore[assignment]
    places: set[str] = frozenset(),  # type: ignore[assignment]
    numbers: set[str] = frozenset(),  # type: ignore[assignment]
    minister: bool = False,
    language: str = "ru",
) -> Report:
    leaders = ((TOKAYEV, 8.0), (PUTIN, 6.0)) + (((MINISTER, 2.0),) if minister else ())
    return report(
        ident,
        language=language,
        date=date,
        kinds={"visit"},
        leaders=leaders,
        countries=countries,
        numbers=numbers,
        places=places,
    )


# The state visit of 11 November: a dated report naming the Kremlin, another naming the
# 11th and 12th and the 35 documents signed.
KREMLIN_DATED = _visit("adated1", date=VISIT_DAY, places={"kremlin"})
SIGNED_DATED = _visit("adated2", date=VISIT_DAY, numbers={"11", "12", "35"})
DATED = [KREMLIN_DATED, SIGNED_DATED]
# Its undated reports: the talks in Moscow with a minister and the documents; the welcome in
# the Kremlin; a Kazakh report of the talks; and an English one naming Kazakhstan alone of
# the two countries (the other named only as "the Russian language").
TALKS = _visit("btalks", places={"moscow"}, numbers={"11", "12", "35"}, minister=True)
WELCOME = _visit("cwelcome", places={"kremlin", "moscow"})
KAZAKH = _visit("dkazakh", places={"moscow", "akorda"}, numbers={"35"}, minister=True, language="kk")
FEWER = _visit(
    "efewer", countries={"KZ"}, places={"kremlin", "moscow"}, numbers={"35"}, minister=True, language="en"
)
UNDATED = [TALKS, WELCOME, KAZAKH, FEWER]


def _mean_overlap(report: Report) -> float:
    return sum(similarity(report, d) for d in DATED) / len(DATED)


def _shared(report: Report) -> float:
    return max(distinctive(report, d, KEY) for d in DATED)


def _one_event(reports: list[Report], *ids: str) -> bool:
    return any(set(ids) <= set(e.reports) for e in group(reports))


def test_the_case_the_rule_is_for() -> None:
    """Each undated report is close to each and shares something with the dated reports;
    all but one fit them on their own (else the next test would prove nothing)."""
    s = settings()
    for a in UNDATED:
        assert _shared(a) >= s.min_distinctive
        assert all(similarity(a, b) >= s.min_similarity_undated for b in UNDATED)
    assert _mean_overlap(FEWER) < s.min_similarity_undated
    assert all(_mean_overlap(r) >= s.min_similarity_undated for r in (TALKS, WELCOME, KAZAKH))


def test_the_visit_is_one_event() -> None:
    assert _one_event([*DATED, *UNDATED], *(r.id for r in [*DATED, *UNDATED]))


# An earlier visit of the pair, undated, naming China: one of its reports names the Kremlin
# and a number as briefly as the dated reports do; the two others name more.
EARLIER_BRIEF = _visit("fbrief", places={"kremlin"}, numbers={"17"})
EARLIER_LONG = _visit(
    "glong", countries={"KZ", "RU", "CN"}, places={"kremlin"}, numbers={"17", "90"}, minister=True
)
EARLIER_LONGER = dataclasses.replace(EARLIER_LONG, id="hlonger", places=frozenset({"kremlin", "moscow"}))
EARLIER = [EARLIER_BRIEF, EARLIER_LONG, EARLIER_LONGER]


def test_a_group_of_which_one_report_fits_stays_apart() -> None:
    s = settings()
    for a in EARLIER:
        assert _shared(a) >= s.min_distinctive
        assert all(similarity(a, b) >= s.min_similarity_undated for b in EARLIER)
    assert _mean_overlap(EARLIER_BRIEF) >= s.min_similarity_undated
    assert all(_mean_overlap(r) < s.min_similarity_undated for r in (EARLIER_LONG, EARLIER_LONGER))
    assert _one_event([*DATED, *EARLIER], "fbrief", "glong", "hlonger")
    assert not _one_event([*DATED, *EARLIER], "adated1", "fbrief")


def test_a_weak_report_naming_no_kind_is_not_carried() -> None:
    """The weak report naming no kind of contact (an article naming the two presidents, the
    minister and the documents): its group fits only if each of it does, and it stays apart."""
    s = settings()
    vague = dataclasses.replace(FEWER, kinds=frozenset(), headline_kinds=frozenset())
    assert _shared(vague) >= s.min_distinctive
    assert _mean_overlap(vague) < s.min_similarity_undated
    reports = [*DATED, TALKS, WELCOME, KAZAKH, vague]
    assert _one_event(reports, "btalks", "dkazakh", "efewer")
    assert not _one_event(reports, "adated1", "efewer")
