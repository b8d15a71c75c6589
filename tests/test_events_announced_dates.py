"""Round 15 of the events (issue 14): announcements, on data read as tuning data since v4. A
headline telling of a contact to come in words round 14 did not list ("will make an official
visit", "to open", «откроют», "the date of the visit becomes known") is an announcement, no
report of the visit it announces; a headline saying the two agreed on something to come is
a report of the contact in which they agreed. An announcement is dated the day it was made,
not the day of the contact: no report takes its date from one. Invented headlines and
reports (ru, kk, en), no dev-set pages."""

import datetime as dt

from app.loader.events import ANNOUNCED, Report, date_events, group, stated_class
from tests.events_builders import TOKAYEV, report

JAPAROV = "sadyr-japarov"
PAIR = ((JAPAROV, 8.0), (TOKAYEV, 6.0))
SIDES = {JAPAROV: "KG", TOKAYEV: "KZ"}
ABOUT = {"KZ", "KG", "SCO"}  # what the invented reports of the visit all name


def _of_the_visit(ident: str, *, head: str | None, day: dt.date | None, language: str = "ru") -> Report:
    """A report of the Kyrgyz president's visit to Astana (or of its announcement), alike in
    content to every other."""
    return report(
        ident,
        date=day,
        language=language,
        kinds=("visit", "meeting"),
        leaders=PAIR,
        affiliations=SIDES,
        countries=ABOUT,
        numbers=("18", "19", "350"),
        places=("astana", "akorda"),
        head_class=head,
    )


def test_more_headlines_of_a_contact_to_come_are_announcements() -> None:
    for headline in (
        "President of Kyrgyzstan will make an official visit to Kazakhstan on 18-19 April",
        "Presidents of Kyrgyzstan and Kazakhstan to open a bridge of friendship",
        "Президенты Кыргызстана и Казахстана откроют мост дружбы",
        "Токаев и Жапаров подпишут договор о союзнических отношениях",
        "The date of the visit of the President of Kazakhstan to Kyrgyzstan becomes known",
        "Стала известна дата визита президента Казахстана в Кыргызстан",
    ):
        assert stated_class(headline, headline) == ANNOUNCED, headline


def test_headlines_of_what_took_place_or_was_agreed_are_not() -> None:
    """Counterparts: the same contacts done, and an agreement on one to come (a report of the
    call or meeting in which they agreed)."""
    for headline in (
        "Presidents of Kyrgyzstan and Kazakhstan opened a bridge of friendship",
        "Президенты Кыргызстана и Казахстана открыли мост дружбы",
        "Токаев и Жапаров подписали договор о союзнических отношениях",
        "Tokayev and Japarov agreed to sign a treaty of alliance",
        "Токаев и Жапаров договорились подписать договор",
        "The President of Kazakhstan arrived in Kyrgyzstan on an official visit",
        # An English headline's "to sign" heads the report of the talks at which it is signed
        # as often as an announcement.
        "Kazakhstan, Kyrgyzstan to sign border demarcation agreement",
    ):
        assert stated_class(headline, headline) != ANNOUNCED, headline


def test_no_date_is_taken_from_an_announcement() -> None:
    """Two announcements of the visit are one event; the undated one does not take the day the
    dated one was made (the visit came the day after)."""
    made = _of_the_visit("aann", head=ANNOUNCED, day=dt.date(2024, 4, 17), language="en")
    undated = _of_the_visit("bann", head=ANNOUNCED, day=None)
    events = group([made, undated])
    assert any({"aann", "bann"} <= set(e.reports) for e in events)
    assert date_events(events, [made, undated]) == []


def test_a_report_of_the_visit_still_takes_the_visit_s_date() -> None:
    """Counterpart: the same reports as reports of the visit itself; the undated one takes
    the dated one's date."""
    dated = _of_the_visit("avisit", head=None, day=dt.date(2024, 4, 18), language="en")
    undated = _of_the_visit("bvisit", head=None, day=None)
    events = group([dated, undated])
    inferred = date_events(events, [dated, undated])
    assert [(d.report, d.date) for d in inferred] == [("bvisit", dt.date(2024, 4, 18))]
