"""Parameters as newcomers send them (issue 13): an empty parameter is not given, a name
stands for its key and the answer says so, a name that matches nothing is a 400 saying what
exists, bad input is always a 400 whose HTML page keeps the reader's query, and every list
comes in one envelope with absolute Link relations."""

import re

import pytest

from tests.conftest import SEED_IDS

TOKAYEV = "kassym-jomart-tokayev"
BASE = "http://127.0.0.1:8000"  # ARCHIVE_PUBLIC_URL's default
EMPTY = ["date_to=", "date_from=", "sort=", "lang=", "leader=", "limit=", "cursor=", "q=", "date_to=%20"]


@pytest.mark.parametrize("empty", EMPTY)
@pytest.mark.parametrize(
    "path", ["/articles", "/api/articles", "/export/articles.csv", "/feeds/articles.atom"]
)
def test_an_empty_parameter_is_not_given(client, path: str, empty: str) -> None:
    """The search page's own date form sends `date_to=` when only "From" is filled."""
    given = client.get(f"{path}?q=Израиль&{empty}")
    plain = client.get(f"{path}?q=Израиль")
    assert given.status_code == plain.status_code == 200
    if path == "/api/articles":
        assert given.json() == plain.json()


def test_the_date_form_with_only_from_filled_finds_articles(client) -> None:
    response = client.get("/en/articles?q=&date_from=2020-01-01&date_to=")
    assert response.status_code == 200
    assert response.context["page"].total == 2  # seeds 000 (2020-04-03) and 002 (2026-01-27)
    assert response.context["page"].filters == {"date_from": ["2020-01-01"]}


@pytest.mark.parametrize("path", ["/leaders", "/api/leaders", f"/articles/{SEED_IDS['000']}"])
def test_empty_parameters_of_other_pages_are_not_given_either(client, path: str) -> None:
    joiner = "&" if "?" in path else "?"
    assert client.get(f"{path}{joiner}sort=&affiliation=&order=&part=").status_code == 200


def test_a_bad_date_gives_a_page_that_keeps_the_query_and_links_without_it(client) -> None:
    response = client.get("/en/articles", params={"q": "Израиль", "lang": "ru", "date_to": "2020-13-01"})
    assert response.status_code == 400 and response.template.name == "error.html"
    page = response.text
    assert re.search(r'<input type="search" name="q" value="Израиль"', page)
    assert "date_to: " in page
    assert (
        response.context["retry_url"] == "/en/articles?q=%D0%98%D0%B7%D1%80%D0%B0%D0%B8%D0%BB%D1%8C&lang=ru"
    )
    assert f'href="{response.context["retry_url"].replace("&", "&amp;")}"' in page
    assert client.get(response.context["retry_url"]).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles?sort=sideways",
        "/api/articles?date_to=2020-13-01",
        "/api/articles?date_from=2021-01-01&date_to=2020-01-01",
        "/api/articles?limit=0",
        "/api/articles?cursor=nope",
        "/api/articles?lang=xx",
        "/api/leaders?sort=height",
        f"/api/articles/{SEED_IDS['000']}?part=0",
    ],
)
def test_malformed_and_contradictory_parameters_share_one_status(client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400 and response.json()["error"]["message"]


def test_openapi_documents_400_and_no_422(client) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for methods in paths.values():
        responses = methods["get"]["responses"]
        assert "422" not in responses
    assert "the one status for bad input" in paths["/api/articles"]["get"]["responses"]["400"]["description"]


@pytest.mark.parametrize(
    ("params", "filters", "resolved"),
    [
        ({"leader": "Tokayev"}, {"leader": [TOKAYEV]}, [("leader", "Tokayev", TOKAYEV)]),
        ({"leader": "Ривлин"}, {"leader": ["reuven-rivlin"]}, [("leader", "Ривлин", "reuven-rivlin")]),
        ({"country": "Israel"}, {"country": ["IL"]}, [("country", "Israel", "IL")]),
        ({"country": "il"}, {"country": ["IL"]}, []),
        ({"organisation": "ООН"}, {"organisation": ["UN"]}, [("organisation", "ООН", "UN")]),
        ({"event": "call"}, {"event": ["phone_call"]}, [("event", "call", "phone_call")]),
        ({"event": "встреча"}, {"event": ["meeting"]}, [("event", "встреча", "meeting")]),
        ({"lang": "Russian"}, {"lang": ["ru"]}, [("lang", "Russian", "ru")]),
        ({"lang": "қазақша"}, {"lang": ["kk"]}, [("lang", "қазақша", "kk")]),
    ],
)  # fmt: skip
def test_a_name_is_read_as_its_key_and_the_answer_says_so(client, params, filters, resolved) -> None:
    body = client.get("/api/articles", params=params).json()
    assert body["filters"] == filters
    assert [(r["parameter"], r["given"], r["value"]) for r in body["resolved"]] == resolved
    keyed = client.get("/api/articles", params={k: v[0] for k, v in filters.items()}).json()
    assert body["total"] == keyed["total"] > 0
    assert [i["article"]["id"] for i in body["items"]] == [i["article"]["id"] for i in keyed["items"]]


def test_the_page_notes_what_a_name_was_read_as(client) -> None:
    response = client.get("/en/articles", params={"leader": "Tokayev"})
    assert "Read leader “Tokayev” as Kassym-Jomart Tokayev." in response.text
    assert response.context["page"].total == 5


def test_a_resolved_name_reaches_feeds_and_exports(client) -> None:
    rows = client.get("/en/export/articles.csv", params={"country": "Israel"}).content.decode("utf-8-sig")
    assert sorted(line.split(",")[0] for line in rows.splitlines()[1:]) == sorted(
        [SEED_IDS["000"], SEED_IDS["002"]]
    )


@pytest.mark.parametrize(
    ("params", "detail"),
    [
        ({"lang": "xx"}, "lang: one of en (English), kk (Kazakh), ru (Russian)"),
        ({"event": "dinner"}, "event: one of "),
        ({"leader": "Rivlinn"}, "leader: did you mean reuven-rivlin (Reuven Rivlin)?"),
        ({"country": "Isreal"}, "country: did you mean IL (Israel)"),
        ({"outlet": "Nowhere Times"}, "outlet: one of "),
    ],
)
def test_a_value_that_names_nothing_is_a_400_saying_what_exists(client, params, detail: str) -> None:
    for path in ("/api/articles", "/api/search"):
        response = client.get(path, params=params)
        assert response.status_code == 400
        error = response.json()["error"]
        name, value = next(iter(params.items()))
        assert repr(value) in error["message"] and error["details"][0].startswith(detail)


def test_an_unknown_value_page_links_to_the_search_without_it(client) -> None:
    response = client.get("/en/articles", params={"q": "Израиль", "leader": "Nobody"})
    assert response.status_code == 400
    assert response.context["retry_url"] == "/en/articles?q=%D0%98%D0%B7%D1%80%D0%B0%D0%B8%D0%BB%D1%8C"
    assert "leader: one of " in response.text and "reuven-rivlin (Reuven Rivlin)" in response.text


def test_a_register_key_with_no_article_is_an_empty_list_not_an_error(client) -> None:
    body = client.get("/api/articles", params={"country": "FR"}).json()
    assert body["total"] == 0 and body["filters"] == {"country": ["FR"]} and body["resolved"] == []


def test_dates_are_echoed_in_filters(client) -> None:
    body = client.get("/api/articles", params={"date_from": "2020-01-01", "date_to": "2020-12-31"}).json()
    assert body["filters"] == {"date_from": ["2020-01-01"], "date_to": ["2020-12-31"]}
    assert [i["article"]["id"] for i in body["items"]] == [SEED_IDS["000"]]


def test_link_header_has_absolute_next_and_prev(client) -> None:
    first = client.get("/api/articles?limit=2")
    assert first.headers["link"] == f'<{BASE}{first.json()["next"]}>; rel="next"'
    middle = client.get(first.json()["next"])
    body = middle.json()
    assert middle.headers["link"] == (
        f'<{BASE}{body["next"]}>; rel="next", <{BASE}{body["previous"]}>; rel="prev"'
    )
    last = client.get(body["next"])
    assert last.headers["link"] == f'<{BASE}{last.json()["previous"]}>; rel="prev"'


@pytest.mark.parametrize(
    ("path", "total"),
    [("/api/leaders", 10), ("/api/countries", 6), ("/api/organisations", 5), ("/api/articles", 5)],
)
def test_every_list_endpoint_has_one_envelope(client, path: str, total: int) -> None:
    body = client.get(path).json()
    assert {"items", "total", "limit", "next", "previous"} <= set(body)
    assert body["total"] == total and len(body["items"]) == total and body["next"] is None


@pytest.mark.parametrize("given", ["Israel", "Израиль", "israel", "il"])
def test_the_leaders_of_an_affiliation_by_its_name_in_any_language(client, given: str) -> None:
    by_code = client.get("/api/leaders?affiliation=IL").json()["items"]
    by_name = client.get("/api/leaders", params={"affiliation": given})
    assert by_name.status_code == 200
    assert by_name.json()["items"] == by_code
    assert "reuven-rivlin" in {leader["slug"] for leader in by_code}


def test_an_affiliation_that_names_nothing_is_a_400_with_the_closest(client) -> None:
    response = client.get("/api/leaders", params={"affiliation": "Israle"})
    assert response.status_code == 400
    error = response.json()["error"]
    assert "country or organisation" in error["message"]
    assert any("IL" in line for line in error["details"]), error["details"]


def test_an_affiliation_code_with_no_leaders_is_an_empty_list(client) -> None:
    response = client.get("/api/leaders?affiliation=FR")
    assert response.status_code == 200 and response.json()["items"] == []


def test_a_name_is_read_the_same_way_every_time(client) -> None:
    """The vocabularies are kept for the process: reading a name must not use them up (the
    second `leader=Tokayev` and `event=call` used to find nothing)."""
    for _ in range(3):
        answer = client.get("/api/articles", params={"leader": "Tokayev", "event": "call", "lang": "Russian"})
        assert answer.status_code == 200, answer.text
        assert {r["value"] for r in answer.json()["resolved"]} == {"ru", TOKAYEV, "phone_call"}
