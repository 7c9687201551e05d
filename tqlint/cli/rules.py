"""The commands about rules rather than articles: `rules`, `explain` and `test-rules`."""

from __future__ import annotations

import json
import sys

import click

from tqlint.cli.common import fail, make_linter, selection_options
from tqlint.cli.exits import EXIT_FINDINGS, EXIT_OK
from tqlint.config import Config
from tqlint.packs.docgen import explain_rule, render_rules_markdown
from tqlint.packs.locate import builtin_pack_names
from tqlint.packs.proof import check_rule, cross_check
from tqlint.packs.ruleset import PackLoader, build_ruleset
from tqlint.suggest import did_you_mean
from tqlint.yamlio import YamlError


def _ruleset(options):
    linter = make_linter(options)
    try:
        return linter.setup_for(None)[0]
    except YamlError as exc:
        fail(str(exc))


@click.command("rules")
@selection_options
@click.option("--all", "all_packs", is_flag=True, help="Every built-in rule, whatever the config says.")
@click.option("--format", "format_name", type=click.Choice(["text", "json", "markdown"]), default="text",
              show_default=True, help="markdown: the rule reference as in docs/rules.md.")
def rules_command(format_name, all_packs, **options):
    """List the rules that would run here: id, category, severity, fix."""
    if all_packs:
        options.update(config=None, no_config=True, select=(), ignore=())
    ruleset = _ruleset(options)
    if format_name == "markdown":
        click.echo(render_rules_markdown(ruleset.packs), nl=False)
        return
    rows = [
        {"id": a.rule.id, "category": a.rule.category, "severity": str(a.severity),
         "fix": "safe" if a.rule.fixable and a.rule.safe else "unsafe" if a.rule.fixable else "none",
         "message": a.rule.message}
        for a in sorted(ruleset.rules, key=lambda active: active.rule.id)
    ]
    if format_name == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r["id"]) for r in rows), default=10)
    cat_width = max((len(r["category"]) for r in rows), default=10)
    click.echo(f"{'RULE':<{width}}  {'CATEGORY':<{cat_width}}  {'SEVERITY':<8}  FIX")
    for r in rows:
        click.echo(f"{r['id']:<{width}}  {r['category']:<{cat_width}}  {r['severity']:<8}  {r['fix']}")
    click.echo(f"\n{len(rows)} rules")


@click.command("explain")
@click.argument("rule_id")
@click.option("--config", type=click.Path(dir_okay=False), help="Use this config file instead of finding .tqlint.yaml.")
@click.option("--no-config", is_flag=True, help="Ignore every .tqlint.yaml: built-in defaults only.")
def explain_command(rule_id, **options):
    """Show what a rule catches, why, and its examples."""
    options.update(select=(), ignore=())
    ruleset = _ruleset(options)
    # Every rule can be explained, also one the config switches off or that ships disabled,
    # and one of a built-in pack this config's source-languages leave out.

    def find(rules):
        return ([r for r in rules if r.id == rule_id] or [r for r in rules if rule_id in r.replaces]
                or [r for r in rules if r.id.endswith("/" + rule_id)])

    rules = [rule for pack in ruleset.packs for rule in pack.rules]
    matches = find(rules)
    if not matches:
        loaded = {pack.name for pack in ruleset.packs}
        rules += [rule for name in builtin_pack_names() if name not in loaded
                  for rule in PackLoader().load(name, ".").rules]
        matches = find(rules)
    if not matches:
        fail(f"no rule {rule_id!r}{did_you_mean(rule_id, [r.id for r in rules])}")
    click.echo(explain_rule(matches[0]), nl=False)


@click.command("test-rules")
@click.argument("targets", nargs=-1)
@click.option("--cross/--no-cross", default=True, show_default=True, help="Also check that fixed texts and near misses are clean under all the packs tested.")
def test_rules(targets, cross):
    """Run every rule's examples: built-in packs by name, or your own pack folders and files."""
    try:
        ruleset = build_ruleset(Config(packs=tuple(targets) if targets else tuple(builtin_pack_names())))
    except YamlError as exc:
        fail(str(exc))
    failures = [failure for active in ruleset.rules for failure in check_rule(active.rule)]
    if cross:
        failures += cross_check(ruleset)
    for failure in failures:
        click.echo(str(failure))
    examples = sum(len(a.rule.flag_examples) + len(a.rule.pass_examples) for a in ruleset.rules)
    click.echo(f"{len(ruleset.rules)} rules, {examples} examples: "
               f"{'all pass' if not failures else f'{len(failures)} failed'}")
    sys.exit(EXIT_FINDINGS if failures else EXIT_OK)
