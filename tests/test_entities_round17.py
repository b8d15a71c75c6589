"""Loader round 17, people (tuned on v1–v16): forms the general machinery did not read. In
töte, a Russian surname's -ев after a vowel written with ي (`نازاربايەۆ`, read Назарбайев,
no register name); in Kazakh Latin, the 2021 letters ğ and ñ written ǧ and ŋ
(`Moŋǧoliia`); the last item of a list of names after `and`, «и», «және» (it was dropped: the
conjunction is a token of its own); the Pope, head of the Holy See, whom the register lacked
(`Рим Папасы Франциск`, `Папа Римский Франциск`, Pope Francis), his title a role and the
Holy See's. Each with a counterpart that must stay. Invented text."""

import datetime as dt

import pytest

from app.entities.extract import extract
from app.loader import kazakh_latin, tote
from tests.entity_probes import countries, discovered, organisations

# --- töte: -йев after a vowel is the Cyrillic -ев


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("نۇرسۇلتان نازاربايەۆپەن", "Нұрсұлтан Назарбаевпен"),
        ("ميرزيايەۆ", "Мирзияев"),
        ("نازاربايەۆتىڭ", "Назарбаевтың"),
    ],
)
def test_a_tote_surname_in_yev_is_read_as_cyrillic_writes_it(text: str, reading: str) -> None:
    assert tote.read(text).text == reading


def test_a_tote_surname_in_yev_names_the_register_person() -> None:
    found = tote.read_entities("", ["گەرمانيا كانتسلەرى نۇرسۇلتان نازاربايەۆپەن كەزدەسكەن ەكەن."], "kk", None)
    assert "nursultan-nazarbayev" in {link.slug for link in found.leaders}


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        # a native word with й before е keeps it (сүйену, to lean on); й before a vowel
        ("سۇيەنەدى", "Сүйенеді"),
        ("ايەل", "Әйел"),
    ],
)
def test_other_tote_yeh_stays(text: str, reading: str) -> None:
    assert tote.read(text).text == reading


# --- Kazakh Latin: ǧ and ŋ are the 2021 ğ and ñ

LATIN_PAGE = (
    "Moŋǧoliianyŋ astanasynda qazaqtardyŋ jiyny ötıp jatyr. «Otandastar qorynyŋ» prezidentı "
    "Abzal Saparbekūly Moŋǧoliiadaǧy qandastarymyzben kezdestı."
)


def test_kazakh_latin_with_caron_g_and_eng_names_the_country() -> None:
    found = kazakh_latin.read_entities("", [LATIN_PAGE], "kk", None)
    assert "MN" in found.countries


def test_kazakh_latin_with_caron_g_and_eng_ends_a_name_at_its_place() -> None:
    found = kazakh_latin.read_entities("", [LATIN_PAGE], "kk", None)
    assert "Абзал Сапарбекұлы" in {link.name for link in found.leaders}


def test_kazakh_latin_in_2021_letters_stays() -> None:
    found = kazakh_latin.read_entities(
        "", ["Moñğoliianyñ astanasynda qazaqtardyñ jiyny ötıp jatyr. Būl jiynǧa köp adam keldı."], "kk", None
    )
    assert "MN" in found.countries


# --- the last item of a list of names after a conjunction


@pytest.mark.parametrize(
    ("text", "language", "names"),
    [
        (
            "He met with members of the House – Jimmy Panetta, Carol Miller and Bill Huizenga.",
            "en",
            {"Jimmy Panetta", "Carol Miller", "Bill Huizenga"},
        ),
        # Russian lists read natasha's people and took «и» already (a counterpart)
        (
            "Вопрос обсудили с рядом депутатов: Людмилой Хачиевой, Валиханом Конырбаевым и Иваном Петровым.",
            "ru",
            {"Людмила Хачиева", "Валихан Конырбаев", "Иван Петров"},
        ),
        (
            "Мәжіліс депутаттары Үнзила Шапақ, Нұргүл Тау және Жарқынбек Амантай елге оралды.",
            "kk",
            {"Үнзила Шапақ", "Нұргүл Тау", "Жарқынбек Амантай"},
        ),
    ],
)
def test_the_last_item_after_a_conjunction_is_in_the_list(text: str, language: str, names: set[str]) -> None:
    assert names <= discovered(text, language)


@pytest.mark.parametrize(
    ("text", "language", "absent"),
    [
        # after the list, a conjunction and a word that opens no name end it
        ("He met members of the House – Jimmy Panetta, Carol Miller and the press.", "en", "the press"),
        ("Мәжіліс депутаттары Үнзила Шапақ, Нұргүл Тау және басқалар келді.", "kk", "басқалар"),
    ],
)
def test_a_conjunction_before_no_name_adds_no_one(text: str, language: str, absent: str) -> None:
    found = discovered(text, language)
    assert len(found) == 2
    assert not any(absent in name for name in found)


# --- the Pope


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("«Алғысымды білдіремін», – деді Рим Папасы Франциск.", "kk"),
        ("Папа Римский Франциск встретился с гостями в Астане.", "ru"),
        ("Pope Francis met the guests in Astana.", "en"),
    ],
)
def test_the_pope_is_a_register_person(text: str, language: str) -> None:
    found = extract("", [text], language, dt.date(2022, 9, 13))
    assert "pope-francis" in {link.slug for link in found.leaders if link.in_register}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Рим Папасы биыл елімізге келеді деп күтілуде.", "kk"),
        ("Визит Папы Римского совпал с юбилеем.", "ru"),
        ("The Pope arrived in the capital on Tuesday.", "en"),
    ],
)
def test_the_popes_title_names_the_holy_see_and_its_holder(text: str, language: str) -> None:
    found = extract("", [text], language, dt.date(2010, 5, 5))
    assert "VA" in found.countries
    assert "pope-benedict-xvi" in {link.slug for link in found.leaders}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # another Francis is neither the Pope nor the Holy See
        ("Франциск Скорина туралы кітап шықты.", "kk"),
        ("Книгу о Франциске Скорине представили в Минске.", "ru"),
        ("Francis Fukuyama spoke at the forum.", "en"),
    ],
)
def test_another_francis_is_not_the_pope(text: str, language: str) -> None:
    found = extract("", [text], language, dt.date(2022, 9, 13))
    assert not any(link.slug.startswith("pope-") for link in found.leaders)
    assert "VA" not in countries(text, language)


# --- earlier heads of state and government of the main partners


@pytest.mark.parametrize(
    ("text", "language", "day", "slug"),
    [
        ("US President George W Bush received his guest in the Oval Office.", "en", None, "george-w-bush"),
        ("Президент Франции принял гостя в Елисейском дворце.", "ru", dt.date(2010, 6, 1), "nicolas-sarkozy"),
        ("1993 жылы Франсуа Миттеран елімізге келді.", "kk", None, "francois-mitterrand"),
        ("Президент Луис Инасиу Лула да Силваға жеделхат жолдады.", "kk", None, "lula-da-silva"),
        ("Федеральный канцлер Германии Герхард Шрёдер прибыл в Астану.", "ru", None, "gerhard-schroeder"),
    ],
)
def test_an_earlier_head_of_a_main_partner_is_a_register_person(
    text: str, language: str, day: dt.date | None, slug: str
) -> None:
    assert slug in {link.slug for link in extract("", [text], language, day).leaders if link.in_register}


def test_a_tatar_head_stays_himself() -> None:
    """The Tatar title «Райсы» (head) is no case form of a register surname: Rice is left
    out of the register for it."""
    assert "Рустам Минниханов" in discovered("Татарстан Райсы Рустам Минниханов құттықтау жолдады.", "kk")


# --- a US cabinet secretary is a minister by another name


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("US Energy Secretary Samuel Bodman said the agreement was a good example.", "Samuel Bodman"),
        ("Secretary of Defense Robert Gates arrived in Astana on Monday.", "Robert Gates"),
    ],
)
def test_a_cabinet_secretary_names_the_person_after_the_title(text: str, name: str) -> None:
    assert name in discovered(text, "en")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        # the title alone names no one; Russian and Kazakh say «министр» (read already)
        ("The Energy Secretary said the agreement was a good example.", "en"),
        ("Министр энергетики США Сэмюэл Бодман заявил, что соглашение важно.", "ru"),
        ("АҚШ энергетика министрі Сэмюэл Бодман келісімді жоғары бағалады.", "kk"),
    ],
)
def test_a_secretary_title_alone_or_a_minister_stays(text: str, language: str) -> None:
    found = discovered(text, language)
    assert found == (set() if language == "en" else {"Сэмюэл Бодман"})


# --- a Kazakh organisation's name with the place's noun for its adjective


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Екі ел арасындағы, соның ішінде Еуразия экономикалық одағы аясындағы байланыстар нығаяды.", "EAEU"),
        ("Еуразия экономикалық комиссиясының алқа мүшесі сөз сөйледі.", "EEC"),
        ("Министр Еуропа Комиссиясының өкілдерімен кездесті.", "EC"),
    ],
)
def test_a_kazakh_organisation_named_with_the_places_noun(text: str, code: str) -> None:
    assert code in organisations(text, "kk")


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # the adjective's form and the other languages stay; a place's noun alone is no union
        ("Еуразиялық экономикалық одақ елдері жиналды.", "kk", {"EAEU"}),
        ("Еуразия құрлығындағы экономикалық байланыстар туралы айтылды.", "kk", set()),
        ("Страны Евразийского экономического союза собрались в Минске.", "ru", {"EAEU"}),
        ("Members of the Eurasian Economic Union met in Minsk.", "en", {"EAEU"}),
    ],
)
def test_other_organisation_names_stay(text: str, language: str, expected: set[str]) -> None:
    assert organisations(text, language) == expected
