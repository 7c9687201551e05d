"""The `tqlint` command: parse options, call the API, pick a reporter, choose the exit code.

Exit codes: 0 nothing at or above --fail-on; 1 findings at or above it; 2 usage, config or
input error (including a file that could not be read or a check that could not run);
3 internal error; 130 interrupted.
"""

from __future__ import annotations

import gc
import os
import sys

# Start-up allocates tens of thousands of long-lived objects (rules, their examples): with the
# default threshold the collector would walk them over and over, a tenth of a cold start.
gc.set_threshold(50_000, 20, 20)

import click  # noqa: E402

from tqlint import __version__
from tqlint.reporters import FORMATS

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
_SEVERITY_RANK = {"info": 1, "warning": 2, "error": 3, "never": 99}


def _use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def _fail(message: str, code: int = EXIT_USAGE):
    click.echo(f"tqlint: {message}", err=True)
    sys.exit(code)


def _linter(options):
    from tqlint.api import Linter
    from tqlint.yamlio import YamlError

    languagetool = options.get("languagetool")
    if languagetool and not languagetool.startswith(("http://", "https://")):
        _fail(f"--languagetool takes a server URL starting with http:// or https://, not {languagetool!r} "
              "(to use the configured or a local LanguageTool, put --languagetool after the paths)")
    from tqlint.cache import open_cache

    try:
        return Linter(config_path=options["config"], no_config=options["no_config"],
                      select=_split(options["select"]), ignore=_split(options["ignore"]),
                      languagetool=languagetool, cache=open_cache(not options.get("no_cache", True)))
    except YamlError as exc:
        _fail(str(exc))


def _split(values) -> tuple[str, ...]:
    return tuple(part.strip() for value in values or () for part in value.split(",") if part.strip())


def _exit_code(linter, files, fail_on: str | None) -> int:
    if any(f.internal_error for f in files):
        return EXIT_INTERNAL
    if any(f.error or f.failures for f in files):
        return EXIT_USAGE
    for result in files:
        threshold = fail_on or (linter.config_for(result.path).fail_on if result.path != "<stdin>" else linter.config_for(None).fail_on)
        rank = _SEVERITY_RANK[threshold]
        if any(int(f.severity) >= rank for f in result.findings):
            return EXIT_FINDINGS
    return EXIT_OK


def common_options(func):
    decorators = [
        click.option("--config", type=click.Path(dir_okay=False), help="Use this config file instead of finding .tqlint.yaml."),
        click.option("--no-config", is_flag=True, help="Ignore every .tqlint.yaml: built-in defaults only."),
        click.option("--select", multiple=True, metavar="ID_OR_PREFIX", help="Run only these rules (ids, pack/ prefixes, globs; repeat or comma-separate)."),
        click.option("--ignore", multiple=True, metavar="ID_OR_PREFIX", help="Do not run these rules."),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default=None, help="Lowest severity that makes the exit code 1 (default: config, else warning)."),
        click.option("--format", "format_name", type=click.Choice(FORMATS), default="text", show_default=True),
        click.option("--quiet", "-q", is_flag=True, help="Only the finding lines: no excerpts, no summary when clean."),
        click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True, help="Colour the text output (NO_COLOR is honoured in auto)."),
        click.option("--stdin-filename", metavar="PATH", help="With '-': the path the text on stdin stands for (picks reader and config)."),
        click.option("--jobs", "-j", type=click.IntRange(min=0), default=0, help="Worker processes (default: all cores)."),
        click.option("--no-cache", is_flag=True, help="Neither read nor write the results cache."),
        click.option("--languagetool", "languagetool", is_flag=False, flag_value="", default=None, metavar="[URL]",
                     help="Also run LanguageTool: alone, with the configured server or a local LanguageTool "
                          "(Java 17+); with a URL, that LanguageTool server. See docs/languagetool.md."),
    ]
    for decorator in reversed(decorators):
        func = decorator(func)
    return func


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tqlint")
def cli():
    """Catch the marks machine translation leaves in English news text."""


def _read_stdin(source: bool = False):
    """The text on stdin (or, with source=True, the FileText, which remembers BOM and encoding)."""
    from tqlint.text.files import FileError, decode

    try:
        decoded = decode(sys.stdin.buffer.read())
        return decoded if source else decoded.text
    except FileError as exc:
        _fail(f"<stdin>: {exc}")


def _emit(format_name, files, options, linter=None):
    from tqlint.reporters import render

    rules = None
    if format_name == "sarif" and linter is not None:
        rules = [active.rule for active in linter.setup_for(files[0].path if files else None)[0].rules] if files else []
    color = _use_color(options["color"], sys.stdout) if format_name == "text" else False
    # color= tells click not to strip the codes: `--color always | less -R` must keep them.
    click.echo(render(format_name, files, color=color, quiet=options["quiet"], rules=rules), nl=False, color=color)
    if format_name != "text":  # machine output carries failures per file; people need one line each
        for failure in dict.fromkeys(f for result in files for f in result.failures):
            click.echo(f"tqlint: check not run: {failure}", err=True)


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@common_options
def check(paths, **options):
    """Lint files, folders (recursing into .md, .txt, .html) and globs; '-' reads stdin."""
    from tqlint.yamlio import YamlError

    linter = _linter(options)
    try:
        if paths == ("-",):
            result = linter.lint_text(_read_stdin(), options["stdin_filename"])
            files = [result]
        else:
            if "-" in paths:
                _fail("'-' (stdin) cannot be mixed with paths")
            from tqlint.api import lint_paths

            from tqlint.progress import progress_for

            files = lint_paths(paths, jobs=options["jobs"] or None, linter=linter, progress=progress_for).files
    except YamlError as exc:
        _fail(str(exc))
    _emit(options["format_name"], files, options, linter)
    sys.exit(_exit_code(linter, files, options["fail_on"]))


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes marked unsafe (review the result).")
@click.option("--diff", is_flag=True, help="Print a unified diff of the fixes and write nothing.")
@common_options
def fix(paths, unsafe_fixes, diff, **options):
    """Apply safe fixes in place (atomically), then report what is left. '-' fixes stdin to stdout."""
    from tqlint.yamlio import YamlError

    linter = _linter(options)
    try:
        if paths == ("-",):
            from tqlint.text.files import encode

            source = _read_stdin(source=True)
            fixed, _, result = linter.fix_text(source.text, options["stdin_filename"], unsafe_fixes)
            sys.stdout.flush()
            sys.stdout.buffer.write(encode(source, fixed))  # bytes as they came: BOM and encoding kept
            sys.stdout.buffer.flush()
            sys.exit(_exit_code(linter, [result], options["fail_on"]))
        from tqlint.api import fix_paths

        from tqlint.progress import progress_for

        run = fix_paths(paths, unsafe=unsafe_fixes, write=not diff, linter=linter,
                        progress=lambda total: progress_for(total, "fixing"))
    except YamlError as exc:
        _fail(str(exc))
    except KeyboardInterrupt:
        click.echo("tqlint: interrupted; every file is either fully fixed or untouched", err=True)
        sys.exit(EXIT_INTERRUPTED)
    if diff:
        from tqlint.reporters.diff import render_diff

        click.echo(render_diff(run.fixes), nl=False)
        errors = [f for f in run.files if f.error]
        if errors:
            _emit("text", errors, options)
        sys.exit(EXIT_USAGE if errors else EXIT_FINDINGS if any(o.changed for o in run.fixes) else EXIT_OK)
    applied = sum(o.applied for o in run.fixes if o.written)
    changed = sum(1 for o in run.fixes if o.written)
    if options["format_name"] == "text":
        click.echo(f"Fixed {applied} finding{'s' if applied != 1 else ''} in {changed} file{'s' if changed != 1 else ''}.", err=True)
    _emit(options["format_name"], run.files, options, linter)
    sys.exit(_exit_code(linter, run.files, options["fail_on"]))


def _ruleset_for_listing(options):
    from tqlint.yamlio import YamlError

    linter = _linter(options)
    try:
        return linter.setup_for(None)[0]
    except YamlError as exc:
        _fail(str(exc))


@cli.command("rules")
@click.option("--config", type=click.Path(dir_okay=False))
@click.option("--no-config", is_flag=True)
@click.option("--select", multiple=True)
@click.option("--ignore", multiple=True)
@click.option("--all", "all_packs", is_flag=True, help="Every built-in rule, whatever the config says.")
@click.option("--format", "format_name", type=click.Choice(["text", "json", "markdown"]), default="text")
def rules_command(format_name, all_packs, **options):
    """List the rules that would run here: id, category, severity, fix."""
    if all_packs:
        options.update(config=None, no_config=True, select=(), ignore=())
    ruleset = _ruleset_for_listing(options)
    if format_name == "markdown":
        from tqlint.docgen import render_rules_markdown

        click.echo(render_rules_markdown(ruleset.packs), nl=False)
        return
    rows = [
        {"id": a.rule.id, "category": a.rule.category, "severity": str(a.severity),
         "fix": "safe" if a.rule.fixable and a.rule.safe else "unsafe" if a.rule.fixable else "none",
         "message": a.rule.message}
        for a in ruleset.rules
    ]
    if format_name == "json":
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max((len(r["id"]) for r in rows), default=10)
    cat_width = max((len(r["category"]) for r in rows), default=10)
    click.echo(f"{'RULE':<{width}}  {'CATEGORY':<{cat_width}}  {'SEVERITY':<8}  FIX")
    for r in rows:
        click.echo(f"{r['id']:<{width}}  {r['category']:<{cat_width}}  {r['severity']:<8}  {r['fix']}")
    click.echo(f"\n{len(rows)} rules")


@cli.command()
@click.argument("rule_id")
@click.option("--config", type=click.Path(dir_okay=False))
@click.option("--no-config", is_flag=True)
def explain(rule_id, **options):
    """Show what a rule catches, why, and its examples."""
    options.update(select=(), ignore=())
    ruleset = _ruleset_for_listing(options)
    # Every rule can be explained, also one the config switches off or that ships disabled,
    # and one of a built-in pack this config's source-languages leave out.
    from tqlint.packs import builtin_pack_names
    from tqlint.ruleset import PackLoader

    def find(rules):
        return [r for r in rules if r.id == rule_id] or [r for r in rules if r.id.endswith("/" + rule_id)]

    rules = [rule for pack in ruleset.packs for rule in pack.rules]
    matches = find(rules)
    if not matches:
        loaded = {pack.name for pack in ruleset.packs}
        rules += [rule for name in builtin_pack_names() if name not in loaded
                  for rule in PackLoader().load(name, ".").rules]
        matches = find(rules)
    if not matches:
        import difflib

        close = difflib.get_close_matches(rule_id, [r.id for r in rules], n=3)
        _fail(f"no rule {rule_id!r}" + (f"; did you mean {', '.join(close)}?" if close else ""))
    rule = matches[0]
    fix = "safe (applied by `tqlint fix`)" if rule.fixable and rule.safe else "unsafe (applied with --unsafe-fixes)" if rule.fixable else f"none: {rule.no_fix_reason}"
    click.echo(f"{rule.id}  ({rule.category}, {rule.severity})\n\n{rule.message}\n")
    if rule.description:
        click.echo(rule.description + "\n")
    click.echo(f"Fix: {fix}\nDefined in: {rule.file}:{rule.line}\n\nFlags:")
    for example in rule.flag_examples:
        click.echo(f"  ✗ {example.text}" + (f"\n    → {example.fixed}" if example.fixed is not None else ""))
    click.echo("Leaves alone:")
    for example in rule.pass_examples:
        click.echo(f"  ✓ {example.text}")


@cli.command("test-rules")
@click.argument("targets", nargs=-1)
@click.option("--cross/--no-cross", default=True, show_default=True, help="Also check that fixed texts and near misses are clean under all the packs tested.")
def test_rules(targets, cross):
    """Run every rule's examples: built-in packs by name, or your own pack folders and files."""
    from tqlint.config import Config
    from tqlint.packs import builtin_pack_names
    from tqlint.rulecheck import check_rule, cross_check
    from tqlint.ruleset import build_ruleset
    from tqlint.yamlio import YamlError

    try:
        ruleset = build_ruleset(Config(packs=tuple(targets) if targets else tuple(builtin_pack_names())))
    except YamlError as exc:
        _fail(str(exc))
    failures = [failure for active in ruleset.rules for failure in check_rule(active.rule)]
    if cross:
        failures += cross_check(ruleset)
    for failure in failures:
        click.echo(str(failure))
    examples = sum(len(a.rule.flag_examples) + len(a.rule.pass_examples) for a in ruleset.rules)
    click.echo(f"{len(ruleset.rules)} rules, {examples} examples: "
               f"{'all pass' if not failures else f'{len(failures)} failed'}")
    sys.exit(EXIT_FINDINGS if failures else EXIT_OK)


@cli.command()
@click.option("--force", is_flag=True, help="Overwrite an existing .tqlint.yaml.")
@click.argument("directory", default=".", type=click.Path(file_okay=False, exists=True))
def init(force, directory):
    """Write a commented starter .tqlint.yaml."""
    from tqlint.config import STARTER_CONFIG

    path = os.path.join(directory, ".tqlint.yaml")
    if os.path.exists(path) and not force:
        _fail(f"{path} already exists (use --force to overwrite)")
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(STARTER_CONFIG)
    click.echo(f"Wrote {path}")


def _register_commands() -> None:
    """Commands that live in their own modules (each imports its heavy parts lazily)."""
    from tqlint.cli_eval import eval_command
    from tqlint.cli_score import score_command

    cli.add_command(eval_command)
    cli.add_command(score_command)


_register_commands()


def main():
    try:
        try:
            cli(prog_name="tqlint")
        except KeyboardInterrupt:
            click.echo("tqlint: interrupted", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except Exception as exc:  # a bug in tqlint: say so plainly, with an exit code of its own
            import traceback

            traceback.print_exc()
            click.echo(f"tqlint: internal error: {exc.__class__.__name__}: {exc} (please report it)", err=True)
            sys.exit(EXIT_INTERNAL)
    except SystemExit as done:
        _exit_without_teardown(done.code)
        raise


# Modules whose clean-up at exit matters: LanguageTool stops its Java server, multiprocessing
# reaps workers, coverage saves its data.
_NEEDS_TEARDOWN = ("tqlint.languagetool", "multiprocessing", "coverage")


def _exit_without_teardown(code) -> None:
    """Leave at once when nothing needs cleaning up: freeing every module and object one by one
    at interpreter exit takes 20-30 ms, a tenth of checking one article from a hook."""
    import threading

    if not (code is None or isinstance(code, int)) or sys.flags.inspect or threading.active_count() > 1:
        return
    if any(name in sys.modules for name in _NEEDS_TEARDOWN):
        return
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return  # let the normal exit report or swallow it
    os._exit(code or 0)
