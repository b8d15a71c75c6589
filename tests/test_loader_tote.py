"""Kazakh in the Arabic script (töte, as written in China, Mongolia and Iran) makes a record
(issue 11, round 8): language kk, the headline, the body; its lines are not taken for text
in another script. Round 14: its date, outlet and entities are read through a
transliteration to Kazakh Cyrillic (app/data/tote.toml), the same as the Cyrillic twin of the
text gives, while the record keeps the text as written and its evidence says what was read
through the transliteration. Counterparts: an Arabic or Uyghur text is no Kazakh and gets
nothing, and an Arabic line quoted in a Cyrillic page is still another script's. Invented
text."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.loader.clean import clean
from app.loader.discover import read_file
from app.loader.language import detect_language
from app.loader.parse import parse
from app.loader.pipeline import to_record
from app.loader.store import ArticleRecord

HEADLINE = "اكىم جاپونيا ەلشىسىمەن كەزدەستى"
BODY = [
    "وبلىس اكىمى جاپونيانىڭ قازاقستانداعى ەلشىسىن قابىلداپ، ەكى ەل اراسىنداعى ىنتىماقتاستىقتى تالقىلادى.",
    "تاراپتار ساۋدا، ءبىلىم جانە مادەنيەت سالالارىنداعى جوبالاردى قاراستىرىپ، كەلەسى كەزدەسۋ تۋرالى كەلىستى.",
    "ەلشى وبلىستىڭ مۇمكىندىكتەرىنە جوعارى باعا بەرىپ، ىسكەرلىك بايلانىستاردى نىعايتۋعا ۇسىنىس ءبىلدىردى.",
]


def test_a_page_in_tote_makes_a_kazakh_record_with_headline_and_body() -> None:
    parsed = parse(clean("\n\n".join([HEADLINE, *BODY]) + "\n"))
    assert parsed.language == "kk"
    assert parsed.title == HEADLINE
    assert list(parsed.paragraphs) == BODY


def test_arabic_and_uyghur_texts_are_no_kazakh() -> None:
    arabic = "أعلنت وزارة الخارجية عن زيارة رسمية لرئيس الجمهورية إلى العاصمة في الأسبوع المقبل لبحث التعاون"
    uyghur = "بۈگۈن ئۈرۈمچىدە يىغىن ئېچىلدى، ۋەكىللەر ھەمكارلىق مەسىلىلىرىنى مۇزاكىرە قىلدى"
    assert detect_language(arabic).code == "und"
    assert detect_language(uyghur).code == "und"


def test_an_arabic_line_in_a_cyrillic_page_is_still_another_scripts() -> None:
    text = (
        "Әкім Жапония елшісімен кездесті\n\n"
        "Облыс әкімі Жапония елшісін қабылдап, екі ел арасындағы ынтымақтастықты талқылады.\n\n"
        "أعلنت وزارة الخارجية عن زيارة رسمية لرئيس الجمهورية إلى العاصمة\n\n"
        "Тараптар сауда, білім және мәдениет салаларындағы жобаларды қарастырды.\n"
    )
    parsed = parse(clean(text))
    assert parsed.language == "kk"
    assert not any("وزارة" in paragraph for paragraph in parsed.paragraphs)


# --- round 14: read through a transliteration to Cyrillic

TOTE_PAGE = "\n\n".join(
    [
        "قاسىم-جومارت توقاەۆ جاپونيا ەلشىسىمەن كەزدەستى",
        "استانا، 12 قاراشادا مەملەكەت باسشىسى قاسىم-جومارت توقاەۆ جاپونيانىڭ قازاقستانداعى"
        " ەلشىسىن قابىلدادى، دەپ حابارلايدى ەگەمەن قازاقستان.",
        "تاراپتار شانحاي ىنتىماقتاستىق ۇيىمى اياسىنداعى ىنتىماقتاستىقتى تالقىلادى.",
        "ەلشى ەكى ەل اراسىنداعى بايلانىستاردى نىعايتۋعا ۇسىنىس ءبىلدىردى.",
    ]
)
CYRILLIC_TWIN = "\n\n".join(
    [
        "Қасым-Жомарт Тоқаев Жапония елшісімен кездесті",
        "Астана, 12 қарашада мемлекет басшысы Қасым-Жомарт Тоқаев Жапонияның Қазақстандағы"
        " елшісін қабылдады, деп хабарлайды Егемен Қазақстан.",
        "Тараптар Шанхай ынтымақтастық ұйымы аясындағы ынтымақтастықты талқылады.",
        "Елші екі ел арасындағы байланыстарды нығайтуға ұсыныс білдірді.",
    ]
)
# A date of the year's month name (`11 قار. 2020`) was read before round 14 (dates.toml); the
# dateline of the year-less Kazakh locative (`12 قاراشادا`) is read through the Cyrillic copy.
ARABIC_PAGE = (
    "أعلنت وزارة الخارجية عن زيارة رسمية لرئيس الجمهورية قاسم جومارت توكاييف\n\n"
    "في 12 نوفمبر استقبل الرئيس سفير اليابان في كازاخستان وبحثا التعاون في منظمة شنغهاي للتعاون\n"
)
UYGHUR_PAGE = (
    "بۈگۈن ئۈرۈمچىدە يىغىن ئېچىلدى\n\n"
    "12 نويابىردا ۋەكىللەر ياپونىيە ۋە قازاقىستان ھەمكارلىق مەسىلىلىرىنى مۇزاكىرە قىلدى\n"
)


def record(tmp_path: Path, text: str) -> ArticleRecord:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return to_record(read_file(path, 10**7), datetime.now(UTC))


def found(rec: ArticleRecord) -> tuple[list[str], list[str], list[str]]:
    """Leaders, countries and organisations of a record."""
    leaders = sorted(link.slug for link in rec.entities.leaders)
    return leaders, sorted(rec.entities.countries), sorted(rec.entities.organisations)


def test_a_tote_page_gives_the_date_its_cyrillic_twin_gives_and_says_how_it_was_read() -> None:
    tote, twin = parse(clean(TOTE_PAGE)), parse(clean(CYRILLIC_TWIN))
    assert (twin.date.month, twin.date.day, twin.date.precision) == (11, 12, "day_month")
    assert (tote.date.month, tote.date.day, tote.date.precision) == (11, 12, "day_month")
    assert "read through the töte transliteration" in tote.date.evidence
    assert "töte" not in twin.date.evidence


def test_a_tote_page_gives_the_outlet_its_cyrillic_twin_gives_and_says_how_it_was_read() -> None:
    tote, twin = parse(clean(TOTE_PAGE)), parse(clean(CYRILLIC_TWIN))
    assert twin.outlet == tote.outlet == "Egemen Qazaqstan"
    assert "read through the töte transliteration" in tote.outlet_evidence


def test_a_tote_page_keeps_its_text_as_written() -> None:
    parsed = parse(clean(TOTE_PAGE))
    assert parsed.title == TOTE_PAGE.splitlines()[0]
    assert parsed.paragraphs[-1] == TOTE_PAGE.strip().splitlines()[-1]
    assert not any(c in parsed.body for c in "абвгдеқ")


def test_a_tote_page_gives_the_entities_its_cyrillic_twin_gives(tmp_path: Path) -> None:
    twin = found(record(tmp_path, CYRILLIC_TWIN))
    assert twin == (["kassym-jomart-tokayev"], ["JP", "KZ"], ["SCO"])
    assert found(record(tmp_path, TOTE_PAGE)) == twin


def test_an_entity_read_through_the_transliteration_points_into_the_text_as_written(
    tmp_path: Path,
) -> None:
    rec = record(tmp_path, TOTE_PAGE)
    texts = {"title": rec.article.display_title, "body": rec.article.body}
    leader = [m for m in rec.entities.mentions if m.entity_type == "leader"]
    assert leader
    for mention in leader:
        written = texts[mention.field][mention.start : mention.end]
        assert written.startswith("قاسىم-جومارت توقاەۆ")
        assert mention.surface.startswith(written)
        assert "töte, read as Қасым-Жомарт Тоқаев" in mention.surface


@pytest.mark.parametrize("text", [ARABIC_PAGE, UYGHUR_PAGE])
def test_arabic_and_uyghur_pages_still_give_no_date_outlet_or_entities(tmp_path: Path, text: str) -> None:
    parsed = parse(clean(text))
    assert parsed.language == "und"
    assert parsed.date.value is None and parsed.date.precision == "unknown"
    assert parsed.outlet is None
    assert found(record(tmp_path, text)) == ([], [], [])


def test_a_cyrillic_page_is_read_as_before(tmp_path: Path) -> None:
    rec = record(tmp_path, CYRILLIC_TWIN)
    assert "töte" not in (rec.article.date_evidence or "") + (rec.article.outlet_evidence or "")
    assert not any("töte" in m.surface for m in rec.entities.mentions)
    assert rec.article.date == "--11-12"
