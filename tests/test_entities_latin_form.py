"""A discovered name written in Cyrillic gets a Latin form: stored where a register person's
English name goes, its slug made from it (so the same person written in either script is one
person), shown beside the name as written. Invented names and texts."""

import datetime as dt
from pathlib import Path

from fastapi.testclient import TestClient

from app.entities.extract import extract
from app.entities.latin import latin_form
from app.loader.pipeline import load
from app.main import create_app
from tests.conftest import make_settings

DAY = dt.date(2025, 6, 1)


def discovered(text: str, language: str) -> dict[str, tuple[str, str | None]]:
    return {
        link.slug: (link.name, link.latin)
        for link in extract("", [text], language, DAY).leaders
        if not link.in_register
    }


def test_latin_form_of_russian_and_kazakh_letters() -> None:
    assert latin_form("Кестутис Янаускас") == "Kestutis Yanauskas"
    assert latin_form("Ержан Құлжанов") == "Yerzhan Kulzhanov"
    assert latin_form("Әлібек Бөкейханұлы") == "Alibek Bokeykhanuly"


def test_a_latin_name_has_no_latin_form() -> None:
    assert latin_form("Kestutis Yanauskas") is None
    assert latin_form("Nguyễn Văn Bình") is None


def test_a_cyrillic_discovered_name_keeps_its_writing_and_gets_a_slug_from_its_latin_form() -> None:
    ru = discovered("Посол Литвы Кестутис Янаускас прибыл в Астану.", "ru")
    assert ru == {"kestutis-yanauskas": ("Кестутис Янаускас", "Kestutis Yanauskas")}
    kk = discovered("Литва елшісі Кестутис Янаускаспен кездесті.", "kk")
    assert kk == {"kestutis-yanauskas": ("Кестутис Янаускас", "Kestutis Yanauskas")}


def test_a_latin_discovered_name_is_unchanged() -> None:
    en = discovered("Lithuanian Ambassador Kestutis Yanauskas arrived in Astana.", "en")
    assert en == {"kestutis-yanauskas": ("Kestutis Yanauskas", None)}


def test_one_person_across_scripts_on_the_leader_page(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "ru.txt").write_text(
        "Посол Литвы встретился с акимом\n\n"
        "12 марта 2025 года посол Литвы Кестутис Янаускас встретился с акимом области.\n",
        encoding="utf-8",
    )
    (pages / "en.txt").write_text(
        "Lithuanian Ambassador meets governor\n\n"
        "On 14 March 2025 Lithuanian Ambassador Kestutis Yanauskas met the regional governor.\n",
        encoding="utf-8",
    )
    settings = make_settings(tmp_path / "data")
    assert load([pages], settings).published
    with TestClient(create_app(settings)) as client:
        page = client.get("/api/leaders/kestutis-yanauskas", params={"lang": "ru"}).json()
    assert page["in_register"] is False
    assert page["articles"] == 2
    assert page["name"] == "Кестутис Янаускас"
    assert page["names"]["en"] == ["Kestutis Yanauskas"]
    assert page["names"]["ru"] == ["Кестутис Янаускас"]
