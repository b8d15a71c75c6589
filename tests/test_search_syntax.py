"""The search box's advanced syntax, through the real index built from the seeds."""

import pytest
from whoosh import index as whoosh_index

from app.build import layout as builds
from tests.conftest import SEED_IDS, search_ids


@pytest.fixture(scope="module")
def ix(seed_archive):
    settings, _ = seed_archive
    return whoosh_index.open_dir(str(builds.current_build(settings.data_dir) / builds.INDEX_NAME))


def found(ix, text: str) -> set[str]:
    ids, _ = search_ids(ix, text)
    return {n for n, i in SEED_IDS.items() if i in ids}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ривлин OR Гутерриш", {"000", "003"}),
        ("Токаев -Израиль", {"001", "003", "004"}),
        ("Токаев NOT Израиль", {"001", "003", "004"}),
        ("Токаев AND Израиль", {"000", "002"}),
        ("leader:gideon-saar", {"002"}),
        ("leader:Ривлин", {"000"}),
        ("country:IL", {"000", "002"}),
        ("country:Сирия", {"004"}),
        ("organisation:SCO", {"001"}),
        ("org:UN", {"001", "003", "004"}),
        ("lang:kk Тоқаев", {"001", "003", "004"}),
        ("event:meeting", {"002", "004"}),
        ("date:2020", {"000"}),
        ("date:2020-04..2026-01-31", {"000", "002"}),
        ("date:2021..", {"002"}),
        ("Израил*", {"000", "002"}),
        ('"телефонный разговор" -Ривлин', {"002"}),
    ],
)
def test_advanced_syntax(ix, text: str, expected: set[str]) -> None:
    assert found(ix, text) == expected


@pytest.mark.parametrize(
    "text", ["*", "a*", "из*", '"', "((((Токаев", "OR", "NOT", "-", "leader:", "date:2020-13"]
)
def test_expensive_or_broken_patterns_are_bounded_not_errors(ix, text: str) -> None:
    ids, total = search_ids(ix, text)
    assert total == len(ids) <= 5


def test_unknown_field_is_read_as_words(ix) -> None:
    assert found(ix, "Израиль:Ривлин") == {"000"}
