"""Round 15 of issue 11, the headline (tuned on v1–v14), by kind and from general evidence: a
number closes a headline's phrase (`… for 2024-2026` does not end on `for`); a short line whose
sentence the next line carries on in lowercase opens a hard-wrapped paragraph, no headline;
any line that states nothing over a headline the text is about loses to that headline (a
picture's alt text, a rubric, a site's description of itself), not only a site's name or an
office. Each with a counterpart that must stay as it is. And the learned headline choice
(data/headline_model.json, not consulted by the loader): it loads, weighs the features the
scorer computes, and picks the right line on invented pages. Invented text."""

import pytest

from app.loader.clean import clean
from app.loader.evidence import ends_open, features
from app.loader.headline_model import FEATURES, headline_chooser, headline_model
from app.loader.parse import parse
from tests.loader_texts import EN_BODY, EN_HEADLINE, KK_BODY, KK_HEADLINE, RU_BODY, RU_HEADLINE

PAGES = {"en": (EN_HEADLINE, EN_BODY), "ru": (RU_HEADLINE, RU_BODY), "kk": (KK_HEADLINE, KK_BODY)}


def title(text: str) -> str | None:
    return parse(clean(text)).title


# --- a number closes the phrase: `… for 2014-2016` does not end on the function word `for`


@pytest.mark.parametrize(
    ("language", "stamp", "headline"),
    [
        ("en", "12:11, 19 March 2014 | GMT +5", "Ministers sign a memo of cooperation for 2014-2016"),
        ("ru", "12:11, 19 марта 2014", "Министры подписали меморандум о сотрудничестве на 2014-2016"),
        ("en", "19 March 2014", "Rail freight to double by 2030"),
    ],
)
def test_a_headline_ending_on_a_number_after_a_function_word_is_the_headline(
    language: str, stamp: str, headline: str
) -> None:
    _, text = PAGES[language]
    assert title("\n".join([stamp, headline, text])) == headline


def test_a_kazakh_headline_ending_on_a_number_was_never_open() -> None:
    """Kazakh puts its postpositions after the number: the kind is a Latin and Russian one, and
    a Kazakh line was already never taken for a line cut open."""
    headline = "Министрлер ынтымақтастық меморандумына қол қойды: 2014-2016"
    assert title("\n".join(["19 наурыз 2014", headline, KK_BODY])) == headline


@pytest.mark.parametrize(
    "line", ["The Government portal of the", "Официальный сайт для", "Rail links to 2030 and"]
)
def test_a_line_ending_on_a_function_word_still_ends_open(line: str) -> None:
    assert ends_open(features(line))


# --- a short line whose sentence the next line carries on in lowercase (hard-wrapped text)

WRAPPED = {
    "ru": (
        "Президент Казахстана провел телефонный\n"
        "разговор с премьер-министром Японии. Стороны обсудили\n"
        "перспективы развития двусторонних отношений и договорились\n"
        "о новых встречах в следующем году, а также обсудили\n"
        "сотрудничество в энергетике, транспорте и логистике на\n"
        "ближайшие годы и подготовку визита в Токио.\n"
    ),
    "en": (
        "The President of Kazakhstan held a\n"
        "telephone conversation with the Prime Minister of Japan. The\n"
        "two leaders discussed the prospects for bilateral relations and\n"
        "agreed on new meetings next year, and they also discussed\n"
        "cooperation in energy, transport and logistics for the coming\n"
        "years and the preparation of a visit to Tokyo.\n"
    ),
    "kk": (
        "Мемлекет басшысы Жапония премьерімен\n"
        "телефон арқылы сөйлесті. Тараптар екіжақты қарым-қатынастың\n"
        "болашағын талқылап, келесі жылы жаңа кездесулер өткізуге\n"
        "келісті, сондай-ақ энергетика, көлік және логистика салаларындағы\n"
        "ынтымақтастықты және Токиоға сапарды дайындау мәселелерін\n"
        "қарастырды, деп хабарлайды баспасөз қызметі.\n"
    ),
}


@pytest.mark.parametrize("language", ["ru", "en", "kk"])
def test_a_short_first_line_carried_on_in_lowercase_opens_the_paragraph(language: str) -> None:
    text = WRAPPED[language]
    cleaned = clean(text)
    assert parse(cleaned).title is None
    first, second = text.splitlines()[:2]
    assert cleaned.lines[0].text.startswith(f"{first} {second}")


@pytest.mark.parametrize(
    ("language", "heading"),
    [
        ("ru", "Президент провел телефонный разговор"),
        ("en", "President holds a telephone call"),
        ("kk", "Президент телефон арқылы сөйлесті"),
    ],
)
def test_a_heading_over_a_wrapped_text_opening_a_sentence_stays_the_headline(
    language: str, heading: str
) -> None:
    lines = WRAPPED[language].splitlines()
    # The text's first line starts a sentence (capitalised): the heading above it is its own.
    text = "\n".join([heading, lines[1][:1].upper() + lines[1][1:], *lines[2:]])
    assert title(text) == heading


# --- any line that states nothing over a headline the text is about


@pytest.mark.parametrize(
    ("language", "top"),
    [
        ("en", "Photo Gallery of the Week: Berg"),  # capitalised throughout, one word in the text
        ("ru", "Железные дороги: фото"),  # three words, one of them in the text
        ("kk", "Күннің үздік фотосы"),
    ],
)
def test_a_line_stating_nothing_loses_to_the_headline_the_text_is_about(language: str, top: str) -> None:
    headline, text = PAGES[language]
    page = "\n".join([top, "", headline, "", text])
    assert title(page) == headline
    assert top not in "\n".join(parse(clean(page)).paragraphs)


@pytest.mark.parametrize(
    ("language", "under"),
    [
        ("en", "Berg says the freight route opens next spring"),
        ("ru", "Министр рассказал о новых маршрутах"),
        ("kk", "Министр жаңа бағыттар туралы айтты"),
    ],
)
def test_a_headline_over_a_standfirst_the_text_is_about_too_stays(language: str, under: str) -> None:
    headline, text = PAGES[language]
    assert title("\n".join([headline, "", under, "", text])) == headline


@pytest.mark.parametrize(
    ("language", "caption"),
    [("en", "Olaf Berg and the ambassador"), ("ru", "Посол и Олаф Берг"), ("kk", "Елші мен Олаф Берг")],
)
def test_a_caption_of_names_does_not_take_the_place_of_a_headline_above_it(
    language: str, caption: str
) -> None:
    headline, text = PAGES[language]
    assert title("\n".join([headline, "", caption, "", text])) == headline


# --- the learned headline choice (bench/train_headline.py)


def test_the_model_file_loads_and_weighs_the_features_the_scorer_computes() -> None:
    model = headline_model()
    assert model is not None
    assert model.features == FEATURES
    assert len(model.weights) == len(model.means) == len(model.scales) == len(FEATURES)
    assert all(s > 0 for s in model.scales)
    # Not consulted as shipped: cross-validated across the parts it did not beat the rules.
    assert model.consulted is False


def model_title(text: str) -> str | None:
    model = headline_model()
    assert model is not None
    token = headline_chooser.set(lambda options, _rules: model.choose(options))
    try:
        return parse(clean(text)).title
    finally:
        headline_chooser.reset(token)


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_model_picks_the_headline_under_the_sites_chrome(language: str) -> None:
    headline, text = PAGES[language]
    page = "\n".join(["Home", "News", "24.05.2024 10:15", headline, "", text])
    assert model_title(page) == headline


@pytest.mark.parametrize("language", ["en", "ru", "kk"])
def test_the_model_picks_no_headline_over_a_text_without_one(language: str) -> None:
    _, text = PAGES[language]
    assert model_title("24.05.2024 10:15\n" + text) is None
