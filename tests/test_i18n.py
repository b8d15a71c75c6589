"""The site in Kazakh, Russian and English: language prefixes and redirects, the switcher,
names, dates and numbers per language, the API's `locale`, and event names as search words.

Expected names and dates are read from the seeds and the register: seed 002 (Kazpravda,
27 January 2026) names Маулен Ашимбаев, Israel and Kazakhstan; seeds 000, 003 and 004 report
phone calls (000 in Russian, 001 with Xi Jinping and 003 with António Guterres in Kazakh).
"""

import re
from collections.abc import Iterator
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from app.config import Settings
from app.loader.pipeline import LoadReport
from app.main import create_app
from tests.conftest import SEED_IDS

PHONE_CALLS = {SEED_IDS["000"], SEED_IDS["001"], SEED_IDS["003"]}


@pytest.fixture(scope="module")
def direct(seed_archive: tuple[Settings, LoadReport]) -> Iterator[TestClient]:
    """A client that shows redirects instead of following them."""
    with TestClient(create_app(seed_archive[0]), follow_redirects=False) as test_client:
        yield test_client


class Links(HTMLParser):
    """Every element's attributes, by tag: enough to read links, lang and hreflang."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def tags(html: str, name: str) -> list[dict[str, str]]:
    parser = Links()
    parser.feed(html)
    return [attrs for tag, attrs in parser.tags if tag == name]


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize(
    ("accept", "where"),
    [
        ("kk-KZ,kk;q=0.9,ru;q=0.8", "/kk/"),
        ("ru-RU,ru;q=0.9,en;q=0.5", "/ru/"),
        ("de-DE,de;q=0.9,en;q=0.3,ru;q=0.6", "/ru/"),
        ("de-DE", "/en/"),
        (None, "/en/"),
    ],
)
def test_the_root_redirects_to_the_readers_best_language(
    direct: TestClient, accept: str | None, where: str
) -> None:
    response = direct.get("/", headers={"Accept-Language": accept} if accept else {})
    assert response.status_code == 302
    assert response.headers["location"] == where
    assert "Accept-Language" in response.headers["vary"]


@pytest.mark.parametrize(
    "old",
    [
        "/articles?q=%D0%A2%D0%BE%D0%BA%D0%B0%D0%B5%D0%B2&lang=kk",
        f"/articles/{SEED_IDS['002']}",
        "/leaders/kassym-jomart-tokayev",
        "/feeds/articles.atom?leader=kassym-jomart-tokayev",
        "/export/articles.csv?country=IL",
    ],
)
def test_old_addresses_keep_working_under_a_prefix(direct: TestClient, old: str) -> None:
    response = direct.get(old, headers={"Accept-Language": "ru"})
    assert response.status_code == 302
    assert response.headers["location"] == "/ru" + old
    assert direct.get(response.headers["location"]).status_code == 200


def test_the_default_language_is_a_setting(seed_archive: tuple[Settings, LoadReport]) -> None:
    settings = seed_archive[0].model_copy(update={"default_language": "kk"})
    with TestClient(create_app(settings), follow_redirects=False) as kazakh_first:
        assert kazakh_first.get("/articles").headers["location"] == "/kk/articles"
        assert kazakh_first.get("/", headers={"Accept-Language": "en"}).headers["location"] == "/en/"


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_a_page_is_in_its_prefix_language_with_links_to_the_others(client: TestClient, lang: str) -> None:
    html = client.get(f"/{lang}/articles?q=Израиль&sort=newest").text
    assert tags(html, "html")[0]["lang"] == lang
    alternates = {a["hreflang"]: a["href"] for a in tags(html, "link") if a.get("hreflang")}
    others = {"kk", "ru", "en"} - {lang}
    assert alternates == {
        o: f"/{o}/articles?q=%D0%98%D0%B7%D1%80%D0%B0%D0%B8%D0%BB%D1%8C&sort=newest" for o in others
    }
    switcher = {a["hreflang"]: a["href"] for a in tags(html, "a") if a.get("hreflang")}
    assert switcher == alternates
    # Every link to a page of the site stays in the reader's language.
    site_links = [a["href"] for a in tags(html, "a") if a.get("href", "").startswith("/")]
    outside = [h for h in site_links if not h.startswith(("/kk/", "/ru/", "/en/", "/api/", "/docs"))]
    assert outside == []
    article_links = [h for h in site_links if "/articles/" in h]
    assert article_links and all(h.startswith(f"/{lang}/articles/") for h in article_links)
    assert [f["action"] for f in tags(html, "form")] == [f"/{lang}/articles", f"/{lang}/articles"]


@pytest.mark.parametrize(
    ("lang", "date", "leader", "country", "interface"),
    [
        ("kk", "27 қаңтар 2026 ж.", "Мәулен Әшімбаев", "Қазақстан", "Басылым"),
        ("ru", "27 января 2026 г.", "Маулен Ашимбаев", "Казахстан", "Издание"),
        ("en", "27 January 2026", "Maulen Ashimbayev", "Kazakhstan", "Outlet"),
    ],
)
def test_an_article_page_reads_in_the_interface_language(
    client: TestClient, lang: str, date: str, leader: str, country: str, interface: str
) -> None:
    html = client.get(f"/{lang}/articles/{SEED_IDS['002']}").text
    assert f'<time datetime="2026-01-27">{date}</time>' in html
    assert f">{leader}</a>" in html
    assert f">{country}</a>" in html
    assert f"<dt>{interface}</dt>" in html
    # The Russian article's own text is marked as Russian on every interface.
    assert '<div class="body" lang="ru">' in html


def test_an_inferred_year_and_an_unknown_date_are_worded_per_language(client: TestClient) -> None:
    """Seed 000's dateline gives 3 April; the year 2020 comes from its text, which the
    date says once and the flag beside it names."""
    ru = client.get(f"/ru/articles/{SEED_IDS['000']}").text
    assert (
        '<time datetime="2020-04-03">3 апреля 2020 г.</time>' in ru
        and ">год определён по тексту</span>" in ru
    )
    kk = client.get(f"/kk/articles/{SEED_IDS['000']}").text
    assert (
        '<time datetime="2020-04-03">3 сәуір 2020 ж.</time>' in kk
        and ">жылы мәтін бойынша анықталды</span>" in kk
    )
    assert "күні белгісіз" in client.get(f"/kk/articles/{SEED_IDS['003']}").text


def test_counts_agree_with_their_number(client: TestClient) -> None:
    """Seeds: 5 articles, 2 of them Russian (000, 002); Токаев is named in all 5."""
    assert "5 статей" in text(client.get("/ru/").text)
    assert "<h1>2 статьи</h1>" in client.get("/ru/articles?lang=ru").text
    assert "<h1>5 мақала</h1>" in client.get("/kk/articles").text
    assert "1 article" in text(client.get("/en/countries/cn").text)
    assert "1 статья" in text(client.get("/ru/countries/cn").text)


def test_timeline_months_are_named_per_language(client: TestClient) -> None:
    assert "Январь 2026 г." in client.get("/ru/articles").text
    assert "Қаңтар 2026 ж." in client.get("/kk/articles").text
    assert "January 2026" in client.get("/en/articles").text


def test_facets_and_event_labels_are_translated(client: TestClient) -> None:
    html = client.get("/ru/articles").text
    assert "<h2>Язык</h2>" in html and "<h2>Событие</h2>" in html
    assert ">телефонный разговор</a>" in html
    kk = client.get("/kk/articles").text
    assert ">телефон арқылы сөйлесу</a>" in kk and ">қазақ тілі</a>" in kk


def test_the_api_takes_locale_or_accept_language(client: TestClient) -> None:
    path = f"/api/articles/{SEED_IDS['002']}"
    english = client.get(path).json()
    russian = client.get(path, params={"locale": "ru"}).json()
    kazakh = client.get(path, headers={"Accept-Language": "kk-KZ"})
    assert english["date_display"] == "27 January 2026"
    assert russian["date_display"] == "27 января 2026 г."
    assert kazakh.json()["date_display"] == "27 қаңтар 2026 ж."
    assert "Accept-Language" in kazakh.headers["vary"]
    # Codes, ids and URLs are the same in every language.
    for body in (russian, kazakh.json()):
        assert [c["code"] for c in body["countries"]] == [c["code"] for c in english["countries"]]
        assert body["url"] == english["url"] == f"/articles/{SEED_IDS['002']}"
    assert {ref["name"] for ref in russian["leaders"]} >= {"Маулен Ашимбаев"}
    # `lang` is still the articles' language filter, whatever the display language.
    listed = client.get("/api/articles", params={"lang": "kk", "locale": "ru"}).json()
    assert listed["total"] == 3 and listed["timeline"] == []
    assert (
        client.get("/api/home", params={"locale": "de"}).status_code == 400
    )  # one status for every bad parameter (app.errors)


def test_the_api_and_its_etag_differ_per_language(client: TestClient) -> None:
    kk = client.get("/api/home", params={"locale": "kk"})
    ru = client.get("/api/home", headers={"Accept-Language": "ru"})
    assert kk.headers["etag"] != ru.headers["etag"]
    assert (
        client.get(
            "/api/home", headers={"If-None-Match": ru.headers["etag"], "Accept-Language": "kk"}
        ).status_code
        == 200
    )


def test_openapi_documents_the_locale_parameter(client: TestClient) -> None:
    operation = client.get("/openapi.json").json()["paths"]["/api/articles/{article_id}"]["get"]
    locale = next(p for p in operation["parameters"] if p["name"] == "locale")
    assert "Accept-Language" in locale["description"]
    assert all(f"'{code}'" in str(locale["schema"]) for code in ("kk", "ru", "en"))


@pytest.mark.parametrize(
    "words", ["phone call", "телефонный разговор", "телефон арқылы сөйлесу", "Phone Call"]
)
def test_an_event_name_in_any_language_finds_that_kind_of_event(client: TestClient, words: str) -> None:
    """Seeds 001 and 003 (Kazakh) say "телефон арқылы сөйлесті", 000 (Russian) "телефонный разговор":
    neither says "phone call", and each is found by all three names. Seed 002 (a meeting)
    is found by "телефонный разговор" only because its text has those words."""
    found = {h["article"]["id"] for h in client.get("/api/search", params={"q": words}).json()["items"]}
    assert found - {SEED_IDS["002"]} == PHONE_CALLS


def test_an_event_name_combines_with_other_words(client: TestClient) -> None:
    found = {
        h["article"]["id"]
        for h in client.get("/api/search", params={"q": "телефон арқылы сөйлесу Си"}).json()["items"]
    }
    assert found == {SEED_IDS["001"]}


@pytest.mark.parametrize(
    "words", ["foreign minister", "Foreign Minister", "министр иностранных дел", "сыртқы істер министрі"]
)
def test_a_role_in_any_language_finds_the_articles_that_name_it(client: TestClient, words: str) -> None:
    """Only seed 002 (Russian) names a foreign minister ("с министром иностранных дел
    Израиля"): the role typed in English or Kazakh finds it too, and no other seed."""
    found = {h["article"]["id"] for h in client.get("/api/search", params={"q": words}).json()["items"]}
    assert found == {SEED_IDS["002"]}


@pytest.mark.parametrize("words", ["secretary-general", "Secretary General", "генеральный секретарь"])
def test_a_kazakh_article_is_found_by_the_role_in_english_or_russian(client: TestClient, words: str) -> None:
    """Seed 003 (Kazakh) names the UN's «Бас хатшысы» and never the English or Russian title."""
    found = {h["article"]["id"] for h in client.get("/api/search", params={"q": words}).json()["items"]}
    assert found == {SEED_IDS["003"]}


def test_a_role_with_a_name_needs_both(client: TestClient) -> None:
    found = {
        h["article"]["id"]
        for h in client.get("/api/search", params={"q": "foreign minister Ашимбаев"}).json()["items"]
    }
    assert found == {SEED_IDS["002"]}
    assert client.get("/api/search", params={"q": "foreign minister Си"}).json()["items"] == []


def test_a_role_in_a_query_with_or_keeps_its_plain_words(client: TestClient) -> None:
    """`OR` joins neighbours: the role's words stay words there, as before roles were read."""
    found = {
        h["article"]["id"]
        for h in client.get("/api/search", params={"q": "министр OR Гутерриш"}).json()["items"]
    }
    assert SEED_IDS["002"] in found


def test_feeds_are_labelled_in_the_readers_language(client: TestClient) -> None:
    feed = client.get("/ru/feeds/articles.atom", params={"event": "phone_call"}).text
    assert "<title>Архив пресс-релизов — Событие: phone_call</title>" in feed
    assert 'label="телефонный разговор"' in feed
    assert f"/ru/articles/{SEED_IDS['000']}" in feed


def test_an_error_page_is_in_the_readers_language(client: TestClient) -> None:
    response = client.get("/kk/articles/no-such-article")
    assert response.status_code == 404
    assert "Бет табылмады" in response.text and "Мұрағатта мұндай бет жоқ." in response.text
    assert '<html lang="kk">' in response.text


@pytest.mark.parametrize(
    ("lang", "year", "place"),
    [
        ("ru", "год взят из текста: «", "согласуется с названием места «НУР-СУЛТАН»"),
        ("kk", "жылы мәтіннен алынды: «", "«НУР-СУЛТАН» жер атауымен сәйкес келеді"),
        ("en", "year from the text: «", "consistent with the place name «НУР-СУЛТАН»"),
    ],
)
def test_how_a_date_is_known_is_said_in_the_readers_language(
    client: TestClient, lang: str, year: str, place: str
) -> None:
    """Seed 000's dateline «НУР-СУЛТАН, 3 апр» has no year; the loader took 2020 from its own
    text and checked it against the city's name (Nur-Sultan 2019–2022)."""
    page = client.get(f"/{lang}/articles/{SEED_IDS['000']}").text
    evidence = re.search(r'<span class="evidence"( lang="en")?>\((.*?)\)</span>', page)
    assert evidence is not None
    assert year in evidence.group(2) and place in evidence.group(2)
    assert "осенью 2020 года" in evidence.group(2)  # the quote stays as the article wrote it
    assert evidence.group(1) is None  # every clause known: not marked as English


def test_an_evidence_clause_the_site_does_not_know_stays_english_and_says_so() -> None:
    from app.i18n.evidence import date_evidence

    shown = date_evidence("ru", "dateline «ALMATY, 3 May»; a new kind of reason")
    assert shown.text == "место выпуска «ALMATY, 3 May»; a new kind of reason"
    assert not shown.translated


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("ru", ["ссылка «читайте также» (заголовок ссылки)", "автор фото", "призыв из соцсетей"]),
        ("kk", ["«оқи отырыңыз» сілтемесі (сілтеме тақырыбы)", "фото авторы", "әлеуметтік желіге шақыру"]),
    ],
)
def test_why_a_line_was_removed_is_said_in_the_readers_language(
    client: TestClient, lang: str, expected: list[str]
) -> None:
    """Seed 003's removed lines: a photo credit, two read-also links with their linked
    titles, a call to follow the outlet on social media."""
    page = client.get(f"/{lang}/articles/{SEED_IDS['003']}/source").text
    reasons = re.findall(r'<span class="reason"( lang="en")?>([^<]*)</span>', page)
    assert reasons and all(marked == "" for marked, _ in reasons)
    assert all(text in [r for _, r in reasons] for text in expected), reasons


def test_every_boilerplate_rule_of_the_data_has_its_reason_in_the_catalogs() -> None:
    """A rule added to app/data/boilerplate.toml with a new reason must be given its words
    in kk and ru (app/i18n/evidence.py REMOVAL_KINDS and the .po files)."""
    from app.datafiles import load_data
    from app.i18n.catalogs import translate
    from app.i18n.evidence import REMOVAL_KINDS

    reasons = {rule["reason"] for rules in load_data("boilerplate.toml").values() if isinstance(rules, list)
               for rule in rules if isinstance(rule, dict) and "reason" in rule}  # fmt: skip
    assert reasons, "no reasons read from boilerplate.toml"
    assert reasons <= set(REMOVAL_KINDS), reasons - set(REMOVAL_KINDS)
    for reason in reasons:
        assert translate("ru", reason) != reason and translate("kk", reason) != reason, reason
