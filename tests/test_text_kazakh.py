"""The Kazakh suffix stripper: real inflected forms, harmony and assimilation checks, guards."""

import tomllib

import pytest

from app.text import kazakh
from app.text.kazakh import DATA_FILE, kazakh_stems, load_rules


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        # dative / genitive / instrumental after a loan-final в (voiceless set)
        ("тоқаевқа", "тоқаев"),
        ("тоқаевтың", "тоқаев"),
        ("тоқаевпен", "тоқаев"),
        ("назарбаевқа", "назарбаев"),
        ("медведевке", "медведев"),
        # a Russian-style -ов follows its root's harmony: front after ү, і, back after а
        ("ерғалиповті", "ерғалипов"),
        ("ерғалиповке", "ерғалипов"),
        ("ивановқа", "иванов"),
        # every case after the sonorant й
        ("қытайдың", "қытай"),
        ("қытайға", "қытай"),
        ("қытаймен", "қытай"),
        ("қытайда", "қытай"),
        ("қытайдан", "қытай"),
        ("қытайды", "қытай"),
        # after the nasal н: -ның, -нан (not -дың, -дан)
        ("қазақстанның", "қазақстан"),
        ("қазақстанға", "қазақстан"),
        ("қазақстанда", "қазақстан"),
        ("қазақстаннан", "қазақстан"),
        ("пәкістанмен", "пәкістан"),
        ("ауғанстанда", "ауғанстан"),
        ("ресейдің", "ресей"),
        ("ресеймен", "ресей"),
        ("түркияның", "түркия"),
        ("израильмен", "израиль"),
        ("египеттің", "египет"),
        ("мәскеуден", "мәскеу"),
        ("вашингтонда", "вашингтон"),
    ],
)
def test_case_endings(word: str, stem: str) -> None:
    assert stem in kazakh_stems(word)


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("қазақстанның", "қазақстан"),
        ("тоқаевқа", "тоқаев"),
        ("кітапқа", "кітап"),
        ("балаға", "бала"),
        ("қытайдан", "қытай"),
    ],
)
def test_one_case_cut_gives_exactly_the_stem(word: str, stem: str) -> None:
    assert kazakh_stems(word) == [stem]


def test_plural_is_cut_after_case() -> None:
    assert kazakh_stems("елдерге") == ["елдер", "ел"]
    assert kazakh_stems("мемлекеттердің") == ["мемлекеттер", "мемлекет"]
    assert "жұмыс" in kazakh_stems("жұмыстарын")


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("басшысы", "басшы"),
        ("президентінің", "президент"),
        ("президентіне", "президент"),
        ("сапарыңыз", "сапар"),
        ("елімізде", "ел"),
        ("елордасындағы", "елорда"),
        ("басшысын", "басшы"),
        ("жұмысына", "жұмыс"),
        ("кеңесіне", "кеңес"),
        ("сапарыма", "сапар"),
    ],
)
def test_possessive_endings(word: str, stem: str) -> None:
    assert stem in kazakh_stems(word)


def test_cuts_are_listed_case_then_possessive() -> None:
    assert kazakh_stems("президентінің") == ["президенті", "президент"]


@pytest.mark.parametrize(
    ("word", "stem"),
    [
        ("ауғанстандағы", "ауғанстан"),
        ("жылғы", "жыл"),
        ("сыртқы", "сырт"),
        ("бүгінгі", "бүгін"),
    ],
)
def test_attributive_endings(word: str, stem: str) -> None:
    assert kazakh_stems(word) == [stem]


@pytest.mark.parametrize(
    ("word", "stem"),
    [("кітабы", "кітап"), ("құлағы", "құлақ"), ("министрлігі", "министрлік")],
)
def test_voiced_final_consonant_is_restored(word: str, stem: str) -> None:
    assert kazakh_stems(word)[0] == stem


@pytest.mark.parametrize("word", ["қазақстан", "ауғанстан", "пәкістан", "ақорда", "елбасы"])
def test_protected_endings_are_never_eaten(word: str) -> None:
    assert kazakh_stems(word) == []


def test_agent_noun_keeps_its_suffix() -> None:
    assert kazakh_stems("басшы") == []
    assert kazakh_stems("елші") == []
    stems = kazakh_stems("елшісінің")
    assert "елші" in stems
    assert "елш" not in stems


def test_vowel_harmony() -> None:
    assert kazakh_stems("бала") == []
    assert kazakh_stems("балаға") == ["бала"]
    assert kazakh_stems("балаге") == []
    assert kazakh_stems("үйге") == ["үй"]
    assert kazakh_stems("үйға") == []


def test_consonant_assimilation() -> None:
    assert kazakh_stems("кітапқа") == ["кітап"]
    assert kazakh_stems("кітапға") == []
    assert kazakh_stems("қытайқа") == []
    # after м н ң the genitive is -ның, never -дың
    assert "қазақстан" not in kazakh_stems("қазақстандың")
    assert "тоқаев" not in kazakh_stems("тоқаевдың")


@pytest.mark.parametrize("word", ["ол", "бұл", "мен", "және", "ана", "адам", "заң", "оның"])
def test_short_and_function_words_are_untouched(word: str) -> None:
    assert kazakh_stems(word) == []


@pytest.mark.parametrize("word", ["бағдарлама", "мәлімдеме", "жасады", "төмен", "баға"])
def test_lookalike_endings_are_not_cut(word: str) -> None:
    assert kazakh_stems(word) == []


@pytest.mark.parametrize("word", ["", "covid", "2024", "тоқаевтың-ақ"])
def test_non_cyrillic_tokens_are_ignored(word: str) -> None:
    assert kazakh_stems(word) == []


def test_result_never_holds_the_word_and_has_no_duplicates() -> None:
    for word in ["басшылары", "кітабына", "елдерге", "сапарыңыз", "жұмысына"]:
        stems = kazakh_stems(word)
        assert word not in stems
        assert len(stems) == len(set(stems))


def test_data_file_entries_are_complete() -> None:
    with DATA_FILE.open("rb") as handle:
        data = tomllib.load(handle)
    classes = set(data["sound_classes"])
    tables = data["suffixes"]
    assert set(tables) == {"case", "possessive", "plural"}
    possessive_forms = {entry["form"] for entry in tables["possessive"]}
    for name, entries in tables.items():
        assert entries, name
        for entry in entries:
            assert isinstance(entry["form"], str) and entry["form"]
            assert entry["harmony"] in {"back", "front", "any"}
            assert ("after" in entry) != ("after_possessive" in entry)
            assert set(entry.get("after", [])) <= classes
            assert set(entry.get("after_possessive", [])) <= possessive_forms
            if name == "possessive":
                assert entry["person"] in {"3", "1sg", "2sg", "1pl", "2formal"}
    assert "стан" in {guard["ending"] for guard in data["protected"]}


def test_stripper_reads_the_data_file(tmp_path, monkeypatch) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    edited = tmp_path / "kazakh_suffixes.toml"
    edited.write_text(
        text.replace('{ form = "қа", harmony = "back"', '{ form = "xx", harmony = "back"'),
        encoding="utf-8",
    )
    monkeypatch.setattr(kazakh, "_rules", lambda: load_rules(edited))
    assert kazakh_stems("кітапқа") == []
    assert kazakh_stems("қытайға") == ["қытай"]


def test_bad_data_fails_loudly(tmp_path) -> None:
    text = DATA_FILE.read_text(encoding="utf-8")
    broken = tmp_path / "kazakh_suffixes.toml"
    broken.write_text(text.replace('harmony = "front"', 'harmony = "soft"', 1), encoding="utf-8")
    with pytest.raises(ValueError, match="harmony"):
        load_rules(broken)
