"""What a cold `tqlint check` of one article loads: a pre-commit hook pays for every module
imported, so a plain check must not import what only Markdown, datasets, fixes, LanguageTool,
the evaluation harness or many files need. Asserts WHICH modules load, never how long."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# An article with findings and with non-ASCII Latin letters and punctuation on the reported lines.
ARTICLE = (
    "The mayor of Brașov said the budget grew with 4 percent .\n\n"
    "„We are prudent”, the councillors said – and the vote passed… later .\n"
)

# Loads the CLI as the console script does, runs one check and writes the modules it loaded (a
# module a plain check deferred, tqlint.cli._defer_imports, counts once its code has run).
_SCRIPT = """
import json, sys
out = sys.argv.pop(1)
from tqlint.cli import _run
try:
    code = _run()
except SystemExit as done:
    code = done.code
with open(out, "w") as handle:
    json.dump(sorted(name for name, module in sys.modules.items() if type(module).__name__ != "_Deferred"), handle)
sys.exit(code)
"""

# Never needed by a check of one article to the terminal.
NEVER = ("wcwidth", "tempfile", "csv", "shutil", "multiprocessing", "concurrent", "re2", "numpy",
         "sacrebleu", "language_tool_python", "dask", "pyarrow", "langdetect", "yaml",
         "tqlint.cli.datasets", "tqlint.text.datasets", "tqlint.reporters.table", "tqlint.eval",
         "tqlint.engines.languagetool", "tqlint.bilingual", "tqlint.lsp", "tqlint.engine.relax", "base64", "difflib",
         "glob")
# Nor what only `dataclasses`' unused functions need (tqlint.cli._run defers them): a dataclass
# on a check's path that lacks a docstring would load inspect (and ast, dis, tokenize) again.
DEFERRED = ("inspect", "copy", "ast", "dis", "tokenize", "weakref")
# Nor, where markdown-it is not needed (it imports pathlib itself), pathlib: tqlint's paths on a
# check are strings (tqlint.packs.locate.packs_root, tqlint.config.find_config_file).
NO_MARKDOWN_IT = ("markdown_it", "pathlib")


def _loaded(tmp_path, name: str, text: str, store) -> set[str]:
    article = tmp_path / name
    article.write_text(text, encoding="utf-8")
    out = tmp_path / "modules.json"
    env = {**os.environ, "TQLINT_CACHE_DIR": str(store)}
    command = [sys.executable, "-c", _SCRIPT, str(out), "check", "--no-cache", "--no-config", name]
    for _ in range(2):  # the first run may build the pack bundle; the second is the cold start measured
        done = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
        assert done.returncode == 1, done.stderr  # findings, reported
    assert "grew with" in done.stdout and "^" in done.stdout
    return set(json.loads(out.read_text()))


def _hits(modules: set[str], names) -> set[str]:
    return {m for m in modules for n in names if m == n or m.startswith(n + ".")}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    return tmp_path_factory.mktemp("store")


def test_a_plain_text_check_loads_no_markdown_and_nothing_a_check_never_needs(tmp_path, store):
    modules = _loaded(tmp_path, "article.txt", ARTICLE, store)
    assert "tqlint.kinds.pattern" in modules  # (the check did run its rules)
    # Nor what only a pronoun, an ampersand, a stored word list's source or a worker needs.
    lazy = ("tqlint.kinds.pronoun.resolver", "tqlint.kinds.pronoun.mentions", "gzip", "html", "signal")
    assert "tqlint.kinds.pronoun" in modules and not _hits(modules, lazy), sorted(_hits(modules, lazy))
    assert not _hits(modules, NO_MARKDOWN_IT + NEVER + DEFERRED), sorted(_hits(modules, NO_MARKDOWN_IT + NEVER + DEFERRED))


def test_a_simple_markdown_check_loads_no_markdown_it(tmp_path, store):
    """Headings, paragraphs, links, code spans, lists and quotes: tqlint.text.readers.simple_markdown."""
    text = "---\ntitle: Budget\n---\n# Budget\n\n" + ARTICLE + "\n- See [the plan](https://example.org/plan).\n\n> A `quote`.\n"
    modules = _loaded(tmp_path, "article.md", text, store)
    assert not _hits(modules, NO_MARKDOWN_IT + NEVER + DEFERRED), sorted(_hits(modules, NO_MARKDOWN_IT + NEVER + DEFERRED))


def test_other_markdown_loads_markdown_it_and_nothing_a_check_never_needs(tmp_path, store):
    modules = _loaded(tmp_path, "article.md", "# Budget\n\n\\*Draft.\\* " + ARTICLE, store)
    assert "markdown_it" in modules
    assert not _hits(modules, NEVER), sorted(_hits(modules, NEVER))


def test_a_deferred_module_runs_on_first_use_as_the_one_object_importers_hold():
    script = """
import sys
from tqlint.cli import _defer_imports
_defer_imports(("inspect", "copy"))
import copy, dataclasses, inspect
assert "ast" not in sys.modules and type(sys.modules["copy"]).__name__ == "_Deferred"
@dataclasses.dataclass
class Point:
    x: list
assert "ast" in sys.modules and sys.modules["inspect"] is inspect  # no docstring: dataclasses' inspect.signature
assert Point.__doc__ == "Point(x: list)" and type(inspect).__name__ == "module"
from copy import deepcopy
point = Point([1])
assert dataclasses.asdict(point) == {"x": [1]} and deepcopy(point) == point and deepcopy(point).x is not point.x
assert sys.modules["copy"] is copy and copy.deepcopy is deepcopy and type(copy).__name__ == "module"
print("ok")
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.stdout == "ok\n", done.stderr


def test_narrow_characters_take_one_column_each_as_wcwidth_says():
    """The text reporter measures lines of these characters by their length, without wcwidth:
    every one of them, and any sequence of them, must be exactly as wide as wcwidth says."""
    from wcwidth import wcswidth, wcwidth

    from tqlint.reporters.text import _NARROW, _width

    narrow = [chr(c) for c in range(0x110000) if _NARROW.fullmatch(chr(c))]
    assert len(narrow) > 1000
    assert [c for c in narrow if wcwidth(c) != 1] == []
    assert wcswidth("".join(narrow)) == len(narrow)
    rng = random.Random(15)
    for _ in range(3000):
        text = "".join(rng.choice(narrow) for _ in range(rng.randint(1, 12)))
        assert wcswidth(text) == len(text) == _width(text), ascii(text)
    # Beyond them, wcwidth measures: a combining accent, a wide character, a joined emoji.
    for text, width in (("e\u0301", 1), ("中文", 4), ("\U0001F469\u200D\U0001F4BB", 2), ("a\tb", 2)):
        assert not _NARROW.fullmatch(text)
        assert _width(text) == width, ascii(text)
