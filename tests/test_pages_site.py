"""What a newcomer reads on the site (issue 13): active filters, the no-results page,
entity matches marked, labels in words, where a reader is in a list, headings, addresses.
Expected values come from reading the seeds."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest

from tests.conftest import SEED_IDS
from tests.test_pages import PAGES, parse


class Outline(HTMLParser):
    """The page's headings (level, text), and the text of the elements with a class."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[tuple[int, str]] = []
        self._level: int | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if re.fullmatch(r"h[1-6]", tag):
            self._level, self._text = int(tag[1]), []

    def handle_data(self, data: str) -> None:
        if self._level is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._level is not None and tag == f"h{self._level}":
            self.headings.append((self._level, " ".join("".join(self._text).split())))
            self._level = None


def headings(html: str) -> list[tuple[int, str]]:
    outline = Outline()
    outline.feed(html)
    return outline.headings


def text_of(html: str, css_class: str) -> str:
    """The text of the first element with this class, tags dropped."""
    m = re.search(rf'<(\w+) class="[^"]*\b{css_class}\b[^"]*"[^>]*>(.*?)</\1>', html, re.S)
    assert m, f"no .{css_class}"
    return " ".join(unescape(re.sub(r"<[^>]+>", "", m.group(2))).split())


# --- 2. active filters -------------------------------------------------------------------


def test_active_filters_are_chips_above_the_results_each_removing_itself(client) -> None:
    response = client.get(
        "/en/articles",
        params={"q": "Израиль", "lang": "ru", "leader": "reuven-rivlin", "date_from": "2020-01-01"},
    )
    html = response.text
    assert response.context["page"].total == 1
    chips = re.findall(r'<li data-filter="(\w+)"><a href="([^"]+)"[^>]*>(.*?)</a>', html)
    labels = [
        " ".join(unescape(re.sub(r"<[^>]+>", "", text)).replace("×", "").split()) for _, _, text in chips
    ]
    assert labels == [
        "Language: Russian (remove)",
        "Leader: Reuven Rivlin (remove)",
        "From: 1 January 2020 (remove)",
    ]
    # Each chip is the same search without that one filter.
    hrefs = {name: unescape(href) for name, href, _ in chips}
    assert (
        hrefs["lang"] == "/en/articles?q=%D0%98%D0%B7%D1%80%D0%B0%D0%B8%D0%BB%D1%8C"
        "&leader=reuven-rivlin&date_from=2020-01-01"
    )
    without_lang = client.get(hrefs["lang"]).context["params"]
    assert without_lang.filters["lang"] == [] and without_lang.filters["leader"] == ["reuven-rivlin"]
    without_date = client.get(hrefs["date_from"]).context["params"]
    assert without_date.date_from is None and without_date.q == "Израиль"
    # "Clear all filters" keeps the words.
    clear = re.search(r'<a class="clear" href="([^"]+)">Clear all filters</a>', html)
    assert clear
    cleared = client.get(unescape(clear.group(1))).context["page"]
    assert cleared.filters == {} and cleared.query == "Израиль" and cleared.total == 2
    # Above the results, not only in the sidebar.
    assert html.index('class="active-filters"') < html.index('<ol class="articles">')


def test_no_chips_without_filters(client) -> None:
    assert 'class="active-filters"' not in client.get("/en/articles", params={"q": "Израиль"}).text


# --- 3. no results -----------------------------------------------------------------------


def test_no_results_says_what_was_searched_and_offers_each_filter_removed_with_its_count(client) -> None:
    # Seeds 000 and 002 name Israel; both are Russian, and only 000 names Rivlin.
    response = client.get("/en/articles", params={"q": "Израиль", "lang": "kk", "leader": "reuven-rivlin"})
    html = response.text
    assert response.context["page"].total == 0
    no_results = text_of(html, "no-results")
    assert "No article contains all the words of «Израиль» with the filters above." in no_results
    offers = re.findall(
        r'<li><a href="([^"]+)">(Without [^<]+)</a>(?: <span class="count">([^<]+)</span>)?', html
    )
    assert [(text, count) for _, text, count in offers] == [
        ("Without language: Kazakh", "1 article"),
        ("Without any filter", ""),
    ]
    # A way out that would still find nothing is said, not linked.
    dead_end = '<span class="dead-end">Without leader: Reuven Rivlin</span>'
    assert f'{dead_end} <span class="count">(this alone would still find nothing)</span>' in html
    assert client.get(unescape(offers[0][0])).context["page"].total == 1
    # Nothing to sort, export or chart.
    assert 'class="sort"' not in html and "CSV" not in html and "<h2>Timeline</h2>" not in html
    assert 'class="pagination"' not in html


def test_no_results_offers_the_respelling(client) -> None:
    html = client.get("/en/articles", params={"q": "Изриль"}).text
    assert re.search(r'Did you mean <a href="/en/articles\?q=[^"]+">израиль</a>\?', html, re.I)
    assert "in both Cyrillic scripts" in text_of(html, "no-results")


# --- 4. entity matches marked --------------------------------------------------------------


def test_a_match_through_an_entity_marks_the_mention(client) -> None:
    """`Tokayev` shares no letter with «Тоқаев»: the Kazakh seeds match through the leader,
    and their snippets mark where the loader found him."""
    page = client.get("/en/articles", params={"q": "Tokayev"}).context["page"]
    marks = {hit.article.id: [s.text for s in hit.snippet if s.mark] for hit in page.items}
    assert marks[SEED_IDS["001"]][0] == "Қасым-Жомарт Тоқаев"
    assert marks[SEED_IDS["003"]][0] == "Қасым-Жомарт Тоқаев"
    assert "Касым-Жомарта Кемелевича Токаева" in marks[SEED_IDS["002"]]
    assert all(marks.values()), marks


def test_a_country_word_marks_its_kazakh_forms(client) -> None:
    page = client.get("/en/articles", params={"q": "Казахстане"}).context["page"]
    marks = {hit.article.id: [s.text for s in hit.snippet if s.mark] for hit in page.items}
    assert "Қазақстанның" in marks[SEED_IDS["003"]]
    assert all(marks.values()), marks


# --- 5. labels ---------------------------------------------------------------------------


def test_sort_line_has_no_exports_and_no_relevance_without_words(client) -> None:
    html = client.get("/en/articles").text
    sort_line = text_of(html, "sort")
    assert sort_line == "Sort: newest · oldest"
    assert text_of(html, "exports") == "Download this list: Atom feed · CSV · JSON Lines"
    assert text_of(client.get("/en/articles", params={"q": "Токаев"}).text, "sort") == (
        "Sort: relevance · newest · oldest"
    )


def test_result_lines_name_the_language_as_the_facet_does(client) -> None:
    html = client.get("/en/articles").text
    metas = re.findall(r'<p class="meta">(.*?)</p>', html, re.S)
    languages = [re.sub(r"<[^>]+>", "", m).split(" · ")[1] for m in metas]
    assert sorted(languages) == ["Kazakh", "Kazakh", "Kazakh", "Russian", "Russian"]
    assert text_of(html, "facet").startswith("Language")


def test_an_inferred_year_is_said_once(client) -> None:
    html = client.get(f"/en/articles/{SEED_IDS['000']}").text
    assert re.search(
        r'<time datetime="2020-04-03">3 April 2020</time> <span class="flag"[^>]*>year inferred</span>', html
    )
    assert html.count("year inferred") == 1 + html.count("year inferred:")
    assert "year inferred: 2020" not in html


def test_dates_in_words_on_the_home_page(client) -> None:
    html = client.get("/en/").text
    assert "Dated articles run from" in html
    summary = text_of(html, "summary")
    assert "from 3 April 2020 to 27 January 2026" in summary
    assert "2020-04-03" not in summary.replace('datetime="2020-04-03"', "")


def test_a_country_page_says_which_name_is_which_language(client) -> None:
    html = client.get("/en/countries/il").text
    assert "In Russian and Kazakh: Израиль" in text_of(html, "local-names")
    cn = text_of(client.get("/en/countries/cn").text, "local-names")
    assert "In Russian: Китай · In Kazakh: Қытай" in cn


def test_leaders_with_the_same_title_show_their_years(client) -> None:
    html = client.get("/en/leaders").text
    rows = {
        re.sub(r"<[^>]+>", "", name): " ".join(re.sub(r"<[^>]+>", "", role).split())
        for name, role in re.findall(r"<tr><td>(.*?)</td><td>(.*?)</td>", html)
    }
    assert rows["Kassym-Jomart Tokayev"] == "President of Kazakhstan (2019–present)"
    assert rows["Nursultan Nazarbayev"] == "President of Kazakhstan (1990–2019)"


def test_an_article_names_nobody_unresolved_whom_it_names(client) -> None:
    html = client.get(f"/en/articles/{SEED_IDS['001']}").text
    assert "Unresolved titles" not in html and "Officials not named" not in html


# --- 6. navigation -----------------------------------------------------------------------


def test_result_pages_say_where_the_reader_is_and_link_the_first_page(client) -> None:
    assert 'class="position"' not in client.get("/en/articles").text  # one page: nothing to place
    first = client.get("/en/articles", params={"limit": 2})
    assert text_of(first.text, "position") == "1–2 of 5"
    assert "First page" not in first.text
    second = client.get({t: h for h, t in parse(first.text).links}["Next →"])
    assert text_of(second.text, "position") == "3–4 of 5"
    third = client.get(unescape({t: h for h, t in parse(second.text).links}["Next →"]))
    assert text_of(third.text, "position") == "5 of 5"
    back = {t: h for h, t in parse(third.text).links}["« First page"]
    assert unescape(back) == "/en/articles?limit=2"


@pytest.mark.parametrize(
    "url",
    ["/en" + url for url, _ in PAGES]
    + ["/en/articles?q=Токаев", "/en/articles?q=Израиль&lang=kk", "/en/nowhere", "/docs"],
)
def test_one_h1_and_no_skipped_heading_level(client, url: str) -> None:
    found = headings(client.get(url).text)
    levels = [level for level, _ in found]
    assert levels.count(1) == 1 and levels[0] == 1, found
    for before, after in zip(levels, levels[1:], strict=False):
        assert after <= before + 1, found


@pytest.mark.parametrize(
    ("url", "section"),
    [("/en/", "Latest"), ("/en/leaders/kassym-jomart-tokayev", "Articles"), ("/en/countries/kz", "Articles")],
)
def test_article_titles_sit_under_their_section_heading(client, url: str, section: str) -> None:
    found = headings(client.get(url).text)
    at = found.index((2, section))
    assert found[at + 1][0] == 3, found


@pytest.mark.parametrize(
    "url", ["/en/", "/en/articles", f"/en/articles/{SEED_IDS['002']}", "/en/leaders", "/en/about"]
)
def test_a_skip_link_leads_to_the_content(client, url: str) -> None:
    html = client.get(url).text
    assert re.search(r'<body>\s*<a class="skip" href="#content">Skip to content</a>', html)
    assert '<main id="content">' in html


def test_docs_say_what_they_are_and_link_back_without_javascript(client) -> None:
    html = client.get("/docs").text
    assert headings(html)[0] == (1, "The archive's JSON API")
    assert '<a href="/en/">← Press archive</a>' in html  # the API's language: Accept-Language
    assert re.search(r"<noscript>.*/openapi\.json.*</noscript>", html, re.S)


# --- 7. addresses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "canonical"),
    [
        (
            "/en/articles/spiker-senata-vstretilsia-s-ministrom-inostrannykh-del-cf854c57",
            f"/en/articles/{SEED_IDS['002']}",
        ),
        (
            "/en/articles/spiker-senata-vstretilsia-s-ministrom-inostrannykh-del-cf854c57/source",
            f"/en/articles/{SEED_IDS['002']}/source",
        ),
        (
            "/api/articles/tokaev-prinial-priglashenie-posetit-izrail-oseniu-2020-goda-0850c73b?part=1",
            f"/api/articles/{SEED_IDS['000']}?part=1",
        ),
    ],
)
def test_an_article_slug_redirects_to_its_page(client, typed: str, canonical: str) -> None:
    response = client.get(typed, follow_redirects=False)
    assert response.status_code in (301, 308)
    assert response.headers["location"] == canonical
    assert client.get(canonical).status_code == 200


def test_an_unknown_slug_is_still_a_404(client) -> None:
    assert client.get("/en/articles/no-such-article-0000", follow_redirects=False).status_code == 404
