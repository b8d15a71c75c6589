"""The event page in Chromium at phone width: nothing wider than the screen, the date and the
reports in view of a reader scrolling, the link back to the article working."""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser

from tests.conftest import SEED_IDS, chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


def test_the_event_page_fits_a_phone_and_links_back_to_its_article(
    live_server: str, browser: Browser
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    tab = context.new_page()
    try:
        tab.goto(f"{live_server}/ru/articles/{SEED_IDS['000']}")
        tab.locator("section.events-of-article h3 a").first.click()
        tab.wait_for_url("**/ru/events/*")
        assert tab.locator("h1").inner_text().startswith("Телефонный разговор")
        width = tab.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, f"the page is {width}px wide on a 390px screen"
        assert tab.locator("time").first.get_attribute("datetime") == "2020-04-03"
        tab.locator("details.why summary").first.click()
        assert tab.locator("details.why li").first.is_visible()
        tab.locator(f"li.report[data-id='{SEED_IDS['000']}'] h4 a").click()
        tab.wait_for_url(f"**/ru/articles/{SEED_IDS['000']}")
    finally:
        context.close()


@pytest.mark.parametrize("width", [390, 1280])
def test_the_filter_chips_of_the_events_list_do_not_cover_its_introduction(
    live_server: str, browser: Browser, width: int
) -> None:
    """The chips were pulled up under the heading, and on /events, where a sentence stands
    between the two, they covered its last line."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    tab = context.new_page()
    try:
        tab.goto(f"{live_server}/kk/events?kind=phone_call")
        intro = tab.locator("h1 + p.meta").bounding_box()
        chips = tab.locator(".active-filters").bounding_box()
        assert intro is not None and chips is not None
        assert chips["y"] >= intro["y"] + intro["height"], (intro, chips)
    finally:
        context.close()
