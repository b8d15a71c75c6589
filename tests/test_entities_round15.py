"""Loader round 15, people (tuned on v1–v14): officials and countries named in forms the
general machinery did not read. A military or police rank between a role and its name
(«министрі генерал-лейтенант Name», "Defence Minister Colonel General Name"); a Kazakh page in
the Latin alphabet (2018's acute letters, 2021's) read by the entity stage through a
transliteration to Cyrillic, as a töte page is; a Russian deputy's title glued into one word
(«замгубернатора», «замминистра»); a regnal I after a Russian name is no initial; a word of
time opening an English apposition ("Name, current President of …"); a posting city between
a role and its name ("Consul General in Almaty Name"); `Түркменстан`, a Kazakh spelling of
Turkmenistan. Each with a counterpart that must stay. Invented text."""

from datetime import UTC, datetime
from pathlib import Path

import pytest

from app.entities.extract import extract
from app.loader.discover import read_file
from app.loader.kazakh_latin import read
from app.loader.language import detect_language
from app.loader.pipeline import to_record
from app.loader.store import ArticleRecord
from tests.entity_probes import DAY, countries, discovered, organisations

# --- a rank between the role and the name


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Қорғаныс министрі генерал-лейтенант Берік Саматов Түркияға барды.", "kk", "Берік Саматов"),
        (
            "Қорғаныс министрі авиация генерал-майоры Ерлан Тұрсынов Қытайға барды.",
            "kk",
            "Ерлан Тұрсынов",
        ),
        (
            "Ведомство басшысы генерал-полковник Асқар Нұрланов делегацияны қабылдады.",
            "kk",
            "Асқар Нұрланов",
        ),
        ("Defence Minister Colonel General Aidos Kenzhebek visited Ankara.", "en", "Aidos Kenzhebek"),
        ("The Deputy Minister Rear Admiral Tomas Berg met the delegation.", "en", "Tomas Berg"),
    ],
)
def test_a_rank_between_the_role_and_the_name_is_skipped(text: str, language: str, name: str) -> None:
    assert discovered(text, language) == {name}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Russian read ranks before (natasha's person after the role)
        ("Министр обороны генерал-полковник Асхат Нурланов посетил Анкару.", "ru", {"Асхат Нурланов"}),
        # a rank with no name after it names no one
        ("Министр генерал туралы ештеңе айтпады.", "kk", set()),
        ("The Defence Minister addressed the General Assembly in New York.", "en", set()),
        # a grade alone is no rank: the name is read as before
        ("Defence Minister Aidos Kenzhebek visited Ankara.", "en", {"Aidos Kenzhebek"}),
    ],
)
def test_without_a_rank_the_names_are_read_as_before(text: str, language: str, expected: set[str]) -> None:
    assert discovered(text, language) == expected


# --- Kazakh in the Latin alphabet

LATIN_2018 = "\n\n".join(
    [
        "Qasym-Jomart Toqaev Japonııa elshisimen kezdesti",
        "Astanada Memleket basshysy Qasym-Jomart Toqaev Japonııanyń Qazaqstandaǵy elshisin"
        " qabyldady. Taraptar Shanhaı yntymaqtastyq uıymy aıasyndaǵy yntymaqtastyqty talqylady.",
        "Elshi eki el arasyndaǵy baılanystardy nyǵaıtýǵa usynys bildirdi.",
    ]
)
LATIN_2021 = "\n\n".join(
    [
        "Qasym-Jomart Toqaev Japoniia elşısımen kezdestı",
        "Astanada Memleket basşysy Qasym-Jomart Toqaev Japoniianyñ Qazaqstandağy elşısın"
        " qabyldady. Taraptar Şanhai yntymaqtastyq ūiymy aiasyndağy yntymaqtastyqty talqylady.",
        "Elşı ekı el arasyndağy bailanystardy nyğaituğa ūsynys bıldırdı.",
    ]
)
CYRILLIC_TWIN = "\n\n".join(
    [
        "Қасым-Жомарт Тоқаев Жапония елшісімен кездесті",
        "Астанада Мемлекет басшысы Қасым-Жомарт Тоқаев Жапонияның Қазақстандағы елшісін"
        " қабылдады. Тараптар Шанхай ынтымақтастық ұйымы аясындағы ынтымақтастықты талқылады.",
        "Елші екі ел арасындағы байланыстарды нығайтуға ұсыныс білдірді.",
    ]
)
ENGLISH_PAGE = "\n\n".join(
    [
        "Tokayev meets the Ambassador of Japan",
        "In Astana President Kassym-Jomart Tokayev received the Ambassador of Japan to Kazakhstan."
        " The sides discussed cooperation within the Shanghai Cooperation Organisation, café owners"
        " and José's señor colleagues said, quoting Erdoğan.",
    ]
)


def record(tmp_path: Path, text: str) -> ArticleRecord:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return to_record(read_file(path, 10**7), datetime.now(UTC))


def found(rec: ArticleRecord) -> tuple[list[str], list[str], list[str]]:
    leaders = sorted(link.slug for link in rec.entities.leaders)
    return leaders, sorted(rec.entities.countries), sorted(rec.entities.organisations)


def test_kazakh_latin_of_2018_is_read_as_its_cyrillic_twin() -> None:
    assert read(LATIN_2018).text == CYRILLIC_TWIN


def test_kazakh_latin_of_2021_is_read_as_its_cyrillic_twin() -> None:
    assert read(LATIN_2021).text == CYRILLIC_TWIN


def test_a_capital_i_of_2018_reads_by_the_vowel_after_it() -> None:
    assert read("Iranmen Ishki Indııa Italııa").text == "Иранмен Ішкі Индия Италия"


def test_a_kazakh_latin_text_with_the_acute_letters_is_kazakh() -> None:
    text = "Elbasynyń alǵashqy sheteldik sapary jasalǵan edi. Búgin ol úlken kásiporyndarda boldy."
    assert detect_language(text).code == "kk"


@pytest.mark.parametrize("page", [LATIN_2018, LATIN_2021])
def test_a_kazakh_latin_page_gives_the_entities_its_cyrillic_twin_gives(tmp_path: Path, page: str) -> None:
    twin = found(record(tmp_path, CYRILLIC_TWIN))
    assert twin == (["kassym-jomart-tokayev"], ["JP", "KZ"], ["SCO"])
    assert found(record(tmp_path, page)) == twin


def test_an_entity_read_in_kazakh_latin_points_into_the_text_as_written(tmp_path: Path) -> None:
    rec = record(tmp_path, LATIN_2018)
    texts = {"title": rec.article.display_title, "body": rec.article.body}
    leader = [m for m in rec.entities.mentions if m.entity_type == "leader"]
    assert leader
    for mention in leader:
        written = texts[mention.field][mention.start : mention.end]
        assert written == "Qasym-Jomart Toqaev"
        assert mention.surface == "Qasym-Jomart Toqaev (Kazakh Latin, read as Қасым-Жомарт Тоқаев)"
    assert rec.article.body.startswith("Astanada")  # the record keeps the text as written


@pytest.mark.parametrize("page", [ENGLISH_PAGE, CYRILLIC_TWIN])
def test_english_and_cyrillic_pages_are_read_as_before(tmp_path: Path, page: str) -> None:
    rec = record(tmp_path, page)
    assert rec.article.language == ("en" if page is ENGLISH_PAGE else "kk")
    assert not any("Kazakh Latin" in m.surface for m in rec.entities.mentions)
    assert "kassym-jomart-tokayev" in found(rec)[0]


# --- a Russian deputy's title in one word


def test_a_deputy_governor_in_one_word_introduces_a_name() -> None:
    text = "Накануне первый замгубернатора Омской области Игорь Савельев провел встречу с послом."
    assert discovered(text, "ru") == {"Игорь Савельев"}


def test_a_deputy_minister_in_one_word_is_no_minister() -> None:
    text = "Замминистра иностранных дел Казахстана Арман Досжанов провел консультации в Берлине."
    found_ = extract("", [text], "ru", DAY).leaders
    assert [(link.name, link.in_register) for link in found_] == [("Арман Досжанов", False)]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Гости осмотрели старинный замок, а заметки о поездке вышли в газете.", "ru", set()),
        ("Заместитель губернатора Омской области Игорь Савельев провел встречу.", "ru", {"Игорь Савельев"}),
        ("Deputy Governor of Omsk Region Igor Savelyev met the ambassador.", "en", {"Igor Savelyev"}),
        ("Облыс әкімінің орынбасары Игорь Савельев елшімен кездесті.", "kk", {"Игорь Савельев"}),
    ],
)
def test_words_that_start_like_a_deputy_and_the_long_forms_stay(
    text: str, language: str, expected: set[str]
) -> None:
    assert discovered(text, language) == expected


# --- a regnal number after a Russian name; Spain's kings in the register


@pytest.mark.parametrize(
    ("text", "language", "slug"),
    [
        (
            "Нурсултан Назарбаев встретился с королем Испании Хуаном Карлосом I в Мадриде.",
            "ru",
            "juan-carlos-i",
        ),
        ("The President met King Felipe VI in Madrid.", "en", "felipe-vi"),
        ("Президент Испания Королі Фелипе VI-мен кездесті.", "kk", "felipe-vi"),
    ],
)
def test_spains_kings_are_in_the_register(text: str, language: str, slug: str) -> None:
    assert slug in {link.slug for link in extract("", [text], language, DAY).leaders if link.in_register}


def test_a_regnal_one_after_a_russian_name_is_no_initial() -> None:
    text = "Президент встретился с королем Швеции Густавом Адольфом I, которого наградил орденом."
    assert discovered(text, "ru") == {"Густав Адольф I"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Президент встретился с послом Японии В. Ивановым в Астане.", "ru", {"В. Иванов"}),
        ("The President met King Gustav Adolf I of Sweden in Stockholm.", "en", {"Gustav Adolf I"}),
        ("Президент Швеция королі Густав Адольф I-мен кездесті.", "kk", {"Густав Адольф I"}),
    ],
)
def test_initials_and_other_languages_regnal_numbers_stay(
    text: str, language: str, expected: set[str]
) -> None:
    assert discovered(text, language) == expected


# --- a word of time opening an English apposition


@pytest.mark.parametrize(
    "text",
    [
        "The minister met Pieter Van Damme, current President of the European Council, which met in May.",
        "The minister met Pieter Van Damme, the then Foreign Minister of Belgium, in Brussels.",
        "The minister met Pieter Van Damme, incumbent Prime Minister of Belgium, in Brussels.",
    ],
)
def test_a_word_of_time_may_open_the_role_after_a_name(text: str) -> None:
    assert discovered(text, "en") == {"Pieter Van Damme"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("According to Western Diplomats, current Foreign Minister said nothing.", "en"),
        ("In Brussels, the current President said nothing.", "en"),
        ("Министр встретился с Питером Ван Даммом, нынешним председателем совета.", "ru"),
        ("Министр Питер Ван Даммен қазіргі төрағамен кездесті.", "kk"),
    ],
)
def test_a_word_of_time_after_other_words_names_no_one(text: str, language: str) -> None:
    assert "Питер Ван Даммен" not in discovered(text, language)
    if language == "en":
        assert discovered(text, language) == set()


# --- a posting city between the role and the name


def test_a_posting_city_between_the_role_and_the_name_is_skipped() -> None:
    text = "The U.S. Consul General in Almaty Eric Walden discussed cooperation with the akim."
    assert discovered(text, "en") == {"Eric Walden"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("The Ambassador in Astana said nothing new.", "en", set()),
        ("Генеральный консул США в Алматы Эрик Уолден выступил.", "ru", {"Эрик Уолден"}),
        ("АҚШ-тың Алматыдағы бас консулы Эрик Мортон сөз сөйледі.", "kk", {"Эрик Мортон"}),
    ],
)
def test_postings_read_before_stay(text: str, language: str, expected: set[str]) -> None:
    assert discovered(text, language) == expected


# --- Түркменстан


def test_turkmenstan_is_turkmenistan_in_kazakh() -> None:
    assert countries("Біз Түркменстан басшысымен кездестік.", "kk") == {"TM"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Делегация Түрікменстанға сапармен барды.", "kk"),
        # a case form one letter off Түркіменстан was read before (round 14's misspelling rule)
        ("Делегация Түркменстанға сапармен барды.", "kk"),
        ("Делегация посетила Туркменистан.", "ru"),
        ("The delegation visited Turkmenistan.", "en"),
    ],
)
def test_the_other_spellings_of_turkmenistan_stay(text: str, language: str) -> None:
    assert countries(text, language) == {"TM"}
    assert organisations(text, language) == set()


# --- the EAEU's supreme council with its first word in lower case


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Президент прибыл на заседание высшего Евразийского экономического совета в Минске.", "ru"),
        ("Президент жоғары Еуразиялық экономикалық кеңестің отырысына қатысты.", "kk"),
    ],
)
def test_the_supreme_council_in_lower_case_is_the_eaeu(text: str, language: str) -> None:
    assert organisations(text, language) == {"EAEU"}


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        ("Президент прибыл на заседание Высшего Евразийского экономического совета.", "ru", {"EAEU"}),
        ("The President attended the Supreme Eurasian Economic Council in Minsk.", "en", {"EAEU"}),
        # a council's name in lower case throughout is no proper name
        ("Эксперты обсудили, нужен ли высший евразийский экономический совет.", "ru", set()),
    ],
)
def test_the_supreme_council_as_before(text: str, language: str, expected: set[str]) -> None:
    assert organisations(text, language) == expected
