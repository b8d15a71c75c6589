"""The sides of a contact by the head's grammar (events.py `contact_frame`), not by how often
a report names each leader: a report of Tokayev's call with Putin that congratulates Putin on
his meeting with Trump names Trump as often as Putin, and was keyed to a Tokayev-Trump call
too (it then held an undated report of the real Tokayev-Trump call away from that call)."""

import datetime as dt
from pathlib import Path

from app.loader.events import contact_frame, contact_keys, group, primary_key
from app.loader.pipeline import load
from tests.conftest import event_rows, make_settings
from tests.events_builders import MIRZIYOYEV, PUTIN, TOKAYEV, TRUMP, report


def _frame(*texts: tuple[str, dict[str, str]]) -> tuple[object, object]:
    """`contact_frame` of texts, each with the names it gives (surface -> slug) as mentions."""
    found = []
    for text, names in texts:
        mentions = []
        for surface, slug in names.items():
            start = text.index(surface)
            mentions.append((start, start + len(surface), slug))
        found.append((text, mentions))
    return contact_frame(found)


CONGRATULATED = (
    "Касым-Жомарт Токаев провел телефонный разговор с президентом России Владимиром Путиным и "
    "поздравил его с итогами встречи с президентом США Дональдом Трампом",
    {"Касым-Жомарт Токаев": TOKAYEV, "Владимиром Путиным": PUTIN, "Дональдом Трампом": TRUMP},
)


def test_the_sides_are_those_the_contact_word_governs() -> None:
    assert _frame(CONGRATULATED) == (((TOKAYEV, PUTIN),), frozenset({TRUMP}))


def test_a_round_up_keeps_every_callee_of_the_verb() -> None:
    text = (
        "Russian President Vladimir Putin spoke by phone with Uzbek President Shavkat Mirziyoyev and "
        "Kazakh President Kassym-Jomart Tokayev"
    )
    names = {"Vladimir Putin": PUTIN, "Shavkat Mirziyoyev": MIRZIYOYEV, "Kassym-Jomart Tokayev": TOKAYEV}
    assert _frame((text, names)) == (((PUTIN, MIRZIYOYEV), (PUTIN, TOKAYEV)), frozenset())


def test_a_kazakh_verb_comes_last() -> None:
    text = "Қасым-Жомарт Тоқаев Ресей Президенті Владимир Путинмен телефон арқылы сөйлесті"
    names = {"Қасым-Жомарт Тоқаев": TOKAYEV, "Владимир Путин": PUTIN}
    assert _frame((text, names)) == (((TOKAYEV, PUTIN),), frozenset())


def test_a_verb_of_discussing_or_taking_part_gives_no_sides() -> None:
    """«обсудили встречу с Трампом»: Trump is what they spoke of; «принял участие в саммите»:
    a summit, whose round-up the mention counts and the summit keys read."""
    discussed = (
        "Путин и Токаев обсудили встречу с Трампом",
        {"Путин": PUTIN, "Токаев": TOKAYEV, "Трампом": TRUMP},
    )
    assert _frame(discussed) == ((), frozenset())
    summit = (
        "Токаев принял участие в саммите, где выступили Путин и Мирзиёев",
        {"Токаев": TOKAYEV, "Путин": PUTIN, "Мирзиёев": MIRZIYOYEV},
    )
    assert _frame(summit) == ((), frozenset())
    # The lead says who called whom: the headline's Trump is a bystander.
    lead = (
        "Токаев и российский коллега Владимир Путин провели телефонный разговор.",
        {"Токаев": TOKAYEV, "Владимир Путин": PUTIN},
    )
    assert _frame(discussed, lead) == (((TOKAYEV, PUTIN),), frozenset({TRUMP}))


def test_a_list_of_objects_whose_subject_is_far_back_is_no_pair_of_them() -> None:
    """«Нуртлеу на полях заседания ... встретился с Фиданом, Хасаном и Сугионо»: the subject
    is out of reach, and the ministers he met are no contact of each other."""
    text = (
        "Министр Мурат Нуртлеу на полях чрезвычайного заседания Совета министров иностранных дел "
        "встретился с главами ведомств Турции Хаканом Фиданом, Малайзии Хасаном и Индонезии Сугионо"
    )
    names = {"Мурат Нуртлеу": "murat-nurtleu", "Хаканом Фиданом": "a", "Хасаном": "b", "Сугионо": "c"}
    assert _frame((text, names)) == ((), frozenset())


def test_of_a_round_up_the_pair_named_most_is_what_it_is_about() -> None:
    round_up = report(
        "a",
        leaders=((PUTIN, 10.5), (TOKAYEV, 8.5), (MIRZIYOYEV, 8.5)),
        frame=((PUTIN, MIRZIYOYEV), (PUTIN, TOKAYEV)),
        head_class="call",
    )
    assert primary_key(round_up) == (TOKAYEV, PUTIN)


TIED = ((TOKAYEV, 9.5), (TRUMP, 7.5), (PUTIN, 7.5))


def test_a_bystander_makes_no_pair() -> None:
    framed = report("a", leaders=TIED, frame=((TOKAYEV, PUTIN),), bystanders={TRUMP}, head_class="call")
    assert contact_keys(framed) == [(TOKAYEV, PUTIN)]
    # Without the frame the mention counts pair Trump with both.
    counted = report("a", leaders=TIED, head_class="call")
    assert (TRUMP, TOKAYEV) in {tuple(sorted(k)) for k in contact_keys(counted)}


def test_a_round_up_named_in_later_sentences_keeps_its_pairs() -> None:
    """The frame adds to the mention counts: a callee named in the body, not in the head's
    sentence, keeps his pair with the caller."""
    round_up = report(
        "a",
        leaders=((PUTIN, 8.0), (TOKAYEV, 6.0), (MIRZIYOYEV, 6.0)),
        frame=((PUTIN, TOKAYEV),),
        head_class="call",
    )
    assert (MIRZIYOYEV, PUTIN) in contact_keys(round_up)


UKRAINE = {"KZ", "US", "UA"}


def _trump_call(ident: str, date: dt.date | None, **kw: object) -> object:
    return report(ident, date=date, leaders=((TOKAYEV, 8.0), (TRUMP, 6.0)), countries=UKRAINE, **kw)  # type: ignore[arg-type]


def test_a_group_whose_reports_name_a_call_is_a_call() -> None:
    """An agency report of the call whose words read as a meeting («площадка для
    переговоров») does not keep an undated report stating a call from the reports that state
    it too; a group of reports stating a meeting that week does."""
    call = _trump_call("a-call", dt.date(2025, 12, 23), numbers={"23"}, head_class="call")
    # A report naming no kind ("обсудили ... пригласил") links the two dated ones.
    talked = _trump_call("b-talked", dt.date(2025, 12, 23), kinds={"invitation"}, numbers={"23"})
    venue = _trump_call("b-venue", dt.date(2025, 12, 23), kinds={"meeting"}, numbers={"23"})
    undated = _trump_call("c-undated", None, numbers={"23"}, head_class="call")
    (event,) = [e for e in group([call, talked, venue, undated]) if "a-call" in e.reports]
    assert set(event.reports) == {"a-call", "b-talked", "b-venue", "c-undated"}
    # A meeting of the two that week, stated as one in each report: the call stays apart.
    met = _trump_call(
        "a-met", dt.date(2025, 12, 20), kinds={"meeting"}, numbers={"23"}, head_class="in_person"
    )
    met2 = _trump_call(
        "b-met", dt.date(2025, 12, 20), kinds={"meeting"}, numbers={"23"}, head_class="in_person"
    )
    events = group([met, met2, undated])
    assert not any({"a-met", "c-undated"} <= set(e.reports) for e in events)


def test_two_calls_a_month_apart_keep_an_undated_report_apart() -> None:
    """An undated report of the pair as close to a call of 23 November as to one of
    23 December joins neither."""
    december = _trump_call("a-dec", dt.date(2025, 12, 23), numbers={"23"}, head_class="call")
    november = _trump_call("b-nov", dt.date(2025, 11, 23), numbers={"23"}, head_class="call")
    undated = _trump_call("c-undated", None, numbers={"23"}, head_class="call")
    events = group([december, november, undated])
    assert not any("c-undated" in e.reports and len(e.reports) > 1 for e in events)


def test_through_the_loader_the_call_about_a_meeting_keeps_out_of_that_meeting(tmp_path: Path) -> None:
    """Invented reports: Tokayev's call with Trump, dated and undated, and Tokayev's call
    with Putin congratulating him on his meeting with Trump (Trump named twice). The undated
    report of the Trump call joins the dated one; the Putin call stays out of it."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in {
        "ru-trump-dated": "Токаев провел телефонный разговор с Трампом\n\n23 декабря 2025 года\n\nПрезидент "
        "Казахстана Касым-Жомарт Токаев провел телефонный разговор с Президентом США Дональдом Трампом. "
        "Стороны обсудили ситуацию вокруг Украины и инвестиции в размере 17 миллиардов.\n",
        "ru-trump-undated": "Трамп и Токаев обсудили Украину по телефону\n\nПрезидент Казахстана "
        "Касым-Жомарт Токаев провел телефонные переговоры с лидером США Дональдом Трампом. Главы "
        "государств обсудили инвестиции на 17 миллиардов и ситуацию вокруг Украины.\n",
        "ru-putin-undated": "Токаев поздравил Путина по телефону\n\nПрезидент Казахстана Касым-Жомарт Токаев "
        "провел телефонный разговор с президентом России Владимиром Путиным и поздравил его с итогами "
        "встречи с президентом США Дональдом Трампом. Дональд Трамп и Владимир Путин обсудили Украину.\n",
    }.items():
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).exit_code == 0
    events = event_rows(tmp_path / "data")
    (trump,) = [files for files in events.values() if "ru-trump-dated" in files]
    assert trump == {"ru-trump-dated", "ru-trump-undated"}
