"""Generate data/countries.json: every ISO 3166-1 country with its CLDR names in en, ru, kk.

pycountry gives the list of codes, Babel the names. The output is committed; a test checks
that it still matches what the libraries give, and `archive data countries` rewrites it.
"""

import json
from pathlib import Path

from babel import Locale

from app.datafiles import data_path

LOCALES = ("en", "ru", "kk")
COUNTRIES_FILE = data_path("countries.json")


def build_countries() -> list[dict[str, str]]:
    import pycountry

    names = {code: Locale(code).territories for code in LOCALES}
    rows = []
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        code = country.alpha_2
        row = {"code": code, "alpha_3": country.alpha_3}
        for locale in LOCALES:
            row[f"name_{locale}"] = names[locale].get(code) or country.name
        rows.append(row)
    return rows


def render(rows: list[dict[str, str]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def write_countries(path: Path = COUNTRIES_FILE) -> int:
    rows = build_countries()
    path.write_text(render(rows), encoding="utf-8")
    return len(rows)
