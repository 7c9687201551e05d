"""How quickly does `tqlint lsp` answer an editor?

    python bench/bench_lsp.py                 # the figures below, 5 cold starts, 30 changes
    python bench/bench_lsp.py --json out.json # also keep them

Every figure comes from a real `python -m tqlint lsp` process driven over stdio by a minimal
JSON-RPC client written here (nothing between the two but the pipe):

- first diagnostics: process start → initialize → didOpen of a 5 KB article → the first
  publishDiagnostics (target <= 1 s);
- change → diagnostics on a warm server: didChange of the 5 KB article → publishDiagnostics
  for that version, with the default debounce and with none (target <= 100 ms);
- hover while a 50 KB article is being linted: how long the hover answer takes;
- shutdown + exit → the process gone.

The articles are composed by bench/generate.py from its own word lists, deterministically.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import article  # noqa: E402

TARGETS_MS = {"first_diagnostics": 1000.0, "change_to_diagnostics": 100.0}


class Client:
    """Just enough of an LSP client: requests wait for their answer; notifications are queued
    with the moment they arrived."""

    def __init__(self, cwd: str):
        self.started = time.perf_counter()
        self.process = subprocess.Popen([sys.executable, "-m", "tqlint", "lsp"], cwd=cwd, stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        self._answers: dict[int, queue.Queue] = {}
        self._next_id = 0
        self.notifications: queue.Queue = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                header = stream.readline()
                if not header:
                    return
                if header.strip() == b"":
                    break
                name, _, value = header.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            message = json.loads(stream.read(length))
            arrived = time.perf_counter()
            if "id" in message and "method" not in message:
                self._answers[message["id"]].put((arrived, message))
            elif "id" in message:  # a request from the server (registerCapability): accept it
                self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
            else:
                self.notifications.put((arrived, message))

    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode("utf-8")
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def request(self, method: str, params) -> tuple[float, dict]:
        self._next_id += 1
        answer = self._answers[self._next_id] = queue.Queue()
        self._send({"jsonrpc": "2.0", "id": self._next_id, "method": method, "params": params})
        return answer.get(timeout=60)

    def notify(self, method: str, params) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def diagnostics(self, uri: str, version: int) -> tuple[float, list]:
        """Wait for the publishDiagnostics of `uri` at `version`: (when it arrived, diagnostics)."""
        while True:
            arrived, message = self.notifications.get(timeout=60)
            params = message.get("params", {})
            if message.get("method") == "textDocument/publishDiagnostics" and params.get("uri") == uri \
                    and params.get("version") == version:
                return arrived, params["diagnostics"]

    def initialize(self, root: str, debounce_ms: int | None = None) -> None:
        options = {"debounceMs": debounce_ms} if debounce_ms is not None else None
        self.request("initialize", {"processId": os.getpid(), "rootUri": Path(root).as_uri(), "capabilities": {},
                                    "initializationOptions": options})
        self.notify("initialized", {})

    def open(self, uri: str, text: str) -> None:
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}})

    def change(self, uri: str, version: int, text: str) -> float:
        sent = time.perf_counter()
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version},
                                               "contentChanges": [{"text": text}]})
        return sent

    def close(self) -> float:
        start = time.perf_counter()
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=30)
        return time.perf_counter() - start


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used so far, from /proc (Linux); None elsewhere."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    try:
        return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def first_diagnostics(folder: str, text: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall time to the first diagnostics, and the CPU time each of the two processes (server,
    lint process) had used by then: the busier one is about what the wall time would be on
    idle cores (they run in parallel), whatever else the machine is doing."""
    times, cpu = [], []
    for run in range(runs):
        client = Client(folder)
        client.initialize(folder)
        uri = (Path(folder) / f"first-{run}.md").as_uri()
        client.open(uri, text)
        arrived, _ = client.diagnostics(uri, 1)
        times.append(arrived - client.started)
        used = [_cpu_seconds(pid) for pid in [client.process.pid, *_children(client.process.pid)]]
        if len(used) == 2 and all(u is not None for u in used):
            cpu.append(used)
        client.close()
    return times, cpu


def change_to_diagnostics(folder: str, text: str, changes: int, debounce_ms: int | None) -> tuple[list[float], int]:
    client = Client(folder)
    client.initialize(folder, debounce_ms)
    uri = (Path(folder) / "warm.md").as_uri()
    client.open(uri, text)
    _, found = client.diagnostics(uri, 1)
    times = []
    for version in range(2, changes + 2):
        edited = text.replace(" the ", " the  " if version % 2 else " the ", 1) + f"\nEdit {version} ,\n"
        sent = client.change(uri, version, edited)
        arrived, _ = client.diagnostics(uri, version)
        times.append(arrived - sent)
        time.sleep(0.1)  # an editor's pause between edits: each change is measured on its own
    client.close()
    return times, len(found)


def hover_while_linting(folder: str, big: str, tries: int) -> list[float]:
    client = Client(folder)
    client.initialize(folder, 0)
    uri = (Path(folder) / "long.md").as_uri()
    client.open(uri, big)
    client.diagnostics(uri, 1)
    times = []
    for version in range(2, tries + 2):
        client.change(uri, version, big + f"\nEdit {version} ,\n")
        start = time.perf_counter()
        client.request("textDocument/hover", {"textDocument": {"uri": uri}, "position": {"line": 2, "character": 5}})
        times.append(time.perf_counter() - start)
        client.diagnostics(uri, version)
    client.close()
    return times


def _ms(values: list[float]) -> dict:
    values = sorted(v * 1000 for v in values)
    return {"median": round(statistics.median(values), 1), "p90": round(values[int(0.9 * (len(values) - 1))], 1),
            "max": round(values[-1], 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--starts", type=int, default=5)
    parser.add_argument("--changes", type=int, default=30)
    parser.add_argument("--json", dest="json_path")
    args = parser.parse_args()
    text = article(0, target_bytes=5000, artifact_rate=0.3)  # a dozen findings, as a rough MT draft has
    big = "\n".join(article(i, target_bytes=5000, artifact_rate=0.3) for i in range(10))
    with tempfile.TemporaryDirectory() as folder:
        from tqlint.lsp import DEFAULT_DEBOUNCE_MS

        first, first_cpu = first_diagnostics(folder, text, args.starts)
        warm, findings = change_to_diagnostics(folder, text, args.changes, None)
        undebounced, _ = change_to_diagnostics(folder, text, args.changes, 0)
        hover = hover_while_linting(folder, big, 5)
        shutdown = Client(folder)
        shutdown.initialize(folder)
        exit_time = shutdown.close()
    figures = {
        "article_bytes": len(text.encode("utf-8")), "findings": findings, "long_article_bytes": len(big.encode("utf-8")),
        "first_diagnostics_ms": _ms(first),
        "first_diagnostics_cpu_ms": {"server": _ms([c[0] for c in first_cpu]),
                                     "lint_process": _ms([c[1] for c in first_cpu])} if first_cpu else None,
        "change_to_diagnostics_ms": _ms(warm), "debounce_ms": DEFAULT_DEBOUNCE_MS,
        "change_to_diagnostics_no_debounce_ms": _ms(undebounced),
        "hover_while_linting_50kb_ms": _ms(hover),
        "shutdown_exit_ms": round(exit_time * 1000, 1), "load_average": round(os.getloadavg()[0], 1),
    }
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"5 KB article ({figures['article_bytes']} bytes, {findings} findings); 50 KB article: {figures['long_article_bytes']} bytes")
    for name, target in (("first_diagnostics", TARGETS_MS["first_diagnostics"]),
                         ("change_to_diagnostics", TARGETS_MS["change_to_diagnostics"])):
        f = figures[f"{name}_ms"]
        verdict = "ok" if f["median"] <= target else "MISSED"
        print(f"{name.replace('_', ' '):28} median {f['median']:7.1f} ms  p90 {f['p90']:7.1f}  max {f['max']:7.1f}"
              f"   target <= {target:.0f} ms: {verdict}")
        if name == "first_diagnostics" and figures["first_diagnostics_cpu_ms"]:
            for process, f in figures["first_diagnostics_cpu_ms"].items():
                print(f"{'  CPU time, ' + process.replace('_', ' '):28} median {f['median']:7.1f} ms  p90 {f['p90']:7.1f}"
                      f"  max {f['max']:7.1f}")
    f = figures["change_to_diagnostics_no_debounce_ms"]
    print(f"{'  same, without debounce':28} median {f['median']:7.1f} ms  p90 {f['p90']:7.1f}  max {f['max']:7.1f}")
    f = figures["hover_while_linting_50kb_ms"]
    print(f"{'hover while linting 50 KB':28} median {f['median']:7.1f} ms  p90 {f['p90']:7.1f}  max {f['max']:7.1f}")
    print(f"{'shutdown + exit':28} {figures['shutdown_exit_ms']:7.1f} ms")
    if args.json_path:
        Path(args.json_path).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
