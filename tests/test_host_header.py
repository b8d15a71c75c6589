"""A forged Host header changes nothing another visitor gets: pages link relatively, feeds
take their absolute links from ARCHIVE_PUBLIC_URL, and a Host the archive does not serve is
refused before any answer is made or kept."""

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.main import create_app
from app.security_headers import SECURITY_HEADERS
from tests.conftest import SEED_IDS

EVIL = "evil.example"
PUBLIC = "https://archive.example.org/press"
PATHS = [
    "/",
    "/articles",
    "/articles?q=Токаев",
    f"/articles/{SEED_IDS['002']}",
    f"/articles/{SEED_IDS['002']}/source",
    "/leaders",
    "/leaders/kassym-jomart-tokayev",
    "/countries/il",
    "/about",
    "/docs",
    "/feeds/articles.atom",
    "/feeds/articles.atom?leader=kassym-jomart-tokayev",
    "/articles/no-such-article",
    "/api/articles?limit=1",
]
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def any_host(seed_archive: tuple[Settings, object]) -> Iterator[TestClient]:
    """Every Host let through, the whole-answer cache on: what the answers themselves hold."""
    settings = seed_archive[0].model_copy(
        update={"allowed_hosts": "*", "response_cache": 64, "public_url": PUBLIC}
    )
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.mark.parametrize("path", PATHS)
def test_a_forged_host_is_never_in_an_answer_or_in_the_next_visitors(any_host: TestClient, path: str) -> None:
    forged = any_host.get(path, headers={"Host": EVIL})
    honest = any_host.get(path)
    assert EVIL not in forged.text
    assert EVIL not in honest.text and "testserver" not in honest.text
    assert forged.content == honest.content
    assert forged.headers.get("etag") == honest.headers.get("etag")


def test_pages_link_to_the_site_relatively(any_host: TestClient) -> None:
    html = any_host.get(f"/en/articles/{SEED_IDS['002']}").text
    assert 'href="/static/style.css"' in html
    assert 'href="/en/articles"' in html
    assert "http://" not in html.split("<main")[0] and "https://" not in html.split("<main")[0]


def test_feed_links_start_at_the_public_url(any_host: TestClient) -> None:
    feed = ET.fromstring(any_host.get("/en/feeds/articles.atom?q=Токаев", headers={"Host": EVIL}).content)
    links = [link.attrib["href"] for link in feed.iter(f"{ATOM}link")]
    ids = [node.text or "" for node in feed.iter(f"{ATOM}id")]
    assert len(links) >= 6 and len(ids) >= 6
    assert all(value.startswith(PUBLIC + "/") for value in links + ids), links + ids
    self_link = next(link.attrib["href"] for link in feed.iter(f"{ATOM}link") if link.attrib["rel"] == "self")
    assert self_link == PUBLIC + "/en/feeds/articles.atom?q=%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2"
    entry_links = [
        link.attrib["href"] for entry in feed.iter(f"{ATOM}entry") for link in entry.iter(f"{ATOM}link")
    ]
    assert f"{PUBLIC}/en/articles/{SEED_IDS['002']}" in entry_links


@pytest.mark.parametrize("host", [EVIL, "evil.example:8000", "127.0.0.1.evil.example", "[::2]", ""])
@pytest.mark.parametrize("path", ["/", "/api/home", "/feeds/articles.atom", "/static/style.css"])
def test_an_unknown_host_is_refused_with_a_400(client: TestClient, host: str, path: str) -> None:
    response = client.get(path, headers={"Host": host})
    assert response.status_code == 400
    assert "Host" in response.text and EVIL not in response.text
    assert response.headers["cache-control"] == "no-store"
    assert "etag" not in response.headers
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value


@pytest.mark.parametrize("host", ["127.0.0.1", "127.0.0.1:8000", "localhost", "LOCALHOST:80", "[::1]:8000"])
def test_the_default_hosts_are_served(client: TestClient, host: str) -> None:
    assert client.get("/api/home", headers={"Host": host}).status_code == 200


def test_health_checks_answer_whatever_the_host(client: TestClient) -> None:
    """An orchestrator probes a replica by its own address; /healthz holds no link."""
    assert client.get("/healthz", headers={"Host": "10.0.0.7:8000"}).status_code == 200


def test_configured_hosts_and_wildcards(seed_archive: tuple[Settings, object]) -> None:
    settings = seed_archive[0].model_copy(update={"allowed_hosts": "archive.example.org, *.mirror.example"})
    with TestClient(create_app(settings)) as client:
        assert client.get("/", headers={"Host": "archive.example.org"}).status_code == 200
        assert client.get("/", headers={"Host": "eu.mirror.example"}).status_code == 200
        assert client.get("/", headers={"Host": "mirror.example.evil"}).status_code == 400
        assert client.get("/", headers={"Host": "localhost"}).status_code == 400


def test_a_real_server_refuses_a_forged_host_and_keeps_serving_the_right_links(live_server: str) -> None:
    forged = httpx.get(live_server + "/", headers={"Host": EVIL}, timeout=10)
    assert forged.status_code == 400
    honest = httpx.get(live_server + "/en/", timeout=10)
    assert honest.status_code == 200 and EVIL not in honest.text
