"""Bytes to text and back, without losing a byte: BOM, encoding and newlines are kept as found.

Newlines are never translated (offsets count "\\r" like any other code point), so writing the
text back with the same encoding and BOM reproduces an untouched file exactly.
"""

from __future__ import annotations

import codecs
import functools
import os
import stat
import sys
from dataclasses import dataclass


class FileError(Exception):
    """A file that cannot be linted; the message is one line saying what and where."""


@dataclass(frozen=True)
class FileText:
    """A file's text as decoded, with the encoding and byte-order mark to write it back."""
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


def decode(data: bytes) -> FileText:
    """Decode a file's bytes: a BOM decides the encoding, otherwise it must be UTF-8."""
    error = None
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return FileText(body.decode(encoding), encoding, bom)
            except UnicodeDecodeError as exc:
                # FF FE 00 00 is also UTF-16 LE text starting with U+0000: try that next.
                error = error or FileError(f"invalid {encoding} at byte {exc.start + len(bom)}")
    if error is not None:
        raise error
    if b"\x00" in data[:8192]:
        raise FileError("binary file (contains NUL bytes), skipped")
    try:
        return FileText(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise FileError(
            f"not valid UTF-8: byte 0x{data[exc.start]:02x} at offset {exc.start} (line {line})"
        ) from None


def encode(source: FileText, text: str) -> bytes:
    return source.bom + text.encode(source.encoding)


DEFAULT_MAX_FILE_MB = 10.0  # no article comes near it; TQLINT_MAX_FILE_MB changes it


def max_file_bytes() -> int:
    return _max_file_bytes(os.environ.get("TQLINT_MAX_FILE_MB") or "")


@functools.lru_cache(maxsize=4)
def _max_file_bytes(setting: str) -> int:
    """The size limit; a setting that is not a positive number is said once (per process), and
    the default applies."""
    try:
        megabytes = float(setting or DEFAULT_MAX_FILE_MB)
        if not 0 < megabytes < 2**40:
            raise ValueError
    except ValueError:
        print(f"tqlint: warning: TQLINT_MAX_FILE_MB={setting!r} is not a size in megabytes above 0; "
              f"the default {DEFAULT_MAX_FILE_MB:g} MB applies", file=sys.stderr)
        megabytes = DEFAULT_MAX_FILE_MB
    return int(megabytes * 2**20)


def read_file(path: str) -> FileText:
    limit = max_file_bytes()
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            # A pipe or a device could block the run forever or never end.
            raise FileError("is a directory" if stat.S_ISDIR(info.st_mode)
                              else "not a regular file (a pipe, socket or device), skipped")
        if info.st_size > limit:
            raise FileError(_too_large(info.st_size, limit))
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except FileNotFoundError:
        raise FileError(_not_found(path)) from None
    except IsADirectoryError:
        raise FileError("is a directory") from None
    except PermissionError:
        raise FileError("permission denied") from None
    except OSError as exc:
        raise FileError(exc.strerror or str(exc)) from None
    if len(data) > limit:  # it grew while we looked
        raise FileError(_too_large(len(data), limit))
    return decode(data)


def _not_found(path: str) -> str:
    """A link to nothing is not a file that vanished mid-run."""
    try:
        return f"broken symbolic link (to {os.readlink(path)}: nothing there), skipped"
    except OSError:
        return "file not found (removed while tqlint was running?)"


def _too_large(size: int, limit: int) -> str:
    return (f"file too large: {size / 2**20:.1f} MB, over the {limit / 2**20:g} MB limit for one article "
            "(TQLINT_MAX_FILE_MB raises it), skipped")


def is_read_only(info: os.stat_result) -> bool:
    """No write permission for us, or no write bit at all: a file someone marked read-only
    (chmod a-w) stays untouched even for root, whom os.access would let through."""
    if not info.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
        return True
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        if info.st_uid == os.geteuid():
            return not info.st_mode & stat.S_IWUSR
        if info.st_gid in os.getgroups() or info.st_gid == os.getegid():
            return not info.st_mode & stat.S_IWGRP
        return not info.st_mode & stat.S_IWOTH
    return False


def write_atomically(path: str, data: bytes, replacing: bytes | None = None) -> None:
    """Replace `path` with `data` so that a reader (or a crash, or a kill at any moment) sees the
    old file or the new one, never half of either. The file's permission bits (and, where we may,
    its owner and group) are kept; a symbolic link stays a link to the replaced file. A file
    that does not exist yet (a report, a baseline) is created with the usual permissions.
    `replacing`: the bytes the new text was made from; a file that holds anything else by the
    time of the rename (saved from an editor meanwhile) is left as it is (FileError)."""
    real = os.path.realpath(path)
    directory = os.path.dirname(real) or "."
    try:
        info: os.stat_result | None = os.stat(real)
    except FileNotFoundError:
        info = None
    if info is not None and is_read_only(info):
        raise FileError("file is read-only (no write permission), not changed")
    import tempfile  # start-up: a check writes nothing (tempfile brings shutil, bz2, lzma, random)

    with _signals_deferred():  # Ctrl-C or a TERM lands after the rename, not between the steps
        fd, tmp = tempfile.mkstemp(prefix=".tqlint-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask())
            if info is not None and hasattr(os, "geteuid") and (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
                try:
                    os.chown(tmp, info.st_uid, info.st_gid)
                except OSError:
                    pass  # not ours to give away: the new file is ours, as with any editor
            if replacing is not None and not _holds(real, replacing):
                raise FileError("the file changed while tqlint was fixing it, not changed (run fix again)")
            os.replace(tmp, real)
        except BaseException:
            # The original is untouched until os.replace succeeds.
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise
    _sync_directory(directory)


def _holds(path: str, data: bytes) -> bool:
    """Does the file at `path` hold exactly `data`?"""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(data) + 1) == data
    except OSError:
        return False


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _signals_deferred:
    """Hold SIGINT, SIGTERM and SIGHUP for the few milliseconds of a write, so an interrupted
    `fix` never leaves a temporary file behind (SIGKILL cannot be held: a kill may leave one
    hidden .tqlint-*.tmp file, never a damaged article)."""

    def __enter__(self):
        import signal  # only while a write is in progress
        import threading  # only while a write is in progress

        self._old = None
        if hasattr(signal, "pthread_sigmask") and threading.current_thread() is threading.main_thread():
            held = {signal.SIGINT, signal.SIGTERM, getattr(signal, "SIGHUP", signal.SIGTERM)}
            self._old = signal.pthread_sigmask(signal.SIG_BLOCK, held)
        return self

    def __exit__(self, *exc):
        if self._old is not None:
            import signal  # only while a write is in progress

            signal.pthread_sigmask(signal.SIG_SETMASK, self._old)


def _sync_directory(directory: str) -> None:
    """Make the rename itself durable (a power cut after `fix` returns keeps the new file)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
