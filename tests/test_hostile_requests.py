"""Hostile input: script payloads in articles, file names and queries; query-parser and
pagination abuse; security headers on every kind of response; error pages that give
nothing away; and a real Chromium that must run none of the payloads.

The hostile archive is built by the real loader from files this module writes, and served
both in-process (TestClient) and by a real uvicorn for the browser.
"""

import base64
import json
import shutil
import sqlite3
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from playwright.sync_api import Browser, Page

from app.build.layout import DB_NAME, INDEX_NAME, current_build
from app.config import Settings
from app.loader.pipeline import load
from app.main import create_app
from tests.conftest import SEED_IDS, chromium, make_settings, serving

SCRIPT = "<script>window.__xss=1;alert(1)</script>"
IMG = '"><img src=x onerror="window.__xss=1;alert(1)">'
SVG = '<svg onload="window.__xss=1;alert(1)">'
BOLD = '<b onmouseover="window.__xss=1">bold</b>'
JS_URL = "javascript:window.__xss=1;alert(1)"
RU_ID = "a1b2c3d4e5f60718"  # the id comes from the file name's hash
EN_FILE = '"><img src=x onerror=alert(1)>.txt'
KK_FILE = "<svg onload=alert(1)>'x'.txt"
RU_TITLE = f"Токаев провел переговоры {SCRIPT} в Астане"
EN_TITLE = f"Kazakhstan and China discuss trade {IMG}"
KK_TITLE = "Тоқаев Қытай басшысымен <script>window.__xss=1</script> кездесті"
FILES = {
    f"{RU_ID}.txt": f"""{RU_TITLE}

Фото: {IMG}

АСТАНА, 5 мая – Sputnik. Президент Казахстана Касым-Жомарт Токаев провел телефонный разговор \
с президентом Израиля Реувеном Ривлиным. Стороны обсудили сотрудничество {IMG} и торговлю.

Ссылка на заявление: {JS_URL} опубликована пресс-службой Акорды.

Глава государства Токаев подчеркнул важность {SVG} двусторонних отношений и пригласил гостей \
посетить Казахстан.
""",
    EN_FILE: f"""{EN_TITLE}

Kassym-Jomart Tokayev held talks with Xi Jinping on trade between Kazakhstan and China {BOLD}. \
The leaders agreed to expand cooperation in transport and energy, the press service of Akorda reported.

President Tokayev noted the importance of the {JS_URL} corridor and invited the Chinese delegation to Astana.
""",
    KK_FILE: f"""{KK_TITLE}

Қазақстан Президенті Қасым-Жомарт Тоқаев Қытай Халық Республикасының Төрағасы Си Цзиньпинмен \
кездесті. Тараптар сауда мен көлік саласындағы ынтымақтастықты талқылады \
<img src=x onerror=window.__xss=1> деп хабарлайды Ақорда.

Мемлекет басшысы екі ел арасындағы қарым-қатынастың маңызын атап өтті.
""",
}
# What an error body may never show: a traceback, source paths, library or exception names.
LEAKS = ["Traceback", 'File "', ".py", "/work/", "/tmp/", "site-packages", "sqlite3", "OperationalError",
         "DatabaseError", "whoosh", "Exception", "raise "]  # fmt: skip


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Settings, dict[str, str]]:
    """The archive of the three hostile files; returns settings and article ids by language."""
    root = tmp_path_factory.mktemp("hostile")
    raw = root / "raw"
    raw.mkdir()
    for name, text in FILES.items():
        (raw / name).write_text(text, encoding="utf-8")
    settings = make_settings(root / "data")
    report = load([raw], settings)
    assert report.published and report.count("loaded") == len(FILES), report.summary()
    with TestClient(create_app(settings)) as client:
        items = client.get("/api/articles").json()["items"]
    ids = {item["article"]["language"]: item["article"]["id"] for item in items}
    assert set(ids) == {"ru", "en", "kk"} and ids["ru"] == RU_ID
    return settings, ids


@pytest.fixture(scope="module")
def hostile_client(hostile: tuple[Settings, dict[str, str]]) -> Iterator[TestClient]:
    with TestClient(create_app(hostile[0])) as client:
        yield client


class Elements(HTMLParser):
    """Every start tag with its attributes: what the browser would build from the page."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def assert_no_injected_markup(html: str) -> None:
    """Only the site's own elements: scripts from /static, no event handlers, no
    javascript: links, and none of the payloads' elements."""
    for tag, attrs in Elements(html).tags:
        assert tag not in ("img", "svg", "b", "iframe", "object"), (tag, attrs)
        if tag == "script":
            assert (attrs.get("src") or "").startswith("/static/"), attrs
        assert not [name for name in attrs if name.startswith("on")], (tag, attrs)
        for name in ("href", "src", "action"):
            assert not (attrs.get(name) or "").strip().lower().startswith("javascript:"), (tag, attrs)


def assert_shown_escaped(html: str, raw: str) -> None:
    """The payload is on the page as text a person can read, never as markup (a
    javascript: URL has nothing to escape: assert_no_injected_markup finds no link to it)."""
    escaped = str(escape(raw))
    assert escaped in html
    if escaped != raw:
        assert raw not in html


# --- XSS: the payloads come back escaped on every page that shows them ----------------


def test_search_snippet_escapes_the_text_next_to_the_match(hostile_client: TestClient) -> None:
    response = hostile_client.get("/en/articles", params={"q": "сотрудничество"})
    assert response.status_code == 200
    html = response.text
    assert_no_injected_markup(html)
    assert "<mark>сотрудничество</mark> " + str(escape(IMG)) in html
    assert_shown_escaped(html, RU_TITLE)


@pytest.mark.parametrize(
    ("query", "shown"),
    [("trade", [EN_TITLE, BOLD]), ("талқылады", [KK_TITLE, "<img src=x onerror=window.__xss=1>"])],
)
def test_search_results_escape_titles_and_snippets(
    hostile_client: TestClient, query: str, shown: list[str]
) -> None:
    html = hostile_client.get("/en/articles", params={"q": query}).text
    assert_no_injected_markup(html)
    for raw in shown:
        assert_shown_escaped(html, raw)


@pytest.mark.parametrize("query", [SCRIPT, IMG, SVG, JS_URL, "\"'><script>alert(1)</script>"])
def test_the_query_is_echoed_escaped(hostile_client: TestClient, query: str) -> None:
    """In the heading, the page title, the search box and the hidden filter field."""
    response = hostile_client.get("/en/articles", params={"q": query})
    assert response.status_code == 200
    assert_no_injected_markup(response.text)
    assert response.text.count(str(escape(query))) >= 4
    assert_shown_escaped(response.text, query)


def test_article_pages_escape_title_body_and_file_name(
    hostile_client: TestClient, hostile: tuple[Settings, dict[str, str]]
) -> None:
    _, ids = hostile
    expected = {
        "ru": [RU_TITLE, IMG, SVG, JS_URL],
        "en": [EN_TITLE, BOLD, EN_FILE],
        "kk": [KK_TITLE, KK_FILE],
    }
    for language, shown in expected.items():
        html = hostile_client.get(f"/en/articles/{ids[language]}").text
        assert_no_injected_markup(html)
        for raw in shown:
            assert_shown_escaped(html, raw)


def test_source_view_escapes_removed_and_kept_lines(
    hostile_client: TestClient, hostile: tuple[Settings, dict[str, str]]
) -> None:
    _, ids = hostile
    source = hostile_client.get(f"/api/articles/{RU_ID}/source").json()
    removed = [line["text"] for line in source["lines"] if line["removed_reason"]]
    assert f"Фото: {IMG}" in removed  # the photo-credit rule took the payload line out
    html = hostile_client.get(f"/en/articles/{RU_ID}/source").text
    assert_no_injected_markup(html)
    for raw in (RU_TITLE, f"Фото: {IMG}", SVG):
        assert_shown_escaped(html, raw)
    for language, name in (("en", EN_FILE), ("kk", KK_FILE)):
        html = hostile_client.get(f"/en/articles/{ids[language]}/source").text
        assert_no_injected_markup(html)
        assert_shown_escaped(html, name)


@pytest.mark.parametrize(
    "path", ["/en/", "/en/articles", "/en/leaders/kassym-jomart-tokayev", "/en/countries/kz"]
)
def test_lists_escape_titles(hostile_client: TestClient, path: str) -> None:
    html = hostile_client.get(path).text
    assert_no_injected_markup(html)
    assert_shown_escaped(html, RU_TITLE)


def test_error_pages_escape_what_was_asked_for(hostile_client: TestClient) -> None:
    for path in (f"/en/articles/{quote(SCRIPT, safe='')}", f"/en/nowhere{quote(IMG, safe='')}"):
        response = hostile_client.get(path)
        assert response.status_code == 404
        assert_no_injected_markup(response.text)
        assert "&lt;" in response.text and "<script>window" not in response.text


def test_json_api_returns_payloads_as_plain_data(
    hostile_client: TestClient, hostile: tuple[Settings, dict[str, str]]
) -> None:
    _, ids = hostile
    article = hostile_client.get(f"/api/articles/{ids['en']}")
    assert article.headers["content-type"] == "application/json"
    assert article.json()["title"] == EN_TITLE and article.json()["source_file"] == EN_FILE
    assert BOLD in article.json()["lead"]
    search = hostile_client.get("/api/search", params={"q": SCRIPT}).json()
    assert search["query"] == SCRIPT
    titles = {h["article"]["title"] for h in hostile_client.get("/api/articles").json()["items"]}
    assert titles == {RU_TITLE, EN_TITLE, KK_TITLE}


def test_feed_and_exports_carry_titles_as_text(hostile_client: TestClient) -> None:
    feed = hostile_client.get("/en/feeds/articles.atom", params={"q": f"Токаев {SCRIPT}"})
    assert feed.status_code == 200
    root = ET.fromstring(feed.content)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert root.find("a:title", ns).text == f"Press archive — “Токаев {SCRIPT}”"
    entry_titles = [
        e.find("a:title", ns)
        for e in ET.fromstring(hostile_client.get("/en/feeds/articles.atom").content).findall("a:entry", ns)
    ]
    assert {t.text for t in entry_titles} == {RU_TITLE, EN_TITLE, KK_TITLE}
    assert all(t.get("type", "text") == "text" for t in entry_titles)  # not html: readers show it as text
    rows = hostile_client.get("/en/export/articles.jsonl").text.strip().split("\n")
    assert {json.loads(row)["title"] for row in rows} == {RU_TITLE, EN_TITLE, KK_TITLE}


@pytest.mark.parametrize("query", ["\x00", "a\x01b", "\x1b[31m", "Токаев\x0b"])
def test_control_characters_in_a_feed_query_are_dropped_not_a_crash(
    hostile_client: TestClient, query: str
) -> None:
    feed = hostile_client.get("/en/feeds/articles.atom", params={"q": query})
    assert feed.status_code == 200
    title = ET.fromstring(feed.content).find("{http://www.w3.org/2005/Atom}title").text
    assert title == "Press archive — “" + "".join(c for c in query if c >= " ") + "”"


# --- Query-parser abuse: a 4xx with a message or a bounded result, never a 500 or a hang ---

NESTED_500 = "(" * 500 + "a OR b" + ")" * 500
NESTED_240 = "(" * 240 + "Токаев OR Ривлин" + ")" * 240
MANY_ORS = " OR ".join(f"w{i}" for i in range(73))  # 497 characters
TOO_MANY_ORS = " OR ".join(f"w{i}" for i in range(200))
TIMEOUT = httpx.Timeout(10.0)  # a hang fails the test instead of stalling the run


@pytest.mark.parametrize(
    ("q", "status", "total"),
    [
        ('"телефонный разговор', 200, 2),  # unbalanced quote: the rest is still a phrase
        ('Токаев"', 200, 5),
        ("((Токаев", 200, 5),
        ("Токаев]]})", 200, 5),
        ("*", 200, 5),  # a lone * is ignored: everything
        ("a*", 200, 5),  # a prefix under 3 letters is ignored
        ("Изр*", 200, 2),
        (NESTED_240, 200, 5),
        ("NOT NOT NOT Израиль", 200, 3),
        ("NOT " * 120 + "Израиль", 200, 5),  # only the first 32 clauses are read
        ("-" * 499, 200, 5),
        ("\x00", 200, 5),
        ("Токаев\x00", 200, 5),
        ("\x01\x02\x1b\x7f", 200, 5),
        ("я" * 499, 200, 0),  # one very long token
        ("leader:", 200, 0),
        ("leader:" + "x" * 400, 200, 0),
        ("country:\x00", 200, 0),
        ("date:9999-99-99", 200, 0),
        ("date:..", 200, 0),
        ("date:0000", 200, 0),
        ("date:0000-00-00..9999-12-31", 200, 2),
        ("date:2020-02-30", 200, 0),
        ("date:9999", 200, 0),
        (MANY_ORS, 200, 0),
        ("x" * 10_000, 400, None),
        (NESTED_500, 400, None),
        (TOO_MANY_ORS, 400, None),
    ],
)
@pytest.mark.parametrize("path", ["/api/search", "/en/articles"])
def test_query_abuse_is_bounded(live_server: str, path: str, q: str, status: int, total: int | None) -> None:
    response = httpx.get(live_server + path, params={"q": q}, timeout=TIMEOUT)
    assert response.status_code == status
    if path.startswith("/api"):
        body = response.json()
        if status == 200:
            assert body["total"] == total and len(body["items"]) == total
        else:
            assert body["error"]["details"] == ["q: String should have at most 500 characters"]
    elif status == 400:
        assert "q: String should have at most 500 characters" in response.text
    else:
        assert response.text.count('<li class="article"') == total


@pytest.mark.parametrize(
    ("raw", "total"),
    [("q=%FF%FE", 5), ("q=%C3%28", 5), ("q=%ED%A0%80", 5), ("lang=%FF", None), ("country=%C0%AF", None)],
)
@pytest.mark.parametrize(
    "path", ["/api/search", "/en/articles", "/en/feeds/articles.atom", "/en/export/articles.csv"]
)
def test_invalid_utf8_in_the_url_is_read_as_replacement_characters(
    live_server: str, path: str, raw: str, total: int | None
) -> None:
    """Bytes that are not UTF-8 become U+FFFD, which no word contains and which names no
    filter value (a 400 that says which values exist, like any unknown value)."""
    response = httpx.get(f"{live_server}{path}?{raw}", timeout=TIMEOUT)
    if total is None:
        name = raw.split("=")[0]
        assert response.status_code == 400 and f"{name}: " in response.text
        return
    assert response.status_code == 200
    if path == "/api/search":
        body = response.json()
        assert set(body["query"]) <= {"\ufffd", "("} and "\ufffd" in body["query"]
        assert body["total"] == total


# --- Pagination abuse -----------------------------------------------------------------


def cursor(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


ARTICLE_LISTS = ["/api/articles", "/api/search", "/en/articles"]
BAD_LIMITS = ["0", "-1", "101", "1000000000", "99999999999999999999999", "abc", "1e3", "2.5", "0x10"]
BAD_CURSORS = [
    ("%FF%FE", "not one this archive gave out"),
    ("!!!", "not one this archive gave out"),
    (cursor([]), "not one this archive gave out"),
    (cursor({"o": -1}), "not one this archive gave out"),
    (cursor({"o": 1.5}), "not one this archive gave out"),
    (cursor({"o": "20"}), "not one this archive gave out"),
    (cursor({"x": 20}), "not one this archive gave out"),
    (cursor({"o": 5}), "past the end of the archive"),  # the seed archive has five articles
    (cursor({"o": 10**9}), "past the end of the archive"),
    (cursor({"o": 10**30}), "past the end of the archive"),
]


@pytest.mark.parametrize("limit", BAD_LIMITS)
@pytest.mark.parametrize("path", [*ARTICLE_LISTS, "/en/feeds/articles.atom", "/en/export/articles.csv"])
def test_bad_limits_are_refused_with_a_message(client: TestClient, path: str, limit: str) -> None:
    response = client.get(path, params={"limit": limit, "q": "Токаев"})
    assert response.status_code == 400
    text = response.text
    assert "limit: Input should be" in text


@pytest.mark.parametrize(("value", "message"), BAD_CURSORS)
@pytest.mark.parametrize("path", ARTICLE_LISTS)
def test_bad_cursors_are_refused_with_a_message(
    client: TestClient, path: str, value: str, message: str
) -> None:
    for q in ("", "Токаев"):  # date order and relevance order page differently
        response = client.get(f"{path}?q={q}&cursor={value}")
        assert response.status_code == 400
        assert message in response.text


def test_an_over_long_cursor_is_refused_before_decoding(client: TestClient) -> None:
    body = client.get("/api/articles", params={"cursor": "A" * 201}).json()
    assert body["error"]["details"] == ["cursor: String should have at most 200 characters"]


def test_the_last_page_given_out_still_works(client: TestClient) -> None:
    body = client.get("/api/articles", params={"cursor": cursor({"o": 4}), "limit": 2}).json()
    assert [i["article"]["id"] for i in body["items"]] == [SEED_IDS["001"]] and body["next"] is None


@pytest.mark.parametrize(
    "path",
    [
        "/api/leaders",
        "/api/countries",
        "/api/organisations",
        "/en/leaders",
        "/en/countries",
        "/en/organisations",
    ],
)
def test_entity_lists_ignore_paging_parameters_they_do_not_have(client: TestClient, path: str) -> None:
    """They are short, unpaged lists: page, limit, page_size and cursor change nothing."""
    plain = client.get(path)
    abused = client.get(
        path, params={"page": "1000000000", "limit": "-1", "page_size": "10**9", "cursor": "%00"}
    )
    assert plain.status_code == abused.status_code == 200
    if path.startswith("/api"):
        assert abused.json() == plain.json() and len(plain.json()) > 0
    else:
        assert abused.context["page"] == plain.context["page"]


@pytest.mark.parametrize(
    ("url", "detail"),
    [
        ("/api/leaders?affiliation=" + "X" * 101, "affiliation: String should have at most 100 characters"),
        ("/api/leaders?sort=height", "sort: Input should be 'mentions' or 'name'"),
        ("/api/leaders/kassym-jomart-tokayev?order=random", "order: Input should be 'central' or 'date'"),
    ],
)
def test_entity_list_parameters_are_validated(client: TestClient, url: str, detail: str) -> None:
    response = client.get(url)
    assert response.status_code == 400 and response.json()["error"]["details"] == [detail]


@pytest.mark.parametrize("value", ["1700000000", "2.5e-91", "2020-1-1", "20200101", "2020-01-01T00:00"])
def test_dates_are_only_yyyy_mm_dd(client: TestClient, value: str) -> None:
    """Pydantic alone would read a number as a Unix time (found by the API fuzzer)."""
    response = client.get("/api/articles", params={"date_from": value})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == ["date_from: Input should be a date as YYYY-MM-DD"]


def test_date_order_is_checked_for_feeds_and_exports_too(client: TestClient) -> None:
    for path in (
        "/api/articles",
        "/en/articles",
        "/en/feeds/articles.atom",
        "/en/export/articles.csv",
        "/en/export/articles.jsonl",
    ):
        response = client.get(path, params={"date_from": "2021-01-01", "date_to": "2020-01-01"})
        assert response.status_code == 400 and "date_from is after date_to." in response.text, path


# --- Security headers on every kind of response ---------------------------------------


def assert_secure(headers: httpx.Headers) -> None:
    directives = {
        part.split()[0]: part.split()[1:]
        for part in headers["content-security-policy"].split(";")
        if part.strip()
    }
    scripts = directives.get("script-src", directives["default-src"])
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts and "*" not in scripts
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


@pytest.mark.parametrize(
    ("method", "url", "status", "content_type"),
    [
        ("GET", "/en/", 200, "text/html"),
        ("GET", "/en/articles?q=Токаев", 200, "text/html"),
        ("GET", "/api/home", 200, "application/json"),
        ("GET", "/openapi.json", 200, "application/json"),
        ("GET", "/docs", 200, "text/html"),
        ("GET", "/static/style.css", 200, "text/css"),
        ("GET", "/static/docs.js", 200, "text/javascript"),
        ("GET", "/static/swagger/swagger-ui-bundle.js", 200, "text/javascript"),
        ("GET", "/en/feeds/articles.atom", 200, "application/atom+xml"),
        ("GET", "/en/export/articles.csv", 200, "text/csv"),
        ("GET", "/en/export/articles.jsonl", 200, "application/x-ndjson"),
        ("GET", "/healthz", 200, "application/json"),
        ("GET", "/articles?q=Токаев", 302, None),  # an address without a language prefix
        ("GET", "/en/articles/", 307, None),
        ("GET", "/en/nowhere", 404, "text/html"),
        ("GET", "/api/nowhere", 404, "application/json"),
        ("GET", "/static/nope.css", 404, "text/html"),
        ("GET", "/en/articles/nope", 404, "text/html"),
        ("GET", "/api/articles?cursor=bad", 400, "application/json"),
        ("GET", "/en/articles?cursor=bad", 400, "text/html"),
        ("GET", "/api/articles?limit=0", 400, "application/json"),
        ("GET", "/en/articles?limit=0", 400, "text/html"),
        ("POST", "/api/articles", 405, "application/json"),
        ("DELETE", "/en/articles", 405, "text/html"),
    ],
)
def test_security_headers_on_every_response_type(
    client: TestClient, method: str, url: str, status: int, content_type: str | None
) -> None:
    response = client.request(method, url, follow_redirects=False)
    assert response.status_code == status
    if content_type:
        assert response.headers["content-type"].startswith(content_type)
    if status == 405:
        assert response.headers["allow"] == "GET"
    assert_secure(response.headers)


def test_security_headers_on_a_not_modified_answer(client: TestClient) -> None:
    etag = client.get("/api/home").headers["etag"]
    again = client.get("/api/home", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert_secure(again.headers)


def test_security_headers_from_a_real_server(live_server: str) -> None:
    for path in ("/en/", "/static/style.css", "/api/nowhere", "/en/feeds/articles.atom"):
        assert_secure(httpx.get(live_server + path, timeout=TIMEOUT).headers)


# --- Errors give nothing away ----------------------------------------------------------


def assert_no_leak(body: str) -> None:
    for marker in LEAKS:
        assert marker not in body, marker


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/nope", "/en/articles/nope", "/api/articles/%00/source", "/en/leaders/%FF",
        "/api/countries/zz", "/api/articles?limit=abc", "/en/articles?date_from=2020-13-45",
        "/api/articles?sort=%00", "/api/articles?cursor=" + cursor({"o": "x"}),
        "/en/export/articles.csv?limit=-5", "/en/feeds/articles.atom?sort=x",
        "/api/search?q=" + "x" * 600, "/api/leaders?affiliation=" + "<" * 20,
        "/api/nowhere/../../etc/passwd",
    ],
)  # fmt: skip
def test_errors_from_bad_parameters_and_unknown_ids_give_nothing_away(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert 400 <= response.status_code < 500
    assert_no_leak(response.text)
    if response.headers["content-type"].startswith("application/json"):
        error = response.json()["error"]
        assert set(error) == {"status", "title", "message", "details"} and error["message"]


def broken_copy(root: Path, build: Path, breaker: Callable[[Path], None]) -> Settings:
    """A data directory whose `current` build is a copy of a good one, then broken."""
    data = root / "data"
    copy = data / "builds" / build.name
    shutil.copytree(build, copy)
    (data / "current").symlink_to(copy.relative_to(data))
    breaker(copy)
    return make_settings(data)


def garbage_database(build: Path) -> None:
    (build / DB_NAME).write_bytes(b"this is not an SQLite file\n" * 64)


def missing_index(build: Path) -> None:
    for path in (build / INDEX_NAME).iterdir():
        if path.is_file():
            path.unlink()


def dropped_table(build: Path) -> None:
    with sqlite3.connect(build / DB_NAME) as db:
        db.execute("DROP TABLE article")


@pytest.mark.parametrize("breaker", [garbage_database, missing_index], ids=["garbage-db", "no-index"])
def test_an_unreadable_build_is_a_503_that_names_no_path(
    tmp_path: Path, hostile: tuple[Settings, dict[str, str]], breaker: Callable[[Path], None]
) -> None:
    build = current_build(hostile[0].data_dir)
    assert build is not None
    settings = broken_copy(tmp_path, build, breaker)
    with TestClient(create_app(settings)) as client:
        for url in (
            "/en/",
            "/api/home",
            f"/api/articles/{RU_ID}",
            "/en/articles?q=Токаев",
            "/en/feeds/articles.atom",
        ):
            response = client.get(url)
            assert response.status_code == 503, url
            assert "The served archive cannot be read; run `archive load`" in response.text
            assert str(tmp_path) not in response.text and build.name not in response.text
            assert_no_leak(response.text)
            assert_secure(response.headers)
        assert client.get("/api/home").json()["error"]["status"] == 503
        health = client.get("/healthz")
        assert health.status_code == 503 and health.json()["status"] == "unavailable"
        assert client.get("/static/style.css").status_code == 200  # the error page keeps its style


EXPORTS = ("/en/export/articles.csv", "/en/export/articles.jsonl")


def test_a_crash_inside_a_route_is_a_plain_500_with_the_headers(
    tmp_path: Path, hostile: tuple[Settings, dict[str, str]]
) -> None:
    """A build that opens but lacks a table: every read fails deep inside SQLAlchemy. (A
    list without words reads no article row: its summaries come from the build's records;
    a search reads the bodies of its hits for their snippets.)"""
    build = current_build(hostile[0].data_dir)
    assert build is not None
    settings = broken_copy(tmp_path, build, dropped_table)
    with TestClient(create_app(settings)) as client:
        for url in (f"/api/articles/{RU_ID}", f"/en/articles/{RU_ID}", "/api/articles?q=Токаев", *EXPORTS):
            response = client.get(url)
            assert response.status_code == 500, url
            assert "Something went wrong on our side." in response.text
            assert "no such table" not in response.text
            assert_no_leak(response.text)
            assert_secure(response.headers)
            assert response.headers["cache-control"] == "no-store"
        assert client.get("/api/articles?q=Токаев").json()["error"] == {
            "status": 500,
            "title": "Internal Server Error",
            "message": "Something went wrong on our side.",
            "details": [],
        }


# --- In a real browser: nothing runs, nothing opens, no javascript: link ----------------


@pytest.fixture(scope="module")
def hostile_server(hostile: tuple[Settings, dict[str, str]]) -> Iterator[str]:
    """`archive serve` under a real uvicorn, serving the hostile archive."""
    with serving(hostile[0].data_dir) as base:
        yield base


@pytest.fixture(scope="module")
def hostile_browser() -> Iterator[Browser]:
    with chromium() as instance:
        yield instance


def browser_pages(ids: dict[str, str]) -> list[str]:
    return [
        "/en/",
        "/en/articles",
        "/en/articles?q=сотрудничество",
        "/en/articles?q=trade",
        "/en/articles?q=" + quote(SCRIPT),
        "/en/articles?q=" + quote(IMG),
        "/en/articles?q=" + quote(JS_URL),
        *(f"/en/articles/{article_id}" for article_id in ids.values()),
        *(f"/en/articles/{article_id}/source" for article_id in ids.values()),
        "/en/leaders/kassym-jomart-tokayev",
        "/en/articles/" + quote(SCRIPT, safe=""),
    ]


def test_no_payload_runs_in_chromium(
    hostile_browser: Browser, hostile_server: str, hostile: tuple[Settings, dict[str, str]]
) -> None:
    """Each page is opened and a mouseover sent to every element; a payload that ran would set
    window.__xss or open an alert, and one the CSP blocked would log a console error."""
    context = hostile_browser.new_context(viewport={"width": 1200, "height": 900})
    tab: Page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    tab.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        for path in browser_pages(hostile[1]):
            errors.clear()
            response = tab.goto(hostile_server + path, wait_until="load")
            assert response is not None and response.status in (200, 404), path
            # Would fire an injected onmouseover on any element of the page.
            tab.evaluate(
                "document.querySelectorAll('body *').forEach("
                "e => e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))"
            )
            assert tab.evaluate("typeof window.__xss") == "undefined", path
            assert tab.locator("[onerror], [onload], [onmouseover], main img, main svg, main b").count() == 0
            hrefs = tab.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
            assert not [h for h in hrefs if h.lower().startswith("javascript:")], path
            if path.startswith("/en/articles/" + RU_ID) and not path.endswith("/source"):
                assert SCRIPT in tab.locator("h1").inner_text()  # shown to the reader as text
                assert JS_URL in tab.locator("div.body").inner_text()
            # The one console error allowed: Chromium reporting the 404 of the page itself.
            not_found = f"the server responded with a status of {response.status}"
            assert [e for e in errors if response.status != 404 or not_found not in e] == [], path
            assert dialogs == [], path
    finally:
        context.close()
