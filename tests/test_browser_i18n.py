"""Every page type in Kazakh and Russian, in real Chromium at desktop and phone widths: no
English interface word left (article text, names and codes aside), nothing wider than the
screen, and the language switcher keeps the page, the query and the filters.

Screenshots of each page go to $SCREENSHOTS_DIR when it is set (for people to look at).
"""

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from tests.conftest import SEED_IDS, chromium

PAGES = {
    "home": "/",
    "search": "/articles?q=Токаев&lang=kk",
    "list": "/articles",
    "article": f"/articles/{SEED_IDS['000']}",
    "source": f"/articles/{SEED_IDS['002']}/source",
    "leaders": "/leaders",
    "leader": "/leaders/kassym-jomart-tokayev",
    "countries": "/countries",
    "country": "/countries/il",
    "organisations": "/organisations",
    "organisation": "/organisations/un",
    "about": "/about",
    "not-found": "/articles/no-such-article",
}
VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 375, "height": 740}}
# Latin words a Kazakh or Russian page may show outside article text: formats and the API
# by their names (/docs), and the outlets' own names (KAZ.NUR.KZ, Kazpravda.kz, ERNUR.KZ,
# Sputnik). The loader's date evidence is English and marked so (lang="en").
ALLOWED = {
    "atom",
    "csv",
    "json",
    "lines",
    "api",
    "kazpravda",
    "sputnik",
    "nur",
    "kaz",
    "ernur",
    "kz",
    "utf",
    "docs",
}
# The text a reader sees that belongs to the interface: everything but elements marked as
# being in another language (article text, names in another language), code, and the
# raw source lines.
INTERFACE_TEXT = """() => {
  const page = document.documentElement.lang;
  const skip = (el) => el.closest('code, ol.source, script, style') ||
      (el.closest('[lang]') && el.closest('[lang]').getAttribute('lang') !== page);
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const out = [];
  while (walker.nextNode()) {
    const node = walker.currentNode;
    if (!node.parentElement || skip(node.parentElement)) continue;
    const style = getComputedStyle(node.parentElement);
    if (style.display === 'none' || style.visibility === 'hidden') continue;
    out.push(node.textContent);
  }
  return out.join(' ');
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


def english_words(text: str) -> list[str]:
    """Latin words of three letters or more, not codes (UN, SCO, IL) and not allowed names."""
    words = re.findall(r"[A-Za-z][A-Za-z'’]{2,}", text)
    return sorted({w for w in words if not w.isupper() and w.lower() not in ALLOWED})


def open_page(browser: Browser, url: str, viewport: str) -> tuple[Page, list[str]]:
    context = browser.new_context(viewport=VIEWPORTS[viewport], is_mobile=viewport == "phone")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto(url)
    return tab, errors


@pytest.fixture(scope="module")
def loaded() -> Iterator[dict[tuple[str, str], tuple[Page, list[str]]]]:
    """Pages loaded at desktop width and kept for their phone-width check: the style sheet
    reads the width only (min-/max-width queries, `width=device-width`), so one load resized
    to a phone's width lays out as a phone's own load would, at half the page loads."""
    tabs: dict[tuple[str, str], tuple[Page, list[str]]] = {}
    yield tabs
    for tab, _ in tabs.values():
        tab.context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["kk", "ru"])
@pytest.mark.parametrize("name", PAGES)
def test_a_page_has_no_english_interface_words_and_fits(
    browser: Browser,
    live_server: str,
    loaded: dict[tuple[str, str], tuple[Page, list[str]]],
    name: str,
    lang: str,
    viewport: str,
) -> None:
    kept = loaded.pop((name, lang), None)
    if kept is not None:
        tab, errors = kept
        tab.set_viewport_size(VIEWPORTS[viewport])
    else:
        tab, errors = open_page(browser, f"{live_server}/{lang}{PAGES[name]}", viewport)
    keep = viewport == "desktop"
    try:
        assert tab.evaluate("document.documentElement.lang") == lang
        assert tab.evaluate("window.innerWidth") == VIEWPORTS[viewport]["width"]
        found = english_words(tab.evaluate(INTERFACE_TEXT))
        overflow = tab.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if os.environ.get("SCREENSHOTS_DIR"):
            folder = Path(os.environ["SCREENSHOTS_DIR"])
            folder.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(folder / f"{name}-{lang}-{viewport}.png"), full_page=True)
    except BaseException:
        keep = False
        raise
    finally:
        if keep:
            loaded[(name, lang)] = (tab, errors)
        else:
            tab.context.close()
    assert found == []
    assert overflow <= 0
    assert errors == []


def test_the_switcher_keeps_the_page_query_and_filters(browser: Browser, live_server: str) -> None:
    tab, _ = open_page(browser, f"{live_server}/kk/articles?q=Токаев&lang=kk&sort=oldest", "desktop")
    try:
        first = [a.get_attribute("data-id") for a in tab.locator("li.article").all()]
        tab.click("nav.languages a[hreflang=ru]")
        tab.wait_for_url("**/ru/articles?**")
        assert tab.evaluate("document.documentElement.lang") == "ru"
        assert [a.get_attribute("data-id") for a in tab.locator("li.article").all()] == first
        assert (
            tab.locator("section.facet[data-facet=lang] li.selected").inner_text().startswith("✓ казахский")
        )
        assert tab.locator("form.search input[name=q]").input_value() == "Токаев"
        assert tab.locator("p.sort strong").inner_text() == "сначала старые"
    finally:
        tab.context.close()


def test_the_date_filter_reads_the_same_in_any_browser_locale(browser: Browser, live_server: str) -> None:
    """A German browser still sees and types YYYY-MM-DD, with the page's own hint."""
    context = browser.new_context(locale="de-DE")
    tab = context.new_page()
    try:
        tab.goto(f"{live_server}/ru/articles")
        field = tab.locator("input[name=date_from]")
        assert field.get_attribute("placeholder") == "ГГГГ-ММ-ДД"
        field.fill("2026-01-01")
        tab.click("form.filters button")
        tab.wait_for_url("**date_from=2026-01-01**")
        assert tab.locator("h1").inner_text() == "1 статья"
    finally:
        context.close()
