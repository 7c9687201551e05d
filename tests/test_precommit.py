"""The real `pre-commit` tool runs tqlint's hooks on a temporary git repository of articles.

The hooks come from `.pre-commit-hooks.yaml` of a git repository holding this working tree, so
pre-commit installs tqlint exactly as a user's repository would (a virtualenv and `pip install .`,
dependencies from the package index). That install happens once per module: PRE_COMMIT_HOME is a
temporary folder shared by the tests here."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

pytestmark = pytest.mark.timeout(900)  # the first hook install downloads tqlint's dependencies

ARTIFACT = "# Budget\n\nThe council approved the budget , after a long debate.\n"
FIXED = "# Budget\n\nThe council approved the budget, after a long debate.\n"
# What a hook repository needs for `pip install .` and for pre-commit to find its hooks.
PROJECT_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml", "tqlint", "rules")


def _pre_commit_command():
    try:
        import pre_commit  # noqa: F401

        return [sys.executable, "-m", "pre_commit"]
    except ImportError:
        found = shutil.which("pre-commit")
        return [found] if found else None


PRE_COMMIT = _pre_commit_command()
if PRE_COMMIT is None:
    pytest.skip("the pre-commit tool is not installed (pip install '.[test]' brings it)", allow_module_level=True)
if shutil.which("git") is None:
    pytest.skip("git is not installed; the pre-commit test needs it", allow_module_level=True)


def _git(cwd, *args, env):
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    home = tmp_path_factory.mktemp("pre-commit-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT", "VIRTUAL_ENV"))}
    env.update(
        PRE_COMMIT_HOME=str(home), TQLINT_CACHE_DIR="off", NO_COLOR="1", CI="true",
        GIT_AUTHOR_NAME="Test", GIT_AUTHOR_EMAIL="test@example.invalid",
        GIT_COMMITTER_NAME="Test", GIT_COMMITTER_EMAIL="test@example.invalid",
        GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=os.devnull,
    )
    return env


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory, env):
    """A git repository holding this working tree (committed or not), as a user would point at."""
    repo = tmp_path_factory.mktemp("tqlint-hook-repo")
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", ".tqlint_cache"))
        else:
            shutil.copy2(source, repo / name)
    _git(repo, "init", "-q", env=env)
    _git(repo, "add", "-A", env=env)
    _git(repo, "commit", "-q", "-m", "tqlint under test", env=env)
    return repo, _git(repo, "rev-parse", "HEAD", env=env)


def _articles_repo(path, hook_repo, env, hook_id):
    repo_path, rev = hook_repo
    path.mkdir()
    _git(path, "init", "-q", env=env)
    (path / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {repo_path}\n    rev: {rev}\n    hooks:\n      - id: {hook_id}\n"
    )
    subprocess.run([*PRE_COMMIT, "install"], cwd=path, env=env, check=True, capture_output=True)
    _git(path, "add", ".pre-commit-config.yaml", env=env)
    return path


def _commit(repo, env, *files):
    _git(repo, "add", *files, env=env)
    return subprocess.run(["git", "commit", "-m", "article"], cwd=repo, env=env, capture_output=True, text=True, timeout=840)


def test_check_hook_blocks_an_artifact_and_passes_the_fixed_article(tmp_path, hook_repo, env):
    repo = _articles_repo(tmp_path / "articles", hook_repo, env, "tqlint")
    (repo / "budget.md").write_text(ARTIFACT)
    (repo / "notes.py").write_text("x = 1 , 2\n")  # not an article: the hook never sees it
    blocked = _commit(repo, env, "budget.md", "notes.py")
    output = blocked.stdout + blocked.stderr
    assert blocked.returncode != 0, output
    assert "tqlint (machine-translation artifacts)" in output and "Failed" in output
    assert "budget.md:3:32: error [en-news/space-before-punctuation]" in output
    assert "notes.py" not in output
    assert _git(repo, "rev-list", "--all", "--count", env=env) == "0"  # nothing was committed

    (repo / "budget.md").write_text(FIXED)
    passed = _commit(repo, env, "budget.md", "notes.py")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout + passed.stderr
    assert _git(repo, "rev-list", "--all", "--count", env=env) == "1"


def test_fix_hook_mends_the_article_and_the_next_commit_passes(tmp_path, hook_repo, env):
    repo = _articles_repo(tmp_path / "articles", hook_repo, env, "tqlint-fix")
    (repo / "budget.md").write_text(ARTIFACT)
    first = _commit(repo, env, "budget.md")
    assert first.returncode != 0, first.stdout + first.stderr
    assert "files were modified by this hook" in first.stdout + first.stderr
    assert (repo / "budget.md").read_text() == FIXED
    second = _commit(repo, env, "budget.md")
    assert second.returncode == 0, second.stdout + second.stderr


def test_hooks_file_names_both_hooks():
    import yaml

    hooks = {hook["id"]: hook for hook in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"tqlint", "tqlint-fix"}
    assert hooks["tqlint"]["entry"].startswith("tqlint check")
    assert hooks["tqlint-fix"]["entry"].startswith("tqlint fix")
    assert all(hook["language"] == "python" for hook in hooks.values())
