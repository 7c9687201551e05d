"""Bytes to text and back, without losing a byte: BOM, encoding and newlines are kept as found.

Newlines are never translated (offsets count "\\r" like any other code point), so writing the
text back with the same encoding and BOM reproduces an untouched file exactly.
"""

from __future__ import annotations

import codecs
import os
import tempfile
from dataclasses import dataclass


class SourceError(Exception):
    """A file that cannot be linted; the message is one line saying what and where."""


@dataclass(frozen=True)
class Source:
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""


_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with UTF-16 LE's
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode(data: bytes) -> Source:
    """Decode a file's bytes: a BOM decides the encoding, otherwise it must be UTF-8."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return Source(body.decode(encoding), encoding, bom)
            except UnicodeDecodeError as exc:
                raise SourceError(f"invalid {encoding} at byte {exc.start + len(bom)}") from None
    if b"\x00" in data[:8192]:
        raise SourceError("binary file (contains NUL bytes), skipped")
    try:
        return Source(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line})"
        ) from None


def encode(source: Source, text: str) -> bytes:
    return source.bom + text.encode(source.encoding)


def read_source(path: str) -> Source:
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        raise SourceError("file not found (removed while tqlint was running?)") from None
    except IsADirectoryError:
        raise SourceError("is a directory") from None
    except PermissionError:
        raise SourceError("permission denied") from None
    except OSError as exc:
        raise SourceError(exc.strerror or str(exc)) from None
    return decode(data)


def write_atomically(path: str, data: bytes) -> None:
    """Replace `path` with `data` so that a reader (or a crash) sees the old file or the new one,
    never half of either. The file's permission bits are kept."""
    real = os.path.realpath(path)
    directory = os.path.dirname(real) or "."
    mode = os.stat(real).st_mode & 0o7777
    if not os.access(real, os.W_OK):
        raise SourceError("file is read-only, not changed")
    fd, tmp = tempfile.mkstemp(prefix=".tqlint-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException:
        # Includes KeyboardInterrupt: the original is untouched until os.replace succeeds.
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
