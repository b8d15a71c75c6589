"""Loader round 12, people, countries and organisations: bodies and short forms of the
organisations register (the EAEU's supreme council, the OTS's former name with "the", «страны
Содружества»); a country named only as its currency's; Kazakh and Russian demonyms that name
languages; Kazakhstan by the Kazakh ethnonym before a role word. Each with a counterpart that
must stay. Invented text."""

import datetime as dt

import pytest

from app.entities.extract import extract
from tests.entity_probes import countries, organisations

DAY = dt.date(2025, 6, 1)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Supreme Eurasian Economic Council will meet in Minsk next month.", "en"),
        ("Лидеры обсудили повестку заседания Высшего Евразийского экономического совета.", "ru"),
        ("Жоғары Еуразиялық экономикалық кеңестің отырысы Минскіде өтеді.", "kk"),
    ],
)
def test_the_eaeus_supreme_council_names_the_union(text: str, language: str) -> None:
    assert organisations(text, language) == {"EAEU"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Supreme Council of the republic met on Monday.", "en"),
        ("Экономический совет области обсудил бюджет.", "ru"),
    ],
)
def test_another_supreme_or_economic_council_names_no_organisation(text: str, language: str) -> None:
    assert organisations(text, language) == set()


def test_the_turkic_council_s_former_name_with_the() -> None:
    text = "A statement was released by the Cooperation Council of the Turkic Speaking States on Friday."
    assert organisations(text, "en") == {"OTS"}


def test_turkic_speaking_states_alone_name_no_organisation() -> None:
    text = "The Turkic Speaking States share a long history."
    assert organisations(text, "en") == set()


@pytest.mark.parametrize(
    "text",
    [
        "Президента поздравили главы стран Содружества и другие лидеры.",
        "Государства Содружества подписали итоговое заявление.",
    ],
)
def test_the_commonwealth_s_countries_in_russian_are_the_cis(text: str) -> None:
    assert organisations(text, "ru") == {"CIS"}


@pytest.mark.parametrize(
    "text",
    [
        "Главы стран содружества виноделов встретились в Алматы.",
        "Страны Британского Содружества приняли решение.",
    ],
)
def test_a_lower_case_commonwealth_or_another_one_is_not_the_cis(text: str) -> None:
    assert "CIS" not in organisations(text, "ru")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Trade with the region reached 15.4 million US dollars in the first half.", "en"),
        ("Тауар айналымы 420 млн АҚШ долларына жетті.", "kk"),
        ("Товарооборот составил 120 млн долларов США за полгода.", "ru"),
        ("Инвестиции превысили 3 млрд долл. США.", "ru"),
    ],
)
def test_a_country_named_only_as_its_currency_is_not_a_party(text: str, language: str) -> None:
    assert countries(text, language) == set()


@pytest.mark.parametrize(
    ("text", "language", "code"),
    [
        ("The US dollar rate fell, the US Secretary of State said.", "en", "US"),
        ("АҚШ Мемлекеттік хатшысы долларға қатысты мәлімдеме жасады.", "kk", "US"),
        ("Министр США прибыл, доллар укрепился.", "ru", "US"),
    ],
)
def test_a_country_beside_a_currency_word_but_not_before_it_stays(
    text: str, language: str, code: str
) -> None:
    assert code in countries(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ол ағылшын, орыс, румын, француз және поляк тілдерін меңгерген.", "kk"),
        ("Ол француз тілінде сөйледі.", "kk"),
        ("Он свободно говорит на английском, немецком и французском языках.", "ru"),
    ],
)
def test_a_kazakh_or_russian_demonym_in_a_list_of_languages_names_no_country(
    text: str, language: str
) -> None:
    assert "FR" not in countries(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Француз делегациясы Астанаға келді.", "kk"),
        ("Французская делегация прибыла в Астану.", "ru"),
    ],
)
def test_a_demonym_before_another_noun_still_names_its_country(text: str, language: str) -> None:
    assert countries(text, language) == {"FR"}


def test_the_kazakh_ethnonym_before_a_role_names_kazakhstan() -> None:
    text = "Қазақ Президенті кеше келісімге қол қойды."
    assert countries(text, "kk") == {"KZ"}


def test_the_kazakh_ethnonym_before_another_noun_names_no_country() -> None:
    text = "Қазақ әдебиеті туралы кітап шықты."
    assert countries(text, "kk") == set()


def people(text: str, language: str) -> dict[str, bool]:
    """slug or discovered name -> in the register"""
    return {
        (link.slug if link.in_register else link.name): link.in_register
        for link in extract("", [text], language, DAY).leaders
    }


@pytest.mark.parametrize(
    ("text", "language", "name"),
    [
        (
            "– отметил директор Центра стратегических исследований Министерства науки Республики Казахстан"
            " Серик Жанатов.",
            "ru",
            "Серик Жанатов",
        ),
        ("Елші Еуразия зерттеулер институтының директоры Берік Тасовпен кездесті.", "kk", "Берік Тасов"),
        (
            "Елші Еуразия зерттеулер институтының (ЕЗИ) директоры Берік Тасовпен кездесті.",
            "kk",
            "Берік Тасов",
        ),
        (
            "The ambassador met Director of the Institute of World Economy Laura Keswick on Monday.",
            "en",
            "Laura Keswick",
        ),
    ],
)
def test_the_director_of_an_institute_or_centre_is_a_named_official(
    text: str, language: str, name: str
) -> None:
    assert people(text, language) == {name: False}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("– отметил директор компании Серик Жанатов.", "ru"),
        ("Елші мектеп директоры Берік Тасовпен кездесті.", "kk"),
        ("The ambassador met the company director Laura Keswick on Monday.", "en"),
    ],
)
def test_a_director_of_a_firm_or_school_is_still_no_one(text: str, language: str) -> None:
    assert people(text, language) == {}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("We had intensive talks with Vladimir Vladimirovich this morning.", "en"),
        ("«Спасибо, Владимир Владимирович, за приглашение», – сказал президент.", "ru"),
        ("Президент Қасым-Жомарт Кемелұлына алғыс айтты.", "kk"),
    ],
)
def test_a_register_person_by_given_name_and_patronymic(text: str, language: str) -> None:
    found = people(text, language)
    assert set(found) & {"vladimir-putin", "kassym-jomart-tokayev"}
    assert all(found.values())


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Губернатор Владимир Владимирович Сальдо заявил о планах.", "ru"),
        ("We had talks with Vladimir Petrovich this morning.", "en"),
    ],
)
def test_the_same_given_name_with_another_surname_or_patronymic_is_not_that_person(
    text: str, language: str
) -> None:
    assert "vladimir-putin" not in people(text, language)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Олег Сафронов поблагодарил консула за плодотворную работу.", "Олег Сафронов"),
        ("Встреча прошла в Астрахани. Олег Сафронов встретился с консулом.", "Олег Сафронов"),
        ("Касым-Жомарт Токаев и Томас Редфорд обсудили торговлю.", "Томас Редфорд"),
        ("Томас Редфорд и Касым-Жомарт Токаев обсудили торговлю.", "Томас Редфорд"),
    ],
)
def test_a_russian_name_that_is_its_sentence_s_subject(text: str, name: str) -> None:
    assert name in people(text, "ru")
    assert people(text, "ru")[name] is False


@pytest.mark.parametrize(
    "text",
    [
        "Также художница Анна Коваль представила свои картины.",  # an occupation before the name
        "На выставке были работы Анны Коваль и других авторов.",  # no verb after the name
        "О. Сафронов поблагодарил консула.",  # initials, left to the folds
        "Встреча прошла в Москве, Анна Коваль была там.",  # not the sentence's opening
    ],
)
def test_a_russian_name_that_is_not_the_subject_names_no_one(text: str) -> None:
    assert people(text, "ru") == {}


@pytest.mark.parametrize(
    "text",
    [
        "Выступил руководитель управления культуры г. Алматы Ерболат Досаев.",
        "Выступил руководитель управления культуры г. Кызыл-Орда Ерболат Досаев.",
        "Выступил мэр г. Бишкек Ерболат Досаев.",
    ],
)
def test_a_russian_office_with_a_city_after_g_dot(text: str) -> None:
    assert people(text, "ru") == {"Ерболат Досаев": False}


def test_a_sentence_that_ends_after_a_city_still_ends_the_role_s_reach() -> None:
    text = "Мэр прибыл в г. Бишкек. На встрече был Ерболат Досаев."
    assert people(text, "ru") == {}


def undated_people(text: str, language: str) -> set[str]:
    return {link.slug for link in extract("", [text], language, None).leaders if link.in_register}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Nazarbayev met Abdulaziz bin Saud bin Nayef. He invited the Crown Prince of Saudi Arabia.", "en"),
        (
            "Назарбаев Әбдел Азиз бен Сауд бен Наифпен кездесті."
            " Мен Сауд Арабиясының мұрагер ханзадасын шақырдым.",
            "kk",
        ),
    ],
)
def test_a_register_surname_after_son_of_is_a_forebear_s_name(text: str, language: str) -> None:
    assert "mohammed-bin-salman" not in undated_people(text, language)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The Crown Prince of Saudi Arabia welcomed the guests. Al Saud said the talks went well.", "en"),
        ("Сауд Арабиясының мұрагер ханзадасы қонақтарды қарсы алды. Сауд келіссөздер сәтті өтті деді.", "kk"),
    ],
)
def test_the_same_surname_alone_with_the_title_still_names_its_holder(text: str, language: str) -> None:
    assert "mohammed-bin-salman" in undated_people(text, language)


def register_people_on(text: str, language: str, day: dt.date) -> set[str]:
    return {link.slug for link in extract("", [text], language, day).leaders if link.in_register}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Greetings came from UAE President Sheikh Khalifa bin Zayed Al Nahyan on Saturday.", "en"),
        ("Поздравление направил Президент ОАЭ шейх Халифа бен Зайед Аль Нахайян.", "ru"),
        ("Құттықтауды БАӘ Президенті шейх Халифа бин Заид Әл Нахаян жолдады.", "kk"),
    ],
)
def test_a_style_between_a_role_and_a_register_name_gives_the_role_to_that_name(
    text: str, language: str
) -> None:
    # the title alone would resolve, by the date, to the office's holder that day
    assert register_people_on(text, language, dt.date(2024, 5, 18)) == {"khalifa-bin-zayed"}


def test_the_title_without_a_name_still_resolves_by_date() -> None:
    text = "Greetings came from the UAE President on Saturday."
    assert register_people_on(text, "en", dt.date(2024, 5, 18)) == {"mohamed-bin-zayed"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("He first visited Astana as chairman of the senate in 2016.", "en"),
        ("Он впервые посетил Астану в качестве председателя Сената в 2016 году.", "ru"),
        ("Ол Астанаға 2016 жылы Сенат төрағасы ретінде келген.", "kk"),
    ],
)
def test_a_role_said_as_a_capacity_names_no_holder(text: str, language: str) -> None:
    assert register_people_on(text, language, DAY) == set()


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The guests met ministers as well as the chairman of the senate.", "en"),
        ("Гостей принял председатель Сената.", "ru"),
        ("Қонақтарды Сенат төрағасы қабылдады.", "kk"),
    ],
)
def test_the_same_role_as_a_title_still_names_its_holder(text: str, language: str) -> None:
    assert register_people_on(text, language, DAY) == {"maulen-ashimbayev"}


def test_a_kazakh_courtesy_form_keeps_the_name_whole() -> None:
    # «Хакала ханымды» is a woman named Хакала, not «Хакан ханым» (Hakan Fidan)
    text = "Министр Тери Хакала ханымды жаңа қызметімен құттықтады."
    assert "hakan-fidan" not in register_people_on(text, "kk", DAY)


@pytest.mark.parametrize("text", ["Министр Хакан мырзамен кездесті.", "Хакан мырзаға алғыс айтылды."])
def test_a_kazakh_courtesy_form_with_its_ending_on_the_title_still_names(text: str) -> None:
    assert "hakan-fidan" in register_people_on(text, "kk", DAY)


@pytest.mark.parametrize(
    "text",
    [
        "Гостем вечера был директор департамента Евразии МИД Г.Шринивас, поздравивший дипломатов.",
        "Гостем вечера был директор департамента Евразии МИД Г. Шринивас, поздравивший дипломатов.",
    ],
)
def test_a_russian_initial_glued_to_its_surname(text: str) -> None:
    assert people(text, "ru") == {"Г. Шринивас": False}


def test_a_lower_case_place_type_glued_to_a_city_is_no_initial() -> None:
    assert people("Посол прибыл в г.Алматы на встречу с коллегами.", "ru") == {}
