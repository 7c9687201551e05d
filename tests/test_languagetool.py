"""LanguageTool through language-tool-python, against a stand-in server that speaks LanguageTool's
HTTP protocol on 127.0.0.1 (tests/lt_standin.py), and against a real one when TQLINT_LT_SERVER
names it. Nothing here reaches beyond this machine: the local-LanguageTool tests replace the
download and the Java check, and a socket guard fails any test that tries to connect elsewhere."""

from __future__ import annotations

import json
import os
import socket
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parent))

from lt_standin import StandIn  # noqa: E402

from tqlint.cli import cli  # noqa: E402

ARTICLE = textwrap.dedent("""\
    ---
    slug: teh-headline
    ---
    # Talks

    Officials said they would recieve a answer soon. See `teh` and [the goverment](https://example.org/teh).

    The eventual minister said he go to Brussels , then left.
    """)


def _run(args, cwd=None):
    runner = CliRunner()
    if cwd is not None:
        old = os.getcwd()
        os.chdir(cwd)
    try:
        return runner.invoke(cli, args, catch_exceptions=False)
    finally:
        if cwd is not None:
            os.chdir(old)


def _config(folder: Path, test_pack, **lt) -> Path:
    lines = [f"packs: [{test_pack}]", "source-languages: [ro, fr]", "languagetool:", "  enabled: true"]
    lines += [f"  {key.replace('_', '-')}: {json.dumps(value)}" for key, value in lt.items()]
    path = folder / ".tqlint.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _findings(output: str) -> list[dict]:
    return [f for file in json.loads(output)["files"] for f in file.get("findings", [])]


@pytest.fixture(autouse=True)
def own_cache_dir(tmp_path, monkeypatch):
    """Each test starts with an empty results cache of its own."""
    monkeypatch.setenv("TQLINT_CACHE_DIR", str(tmp_path / "tqlint-cache"))


@pytest.fixture
def server():
    with StandIn() as standin:
        yield standin


@pytest.fixture
def article(tmp_path, test_pack):
    _config(tmp_path, test_pack)
    path = tmp_path / "article.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


@pytest.fixture
def no_outside_network(monkeypatch):
    """Fail the test on any connection that does not go to this machine's loopback."""
    real_connect = socket.socket.connect
    attempts = []

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else address
        if not (isinstance(host, str) and (host.startswith("127.") or host in ("::1", "localhost"))):
            attempts.append(address)
            raise AssertionError(f"network connection attempted: {address!r}")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    return attempts


# --- nothing touches the network unless configured -------------------------------------------


def test_default_config_opens_no_socket(monkeypatch, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError(f"socket connection attempted with the default config: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    path = tmp_path / "a.md"
    path.write_text("I recieve a apple , he go home.\n", encoding="utf-8")
    result = _run(["check", "--no-config", "--format", "json", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert not any(f["rule"].startswith("languagetool/") for f in _findings(result.output))
    from tqlint.api import Linter

    linter = Linter(no_config=True)
    linter.lint_text("The actual minister recieve it.", "x.md")
    assert linter._lt_runner is None  # not even created


def test_languagetool_off_unless_enabled(tmp_path, test_pack, server):
    (tmp_path / ".tqlint.yaml").write_text(f"packs: [{test_pack}]\nlanguagetool:\n  server: {server.url}\n", encoding="utf-8")
    (tmp_path / "a.txt").write_text("I recieve it.\n", encoding="utf-8")
    result = _run(["check", "--format", "json", str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.output
    assert server.requests == []


# --- end to end through the CLI ----------------------------------------------------------------


def test_check_json_end_to_end(article, server):
    result = _run(["check", "--format", "json", str(article), "--languagetool-server", server.url])
    assert result.exit_code == 1, result.output  # LanguageTool's spelling/grammar are warnings
    findings = _findings(result.output)
    by_rule = {f["rule"]: f for f in findings}
    text = article.read_text(encoding="utf-8")

    spelling = [f for f in findings if f["rule"] == "languagetool/MORFOLOGIK_RULE_EN_US"]
    # front matter, inline code and the URL never went to LanguageTool: only prose "recieve" and
    # the link text "goverment" come back
    assert sorted(f["text"] for f in spelling) == ["goverment", "recieve"]
    for f in findings:  # offsets point into the file on disk
        assert text[f["start"]["offset"]:f["end"]["offset"]] == f["text"]
    recieve = next(f for f in spelling if f["text"] == "recieve")
    assert (recieve["start"]["line"], recieve["start"]["column"]) == (6, 27)
    assert recieve["category"] == "Fluency/Spelling"
    assert recieve["severity"] == "warning"
    assert recieve["fixes"][0]["safe"] is False
    assert recieve["fixes"][0]["title"] == "Replace 'recieve' with 'receive'"

    goverment = next(f for f in spelling if f["text"] == "goverment")  # link text is prose
    edit = goverment["fixes"][0]["edits"][0]
    fixed = text[:edit["start"]] + edit["replacement"] + text[edit["end"]:]
    assert "[the government](https://example.org/teh)" in fixed

    assert by_rule["languagetool/EN_A_VS_AN"]["category"] == "Fluency/Spelling"  # issueType misspelling
    assert by_rule["languagetool/HE_VERB_AGR"]["category"] == "Fluency/Grammar"
    assert by_rule["languagetool/HE_VERB_AGR"]["text"] == "go"
    # source-languages: [ro, fr] → motherTongue ro → LanguageTool's false-friend rules
    assert by_rule["languagetool/EVENTUAL_FALSE_FRIEND"]["category"] == "Accuracy/Mistranslation"
    assert server.checks[0]["motherTongue"] == "ro"
    assert server.checks[0]["language"] == "en-US"

    # de-duplication: the space before the comma is tqlint's (testpack/spaced-comma), not LanguageTool's too
    assert "testpack/spaced-comma" in by_rule
    assert "languagetool/COMMA_PARENTHESIS_WHITESPACE" not in by_rule
    # what was sent: the prose view only
    sent = server.checks[0]["text"]
    assert "title:" not in sent and "example.org" not in sent and "`" not in sent
    assert server.requests.count(("GET", "/v2/languages")) == 1
    assert server.requests.count(("POST", "/v2/check")) == 1


def test_text_output_and_replacements_capped(tmp_path, test_pack, server):
    _config(tmp_path, test_pack)
    path = tmp_path / "a.txt"
    path.write_text("We drank teh tea.\n", encoding="utf-8")
    result = _run(["check", "--format", "json", str(path), "--languagetool-server", server.url])
    finding = next(f for f in _findings(result.output) if f["rule"] == "languagetool/MORFOLOGIK_RULE_EN_US")
    assert len(finding["fixes"]) == 3  # LanguageTool offered five: the best three, in its order
    assert [fix["title"] for fix in finding["fixes"]] == [
        "Replace 'teh' with 'the'", "Replace 'teh' with 'tea'", "Replace 'teh' with 'ten'"]
    text = _run(["check", str(path), "--languagetool-server", server.url]).output
    assert "[languagetool/MORFOLOGIK_RULE_EN_US] Possible spelling mistake found." in text
    assert "(unsafe: review before applying) (+2 more)" in text


def test_flag_without_url_uses_configured_server(tmp_path, test_pack, server):
    (tmp_path / ".tqlint.yaml").write_text(
        f"packs: [{test_pack}]\nlanguagetool:\n  server: {server.url}\n  language: en-GB\n", encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("I recieve it.\n", encoding="utf-8")
    result = _run(["check", "--format", "json", str(path), "--languagetool"])
    assert [f["rule"] for f in _findings(result.output)] == ["languagetool/MORFOLOGIK_RULE_EN_US"]
    assert server.checks[0]["language"] == "en-GB"
    assert "motherTongue" not in server.checks[0]  # no source-languages configured


def test_settings_reach_languagetool(tmp_path, test_pack, server):
    _config(tmp_path, test_pack, disabled_rules=["EN_A_VS_AN"], disabled_categories=["TYPOS"],
            enabled_categories=["STYLE"], picky=True, server=server.url)
    path = tmp_path / "a.txt"
    path.write_text("I recieve a apple, a very unique one.\n", encoding="utf-8")
    result = _run(["check", "--format", "json", str(path)])
    assert result.exit_code == 0, result.output  # only the picky style rule fires: info
    assert [f["rule"] for f in _findings(result.output)] == ["languagetool/VERY_UNIQUE"]
    sent = server.checks[0]
    assert sent["disabledRules"] == "EN_A_VS_AN"
    assert sent["disabledCategories"] == "TYPOS"
    assert sent["enabledCategories"] == "STYLE"
    assert sent["level"] == "picky"
    assert _findings(result.output)[0]["category"] == "Style/Awkward"


def test_fix_applies_languagetool_replacements_only_when_unsafe(tmp_path, test_pack, server):
    _config(tmp_path, test_pack, server=server.url)
    path = tmp_path / "a.txt"
    path.write_text("I recieve it , he said.\n", encoding="utf-8")
    result = _run(["fix", str(path)])
    assert path.read_text(encoding="utf-8") == "I recieve it, he said.\n"  # the safe tqlint fix only
    assert result.exit_code == 1
    result = _run(["fix", "--unsafe-fixes", str(path)])
    assert path.read_text(encoding="utf-8") == "I receive it, he said.\n"
    assert result.exit_code == 0, result.output


def test_fix_with_unreachable_server_exits_2_after_safe_fixes(tmp_path, test_pack):
    _config(tmp_path, test_pack, server=f"http://127.0.0.1:{_closed_port()}")
    paths = _three_files(tmp_path)
    result = _run(["fix", *paths])
    assert result.exit_code == 2, result.output
    assert [line for line in result.output.splitlines() if "languagetool:" in line][0].endswith("(3 files)")
    for path in paths:  # tqlint's own safe fixes were still applied
        assert Path(path).read_text(encoding="utf-8") == "Rates rose, then fell.\n"


def test_stdin(tmp_path, test_pack, server):
    _config(tmp_path, test_pack, server=server.url)
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = runner.invoke(cli, ["check", "--format", "json", "--stdin-filename", "story.md", "-"],
                               input="They *recieve* it.\n")
    finally:
        os.chdir(old)
    assert result.exit_code == 1, result.output
    (finding,) = _findings(result.stdout)
    assert (finding["rule"], finding["text"], finding["start"]["offset"]) == ("languagetool/MORFOLOGIK_RULE_EN_US", "recieve", 6)


def test_offsets_after_astral_characters(tmp_path, test_pack, server):
    """LanguageTool counts UTF-16 code units; tqlint counts code points."""
    _config(tmp_path, test_pack, server=server.url)
    path = tmp_path / "a.md"
    path.write_text("Fans \U0001F600\U0001F600 cheered: \U0001F600 wow, they recieve it.\n", encoding="utf-8")
    result = _run(["check", "--format", "json", str(path)])
    texts = {f["rule"]: f["text"] for f in _findings(result.output)}
    assert texts["languagetool/EMOJI_TEST"] == "wow"
    assert texts["languagetool/MORFOLOGIK_RULE_EN_US"] == "recieve"


def test_suppressions_levels_and_selection(tmp_path, test_pack, server):
    path = tmp_path / "a.md"
    path.write_text("I recieve it.\n\n<!-- tqlint-disable-next-line languagetool -->\nHe go home.\n", encoding="utf-8")
    _config(tmp_path, test_pack, server=server.url)
    rules = [f["rule"] for f in _findings(_run(["check", "--format", "json", str(path)]).output)]
    assert rules == ["languagetool/MORFOLOGIK_RULE_EN_US"]

    config = tmp_path / ".tqlint.yaml"
    config.write_text(config.read_text() + "rules:\n  languagetool/MORFOLOGIK_RULE_EN_US: off\n  languagetool: error\n")
    (tmp_path / "b.txt").write_text("I recieve a apple.\n", encoding="utf-8")
    found = _findings(_run(["check", "--format", "json", str(tmp_path / "b.txt")]).output)
    assert [(f["rule"], f["severity"]) for f in found] == [("languagetool/EN_A_VS_AN", "error")]

    before = len(server.checks)
    result = _run(["check", "--format", "json", "--select", "testpack", str(tmp_path / "b.txt")])
    assert _findings(result.output) == []
    assert len(server.checks) == before  # not selected: LanguageTool is not even asked
    result = _run(["check", "--format", "json", "--ignore", "languagetool", str(tmp_path / "b.txt")])
    assert len(server.checks) == before
    result = _run(["check", "--format", "json", "--select", "languagetool/EN_A_VS_AN", str(tmp_path / "b.txt")])
    assert [f["rule"] for f in _findings(result.output)] == ["languagetool/EN_A_VS_AN"]


# --- one session per run, answers memoised ------------------------------------------------------


def test_same_content_costs_one_request(test_config, server):
    from dataclasses import replace

    from tqlint.api import Linter

    config = replace(test_config, languagetool={"enabled": True, "server": server.url})
    linter = Linter(config=config)
    first = linter.lint_text("I recieve it.", "a.txt")
    second = linter.lint_text("I recieve it.", "b.txt")
    assert first.findings == second.findings and first.findings
    assert server.requests.count(("POST", "/v2/check")) == 1
    # the same prose inside different markup is the same request
    linter.lint_text("I **recieve** it.", "c.md")
    assert server.requests.count(("POST", "/v2/check")) == 1
    linter.lint_text("I recieve it today.", "d.txt")
    assert server.requests.count(("POST", "/v2/check")) == 2
    assert server.requests.count(("GET", "/v2/languages")) == 1


def test_unchanged_file_costs_nothing_next_run(tmp_path, test_pack, server):
    """Across runs the results cache answers: an unchanged file is not sent again, a changed one
    is, and so is every file once the LanguageTool settings change (they are in the cache key)."""
    pytest.importorskip("tqlint.cache")
    _config(tmp_path, test_pack, server=server.url)
    path = tmp_path / "a.txt"
    path.write_text("They recieve it.\n", encoding="utf-8")
    first = _run(["check", "--format", "json", str(path)])
    assert server.requests.count(("POST", "/v2/check")) == 1
    second = _run(["check", "--format", "json", str(path)])
    assert server.requests.count(("POST", "/v2/check")) == 1
    assert _findings(second.stdout) == _findings(first.stdout)
    _config(tmp_path, test_pack, server=server.url, picky=True)
    _run(["check", "--format", "json", str(path)])
    assert server.requests.count(("POST", "/v2/check")) == 2
    path.write_text("They recieve it twice.\n", encoding="utf-8")
    _run(["check", "--format", "json", str(path)])
    assert server.requests.count(("POST", "/v2/check")) == 3


def test_run_answered_from_cache_never_reaches_languagetool(tmp_path, test_pack, server):
    pytest.importorskip("tqlint.cache")
    _config(tmp_path, test_pack, server=server.url)
    for i in range(20):
        (tmp_path / f"a{i:02}.txt").write_text(f"Story {i}: they recieve it.\n", encoding="utf-8")
    first = _run(["check", "--format", "json", "--jobs", "2", str(tmp_path)])
    seen = len(server.requests)
    assert seen == 21  # one /v2/languages, twenty /v2/check
    second = _run(["check", "--format", "json", "--jobs", "2", str(tmp_path)])
    assert len(server.requests) == seen  # not even /v2/languages
    assert json.loads(second.stdout)["files"] == json.loads(first.stdout)["files"]


def test_failed_runs_are_not_cached(tmp_path, test_pack):
    pytest.importorskip("tqlint.cache")
    paths = _three_files(tmp_path)
    _config(tmp_path, test_pack)
    url = f"http://127.0.0.1:{_closed_port()}"
    assert _run(["check", *paths, "--languagetool-server", url]).exit_code == 2
    assert _run(["check", *paths, "--languagetool-server", url]).exit_code == 2  # not a cached "clean"


def test_many_files_in_parallel_share_one_session(tmp_path, test_pack, server):
    _config(tmp_path, test_pack, server=server.url)
    for i in range(20):
        (tmp_path / f"a{i:02}.txt").write_text(f"Story {i}: they recieve it.\n", encoding="utf-8")
    result = _run(["check", "--format", "json", "--jobs", "2", str(tmp_path)])
    data = json.loads(result.output)
    assert len(data["files"]) == 20
    assert all(any(f["rule"] == "languagetool/MORFOLOGIK_RULE_EN_US" for f in file["findings"]) for file in data["files"])
    assert server.requests.count(("GET", "/v2/languages")) == 1
    assert server.requests.count(("POST", "/v2/check")) == 20


def test_cache_key_covers_languagetool_settings(tmp_path, test_pack):
    from tqlint.api import Linter

    config = _config(tmp_path, test_pack)
    plain = Linter(config_path=str(config)).config_for(str(tmp_path / "a.md")).fingerprint()
    overridden = Linter(config_path=str(config), languagetool="http://127.0.0.1:1").config_for(str(tmp_path / "a.md"))
    assert overridden.languagetool["server"] == "http://127.0.0.1:1"
    assert overridden.fingerprint() != plain
    _config(tmp_path, test_pack, language="en-GB")
    assert Linter(config_path=str(config)).config_for(str(tmp_path / "a.md")).fingerprint() != plain
    config.write_text(f"packs: [{test_pack}]\n", encoding="utf-8")  # LanguageTool not enabled
    key_a = Linter(config_path=str(config)).cache_key("text", str(tmp_path / "a.md"))
    key_b = Linter(config_path=str(config), languagetool="").cache_key("text", str(tmp_path / "a.md"))
    assert key_a != key_b


# --- failure is loud and contained ------------------------------------------------------------


def _three_files(tmp_path):
    paths = []
    for name in ("a.txt", "b.txt", "c.txt"):
        path = tmp_path / name
        path.write_text("Rates rose , then fell.\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def _closed_port() -> int:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    return port


def _assert_failed_once(result, needle: str, files: int = 3):
    assert result.exit_code == 2, result.output
    lines = [line for line in result.output.splitlines() if "languagetool:" in line]
    assert len(lines) == 1, result.output  # one line for the run, not one per file
    assert needle in lines[0]
    assert f"({files} files)" in lines[0]
    # tqlint's own rules still reported on every file
    assert result.output.count("[testpack/spaced-comma]") == files
    return lines[0]


def test_unreachable_server(tmp_path, test_pack, no_outside_network):
    _config(tmp_path, test_pack)
    url = f"http://127.0.0.1:{_closed_port()}"
    line = _assert_failed_once(_run(["check", *_three_files(tmp_path), "--languagetool-server", url]),
                               f"could not reach the LanguageTool server at {url} (Connection refused)")
    assert "start it, or fix `languagetool: server:`" in line
    result = _run(["check", "--format", "json", *_three_files(tmp_path), "--languagetool-server", url])
    assert result.exit_code == 2
    assert result.stderr.count("tqlint: check not run: languagetool: could not reach") == 1
    for file in json.loads(result.stdout)["files"]:
        assert file["rule_errors"][0].startswith("languagetool: could not reach")
        assert [f["rule"] for f in file["findings"]] == ["testpack/spaced-comma"]


@pytest.mark.parametrize("mode, needle", [
    ("html", "gave an answer tqlint cannot use (It works!)"),
    ("wrong-json", "gave an answer tqlint cannot use"),
    ("http-500", "gave an answer tqlint cannot use (Error: Internal Error"),
])
def test_server_answering_garbage(tmp_path, test_pack, mode, needle):
    _config(tmp_path, test_pack)
    with StandIn(mode=mode) as server:
        line = _assert_failed_once(_run(["check", *_three_files(tmp_path), "--languagetool-server", server.url]), needle)
    assert "base URL (e.g. http://localhost:8081, without /v2)" in line


def test_server_breaking_mid_run(tmp_path, test_pack):
    """/v2/languages answers, /v2/check sends broken JSON: the run stops asking after the first."""
    _config(tmp_path, test_pack)
    with StandIn(check_mode="garbage") as server:
        _assert_failed_once(_run(["check", *_three_files(tmp_path), "--languagetool-server", server.url]),
                            "gave an answer tqlint cannot use")
        assert len(server.checks) == 1


def test_slow_server_times_out(tmp_path, test_pack):
    _config(tmp_path, test_pack, timeout=0.3)
    with StandIn(mode="slow", delay=1.0) as server:
        _assert_failed_once(_run(["check", *_three_files(tmp_path), "--languagetool-server", server.url]),
                            "(no answer within 0.3 s)")


def test_unknown_language(tmp_path, test_pack, server):
    _config(tmp_path, test_pack, language="xx-YY")
    _assert_failed_once(_run(["check", *_three_files(tmp_path), "--languagetool-server", server.url]),
                        "does not know the language 'xx-YY'")


def test_no_java_for_a_local_languagetool(tmp_path, test_pack, monkeypatch, no_outside_network):
    import shutil

    real_which = shutil.which
    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: None if name == "java" else real_which(name, *a, **k))
    _config(tmp_path, test_pack)
    line = _assert_failed_once(_run(["check", *_three_files(tmp_path), "--languagetool"]), "Java was not found")
    assert "install Java 17+" in line and "--languagetool-server URL" in line
    assert no_outside_network == []


def test_old_java(tmp_path, test_pack, monkeypatch):
    import shutil
    import subprocess

    monkeypatch.setattr(shutil, "which", lambda name, *a, **k: "/usr/bin/java")

    class Done:
        stdout, stderr = "", 'openjdk version "11.0.2" 2019-01-15\n'

    monkeypatch.setattr(subprocess, "run", lambda *a, **k: Done())
    _config(tmp_path, test_pack)
    _assert_failed_once(_run(["check", *_three_files(tmp_path), "--languagetool"]),
                        "Java 11 was found, but LanguageTool needs Java 17 or newer")


def test_local_languagetool_cannot_be_downloaded(tmp_path, test_pack, monkeypatch, no_outside_network):
    import requests
    from language_tool_python import download_lt

    import tqlint.engines.languagetool.client as lt

    monkeypatch.setenv("LTP_PATH", str(tmp_path / "lt-downloads"))  # nothing installed there
    monkeypatch.delenv("LTP_JAR_DIR_PATH", raising=False)
    monkeypatch.setattr(lt, "_java_problem", lambda: None)
    monkeypatch.setattr(download_lt, "confirm_java_compatibility", lambda *a, **k: None)

    def offline(url, *args, **kwargs):
        raise requests.ConnectionError(f"Failed to resolve host for {url} (offline test)")

    monkeypatch.setattr(download_lt.requests, "get", offline)
    _config(tmp_path, test_pack)
    line = _assert_failed_once(_run(["check", *_three_files(tmp_path), "--languagetool"]),
                               "LanguageTool is not installed here and could not be downloaded")
    assert "on a connected machine" in line
    assert no_outside_network == []


def test_local_languagetool_started_once_per_run(tmp_path, test_pack, monkeypatch, server, no_outside_network):
    """Without a server, language-tool-python starts a local LanguageTool: here its start is
    replaced by pointing the client at the stand-in, so the rest of the local path runs for real."""
    import language_tool_python

    import tqlint.engines.languagetool.client as lt

    starts = []

    def fake_start(self):
        starts.append(self)
        self._url = server.url + "/v2/"

    monkeypatch.setattr(lt, "_java_problem", lambda: None)
    monkeypatch.setattr(language_tool_python.LanguageTool, "_start_server_on_free_port", fake_start)
    _config(tmp_path, test_pack)
    paths = _three_files(tmp_path)
    for path in paths:
        Path(path).write_text("They recieve it , then leave.\n", encoding="utf-8")
    result = _run(["check", "--format", "json", *paths, "--languagetool"])
    assert result.exit_code == 1, result.output
    rules = [f["rule"] for f in _findings(result.output)]
    assert rules.count("languagetool/MORFOLOGIK_RULE_EN_US") == 3
    assert len({id(client) for client in starts}) == 1  # one LanguageTool for the run
    assert server.requests.count(("POST", "/v2/check")) == 1  # three files, one text


@pytest.mark.parametrize("url", ["localhost:8081", "http://", "https:///v2", "http://[::1", "http://host:80x",
                                 "http://host:99999"])
def test_bad_languagetool_url_on_the_command_line(tmp_path, url):
    path = tmp_path / "a.txt"
    path.write_text("x\n", encoding="utf-8")
    result = _run(["check", "--languagetool-server", url, str(path)])
    assert result.exit_code == 2  # a usage error, not "the server gave an answer tqlint cannot use"
    assert "--languagetool-server takes a URL starting with http://" in result.output
    assert "answer" not in result.output


def test_languagetool_flag_takes_no_value(tmp_path, server):
    """`--languagetool a.md` used to read a.md as the URL ("Missing argument 'PATHS...'")."""
    path = tmp_path / "a.md"
    path.write_text("Their is a problem.\n", encoding="utf-8")
    (tmp_path / ".tqlint.yaml").write_text(f"languagetool:\n  server: {server.url}\n", encoding="utf-8")
    result = _run(["check", "--format", "json", "--languagetool", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert server.requests.count(("POST", "/v2/check")) == 1


# --- configuration ---------------------------------------------------------------------------


@pytest.mark.parametrize("body, message", [
    ("languagetool:\n  enabled: true\n  sever: http://x\n", ":3: languagetool: unknown key 'sever' (did you mean 'server'?)"),
    ("languagetool:\n  enabled: yes please\n", ":2: languagetool: `enabled` must be true or false"),
    ("languagetool:\n  server: localhost:8081\n", ":2: languagetool: `server` must be a URL starting with http://"),
    ("languagetool:\n  server: 'http://[::1'\n", ":2: languagetool: `server` must be a URL starting with http://"),
    ("languagetool:\n  language: English\n", ":2: languagetool: `language` must be a language code"),
    ("languagetool:\n  disabled-rules: 3\n", ":2: languagetool: `disabled-rules` must be a list"),
    ("languagetool:\n  timeout: -1\n", ":2: languagetool: `timeout` must be a number of seconds"),
    ("languagetool: true\n", ":1: `languagetool` must be a mapping"),
])
def test_config_errors_name_file_and_line(tmp_path, body, message):
    from tqlint.config import load_config
    from tqlint.yamlio import YamlError

    path = tmp_path / ".tqlint.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(YamlError) as info:
        load_config(str(path))
    assert str(info.value) == f"{path}{message}" or str(info.value).startswith(f"{path}{message}")


def test_valid_config(tmp_path):
    from tqlint.config import load_config
    from tqlint.engines.languagetool.settings import settings_for

    path = tmp_path / ".tqlint.yaml"
    path.write_text(textwrap.dedent("""\
        source-languages: [fr]
        languagetool:
          enabled: true
          server: https://lt.example.net/
          language: en-GB
          disabled-rules: [WHITESPACE_RULE, EN_QUOTES]
          enabled-categories: STYLE
          disabled-categories: [TYPOS]
          picky: true
          timeout: 10
        """), encoding="utf-8")
    settings = settings_for(load_config(str(path)))
    assert settings.server == "https://lt.example.net/"
    assert settings.language == "en-GB"
    assert settings.mother_tongues == ("fr",)
    assert settings.disabled_rules == ("EN_QUOTES", "WHITESPACE_RULE")
    assert settings.enabled_categories == ("STYLE",)
    assert settings.picky and settings.timeout == 10


# --- units -----------------------------------------------------------------------------------


@pytest.mark.parametrize("category, issue, expected", [
    ("TYPOS", "misspelling", "Fluency/Spelling"),
    ("GRAMMAR", "grammar", "Fluency/Grammar"),
    ("PUNCTUATION", "punctuation", "Fluency/Punctuation"),
    ("TYPOGRAPHY", "typographical", "Fluency/Punctuation"),
    ("FALSE_FRIENDS", "mistranslation", "Accuracy/Mistranslation"),
    ("COLLOCATIONS", "grammar", "Style/Unidiomatic"),
    ("MISC", "duplication", "Fluency/Grammar"),
    ("MISC", "untranslated", "Accuracy/Untranslated"),
    ("SOMETHING_NEW", "whitespace", "Fluency/Punctuation"),
    ("SOMETHING_NEW", "something-new", "Other/LanguageTool"),
])
def test_category_mapping(category, issue, expected):
    from tqlint.engines.languagetool.findings import category_for

    assert category_for(category, issue) == expected


def test_mapped_categories_are_valid_rule_categories():
    from tqlint.engines.languagetool.findings import CATEGORY_MAP, FALLBACK_CATEGORY, ISSUE_TYPE_MAP
    from tqlint.packs.loader import _CATEGORY_RE, CATEGORY_ROOTS

    for category in {*CATEGORY_MAP.values(), *ISSUE_TYPE_MAP.values(), FALLBACK_CATEGORY}:
        assert _CATEGORY_RE.match(category) and category.startswith(CATEGORY_ROOTS), category


def test_category_table_in_docs_matches_code():
    from tqlint.engines.languagetool.findings import CATEGORY_MAP, ISSUE_TYPE_MAP

    docs = (Path(__file__).resolve().parent.parent / "docs" / "languagetool.md").read_text(encoding="utf-8")
    for key, value in [*CATEGORY_MAP.items(), *ISSUE_TYPE_MAP.items()]:
        assert f"| `{key}` | {value} |" in docs, key


def test_merge_keeps_tqlint_finding_on_overlap():
    from tqlint.engines.languagetool.findings import merge
    from tqlint.finding import Finding, Severity

    def finding(rule, start, end):
        return Finding(rule, "Fluency/Grammar", Severity.WARNING, "m", start, end, "x" * (end - start))

    own = [finding("p/a", 10, 12), finding("p/b", 40, 40)]
    theirs = [finding("languagetool/X", 11, 15), finding("languagetool/Y", 12, 14),
              finding("languagetool/Z", 38, 42), finding("languagetool/W", 0, 3)]
    assert [f.rule for f in merge(own, theirs)] == ["languagetool/W", "p/a", "languagetool/Y", "p/b"]


def test_chunks_split_at_paragraphs(monkeypatch):
    import tqlint.engines.languagetool.client as lt

    monkeypatch.setattr(lt, "CHUNK_CHARS", 30)
    text = "First paragraph here.\n\nSecond one, longer text.\n\nThird."
    pieces = list(lt._chunks(text))
    assert "".join(p for _, p in pieces) == text
    assert all(text[o:o + len(p)] == p for o, p in pieces)
    assert all(len(p) <= 30 for _, p in pieces)


# --- a real LanguageTool, where one is available ------------------------------------------------


@pytest.mark.skipif(not os.environ.get("TQLINT_LT_SERVER"),
                    reason="set TQLINT_LT_SERVER=http://host:8081 to test against a real LanguageTool server")
def test_real_languagetool_server(tmp_path, test_pack):
    url = os.environ["TQLINT_LT_SERVER"]
    _config(tmp_path, test_pack)
    path = tmp_path / "a.md"
    path.write_text("# News\n\nThe minister said he go to Brussels tomorow, see `code`.\n", encoding="utf-8")
    result = _run(["check", "--format", "json", str(path), "--languagetool-server", url])
    assert result.exit_code in (0, 1), result.output
    findings = [f for f in _findings(result.output) if f["rule"].startswith("languagetool/")]
    assert findings, result.output
    text = path.read_text(encoding="utf-8")
    assert any(f["text"] == "tomorow" and f["category"] == "Fluency/Spelling" for f in findings)
    for f in findings:
        assert text[f["start"]["offset"]:f["end"]["offset"]] == f["text"]
        assert all(not fix["safe"] for fix in f["fixes"])
