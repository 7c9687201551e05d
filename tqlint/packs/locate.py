"""What a pack name in a config or on the command line means: the one place that decides.

A name without a slash that is a built-in pack is that pack; anything else is a path to a user's
pack (a folder with pack.yaml, or one YAML file), relative to the config that names it.
"""

from __future__ import annotations

import os
from pathlib import Path

from tqlint.suggest import did_you_mean


def builtin_packs_dir() -> Path:
    installed = Path(__file__).parent.parent / "_rules"  # where the wheel puts the top-level rules/
    return installed if installed.is_dir() else Path(__file__).parent.parent.parent / "rules"


def builtin_pack_names() -> list[str]:
    root = builtin_packs_dir()
    return sorted(p.name for p in root.iterdir() if (p / "pack.yaml").is_file()) if root.is_dir() else []


def builtin_pack(spec: str) -> Path | None:
    """The built-in pack `spec` names, or None."""
    if "/" in spec or os.sep in spec:
        return None
    folder = builtin_packs_dir() / spec
    return folder if (folder / "pack.yaml").is_file() else None


def locate(spec: str, base_dir: str | None) -> Path | None:
    """The pack's folder or file, or None where nothing is there."""
    builtin = builtin_pack(spec)
    if builtin is not None:
        return builtin
    path = Path(spec).expanduser()
    if not path.is_absolute() and base_dir:
        path = Path(base_dir) / path
    return path if path.exists() else None


def anchored(spec: str, base_dir: str) -> str:
    """`spec` as it must be written to mean the same pack from anywhere: a built-in name stays a
    name, a path becomes absolute (for a config that extends another in another folder)."""
    if builtin_pack(spec) is not None:
        return spec
    return os.path.normpath(os.path.join(base_dir, os.path.expanduser(spec)))


def not_found(spec: str) -> str:
    known = builtin_pack_names()
    return f"no built-in pack or path named {spec!r}{did_you_mean(spec, known)}; built-in packs: {', '.join(known)}"


SHARED_VOCABULARIES = "vocabularies"  # the built-in word lists every pack may use (\\L<name>)


def pack_locations(packs: tuple[str, ...] | None, base_dir: str | None) -> list[tuple[str, Path | None]]:
    """(spec, where it is) for each pack of a config (all built-in packs when it names none),
    and the shared vocabularies folder, which any pack's rules may use."""
    names = packs if packs is not None else tuple(builtin_pack_names())
    shared = builtin_packs_dir() / SHARED_VOCABULARIES
    return [(spec, locate(spec, base_dir)) for spec in names] + [("vocabularies:", shared if shared.is_dir() else None)]
