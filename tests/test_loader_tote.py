"""Kazakh in the Arabic script (töte, as written in China, Mongolia and Iran) makes a record
(issue 11, round 8): language kk, the headline, the body; its lines are not taken for text
in another script. Its date, outlet and entities are not read (the registers and month
names are Cyrillic and Latin). Counterparts: an Arabic or Uyghur text is no Kazakh, and an
Arabic line quoted in a Cyrillic page is still another script's. Invented text."""

from app.loader.clean import clean
from app.loader.language import detect_language
from app.loader.parse import parse

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
