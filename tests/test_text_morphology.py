"""Index keys: several per word so that case forms and scripts meet."""

import threading

import pytest

from app.text.fold import fold
from app.text.morphology import index_keys, query_keys, russian_keys


def test_fold_maps_kazakh_letters_and_yo() -> None:
    assert fold("Тоқаев Қытай Өзбекстан Үкімет Ұлы Әлем Ғалым Һ Ёлка") == (
        "Токаев Кытай Озбекстан Укимет Улы Алем Галым Х Елка"
    )


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("казахстан", "казахстане"),
        ("токаев", "токаева"),
        ("токаев", "токаевым"),
        ("китай", "китая"),
        ("китай", "китаем"),
        ("ашимбаев", "ашимбаеву"),
        ("израиль", "израилем"),
    ],
)
def test_russian_case_forms_share_a_key(one: str, other: str) -> None:
    assert set(index_keys(one, "ru")) & set(index_keys(other, "ru"))


@pytest.mark.parametrize(
    ("query", "document_word", "language"),
    [
        ("токаев", "тоқаевқа", "kk"),
        ("тоқаев", "токаева", "ru"),
        ("қытайдың", "қытай", "kk"),
        ("президенту", "президентінің", "kk"),
    ],
)
def test_a_query_word_meets_a_document_word_across_languages(
    query: str, document_word: str, language: str
) -> None:
    assert set(query_keys(query)) & set(index_keys(document_word, language))


def test_unrelated_words_share_no_key() -> None:
    assert not set(query_keys("израиль")) & set(index_keys("китай", "ru"))
    assert not set(query_keys("сенат")) & set(index_keys("сенім", "kk"))


def test_english_words_get_english_stems() -> None:
    assert set(index_keys("meetings", "en")) & set(query_keys("meeting"))


def test_the_named_dictionary_parses_as_the_looked_up_one() -> None:
    import pymorphy3

    from app.text.morphology import _morph

    looked_up = pymorphy3.MorphAnalyzer()
    assert _morph().lang == looked_up.lang == "ru"
    for word in ("переговоры", "президентом", "встретились", "Токаевым", "саммите"):
        assert [(p.normal_form, str(p.tag)) for p in _morph().parse(word)] == [
            (p.normal_form, str(p.tag)) for p in looked_up.parse(word)
        ]


def test_a_cyrillic_word_is_analysed_once_for_its_query_keys() -> None:
    """`query_keys` asks for a Cyrillic word's Russian keys as a word of a Russian document
    and of an English one: the second time they are the first's, not analysed again."""
    word = "переговорщиками"
    russian_keys.cache_clear()
    index_keys.cache_clear()
    query_keys.cache_clear()
    keys = query_keys(word)
    assert russian_keys.cache_info().hits == 1
    assert russian_keys.cache_info().misses == 1
    assert keys[0] == word and "переговорщик" in keys


def test_threads_asking_at_once_share_one_analyser(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker's first request and its warm-up thread ask for the analyser together: the
    dictionaries are loaded once, and both get that one."""
    from app.text import morphology

    monkeypatch.setattr(morphology, "_analyser", {})
    start = threading.Barrier(3)
    got: list[object] = []

    def ask() -> None:
        start.wait()
        got.append(morphology._morph())

    threads = [threading.Thread(target=ask) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert len(got) == 3 and got[0] is got[1] is got[2]
