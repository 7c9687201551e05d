"""`pattern`: a regular expression, with fix templates that may use its groups (\\1, \\g<name>).

Uses the `regex` module so that every search runs under a time budget: a user regex that would
backtrack forever is stopped and reported by rule id instead of hanging the run.
"""

from __future__ import annotations

from collections.abc import Callable

import regex

from tqlint.cache.patterns import compile_pattern
from tqlint.engine import budget
from tqlint.engine.prefilter import neighbour_runs_alike
from tqlint.finding import Edit
from tqlint.kinds import Hit, RuleError, RuleTimeout
from tqlint.kinds.textcase import match_case

OPTIONS = {
    "pattern": "the regular expression (Python `regex` syntax) matched against prose",
    "ignore-case": "match case-insensitively (default false)",
    "fix": "replacement template for the whole match, or a list of alternatives, best first",
    "group": "which group is the flagged span (default 0, the whole match)",
    "preserve-case": "give the replacement the capitalisation of the matched text (default false)",
    "repeats-word": "true when every match holds a run of letters and then, after spaces or a line break, "
    "a back-reference to it (case aside) that ends where the letters do: documents where no run of letters "
    "is followed by the same run skip the regex (a speed-up; default false)",
    "text-also-has": "a regular expression the whole text must match somewhere for the rule's matches to "
    "count: a style the text itself shows elsewhere (\"7,000\" for a rule on \"7 thousand\")",
    "group-forms": "the form a named group takes in the fix templates: `upper`, `lower`, or a table from the "
    "group's text to what the fix writes (text not in the table is kept): `{c: upper, m: {December: Dec.}}` "
    "writes a matched \"Wuhan, December\" as \"WUHAN, Dec.\"",
    "stage1": "false: no entry in stage 1's multi-pattern scan, the rule runs on every document; for a pattern "
    "whose relaxed form matches nearly every article anyway (it would add DFA states and select nothing; "
    "a speed-up; default true)",
}
REQUIRED = ("pattern",)


def compile_regex(source, key: str, ignore_case: bool = False):
    if not isinstance(source, str) or not source:
        raise RuleError(f"`{key}` must be a non-empty string", key)
    flags = regex.VERSION0 | (regex.IGNORECASE if ignore_case else 0)
    try:
        return compile_pattern(source, flags)  # regex.compile, kept between runs
    except regex.error as exc:
        raise RuleError(f"invalid regular expression in `{key}`: {exc}", key) from None


def templates(options: dict, key: str = "fix") -> tuple[str, ...]:
    value = options.get(key)
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return tuple(value)
    raise RuleError(f"`{key}` must be a string or a list of strings", key)


def compile(options: dict, rule) -> Callable:
    pattern = compile_regex(options["pattern"], "pattern", bool(options.get("ignore-case", False)))
    fixes = templates(options)
    group = options.get("group", 0)
    if not isinstance(group, (int, str)) or (isinstance(group, int) and not 0 <= group <= pattern.groups):
        raise RuleError(f"`group` must name a group of the pattern (it has {pattern.groups})", "group")
    preserve = bool(options.get("preserve-case", False))
    repeats = options.get("repeats-word", False)
    if not isinstance(repeats, bool):
        raise RuleError("`repeats-word` must be true or false", "repeats-word")
    if not isinstance(options.get("stage1", True), bool):
        raise RuleError("`stage1` must be true or false", "stage1")
    for template in fixes:  # fail at load time, not on the first match
        check_template(template, pattern)
    forms = _group_forms(options.get("group-forms"), pattern)

    def find(doc, context):
        if repeats and not neighbour_runs_alike(doc):
            return
        try:
            for match in budget.finditer(pattern, doc.view, context.regex_timeout(doc)):
                start, end = match.span(group)
                if start < 0:
                    continue
                replacements = []
                for template in fixes:
                    replaced = match.expand(_formed(template, match, forms) if forms else template)
                    replaced = match_case(match.group(), replaced) if preserve else replaced
                    replacements.append(replaced)
                yield Hit(start, end, tuple(((_edit(match, r)),) for r in replacements))
        except TimeoutError:
            raise RuleTimeout("pattern took too long (catastrophic backtracking?)") from None

    also = options.get("text-also-has")
    return find if also is None else _gated(find, compile_regex(also, "text-also-has"))


def _gated(find: Callable, also) -> Callable:
    """`find`, whose matches count only where the whole text matches `also` (asked once, and only
    when there is a match)."""

    def gated(doc, context):
        hits = iter(find(doc, context))
        first = next(hits, None)
        if first is None:
            return
        try:  # under the same CPU budget as the pattern: the user's regex may backtrack too
            if next(budget.finditer(also, doc.view, context.regex_timeout(doc)), None) is None:
                return
        except TimeoutError:
            raise RuleTimeout("text-also-has took too long (catastrophic backtracking?)") from None
        yield first
        yield from hits

    return gated


def stage1(options: dict):
    """The rule's stage-1 entry (tqlint.engine.stage1): its pattern, relaxed there; None with
    `stage1: false`, so the rule runs on every document."""
    if options.get("stage1", True) is False:
        return None
    return [(None, options["pattern"], bool(options.get("ignore-case", False)))]


def requirement(options: dict):
    """Literals every match needs (see tqlint.engine.prefilter): lets the engine skip documents."""
    from tqlint.engine.required import derive  # start-up: only a rule file parsed afresh derives them

    return derive(options["pattern"], bool(options.get("ignore-case", False)))


_GROUP_REFERENCE = compile_pattern(r"\\(?:(\d+)|g<([^>]*)>)")


def check_template(template: str, pattern) -> None:
    for ref in _GROUP_REFERENCE.finditer(template):
        name = ref.group(1) or ref.group(2)
        known = int(name) <= pattern.groups if name.isdigit() else name in pattern.groupindex
        if not known:
            raise RuleError(f"fix template {template!r} refers to group {name!r}, which the pattern lacks", "fix")


def _group_forms(value, pattern) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise RuleError("`group-forms` must map group names to `upper`, `lower` or a table", "group-forms")
    for name, form in value.items():
        if name not in pattern.groupindex:
            raise RuleError(f"`group-forms` names group {name!r}, which the pattern lacks", "group-forms")
        table_ok = isinstance(form, dict) and all(isinstance(k, str) and isinstance(v, str) for k, v in form.items())
        if form not in ("upper", "lower") and not table_ok:
            raise RuleError(f"`group-forms` for {name!r} must be `upper`, `lower` or a table of strings", "group-forms")
    return value


def _formed(template: str, match, forms: dict) -> str:
    """`template` with each reference to a group of `forms` replaced by that group's text in its form."""

    def put(ref) -> str:
        name = ref.group(1) or ref.group(2)
        form = forms.get(name)
        if form is None:
            return ref.group()
        text = match.group(name) or ""
        text = text.upper() if form == "upper" else text.lower() if form == "lower" else form.get(text, text)
        return text.replace("\\", "\\\\")

    return _GROUP_REFERENCE.sub(put, template)


def _edit(match, replacement):
    return Edit(match.start(), match.end(), replacement)
