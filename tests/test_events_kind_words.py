"""Round 15 of the events (issue 14): recall by kind. A report whose head names no kind of
contact is compared with the others on leaders, countries and numbers only: the places of a
visit count only between reports of a meeting or visit. A welcoming ceremony ("arrives at
Akorda", «салтанатты қарсы алды», "welcomed the President of Italy"), an order handed over in
person («вручил»), and condolences are kinds of contact in every language; welcoming a
decision, getting ready to welcome a guest and an order conferred by decree are not.
Invented headlines and leads (ru, kk, en)."""

from app.entities.events import detect_events


def test_a_welcome_is_a_meeting_or_a_visit() -> None:
    assert "visit" in detect_events("Italian President arrives at Akorda", [])
    for title in (
        "Tokayev welcomed the President of Italy at the Akorda Palace",
        "Head of State greeted the Prime Minister of Italy in Astana",
        "Ақордада Италия Президентін салтанатты қарсы алды",
        "Ақордада Италия Президентін қарсы алу рәсімі өтті",
        "Токаев вручил Жапарову высшую государственную награду",
        "President Tokayev meets Italian Prime Minister",
    ):
        assert "meeting" in detect_events(title, []), title


def test_condolences_are_a_message() -> None:
    for title in (
        "President Tokayev sends condolences to Turkey over the earthquake",
        "Токаев выразил соболезнования Эрдогану",
        "Тоқаев Ердоғанға көңіл айтты",
    ):
        assert "message" in detect_events(title, []), title


def test_what_only_looks_like_a_welcome_is_no_contact() -> None:
    """Counterparts: a decision welcomed, a city getting ready to welcome a guest, an order
    conferred by decree."""
    for title in (
        "Tokayev welcomed the decision of the OPEC+ countries",
        "Ташкент Қазақстан Президентін қарсы алуға дайындалып жатыр",
        "Указом Токаева Жапаров награжден орденом",
    ):
        assert "meeting" not in detect_events(title, []), title
