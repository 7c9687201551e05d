"""The simple-Markdown path (tqlint.text.readers.simple_markdown) gives exactly markdown-it's
blocks and inline tokens wherever it reads an article, so the prose view is byte for byte the
one markdown-it gives: on every Markdown file of the project, the bench's generated articles
and random near-simple documents (most of which it must refuse)."""

from __future__ import annotations

import os
import random
import sys
from pathlib import Path

import pytest

from tqlint.text.readers import markdown as md_reader
from tqlint.text.readers.markdown import front_matter_end, read_markdown
from tqlint.text.readers.simple_markdown import _without_fences, simple_blocks

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
from generate import article  # noqa: E402  (bench/ is not a package)


def _parsed(text: str) -> str:
    body = front_matter_end(text)
    return "\n" * text.count("\n", 0, body) + text[body:]


def _markdown_it(parsed: str) -> list:
    return [(first, last, content, [(t.type, t.content, t.markup) for t in tokens()])
            for kind, first, last, content, tokens in md_reader._markdown_it_blocks(parsed) if kind == "inline"]


def _state(doc) -> tuple:
    return (doc.view, doc._view_starts, doc._orig_starts, doc._orig_ends, doc._kinds, doc.metadata)


def _same_as_markdown_it(text: str, monkeypatch) -> bool:
    """True if the simple path read `text` (and then gave markdown-it's tokens and document)."""
    parsed = _parsed(text)
    simple = simple_blocks(parsed)
    if simple is None:
        return False
    outside_code = _without_fences(parsed.split("\n"))  # (code may hold anything)
    assert any("<" in line or line.startswith("    ") for line in outside_code) is False
    ours = [(first, last, content, [(t.type, t.content, t.markup) for t in tokens]) for first, last, content, tokens in simple]
    assert ours == _markdown_it(parsed), text
    fast = _state(read_markdown(text))
    with monkeypatch.context() as patch:
        patch.setattr(md_reader, "simple_blocks", lambda parsed: None)
        assert _state(read_markdown(text)) == fast, text
    return True


def _project_texts(suffixes) -> list[Path]:
    found = []
    for folder in ("examples", "tests", "docs", "rules"):
        for here, _dirs, names in os.walk(ROOT / folder):
            found += [Path(here) / n for n in names if n.endswith(suffixes)]
    return sorted(found)


def test_every_markdown_and_text_file_of_the_project(monkeypatch):
    files = _project_texts((".md", ".markdown", ".txt")) + [ROOT / "README.md"]
    assert len(files) > 10
    for path in files:
        _same_as_markdown_it(path.read_text(encoding="utf-8"), monkeypatch)


def test_every_string_of_the_rule_packs_and_test_data_read_as_markdown(monkeypatch):
    """Rule examples, messages and patterns, test and example records: thousands of short texts
    full of odd characters."""
    import json

    import yaml

    def strings(node):
        if isinstance(node, str):
            yield node
        elif isinstance(node, dict):
            for key, value in node.items():
                yield from strings(key)
                yield from strings(value)
        elif isinstance(node, list):
            for value in node:
                yield from strings(value)

    texts = {text for path in _project_texts((".yaml", ".yml"))
             for text in strings(yaml.safe_load(path.read_text(encoding="utf-8")))}
    texts |= {text for path in _project_texts((".jsonl",))
              for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
              for text in strings(json.loads(line))}
    assert len(texts) > 2000
    read = sum(_same_as_markdown_it(text, monkeypatch) for text in texts)
    assert read > 1000


def test_the_bench_articles_take_the_simple_path_with_identical_tokens(monkeypatch):
    read = [_same_as_markdown_it(article(index), monkeypatch) for index in range(300)]
    assert sum(read) > len(read) // 3  # (the others hold a code span or a link it refuses, or artifacts)


# Pieces of lines, simple and not: what markdown-it treats specially sits next to plain words.
_WORDS = ["Prices", "rose", "by", "4,5 percent", "said", "the", "minister", "on Tuesday.", "“quoted”", "x",
          "C#", "2024", "!", "?", ":", "-", "--", "~", "~~", "+", "=", "#", "##", "(", ")", "'", '"', "…", "é"]
_SPECIAL = ["*", "_", "**b**", "`", "`code`", "`` two ``", "` spaced `", "[", "]", "[a](https://x.org/a)",
            "[a b](/path)", "[a](b c)", "[a]", "[a](javascript:x)", "![i](p.png)", "<", "<b>", "&amp;", "&",
            "\\", "\\*", "|", "\t", "\u00a0", "\r", "[a](<b>)", "[a] (b)", "[a](b \"t\")", "`a``", "``", "[`a`](b)",
            "AT&T", "S&P 500", "&", "&x", "&x;", "&copy;", "&#35;", "&#", "&;", "[a](https://x.org/a,b \"T , t\")",
            "[a](b 't')", "[a](b \"t\" )", "[a](b \"x)y\")", "[a](b \"`c`\")", "[a](b  \"t\")", "[a](b\"t\")",
            "[a](/p?q=1&r=2;s)", "[a](b \"\")", "```", "~~~",
            "*a*", "**a b**", "_a_", "__a__", "*a*,", "**a**.", "(*a*)", "“*a*”", "*a*b", "a*b*", "*a", "a*", "**a*",
            "*a**", "***a***", "*a _b_ c*", "_a*", "*a!*", "* a*", "*a *", "__init__", "snake_case", "*1*", "**é**",
            "*a.*", "**a!**", "_a b?_", "*a.*b", "*a.*.", "*a .*", "*a,*", "__a.__”"]
_STARTS = ["", "", "", "", "# ", "## ", "###### ", "####### ", "- ", "-  ", "> ", ">", "* ", "+ ", "1. ", "2) ",
           " ", "   ", "    ", "=== ", "--- ", "```", "~~~", "[x]: /u ", "|", "<div>", "#", "14.000 ", "2024.", "3)",
           "10. ", "1.  ", "*a* ", "__b__ ", "*", "_"]
# Whole lines that open or close code fences (or only look as if they did).
_FENCES = ["```", "```", "~~~", "````", "```py", "~~~ x `y`", "``` a`b", "   ```", "    ```", "```  ", "~~~~~", "``"]


def _random_document(rng: random.Random) -> str:
    special, lines = rng.choice([0.02, 0.05, 0.15]), []
    if rng.random() < 0.3:
        lines += ["---", "title: A report", "---", ""]
    for _ in range(rng.randint(1, 12)):
        if rng.random() < 0.25:
            lines.append(rng.choice(["", "", " ", "  "]))
            continue
        if rng.random() < 0.12:
            lines.append(rng.choice(_FENCES))
            continue
        if rng.random() < 0.1:  # a list: runs of lines that share a marker (or nearly)
            marker = rng.choice(["1. ", "2. ", "1) ", "- ", "> "])
            for _ in range(rng.randint(2, 4)):
                start = marker if rng.random() < 0.9 else rng.choice(_STARTS)
                lines.append(start + " ".join(rng.choice(_SPECIAL if rng.random() < special else _WORDS)
                                              for _ in range(rng.randint(1, 5))))
            continue
        pieces = [rng.choice(_SPECIAL if rng.random() < special else _WORDS) for _ in range(rng.randint(1, 8))]
        line = (rng.choice(_STARTS) if rng.random() < 0.4 else "") + " ".join(pieces) + rng.choice(["", "", "", " ", "  ", "   "])
        lines.append(line)
    return "\n".join(lines) + rng.choice(["", "\n", "\n\n"])


@pytest.mark.parametrize("seed", range(4))
def test_random_near_simple_documents(seed, monkeypatch):
    rng = random.Random(seed)
    read = sum(_same_as_markdown_it(_random_document(rng), monkeypatch) for _ in range(3000))
    assert read > 200  # enough of them are simple for the comparison to mean something


def test_what_is_not_simple_is_refused():
    for text in ["*a*b", "a_b", "a\\b", "&amp;", "<b>x</b>", "a | b", "a\tb", "a\u00a0b", "a\r\nb", "![i](p)",
                 "[a]", "[a](javascript:x)", "`a``", "    code", "1. one\n2) two", "* one", "- one\nlazy", "> q\nlazy",
                 "Title\n===", "Para\n# Heading", "#hashtag", "# Closed #", "a\n- b", "- - x", "a &amp; b", "&#35;", "AT&T;",
                 "```\ncode\n```\n> q\nlazy", "> ```\n> a", " ```\na\n```", "a\r\n```\nb\n```", "[a](b 't')"]:
        assert simple_blocks(text) is None, text
    assert simple_blocks("# Title\n\nOne [link](https://x.org) and `code`.\n\n- a\n- b\n\n> q\n> r\n") is not None
    for text in ["A\n```sh\nx | y < z *a* &amp;\n\n```\nB", "~~~\n```\n~~~", "a\n````\n```\n````", "```\nunclosed | <b>",
                 "S&P 500 and AT&T", "*Prices* rose **sharply**, __they__ said (_again_).", "_By a desk; edited._", "1. one\n2. two", "2024. A year",
                 "See [a](https://x.org/a,b \"Title , PDF\") c", "Prices rose\n14.000 people"]:
        assert simple_blocks(text) is not None, text
