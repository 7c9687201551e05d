"""Shared fixtures. Core tests run on a small pack written here, so they keep passing while the
built-in packs grow; end-to-end tests use the built-in punctuation rules, which are stable."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = ROOT.parent / "shared" / "schemas"

# A pack with one rule of each shape the engine must handle: a safe pattern fix, an unsafe phrase
# fix with alternatives, a rule that offers no fix, and an insertion.
TEST_PACK = r"""
rules:
  - id: spaced-comma
    kind: pattern
    category: Fluency/Punctuation
    severity: error
    message: "No space goes before '{fix}'."
    pattern: '[ \t]+([,;])'
    fix: '\1'
    safe: true
    examples:
      flag:
        - {text: "Rates rose , then fell.", fixed: "Rates rose, then fell."}
      pass:
        - "Rates rose, then fell."

  - id: grew-with
    kind: phrase
    category: Accuracy/Mistranslation
    severity: warning
    message: "'{match}' is a calque: English says '{fix}'."
    phrases:
      grew with: grew by
      actual: [current, present]
    safe: false
    examples:
      flag:
        - {text: "Prices grew with 10 percent.", fixed: "Prices grew by 10 percent."}
      pass:
        - "Prices grew by 10 percent."

  - id: sua
    kind: pattern
    category: Accuracy/Untranslated
    severity: info
    message: "'SUA' is Romanian for the United States."
    pattern: '\bSUA\b'
    no-fix: "the right English name depends on the sentence"
    examples:
      flag:
        - "Talks with SUA went on."
      pass:
        - "Talks with the US went on."

  - id: no-space-after-comma
    kind: pattern
    category: Fluency/Punctuation
    severity: error
    message: "A space goes after a comma."
    pattern: '(?<=\p{Ll}),(?=\p{Ll})'
    fix: ', '
    safe: true
    examples:
      flag:
        - {text: "bread,milk", fixed: "bread, milk"}
      pass:
        - "bread, milk"
"""


def write_pack(folder: Path, rules_yaml: str, name: str | None = None, meta: str | None = None) -> Path:
    """A pack folder with pack.yaml and one rule file; returns the folder."""
    folder.mkdir(parents=True, exist_ok=True)
    if meta is None:
        meta = f"name: {name or folder.name}\ndescription: test pack\nsource-languages: []\n"
    (folder / "pack.yaml").write_text(meta, encoding="utf-8")
    (folder / "rules.yaml").write_text(textwrap.dedent(rules_yaml).lstrip("\n"), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def test_pack(tmp_path_factory) -> Path:
    return write_pack(tmp_path_factory.mktemp("packs") / "testpack", TEST_PACK)


@pytest.fixture(scope="session")
def test_config(test_pack):
    from tqlint.config import Config

    return Config(packs=(str(test_pack),))


@pytest.fixture
def linter(test_config):
    """A Linter on the test pack only, whatever .tqlint.yaml files are around."""
    from tqlint.api import Linter

    return Linter(config=test_config)


@pytest.fixture(scope="session")
def test_ruleset(test_config):
    from tqlint.packs.ruleset import build_ruleset

    return build_ruleset(test_config)


@pytest.fixture(scope="session")
def builtin_ruleset():
    from tqlint.config import Config
    from tqlint.packs.locate import builtin_pack_names
    from tqlint.packs.ruleset import build_ruleset

    return build_ruleset(Config(packs=tuple(builtin_pack_names())))


def lint(text: str, ruleset, kind: str = "text"):
    """Findings for `text` read as `kind` under `ruleset`."""
    from tqlint.engine.run import lint_document
    from tqlint.text.readers import read_document

    findings, failures = lint_document(read_document(text, kind), ruleset)
    assert not failures, failures
    return findings


def load_rules(tmp_path: Path, rules_yaml: str):
    """Load a one-file pack from YAML text (raises the pack's YamlError if invalid)."""
    from tqlint.packs.loader import load_pack

    return load_pack(write_pack(tmp_path / "p", rules_yaml))
