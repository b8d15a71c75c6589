"""Which files to load, and how to turn their bytes into text (encoding, BOM, newlines)."""

import codecs
import errno
import hashlib
import os
import re
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path, PurePath

# Control characters other than tab/newline/carriage return; more than this share of
# them means the file is not text whatever a detector says.
MAX_CONTROL_SHARE = 0.01
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# A UTF-8 file with a few stray bytes (a bad copy, a truncated last character) is still
# UTF-8: at most this many invalid sequences, each outnumbered by valid multi-byte ones.
MAX_STRAY_BYTES = 16
STRAY_SHARE = 4
# What a press release in Russian, Kazakh or English can plausibly be written in, besides
# UTF-8: a detector free to choose read 30 characters of KOI8-R as Shift-JIS.
PLAUSIBLE_ENCODINGS = [
    "utf_16",
    "utf_32",
    "cp1251",
    "koi8_r",
    "koi8_u",
    "cp866",
    "mac_cyrillic",
    "iso8859_5",
    "kz1048",
    "ptcp154",
    "cp1252",
    "latin_1",
]
# Below this length, or with less coherence, a detected encoding is a guess, and said so.
CONFIDENT_BYTES = 200
CONFIDENT_COHERENCE = 0.2


class FileRejected(Exception):
    """A file that cannot become an article; `reason` is shown to the person loading."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{shown(path)}: {reason}")
        self.path = path
        self.reason = reason

    @property
    def shown(self) -> str:
        return shown(self.path)


def shown(path: Path | str) -> str:
    """A path as text that can be printed and stored: bytes that are not UTF-8 (Python
    keeps them as lone surrogates) shown as `\\xe9` escapes."""
    text = str(path)
    if text.isascii():  # most names, at no cost: a load shows every file it sees
        return text
    return os.fsencode(text).decode("utf-8", "backslashreplace")


def _name_is_utf8(path: Path) -> bool:
    text = str(path)
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


@dataclass(frozen=True)
class DecodedFile:
    path: Path
    text: str
    encoding: str
    had_bom: bool
    newline: str
    sha256: str
    size: int
    mtime_ns: int = 0
    # What the person loading should know about how the bytes became text.
    notes: tuple[str, ...] = ()


def _not_a_file(path: Path) -> str:
    """Why an entry that is neither a file nor a directory cannot be loaded."""
    if path.is_symlink():
        try:
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return f"symbolic link loop (to {os.readlink(path)})"
            return f"broken symbolic link (to {os.readlink(path)})"
    mode = path.stat().st_mode
    kind = "named pipe" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
    return f"not a regular file ({kind})"


def _inside(target: Path, roots: list[Path]) -> bool:
    return any(target == root or target.is_relative_to(root) for root in roots)


def _link_refusal(entry: Path, roots: list[Path], follow_outside_links: bool) -> str | None:
    """Why a symbolic link inside a loaded folder is not followed, or None to follow it.

    A link to a file elsewhere would publish that file (`ln -s /etc/passwd x.txt`); a linked
    directory could bring in anything or loop. Neither is followed; both are named."""
    if not entry.is_symlink() or not entry.exists():
        return None  # not a link, or a broken one or a loop: named by _not_a_file
    target = entry.resolve()
    if entry.is_dir():
        return f"symbolic link to a directory ({target}): not followed; name that directory to load it"
    if not follow_outside_links and not _inside(target, roots):
        return (
            f"symbolic link to a file outside the loaded folders ({target}): refused; "
            "set ARCHIVE_FOLLOW_OUTSIDE_LINKS=true to allow"
        )
    return None


def child_paths(folder: Path) -> Callable[[str], Path]:
    """What makes `folder / name` for a name scandir gave (one part, never a path): the
    folder's parsed parts and its text extended as they are, not parsed again (pathlib's own
    glob joins so), where this Python's pathlib allows it; `folder.joinpath` elsewhere.
    Parsing and formatting each path took 1.3 of the 1.4 s of CPU a load spent listing
    100,000 files, every load, changed or not."""
    extend = getattr(folder, "_make_child_relpath", None)
    if extend is None or "_str" not in getattr(PurePath, "__slots__", ()):
        return folder.joinpath
    text = str(folder)
    prefix = text if text.endswith(os.sep) else text + os.sep

    def child(name: str) -> Path:
        path: Path = extend(name)
        path._str = prefix + name  # type: ignore[attr-defined]  # what str(path) would format
        return path

    return child


def _walk(folder: str, resolved: Path) -> Iterator[tuple[Path, os.DirEntry[str]]]:
    """Every entry under `folder`, by its path under the resolved folder, in the order
    `sorted(Path(folder).rglob("*"), key=lambda p: p.parts)` gives: names in order, a
    folder just before what it holds. Hidden entries and all under them are left out;
    linked folders are listed, not entered. One `scandir` per folder and no `stat` per
    file: the kind of each entry comes with its name, and a load of 100k files lists them
    all every time."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except PermissionError:  # as rglob: an unreadable folder is passed over
        return
    child = child_paths(resolved)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        under = child(entry.name)
        yield under, entry
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(entry.path, under)


def discover(paths: list[Path], follow_outside_links: bool = False) -> tuple[list[Path], list[FileRejected]]:
    """Expand directories into their files (sorted, hidden ones skipped); report missing paths,
    entries that cannot be read as files (broken links, loops, pipes) and links that leave the
    loaded folders, never skip them silently. A path named on its own is the loader's choice and
    is read wherever it points."""
    found: list[Path] = []  # resolved
    refused: list[FileRejected] = []
    roots = [path.resolve() for path in paths if path.is_dir()]
    for path in paths:
        if path.is_dir():
            # A file in a folder that is not a link itself resolves to the folder's resolved
            # path and its own name, without a look-up of every part.
            for under, entry in _walk(str(path), path.resolve()):
                if entry.is_symlink():
                    entry_path = Path(entry.path)
                    refusal = _link_refusal(entry_path, roots, follow_outside_links)
                    if refusal is not None:
                        refused.append(FileRejected(entry_path, refusal))
                    elif entry_path.is_file():
                        found.append(entry_path.resolve())
                    else:
                        refused.append(FileRejected(entry_path, _not_a_file(entry_path)))
                elif entry.is_file(follow_symlinks=False):
                    found.append(under)
                elif not entry.is_dir(follow_symlinks=False):
                    refused.append(FileRejected(Path(entry.path), _not_a_file(Path(entry.path))))
        elif path.is_file():
            found.append(path.resolve())
        elif path.is_symlink() or path.exists():
            refused.append(FileRejected(path, _not_a_file(path)))
        else:
            refused.append(FileRejected(path, "no such file or directory"))
    # By their text: hashing a Path costs several times as much, for every file of a load.
    unique: dict[str, Path] = {}
    for path in found:
        unique.setdefault(str(path), path)
    named: list[Path] = []
    for path in unique.values():
        if _name_is_utf8(path):
            named.append(path)
        else:
            reason = "file name is not valid UTF-8 (shown escaped); rename it to load it"
            refused.append(FileRejected(path, reason))
    return named, refused


def _newline_style(text: str) -> str:
    crlf = text.count("\r\n")
    cr = text.count("\r") - crlf
    lf = text.count("\n") - crlf
    kinds = [name for name, count in (("crlf", crlf), ("cr", cr), ("lf", lf)) if count]
    return kinds[0] if len(kinds) == 1 else ("mixed" if kinds else "none")


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    return len(CONTROL_CHARACTER.findall(text)) / len(text)


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _utf8_with_stray_bytes(data: bytes) -> tuple[str, str] | None:
    """UTF-8 text with its few invalid sequences replaced by U+FFFD, and where they were;
    None when the bytes are not UTF-8 with a few errors but some other encoding."""
    pieces: list[str] = []
    stray: list[int] = []
    position = 0
    while True:
        try:
            pieces.append(data[position:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            pieces.append(data[position : position + exc.start].decode("utf-8"))
            pieces.append("\ufffd")
            stray.append(position + exc.start)
            position += exc.end
            if len(stray) > MAX_STRAY_BYTES:
                return None
    text = "".join(pieces)
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - len(stray)
    # A file cut inside its last character is UTF-8 whatever its length.
    cut_at_end = stray[-1] >= len(data) - 3 and data[stray[-1]] >= 0xC0
    if multibyte < STRAY_SHARE * (len(stray) - cut_at_end) or (cut_at_end and not multibyte):
        return None
    lines = sorted({_line_of(data, offset) for offset in stray})
    where = ", ".join(map(str, lines[:5])) + (" …" if len(lines) > 5 else "")
    plural = "s" if len(lines) > 1 else ""
    note = f"{len(stray)} invalid UTF-8 byte sequence(s) replaced with U+FFFD (line{plural} {where})"
    return text, note


def decode_text(data: bytes) -> tuple[str, str, bool, tuple[str, ...]]:
    """Text, encoding name, whether a BOM was present, and notes on what was guessed or
    repaired on the way; raises ValueError with a reason."""
    if not data:
        raise ValueError("empty file (0 bytes)")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8", True, ()
        except UnicodeDecodeError as exc:
            raise ValueError(f"starts with a UTF-8 BOM but is not valid UTF-8 ({exc.reason})") from exc
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", False, ()
    except UnicodeDecodeError:
        pass
    repaired = _utf8_with_stray_bytes(data)
    if repaired is not None:
        return repaired[0], "utf-8", False, (repaired[1],)
    # Imported for the first file that is not UTF-8: a load that reads none (most loads of a
    # few edited files, and every load that finds nothing changed) does without it.
    from charset_normalizer import from_bytes

    results = from_bytes(data, cp_isolation=PLAUSIBLE_ENCODINGS)
    best = results.best()
    if best is None:
        raise ValueError("not UTF-8 and no text encoding could be detected (binary?)")
    had_bom = bool(getattr(best, "bom", False) or getattr(best, "byte_order_mark", False))
    notes: tuple[str, ...] = ()
    if len(data) < CONFIDENT_BYTES or best.coherence < CONFIDENT_COHERENCE:
        others = [r.encoding for r in results if r.encoding != best.encoding][:3]
        also = f" (also possible: {', '.join(others)})" if others else ""
        notes = (f"encoding guessed as {best.encoding} with low confidence{also}; check the text",)
    return str(best), best.encoding, had_bom, notes


def decode_bytes(data: bytes) -> tuple[str, str, bool]:
    """Text, encoding name and whether a BOM was present; raises ValueError with a reason."""
    text, encoding, had_bom, _ = decode_text(data)
    return text, encoding, had_bom


def decode_file(path: Path, data: bytes) -> DecodedFile:
    """Decode one file's bytes; raises FileRejected with a reason a person can act on."""
    try:
        text, encoding, had_bom, notes = decode_text(data)
    except ValueError as exc:
        raise FileRejected(path, str(exc)) from exc
    if _control_share(text) > MAX_CONTROL_SHARE:
        raise FileRejected(path, f"binary file (control characters; decoded as {encoding})")
    if not text.strip():
        raise FileRejected(path, "no text (whitespace only)")
    return DecodedFile(
        path=path,
        text=text,
        encoding=encoding,
        had_bom=had_bom,
        newline=_newline_style(text),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
        notes=notes,
    )


def read_file(path: Path, max_bytes: int) -> DecodedFile:
    """Read and decode one file, refusing unreadable or oversized ones with a clear reason."""
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise FileRejected(path, f"cannot stat file: {exc.strerror or exc}") from exc
    if size > max_bytes:
        raise FileRejected(path, f"file too large: {size} bytes, limit is {max_bytes} bytes")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FileRejected(path, f"cannot read file: {exc.strerror or exc}") from exc
    return replace(decode_file(path, data), mtime_ns=path.stat().st_mtime_ns)
