"""Expand the paths a user gives into the files to lint: folders recurse by extension, globs
expand, ignore-paths from the config apply, symlink loops and hidden folders are skipped."""

from __future__ import annotations

import fnmatch
import glob
import os

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


def _walk(folder: str):
    seen = set()
    for root, dirs, files in os.walk(folder, followlinks=False, onerror=None):
        real = os.path.realpath(root)
        if real in seen:
            dirs[:] = []
            continue
        seen.add(real)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in ("node_modules", "__pycache__"))
        for name in sorted(files):
            if name.lower().endswith(LINTABLE_SUFFIXES) and not name.startswith("."):
                yield os.path.join(root, name)


def expand_paths(paths, ignored) -> tuple[list[str], list[tuple[str, str]]]:
    """→ (files in a stable order without duplicates, [(path, error)] for paths that are not there).
    `ignored(path) -> bool` applies the config's ignore-paths."""
    files: list[str] = []
    missing: list[tuple[str, str]] = []
    seen: set[str] = set()

    def add(path: str) -> None:
        key = os.path.normpath(path)
        if key not in seen and not ignored(path):
            seen.add(key)
            files.append(path)

    for path in paths:
        if os.path.isdir(path):
            for found in _walk(path):
                add(found)
        elif os.path.lexists(path):
            add(path)
        elif any(ch in path for ch in "*?["):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                missing.append((path, "no file matches this pattern"))
            for match in matches:
                if os.path.isdir(match):
                    for found in _walk(match):
                        add(found)
                else:
                    add(match)
        else:
            missing.append((path, "no such file or directory"))
    return files, missing
