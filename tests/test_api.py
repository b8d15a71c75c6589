"""The JSON API: fields, pagination, errors, caching headers, CORS, and parity with the pages."""

import csv
import io
import json
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from tests.conftest import SEED_IDS

ARTICLE_FIELDS = {
    "id", "slug", "url", "source_file", "title", "title_derived", "date", "date_precision", "date_inferred",
    "language", "outlet", "cited_source", "dateline", "tags", "event_types", "leaders", "countries",
    "organisations", "lead", "body",
}  # fmt: skip


def test_article_carries_the_documented_fields(client) -> None:
    response = client.get(f"/api/articles/{SEED_IDS['000']}")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    article = response.json()
    assert ARTICLE_FIELDS <= set(article)
    assert article["url"] == f"/articles/{SEED_IDS['000']}"
    assert (article["date"], article["date_precision"], article["date_inferred"]) == (
        "2020-04-03",
        "day",
        True,
    )
    assert article["title_derived"] is False
    assert article["outlet"] == "Sputnik Казахстан"
    assert article["dateline"] == "НУР-СУЛТАН, 3 апр – Sputnik."
    assert article["event_types"] == ["phone_call", "invitation"]
    assert {(x["slug"], x["name"], x["affiliation"]) for x in article["leaders"]} == {
        ("kassym-jomart-tokayev", "Kassym-Jomart Tokayev", "KZ"),
        ("reuven-rivlin", "Reuven Rivlin", "IL"),
    }
    assert {(c["code"], c["name"]) for c in article["countries"]} == {("KZ", "Kazakhstan"), ("IL", "Israel")}
    assert all(x["url"].startswith("/leaders/") for x in article["leaders"])


def test_derived_title_and_unknown_date_in_json(client) -> None:
    article = client.get(f"/api/articles/{SEED_IDS['001']}").json()
    assert article["headline"] is None and article["title_derived"] is True
    assert article["date"] is None and article["date_precision"] == "unknown"
    assert {o["code"] for o in article["organisations"]} == {"UN", "SCO", "CICA"}


def test_search_api_filters_and_facets(client) -> None:
    body = client.get("/api/search", params={"q": "Израиль", "lang": "ru"}).json()
    assert sorted(item["article"]["id"] for item in body["items"]) == sorted(
        [SEED_IDS["000"], SEED_IDS["002"]]
    )
    assert body["total"] == 2 and body["filters"] == {"lang": ["ru"]} and body["sort"] == "relevance"
    assert {f["value"]: f["count"] for f in body["facets"]["leader"]}["kassym-jomart-tokayev"] == 2


def test_cursor_pagination_with_next_link_and_link_header(client) -> None:
    seen: list[str] = []
    url = "/api/articles?limit=2"
    pages = 0
    while url:
        response = client.get(url)
        body = response.json()
        seen += [item["article"]["id"] for item in body["items"]]
        url = body["next"]
        links = response.headers.get("link", "")
        if url:
            assert f'<http://127.0.0.1:8000{url}>; rel="next"' in links
            assert "limit=2" in url
        if body["previous"]:
            assert f'<http://127.0.0.1:8000{body["previous"]}>; rel="prev"' in links
        pages += 1
    assert pages == 3
    assert sorted(seen) == sorted(SEED_IDS.values())
    assert seen[:2] == [SEED_IDS["002"], SEED_IDS["000"]]


def test_lists_of_leaders_countries_organisations(client) -> None:
    leaders = client.get("/api/leaders").json()["items"]
    assert leaders[0]["slug"] == "kassym-jomart-tokayev" and leaders[0]["articles"] == 5
    countries = {c["code"]: c["articles"] for c in client.get("/api/countries").json()["items"]}
    assert countries == {"KZ": 5, "IL": 2, "CN": 1, "US": 1, "SY": 1, "AF": 1}
    organisations = {o["code"]: o["articles"] for o in client.get("/api/organisations").json()["items"]}
    assert organisations == {"UN": 3, "UNGA": 1, "UNSC": 1, "SCO": 1, "CICA": 1}
    israel = client.get("/api/countries/IL").json()
    assert sorted(a["id"] for a in israel["article_list"]) == sorted([SEED_IDS["000"], SEED_IDS["002"]])


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/articles/nope", 404),
        ("/api/leaders/nobody", 404),
        ("/api/countries/zz", 404),
        ("/api/organisations/nope", 404),
        ("/api/nowhere", 404),
        ("/api/articles?sort=sideways", 400),
        ("/api/articles?date_from=2020-13-01", 400),
        ("/api/articles?limit=0", 400),
        ("/api/articles?limit=100000", 400),
        ("/api/articles?cursor=not-a-cursor", 400),
        ("/api/articles?cursor=eyJvIjogdHJ1ZX0", 400),  # {"o": true}: a bool is not an offset
        ("/api/articles?date_from=2021-01-01&date_to=2020-01-01", 400),
        ("/api/leaders?sort=height", 400),
        ("/api/articles?lang=xx", 400),
        ("/api/articles?leader=nobody-at-all", 400),
    ],
)
def test_one_error_shape_for_every_4xx(client, url: str, status: int) -> None:
    response = client.get(url)
    assert response.status_code == status
    error = response.json()["error"]
    assert set(error) == {"status", "title", "message", "details"}
    assert error["status"] == status and error["message"]
    assert "Traceback" not in response.text


def test_etag_and_cache_control(client) -> None:
    first = client.get("/api/articles")
    etag = first.headers["etag"]
    assert first.headers["cache-control"].startswith("public")
    again = client.get("/api/articles", headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.content == b""
    other = client.get("/api/articles?lang=kk")
    assert other.headers["etag"] != etag


def test_cors_for_get(client) -> None:
    response = client.get("/api/home", headers={"Origin": "https://example.org"})
    assert response.headers["access-control-allow-origin"] == "*"


def test_security_headers_everywhere(client) -> None:
    for url in ("/", "/api/home", "/articles/nope"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize(
    "url",
    [
        f"/articles/{SEED_IDS['002']}",
        "/articles?q=Израиль&lang=ru",
        "/leaders/kassym-jomart-tokayev",
        "/countries/il",
        "/organisations/un",
        "/",
        "/about",
        "/leaders",
        "/countries",
    ],
)
def test_json_twin_agrees_with_the_page(client, url: str) -> None:
    """The same object on both faces, except that the page's links carry its language
    prefix (/en/articles/…) and the JSON's do not."""
    page = client.get("/en" + url)
    twin = client.get("/api" + (url if url != "/" else "/home"))
    context = page.context["page"]
    assert twin.json() == without_prefix(context.model_dump(mode="json"))


def without_prefix(value: Any) -> Any:
    if isinstance(value, dict):
        return {
            k: v.removeprefix("/en")
            if (k == "url" or k.endswith("_url")) and isinstance(v, str)
            else without_prefix(v)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [without_prefix(v) for v in value]
    return value


def test_openapi_documents_every_api_route(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    assert {
        "/api/articles", "/api/articles/{article_id}", "/api/search", "/api/leaders", "/api/leaders/{slug}",
        "/api/countries", "/api/countries/{code}", "/api/organisations", "/api/organisations/{code}",
        "/api/home",
    } <= set(paths)  # fmt: skip
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/static/swagger/swagger-ui-bundle.js" in docs.text
    assert client.get("/static/swagger/swagger-ui-bundle.js").status_code == 200


def test_atom_feed_of_a_leader(client) -> None:
    response = client.get("/feeds/articles.atom", params={"country": "IL"})
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    links = [e.find("a:link", ns).get("href") for e in feed.findall("a:entry", ns)]
    assert sorted(link.rsplit("/", 1)[1] for link in links) == sorted([SEED_IDS["000"], SEED_IDS["002"]])
    assert "Country: IL" in feed.find("a:title", ns).text


def test_csv_and_jsonl_exports_of_a_search(client) -> None:
    params = {"q": "Тоқаев", "lang": "kk"}
    export = client.get("/export/articles.csv", params=params).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(export)))
    assert sorted(r["id"] for r in rows) == sorted([SEED_IDS["001"], SEED_IDS["003"], SEED_IDS["004"]])
    assert all(r["date"] == "" and r["date_precision"] == "unknown" for r in rows)
    lines = client.get("/export/articles.jsonl", params=params).text.strip().split("\n")
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(r["id"] for r in rows)


@pytest.mark.parametrize("path", ["/", "/articles?q=Токаев", "/api/articles", f"/articles/{SEED_IDS['002']}"])
def test_head_is_get_without_the_body(client, path: str) -> None:
    got, head = client.get(path), client.head(path)
    assert got.status_code == head.status_code == 200
    assert head.content == b""
    for name in ("content-type", "etag", "content-length", "content-security-policy", "x-archive-build"):
        assert head.headers[name] == got.headers[name], name


def test_head_of_a_missing_article_is_404(client) -> None:
    assert client.head("/articles/no-such-article").status_code == 404
