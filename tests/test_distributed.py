"""Linting on a real Dask cluster (worker processes on loopback) gives exactly the local findings,
also when a worker is killed in the middle of a run."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest

pytest.importorskip("distributed")
import dask.bag as db  # noqa: E402
import dask.dataframe as dd  # noqa: E402
import pandas as pd  # noqa: E402
from conftest import ROOT  # noqa: E402
from distributed import Client, LocalCluster  # noqa: E402

from tqlint.api import Linter  # noqa: E402
from tqlint.distributed import LintOptions, lint_bag, lint_dataframe, lint_on_cluster, worker_linter  # noqa: E402
from tqlint.text.datasets import BadRecord, Record, lint_items  # noqa: E402

sys.path.insert(0, str(ROOT / "bench"))
from generate import article  # noqa: E402

OPTIONS = LintOptions(no_config=True)  # every built-in pack: language detection, pronouns, phrases
pytestmark = pytest.mark.timeout(300)


def same(results):
    return [(r.path, r.findings, r.error, r.failures) for r in results]


@pytest.fixture(scope="module")
def articles(tmp_path_factory):
    """A few hundred small generated articles, with a clean one and an unreadable one among them."""
    folder = tmp_path_factory.mktemp("articles")
    paths = []
    for index in range(240):
        path = folder / f"a{index:03d}.md"
        path.write_text(article(index, 700, artifact_rate=0.2), encoding="utf-8")
        paths.append(str(path))
    (folder / "broken.md").write_bytes(b"Bad \xff byte.\n")
    return [*paths, str(folder / "broken.md")]


@pytest.fixture(scope="module")
def local(articles):
    return Linter(no_config=True).lint_files(articles)


@pytest.fixture(scope="module")
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=40) as cluster, Client(cluster) as client:
        yield client


def test_files_on_a_local_cluster_equal_the_local_run(client, articles, local):
    seen = []

    class Bar:
        def advance(self, count):
            seen.append(count)

    remote = lint_on_cluster(client, articles, OPTIONS, Bar(), partition_size=16, window=3)
    assert same(remote) == same(local)
    assert sum(len(r.findings) for r in remote) > 100 and remote[-1].error
    assert sum(seen) == len(articles)  # progress heard of every document, once


def test_records_and_bad_records_on_the_cluster(client, articles):
    texts = [open(path, encoding="utf-8").read() for path in articles[:60]]
    items = [Record("/data/news.jsonl", n, f"id-{n}", text, "markdown") for n, text in enumerate(texts, 1)]
    items.insert(7, BadRecord("/data/news.jsonl", 8, "record 8", "no field 'body'"))
    remote = lint_on_cluster(client, items, OPTIONS, partition_size=8)
    assert same(remote) == same(lint_items(Linter(no_config=True), items))
    assert remote[7].error == "record 8: no field 'body'" and remote[8].record == "id-8"


def test_options_rebuild_the_same_linter_elsewhere(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "house.yaml").write_text("fail-on: error\n")
    linter = Linter(config_path="house.yaml", select=("en-news",), languagetool="http://lt:8081")
    assert LintOptions.of(linter) == LintOptions(str(tmp_path / "house.yaml"), False, ("en-news",), (), "http://lt:8081")
    assert LintOptions.of(Linter(no_config=True)) == OPTIONS


def test_the_rule_set_is_built_once_per_worker(client, articles):
    def linter_identity(options, _index):
        return os.getpid(), id(worker_linter(options))

    futures = [client.submit(linter_identity, OPTIONS, index, pure=False) for index in range(12)]
    identities = client.gather(futures)
    by_process = {}
    for pid, identity in identities:
        by_process.setdefault(pid, set()).add(identity)
    assert len(by_process) == 2 and all(len(ids) == 1 for ids in by_process.values())


def test_bag_and_dataframe(client, articles, local):
    texts = [open(path, encoding="utf-8").read() for path in articles[:40]]
    bag = db.from_sequence([{"id": f"n{i}", "text": t, "kind": "markdown"} for i, t in enumerate(texts)], npartitions=4)
    results = lint_bag(bag, format_field="kind", dataset="news").compute(scheduler=client.get)
    assert [r.path for r in results] == [f"news#n{i}" for i in range(40)]
    assert [r.findings for r in results] == [r.findings for r in local[:40]]
    bad = lint_bag(db.from_sequence([{"id": "x", "text": None}]), dataset="news").compute(scheduler=client.get)
    assert bad[0].error == "record 1 (id 'x'): field 'text' is missing, not text"
    frame = dd.from_pandas(pd.DataFrame({"body": texts, "kind": "markdown"}), npartitions=3)
    table = lint_dataframe(frame, "body", format_field="kind").compute(scheduler=client.get)
    expected = [(str(i), f.rule, f.start, f.end) for i, r in enumerate(local[:40]) for f in r.findings]
    assert list(zip(table["record"], table["rule"], table["start"], table["end"])) == expected


def test_a_worker_killed_mid_run_loses_and_duplicates_nothing(client, articles, local):
    pids = client.run(os.getpid)
    killed = []

    class KillOnFirstPartition:
        def advance(self, count):
            if not killed:  # tasks are queued and running on both workers right now
                victim = sorted(pids.values())[0]
                os.kill(victim, signal.SIGKILL)
                killed.append(victim)

    remote = lint_on_cluster(client, articles, OPTIONS, KillOnFirstPartition(), partition_size=4, window=8)
    assert killed and same(remote) == same(local)
    client.wait_for_workers(2, timeout=60)  # the nanny brought a new worker process up
    assert killed[0] not in client.run(os.getpid).values()


# ---- the CLI against `dask scheduler` / `dask worker` started as their own processes --------

def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def scheduler(tmp_path_factory):
    dask = os.path.join(os.path.dirname(sys.executable), "dask")
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    elsewhere = tmp_path_factory.mktemp("workers")  # workers must not depend on the client's folder
    logs = open(elsewhere / "dask.log", "wb")
    common = ["--no-dashboard"]
    processes = [subprocess.Popen([dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), *common],
                                  stdout=logs, stderr=logs, cwd=elsewhere)]
    try:
        for _ in range(2):
            processes.append(subprocess.Popen(
                [dask, "worker", address, "--host", "127.0.0.1", "--nworkers", "1", "--nthreads", "1", *common],
                stdout=logs, stderr=logs, cwd=elsewhere))
        deadline = time.monotonic() + 60
        while True:
            try:
                with Client(address, timeout=5) as probe:
                    probe.wait_for_workers(2, timeout=60)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        logs.close()


def tqlint(*args, cwd):
    env = {**os.environ, "TQLINT_CACHE_DIR": "off", "CI": "true"}
    return subprocess.run([sys.executable, "-m", "tqlint", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=240)


def test_cli_on_a_dask_scheduler_equals_the_local_run(scheduler, articles, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    for path in articles[:80] + articles[-1:]:
        (folder / os.path.basename(path)).write_bytes(open(path, "rb").read())
    records = [{"id": f"r{i}", "body": open(p, encoding="utf-8").read()} for i, p in enumerate(articles[80:110])]
    with open(tmp_path / "news.jsonl", "w", encoding="utf-8") as handle:
        handle.writelines(json.dumps(record) + "\n" for record in records)
    args = ["check", "--no-config", "--format", "json", "news", "news.jsonl"]
    cwd = tmp_path  # relative paths: the workers get absolute ones, the report the given ones
    here = tqlint(*args, cwd=cwd)
    there = tqlint(*args, "--dask-scheduler", scheduler, cwd=cwd)
    assert here.returncode == there.returncode == 2, there.stderr  # broken.md is unreadable on both
    assert json.loads(there.stdout)["files"] == json.loads(here.stdout)["files"]
    assert f"linting {81 + 30} documents on the Dask cluster at {scheduler} (2 workers)" in there.stderr
    table = tqlint(*args[:-2], "--format", "parquet", "--output-file", "findings.parquet", *args[-2:], "--dask-scheduler", scheduler, cwd=cwd)
    import pyarrow.parquet as pq

    rows = pq.read_table(os.path.join(cwd, "findings.parquet")).num_rows
    assert rows == json.loads(here.stdout)["summary"]["findings"] and f"{rows} findings in" in table.stderr


def test_cli_says_when_the_scheduler_is_not_there(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from tqlint import distributed
    from tqlint.cli import cli

    monkeypatch.setattr(distributed, "CONNECT_TIMEOUT", 1)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.md").write_text("A , b.\n")
    address = f"tcp://127.0.0.1:{_free_port()}"
    result = CliRunner().invoke(cli, ["check", "--dask-scheduler", address, "a.md"], env={"TQLINT_CACHE_DIR": "off"})
    assert result.exit_code == 2
    assert result.stderr.startswith(f"tqlint: cannot reach the Dask scheduler at {address}: ")
