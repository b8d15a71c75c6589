"""The line classifier's trainer (bench/train_lines.py): the evidence it reads from each line
through the real layout rules, the labels it takes from a truth line as bench/accuracy.py reads
it, and what it counts as left and lost. Invented pages in Russian, Kazakh and English."""

import hashlib

import numpy as np

from app.loader.clean import join_wrapped_lines, normalise, rule_pieces
from app.loader.wrapping import join_hard_wrapped
from bench.accuracy import norm_line
from bench.train_lines import (
    FEATURE_NAMES,
    line_features,
    other_language,
    page_language,
    page_lines,
    rule_kinds,
    score,
)

RU_PAGE = "\n".join(
    [
        "Министры обсудили строительство нового моста через реку",
        "",
        "12 марта 2024, 14:30",
        "",
        "В столице состоялась встреча министров двух стран, на которой стороны обсудили"
        " строительство нового моста и сроки работ.",
        "",
        "Переговоры прошли в Астане.",
        "",
        "По словам министра, работы начнутся летом, а завершить их планируется через два года"
        " после начала строительства.",
        "",
        "Другие новости",
        "Фермеры собрали урожай | Экономика",
        "Открылась новая школа | Общество",
    ]
)


def _features(text: str) -> tuple[dict[int, dict[str, float]], dict[int, str]]:
    joined = join_hard_wrapped(join_wrapped_lines(normalise(text)))
    kinds, _ = rule_kinds(rule_pieces(joined, {}), {})
    values = line_features(joined, kinds)
    return {n: dict(zip(FEATURE_NAMES, v, strict=True)) for n, v in values.items()}, kinds


def test_a_dateline_above_the_text_reads_as_a_date_before_it() -> None:
    feats, _ = _features(RU_PAGE)
    stamp = feats[3]
    assert (stamp["has_date"], stamp["has_clock"], stamp["before_text"]) == (1.0, 1.0, 1.0)
    assert stamp["ends_sentence"] == 0.0


def test_a_related_news_block_reads_as_linked_lines_after_the_text() -> None:
    feats, kinds = _features(RU_PAGE)
    linked = feats[12]
    assert linked["after_text"] == 1.0 and linked["separators"] >= 1.0
    assert linked["short_run"] > 0.0 and linked["ends_sentence"] == 0.0
    # The rules' verdicts are features too: the block opened by `Другие новости` is theirs.
    assert kinds[11] == "boilerplate" and linked["rule_boilerplate"] == 1.0


def test_a_short_body_sentence_reads_as_text_inside_the_text() -> None:
    feats, kinds = _features(RU_PAGE)
    short = feats[7]
    assert (short["ends_sentence"], short["before_text"], short["after_text"]) == (1.0, 0.0, 0.0)
    assert 7 not in kinds and not any(short[f"rule_{k}"] for k in ("metadata", "boilerplate", "site"))


def test_a_notice_in_another_language_counts_its_function_words() -> None:
    kazakh = [
        "Елбасы Түркия Президентімен кездесті және екі ел арасындағы ынтымақтастық туралы айтты.",
        "Тараптар сауда мен инвестиция бойынша да келісімге қол қойды.",
    ]
    assert page_language(kazakh) == "kk"
    notice = "Извините, этот текст доступен только на казахском языке.".split()
    assert other_language(notice, "kk") >= 2
    # Counterpart: a Kazakh sentence on the Kazakh page has none, `да` being a function word
    # of both Kazakh and Russian.
    assert other_language(kazakh[1].split(), "kk") == 0


EN_PAGE = "\n".join(
    [
        "Ministers discuss a new bridge",
        "",
        "By Staff Reporter",
        "",
        "The ministers of the two countries met in the capital on Monday and discussed the"
        " construction of a new bridge across the river.",
        "",
        "Work is due to start in summer.",
        "",
        "Share this article",
    ]
)


def _truth(text: str) -> dict[str, object]:
    lines = text.split("\n")

    def sha1(number: int) -> str:
        return hashlib.sha1(norm_line(lines[number - 1]).encode()).hexdigest()[:12]

    return {
        "id": "en-test-01",
        "part": "v2",
        "sha256": hashlib.sha256((text + "\n").encode()).hexdigest(),
        "headline": lines[0],
        "headline_line": 1,
        "metadata_lines": [{"line": 3, "prefix": lines[2][:40]}],
        "boilerplate_lines": [{"line": 9, "prefix": lines[8][:40]}],
        "body_lines": [{"line": 5, "sha1": sha1(5)}, {"line": 7, "sha1": sha1(7)}],
    }


def test_lines_are_labelled_from_the_truth_and_the_headline_left_to_the_rules() -> None:
    page = page_lines(_truth(EN_PAGE), EN_PAGE + "\n", {})
    assert page is not None
    assert dict(zip(page.numbers, page.labels, strict=True)) == {
        3: "metadata",
        5: "body",
        7: "body",
        9: "boilerplate",
    }
    # Another copy of the page (a line added on top): labelled by the lines' text instead.
    moved = "Breaking\n" + EN_PAGE
    copy = page_lines(_truth(EN_PAGE), moved + "\n", {})
    assert copy is not None
    assert dict(zip(copy.numbers, copy.labels, strict=True)) == {
        4: "metadata",
        6: "body",
        8: "body",
        10: "boilerplate",
    }


def test_a_line_printed_twice_is_labelled_where_the_truth_puts_it() -> None:
    # The headline again at the foot of the page is boilerplate there; at the top it is the
    # headline, which the trainer leaves to the rules.
    text = EN_PAGE.replace("Share this article", "Ministers discuss a new bridge")
    page = page_lines(_truth(text), text + "\n", {})
    assert page is not None
    assert 1 not in page.numbers
    assert page.labels[page.numbers.index(9)] == "boilerplate"


def test_left_and_lost_lines_are_counted_against_the_labels() -> None:
    page = page_lines(_truth(EN_PAGE), EN_PAGE + "\n", {})
    assert page is not None
    nothing = score([page], [np.zeros(len(page.labels), dtype=bool)])
    assert (nothing["boilerplate left"], nothing["metadata left"], nothing["body lost"]) == (1, 1, 0)
    everything = score([page], [np.ones(len(page.labels), dtype=bool)])
    assert (everything["boilerplate left"], everything["metadata left"], everything["body lost"]) == (0, 0, 2)
