"""What a person does in a browser: real headless Chromium (Debian's) against a real uvicorn.

One screenshot per page type is saved under test-artifacts/screenshots/ for people to look at.
"""

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import PROJECT_ROOT, SEED_IDS, chromium

SCREENSHOTS = PROJECT_ROOT / "test-artifacts" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1200, "height": 900})
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], errors


def shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_type_a_query_and_submit(live_server: str, page: Page) -> None:
    page.goto(live_server + "/")
    shot(page, "home")
    page.fill("form.search input[name=q]", "Израилем")
    page.press("form.search input[name=q]", "Enter")
    page.wait_for_url("**/articles?q=*")
    assert page.locator("h1").inner_text() == "2 results for «Израилем»"
    assert page.locator("li.article mark").count() > 0
    shot(page, "search")


def test_click_a_facet_to_narrow_the_results(live_server: str, page: Page) -> None:
    page.goto(live_server + "/articles?q=Токаев")
    assert page.locator("li.article").count() == 5
    page.click("section.facet[data-facet=lang] a[data-value=kk]")
    page.wait_for_url("**lang=kk**")
    assert page.locator("li.article").count() == 3
    assert page.locator("section.facet[data-facet=lang] li.selected").count() == 1


def test_follow_a_leader_link_from_an_article(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/articles/{SEED_IDS['002']}")
    shot(page, "article")
    page.click("div.body a.entity.leader:has-text('Маулен Ашимбаев')")
    page.wait_for_url("**/leaders/maulen-ashimbayev")
    assert page.locator("h1").inner_text().startswith("Maulen Ashimbayev")
    shot(page, "leader")
    page.click("ul.counts a:has-text('Israel')")
    page.wait_for_url("**/countries/il")
    shot(page, "country")


def test_open_the_source_text_view(live_server: str, page: Page) -> None:
    page.goto(f"{live_server}/articles/{SEED_IDS['003']}")
    page.click("text=Source text with removed lines")
    page.wait_for_url("**/source")
    removed = page.locator("ol.source li.removed")
    # Seed 003: a photo credit, two "read also" markers with their link titles, a call to action.
    assert removed.count() == 6
    assert "read-also link (linked title)" in removed.nth(2).inner_text()
    shot(page, "source")


def test_page_through_results(live_server: str, page: Page) -> None:
    page.goto(live_server + "/articles?limit=2")
    seen = []
    for _ in range(3):
        seen += page.locator("li.article").evaluate_all("els => els.map(e => e.dataset.id)")
        if page.locator("a[rel=next]").count():
            page.click("a[rel=next]")
            page.wait_for_load_state()
    assert sorted(seen) == sorted(SEED_IDS.values())
    assert page.locator("a[rel=prev]").count() == 1


@pytest.mark.parametrize(
    ("path", "name"),
    [
        ("/leaders", "leaders"),
        ("/countries", "countries"),
        ("/organisations/un", "organisation"),
        ("/about", "about"),
    ],
)
def test_index_pages_render(live_server: str, page: Page, path: str, name: str) -> None:
    page.goto(live_server + path)
    assert page.locator("h1").count() == 1
    shot(page, name)


@pytest.mark.parametrize("path", ["/", "/articles?q=Токаев", f"/articles/{SEED_IDS['002']}", "/leaders"])
def test_pages_fit_a_phone(browser: Browser, live_server: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 375, "height": 740}, is_mobile=True)
    tab = context.new_page()
    tab.goto(live_server + path)
    overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if path == "/":
        shot(tab, "home-phone")
    context.close()
    assert overflow <= 0


def test_the_api_docs_load_without_a_network(live_server: str, page: Page) -> None:
    page.goto(live_server + "/docs")
    page.wait_for_selector("#swagger-ui .opblock", timeout=15000)
    assert "/api/articles" in page.locator("#swagger-ui").inner_text()
    shot(page, "docs")
