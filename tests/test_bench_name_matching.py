"""The accuracy bench's name matching across scripts (bench/accuracy.py): a discovered name
in Cyrillic is the truth's person in Latin letters when every sound key agrees, and a name
that only shares letters is not. Invented names."""

import pytest

from bench.accuracy import same_person, same_person_by_sound, same_person_or_sound


@pytest.mark.parametrize(
    ("truth", "found"),
    [
        ("Zhang Wei", "Чжан Вэй"),  # Palladius spelling of a Chinese name
        ("Kestutis Jankunas", "Кестутис Янкунас"),  # Lithuanian J read as Я
        ("Ufuk Ekinci", "Уфук Экинджи"),  # Turkish c read as дж
        ("Ramil Hasanli", "Рамиль Гасанлы"),  # H written Г
    ],
)
def test_a_transliteration_is_the_same_person(truth: str, found: str) -> None:
    assert not same_person(truth, [found])  # the old matching missed each of these
    assert same_person_by_sound(truth, [found])


@pytest.mark.parametrize(
    ("truth", "found"),
    [("Majid Rahimi", "Маджид Рахими"), ("Aigerim Kozhabekova", "Айгерім Қожабекова")],
)
def test_what_the_old_matching_found_is_still_found(truth: str, found: str) -> None:
    assert same_person(truth, [found])
    assert same_person_by_sound(truth, [found])
    assert same_person_or_sound(truth, [found])


@pytest.mark.parametrize(
    ("truth", "found"),
    [
        ("Kim Jong Un", "Kim Yo Jong"),  # the same words in other places
        ("Zhang Wei", "Ли Вэй"),  # another surname
        ("Majid Rahimi", "Маджид Карими"),
        ("Ufuk Ekinci", "Уфук Озтюрк"),
    ],
)
def test_another_name_is_not_the_same_person(truth: str, found: str) -> None:
    assert not same_person_or_sound(truth, [found])
