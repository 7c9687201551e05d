"""The built-in packs as one store entry (tqlint.cache.bundle): the same rules as loading each
pack the ordinary way, kinds imported only when one of their rules runs, examples read only when
asked, and a damaged or missing entry never changes what a run finds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tqlint.api import Linter
from tqlint.cache import bundle
from tqlint.packs.loader import load_pack
from tqlint.packs.locate import builtin_pack, builtin_pack_names

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


@pytest.fixture(scope="module")
def shared_store(tmp_path_factory):
    return tmp_path_factory.mktemp("store")  # rule files parsed once for the module's tests


@pytest.fixture
def store(shared_store, monkeypatch):
    """A store whose rule-file entries are kept between tests, without a bundle."""
    monkeypatch.setenv("TQLINT_CACHE_DIR", str(shared_store))
    monkeypatch.setattr(bundle, "_loaded", {})
    monkeypatch.setattr(bundle, "_keys", {})
    shutil.rmtree(shared_store / f"bundle-v{bundle.FORMAT}", ignore_errors=True)
    return shared_store


def _ordinary(name, raws):
    return load_pack(builtin_pack(name), builtin=True, raws=raws)


def _described(rule) -> tuple:
    requirement = getattr(rule.matcher, "requirement", None)
    return (rule.id, rule.pack, rule.kind, rule.category, rule.severity, rule.message, rule.description, rule.safe,
            rule.no_fix_reason, rule.flag_examples, rule.pass_examples, rule.options, rule.file, rule.line,
            rule.enabled, rule.needs_source, rule.replaces, repr(requirement))


def _entries(store) -> list:
    return sorted(p for p in (store / f"bundle-v{bundle.FORMAT}").iterdir())


def test_read_back_rules_are_the_ordinary_ones(store):
    written = {name: bundle.builtin(name, _ordinary) for name in builtin_pack_names()}
    assert len(_entries(store)) == 2
    bundle._loaded.clear()
    for name in builtin_pack_names():
        ordinary, read = _ordinary(name, []), bundle.builtin(name, _ordinary)
        assert written[name] is not None and read is not None and read is not written[name]
        assert (read.name, read.description, read.source_languages, read.path, read.builtin) == \
               (ordinary.name, ordinary.description, ordinary.source_languages, ordinary.path, True)
        assert [_described(r) for r in read.rules] == [_described(r) for r in ordinary.rules]


def test_read_back_rules_find_what_the_ordinary_ones_find(store):
    from tqlint.engine.run import lint_document
    from tqlint.packs.ruleset import ActiveRule, RuleSet
    from tqlint.text.readers import read_document

    bundle.builtin("en-news", _ordinary)
    bundle._loaded.clear()
    read, ordinary = bundle.builtin("en-news", _ordinary), _ordinary("en-news", [])
    assert read is not None
    for mine, theirs in zip(read.rules, ordinary.rules):
        for example in theirs.flag_examples + theirs.pass_examples:
            doc = read_document(example.text, "text")
            found = [lint_document(doc, RuleSet((ActiveRule(rule, rule.severity),), ()))[0] for rule in (mine, theirs)]
            assert found[0] == found[1], (theirs.id, example.text)


def test_a_damaged_entry_is_written_again(store):
    first = bundle.builtin("en-news", _ordinary)
    main = [p for p in _entries(store) if not p.name.endswith(".details.json")][0]
    whole = main.read_bytes()
    main.write_bytes(whole[:len(whole) // 2])
    bundle._loaded.clear()
    again = bundle.builtin("en-news", _ordinary)
    assert again is not None and first is not None
    assert [_described(r) for r in again.rules] == [_described(r) for r in first.rules]
    assert bundle._decode_main(main.read_bytes())["key"]  # whole again
    damaged = bytearray(whole)
    damaged[-100] ^= 1  # the same length, one bit changed: refused before marshal sees it
    main.write_bytes(bytes(damaged))
    bundle._loaded.clear()
    assert [_described(r) for r in bundle.builtin("en-news", _ordinary).rules] == [_described(r) for r in first.rules]
    assert main.read_bytes() == whole


def test_lost_examples_are_read_from_the_pack(store):
    bundle.builtin("en-news", _ordinary)
    for path in _entries(store):
        if path.name.endswith(".details.json"):
            path.unlink()
    bundle._loaded.clear()
    read, ordinary = bundle.builtin("en-news", _ordinary), _ordinary("en-news", [])
    assert read is not None
    assert [(r.flag_examples, r.description) for r in read.rules] == \
           [(r.flag_examples, r.description) for r in ordinary.rules]


def test_a_broken_pack_leaves_the_others_loading_the_ordinary_way(store):
    def broken(name, raws):
        if name == "from-de":
            from tqlint.yamlio import YamlError

            raise YamlError("from-de/x.yaml", 3, "broken")
        return _ordinary(name, raws)

    assert bundle.builtin("en-news", broken) is None
    assert not (store / f"bundle-v{bundle.FORMAT}").exists() or not _entries(store)


def test_no_store_no_bundle(monkeypatch):
    monkeypatch.setenv("TQLINT_CACHE_DIR", "off")
    monkeypatch.setattr(bundle, "_loaded", {})
    assert bundle.builtin("en-news", _ordinary) is None
    assert Linter(no_config=True).lint_text("Prices rose , then fell.").findings


def test_a_fresh_process_imports_only_the_kinds_its_document_needs(store):
    script = (
        "import sys\n"
        "from tqlint.api import Linter\n"
        "result = Linter(no_config=True).lint_text('Prices rose , then fell.', 'a.txt')\n"
        "assert any(f.rule.endswith('space-before-punctuation') or ',' in f.text for f in result.findings), result\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('tqlint.kinds.', 'markdown_it', 'wcwidth', 'pathspec')))))\n"
    )
    env = {**os.environ, "TQLINT_CACHE_DIR": str(store)}
    for _ in range(2):  # the first run writes the bundle, the second reads it
        out = subprocess.run([sys.executable, "-c", script], env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    loaded = set(out.stdout.split())
    assert "tqlint.kinds.pattern" in loaded
    assert not {m for m in loaded if m.startswith("tqlint.kinds.bilingual.")}, loaded  # no source: never needed
    assert not {m for m in loaded if m.startswith(("markdown_it", "wcwidth", "pathspec"))}, loaded


def test_stored_requirements_are_taken_as_written_but_checked():
    made = bundle._requirement({"all": [["tax", "taxes"], ["rose"]], "ignore_case": True})
    assert made.groups == (("tax", "taxes"), ("rose",)) and made.ignore_case is True
    assert bundle._requirement(None) is None
    from tqlint.engine.prefilter import requirement_from_json  # (the general reader, compared here only)

    phrases = {"phrases": [["a", "lot", "of"], ["in", "of", "spite"], ["lot"]], "chunks": ["b", "a"]}
    assert repr(bundle._requirement(phrases)) == repr(requirement_from_json(phrases))
    assert bundle._requirement(phrases).by_key == requirement_from_json(phrases).by_key
    for bad in ({"all": [], "ignore_case": False}, {"all": [[]], "ignore_case": False},
                {"all": [["a", 1]], "ignore_case": False}, {"all": [[b"a"]], "ignore_case": True}):
        with pytest.raises(ValueError):
            bundle._requirement(bad)


def test_read_back_rules_hold_every_field_their_dataclass_would_set(store):
    """_rule_from_json fills a new Rule's __dict__ without the dataclass __init__ (a cold start's
    ~2 ms): that is the same object only while Rule has no __post_init__ and these fields."""
    import dataclasses

    from tqlint.packs.model import Rule

    assert not hasattr(Rule, "__post_init__")
    names = [f.name for f in dataclasses.fields(Rule)]
    for name in builtin_pack_names():
        bundle.builtin(name, _ordinary)  # writes the bundle
    bundle._loaded.clear()
    rules = [rule for name in builtin_pack_names() for rule in bundle.builtin(name, _ordinary).rules]
    assert rules and all(list(vars(rule)) == names for rule in rules)
    first = rules[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.id = "x"
    assert first == dataclasses.replace(first)
