"""Every HTML page on the archive built from the seeds, checked as a reader would."""

import re
from html.parser import HTMLParser

import pytest

from tests.conftest import SEED_IDS


class Links(HTMLParser):
    """Hrefs and texts of links, and the JSON twin named in <link rel=alternate>."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.alternate: str | None = None
        self._href: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "alternate" and a.get("type") == "application/json":
            self.alternate = a.get("href")
        if tag == "a":
            self._href, self._text = a.get("href"), []

    def handle_data(self, data: str) -> None:
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._href is not None:
            self.links.append((self._href, "".join(self._text).strip()))
            self._href = None


def parse(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def article_ids_on(html: str) -> list[str]:
    return re.findall(r'class="article" data-id="([0-9a-f]+)"', html)


PAGES = [
    ("/", "home.html"),
    ("/articles", "articles.html"),
    ("/articles/cf854c5743a0f1ee", "article.html"),
    ("/articles/cf854c5743a0f1ee/source", "source.html"),
    ("/leaders", "leaders.html"),
    ("/leaders/kassym-jomart-tokayev", "leader.html"),
    ("/countries", "countries.html"),
    ("/countries/il", "country.html"),
    ("/organisations", "organisations.html"),
    ("/organisations/un", "organisation.html"),
    ("/about", "about.html"),
]


@pytest.mark.parametrize(("url", "template"), PAGES)
def test_every_page_renders_and_names_its_json_twin(client, url: str, template: str) -> None:
    response = client.get(url)
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.template.name == template
    twin = parse(response.text).alternate
    assert twin is not None and twin.startswith("/api/")
    assert client.get(twin).status_code == 200
    assert 'name="viewport"' in response.text


def test_seed_002_page(client) -> None:
    response = client.get("/en/articles/cf854c5743a0f1ee")
    html = response.text
    assert "27 January 2026" in html and 'datetime="2026-01-27"' in html
    links = dict(parse(html).links)
    for slug in (
        "maulen-ashimbayev",
        "gideon-saar",
        "benjamin-netanyahu",
        "kassym-jomart-tokayev",
        "isaac-herzog",
    ):
        assert f"/en/leaders/{slug}" in links
    assert links["/en/countries/il"] == "Israel"
    assert "resolved from title" in html
    assert "Kazpravda.kz" in html and "Senate of Kazakhstan" in html


def test_article_body_links_mentions_to_their_pages(client) -> None:
    html = client.get("/en/articles/cf854c5743a0f1ee").text
    assert '<a class="entity leader" href="/en/leaders/maulen-ashimbayev">Маулен Ашимбаев</a>' in html
    assert '<a class="entity country" href="/en/countries/il">Израилем</a>' in html


def test_inferred_and_unknown_dates_read_honestly(client) -> None:
    assert "3 April 2020" in client.get("/en/articles/0850c73b636fa0ad").text
    seed_001 = client.get("/en/articles/79748dd0cfb8815e").text
    assert "date unknown" in seed_001
    assert "derived headline" in seed_001  # docs/glossary.md


def test_source_view_marks_removed_lines_with_reasons(client) -> None:
    html = client.get("/articles/2496c4a878802486/source").text
    assert re.search(
        r'<li value="10" class="removed"><span class="text">Тележүргізуші Дана Нұржігіттің өмірбаяны</span>'
        r' <span class="reason">read-also link \(linked title\)</span>',
        html,
    )
    assert '<li value="1"><span class="text">Мемлекет басшысы' in html


def test_country_page_lists_its_articles(client) -> None:
    html = client.get("/countries/il").text
    assert sorted(article_ids_on(html)) == sorted([SEED_IDS["000"], SEED_IDS["002"]])
    assert "/leaders/reuven-rivlin" in html and "/leaders/isaac-herzog" in html


def test_tokayev_page_lists_all_five_seeds(client) -> None:
    response = client.get("/leaders/kassym-jomart-tokayev")
    assert sorted(article_ids_on(response.text)) == sorted(SEED_IDS.values())
    page = response.context["page"]
    assert "Тоқаевқа" in " ".join(page.names["seen"]) or "Қасым-Жомарт Тоқаевқа" in page.names["seen"]
    assert "Касым-Жомарт Токаев" in page.names["ru"]
    assert {c.key for c in page.co_countries} >= {"KZ", "IL", "CN"}


def test_leader_page_can_order_by_date(client) -> None:
    ids = article_ids_on(client.get("/leaders/kassym-jomart-tokayev?order=date").text)
    assert ids[:2] == [SEED_IDS["002"], SEED_IDS["000"]]


def test_leaders_index_filters_by_affiliation(client) -> None:
    response = client.get("/leaders", params={"affiliation": "il"})
    names = [row.name for row in response.context["page"].items]
    assert set(names) == {"Reuven Rivlin", "Isaac Herzog", "Benjamin Netanyahu", "Gideon Sa'ar"}


def test_search_israel_in_russian_with_facets_that_add_up(client) -> None:
    response = client.get("/articles", params={"q": "Израиль", "lang": "ru"})
    page = response.context["page"]
    assert sorted(article_ids_on(response.text)) == sorted([SEED_IDS["000"], SEED_IDS["002"]])
    assert page.total == 2
    assert [(f.value, f.count, f.selected) for f in page.facets["lang"]] == [("ru", 2, True)]
    assert sum(f.count for f in page.facets["event"]) == 3  # 000: call + invitation, 002: meeting
    assert {f.value: f.count for f in page.facets["country"]} == {"IL": 2, "KZ": 2, "US": 1}
    assert "<mark>" in response.text


def test_facet_link_adds_the_filter_and_keeps_the_query(client) -> None:
    page = client.get("/articles", params={"q": "Токаев"})
    links = [href for href, _ in parse(page.text).links if "event=meeting" in href]
    assert links
    follow = client.get(links[0])
    assert "q=%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2" in links[0]
    assert sorted(article_ids_on(follow.text)) == sorted([SEED_IDS["002"], SEED_IDS["004"]])


def test_pagination_keeps_filters_in_the_url(client) -> None:
    first = client.get("/articles", params={"limit": 2, "country": "KZ"})
    next_link = next(href for href, text in parse(first.text).links if text.startswith("Next"))
    assert "country=KZ" in next_link and "limit=2" in next_link
    second = client.get(next_link)
    third = client.get(next(href for href, text in parse(second.text).links if text.startswith("Next")))
    seen = article_ids_on(first.text) + article_ids_on(second.text) + article_ids_on(third.text)
    assert sorted(seen) == sorted(SEED_IDS.values())


def test_no_hits_offers_a_spelling_that_exists(client) -> None:
    response = client.get("/articles", params={"q": "Изриль"})
    assert response.context["page"].total == 0
    suggestion = response.context["page"].suggestion
    assert suggestion
    assert client.get("/articles", params={"q": suggestion}).context["page"].total > 0


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        # A date typed in the box, a phrase and an excluded word are part of what was asked:
        # the respelling changes the misspelt word and nothing else.
        ("date:2020 Изриль", "date:2020 "),
        ('"телефонный разговор" Изриль', '"телефонный разговор" '),
        ("Изриль -Пиночет", " -Пиночет"),
        ("Изриль NOT Пиночет", " NOT Пиночет"),
    ],
)
def test_a_spelling_suggestion_keeps_the_rest_of_the_query_as_typed(client, typed: str, kept: str) -> None:
    response = client.get("/articles", params={"q": typed})
    assert response.context["page"].total == 0
    suggestion = response.context["page"].suggestion
    assert suggestion is not None and kept in suggestion, suggestion
    assert "изриль" not in suggestion.casefold()
    assert client.get("/articles", params={"q": suggestion}).context["page"].total > 0


def test_date_range_filter(client) -> None:
    response = client.get("/articles", params={"date_from": "2021-01-01", "date_to": "2026-12-31"})
    assert article_ids_on(response.text) == [SEED_IDS["002"]]


def test_timeline_counts_matching_articles_per_month(client) -> None:
    page = client.get("/articles", params={"q": "Токаев"}).context["page"]
    assert [(b.month, b.count) for b in page.timeline] == [("2020-04", 1), ("2026-01", 1)]
    assert page.undated == 3


def test_home_page_summary(client) -> None:
    page = client.get("/").context["page"]
    assert page.articles == 5
    assert page.by_language == {"ru": 2, "kk": 3}
    assert (page.date_from, page.date_to, page.undated) == ("2020-04-03", "2026-01-27", 3)
    assert page.top_leaders[0].key == "kassym-jomart-tokayev" and page.top_leaders[0].count == 5
    assert [a.id for a in page.latest][:2] == [SEED_IDS["002"], SEED_IDS["000"]]


@pytest.mark.parametrize(
    "url", ["/articles/nope", "/leaders/nobody", "/countries/zz", "/organisations/xyz", "/nowhere"]
)
def test_unknown_things_get_a_real_404_page(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "404" in response.text and "Traceback" not in response.text


@pytest.mark.parametrize(
    "params",
    [{"sort": "sideways"}, {"date_from": "2020-02-30"}, {"limit": "-1"}, {"limit": "many"}, {"cursor": "@@"}],
)
def test_bad_parameters_get_a_4xx_page_with_a_message(client, params: dict[str, str]) -> None:
    response = client.get("/articles", params=params)
    assert response.status_code == 400
    assert response.template.name == "error.html"


def test_entity_pages_show_a_bounded_list_with_a_link_to_all(tmp_path) -> None:
    from fastapi.testclient import TestClient

    from app.loader.pipeline import load
    from app.main import create_app
    from app.queries.leaders import ARTICLES_SHOWN
    from tests.conftest import make_settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(ARTICLES_SHOWN + 5):
        (corpus / f"{n:03d}.txt").write_text(
            f"date 2024-03-{n % 28 + 1:02d} Токаев провел встречу номер {n}\n\n"
            f"Президент Казахстана Касым-Жомарт Токаев провел встречу номер {n} с делегацией.\n",
            encoding="utf-8",
        )
    settings = make_settings(tmp_path / "data")
    load([corpus], settings)
    with TestClient(create_app(settings)) as local:
        for url in ("/leaders/kassym-jomart-tokayev", "/countries/kz"):
            response = local.get(url)
            page = response.context["page"]
            assert page.articles == ARTICLES_SHOWN + 5
            assert len(page.article_list) == ARTICLES_SHOWN
            assert f"All {ARTICLES_SHOWN + 5} articles" in response.text


def test_no_spelling_suggestion_when_filters_emptied_the_list(client) -> None:
    """Israel is in the archive, just not in Kazakh: a respelling would not help."""
    response = client.get("/articles", params={"q": "Израиль", "lang": "kk"})
    assert response.context["page"].total == 0
    assert response.context["page"].suggestion is None
    assert client.get("/articles", params={"q": "Израиль"}).context["page"].total > 0
