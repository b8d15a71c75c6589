"""Read stage: encodings, BOMs, newlines and the bad kinds of file, each with its reason."""

import codecs
from pathlib import Path

import pytest

from app.loader.discover import FileRejected, child_paths, decode_file, discover, read_file

RUSSIAN = "Президент Казахстана Касым-Жомарт Токаев провёл телефонный разговор.\n"


def test_plain_utf8_is_read_as_is(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(RUSSIAN.encode("utf-8"))
    decoded = read_file(path, max_bytes=10_000)
    assert decoded.text == RUSSIAN
    assert (decoded.encoding, decoded.had_bom, decoded.newline) == ("utf-8", False, "lf")


def test_bom_and_crlf_are_recorded_and_the_bom_is_dropped(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8 + RUSSIAN.replace("\n", "\r\n").encode("utf-8"))
    decoded = read_file(path, max_bytes=10_000)
    assert decoded.text.startswith("Президент")
    assert decoded.had_bom is True
    assert decoded.newline == "crlf"


def test_windows_1251_is_detected_and_recorded(tmp_path: Path) -> None:
    text = (RUSSIAN * 3) + "Стороны обсудили вопросы двустороннего сотрудничества.\n"
    path = tmp_path / "cp.txt"
    path.write_bytes(text.encode("cp1251"))
    decoded = read_file(path, max_bytes=10_000)
    assert decoded.text == text
    assert decoded.encoding in {"cp1251", "windows-1251"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\t\r\n   \n", "whitespace only"),
        (bytes(range(256)) * 8, "binary"),
        (b"\x89PNG\r\n\x1a\n" + bytes([0, 0, 0, 13]) + b"IHDR" + bytes(200), "binary"),
    ],
)
def test_bad_files_are_refused_with_a_reason(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(FileRejected) as excinfo:
        read_file(path, max_bytes=10_000)
    assert reason in excinfo.value.reason
    assert excinfo.value.path == path


def test_oversize_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(RUSSIAN.encode() * 100)
    with pytest.raises(FileRejected) as excinfo:
        read_file(path, max_bytes=1000)
    assert "too large" in excinfo.value.reason
    assert "limit is 1000 bytes" in excinfo.value.reason


def test_decode_keeps_the_sha_of_the_raw_bytes(tmp_path: Path) -> None:
    one = decode_file(tmp_path / "x", RUSSIAN.encode())
    two = decode_file(tmp_path / "y", codecs.BOM_UTF8 + RUSSIAN.encode())
    assert one.text == two.text
    assert one.sha256 != two.sha256


def test_discover_expands_directories_skips_hidden_and_reports_missing(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_text("b")
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "c.txt").write_text("c")
    files, missing = discover([tmp_path, tmp_path / "nope.txt"])
    assert [f.name for f in files] == ["a.txt", "b.txt", "c.txt"]
    assert [m.reason for m in missing] == ["no such file or directory"]


@pytest.mark.parametrize("name", ["a.txt", "статья 1.txt", "..x", "x.", " lead", "a\\b", "\udcff.txt"])
@pytest.mark.parametrize("folder", ["/", "/tmp", "/tmp/a b/ü"])
def test_a_child_path_made_without_parsing_is_the_path_joined(folder: str, name: str) -> None:
    """discover joins each listed name to its folder's parts as they are: the same path as
    `folder / name` in every way a load uses it (text, parts, equality, hash, name, parent)."""
    made, joined = child_paths(Path(folder))(name), Path(folder) / name
    assert (str(made), made.parts, made.name, made.parent) == (
        str(joined),
        joined.parts,
        joined.name,
        joined.parent,
    )
    assert made == joined and hash(made) == hash(joined) and {made: 1}[joined] == 1


def test_discover_lists_the_same_paths_as_a_plain_walk(tmp_path: Path) -> None:
    for name in ("b.txt", "a.txt", "сводка.txt", "sub/c.txt", "sub/deeper/d.txt", ".hidden/e.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    found, refused = discover([tmp_path])
    plain = sorted(
        (p.resolve() for p in tmp_path.rglob("*") if p.is_file() and ".hidden" not in p.parts),
        key=lambda p: p.parts,
    )
    assert refused == []
    assert [str(p) for p in found] == [str(p) for p in plain]
    assert found == plain
