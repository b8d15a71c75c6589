"""The address of the original publication: kept when a raw file gives it on a line of its
own near the top or the bottom, never taken from a link inside the text."""

from fastapi.testclient import TestClient

from app.loader.clean import clean
from app.loader.parse import parse
from app.loader.pipeline import load
from app.main import create_app
from tests.conftest import SEED_IDS, articles_in, make_settings, seed_text

URL = "https://kazpravda.kz/n/spiker-senata-vstretilsya-s-ministrom-inostrannyh-del-izrailya/"


def test_a_bare_url_above_the_headline_is_the_address_not_the_title() -> None:
    article = parse(clean(f"{URL}\n{seed_text('002')}"))
    assert article.original_url == URL
    assert article.title == "Спикер Сената встретился с министром иностранных дел Израиля"
    assert URL not in article.body


def test_a_keyed_url_after_the_text_is_the_address() -> None:
    article = parse(clean(f"{seed_text('002')}\nИсточник: {URL}\n"))
    assert article.original_url == URL
    assert URL not in article.body


def test_a_link_inside_the_text_is_not_the_address() -> None:
    paragraphs = seed_text("000").split("\n\n")
    middle = len(paragraphs) // 2
    text = "\n\n".join([*paragraphs[:middle], "https://sputnik.kz/read-also/123", *paragraphs[middle:]])
    assert parse(clean(text)).original_url is None
    assert parse(clean(seed_text("000"))).original_url is None


def test_the_loader_keeps_the_address_and_the_article_page_links_it(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / f"002_{SEED_IDS['002']}.txt").write_text(f"URL: {URL}\n{seed_text('002')}", encoding="utf-8")
    settings = make_settings(tmp_path / "data")
    assert load([corpus], settings).published
    stored = articles_in(settings.data_dir)[SEED_IDS["002"]]
    assert stored.original_url == URL
    assert any(r["text"] == f"URL: {URL}" for r in stored.removed_lines)
    with TestClient(create_app(settings)) as local:
        html = local.get(f"/articles/{SEED_IDS['002']}").text
        assert local.get(f"/api/articles/{SEED_IDS['002']}").json()["original_url"] == URL
    assert f'<dt>Published at</dt><dd><a class="original" href="{URL}"' in html
