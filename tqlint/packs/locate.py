"""What a pack name in a config or on the command line means: the one place that decides.

A name without a slash that is a built-in pack is that pack; anything else is a path to a user's
pack (a folder with pack.yaml, or one YAML file), relative to the config that names it.
"""

from __future__ import annotations

import os
from functools import lru_cache

from tqlint.suggest import did_you_mean

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing)
if TYPE_CHECKING:
    from pathlib import Path


# (A check of one article works with these paths as strings: pathlib and what it imports cost a
# cold start ~3-4 ms. The functions that return a Path import it when called.)

@lru_cache(maxsize=1)
def packs_root() -> str:
    """builtin_packs_dir() as a string."""
    package = os.path.dirname(os.path.dirname(__file__))  # as Path(__file__).parent.parent
    installed = os.path.join(package, "_rules")  # where the wheel puts the top-level rules/
    return installed if os.path.isdir(installed) else os.path.join(os.path.dirname(package), "rules")


def builtin_packs_dir() -> Path:
    from pathlib import Path  # start-up: a check of one article uses packs_root()

    return Path(packs_root())


def builtin_pack_names() -> list[str]:
    root = packs_root()
    if not os.path.isdir(root):
        return []
    return sorted(name for name in os.listdir(root) if os.path.isfile(os.path.join(root, name, "pack.yaml")))


def is_builtin(spec: str) -> bool:
    """Whether `spec` names a built-in pack."""
    return "/" not in spec and os.sep not in spec and os.path.isfile(os.path.join(packs_root(), spec, "pack.yaml"))


def builtin_pack(spec: str) -> Path | None:
    """The built-in pack `spec` names, or None."""
    return builtin_packs_dir() / spec if is_builtin(spec) else None


def locate(spec: str, base_dir: str | None) -> Path | None:
    """The pack's folder or file, or None where nothing is there."""
    from pathlib import Path  # start-up: a check of one article with the built-in packs never asks

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
    if is_builtin(spec):
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
    from pathlib import Path  # start-up: only the results cache asks (a check with --no-cache never does)

    shared = Path(packs_root(), SHARED_VOCABULARIES)
    return [(spec, locate(spec, base_dir)) for spec in names] + [("vocabularies:", shared if shared.is_dir() else None)]
