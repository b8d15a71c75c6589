"""Officials named with a role word (ministers, ambassadors, consuls, governors, akims) in
invented sentences that reproduce the kinds missed or garbled on real pages: a name glued
to the place or the words after it, a role word the lists lacked, a name in apposition."""

import datetime as dt

import pytest

from app.entities.extract import extract
from tests.entity_probes import discovered

DAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Павлодар облысының әкімі Серікбай Тоқтаров Жаңа Жыл мерекесін құттықтады.", "Серікбай Тоқтаров"),
        ("Омбы облысының губернаторы Семён Лаптев Солтүстік Қазақстан облысына келді.", "Семён Лаптев"),
        ("Әкім Айгүл Мұқанова Құрметті Консулдықтың ашылуына қатысты.", "Айгүл Мұқанова"),
        ("Елші Бақыт Жандосовпен Астанада кездесті.", "Бақыт Жандосов"),
    ],
)
def test_a_kazakh_name_ends_at_its_surname(text: str, name: str) -> None:
    assert discovered(text, "kk") == {name}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Делегацию принял посол Казахстана в Париже Гульнар Сейтова.", "ru", "Гульнар Сейтова"),
        (
            "Встреча с генеральным консулом Польши Анджеем Ковальским прошла в мэрии.",
            "ru",
            "Анджей Ковальский",
        ),
        ("Ресейдің Ақтаудағы бас консулы Игорь Семенов кездесуге қатысты.", "kk", "Игорь Семенов"),
        ("Consul General of Turkey Ahmet Yildiz opened the centre.", "en", "Ahmet Yildiz"),
    ],
)
def test_ambassadors_and_consuls_are_named_officials(text: str, language: str, name: str) -> None:
    assert discovered(text, language) == {name}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Визит прошёл по приглашению Президента Республики Гана Джона Драмани Махамы.",
            "Джон Драмани Махама",
        ),
        ("Министр встретился с послом Индонезии Бамбангом Сетиаваном Нугрохой.", "Бамбанг Сетиаван Нугроха"),
    ],
)
def test_a_foreign_name_in_an_oblique_case_is_brought_to_the_nominative(text: str, name: str) -> None:
    assert discovered(text, "ru") == {name}


def test_an_official_named_in_apposition_after_the_country() -> None:
    text = (
        "Credentials were presented by the Ambassador of Chile, Pedro Luis Arancibia; "
        "the Ambassador of the Netherlands, Anna van Dijk; and the Consul General of Peru, Rosa Quispe."
    )
    assert discovered(text, "en") == {"Pedro Luis Arancibia", "Anna van Dijk", "Rosa Quispe"}


@pytest.mark.parametrize(
    "text",
    [
        "The Ambassador of Chile, Santiago Regional Office said, will visit.",
        "The Minister of Foreign Affairs of Kazakhstan, Astana hosted the talks.",
    ],
)
def test_no_official_from_a_phrase_after_the_comma(text: str) -> None:
    assert discovered(text, "en") == set()


def test_a_russian_surname_keeps_its_gender_in_the_nominative() -> None:
    text = "В ходе встречи с губернатором Тюменской области Павлом Шумковым обсудили транзит."
    assert discovered(text, "ru") == {"Павел Шумков"}


def test_the_and_also_of_a_kazakh_text_is_no_role() -> None:
    text = "Кездесуге Ұлы Магистр келді, сондай-ақ Ұлы Канцлері Марко Россини де қатысты."
    assert discovered(text, "kk") == {"Марко Россини"}


def test_a_chairwoman_is_named_in_kazakh() -> None:
    text = "Сейм төрайымы Гульнара Бекова делегацияны қабылдады."
    assert discovered(text, "kk") == {"Гульнара Бекова"}


def test_a_given_name_sharing_a_short_stem_with_a_register_surname_is_not_that_leader() -> None:
    text = "Армения Ұлттық Ассамблеясының төрағасы Ален Погосянмен кездесті."
    found = {link.name: link.in_register for link in extract("", [text], "kk", DAY).leaders}
    assert found == {"Ален Погосян": False}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Президент Узбекистана Шавкат Мирзияев прибыл в Астану.", "ru"),
        ("Өзбекстан Президенті Шавкат Мирзияев Астанаға келді.", "kk"),
    ],
)
def test_another_transliteration_of_a_register_name_is_that_person(text: str, language: str) -> None:
    found = {link.slug: link.in_register for link in extract("", [text], language, DAY).leaders}
    assert found == {"shavkat-mirziyoyev": True}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("БҰҰ Бас хатшысының Ауғанстан бойынша Арнайы өкілі Марк Дюбуамен кездесті.", "kk", "Марк Дюбуа"),
        ("Агенттіктің бұрынғы басшысы Дидье Лоранмен кездесті.", "kk", "Дидье Лоран"),
        ("Башқұртстан Райсы Айдар Хабиров те құттықтады.", "kk", "Айдар Хабиров"),
        ("She met the Special Envoy for Regional Policy Maria Jensen in Astana.", "en", "Maria Jensen"),
    ],
)
def test_envoys_and_heads_of_offices_are_named_officials(text: str, language: str, name: str) -> None:
    assert discovered(text, language) == {name}


def test_an_office_of_several_words_goes_on_before_the_name() -> None:
    text = (
        "He met the Minister of Science and Higher Education Nurlan Abenov"
        " and the Adviser for External Affairs Dana Sarsen."
    )
    assert discovered(text, "en") == {"Nurlan Abenov", "Dana Sarsen"}


def test_a_common_word_is_no_register_surname_in_english() -> None:
    text = "The Special Representative for International Cooperation Daniyar Kassym arrived."
    assert discovered(text, "en") == {"Daniyar Kassym"}


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        ("Облыс әкімі Серік Көшербаевпен кездесті.", "kk", "Серік Көшербаев"),
        ("The Ambassador of Pakistan Tariq Aziz Khan presented his letters.", "en", "Tariq Aziz Khan"),
    ],
)
def test_a_register_surname_after_another_given_name_is_another_person(
    text: str, language: str, name: str
) -> None:
    found = {link.name: link.in_register for link in extract("", [text], language, DAY).leaders}
    assert found == {name: False}


def test_a_name_broken_at_a_line_end_is_joined() -> None:
    text = "Литва Сеймінің Төрағасы Виктор Прона-скаспен кездесті."
    assert discovered(text, "kk") == {"Виктор Пронаскас"}


def test_a_russian_list_of_officials_gives_each_role_its_own_name() -> None:
    text = (
        "В делегацию вошли аким города Кокшетау Ерлан Сатыбалдин, представитель Казахстана"
        " при ЮНЕСКО Айгерим Нургалиева, посол Казахстана в Египте Бахтияр Омаров и другие."
    )
    found = {link.name: link.role_title for link in extract("", [text], "ru", DAY).leaders}
    assert found.get("Бахтияр Омаров") == "посол Казахстана"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("He spoke as Chairman of the Green Future party and as a senator.", "en"),
        ("Төраға Жасыл Болашақ партиясы атынан сөйледі.", "kk"),
    ],
)
def test_capitalised_words_before_an_institution_noun_are_no_person(text: str, language: str) -> None:
    assert discovered(text, language) == set()


def test_a_representative_of_an_office_is_a_named_official() -> None:
    text = "The statement of the representative of the Foreign Office Anna Berg was published."
    assert discovered(text, "en") == {"Anna Berg"}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Глава МИД встретился с послом Казахстана в Минске Ерланом Сапаровым.", "Ерлан Сапаров"),
        ("Министр встретился с послом Казахстана Айгерим Сапаровой.", "Айгерим Сапарова"),
    ],
)
def test_a_name_in_the_instrumental_is_brought_to_the_nominative_by_its_surname(text: str, name: str) -> None:
    # the surname's -ым/-ой says the case even where the tagger does not
    assert discovered(text, "ru") == {name}


def test_a_kazakh_accusative_of_a_russian_style_surname_is_cut() -> None:
    text = "Мәжіліс Төрағасы Ассамблеяның Бас хатшысы Асқарбек Ерғалиповті қабылдады."
    assert discovered(text, "kk") == {"Асқарбек Ерғалипов"}


def test_a_run_that_opens_on_the_next_role_s_word_is_no_name() -> None:
    text = "Deputy Prime Minister and Foreign Minister Ahmed Karim Dar was also present."
    assert discovered(text, "en") == {"Ahmed Karim Dar"}
