"""Expand the paths a user gives into the files to lint: folders recurse by extension, globs
expand, ignore-paths from the config apply, what git ignores is passed over, symlink loops and
hidden folders are skipped."""

from __future__ import annotations

import fnmatch
import os

from tqlint.text.gitignore import git_ignored
from tqlint.text.readers import LINTABLE_SUFFIXES


def is_ignored(path: str, patterns, base_dir: str) -> bool:
    if not patterns:
        return False
    absolute = os.path.abspath(path)
    relative = os.path.relpath(absolute, base_dir).replace(os.sep, "/")
    if relative.startswith("../"):
        return False
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatchcase(relative, pattern) or fnmatch.fnmatchcase(os.path.basename(absolute), pattern):
            return True
        # "drafts" and "drafts/**" both ignore everything below drafts/.
        prefix = pattern[:-3] if pattern.endswith("/**") else pattern
        if not any(ch in prefix for ch in "*?[") and (relative == prefix or relative.startswith(prefix + "/")):
            return True
        if pattern.endswith("/**") and fnmatch.fnmatchcase(relative, pattern[:-3] + "/*"):
            return True
    return False


def _walk(folder: str, gitignore: bool, unread: list[tuple[str, str]]):
    """The lintable files below `folder`; a folder that cannot be listed goes to `unread` with
    its reason, so the files it holds are not taken for checked and clean."""
    seen = set()

    def note(exc: OSError) -> None:
        reason = "permission denied" if isinstance(exc, PermissionError) else (exc.strerror or str(exc))
        unread.append((exc.filename or folder, f"folder could not be read ({reason}), its files were not checked"))

    for root, dirs, files in os.walk(folder, followlinks=False, onerror=note):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__")
                         and not (gitignore and git_ignored(os.path.join(root, d), is_dir=True)))
        for name in sorted(files):
            if name.lower().endswith(LINTABLE_SUFFIXES) and not name.startswith("."):
                path = os.path.join(root, name)
                if not (gitignore and git_ignored(path)):
                    yield path


class _Collector:
    """Files in a stable order without duplicates; files named outright that ignore-paths skips."""

    def __init__(self, ignored, skipped: list[str] | None):
        self.files: list[str] = []
        self.seen: set[str] = set()
        self.ignored, self.skipped = ignored, skipped

    def add(self, path: str, named: bool = False) -> None:
        key = os.path.normpath(path)
        if key in self.seen:
            return
        self.seen.add(key)
        if not self.ignored(path):
            self.files.append(path)
        elif named and self.skipped is not None:
            self.skipped.append(path)


def expand_paths(paths, ignored, skipped: list[str] | None = None,
                 gitignore: bool = True) -> tuple[list[str], list[tuple[str, str]]]:
    """→ (files in a stable order without duplicates, [(path, error)] for paths that are not there
    and folders that cannot be listed).
    `ignored(path) -> bool` applies the config's ignore-paths; a file named outright that it
    ignores is appended to `skipped` (found in a folder, it is passed over without a word).
    Walking a folder passes over what git ignores, unless `gitignore` is false."""
    found = _Collector(ignored, skipped)
    missing: list[tuple[str, str]] = []
    for path in paths:
        if os.path.isdir(path):
            for file in _walk(path, gitignore, missing):
                found.add(file)
        elif os.path.lexists(path):
            found.add(path, named=True)
        elif any(ch in path for ch in "*?["):
            import glob  # start-up: only a path that is a pattern needs glob

            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                missing.append((path, "no file matches this pattern"))
            for match in matches:
                for file in _walk(match, gitignore, missing) if os.path.isdir(match) else (match,):
                    found.add(file, named=not os.path.isdir(match))
        else:
            missing.append((path, _absent(path)))
    return found.files, missing


def _absent(path: str) -> str:
    """Why a path that is neither a folder nor a file cannot be seen: a folder on the way that
    may not be searched is not the same as a typo."""
    if not path:  # `tqlint check "$UNSET"`: say what was given, the line has no name to show
        return "an empty argument ('') names no file or folder"
    try:
        os.lstat(path)
    except PermissionError:
        return "permission denied (a folder on the way cannot be searched)"
    except OSError:
        pass
    return "no such file or directory"
