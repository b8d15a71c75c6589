"""Events on the site and in the API: /events and /events/{id}, their JSON twins, the links
from an article to its event and back, and the events on leader and country pages.

The seeds form five events of one report each (000 Tokayev–Rivlin call, 2020-04-03; 001
Tokayev–Xi call, undated; 002 Ashimbayev–Saar meeting, 2026-01-27; 003 Tokayev–Guterres call;
004 Tokayev–Bozkir meeting). The fixtures of tests/data/events/ add events of several reports
in three languages, an undated report with an inferred date, and a report whose own day and
month disagree with its event's date."""

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from app.loader.pipeline import load
from app.main import create_app
from tests.conftest import SEED_IDS, make_settings

FIXTURES = Path(__file__).parent / "data" / "events"
RIVLIN = SEED_IDS["000"]


@pytest.fixture(scope="module")
def events_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """An archive of the multi-report fixtures, served."""
    root = tmp_path_factory.mktemp("events_site")
    shutil.copytree(FIXTURES, root / "corpus")
    settings = make_settings(root / "data")
    report = load([root / "corpus"], settings)
    assert report.exit_code == 0, report.summary()
    with TestClient(create_app(settings)) as client:
        yield client


def _event_of(client: TestClient, article_id: str) -> dict[str, Any]:
    refs = client.get(f"/api/articles/{article_id}").json()["events"]
    assert len(refs) == 1
    event: dict[str, Any] = client.get(f"/api/events/{refs[0]['id']}").json()
    return event


def test_the_events_list_is_the_one_envelope_and_has_a_json_twin(client: TestClient) -> None:
    answer = client.get("/api/events")
    assert answer.status_code == 200
    body = answer.json()
    assert {"items", "total", "limit", "next", "previous", "facets"} <= set(body)
    assert body["total"] == 5 and len(body["items"]) == 5
    # Newest first, undated last.
    dated = [e["date"] for e in body["items"] if e["date"]]
    assert dated == sorted(dated, reverse=True) and dated[0] == "2026-01-27"
    assert body["items"][-1]["date"] is None
    page = client.get("/en/events")
    assert page.status_code == 200
    assert '<link rel="alternate" type="application/json" href="/api/events?locale=en">' in page.text


def test_the_list_filters_by_participant_country_kind_and_dates(client: TestClient) -> None:
    def total(query: str) -> int:
        answer = client.get("/api/events?" + query)
        assert answer.status_code == 200, answer.text
        return int(answer.json()["total"])

    assert total("leader=Rivlin") == 1
    # Four of the five: Ashimbayev met Saar (the speaker's meeting names Tokayev in passing,
    # which once made him a participant).
    assert total("leader=kassym-jomart-tokayev") == 4
    assert total("leader=maulen-ashimbayev") == 1
    assert total("country=IL") == 2  # Rivlin's call and Saar's meeting
    assert total("country=Israel&kind=meeting") == 1
    assert total("kind=phone_call") == 3
    assert total("kind=call") == 3  # a word for the kind, read as the archive reads it
    assert total("date_from=2020-01-01&date_to=2020-12-31") == 1
    assert total("date_to=") == 5  # an empty parameter is not given
    facets = client.get("/api/events?kind=phone_call").json()["facets"]
    assert [v["value"] for v in facets["kind"]] == ["phone_call"] and facets["kind"][0]["selected"]
    assert {"leader", "country", "year"} <= set(facets)


def test_the_list_pages_in_the_one_envelope(client: TestClient) -> None:
    first = client.get("/api/events?limit=2")
    body = first.json()
    assert body["total"] == 5 and len(body["items"]) == 2 and body["previous"] is None
    assert body["next"] == "/api/events?limit=2&page=2"
    assert 'rel="next"' in first.headers["Link"]
    second = client.get(body["next"]).json()
    assert second["previous"] == "/api/events?limit=2"
    assert not {e["id"] for e in second["items"]} & {e["id"] for e in body["items"]}
    html = client.get("/en/events?limit=2").text
    assert 'rel="next" href="/en/events?limit=2&amp;page=2"' in html


@pytest.mark.parametrize(
    "query",
    [
        "kind=banquet",
        "leader=Nobody-at-all-xyz",
        "country=Atlantis",
        "date_from=2020-13-01",
        "date_from=2021-01-01&date_to=2020-01-01",
        "limit=0",
        "page=0",
        "page=99",
    ],
)
def test_a_bad_filter_is_a_400_in_both_faces(client: TestClient, query: str) -> None:
    answer = client.get("/api/events?" + query)
    assert answer.status_code == 400, answer.text
    assert answer.json()["error"]["status"] == 400
    assert client.get("/en/events?" + query).status_code == 400


def test_an_unknown_event_is_a_404(client: TestClient) -> None:
    assert client.get("/api/events/000000000000").status_code == 404
    assert client.get("/en/events/000000000000").status_code == 404


def test_an_article_links_its_event_and_the_event_links_back(client: TestClient) -> None:
    article = client.get(f"/api/articles/{RIVLIN}").json()
    (ref,) = article["events"]
    assert ref["kind"] == "phone_call" and ref["date"] == "2020-04-03" and ref["other_reports"] == []
    event = client.get(f"/api/events/{ref['id']}").json()
    assert event["date"] == "2020-04-03" and event["date_precision"] == "day"
    assert {p["slug"] for p in event["participants"]} == {"kassym-jomart-tokayev", "reuven-rivlin"}
    roles = {p["slug"]: p for p in event["participants"]}
    assert roles["reuven-rivlin"]["affiliation"] == "IL" and roles["reuven-rivlin"]["role"]
    (group,) = event["groups"]
    assert group["language"] == "ru" and group["reports"][0]["article"]["id"] == RIVLIN
    assert group["reports"][0]["reasons"] == ["the only report of this contact"]
    # The HTML faces link both ways, under the reader's language.
    article_page = client.get(f"/ru/articles/{RIVLIN}").text
    assert f'href="/ru/events/{ref["id"]}"' in article_page
    assert "Событие, о котором сообщает статья" in article_page
    event_page = client.get(f"/ru/events/{ref['id']}").text
    assert f'href="/ru/articles/{RIVLIN}"' in event_page
    twin = f"/api/events/{ref['id']}?locale=ru"
    assert f'<link rel="alternate" type="application/json" href="{twin}">' in event_page
    assert "Телефонный разговор" in event_page


def test_leader_and_country_pages_count_events_beside_articles(client: TestClient) -> None:
    leader = client.get("/api/leaders/kassym-jomart-tokayev").json()
    calendar = leader["events"]
    assert calendar["total"] == 4 and calendar["url"] == "/events?leader=kassym-jomart-tokayev"
    years = {y["year"]: y for y in calendar["years"]}
    assert years[2020]["count"] == 1
    year_url = "/events?leader=kassym-jomart-tokayev&date_from=2020-01-01&date_to=2020-12-31"
    assert years[2020]["url"] == year_url
    assert client.get("/api" + years[2020]["url"]).json()["total"] == 1
    html = client.get("/kk/leaders/kassym-jomart-tokayev").text
    assert "4 іс-шара" in html and "Іс-шаралар жылдар бойынша" in html
    assert 'href="/kk/events?leader=kassym-jomart-tokayev&amp;date_from=2020-01-01' in html
    country = client.get("/api/countries/il").json()["events"]
    assert country["total"] == 2
    un = client.get("/api/organisations/un").json()["events"]
    assert un["total"] == 1  # Guterres
    assert client.get("/api" + un["url"]).json()["total"] == 1
    assert "2 события" in client.get("/ru/countries/il").text


def test_a_call_reported_in_three_languages_is_one_event_page(events_client: TestClient) -> None:
    calls = client_items(events_client, "kind=phone_call&date_from=2025-03-01&date_to=2025-03-31")
    (call,) = calls
    event = events_client.get(f"/api/events/{call['id']}").json()
    assert [g["language"] for g in event["groups"]] == ["kk", "ru", "en"]
    assert event["date"] == "2025-03-03" and not event["dates_disagree"]
    (undated,) = [r for g in event["groups"] for r in g["reports"] if r["inferred_date"]]
    assert undated["inferred_date"] == "2025-03-03" and undated["article"]["date"] is None
    assert len(undated["date_evidence"]) == 2 and undated["linked_to"]
    assert event["inferred_for"] == [undated["article"]["id"]]
    # Every report's own article lists the others as "other reports of this event".
    for group in event["groups"]:
        for report in group["reports"]:
            (ref,) = events_client.get(f"/api/articles/{report['article']['id']}").json()["events"]
            assert ref["id"] == event["id"] and len(ref["other_reports"]) == 2
    html = events_client.get(f"/en/events/{event['id']}").text
    assert "date inferred from the event: 3 March 2025" in html
    assert "Other reports of this event" in events_client.get(undated["article"]["url"]).text


def test_a_conflict_between_reports_dates_is_shown(events_client: TestClient) -> None:
    (meeting,) = client_items(events_client, "leader=shavkat-mirziyoyev")
    event = events_client.get(f"/api/events/{meeting['id']}").json()
    assert event["dates_disagree"]
    assert [d["date"] for d in event["date_basis"]] == ["2025-10-09", "--10-11"]
    assert event["datelines"] == ["Душанбе"]  # the place, as the dateline states it
    html = events_client.get(f"/ru/events/{meeting['id']}").text
    assert "Сообщения расходятся в дате" in html
    assert re.search(r"11 октября", html)


def client_items(client: TestClient, query: str) -> list[dict[str, Any]]:
    answer = client.get("/api/events?" + query)
    assert answer.status_code == 200, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def test_the_events_list_has_a_feed_and_exports_with_its_filters(client: TestClient) -> None:
    html = client.get("/en/events?kind=phone_call").text
    assert 'href="/en/feeds/events.atom?kind=phone_call"' in html
    assert 'href="/en/export/events.csv?kind=phone_call"' in html
    feed = client.get("/kk/feeds/events.atom?kind=phone_call")
    assert feed.status_code == 200 and feed.text.count("<entry>") == 3
    assert "/kk/events/" in feed.text
    rows = client.get("/en/export/events.csv?leader=Rivlin").content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("id,url,kind,date") and len(rows) == 2 and RIVLIN in rows[1]
    lines = client.get("/en/export/events.jsonl").text.splitlines()
    assert len(lines) == 5 and all('"reports"' in line for line in lines)
    assert client.get("/en/export/events.csv?kind=banquet").status_code == 400


@pytest.mark.parametrize(("lang", "same"), [("ru", "те же участники: "), ("kk", "қатысушылары бірдей: ")])
def test_why_reports_were_linked_is_said_in_the_readers_language(
    events_client: TestClient, lang: str, same: str
) -> None:
    """The loader records its reasons in English with register slugs; the page says them in
    the reader's language with the participants' names."""
    (call,) = client_items(events_client, "kind=phone_call&date_from=2025-03-01&date_to=2025-03-31")
    event = events_client.get(f"/api/events/{call['id']}", params={"locale": lang}).json()
    names = [p["name"] for p in event["participants"]]
    html = events_client.get(f"/{lang}/events/{call['id']}").text
    why = re.findall(r'<details class="why">.*?<ul>(.*?)</ul>', html, re.DOTALL)
    assert len(why) == 3  # one per report
    for block in why:
        assert 'lang="en"' not in block  # every reason known and said in the reader's language
        assert same in block and all(name in block for name in names), block
    assert "same participants" not in html and "content overlap" not in html
    assert "same kind" not in html and ": call" not in html


def test_a_shared_place_and_an_organisation_in_a_reason_are_named_in_the_readers_language() -> None:
    """A summit's key names its organisation (`org:OTS`), a meeting's link the places both
    reports name: the page gives their names, not the codes and slugs the loader stores."""
    from app.i18n.evidence import link_reason
    from app.text.event_words import place_names

    places = {slug: names["ru"] for slug, names in place_names().items()}
    names = {"kassym-jomart-tokayev": "Касым-Жомарт Токаев", "org:OTS": "Организация тюркских государств"}
    why = link_reason(
        "ru",
        "same participants: kassym-jomart-tokayev and org:OTS; both name kremlin, moscow",
        names | places,
    )
    assert why.translated
    assert why.text == (
        "те же участники: Касым-Жомарт Токаев и Организация тюркских государств; "
        "оба называют одно и то же место: Кремль, Москва"
    )


def test_the_events_list_has_a_timeline_whose_bars_narrow_the_list(events_client: TestClient) -> None:
    """Dated events per month (per year over a long span), empty periods shown, each bar
    linked to the list narrowed to it; the undated ones are counted apart."""
    body = events_client.get("/api/events?limit=100").json()
    timeline = body["timeline"]
    assert timeline, body
    assert sum(b["count"] for b in timeline) == body["total"] - body["undated"]
    keys = [b["month"] for b in timeline]
    assert keys == sorted(keys)
    by_year = len(keys[0]) == 4
    if not by_year:  # every month from the first to the last, none skipped
        first, last = keys[0], keys[-1]
        span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:]) - int(first[5:]) + 1
        assert len(keys) == span
    for bucket in timeline:
        assert events_client.get("/api" + bucket["url"]).json()["total"] == bucket["count"], bucket
    # A filter stays on the bars' links.
    narrowed = events_client.get("/api/events?kind=phone_call").json()["timeline"]
    assert all("kind=phone_call" in b["url"] for b in narrowed)
    html = events_client.get("/ru/events").text
    figure = re.search(r'<figure class="timeline" aria-label="([^"]+)">(.*?)</figure>', html, re.DOTALL)
    assert figure is not None
    assert figure.group(1) in ("События по месяцам", "События по годам")
    busy = next(b for b in events_client.get("/api/events").json()["timeline"] if b["count"])
    assert f'href="/ru{busy["url"]}"'.replace("&", "&amp;") in figure.group(2)
    # The undated ones are counted apart in words that fit events as well as articles.
    if body["undated"]:
        for lang, article_word in (("kk", "мақала"), ("ru", "стат"), ("en", "article")):
            page = events_client.get(f"/{lang}/events").text
            caption = re.search(r"<figcaption>(.*?)</figcaption>", page, re.DOTALL)
            assert caption is not None and article_word not in caption.group(1).lower(), (lang, caption)
