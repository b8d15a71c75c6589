"""Shortcuts in writing the Whoosh index change nothing it holds: the analyser's per-word
keys kept across documents (app.text.analysis.word_keys), the field lengths read whole
while segments are committed (app.build.whoosh_private.whole_length_columns) and positions
made from the analyser's keys (whoosh_private.index_writing)."""

from pathlib import Path

from whoosh import index
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.fields import ID, TEXT, Schema

from app.build import whoosh_private
from app.build.schema import TEXT as TEXT_NAME
from app.build.schema import TITLE, build_schema
from app.text.analysis import ArchiveTokenizer, tag_language, word_keys
from app.text.fold import unify_letters
from app.text.morphology import index_keys

# Invented text: one word read in two languages, mixed scripts, case and repeats.
SENTENCES = {
    "ru": "Министры обсудили сотрудничество. Министр отметил: сотрудничество растёт, Tокаев и ТОКАЕВ.",
    "kk": "Министрлер ынтымақтастықты талқылады; министр сотрудничество туралы айтты.",
    "en": "The ministers discussed cooperation; the Minister said cooperation grows.",
}


def _uncached(text: str, language: str) -> list[tuple[int, str]]:
    """The analysis as written out word by word, with nothing kept between words."""
    tokens = []
    for position, word in enumerate(__import__("re").findall(r"\w+", text)):
        tokens += [(position, key) for key in index_keys(unify_letters(word).lower(), language)]
    return tokens


def test_the_kept_keys_of_a_word_are_its_keys_in_each_language() -> None:
    word_keys.cache_clear()
    analyse = ArchiveTokenizer()
    # Twice over, so that the second pass reads kept keys, in each language in turn: a word
    # kept under its spelling alone would give the Russian keys to the Kazakh document.
    for _ in range(2):
        for language, text in SENTENCES.items():
            found = [(t.pos, t.text) for t in analyse(tag_language(text, language), positions=True)]
            assert found == _uncached(text, language)
    assert word_keys("сотрудничество", "ru") != word_keys("сотрудничество", "kk")
    assert word_keys.cache_info().hits > 0


def _documents() -> list[dict[str, str]]:
    words = " ".join(SENTENCES.values()).split()
    return [
        {"id": str(n), "body": " ".join(words[n % 7 : n % 7 + 3 + n % 11]), "title": words[n % 5]}
        for n in range(600)
    ]


def _files(folder: Path) -> dict[str, bytes]:
    """Every file inside the index's compound segment, by kind (segment names are random,
    and the compound file lists its parts with their times)."""
    ix = index.open_dir(str(folder))
    (segment,) = ix._segments()
    parts = segment.open_compound_file(ix.storage)
    found = {}
    for name in parts.list():
        with parts.open_file(name) as handle:
            found[name.split(".", 1)[1]] = handle.read()
    return found


def _write(folder: Path, schema: Schema, documents: list[dict[str, str]]) -> None:
    folder.mkdir()
    ix = index.create_in(str(folder), schema)
    writer = ix.writer()
    for document in documents:
        writer.add_document(**document)
    writer.commit()


def test_an_index_written_with_whole_length_columns_is_the_same(tmp_path: Path) -> None:
    schema = Schema(id=ID(stored=True), body=TEXT(phrase=True), title=TEXT(field_boost=2.0))
    documents = _documents()
    _write(tmp_path / "plain", schema, documents)
    with whole_length_columns_counted() as calls:
        _write(tmp_path / "whole", schema, documents)
    assert calls["lengths read"] > 0, "the commit did not go through the whole columns"
    assert _files(tmp_path / "whole") == _files(tmp_path / "plain")


def test_the_archive_index_written_through_index_writing_is_the_same(tmp_path: Path) -> None:
    """The archive's own schema (both text fields in its analyser, the title boosted), in
    three languages, with words repeated in a document and a document with no words."""
    documents = [
        {
            "id": str(n),
            "language": language,
            TITLE: tag_language(text.split(".")[0], language),
            TEXT_NAME: tag_language(f"{text} {text.split()[n % 4]}" if n % 9 else "", language),
        }
        for n, (language, text) in enumerate(list(SENTENCES.items()) * 40)
    ]
    _write(tmp_path / "plain", build_schema(), documents)
    with whoosh_private.index_writing():
        _write(tmp_path / "fast", build_schema(), documents)
    assert _files(tmp_path / "fast") == _files(tmp_path / "plain")


def test_the_analysers_positions_are_its_tokens() -> None:
    analyse = ArchiveTokenizer()
    for language, text in SENTENCES.items():
        value = tag_language(f"{text} {text}", language)
        expected: dict[str, list[int]] = {}
        for token in analyse(value, positions=True):
            expected.setdefault(token.text, []).append(token.pos)
        assert analyse.positions(value) == expected
        assert list(analyse.positions(value)) == list(expected)


def test_whole_length_columns_answer_as_whooshs_reader(tmp_path: Path) -> None:
    """Every document (one with no text at all: no length byte), one past the last (Whoosh
    allows it), and fields with no lengths column (`nothing`; `text` is not in this schema)."""
    schema = Schema(id=ID(stored=True), body=TEXT, title=TEXT)
    _write(tmp_path / "docs", schema, [*_documents()[:50], {"id": "x"}])
    for path in (tmp_path / "docs",):
        ix = index.open_dir(str(path))
        for segment in ix._segments():
            storage = segment.open_compound_file(ix.storage) if segment.is_compound() else ix.storage
            plain = segment.codec().per_document_reader(storage, segment)
            expected = {
                (n, f): plain.doc_field_length(n, f)
                for n in range(segment.doc_count_all() + 1)
                for f in ("body", "title", "text", "nothing")
            }
            with whoosh_private.whole_length_columns():
                whole = segment.codec().per_document_reader(storage, segment)
                found = {key: whole.doc_field_length(*key) for key in expected}
            assert found == expected
            assert {v for (n, f), v in expected.items() if f == "body" and n < 50} - {None, 0}


class whole_length_columns_counted:  # noqa: N801  (used as a context manager, like the one it wraps)
    """`whole_length_columns`, counting how many columns it read whole."""

    def __enter__(self) -> dict[str, int]:
        self.calls = {"lengths read": 0}
        self.inner = whoosh_private.whole_length_columns()
        self.inner.__enter__()
        patched = W3PerDocReader.doc_field_length
        calls = self.calls

        def counted(reader: W3PerDocReader, docnum: int, fieldname: str, default: int = 0) -> int | None:
            calls["lengths read"] += 1
            return patched(reader, docnum, fieldname, default)

        W3PerDocReader.doc_field_length = counted
        return self.calls

    def __exit__(self, *exc: object) -> None:
        self.inner.__exit__(*exc)
