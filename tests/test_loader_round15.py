"""Round 15 of issue 11, tuned on v1–v14: boilerplate, body lines, dates and outlets by kind,
each from evidence that holds on any page. A hard-wrapped text whose first line the margin
broke mid-sentence; the rest of a removed line that the page broke in two; the headline
printed again with its rubric glued before it; the text printed once as one line and again in
paragraphs; the next story of a list under a stamp shaped like the page's own; an English
dateline whose agency in brackets is followed by a colon; a date after a reporting verb is no
outlet. Each rule with a counterpart that must stay as it is. Invented text."""

import pytest

from app.loader.clean import clean
from app.loader.parse import parse
from tests.loader_texts import EN_BODY, EN_HEADLINE, KK_BODY, KK_HEADLINE, RU_BODY, RU_HEADLINE

PAGES = {"en": (EN_HEADLINE, EN_BODY), "ru": (RU_HEADLINE, RU_BODY), "kk": (KK_HEADLINE, KK_BODY)}


def kept(text: str) -> list[str]:
    return [line.text for line in clean(text).lines if line.text]


def removed(text: str) -> list[str]:
    return [line.text for line in clean(text).removed]


# --- a hard-wrapped text whose first line the margin broke mid-sentence

WRAPPED_OPENERS = {
    "en": (
        "In recent years, Kazakhstan and\n"
        "Malaysia have made steady progress in trade and transport, building a legal\n"
        "framework and launching a number of joint projects. This was said by the\n"
        "Foreign Minister during a meeting with the Ambassador of Malaysia in\n"
        "Astana. The parties also discussed flights, tourism and the next round of\n"
        "consultations between the two ministries.\n"
    ),
    "ru": (
        "Президент Казахстана провел\n"
        "телефонный разговор с премьер-министром Малайзии. Стороны обсудили\n"
        "торговлю, транспорт и подготовку визита премьер-министра Малайзии, а также\n"
        "график контактов на высшем и высоком уровнях. Министры договорились\n"
        "провести следующий раунд консультаций в Астане до конца года.\n"
    ),
    "kk": (
        "Министр Малайзия елшісімен және\n"
        "сауда өкілдерімен кездесіп, екі ел арасындағы сауда мен көлік байланыстарын\n"
        "талқылады. Тараптар Малайзия Премьер-министрінің сапарын әзірлеу және\n"
        "жоғары деңгейдегі байланыстар кестесі туралы пікір алмасты. Келесі\n"
        "кеңесулер жыл соңына дейін Астанада өтеді.\n"
    ),
}


@pytest.mark.parametrize("language", sorted(WRAPPED_OPENERS))
def test_a_wrapped_first_line_broken_mid_sentence_opens_the_text(language: str) -> None:
    text = WRAPPED_OPENERS[language]
    opener, following = text.splitlines()[:2]
    parsed = parse(clean(text))
    assert parsed.title is None
    assert f"{opener} {following}" in parsed.body


def test_a_short_heading_over_a_wrapped_text_stays_the_headline() -> None:
    text = (
        "Joint statement\n"
        "The Foreign Ministers of Kazakhstan and Malaysia met today in Astana and\n"
        "discussed trade, transport and the schedule of contacts at the highest\n"
        "levels. The parties agreed to hold the next round of consultations in\n"
        "Kuala Lumpur before the end of the year and to open a direct flight.\n"
    )
    assert parse(clean(text)).title == "Joint statement"


# --- the rest of a removed line that the page broke in two

CALLS = {
    "en": ("Subscribe to our", "Telegram channel", "and read the news first!"),
    "ru": ("Подпишитесь на наш", "Telegram-канал", "и узнавайте новости первыми!"),
    "kk": ("Біздің", "Telegram-арнамызға жазылыңыз", "және жаңалықтарды бірінші біліңіз!"),
}


@pytest.mark.parametrize("language", sorted(CALLS))
def test_the_rest_of_a_broken_call_goes_with_it(language: str) -> None:
    headline, body = PAGES[language]
    text = "\n".join([headline, *CALLS[language], "", body])
    assert CALLS[language][2] in removed(text)
    assert body.split("\n")[0] in kept(text)


@pytest.mark.parametrize(
    ("language", "start", "rest"),
    [
        ("en", "Berg said after the talks that", "the rail links would double trade within five years."),
        ("ru", "Министр отметил после переговоров, что", "маршруты удвоят торговлю за пять лет."),
        ("kk", "Министр келіссөзден кейін", "бұл бағыттар бес жылда сауданы екі есе арттыратынын айтты."),
    ],
)
def test_a_line_in_small_letters_under_a_kept_line_stays_text(language: str, start: str, rest: str) -> None:
    headline, body = PAGES[language]
    text = "\n".join([headline, "", body.split("\n")[0], "", start, rest])
    assert rest in kept(text)


# --- the headline printed again with its rubric glued before it

RUBRICS = {"en": "Politics and DiplomacyAmbassador", "ru": "ПолитикаПосол", "kk": "Саясат | Елші"}


@pytest.mark.parametrize("language", sorted(RUBRICS))
def test_the_headline_again_with_its_rubric_glued_on_is_removed(language: str) -> None:
    headline, body = PAGES[language]
    first_word = headline.split()[0]
    rubric_line = RUBRICS[language] + headline[len(first_word) :]
    if "|" in rubric_line:
        rubric_line = RUBRICS[language].replace(first_word, "") + headline
    text = "\n".join([headline, "", rubric_line, "", body])
    assert rubric_line in removed(text)
    assert parse(clean(text)).title == headline


@pytest.mark.parametrize(
    ("language", "sentence"),
    [
        (
            "en",
            "Officials in both capitals said on Monday that the talks went well and that the {headline}",
        ),
        ("ru", "Как сообщили в обоих министерствах после встречи в понедельник, {headline}"),
        ("kk", "Екі министрлік дүйсенбі күнгі кездесуден кейін хабарлағандай, {headline}"),
    ],
)
def test_a_sentence_ending_on_the_headline_words_stays_text(language: str, sentence: str) -> None:
    headline, body = PAGES[language]
    line = sentence.format(headline=headline[:1].lower() + headline[1:]) + "."
    text = "\n".join([headline, "", body.split("\n")[0], "", line, "", body.split("\n")[-2]])
    assert line in kept(text)


# --- the text printed once as one line, then again in paragraphs

PARAGRAPHS = {
    "en": [
        "Kazakhstan's Foreign Minister met the Ambassador of Malaysia in Astana, the ministry reports.",
        "The parties discussed trade and transport links and the schedule of visits at the highest level.",
        "They agreed to hold the next round of consultations in Kuala Lumpur before the end of the year.",
    ],
    "ru": [
        "Министр иностранных дел Казахстана встретился с послом Малайзии в Астане, сообщает министерство.",
        "Стороны обсудили торговые и транспортные связи, а также график визитов на высшем уровне.",
        "Следующий раунд консультаций договорились провести в Куала-Лумпуре до конца года.",
    ],
    "kk": [
        "Қазақстан Сыртқы істер министрі Астанада Малайзия елшісімен кездесті, деп хабарлайды министрлік.",
        "Тараптар сауда және көлік байланыстарын, жоғары деңгейдегі сапарлар кестесін талқылады.",
        "Келесі кеңесулерді жыл соңына дейін Куала-Лумпурда өткізуге келісті.",
    ],
}


@pytest.mark.parametrize("language", sorted(PARAGRAPHS))
def test_the_text_joined_on_one_line_above_its_paragraphs_is_removed(language: str) -> None:
    paragraphs = PARAGRAPHS[language]
    joined = " ".join(paragraphs)
    text = "\n".join([joined, *paragraphs])
    assert removed(text) == [joined]
    assert kept(text) == paragraphs


@pytest.mark.parametrize("language", sorted(PARAGRAPHS))
def test_a_standfirst_that_opens_like_the_text_stays(language: str) -> None:
    paragraphs = PARAGRAPHS[language]
    standfirst = f"{paragraphs[0]} {paragraphs[2]}"  # the first and third, not the text joined
    text = "\n".join([standfirst, *paragraphs])
    assert standfirst in kept(text)


# --- the next story of a list under a stamp shaped like the page's own

NEXT_STORY = {
    "en": ("Kazakhstan and Chile discuss copper trade", "Kazakhstan's Ambassador met the Minister of Mines."),
    "ru": (
        "Казахстан и Чили обсудили торговлю медью",
        "Посол Казахстана встретился с министром горной промышленности.",
    ),
    "kk": ("Қазақстан мен Чили мыс саудасын талқылады", "Қазақстан елшісі тау-кен министрімен кездесті."),
}


@pytest.mark.parametrize("language", sorted(NEXT_STORY))
def test_a_story_under_a_stamp_like_the_pages_own_is_another_story(language: str) -> None:
    headline, body = PAGES[language]
    other_headline, other_lead = NEXT_STORY[language]
    text = "\n".join(
        ["12.08.2024, 22:06 4036", headline, body, "14.08.2024, 20:23 3576", other_headline, other_lead]
    )
    lines = kept(text)
    assert other_headline not in lines
    assert other_lead not in lines
    assert body.split("\n")[-2] in lines


@pytest.mark.parametrize("language", sorted(NEXT_STORY))
def test_the_pages_stamp_printed_twice_over_its_text_leaves_the_text(language: str) -> None:
    headline, body = PAGES[language]
    first, last = body.split("\n")[0], body.split("\n")[-2]
    text = "\n".join([headline, "12.08.2024, 22:06", first, "12.08.2024, 22:06", last])
    assert last in kept(text)


# --- an English dateline whose agency in brackets is followed by a colon


@pytest.mark.parametrize(
    "lead",
    [
        "ISLAMABAD, Dec 09 (NNI): A delegation of Kazakhstan will reach Islamabad on Sunday.",
        "ISLAMABAD, December 9 (APP): A delegation of Kazakhstan will reach Islamabad on Sunday.",
    ],
)
def test_a_dateline_with_a_colon_after_its_agency_dates_the_text(lead: str) -> None:
    parsed = parse(clean(f"{lead}\nThe visit will last three days.\n"))
    assert (parsed.date.month, parsed.date.day) == (12, 9)
    assert parsed.date.year is None or parsed.date.inferred


def test_a_place_and_agency_with_a_colon_and_no_date_dates_nothing() -> None:
    parsed = parse(
        clean("DUSHANBE (APP): Prime Minister met President of Kazakhstan.\nThey discussed trade.\n")
    )
    assert parsed.date.value is None and parsed.date.day is None


# --- a date after a reporting verb is no outlet


@pytest.mark.parametrize(
    ("language", "lead"),
    [
        (
            "ru",
            "Посол Казахстана посетит Минск осенью, сообщил 26 июня на пресс-конференции посол, "
            "передает ИнфоБаза.",
        ),
        ("kk", "Елші күзде Минскіге барады, деп хабарлады 26 маусымда елші баспасөз мәслихатында."),
    ],
)
def test_a_date_after_a_reporting_verb_is_no_outlet(language: str, lead: str) -> None:
    parsed = parse(clean(f"{lead}\n{PAGES[language][1]}"))
    assert parsed.outlet is None or not parsed.outlet[:1].isdigit()


def test_a_domain_opening_with_a_digit_after_a_reporting_verb_is_the_outlet() -> None:
    lead = "Посол Казахстана посетил Ереван, сообщает 1lurer.am."
    assert parse(clean(f"{lead}\n{RU_BODY}")).outlet == "1lurer.am"


# --- the bench: the record's lead is its body's first paragraph, counted once


def test_the_bench_counts_the_lead_once_when_the_body_starts_with_it() -> None:
    from bench.accuracy import shown_text

    lead = "The ministers met in Astana."
    body = f"{lead}\n\nThey discussed trade."
    assert shown_text(lead, body).splitlines().count(lead) == 1


def test_the_bench_keeps_a_lead_the_body_does_not_start_with() -> None:
    from bench.accuracy import shown_text

    assert shown_text("A standfirst.", "The text.").splitlines() == ["A standfirst.", "The text."]


# --- a bound word set apart from the date by a comma speaks of the day itself


@pytest.mark.parametrize(
    "line",
    [
        "Накануне, 29 ноября, министр провел рабочую встречу с послом Малайзии в Астане.",
        "Накануне – 29 ноября – министр провел рабочую встречу с послом Малайзии в Астане.",
    ],
)
def test_a_bound_word_set_apart_by_a_comma_leaves_the_date_its_event(line: str) -> None:
    text = "\n".join(["Стороны обсудили торговлю", line, "Министр отметил, что маршруты удвоят торговлю."])
    parsed = parse(clean(text))
    assert (parsed.date.month, parsed.date.day) == (11, 29)
    assert parsed.date.year is None or parsed.date.inferred


@pytest.mark.parametrize(
    "line",
    [
        "Накануне 29 ноября министр провел рабочую встречу с послом Малайзии в Астане.",
        "The minister met the Ambassador of Malaysia in Astana before November 29.",
        "Министр 29 қарашадан бастап Малайзия елшісімен кездесулер өткізді.",
    ],
)
def test_a_bound_word_right_before_the_date_still_bounds_it(line: str) -> None:
    parsed = parse(clean(f"{line}\nThe talks went on.\n"))
    assert parsed.date.day is None


# --- a site's header naming it an institution's official site


@pytest.mark.parametrize(
    ("language", "header", "outlet"),
    [
        ("en", "Official website of the President of Latvia", "President of Latvia"),
        (
            "ru",
            "Официальный сайт Министерства иностранных дел Латвии",
            "Официальный сайт Министерства иностранных дел Латвии",
        ),
        ("kk", "Латвия Сыртқы істер министрлігінің ресми сайты", "Латвия Сыртқы істер министрлігі"),
    ],
)
def test_an_official_site_header_names_the_publisher(language: str, header: str, outlet: str) -> None:
    headline, body = PAGES[language]
    assert (
        parse(clean("\n".join(["Version for the visually impaired", header, "", headline, "", body]))).outlet
        == outlet
    )


@pytest.mark.parametrize(
    ("language", "line"),
    [
        ("en", "The official website of the President of Latvia said the talks went well and would go on."),
        ("ru", "Об этом сообщает официальный сайт Министерства иностранных дел Латвии."),
        ("kk", "Бұл туралы Латвия Сыртқы істер министрлігінің ресми сайты хабарлады."),
    ],
)
def test_an_official_site_cited_in_the_text_is_no_publisher(language: str, line: str) -> None:
    headline, body = PAGES[language]
    assert parse(clean("\n".join([headline, "", body, line]))).outlet is None
