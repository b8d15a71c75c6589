"""What a newcomer sees in real Chromium at a desktop (1280 px) and a phone (390 px) width:
the active filters before any result, the skip link, marks on entity matches, the API docs
without JavaScript."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import SEED_IDS, chromium

WIDTHS = {"desktop": (1280, 900, False), "phone": (390, 844, True)}


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


@pytest.fixture(params=list(WIDTHS))
def tab(request: pytest.FixtureRequest, browser: Browser) -> Iterator[Page]:
    width, height, mobile = WIDTHS[request.param]
    context = browser.new_context(viewport={"width": width, "height": height}, is_mobile=mobile)
    yield context.new_page()
    context.close()


def in_first_screen(page: Page, selector: str) -> bool:
    box = page.locator(selector).bounding_box()
    viewport = page.viewport_size
    assert box is not None and viewport is not None
    return box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"]


def test_active_filters_show_before_scrolling_and_a_chip_removes_its_filter(
    live_server: str, tab: Page
) -> None:
    tab.goto(live_server + "/en/articles?q=Израиль&lang=ru&leader=reuven-rivlin")
    assert in_first_screen(tab, ".active-filters")
    chips = tab.locator(".active-filters li")
    # What is seen; "(remove)" is for screen readers.
    seen = [text.split("\n")[0] for text in chips.all_inner_texts()]
    assert seen == ["Language: Russian ×", "Leader: Reuven Rivlin ×"]
    tab.click(".active-filters li[data-filter=leader] a")
    tab.wait_for_url("**/articles?q=*")
    assert "leader=" not in tab.url and "lang=ru" in tab.url
    assert tab.locator("h1").inner_text() == "2 results for «Израиль»"
    tab.click("text=Clear all filters")
    tab.wait_for_load_state()
    assert tab.locator(".active-filters").count() == 0


def test_no_results_offers_a_way_out_in_the_first_screen(live_server: str, tab: Page) -> None:
    tab.goto(live_server + "/en/articles?q=Израиль&lang=kk")
    assert in_first_screen(tab, ".no-results h2")
    tab.click("text=Without language: Kazakh")
    tab.wait_for_load_state()
    assert tab.locator("h1").inner_text() == "2 results for «Израиль»"


def test_the_skip_link_appears_on_the_first_tab_and_leads_to_the_content(live_server: str, tab: Page) -> None:
    tab.goto(live_server + "/en/leaders")
    assert not in_first_screen(tab, "a.skip")
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.className") == "skip"
    assert in_first_screen(tab, "a.skip")
    tab.keyboard.press("Enter")
    assert tab.evaluate("location.hash") == "#content"


def test_a_kazakh_article_found_by_a_latin_name_shows_the_mark(live_server: str, tab: Page) -> None:
    tab.goto(live_server + "/en/articles?q=Tokayev")
    card = tab.locator(f"li.article[data-id='{SEED_IDS['003']}']")
    assert card.locator("mark").first.inner_text() == "Қасым-Жомарт Тоқаев"
    assert card.locator(".meta").inner_text().split(" · ")[1] == "Kazakh"


def test_the_api_docs_say_what_they_are_without_javascript(live_server: str, browser: Browser) -> None:
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(live_server + "/docs")
    assert page.locator("h1").inner_text() == "The archive's JSON API"
    assert "needs JavaScript" in page.locator("header.docs").inner_text()
    page.click("text=← Press archive")
    page.wait_for_url(live_server + "/en/")  # the reader's language, from Accept-Language
    context.close()
