"""Rule packs: validation errors that name file, line and rule; and a lint of the built-in packs
themselves (as codespell lints its dictionaries)."""

from __future__ import annotations

import pytest
from conftest import write_pack

from tqlint.packs.loader import CATEGORY_ROOTS, load_pack, resolve_pack
from tqlint.packs.locate import builtin_pack_names, builtin_packs_dir
from tqlint.packs.proof import check_rule, cross_check
from tqlint.yamlio import YamlError

# Line 1 is "rules:", line 2 "- id: r1", so a key listed at index i of BODY is on line 3 + i.
BODY = {
    "kind": "pattern",
    "category": "Fluency/Punctuation",
    "severity": "error",
    "message": '"Space before comma."',
    "pattern": "' ,'",
    "fix": "','",
    "safe": "true",
    "examples": '{flag: [{text: "a , b", fixed: "a, b"}], pass: ["a, b"]}',
}


def rule_file(overrides=None, drop=()):
    body = dict(BODY)
    body.update(overrides or {})
    lines = ["rules:", "  - id: r1"] + [f"    {k}: {v}" for k, v in body.items() if k not in drop]
    return "\n".join(lines) + "\n"


def load_error(tmp_path, text, meta=None) -> YamlError:
    folder = write_pack(tmp_path / "p", text, meta=meta)
    with pytest.raises(YamlError) as info:
        load_pack(folder)
    return info.value


def line_of_key(text, key):
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.strip().startswith(f"{key}:"))


def test_a_valid_rule_loads(tmp_path):
    pack = load_pack(write_pack(tmp_path / "p", rule_file()))
    (rule,) = pack.rules
    assert rule.id == "p/r1" and rule.safe and rule.line == 2 and rule.file.endswith("rules.yaml")
    assert check_rule(rule) == []


@pytest.mark.parametrize("overrides,drop,key,expected", [
    ({"kind": "regexp"}, (), "kind", "unknown kind 'regexp'"),
    ({"severity": "fatal"}, (), "severity", "unknown severity 'fatal'"),
    ({"category": "Punctuation"}, (), "category", "MQM-style"),
    ({"category": "Grammar/Agreement"}, (), "category", "MQM-style"),
    ({"message": "''"}, (), "message", "`message` must be text"),
    ({"pattern": "'(unclosed'"}, (), "pattern", "invalid regular expression"),
    ({"fix": "'\\2'"}, (), "fix", "refers to group '2'"),
    ({"fix": "[1, 2]"}, (), "fix", "`fix` must be a string or a list of strings"),
    ({"group": "3"}, (), "group", "`group` must name a group"),
    ({"pattren": "'x'"}, (), "pattren", "unknown key 'pattren' for kind 'pattern' (did you mean 'pattern'?)"),
    ({"no-fix": "[a]"}, ("fix",), "no-fix", "`no-fix` is the reason"),
    ({"message": "'m {nosuch}'"}, (), "message", "unknown placeholder {nosuch}; kind 'pattern' fills {match}, {fix}"),
    ({"message": "'Use {fixx}'"}, (), "message", "unknown placeholder {fixx} (did you mean 'fix'?)"),
])
def test_errors_name_file_line_and_rule(tmp_path, overrides, drop, key, expected):
    text = rule_file(overrides, drop)
    error = load_error(tmp_path, text)
    assert error.path == str(tmp_path / "p" / "rules.yaml")
    assert error.line == line_of_key(text, key)
    assert "rule 'r1'" in str(error) and expected in str(error)
    assert str(error).startswith(f"{error.path}:{error.line}: ")


@pytest.mark.parametrize("drop,expected", [
    (("category",), "missing required key 'category'"),
    (("pattern",), "missing required key 'pattern'"),
    (("fix",), "offers no fix: add one, or say why in `no-fix`"),
    (("examples",), "has no `examples`"),
])
def test_missing_keys_name_the_rule(tmp_path, drop, expected):
    error = load_error(tmp_path, rule_file(drop=drop))
    assert "rule 'r1'" in str(error) and expected in str(error)
    assert error.line is not None or drop == ("examples",)


@pytest.mark.parametrize("examples,expected", [
    ('{flag: ["a , b"]}', "needs at least one `flag` and one `pass`"),
    ('{flag: [{text: "a , b", fixed: 3}], pass: ["x"]}', "`fixed` must be text"),
    ('{flag: [{txt: "a , b"}], pass: ["x"]}', "each `flag` example is text or {text:, fixed:}"),
    ('{flag: ["a , b"], pass: [{text: "x"}]}', "each `pass` example is text"),
    ('{flags: ["a , b"], pass: ["x"]}', "`examples` must be a mapping"),
])
def test_example_errors(tmp_path, examples, expected):
    error = load_error(tmp_path, rule_file({"examples": examples}))
    assert "rule 'r1'" in str(error) and expected in str(error) and error.line is not None


def test_each_example_knows_its_own_line(tmp_path):
    text = rule_file({"examples": "\n      flag:\n        - a , b\n        - {text: \"c , d\", fixed: \"c, d\"}\n"
                                  "      pass:\n        - a, b\n        - c, d"})
    (rule,) = load_pack(write_pack(tmp_path / "p", text)).rules
    lines = text.splitlines()
    for example in rule.flag_examples + rule.pass_examples:
        assert example.text.split(",")[0].strip() in lines[example.line - 1], example


def test_duplicate_id_points_at_the_second(tmp_path):
    text = rule_file() + rule_file().replace("rules:\n", "")
    error = load_error(tmp_path, text)
    assert "duplicate rule id 'r1'" in str(error)
    assert error.line == len(rule_file().splitlines()) + 1


def test_bad_id(tmp_path):
    error = load_error(tmp_path, rule_file().replace("id: r1", "id: Space_Before"))
    assert error.line == 2 and "lowercase" in str(error) and "Space_Before" in str(error)


def test_phrase_table_errors(tmp_path):
    text = rule_file({"kind": "phrase", "phrases": "{grew with: [1]}"}, drop=("pattern", "fix"))
    error = load_error(tmp_path, text)
    assert "phrase 'grew with'" in str(error) and error.line == line_of_key(text, "phrases")
    text = rule_file({"kind": "phrase", "phrases": "[a, b]"}, drop=("pattern", "fix"))
    assert "non-empty mapping" in str(load_error(tmp_path, text))


def test_rule_file_without_a_rules_list(tmp_path):
    error = load_error(tmp_path, "rule:\n  - id: x\n")
    assert "`rules:` list" in str(error)


def test_pack_yaml_unknown_key(tmp_path):
    error = load_error(tmp_path, rule_file(), meta="name: p\nlanguages: [ro]\n")
    assert error.path.endswith("pack.yaml") and error.line == 2
    assert "did you mean 'source-languages'" in str(error)


def test_invalid_yaml_in_a_rule_file(tmp_path):
    error = load_error(tmp_path, "rules:\n  - id: r1\n    pattern: 'a\n")
    assert "invalid YAML" in str(error) and error.line is not None


def test_single_file_pack(tmp_path):
    path = tmp_path / "house.yaml"
    path.write_text("pack: house\n" + rule_file())
    pack = resolve_pack(str(path))
    assert pack.name == "house" and [r.id for r in pack.rules] == ["house/r1"]


def test_unknown_pack_name(tmp_path):
    with pytest.raises(YamlError, match="did you mean 'en-news'"):
        resolve_pack("en-nwes", str(tmp_path))


def test_disabled_rule_runs_only_when_selected(tmp_path):
    from tqlint.config import Config
    from tqlint.packs.ruleset import build_ruleset

    folder = write_pack(tmp_path / "p", rule_file({"enabled": "false"}))
    assert build_ruleset(Config(packs=(str(folder),))).rules == ()
    assert len(build_ruleset(Config(packs=(str(folder),)), select=("p/r1",)).rules) == 1


# ---- the built-in packs, linted as data --------------------------------------------------------

def test_builtin_packs_ship_and_have_rules(builtin_ruleset):
    assert "en-news" in builtin_pack_names()
    assert builtin_packs_dir().is_dir()
    assert builtin_ruleset.get("en-news/space-before-punctuation") is not None


def test_builtin_rule_ids_are_unique(builtin_ruleset):
    ids = [a.rule.id for a in builtin_ruleset.rules]
    assert len(ids) == len(set(ids))


def test_builtin_rules_have_examples_messages_and_fixes(builtin_ruleset):
    problems = []
    for active in builtin_ruleset.rules:
        rule = active.rule
        if not rule.flag_examples or not rule.pass_examples:
            problems.append(f"{rule.id}: needs flag and pass examples")
        if rule.fixable and any(e.fixed is None for e in rule.flag_examples):
            problems.append(f"{rule.id}: a flag example lacks its fixed text")
        if not rule.fixable and not rule.no_fix_reason.strip():
            problems.append(f"{rule.id}: no fix and no reason")
        if len(rule.message) < 15:
            problems.append(f"{rule.id}: message too short to say what and why")
    assert problems == []


def test_builtin_categories_are_mqm_style(builtin_ruleset):
    bad = [f"{a.rule.id}: {a.rule.category}" for a in builtin_ruleset.rules
           if a.rule.category.split("/")[0] not in CATEGORY_ROOTS or a.rule.category.count("/") != 1]
    assert bad == []


def test_builtin_packs_do_not_contradict_each_other(builtin_ruleset):
    """No fixed text and no near miss of any rule is flagged by any other rule: no rule's fix
    is another rule's error, so fixing never loops."""
    failures = cross_check(builtin_ruleset)
    assert not failures, "\n".join(map(str, failures))


def test_phrase_tables_have_no_fix_that_is_itself_listed(builtin_ruleset):
    """As codespell checks its dictionary: a replacement must not be a wrong phrase of the same table."""
    problems = []
    for active in builtin_ruleset.rules:
        rule = active.rule
        if rule.kind != "phrase" or rule.options.get("before") or rule.options.get("after"):
            continue
        wrong = {" ".join(k.lower().split()) for k in rule.options["phrases"]}
        for phrase, value in rule.options["phrases"].items():
            for replacement in [value] if isinstance(value, str) else value or []:
                if " ".join(replacement.lower().split()) in wrong:
                    problems.append(f"{rule.id}: {phrase!r} → {replacement!r}, itself listed")
    assert problems == []


def test_placeholders_are_those_the_kind_fills(tmp_path):
    """{language} is a language rule's own placeholder, not a pattern's; braces that are not a
    placeholder are plain text."""
    assert "unknown placeholder {language}" in str(load_error(tmp_path, rule_file({"message": "'In {language}'"})))
    pack = load_pack(write_pack(tmp_path / "q", rule_file({"message": "'Set {} or {1}: {match}'"})))
    assert pack.rules[0].message == "Set {} or {1}: {match}"
