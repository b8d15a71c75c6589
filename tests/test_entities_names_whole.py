"""People the register lacks, in English, read whole (issue 11, round 7): styles inside a name
(`Datuk Seri`, `Dr`), an apostrophe inside a word (`Na’im`) but not a possessive's `s`, a
country's possessive before the role (`Spain's foreign minister`) and a name apposed after
the office's own words (`Director-General of the … Organization, Name,`). Each with a
counterpart that must stay as it is. Invented sentences."""

import datetime as dt

import pytest

from app.entities.extract import extract

DAY = dt.date(2025, 6, 1)


def discovered(text: str, language: str = "en") -> set[str]:
    return {link.name for link in extract("", [text], language, DAY).leaders if not link.in_register}


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # styles before and inside a name are no part of it
        (
            "The delegation includes Trade Minister Datuk Seri Harun Salleh Karim and officials.",
            {"Harun Salleh Karim"},
        ),
        (
            "Investment Minister Tengku Datuk Seri Rahman Tengku Idris Aziz attended the forum.",
            {"Tengku Rahman Tengku Idris Aziz"},
        ),
        ("Ambassador Dr Ranjit Mehra presented his credentials on Monday.", {"Ranjit Mehra"}),
        ("Culture Minister Tan Sri Lim Boon Heng opened the exhibition.", {"Lim Boon Heng"}),
        # an apostrophe inside a word belongs to it
        (
            "Religious Affairs Minister Datuk Mohd Sha’ari Osman, along with officials, arrived.",
            {"Mohd Sha’ari Osman"},
        ),
        # a country's possessive before the role, the name apposed before it
        ("The talks were attended by Carlos Ruiz Marin, Spain's foreign minister.", {"Carlos Ruiz Marin"}),
        ("Carlos Ruiz Marin, Spain’s Foreign Minister, said the talks went well.", {"Carlos Ruiz Marin"}),
        # the office's own words after "of", a comma, then the name as a clause of its own
        (
            "Talks were held with the Director-General of the International Maritime Organization, "
            "Paul Osei Mensah, on shipping.",
            {"Paul Osei Mensah"},
        ),
        (
            "He will be joined by the Minister of Higher Education, "
            "Datuk Seri Dr Zainal Hamzah Kadir, in Bishkek.",
            {"Zainal Hamzah Kadir"},
        ),
    ],
)
def test_a_name_is_read_whole_without_its_styles(text: str, names: set[str]) -> None:
    assert discovered(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # a possessive's `s` is no part of the name
        ("The talks followed President Farah Noor Aziz’s visit to Astana.", {"Farah Noor Aziz"}),
        # a style alone names no one
        ("The delegation was received by Datuk Seri and other guests.", set()),
        # a lone surname apposed to a possessive role is too little to make a person
        ("The talks were attended by Marin, Spain's foreign minister.", set()),
        # a place or a phrase after the office's words is no name
        ("Talks were held with the Minister of Energy, New Delhi hosted them.", set()),
        (
            "Talks were held with the Director-General of the Maritime Organization, "
            "Geneva hosted the talks.",
            set(),
        ),
        ("The Minister of Culture and Sports, Astana Opera performed.", set()),
        # a name run on into a sentence is not an apposition
        ("The Minister of Energy, Paul Osei said that prices would rise.", set()),
    ],
)
def test_what_is_no_name_stays_out(text: str, names: set[str]) -> None:
    assert discovered(text) == names
