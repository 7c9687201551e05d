"""`.tqlint.yaml`: discovery, every key, and errors that name file, line and a did-you-mean."""

from __future__ import annotations

import json
import pickle

import pytest

from tqlint.api import Linter
from tqlint.config import SCHEMA, STARTER_CONFIG, Config, ConfigFinder, find_config_file, load_config
from tqlint.packs.ruleset import build_ruleset
from tqlint.yamlio import YamlError


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def config_error(tmp_path, text) -> YamlError:
    path = write(tmp_path / ".tqlint.yaml", text)
    with pytest.raises(YamlError) as info:
        load_config(str(path))
    assert info.value.path == str(path)
    return info.value


class TestDiscovery:
    def test_nearest_config_upwards(self, tmp_path):
        top = write(tmp_path / ".tqlint.yaml", "fail-on: error\n")
        inner = write(tmp_path / "a" / "b" / ".tqlint.yml", "fail-on: info\n")
        assert find_config_file(str(tmp_path / "a" / "b")) == str(inner)
        assert find_config_file(str(tmp_path / "a")) == str(top)

    def test_each_file_gets_its_folders_config(self, tmp_path):
        write(tmp_path / ".tqlint.yaml", "fail-on: error\n")
        write(tmp_path / "strict" / ".tqlint.yaml", "fail-on: info\n")
        finder = ConfigFinder()
        assert finder.for_path(str(tmp_path / "a.md")).fail_on == "error"
        assert finder.for_path(str(tmp_path / "strict" / "deep" / "b.md")).fail_on == "info"
        # loaded once, shared by every file under it
        assert finder.for_path(str(tmp_path / "c.md")) is finder.for_path(str(tmp_path / "d.md"))

    def test_explicit_config_wins(self, tmp_path):
        write(tmp_path / ".tqlint.yaml", "fail-on: error\n")
        explicit = write(tmp_path / "other.yaml", "fail-on: never\n")
        assert ConfigFinder(str(explicit)).for_path(str(tmp_path / "a.md")).fail_on == "never"

    def test_no_config_uses_defaults(self, tmp_path):
        write(tmp_path / ".tqlint.yaml", "fail-on: error\n")
        config = ConfigFinder(disabled=True).for_path(str(tmp_path / "a.md"))
        assert config == Config()

    def test_an_empty_config_is_the_defaults(self, tmp_path):
        config = load_config(str(write(tmp_path / ".tqlint.yaml", "# nothing\n")))
        assert config.fail_on == "warning" and config.packs is None


class TestKeys:
    def test_all_keys(self, tmp_path, test_pack):
        path = write(tmp_path / ".tqlint.yaml", f"""\
packs: [en-news, {test_pack}]
source-languages: [RO, fr]
select: en-news
ignore: [en-news/doubled-comma]
rules:
  en-news/space-inside-brackets: off
  testpack: info
ignore-paths: ["drafts/**", "*.tmp.md"]
fail-on: error
organisations: [Acme Holdings]
people: [Ana Pop]
languagetool: {{enabled: false}}
""")
        config = load_config(str(path))
        assert config.packs == ("en-news", str(test_pack))
        assert config.source_languages == ("ro", "fr")
        assert config.select == ("en-news",)
        assert config.ignore == ("en-news/doubled-comma",)
        assert config.rule_levels == (("en-news/space-inside-brackets", "off"), ("testpack", "info"))
        assert config.ignore_paths == ("drafts/**", "*.tmp.md")
        assert config.fail_on == "error"
        assert config.organisations == ("Acme Holdings",)
        assert config.people == ("Ana Pop",)
        assert config.languagetool == {"enabled": False}
        assert config.base_dir == str(tmp_path)

    def test_rule_levels_change_severity_and_switch_rules_off(self, tmp_path, test_pack):
        path = write(tmp_path / ".tqlint.yaml", f"""\
packs: [{test_pack}]
rules:
  testpack: info
  testpack/spaced-comma: error
  testpack/sua: off
""")
        ruleset = build_ruleset(load_config(str(path)))
        levels = {a.rule.id: str(a.severity) for a in ruleset.rules}
        assert levels == {"testpack/spaced-comma": "error", "testpack/grew-with": "info",
                          "testpack/no-space-after-comma": "info"}

    def test_select_and_ignore_most_specific_wins(self, tmp_path, test_pack):
        path = write(tmp_path / ".tqlint.yaml", f"""\
packs: [{test_pack}]
select: [testpack/spaced-comma, testpack/sua]
ignore: [testpack]
""")
        ruleset = build_ruleset(load_config(str(path)))
        assert sorted(a.rule.id for a in ruleset.rules) == ["testpack/spaced-comma", "testpack/sua"]

    def test_pack_paths_are_relative_to_the_config(self, tmp_path, test_pack):
        import shutil

        shutil.copytree(test_pack, tmp_path / "house" / "mypack")
        path = write(tmp_path / "house" / ".tqlint.yaml", "packs: [./mypack]\n")
        ruleset = build_ruleset(load_config(str(path)))
        assert {a.rule.pack for a in ruleset.rules} == {"testpack"}  # named by its pack.yaml

    def test_source_languages_pick_the_from_packs(self, tmp_path):
        from conftest import TEST_PACK, write_pack

        for name, languages in (("any", "[]"), ("from-ro", "[ro]"), ("from-fr", "[fr, ro]"), ("from-zh", "[zh]")):
            write_pack(tmp_path / name, TEST_PACK, meta=f"name: {name}\nsource-languages: {languages}\n")
        path = write(tmp_path / ".tqlint.yaml", "packs: [./any, ./from-ro, ./from-fr, ./from-zh]\nsource-languages: [ro]\n")
        ruleset = build_ruleset(load_config(str(path)))
        assert [p.name for p in ruleset.packs] == ["any", "from-ro", "from-fr"]
        assert {a.rule.pack for a in ruleset.rules} == {"any", "from-ro", "from-fr"}

    def test_builtin_from_packs_declare_their_language(self):
        from tqlint.packs.loader import load_pack
        from tqlint.packs.locate import builtin_pack_names, builtin_packs_dir

        for name in builtin_pack_names():
            if name.startswith("from-") and len(name) == 7:  # from-de: one language
                meta = (builtin_packs_dir() / name / "pack.yaml").read_text()
                # its own language first; from-ru also runs for uk and be, which share its idiom
                assert f"source-languages: [{name[5:]}]" in meta or f"source-languages: [{name[5:]}, " in meta, name
            elif name.startswith("from-"):  # from-romance, from-cjk: a family
                languages = load_pack(builtin_packs_dir() / name).source_languages
                assert len(languages) > 1 and all(len(code) == 2 for code in languages), name

    def test_a_source_language_prunes_the_other_languages_packs(self):
        from tqlint.packs.locate import builtin_pack_names

        ruleset = build_ruleset(Config(packs=tuple(builtin_pack_names()), source_languages=("de",)))
        assert {p.name for p in ruleset.packs} == {"en-news", "from-de", "bilingual"}  # bilingual: any source, silent without one
        assert ruleset.get("from-de/time-uhr") and not ruleset.get("from-romance/have-place")

    def test_ignore_paths(self, tmp_path):
        write(tmp_path / ".tqlint.yaml", 'ignore-paths: ["drafts/**", "*.tmp.md", "old"]\n')
        linter = Linter()
        assert linter.is_ignored(str(tmp_path / "drafts" / "x" / "a.md"))
        assert linter.is_ignored(str(tmp_path / "sub" / "b.tmp.md"))
        assert linter.is_ignored(str(tmp_path / "old" / "c.md"))
        assert not linter.is_ignored(str(tmp_path / "news" / "a.md"))
        assert not linter.is_ignored(str(tmp_path / "older" / "a.md"))

    def test_starter_config_is_valid(self, tmp_path):
        config = load_config(str(write(tmp_path / ".tqlint.yaml", STARTER_CONFIG)))
        assert config.fail_on == "warning" and config.ignore_paths == ("drafts/**",)

    def test_starter_config_examples_are_valid_once_uncommented(self, tmp_path, test_pack):
        import re
        import shutil

        shutil.copytree(test_pack, tmp_path / "desk" / "house-rules")  # the example names ./house-rules
        write(tmp_path / ".tqlint.yaml", "people: [Ana Pop]\n")  # the example extends ../.tqlint.yaml
        write(tmp_path / "desk" / "desk-terms.csv", "source,target\nprimar,mayor\n")  # the example's glossary
        keys = "|".join(re.escape(k) for k in SCHEMA)
        text = re.sub(rf"^# ((?:{keys}):.*|  \S.*)$", r"\1", STARTER_CONFIG, flags=re.M)
        config = load_config(str(write(tmp_path / "desk" / ".tqlint.yaml", text)))
        assert config.packs and config.source_languages and config.rule_levels and config.select
        assert config.languagetool.get("enabled") is True
        assert config.source_path and config.glossary


class TestErrors:
    def test_unknown_key_with_did_you_mean(self, tmp_path):
        error = config_error(tmp_path, "fail-on: error\npaks: [en-news]\n")
        assert error.line == 2
        assert "unknown key 'paks'" in str(error) and "did you mean 'packs'" in str(error)
        assert str(error).startswith(f"{tmp_path / '.tqlint.yaml'}:2: ")

    def test_bad_fail_on(self, tmp_path):
        error = config_error(tmp_path, "\nfail-on: warnings\n")
        assert error.line == 2 and "did you mean 'warning'" in str(error)

    def test_bad_rule_level(self, tmp_path):
        error = config_error(tmp_path, "rules:\n  en-news/doubled-comma: loud\n")
        assert error.line == 2 and "en-news/doubled-comma" in str(error) and "loud" in str(error)

    def test_rules_must_be_a_mapping(self, tmp_path):
        assert config_error(tmp_path, "rules: [a]\n").line == 1

    @pytest.mark.parametrize("key", ["packs", "select", "ignore", "ignore-paths", "source-languages", "people"])
    def test_lists_of_strings(self, tmp_path, key):
        error = config_error(tmp_path, f"fail-on: info\n{key}: [1, 2]\n")
        assert error.line == 2 and key in str(error)

    def test_unknown_pack_with_did_you_mean(self, tmp_path):
        error = config_error(tmp_path, "fail-on: info\npacks: [en-nws]\n")
        assert error.line == 2 and "did you mean 'en-news'" in str(error)

    def test_missing_pack_path(self, tmp_path):
        error = config_error(tmp_path, "packs: [./house-rules]\n")
        assert error.line == 1 and "./house-rules" in str(error)

    def test_not_a_mapping(self, tmp_path):
        assert "mapping" in str(config_error(tmp_path, "- a\n- b\n"))

    def test_invalid_yaml_names_the_line(self, tmp_path):
        error = config_error(tmp_path, "fail-on: error\npacks: [en-news\nrules: {}\n")
        assert error.line is not None and error.line >= 2 and "invalid YAML" in str(error)

    def test_duplicate_key(self, tmp_path):
        error = config_error(tmp_path, "fail-on: error\nfail-on: info\n")
        assert error.line == 2 and "duplicate key" in str(error)

    def test_languagetool_must_be_a_mapping(self, tmp_path):
        assert config_error(tmp_path, "languagetool: yes please\n").line == 1

    def test_python_tags_are_refused(self, tmp_path):
        error = config_error(tmp_path, "fail-on: !!python/object/apply:os.system ['true']\n")
        assert error.line == 1

    def test_errors_survive_a_trip_to_a_worker_process(self):
        error = pickle.loads(pickle.dumps(YamlError("a.yaml", 3, "bad")))
        assert (error.path, error.line, error.message, str(error)) == ("a.yaml", 3, "bad", "a.yaml:3: bad")

    def test_error_while_linting_a_folder(self, tmp_path):
        write(tmp_path / "news" / ".tqlint.yaml", "fail_on: error\n")
        write(tmp_path / "news" / "a.md", "Text.\n")
        from tqlint.api import lint_paths

        with pytest.raises(YamlError, match=r"\.tqlint\.yaml:1: unknown key 'fail_on' \(did you mean 'fail-on'\?\)"):
            lint_paths([str(tmp_path / "news")])


class TestUnknownRules:
    """A rule id that names no rule is a typo; silently running nothing would always pass."""

    @pytest.mark.parametrize("text,line,key", [
        ("packs: [{pack}]\nselect: [testpack/spaced-coma]\n", 2, "select"),
        ("packs: [{pack}]\nignore: testpack/sau\n", 2, "ignore"),
        ("packs: [{pack}]\nrules:\n  testpack/sua: off\n  testpack/grew-wiht: info\n", 4, "rules"),
    ])
    def test_in_the_config(self, tmp_path, test_pack, text, line, key):
        path = write(tmp_path / ".tqlint.yaml", text.format(pack=test_pack))
        with pytest.raises(YamlError) as info:
            build_ruleset(load_config(str(path)))
        assert info.value.path == str(path) and info.value.line == line
        assert f"`{key}`: no rule matches" in str(info.value) and "did you mean 'testpack/" in str(info.value)

    def test_on_the_command_line(self, test_config):
        with pytest.raises(YamlError, match=r"^--select: no rule matches 'testpack/spaced-coma' \(did you mean 'testpack/spaced-comma'\?\)"):
            build_ruleset(test_config, select=("testpack/spaced-coma",))
        with pytest.raises(YamlError, match=r"^--ignore: no rule matches 'testpak'"):
            build_ruleset(test_config, ignore=("testpak",))

    @pytest.mark.parametrize("selector", ["testpack", "testpack/", "testpack/spaced-*", "*", "languagetool/EN_A_VS_AN", "languagetool"])
    def test_prefixes_globs_and_languagetool_are_fine(self, test_config, selector):
        build_ruleset(test_config, select=(selector,))
        build_ruleset(test_config, ignore=(selector,))



class TestExtend:
    """`extend: PATH` builds on another config: what this file sets wins, the rest is inherited."""

    def test_child_overrides_and_inherits(self, tmp_path, test_pack):
        write(tmp_path / ".tqlint.yaml",
              f"packs: [{test_pack}]\nfail-on: error\norganisations: [Acme]\n"
              "rules:\n  testpack/spaced-comma: info\n  testpack/grew-with: off\n"
              "languagetool:\n  enabled: false\n  language: en-GB\n")
        child = write(tmp_path / "desk" / ".tqlint.yaml",
                      "extend: ../.tqlint.yaml\nfail-on: info\n"
                      "rules:\n  testpack/grew-with: warning\nlanguagetool:\n  language: en-US\n")
        config = load_config(str(child))
        assert config.packs == (str(test_pack),)
        assert config.fail_on == "info"                     # set here: wins
        assert config.organisations == ("Acme",)            # not set here: inherited
        assert dict(config.rule_levels) == {"testpack/spaced-comma": "info", "testpack/grew-with": "warning"}
        assert config.languagetool == {"enabled": False, "language": "en-US"}
        assert config.base_dir == str(tmp_path / "desk")
        ruleset = build_ruleset(config)
        assert ruleset.get("testpack/grew-with").severity.name.lower() == "warning"

    def test_a_list_the_child_sets_replaces_the_parents(self, tmp_path):
        write(tmp_path / "base.yaml", "ignore: [en-news/doubled-word]\nselect: [en-news]\n")
        child = write(tmp_path / ".tqlint.yaml", "extend: base.yaml\nignore: [en-news/space-inside-brackets]\n")
        config = load_config(str(child))
        assert config.ignore == ("en-news/space-inside-brackets",) and config.select == ("en-news",)

    def test_parent_paths_stay_relative_to_the_parent(self, tmp_path):
        pack = tmp_path / "shared" / "house"
        write(pack / "pack.yaml", "name: house\n")
        write(pack / "rules.yaml", "rules: []\n")
        write(tmp_path / "shared" / "base.yaml", 'packs: [en-news, ./house]\nignore-paths: ["drafts/**"]\n')
        write(tmp_path / "site" / ".tqlint.yaml", "extend: ../shared/base.yaml\n")
        config = load_config(str(tmp_path / "site" / ".tqlint.yaml"))
        assert config.packs == ("en-news", str(tmp_path / "shared" / "house"))
        assert {p.name for p in build_ruleset(config).packs} == {"en-news", "house"}
        # the parent's "drafts/**" means shared/drafts, not site/drafts
        assert config.ignores() == ((str(tmp_path / "shared"), "drafts/**"),)
        assert not Linter().is_ignored(str(tmp_path / "site" / "drafts" / "a.md"))

    def test_inherited_ignore_paths_apply_under_the_parents_folder(self, tmp_path):
        write(tmp_path / ".tqlint.yaml", 'ignore-paths: ["archive/**", "*.tmp.md"]\n')
        write(tmp_path / "archive" / ".tqlint.yaml", "extend: ../.tqlint.yaml\nfail-on: error\n")
        write(tmp_path / "news" / ".tqlint.yaml", 'extend: ../.tqlint.yaml\nignore-paths: ["wip/**"]\n')
        linter = Linter()
        assert linter.is_ignored(str(tmp_path / "archive" / "2019" / "a.md"))  # inherited, relative to the top
        assert linter.is_ignored(str(tmp_path / "archive" / "b.tmp.md"))
        assert linter.is_ignored(str(tmp_path / "news" / "wip" / "c.md"))     # the child's own
        assert not linter.is_ignored(str(tmp_path / "news" / "d.tmp.md"))     # replaced, not inherited

    def test_chains_and_fingerprints(self, tmp_path):
        write(tmp_path / "a.yaml", "fail-on: never\npeople: [Ana Pop]\n")
        write(tmp_path / "b.yaml", "extend: a.yaml\nfail-on: error\n")
        write(tmp_path / "c.yaml", "extend: b.yaml\n")
        config = load_config(str(tmp_path / "c.yaml"))
        assert (config.fail_on, config.people) == ("error", ("Ana Pop",))
        before = config.fingerprint()
        write(tmp_path / "a.yaml", "fail-on: never\npeople: [Ana Pop, Ion Popa]\n")
        assert load_config(str(tmp_path / "c.yaml")).fingerprint() != before  # a parent's change reaches the cache key

    def test_a_typo_in_the_parent_names_the_parents_file_and_line(self, tmp_path, test_pack):
        parent = write(tmp_path / "base.yaml", f"packs: [{test_pack}]\nselect: [testpack/spaced-coma]\n")
        child = write(tmp_path / ".tqlint.yaml", "extend: base.yaml\nfail-on: error\n")
        with pytest.raises(YamlError) as info:
            build_ruleset(load_config(str(child)))
        assert (info.value.path, info.value.line) == (str(parent), 2)

    @pytest.mark.parametrize("text,message", [
        ("extend: missing.yaml\n", "`extend`: no file 'missing.yaml'"),
        ("extend: [a, b]\n", "`extend` must be the path of another tqlint config"),
        ("extend: .tqlint.yaml\n", "leads back to this file (a cycle)"),
    ])
    def test_errors(self, tmp_path, text, message):
        error = config_error(tmp_path, text)
        assert error.line == 1 and message in str(error)

    def test_a_cycle_through_another_file(self, tmp_path):
        write(tmp_path / "other.yaml", "extend: .tqlint.yaml\n")
        path = write(tmp_path / ".tqlint.yaml", "extend: other.yaml\n")
        with pytest.raises(YamlError, match="a cycle"):
            load_config(str(path))

    def test_an_error_in_the_parent_names_the_parent(self, tmp_path):
        parent = write(tmp_path / "base.yaml", "fail-on: sometimes\n")
        child = write(tmp_path / ".tqlint.yaml", "extend: base.yaml\n")
        with pytest.raises(YamlError) as info:
            load_config(str(child))
        assert info.value.path == str(parent) and info.value.line == 1

    def test_end_to_end_through_the_cli(self, tmp_path, test_pack):
        from click.testing import CliRunner

        from tqlint.cli import cli

        write(tmp_path / ".tqlint.yaml", f"packs: [{test_pack}]\nrules:\n  testpack/spaced-comma: off\n")
        write(tmp_path / "desk" / ".tqlint.yaml", "extend: ../.tqlint.yaml\nfail-on: error\n")
        article = write(tmp_path / "desk" / "a.md", "Rates rose , then fell. Prices grew with 5 percent.\n")
        result = CliRunner().invoke(cli, ["check", "--no-cache", "--format", "json", str(article)])
        rules = {f["rule"] for f in json.loads(result.output)["files"][0]["findings"]}
        assert "testpack/spaced-comma" not in rules and "testpack/grew-with" in rules  # inherited packs and levels
        assert result.exit_code == 0  # grew-with is a warning, and this desk fails only on errors
