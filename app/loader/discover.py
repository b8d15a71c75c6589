"""Which files to load, and how to turn their bytes into text (encoding, BOM, newlines)."""

import codecs
import hashlib
import os
import re
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from charset_normalizer import from_bytes

# Control characters other than tab/newline/carriage return; more than this share of
# them means the file is not text whatever a detector says.
MAX_CONTROL_SHARE = 0.01
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")


class FileRejected(Exception):
    """A file that cannot become an article; `reason` is shown to the person loading."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


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


def _not_a_file(path: Path) -> str:
    """Why an entry that is neither a file nor a directory cannot be loaded."""
    if path.is_symlink() and not path.exists():
        return f"broken symbolic link (to {os.readlink(path)})"
    mode = path.stat().st_mode
    kind = "named pipe" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
    return f"not a regular file ({kind})"


def discover(paths: list[Path]) -> tuple[list[Path], list[FileRejected]]:
    """Expand directories into their files (sorted, hidden ones skipped); report missing paths
    and entries that cannot be read as files (broken links, pipes), never skip them silently."""
    found: list[Path] = []
    refused: list[FileRejected] = []
    for path in paths:
        if path.is_dir():
            for entry in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in entry.relative_to(path).parts):
                    continue
                if entry.is_file():
                    found.append(entry)
                elif not entry.is_dir():
                    refused.append(FileRejected(entry, _not_a_file(entry)))
        elif path.is_file():
            found.append(path)
        elif path.is_symlink() or path.exists():
            refused.append(FileRejected(path, _not_a_file(path)))
        else:
            refused.append(FileRejected(path, "no such file or directory"))
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return unique, refused


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


def decode_bytes(data: bytes) -> tuple[str, str, bool]:
    """Text, encoding name and whether a BOM was present; raises ValueError with a reason."""
    if not data:
        raise ValueError("empty file (0 bytes)")
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8", True
        except UnicodeDecodeError as exc:
            raise ValueError(f"starts with a UTF-8 BOM but is not valid UTF-8 ({exc.reason})") from exc
    if b"\x00" in data and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", False
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise ValueError("not UTF-8 and no text encoding could be detected (binary?)")
    had_bom = bool(getattr(best, "bom", False) or getattr(best, "byte_order_mark", False))
    return str(best), best.encoding, had_bom


def decode_file(path: Path, data: bytes) -> DecodedFile:
    """Decode one file's bytes; raises FileRejected with a reason a person can act on."""
    try:
        text, encoding, had_bom = decode_bytes(data)
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
