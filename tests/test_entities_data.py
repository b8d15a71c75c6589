"""The reference data files are well formed, complete where the issue says, and in sync."""

import datetime as dt
import json
import re

import pytest

from app.datafiles import load_data
from app.entities.countries_data import COUNTRIES_FILE, build_countries, render
from app.entities.register import countries, leaders, organisations, role_words

REQUIRED_ORGANISATIONS = {
    "UN",
    "UNGA",
    "UNSC",
    "SCO",
    "CICA",
    "CSTO",
    "CIS",
    "EU",
    "OTS",
    "EAEU",
    "OSCE",
    "ICRC",
}
OFFICES = {
    "president", "vice_president", "prime_minister", "foreign_minister", "chair_of_state", "king", "emir",
    "crown_prince", "chancellor", "senate_chair", "mazhilis_chair", "parliament_speaker", "secretary_general",
    "executive_secretary", "ga_president", "commission_president", "council_president", "high_representative",
    "supreme_leader", "pope",
}  # fmt: skip
CYRILLIC_NAME = re.compile(r"^[А-ЯЁӘҒҚҢӨҰҮҺІа-яёәғқңөұүһі'’ .-]+( [IVX]+)?$")


def test_countries_json_matches_pycountry_and_cldr() -> None:
    """Checked against the locked pycountry and Babel: a lock refresh that renames a
    territory fails here with the entries that differ and the command that rewrites the file."""
    committed = {row["code"]: row for row in json.loads(COUNTRIES_FILE.read_text(encoding="utf-8"))}
    built = {row["code"]: row for row in build_countries()}
    differences = [
        f"{code}.{key}: committed {committed.get(code, {}).get(key)!r}, "
        f"libraries give {built.get(code, {}).get(key)!r}"
        for code in sorted(committed.keys() | built.keys())
        for key in sorted(committed.get(code, {}).keys() | built.get(code, {}).keys())
        if committed.get(code, {}).get(key) != built.get(code, {}).get(key)
    ]
    assert not differences, (
        f"{COUNTRIES_FILE.name} is out of date with the locked pycountry/Babel; "
        "regenerate it with `archive data countries` and review the diff:\n" + "\n".join(differences)
    )
    assert COUNTRIES_FILE.read_text(encoding="utf-8") == render(build_countries())
    assert len(committed) == 249


@pytest.mark.parametrize(
    ("code", "en", "ru", "kk"),
    [
        ("KZ", "Kazakhstan", "Казахстан", "Қазақстан"),
        ("CN", "China", "Китай", "Қытай"),
        ("IL", "Israel", "Израиль", "Израиль"),
    ],
)
def test_country_names_come_from_cldr(code: str, en: str, ru: str, kk: str) -> None:
    country = countries()[code]
    assert (country.name_en, country.name_ru, country.name_kk) == (en, ru, kk)


def test_press_abbreviations_and_demonyms_are_registered() -> None:
    assert {"РФ"} <= set(countries()["RU"].abbreviations)
    assert {"США", "U.S."} <= set(countries()["US"].abbreviations)
    assert {"КНР", "ҚХР"} <= set(countries()["CN"].abbreviations)
    assert {"РК", "ҚР"} <= set(countries()["KZ"].abbreviations)
    assert "Кыргызская Республика" in countries()["KG"].names
    assert {"израильский", "Israeli"} <= set(countries()["IL"].demonyms)
    assert "қытайлық" in countries()["CN"].demonyms
    assert "American" in countries()["US"].demonyms


def test_country_aliases_use_iso_codes() -> None:
    for row in load_data("country_aliases.toml")["country"]:
        assert row["code"] in countries(), row["code"]


def test_required_organisations_with_three_languages() -> None:
    orgs = organisations()
    assert REQUIRED_ORGANISATIONS <= set(orgs)
    for org in orgs.values():
        assert org.name_en and org.name_ru and org.name_kk, org.code
        assert org.parent is None or org.parent in orgs
    assert orgs["UNGA"].parent == "UN"
    assert {"ООН", "БҰҰ", "UN"} <= set(orgs["UN"].abbreviations)
    assert {"ШОС", "ШЫҰ"} <= set(orgs["SCO"].abbreviations)
    assert {"СВМДА", "АӨСШК"} <= set(orgs["CICA"].abbreviations)


def test_leader_register_is_well_formed() -> None:
    affiliations = set(countries()) | set(organisations())
    slugs = set()
    for leader in leaders().values():
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", leader.slug)
        assert leader.slug not in slugs
        slugs.add(leader.slug)
        assert CYRILLIC_NAME.match(leader.name_ru), leader.name_ru
        assert CYRILLIC_NAME.match(leader.name_kk), leader.name_kk
        for role in leader.roles:
            assert role.office in OFFICES, (leader.slug, role.office)
            assert role.affiliation in affiliations, (leader.slug, role.affiliation)
            assert role.start is None or role.end is None or role.start <= role.end


def test_the_register_covers_the_people_the_issue_names() -> None:
    day = dt.date(2026, 1, 27)
    must = {
        "kassym-jomart-tokayev": ("president", "KZ"),
        "maulen-ashimbayev": ("senate_chair", "KZ"),
        "isaac-herzog": ("president", "IL"),
        "gideon-saar": ("foreign_minister", "IL"),
        "benjamin-netanyahu": ("prime_minister", "IL"),
        "xi-jinping": ("chair_of_state", "CN"),
        "antonio-guterres": ("secretary_general", "UN"),
    }
    for slug, (office, affiliation) in must.items():
        role = leaders()[slug].role_on(day)
        assert role is not None and (role.office, role.affiliation) == (office, affiliation), slug
    assert leaders()["reuven-rivlin"].role_on(dt.date(2020, 4, 3)).office == "president"
    assert leaders()["volkan-bozkir"].role_on(dt.date(2021, 3, 1)).affiliation == "UNGA"
    assert "Елбасы" in leaders()["nursultan-nazarbayev"].honorifics


def test_role_words_name_known_offices() -> None:
    for words in role_words():
        assert set(words.offices) <= OFFICES
        assert words.phrases
