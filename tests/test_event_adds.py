"""What each report of an event adds (app/queries/event_adds.py), on the event page and its
JSON twin, and the events list's timeline, in Chromium at desktop and phone width.

Fixtures (tests/data/event_adds/, our own texts): one meeting of Tokayev and Mirziyoyev in
Tashkent on 10 June 2025 reported in English, Russian and Kazakh. All three speak of water
and trade; only the Russian one quotes Tokayev, speaks of a railway and names the SCO."""

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from playwright.sync_api import Browser

from app.loader.pipeline import load
from app.main import create_app
from tests.conftest import chromium, make_settings, serving

FIXTURES = Path(__file__).parent / "data" / "event_adds"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("event_adds")
    shutil.copytree(FIXTURES, root / "corpus")
    settings = make_settings(root / "data")
    report = load([root / "corpus"], settings)
    assert report.exit_code == 0, report.summary()
    return root / "data"


@pytest.fixture(scope="module")
def client(data_dir: Path) -> Iterator[TestClient]:
    with TestClient(create_app(make_settings(data_dir))) as served:
        yield served


def _event(client: TestClient, lang: str = "en") -> dict[str, Any]:
    (item,) = client.get("/api/events").json()["items"]
    event: dict[str, Any] = client.get(f"/api/events/{item['id']}", params={"locale": lang}).json()
    return event


def _adds_by_language(event: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {g["language"]: g["reports"][0]["adds"] for g in event["groups"]}


def test_each_report_says_what_only_it_tells(client: TestClient) -> None:
    event = _event(client, "ru")
    assert event["report_count"] == 3
    adds = _adds_by_language(event)
    assert adds["en"] == [] and adds["kk"] == []  # water, trade, Tashkent: all in the others too
    kinds = [(d["kind"], d["label"]) for d in adds["ru"]]
    assert kinds[0][0] == "quote" and kinds[0][1].startswith("Мы договорились о совместном использовании")
    assert adds["ru"][0]["lang"] == "ru"
    assert ("topic", "железные дороги") in kinds
    assert ("organisation", "Шанхайская организация сотрудничества") in kinds
    sco = next(d for d in adds["ru"] if d["kind"] == "organisation")
    assert sco["url"] == "/organisations/sco"
    # Nothing all reports share is anyone's own.
    assert not {label for _, label in kinds} & {"водные ресурсы", "торговля", "Ташкент"}


def test_the_event_page_shows_it_in_the_readers_language(client: TestClient) -> None:
    event = _event(client)
    html = client.get(f"/kk{event['url']}").text
    blocks = dict(
        re.findall(r'<li class="article report" data-id="(\w+)">(.*?)</li>\s*</ol>', html, re.DOTALL)
    )
    assert len(blocks) == 3
    by_lang = {g["language"]: g["reports"][0]["article"]["id"] for g in event["groups"]}
    russian = blocks[by_lang["ru"]]
    assert "Тек осы хабарламада бар" in russian
    assert '<blockquote class="quote" lang="ru">«Мы договорились' in russian
    assert "темір жол" in russian and 'href="/kk/organisations/sco"' in russian
    assert "Басқа хабарламаларда жоқ ештеңе айтпайды." in blocks[by_lang["en"]]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


@pytest.mark.parametrize("width", [1280, 390])
def test_the_new_parts_are_in_view_and_fit_the_screen(
    data_dir: Path, browser: Browser, width: int, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """What a report adds, on the event page, and the timeline, on /events: visible, and
    nothing wider than the screen, at desktop and phone width (screenshots kept in the
    test's temporary folder for a person to look at)."""
    shots = tmp_path_factory.mktemp(f"shots-{width}")
    with serving(data_dir) as base:
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        try:
            tab.goto(f"{base}/ru/events")
            timeline = tab.locator("figure.timeline")
            timeline.scroll_into_view_if_needed()
            assert timeline.is_visible()
            assert tab.locator("figure.timeline li").count() >= 1
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
            tab.screenshot(path=str(shots / "events.png"), full_page=True)
            tab.locator("ol.events li.event-item h2 a").first.click()
            tab.wait_for_url("**/ru/events/*")
            quote = tab.locator(".adds blockquote.quote")
            quote.scroll_into_view_if_needed()
            assert quote.is_visible() and quote.inner_text().startswith("«Мы договорились")
            box = quote.bounding_box()
            assert box is not None and box["x"] + box["width"] <= width
            assert tab.locator(".adds li[data-kind='topic']").first.is_visible()
            assert tab.evaluate("document.documentElement.scrollWidth") <= width
            tab.screenshot(path=str(shots / "event.png"), full_page=True)
        finally:
            context.close()


def test_a_quote_with_a_word_changed_is_the_same_quote() -> None:
    """Two outlets quote one statement, one «в Украине», the other «на Украине»: neither
    report has it alone. A statement the other report lacks stays its own."""
    from app.queries.event_adds import _quoted_elsewhere, _words

    said = "Президент высказал мнение, что нужно продолжить дипломатическую работу по Украине"
    other = _words(
        "Глава государства сказал: «Президент высказал мнение, что нужно продолжить "
        "дипломатическую работу на Украине»"
    )
    assert _quoted_elsewhere(said, [other])
    assert not _quoted_elsewhere("Мы договорились о совместном использовании водных ресурсов", [other])


def test_a_source_or_credit_names_no_place_of_the_report() -> None:
    from app.text.event_words import places_in, without_credits

    assert places_in("ALMATY – On the sidelines of the session in New York") == {"new-york"}
    text = "Как сообщает пресс-служба Акорды, встреча прошла в Кремле.\nФото: Ақорда"
    assert places_in(without_credits(text)) == {"kremlin"}
