"""The results cache: exact round trips, keys that change with everything that matters,
safety under sharing and corruption, bounded size, and the CLI's --no-cache."""

from __future__ import annotations

import json
import marshal
import os
import threading

import pytest
from click.testing import CliRunner
from conftest import write_pack
from hypothesis import given, settings
from hypothesis import strategies as st

from tqlint.api import Linter
from tqlint.cache import store
from tqlint.cache.keys import RESULTS_FORMAT as FORMAT
from tqlint.cache.keys import entry_key, setup_fingerprint
from tqlint.cache.results import ResultCache, findings_from_json, findings_to_json, open_cache
from tqlint.config import Config
from tqlint.finding import Edit, FileResult, Finding, Fix, Severity
from tqlint.packs.locate import pack_locations

ARTICLE = "Prices grew with 10 percent , said SUA officials.\n"


@pytest.fixture
def cache(tmp_path):
    return ResultCache(str(tmp_path / "cache"))


@pytest.fixture
def cached_linter(test_config, cache):
    return Linter(config=test_config, cache=cache)


# --- the entry format ---------------------------------------------------------------------

texts = st.text(max_size=12)
edits = st.builds(Edit, st.integers(0, 10**6), st.integers(0, 10**6), texts)
fixes = st.builds(Fix, texts, st.lists(edits, max_size=3).map(tuple), st.booleans())
findings = st.builds(
    Finding, texts, texts, st.sampled_from(list(Severity)), texts, st.integers(0, 10**6),
    st.integers(0, 10**6), texts, st.lists(fixes, max_size=3).map(tuple), st.none() | texts,
)


@settings(max_examples=200, deadline=None)
@given(st.lists(findings, max_size=5))
def test_findings_round_trip_exactly(items):
    data = json.loads(json.dumps(findings_to_json(items), ensure_ascii=False))
    assert findings_from_json(data) == tuple(items)


@pytest.mark.parametrize("bad", [
    [["r", "c", 9, "m", 0, 1, "x", [], None]],            # no such severity
    [["r", "c", 2, "m", "0", 1, "x", [], None]],          # offset as text
    [["r", "c", 2, "m", 0, 1, "x", [["t", [[0, 1]], True]], None]],  # edit without replacement
    [["r", "c", 2, "m", 0, 1]],                           # truncated
    {"not": "a list"},
])
def test_malformed_entries_raise(bad):
    with pytest.raises((ValueError, TypeError)):
        findings_from_json(bad)


# --- hits and misses ------------------------------------------------------------------------

def test_second_lint_is_a_hit_with_identical_findings(cached_linter, cache, tmp_path):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    first = cached_linter.lint_file(str(article))
    assert first.findings and cache.writes == 1
    again = Linter(config=cached_linter.config_for(None), cache=ResultCache(os.path.dirname(cache.root)))
    second = again.lint_file(str(article))
    assert again.cache.hits == 1
    assert second.findings == first.findings and second.text == first.text and second.path == first.path


def test_cached_result_answers_without_loading_packs(cached_linter, tmp_path):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    cached_linter.lint_file(str(article))
    fresh = Linter(config=cached_linter.config_for(None), cache=cached_linter.cache)
    assert fresh.cached_result(str(article)) is not None
    assert fresh._rulesets == {}  # no rule set was built


def test_a_changed_file_is_a_miss(cached_linter, cache, tmp_path):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    cached_linter.lint_file(str(article))
    article.write_text(ARTICLE.replace("10", "12"), encoding="utf-8")
    result = cached_linter.lint_file(str(article))
    assert cache.hits == 0 and "12" in result.text


def test_key_depends_on_reader_and_suffix():
    fingerprint = "f" * 10
    keys = {entry_key(fingerprint, syntax, suffix, "text") for syntax, suffix in
            (("markdown", ".md"), ("text", ".txt"), ("html", ".html"), ("markdown", ".markdown"), ("text", ""))}
    assert len(keys) == 5
    assert entry_key(fingerprint, "markdown", ".md", "text") == entry_key(fingerprint, "markdown", ".MD", "text")


def setup_fingerprint_of(config, select=(), ignore=()):
    return setup_fingerprint(config.fingerprint(), pack_locations(config.packs, config.base_dir), select, ignore)


def test_key_changes_with_a_rule_pack_edit(tmp_path):
    from conftest import TEST_PACK

    pack = write_pack(tmp_path / "pk", TEST_PACK)
    config = Config(packs=(str(pack),))
    before = setup_fingerprint_of(config)
    assert setup_fingerprint_of(config) == before
    (pack / "rules.yaml").write_text(TEST_PACK.replace("grew by", "grew by about"), encoding="utf-8")
    assert setup_fingerprint_of(config) != before
    (pack / "extra.yaml").write_text("rules: []\n", encoding="utf-8")
    assert len({before, setup_fingerprint_of(config)}) == 2


def test_built_in_packs_are_keyed_by_size_and_time_not_read(monkeypatch, tmp_path):
    """tqlint's own packs are trusted by size and modification time, as its code is (reading
    their YAML cost every cached check ~20 ms); a user's pack is read, so an edit that keeps
    both still changes the key."""
    import tqlint.cache.keys as keys

    own = tmp_path / "rules"
    write_pack(own / "house", "rules: []\n")
    monkeypatch.setattr(keys, "packs_root", lambda: str(own))
    rules = own / "house" / "rules.yaml"
    before = setup_fingerprint("c", [("house", own / "house")])
    stat = rules.stat()
    rules.write_text("rules: {}\n", encoding="utf-8")  # same size, same time: not read, not seen
    os.utime(rules, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert setup_fingerprint("c", [("house", own / "house")]) == before
    rules.write_text("rules: [] \n", encoding="utf-8")
    assert setup_fingerprint("c", [("house", own / "house")]) != before  # size (and time) changed

    user = write_pack(tmp_path / "user", "rules: []\n")
    user_rules = user / "rules.yaml"
    first = setup_fingerprint("c", [(str(user), user)])
    stat = user_rules.stat()
    user_rules.write_text("rules: {}\n", encoding="utf-8")  # same size
    os.utime(user_rules, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same time
    assert setup_fingerprint("c", [(str(user), user)]) != first


def test_key_changes_with_config_and_selection(test_config):
    base = setup_fingerprint_of(test_config)
    assert setup_fingerprint_of(test_config, select=("testpack/sua",)) != base
    assert setup_fingerprint_of(test_config, ignore=("testpack/sua",)) != base
    from dataclasses import replace

    assert setup_fingerprint_of(replace(test_config, rule_levels=(("testpack/sua", "off"),))) != base
    assert setup_fingerprint_of(replace(test_config, organisations=("Renault",))) != base


def test_no_stale_result_after_a_rule_change(tmp_path):
    from conftest import TEST_PACK

    pack = write_pack(tmp_path / "pk", TEST_PACK)
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    cache_dir = str(tmp_path / "cache")

    def run():
        return Linter(config=Config(packs=(str(pack),)), cache=ResultCache(cache_dir)).lint_file(str(article))

    assert any(f.rule.endswith("/sua") for f in run().findings)
    (pack / "rules.yaml").write_text(TEST_PACK.replace(r"pattern: '\bSUA\b'", r"pattern: '\bSUAX\b'"), encoding="utf-8")
    assert not any(f.rule.endswith("/sua") for f in run().findings)


# --- robustness ---------------------------------------------------------------------------

@pytest.mark.parametrize("garbage", [b"", b"{", b"\xff\xfe", b'{"format": 1}', b"[]", b"null"])
def test_a_corrupt_entry_is_a_miss_and_is_replaced(cached_linter, cache, tmp_path, garbage):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    expected = cached_linter.lint_file(str(article)).findings
    key = cached_linter.cache_key(ARTICLE, str(article))
    entry = cache._path(key)
    with open(entry, "wb") as handle:
        handle.write(garbage)
    assert cached_linter.lint_file(str(article)).findings == expected
    assert cache.get(key, str(article), ARTICLE).findings == expected  # rewritten, whole


def test_an_entry_for_another_key_is_not_served(cache, cached_linter, tmp_path):
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    cached_linter.lint_file(str(article))
    key = cached_linter.cache_key(ARTICLE, str(article))
    other = "0" * len(key)
    os.makedirs(os.path.dirname(cache._path(other)), exist_ok=True)
    os.replace(cache._path(key), cache._path(other))
    assert cache.get(other, str(article), ARTICLE) is None


def test_an_entry_whose_spans_do_not_fit_the_text_is_refused(cache):
    finding = Finding("r/x", "Fluency/Punctuation", Severity.ERROR, "m", 0, 3, "abc")
    cache.put("ab" * 20, FileResult("a.md", (finding,), text="abc"))
    assert cache.get("ab" * 20, "a.md", "abc") is not None
    assert cache.get("ab" * 20, "a.md", "xyz") is None


def test_results_with_failures_or_errors_are_not_stored(cache):
    cache.put("aa" * 20, FileResult("a.md", failures=("r: timed out",)))
    cache.put("bb" * 20, FileResult("a.md", error="binary file"))
    cache.put("cc" * 20, FileResult("a.md", internal_error=True))
    assert cache.writes == 0


def test_an_unwritable_cache_folder_is_ignored(tmp_path, test_config):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    cache = ResultCache(str(blocker / "cache"))
    linter = Linter(config=test_config, cache=cache)
    article = tmp_path / "a.md"
    article.write_text(ARTICLE, encoding="utf-8")
    assert linter.lint_file(str(article)).findings
    assert linter.lint_file(str(article)).findings
    assert cache.writes == 0


def test_two_writers_never_leave_a_partial_entry(cache):
    finding = Finding("r/x", "Fluency/Punctuation", Severity.ERROR, "m" * 5000, 0, 1, "a")
    result = FileResult("a.md", (finding,) * 20, text="a")
    key = "cd" * 20
    stop = threading.Event()
    errors = []

    def writer():
        while not stop.is_set():
            cache.put(key, result)

    def reader():
        for _ in range(300):
            got = cache.get(key, "a.md", "a")
            if got is not None and got.findings != result.findings:
                errors.append(got)

    threads = [threading.Thread(target=writer) for _ in range(2)]
    for t in threads:
        t.start()
    try:
        reader()
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors
    assert cache.get(key, "a.md", "a").findings == result.findings


def test_prune_keeps_the_newest_within_bounds(tmp_path, monkeypatch):
    monkeypatch.setitem(store.SECTIONS, "results", (10, 2**30))
    cache = ResultCache(str(tmp_path / "c"))
    for i in range(25):
        key = f"{i:02d}" * 20
        cache.put(key, FileResult("a.md", text=""))
        os.utime(cache._path(key), (1000 + i, 1000 + i))
    stale = os.path.join(os.path.dirname(cache._path("00" * 20)), ".x.tmp")
    open(stale, "w").close()
    os.utime(stale, (1, 1))
    cache.prune()
    left = sorted(int(name[:2]) for _, _, names in os.walk(cache.root) for name in names if name.endswith(".json"))
    assert len(left) == 8 and left == list(range(17, 25))
    assert not os.path.exists(stale)


def test_prune_bounds_bytes_too(tmp_path, monkeypatch):
    monkeypatch.setitem(store.SECTIONS, "results", (10_000, 2000))
    cache = ResultCache(str(tmp_path / "c"))
    finding = Finding("r/x", "Fluency/Punctuation", Severity.ERROR, "m" * 200, 0, 1, "a")
    for i in range(20):
        cache.put(f"{i:02d}" * 20, FileResult("a.md", (finding,), text="a"))
    cache.prune()
    total = sum(os.path.getsize(os.path.join(d, n)) for d, _, names in os.walk(cache.root) for n in names)
    assert total <= 2000


def test_maybe_prune_runs_only_after_writes(tmp_path, monkeypatch):
    monkeypatch.setitem(store.SECTIONS, "results", (1, 2**30))
    cache = ResultCache(str(tmp_path / "c"))
    cache.maybe_prune()
    assert not os.path.exists(os.path.join(cache.root, ".pruned"))
    cache.put("aa" * 20, FileResult("a.md", text=""))
    cache.put("bb" * 20, FileResult("a.md", text=""))
    cache.maybe_prune()
    assert os.path.exists(os.path.join(cache.root, ".pruned"))


# --- where it lives and how it is switched off ----------------------------------------------

def test_location(monkeypatch, tmp_path):
    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "x"))
    assert store.root() == str(tmp_path / "x")
    monkeypatch.delenv("TQLINT_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert store.root() == str(tmp_path / "xdg" / "tqlint")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert store.root() == str(tmp_path / "home" / ".cache" / "tqlint")
    assert ResultCache().root.endswith(f"results-v{FORMAT}")


def test_open_cache_switches(monkeypatch, tmp_path):
    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path))
    assert open_cache(False) is None
    assert isinstance(open_cache(True), ResultCache)
    monkeypatch.setenv("TQLINT_CACHE_DIR", "off")
    assert open_cache(True) is None


def _cli(args, cache_dir, cwd):
    from tqlint.cli import cli

    env = {"TQLINT_CACHE_DIR": str(cache_dir), "CI": "true"}
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(cli, args, env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


def _entries(cache_dir) -> int:
    """Result entries (the compiled packs and patterns kept beside them are not counted)."""
    return sum(1 for _, _, names in os.walk(cache_dir / f"results-v{FORMAT}") for n in names if n.endswith(".json"))


def test_cli_uses_the_cache_and_no_cache_leaves_it_alone(tmp_path, test_pack):
    work = tmp_path / "work"
    work.mkdir()
    (work / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\n", encoding="utf-8")
    (work / "a.md").write_text(ARTICLE, encoding="utf-8")
    cache_dir = tmp_path / "cache"
    first = _cli(["check", "a.md", "--no-cache"], cache_dir, work)
    assert _entries(cache_dir) == 0
    second = _cli(["check", "a.md"], cache_dir, work)
    assert _entries(cache_dir) == 1
    third = _cli(["check", "a.md"], cache_dir, work)
    assert first.output == second.output == third.output and first.exit_code == third.exit_code == 1
    assert not any(work.glob("**/*.json")), "nothing is written inside the article folder"


def test_fix_results_feed_the_next_check(tmp_path, test_pack):
    work = tmp_path / "work"
    work.mkdir()
    (work / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\n", encoding="utf-8")
    (work / "a.md").write_text("Rates rose , then fell.\n", encoding="utf-8")
    cache_dir = tmp_path / "cache"
    fixed = _cli(["fix", "a.md"], cache_dir, work)
    assert fixed.exit_code == 0, fixed.output
    assert (work / "a.md").read_text(encoding="utf-8") == "Rates rose, then fell.\n"
    before = _entries(cache_dir)
    checked = _cli(["check", "a.md"], cache_dir, work)
    assert checked.exit_code == 0 and _entries(cache_dir) == before


# --- rule packs and patterns kept between runs ------------------------------------------------

def _ids_and_hits(pack, text="Prices grew with 10 percent , said SUA officials.\n"):
    from tqlint.engine.context import LintContext
    from tqlint.text.document import plain_document

    doc = plain_document(text)
    return [(r.id, [(h.start, h.end, h.fixes) for h in r.matcher(doc, LintContext())]) for r in pack.rules]


def test_a_proven_pack_loads_from_the_cache_and_finds_the_same(tmp_path, monkeypatch):
    from conftest import TEST_PACK

    from tqlint.cache import packs as packcache
    from tqlint.packs.loader import load_pack
    from tqlint.packs.vocabularies import scope_for

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_pack(tmp_path / "pk", TEST_PACK)
    fresh = load_pack(folder)
    salt = scope_for(folder).digest()  # the stored tree has the vocabularies it may use expanded
    assert packcache.load(str(folder / "rules.yaml"), salt).proof is not None  # stored once proven
    again = load_pack(folder)
    assert _ids_and_hits(again) == _ids_and_hits(fresh)
    assert [(r.id, r.line, r.flag_examples, r.options) for r in again.rules] == \
        [(r.id, r.line, r.flag_examples, r.options) for r in fresh.rules]


def test_a_broken_pack_is_never_trusted(tmp_path, monkeypatch):
    from conftest import TEST_PACK

    from tqlint.packs.loader import load_pack
    from tqlint.yamlio import YamlError

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    broken = TEST_PACK.replace(r"pattern: '\bSUA\b'", r"pattern: '\bSUA(\b'")
    folder = write_pack(tmp_path / "pk", broken)
    for _ in range(2):
        with pytest.raises(YamlError, match=r"rules.yaml:\d+: rule 'sua': invalid regular expression"):
            load_pack(folder)


def test_a_damaged_pack_entry_means_parsing_again(tmp_path, monkeypatch):
    from conftest import TEST_PACK

    from tqlint.packs.loader import load_pack

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_pack(tmp_path / "pk", TEST_PACK)
    expected = _ids_and_hits(load_pack(folder))
    for entry in (tmp_path / "cache").glob("packs-v*/*.json"):
        entry.write_bytes(entry.read_bytes()[:50])
    assert _ids_and_hits(load_pack(folder)) == expected


def test_compiled_patterns_come_back_identical(tmp_path, monkeypatch):
    import regex

    from tqlint.cache import patterns as regexcache

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = r"(?i)(?P<verb>grew|rose)\s+with\b(?=\s+\d)|\p{Lu}{3,}"
    first = regexcache.compile_pattern(source, regex.VERSION0)
    regexcache._memory.clear()
    second = regexcache.compile_pattern(source, regex.VERSION0)
    assert first is not second and second.groupindex == first.groupindex and second.flags == first.flags
    for text in ["Prices ROSE with 10", "rose with none", "SUA and UE", "É"]:
        assert [m.span() for m in second.finditer(text)] == [m.span() for m in first.finditer(text)]


def test_a_damaged_pattern_entry_is_refused_not_run(tmp_path, monkeypatch):
    import regex

    from tqlint.cache import patterns as regexcache

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = r"grew\s+with\s+\d+"
    code = regexcache.compile_pattern(source, regex.VERSION0)._pickled_data[2]
    (entry,) = (tmp_path / "cache").glob("patterns-v*/*/*.rx")
    stored = bytearray(entry.read_bytes())
    at = stored.index(code) + 10
    stored[at] ^= 0x41  # a changed opcode: could crash C
    entry.write_bytes(bytes(stored))
    regexcache._memory.clear()
    assert regexcache.compile_pattern(source, regex.VERSION0).search("it grew with 5").span() == (3, 14)
    assert entry.read_bytes()[at] == code[10]  # refused, and stored afresh
    entry.write_text("{", encoding="utf-8")
    regexcache._memory.clear()
    assert regexcache.compile_pattern(source, regex.VERSION0).search("grew with 5")


def _fresh_process(regexcache):
    """What a new process starts from: no compiled pattern in memory, no merged file read."""
    regexcache._memory.clear()
    regexcache._hot.clear()


def test_a_process_reads_its_patterns_from_one_merged_file(tmp_path, monkeypatch):
    import regex

    from tqlint.cache import patterns as regexcache

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    sources = [r"(?i)\bfell\s+by\b", r"(?P<n>\d+)\s+per\s+cent", r"\p{Lu}\p{Ll}+\s+said"]
    first = [regexcache.compile_pattern(source, regex.VERSION0) for source in sources]
    regexcache.write_merged()  # what the exit hook does
    (merged,) = (tmp_path / "cache").glob("patterns-v*/hot-*.rxs")
    for entry in (tmp_path / "cache").glob("patterns-v*/*/*.rx"):
        entry.unlink()  # the next process needs none of them
    _fresh_process(regexcache)
    again = [regexcache.compile_pattern(source, regex.VERSION0) for source in sources]
    text = "Sales fell by 5 per cent, Smith said."
    for old, new in zip(first, again):
        assert old is not new and new.groupindex == old.groupindex
        assert [m.span() for m in new.finditer(text)] == [m.span() for m in old.finditer(text)]
    assert not list((tmp_path / "cache").glob("patterns-v*/*/*.rx"))
    assert merged.exists()


def test_a_damaged_merged_file_is_refused_not_run(tmp_path, monkeypatch):
    import regex

    from tqlint.cache import patterns as regexcache

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    source = r"rose\s+to\s+\d+"
    code = regexcache.compile_pattern(source, regex.VERSION0)._pickled_data[2]
    regexcache.write_merged()
    (merged,) = (tmp_path / "cache").glob("patterns-v*/hot-*.rxs")
    stored = bytearray(merged.read_bytes())
    stored[stored.index(code) + 10] ^= 0x41  # a changed opcode: could crash C
    merged.write_bytes(bytes(stored))
    _fresh_process(regexcache)
    assert regexcache.compile_pattern(source, regex.VERSION0).search("it rose to 7").span() == (3, 12)
    for junk in (b"", b"{", marshal.dumps([1, 2]), marshal.dumps({(source, int(regex.VERSION0)): 5})):
        merged.write_bytes(junk)
        _fresh_process(regexcache)
        assert regexcache.compile_pattern(source, regex.VERSION0).search("it rose to 7")


def test_the_exit_hook_never_makes_a_folder_that_went(tmp_path, monkeypatch):
    import shutil

    import regex

    from tqlint.cache import patterns as regexcache

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    regexcache.compile_pattern(r"slid\s+\d+", regex.VERSION0)
    shutil.rmtree(tmp_path / "cache")
    regexcache.write_merged()
    assert not (tmp_path / "cache").exists()


def test_invalid_patterns_still_raise(tmp_path, monkeypatch):
    import regex

    from tqlint.cache import patterns as regexcache

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    with pytest.raises(regex.error):
        regexcache.compile_pattern("(unclosed", 0)


def test_cache_dir_off_writes_nothing(tmp_path, monkeypatch):
    import regex
    from conftest import TEST_PACK

    from tqlint.cache import patterns as regexcache
    from tqlint.packs.loader import load_pack

    monkeypatch.setenv("TQLINT_CACHE_DIR", "off")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    load_pack(write_pack(tmp_path / "pk", TEST_PACK))
    regexcache.compile_pattern(r"x\d+y", regex.VERSION0)
    assert not (tmp_path / "home").exists()


def test_prune_covers_the_side_caches(tmp_path, monkeypatch):
    monkeypatch.setitem(store.SECTIONS, "patterns", (5, 2**30))
    side = tmp_path / "c" / "patterns-v1" / "ab"
    side.mkdir(parents=True)
    for i in range(12):
        (side / f"{i:02d}.json").write_text("{}")
        os.utime(side / f"{i:02d}.json", (100 + i, 100 + i))
    ResultCache(str(tmp_path / "c")).prune()
    assert sorted(p.name for p in side.iterdir()) == ["08.json", "09.json", "10.json", "11.json"]


def test_a_warm_start_parses_no_yaml(tmp_path, test_pack):
    """Configs, pack.yaml files and proven rule files all come from the parse cache."""
    import subprocess
    import sys

    work = tmp_path / "work"
    work.mkdir()
    (work / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\n", encoding="utf-8")
    (work / "a.md").write_text(ARTICLE, encoding="utf-8")
    probe = ("import sys, tqlint.cli; from tqlint.api import Linter; "
             "r = Linter().lint_file('a.md'); print('yaml' in sys.modules, len(r.findings))")
    env = dict(os.environ, TQLINT_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    outputs = [subprocess.run([sys.executable, "-c", probe], cwd=work, env=env, capture_output=True,
                              text=True, check=True).stdout.split() for _ in range(2)]
    assert outputs[0][0] == "True" and outputs[1][0] == "False"
    assert outputs[0][1] == outputs[1][1] != "0"


def test_two_runs_sharing_the_cache_agree(tmp_path, test_pack):
    """Two processes filling the same cache at once, then a third reading it: same reports."""
    import subprocess
    import sys

    work = tmp_path / "work"
    work.mkdir()
    (work / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\n", encoding="utf-8")
    for i in range(60):
        (work / f"a{i:02d}.md").write_text(ARTICLE.replace("10", str(i)) * (1 + i % 4), encoding="utf-8")
    env = dict(os.environ, TQLINT_CACHE_DIR=str(tmp_path / "cache"), CI="true",
               PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    command = [sys.executable, "-m", "tqlint", "check", ".", "-j", "2"]
    expected = subprocess.run(command + ["--no-cache"], cwd=work, env=env, capture_output=True, text=True).stdout
    racing = [subprocess.Popen(command, cwd=work, env=env, stdout=subprocess.PIPE, text=True) for _ in range(2)]
    outputs = [p.communicate(timeout=120)[0] for p in racing]
    outputs.append(subprocess.run(command, cwd=work, env=env, capture_output=True, text=True).stdout)
    assert outputs == [expected] * 3
    assert _entries(tmp_path / "cache") == 60


def test_no_stale_result_after_a_config_change(tmp_path, test_pack):
    work = tmp_path / "work"
    work.mkdir()
    config = work / ".tqlint.yaml"
    config.write_text(f"packs: [{test_pack}]\n", encoding="utf-8")
    (work / "a.md").write_text(ARTICLE, encoding="utf-8")
    cache_dir = tmp_path / "cache"
    assert "[testpack/sua]" in _cli(["check", "a.md"], cache_dir, work).output
    config.write_text(f"packs: [{test_pack}]\nignore: [testpack/sua]\n", encoding="utf-8")
    assert "[testpack/sua]" not in _cli(["check", "a.md"], cache_dir, work).output
    assert "[testpack/spaced-comma]" not in _cli(["check", "a.md", "--ignore", "testpack/spaced-comma"],
                                                  cache_dir, work).output
    assert "[testpack/spaced-comma]" in _cli(["check", "a.md"], cache_dir, work).output


def test_a_tampered_pack_entry_cannot_crash_the_run(tmp_path, monkeypatch):
    """An entry whose rule no longer compiles (edited by hand, say) costs that rule, not the run."""
    from conftest import TEST_PACK

    from tqlint.engine.run import lint_document
    from tqlint.packs.loader import load_pack
    from tqlint.packs.ruleset import ActiveRule, RuleSet
    from tqlint.text.readers import read_document

    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_pack(tmp_path / "pk", TEST_PACK)
    load_pack(folder)
    (entry,) = [e for e in (tmp_path / "cache").glob("packs-v*/*.json") if "SUA" in e.read_text(encoding="utf-8")]
    text = entry.read_text(encoding="utf-8")
    assert "\\\\bSUA\\\\b" in text
    entry.write_text(text.replace("\\\\bSUA\\\\b", "\\\\bSUA(\\\\b"), encoding="utf-8")
    pack = load_pack(folder)
    ruleset = RuleSet(tuple(ActiveRule(r, r.severity) for r in pack.rules), (pack,))
    findings, failures = lint_document(read_document("Rates rose , SUA said.", "text"), ruleset)
    assert [f.rule for f in failures] == ["pk/sua"] and "could not be compiled" in failures[0].message
    assert any(f.rule == "pk/spaced-comma" for f in findings)


def test_kind_imports_leave_regex_compile_as_it_was():
    """Kinds compile their patterns through tqlint.cache.patterns explicitly; importing one
    never swaps a function of the regex module."""
    import sys

    import regex

    original = regex.compile
    sys.modules.pop("tqlint.kinds.repetition", None)
    from tqlint.kinds import load_kind

    module = load_kind("repetition")
    assert regex.compile is original
    assert module._WORD.findall("Two words") == ["Two", "words"]


def test_the_command_leaves_its_merged_pattern_file(tmp_path, test_pack):
    """The command leaves by os._exit (no interpreter teardown), which runs no atexit hook: it
    writes the merged pattern file itself, so the next cold check reads one file."""
    import subprocess
    import sys

    work = tmp_path / "work"
    work.mkdir()
    (work / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\n", encoding="utf-8")
    (work / "a.md").write_text(ARTICLE, encoding="utf-8")
    env = dict(os.environ, TQLINT_CACHE_DIR=str(tmp_path / "cache"),
               PYTHONPATH=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    subprocess.run([sys.executable, "-m", "tqlint", "check", "--no-cache", "a.md"], cwd=work, env=env,
                   capture_output=True, check=False)
    (merged,) = (tmp_path / "cache").glob("patterns-v*/hot-*.rxs")
    assert marshal.loads(merged.read_bytes())  # the patterns that run compiled
