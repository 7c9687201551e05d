"""Regenerate examples/expected.json, the pinned output of the example articles.

    python tests/regen_examples.py        (or: python -m tests.regen_examples)

It is exactly what `tqlint check examples --format json --no-cache` prints when run from the
project root, so paths are relative and the order is stable. Run it whenever a rule lands or
changes, read the diff (`git diff examples/expected.json`): every new finding should be a real
artifact of the articles, every lost one a deliberate change.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = ROOT / "examples" / "expected.json"
COMMAND = ("check", "examples", "--format", "json", "--no-cache", "--jobs", "1")


def current_output() -> tuple[int, str]:
    """(exit code, JSON text) of the example run, through the real CLI."""
    from click.testing import CliRunner

    from tqlint.cli import cli

    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(cli, list(COMMAND), env={"TQLINT_CACHE_DIR": "off", "NO_COLOR": "1"},
                                    catch_exceptions=False)
    finally:
        os.chdir(cwd)
    return result.exit_code, result.stdout


def comparable(text: str) -> dict:
    """The output with what may change without a rule changing (tqlint's version) masked."""
    document = json.loads(text)
    document["tool"]["version"] = "*"
    return document


def main() -> int:
    sys.path.insert(0, str(ROOT))
    code, output = current_output()
    if code not in (0, 1):
        print(f"tqlint exited {code}; not writing {EXPECTED}:\n{output}", file=sys.stderr)
        return 1
    EXPECTED.write_text(output, encoding="utf-8")
    findings = json.loads(output)["summary"]["findings"]
    print(f"Wrote {EXPECTED.relative_to(ROOT)}: {findings} findings")
    return 0


if __name__ == "__main__":
    sys.exit(main())
