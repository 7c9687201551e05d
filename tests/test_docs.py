"""The generated rule reference must match the packs it documents."""

import os
from pathlib import Path

from click.testing import CliRunner

from tqlint.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def test_rules_reference_is_current():
    result = CliRunner().invoke(cli, ["rules", "--all", "--format", "markdown"])
    assert result.exit_code == 0, result.output
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == result.output, (
        "docs/rules.md is out of date: run `tqlint rules --all --format markdown > docs/rules.md`"
    )


def test_rules_reference_lists_every_rule():
    result = CliRunner().invoke(cli, ["rules", "--all", "--format", "json"])
    import json

    ids = [row["id"] for row in json.loads(result.output)]
    reference = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert ids, "no rules found"
    for rule_id in ids:
        assert f"### {rule_id}\n" in reference


def test_the_house_pack_in_writing_rules_works_and_repeats_no_built_in_rule(tmp_path):
    """The example a user copies first must pass test-rules with the built-in packs (the
    cross-check: no built-in rule flags its fixed text or near miss), and no built-in rule may
    flag what it flags: a house pack that repeats a built-in rule double-flags."""
    import re

    from click.testing import CliRunner

    from tqlint.api import Linter
    from tqlint.cli import cli

    doc = (ROOT / "docs" / "writing-rules.md").read_text(encoding="utf-8")
    blocks = dict(re.findall(r"```yaml\n# house-rules/(\S+)\n(.*?)```", doc, re.S))
    pack = tmp_path / "house-rules"
    pack.mkdir()
    for name, body in blocks.items():
        (pack / name).write_text(body, encoding="utf-8")
    result = CliRunner().invoke(cli, ["test-rules", "en-news", str(pack)])
    assert result.exit_code == 0, result.output
    builtin = Linter(no_config=True)
    from tqlint.packs.loader import load_pack

    for rule in load_pack(pack).rules:
        for example in rule.flag_examples:
            assert not builtin.lint_text(example.text, "a.txt").findings, (rule.id, example.text)


def test_every_eval_line_of_the_readme_runs_on_the_shipped_examples():
    import re
    import shlex

    from click.testing import CliRunner

    from tqlint.cli import cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = re.findall(r"^tqlint eval (.*?)\s+#", readme, re.M)
    assert len(lines) >= 6
    old = os.getcwd()
    os.chdir(ROOT)
    try:
        for line in lines:
            result = CliRunner().invoke(cli, ["eval", *shlex.split(line), "--no-config"])
            assert result.exit_code == 0, (line, result.output)
    finally:
        os.chdir(old)
