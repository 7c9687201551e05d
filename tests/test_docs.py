"""The generated rule reference must match the packs it documents."""

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
