"""The gettext catalogs are complete and right: every string the templates and app/ mark is
in each language's .po, none is empty or fuzzy, plurals agree with their number, and the
labels the code keeps by key match the data files they label."""

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from app.datafiles import load_data
from app.entities.events import event_names
from app.i18n import LANGUAGES
from app.i18n.catalogs import catalog_path, translate, translate_plural
from app.i18n.labels import EVENT_LABELS
from tests.conftest import PROJECT_ROOT

# As `make i18n-extract` has them (Makefile: EXTRACT_KEYWORDS).
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "translate": (2,), "translate_plural": (2, 3)}


def marked() -> set[str | tuple[str, ...]]:
    """Every message babel.cfg's extraction finds, as pybabel extract would."""
    with (PROJECT_ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: set[str | tuple[str, ...]] = set()
    for _, _, message, _, _ in extract_from_dir(str(PROJECT_ROOT), method_map, options_map, KEYWORDS):
        found.add(message if isinstance(message, str) else tuple(message))
    return found


def catalog(lang: str) -> Catalog:
    with Path(catalog_path(lang)).open("rb") as handle:
        return read_po(handle, locale=lang)


def test_the_marked_strings_are_found() -> None:
    messages = marked()
    assert "Press archive" in messages
    assert ("%(n)s article", "%(n)s articles") in messages
    assert "phone call" in messages  # marked in Python (app/i18n/labels.py)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_marked_string_is_translated(lang: str) -> None:
    entries = catalog(lang)
    present = {m.id if isinstance(m.id, str) else tuple(m.id): m for m in entries if m.id}
    missing = sorted(str(m) for m in marked() if m not in present)
    assert missing == [], f"run `make i18n-update` and translate: {missing}"
    empty = [m.id for m in present.values() if not (m.string if isinstance(m.string, str) else all(m.string))]
    fuzzy = [m.id for m in present.values() if m.fuzzy]
    assert empty == [] and fuzzy == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_survive_translation(lang: str) -> None:
    """A translation that drops or renames %(n)s or {date} would fail or lie at render time."""
    for message in catalog(lang):
        if not message.id:
            continue
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        strings = [message.string] if isinstance(message.string, str) else list(message.string)
        wanted = _placeholders(ids[-1])
        for string in strings:
            assert _placeholders(string) == wanted, (lang, message.id, string)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\(\w+\)s|\{\w+\}", text))


@pytest.mark.parametrize(
    ("lang", "counts"),
    [
        (
            "ru",
            {
                1: "1 статья",
                2: "2 статьи",
                4: "4 статьи",
                5: "5 статей",
                11: "11 статей",
                21: "21 статья",
                22: "22 статьи",
            },
        ),
        ("kk", {1: "1 мақала", 2: "2 мақала", 5: "5 мақала", 21: "21 мақала"}),
        ("en", {1: "1 article", 2: "2 articles", 21: "21 articles"}),
    ],
)
def test_plural_forms_agree_with_the_number(lang: str, counts: dict[int, str]) -> None:
    for n, expected in counts.items():
        assert translate_plural(lang, "%(n)s article", "%(n)s articles", n) % {"n": n} == expected


def test_every_event_type_has_a_label_in_each_language_and_is_a_search_word() -> None:
    types = {row["type"] for row in load_data("events.toml")["event"]}
    assert set(EVENT_LABELS) == types
    for event_type, label in EVENT_LABELS.items():
        for lang in LANGUAGES:
            shown = translate(lang, label)
            assert all(event_names()[name.strip().lower()] == event_type for name in shown.split(","))


def test_the_glossary_terms_are_the_catalogs_words() -> None:
    """docs/glossary.md fixes the terms; the catalogs use them."""
    glossary = (PROJECT_ROOT / "docs" / "glossary.md").read_text(encoding="utf-8")
    for lang, term in [
        ("ru", "year inferred"),
        ("kk", "year inferred"),
        ("ru", "derived headline"),
        ("kk", "derived headline"),
        ("ru", "not in register"),
        ("kk", "resolved from title"),
    ]:
        assert translate(lang, term) in glossary, (lang, term)
