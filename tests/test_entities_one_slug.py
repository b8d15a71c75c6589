"""One discovered person, one slug: a short given name and the full one (Steve / Stephen,
Стив / Стивен) and a Cyrillic rendering beside a Latin one meet, in one article and across
articles; two people of one surname with different given names stay apart. Invented names."""

import datetime as dt

from app.entities.extract import extract
from app.entities.name_forms import name_key

DAY = dt.date(2025, 6, 1)


def slugs(text: str, language: str) -> dict[str, int]:
    """The discovered people of an invented article: slug -> mentions."""
    leaders = extract("", [text], language, DAY).leaders
    return {link.slug: link.mentions for link in leaders if not link.in_register}


def test_short_and_full_given_name_are_one_person_in_one_article_en() -> None:
    text = "US Special Envoy Steve Varkoff arrived in Astana. Special Envoy Stephen Varkoff met the minister."
    assert slugs(text, "en") == {"stephen-varkoff": 2}


def test_short_and_full_given_name_are_one_person_in_one_article_ru() -> None:
    text = (
        "Специальный посланник США Стив Варкофф прибыл в Астану. "
        "Специальный посланник Стивен Варкофф встретился с министром."
    )
    assert slugs(text, "ru") == {"stiven-varkoff": 2}


def test_short_and_full_given_name_meet_across_articles() -> None:
    short_en = slugs("US Special Envoy Steve Varkoff arrived in Astana.", "en")
    full_en = slugs("US Special Envoy Stephen Varkoff arrived in Astana.", "en")
    short_ru = slugs("Специальный посланник США Стив Варкофф прибыл в Астану.", "ru")
    full_ru = slugs("Специальный посланник США Стивен Варкофф прибыл в Астану.", "ru")
    assert short_en == full_en == {"stephen-varkoff": 1}
    assert short_ru == full_ru == {"stiven-varkoff": 1}


def test_cyrillic_and_latin_renderings_are_one_person() -> None:
    text = (
        "US Special Envoy Stephen Varkoff arrived in Astana. "
        "Специальный посланник США Стив Варкофф прибыл в Астану."
    )
    assert slugs(text, "en") == {"stephen-varkoff": 2}
    assert name_key("Стивен Уиткофф") == name_key("Steve Witkoff")


def test_another_given_name_of_the_surname_keeps_everyone_apart_en() -> None:
    text = "US Special Envoy Steve Varkoff arrived in Astana. Minister Robert Varkoff met him."
    assert slugs(text, "en") == {"steve-varkoff": 1, "robert-varkoff": 1}


def test_another_given_name_of_the_surname_keeps_everyone_apart_ru() -> None:
    text = (
        "Специальный посланник США Стив Варкофф прибыл в Астану. "
        "Министр Роберт Варкофф встретился с ним. Министр Стивен Варкофф заявил."
    )
    assert slugs(text, "ru") == {"stiv-varkoff": 1, "robert-varkoff": 1, "stiven-varkoff": 1}


def test_two_people_of_one_surname_across_scripts_stay_apart() -> None:
    # Darius and Дарига, Nalbayev and Налбаева: one surname, two people
    text = "President Darius Nalbayev arrived in Astana. Министр Дарига Налбаева заявила."
    assert slugs(text, "en") == {"darius-nalbayev": 1, "dariga-nalbayeva": 1}
    text = "President Ilyas Tobrakov arrived in Astana. Министр Гейдар Тобраков заявил."
    assert slugs(text, "en") == {"ilyas-tobrakov": 1, "geydar-tobrakov": 1}


def test_given_names_that_differ_past_the_first_word_stay_apart() -> None:
    text = "Former President George Herbert Walker Bullock arrived. President George Walker Bullock met him."
    assert slugs(text, "en") == {"george-herbert-walker-bullock": 1, "george-walker-bullock": 1}
    text = "Бывший президент Джордж Г. У. Буллок и президент Джордж У. Буллок прибыли."
    assert slugs(text, "ru") == {"dzhordzh-g-u-bullok": 1, "dzhordzh-u-bullok": 1}
