"""Rule packs: folders (or single files) of YAML rules, validated and compiled into a RuleSet.

A pack folder holds `pack.yaml` (name, description, source-languages) and any number of rule
files, each a mapping with a `rules:` list. Every error names the file, the line and the rule.
"""

from __future__ import annotations

import os
import re

from tqlint.cache import bundle
from tqlint.cache import packs as parsed_files
from tqlint.cache.patterns import compile_pattern
from tqlint.engine.prefilter import Requirement, guarded, lazy, requirement_from_json, requirement_to_json
from tqlint.finding import Severity
from tqlint.kinds import RuleError, load_kind
from tqlint.packs import vocabularies
from tqlint.packs.locate import builtin_pack, is_builtin, locate, not_found
from tqlint.packs.model import Example, Pack, Rule
from tqlint.suggest import did_you_mean
from tqlint.yamlio import LineDict, YamlError, line_of

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing)
if TYPE_CHECKING:
    from pathlib import Path

COMMON_KEYS = {
    "id": "the rule's name, unique in its pack (lowercase, digits, hyphens)",
    "kind": "which matcher runs it: pattern, phrase, or a code kind",
    "category": "MQM-style category, e.g. Fluency/Punctuation",
    "severity": "error, warning or info",
    "message": "what went wrong and why; {match} and {fix} are filled in",
    "description": "a longer explanation, shown by `tqlint explain`",
    "safe": "whether the fix may be applied unattended by `tqlint fix` (default false)",
    "no-fix": "why the rule offers no fix (required when it has none)",
    "examples": "flag: texts it must flag (with fixed: results); pass: near misses it must not flag",
    "enabled": "false to ship the rule switched off (default true)",
    "requires": "literals (case-insensitive) of which one must occur for the rule to run: a speed-up",
    "requires-case": "`exact`: `requires` literals must occur as written (for a rule that flags lower-case forms only)",
    "replaces": "the rule's former ids (pack/id), still honoured by select, ignore, rules: and suppression comments",
}
CATEGORY_ROOTS = ("Accuracy", "Fluency", "Style", "Terminology", "Locale convention", "Other")
_ID_RE = compile_pattern(r"^[a-z0-9][a-z0-9-]*$")
_FORMER_ID_RE = compile_pattern(r"^[A-Za-z0-9._-]+/[a-z0-9][a-z0-9-]*$")
_CATEGORY_RE = compile_pattern(r"^[A-Z][A-Za-z ]*/[A-Z][A-Za-z -]*$")


def _fail(path, node, key, message, rule_id=None) -> YamlError:
    prefix = f"rule {rule_id!r}: " if rule_id else ""
    return YamlError(str(path), line_of(node, key), prefix + message)


def _examples(raw, path, rule_id):
    if raw is None:
        raise _fail(path, None, None, "has no `examples` (flag: and pass:); every rule needs proof", rule_id)
    if not isinstance(raw, LineDict) or not set(raw) <= {"flag", "pass"}:
        raise _fail(path, raw, None, "`examples` must be a mapping with `flag` and `pass` lists", rule_id)
    flags, passes = [], []

    def item_line(key, index):  # a failing example is reported at its own line
        lines = getattr(raw.get(key), "item_lines", ())
        return lines[index] if index < len(lines) else line_of(raw, key)

    for index, item in enumerate(raw.get("flag") or []):
        if isinstance(item, str):
            flags.append(Example(item, None, item_line("flag", index)))
        elif isinstance(item, LineDict) and isinstance(item.get("text"), str) and set(item) <= {"text", "fixed", *_SOURCE_KEYS}:
            fixed = item.get("fixed")
            if fixed is not None and not isinstance(fixed, str):
                raise _fail(path, item, "fixed", "an example's `fixed` must be text", rule_id)
            flags.append(Example(item["text"], fixed, item.line, *_example_source(item, path, rule_id)))
        else:
            raise _fail(path, raw, "flag", "each `flag` example is text or {text:, fixed:} (bilingual rules: and source:, language:)", rule_id)
    for index, item in enumerate(raw.get("pass") or []):
        if isinstance(item, LineDict) and isinstance(item.get("text"), str) and "source" in item and set(item) <= {"text", *_SOURCE_KEYS}:
            passes.append(Example(item["text"], None, item.line, *_example_source(item, path, rule_id)))
        elif isinstance(item, str):
            passes.append(Example(item, None, item_line("pass", index)))
        else:
            raise _fail(path, raw, "pass", "each `pass` example is text (bilingual rules: {text:, source:, language:})", rule_id)
    if not flags or not passes:
        raise _fail(path, raw, None, "needs at least one `flag` and one `pass` example", rule_id)
    return tuple(flags), tuple(passes)


_SOURCE_KEYS = ("source", "language")


def _example_source(item, path, rule_id) -> tuple[str | None, str | None]:
    """A bilingual example's source text and its language (both, or neither)."""
    source, language = item.get("source"), item.get("language")
    if (source is None) != (language is None) or not all(isinstance(v, (str, type(None))) for v in (source, language)):
        raise _fail(path, item, "source", "a bilingual example gives both `source` (text) and `language` (a code such as de)", rule_id)
    return source, language


_UNPROVEN = object()


def compile_rule(raw, pack: str, path, seen_ids: set, proven=_UNPROVEN) -> Rule:
    """`proven`: the rule's requirement from an earlier run, when these very bytes compiled
    before; the rule is then compiled on first use instead of now."""
    rule_id = _rule_id(raw, pack, path, seen_ids)
    kind_name = raw.get("kind")
    try:
        kind = load_kind(kind_name if isinstance(kind_name, str) else "")
    except RuleError as exc:
        raise _fail(path, raw, "kind", str(exc), rule_id) from None
    _check_keys(raw, kind, path, rule_id)
    category, severity, message = _described(raw, path, rule_id)
    _check_placeholders(kind, message, raw, path, rule_id)
    options = {key: raw[key] for key in kind.OPTIONS if key in raw}
    matcher = _matcher(kind, options, raw, path, rule_id, proven)
    no_fix = _no_fix_reason(kind, options, raw, path, rule_id)
    flags, passes = _examples(raw.get("examples"), path, rule_id)
    return Rule(
        id=f"{pack}/{rule_id}", pack=pack, kind=str(kind_name), category=category, severity=severity,
        message=message, description=str(raw.get("description", "")).strip(),
        safe=bool(raw.get("safe", False)), no_fix_reason=no_fix,
        flag_examples=flags, pass_examples=passes, options=options, matcher=matcher,
        file=str(path), line=raw.line, enabled=bool(raw.get("enabled", True)),
        needs_source=bool(getattr(kind, "NEEDS_SOURCE", False)),
        replaces=_former_ids(raw, path, rule_id),
    )


def _former_ids(raw, path, rule_id: str) -> tuple[str, ...]:
    """`replaces:`, the ids the rule had before it moved (en-news/time-uhr for from-de/time-uhr)."""
    former = raw.get("replaces", [])
    if not isinstance(former, list) or not all(isinstance(x, str) and _FORMER_ID_RE.match(x) for x in former):
        raise _fail(path, raw, "replaces", "`replaces` lists the rule's former ids, each pack/id", rule_id)
    return tuple(former)


def _rule_id(raw, pack: str, path, seen_ids: set) -> str:
    if not isinstance(raw, LineDict):
        raise _fail(path, raw, None, "each rule must be a mapping")
    rule_id = raw.get("id")
    if not isinstance(rule_id, str) or not _ID_RE.match(rule_id):
        raise _fail(path, raw, "id", "`id` must be lowercase letters, digits and hyphens", rule_id)
    if rule_id in seen_ids:
        raise _fail(path, raw, "id", f"duplicate rule id {rule_id!r} in pack {pack!r}", rule_id)
    seen_ids.add(rule_id)
    return rule_id


def _check_keys(raw, kind, path, rule_id: str) -> None:
    allowed = set(COMMON_KEYS) | set(kind.OPTIONS)
    for key in raw:
        if key not in allowed:
            raise _fail(path, raw, key, f"unknown key {key!r} for kind {raw.get('kind')!r}{did_you_mean(str(key), allowed)}", rule_id)
    for key in kind.REQUIRED + ("category", "severity", "message"):
        if key not in raw:
            raise _fail(path, raw, None, f"missing required key {key!r}", rule_id)


def _described(raw, path, rule_id: str) -> tuple[str, Severity, str]:
    """The rule's category, severity and message, each checked."""
    category = raw["category"]
    if not isinstance(category, str) or not _CATEGORY_RE.match(category) or not category.startswith(CATEGORY_ROOTS):
        raise _fail(path, raw, "category", f"`category` must be MQM-style, one of {', '.join(CATEGORY_ROOTS)} /Subtype", rule_id)
    try:
        severity = Severity.parse(str(raw["severity"]))
    except ValueError as exc:
        raise _fail(path, raw, "severity", str(exc), rule_id) from None
    if not isinstance(raw["message"], str) or not raw["message"].strip():
        raise _fail(path, raw, "message", "`message` must be text", rule_id)
    return category, severity, raw["message"].strip()


_PLACEHOLDER = re.compile(r"\{([A-Za-z_][\w-]*)\}")


def _check_placeholders(kind, message: str, raw, path, rule_id: str) -> None:
    """A placeholder nobody fills would reach the reader as braces: refuse it at load."""
    known = getattr(kind, "PLACEHOLDERS", ("match", "fix"))
    for name in _PLACEHOLDER.findall(message) if "{" in message else ():
        if name not in known:
            braced = ", ".join("{" + k + "}" for k in known)
            raise _fail(path, raw, "message", f"`message` has an unknown placeholder {{{name}}}"
                        f"{did_you_mean(name, known)}; kind {raw.get('kind')!r} fills {braced}", rule_id)


def _matcher(kind, options: dict, raw, path, rule_id: str, proven):
    """The rule's matcher, skipping documents that lack what it requires; compiled on first use
    when an earlier run proved it compiles."""
    if proven is not _UNPROVEN:
        return guarded(lazy(lambda: kind.compile(options, raw)), proven)
    try:
        matcher = kind.compile(options, raw)
    except RuleError as exc:
        raise _fail(path, raw, exc.key, str(exc), rule_id) from None
    return guarded(matcher, _requirement(kind, options, raw, path, rule_id))


def _no_fix_reason(kind, options: dict, raw, path, rule_id: str) -> str | None:
    """None for a rule with a fix; otherwise the reason it has none, which it must give."""
    no_fix = raw.get("no-fix")
    if no_fix is not None and not isinstance(no_fix, str):
        raise _fail(path, raw, "no-fix", "`no-fix` is the reason the rule has no fix", rule_id)
    if getattr(kind, "has_fix", lambda options: bool(options.get("fix")))(options):
        return None
    if not no_fix:
        raise _fail(path, raw, None, "offers no fix: add one, or say why in `no-fix`", rule_id)
    return no_fix.strip()


def _requirement(kind, options, raw, path, rule_id):
    """What must occur in a document for the rule to run: declared (`requires:`) or derived by
    the kind (a pattern's literals); None when nothing is known."""
    declared = raw.get("requires")
    if declared is None:
        derive = getattr(kind, "requirement", None)
        return derive(options) if derive else None
    if not isinstance(declared, list) or not declared or not all(isinstance(x, str) and x for x in declared):
        raise _fail(path, raw, "requires", "`requires` must be a list of non-empty literal strings", rule_id)
    case = raw.get("requires-case", "fold")
    if case not in ("fold", "exact"):
        raise _fail(path, raw, "requires-case", "`requires-case` must be `fold` (the default) or `exact`", rule_id)
    if case == "exact":  # e.g. a rule that flags "russia" but never "Russia": 13 of 600 real-MT articles hold one
        return Requirement(declared, ignore_case=False)
    return Requirement([x.lower() for x in declared], ignore_case=True)


def _rule_files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    skipped = ("pack.yaml", "pack.yml", vocabularies.PACK_FILE)
    return sorted(p for p in root.iterdir() if p.suffix in (".yaml", ".yml") and p.name not in skipped)


_PACK_KEYS = ("name", "description", "source-languages")


def _pack_meta(root: Path):
    """pack.yaml of a pack folder, checked (an empty mapping for a one-file pack)."""
    meta = LineDict()
    meta.line, meta.key_lines = 0, {}
    meta_file = root / "pack.yaml"
    if root.is_dir() and meta_file.is_file():
        meta = parsed_files.parse_yaml_file(str(meta_file)) or meta  # kept between runs
        if not isinstance(meta, LineDict):
            raise YamlError(str(meta_file), None, "pack.yaml must be a mapping")
        for key in meta:
            if key not in _PACK_KEYS:
                raise _fail(meta_file, meta, key, f"unknown key {key!r}{did_you_mean(str(key), _PACK_KEYS)}")
    languages = meta.get("source-languages") or []
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise _fail(meta_file, meta, "source-languages", "`source-languages` must be a list of language codes")
    return meta, tuple(languages)


def _check_rule_file(data, rule_file: Path, one_file_pack: bool) -> None:
    if not isinstance(data, LineDict) or not isinstance(data.get("rules"), list):
        raise YamlError(str(rule_file), line_of(data), "a rule file is a mapping with a `rules:` list")
    unknown = set(data) - ({"rules", "pack"} if one_file_pack else {"rules"})
    if one_file_pack and unknown:
        key = sorted(unknown)[0]
        raise _fail(rule_file, data, key, f"unknown key {key!r} (a rule file has `pack:` and `rules:`)")


def load_pack(path: str | os.PathLike, builtin: bool = False, raws: list | None = None) -> Pack:
    """`raws`: where to append each rule's YAML mapping, in the pack's order (for the bundle)."""
    from pathlib import Path  # start-up: the built-in packs come from the bundle, never through here

    root = Path(path)
    if not root.exists():
        raise YamlError(str(root), None, "rule pack not found")
    meta, languages = _pack_meta(root)
    name = str(meta.get("name") or (root.stem if root.is_file() else root.name))
    rules: list[Rule] = []
    seen: set[str] = set()
    scope = vocabularies.scope_for(root)
    for rule_file in _rule_files(root):
        # the stored tree has its vocabularies expanded, so their bytes are part of its key
        parsed = parsed_files.load(str(rule_file), salt=scope.digest())
        data, proven = parsed.tree, _proven_requirements(parsed.proof)
        if data is None:
            continue
        _check_rule_file(data, rule_file, root.is_file())
        if root.is_file():
            name = str(data.get("pack", name))
        for raw in data["rules"]:  # \L<name> becomes the vocabulary's alternation (and is stored so)
            vocabularies.expand_rule(raw, scope, rule_file)
        if raws is not None:
            raws.extend(data["rules"])
        if proven is not None and len(proven) == len(data["rules"]):
            rules.extend(compile_rule(raw, name, rule_file, seen, req) for raw, req in zip(data["rules"], proven))
        else:
            compiled = [compile_rule(raw, name, rule_file, seen) for raw in data["rules"]]
            parsed_files.remember(parsed, _proof(data, compiled))
            rules.extend(compiled)
    return Pack(name, str(meta.get("description", "")), languages, tuple(rules), str(root), builtin)


def resolve_pack(spec: str, base_dir: str | None = None) -> Pack:
    """A built-in pack name, or a path (relative to the config that names it) to a user pack."""
    if is_builtin(spec):  # the built-in packs: one store entry (tqlint.cache.bundle)
        pack = bundle.builtin(spec, _load_builtin)
        if pack is not None:
            return pack
    path = locate(spec, base_dir)
    if path is None:
        raise YamlError(spec, None, not_found(spec))
    return load_pack(path, builtin=builtin_pack(spec) is not None)


def _load_builtin(name: str, raws: list) -> Pack:
    path = builtin_pack(name)
    if path is None:  # (the bundle asks only for names builtin_pack_names gave)
        raise YamlError(name, None, not_found(name))
    return load_pack(path, builtin=True, raws=raws)


# --- what a run proves about a rule file, kept with it for the next run ----------------------
# Every rule compiled (so a later run may compile each only when a document first needs it) and
# each rule's requirement: deriving those means parsing the regex, which a cold process should
# not pay for on each run.

def _proof(tree, compiled) -> dict:
    return {"requirements": [requirement_to_json(getattr(rule.matcher, "requirement", None)) for rule in compiled]}


def _proven_requirements(proof) -> list | None:
    """The requirements an earlier run proved, or None (nothing proven, or a damaged proof:
    then every rule is compiled now, as for a new file)."""
    if not isinstance(proof, dict):
        return None
    try:
        return [requirement_from_json(r) for r in proof["requirements"]]
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
