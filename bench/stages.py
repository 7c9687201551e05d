"""Where the CPU time of a run goes: CPU-milliseconds per megabyte for each stage of linting a set
of files in one process (read, parse, stage 1, stage 2, each code kind, output), with stage 1
on and off. CPU time (time.process_time), not wall-clock: on a shared machine the wall clock
measures the neighbours too.

    python bench/stages.py FOLDER            # a folder of .md/.txt/.html files
    python bench/stages.py --wmt 300         # real MT: articles of wmt22-toen (../shared/corpus)

Each figure is the sum over the files of that stage's CPU time, over their size in MB. Each path
is measured in a fresh interpreter, so neither inherits the other's per-process tables. Unless
TQLINT_CACHE_DIR is set (bench/bench.py passes its own), the runs use a temporary cache folder
that a first run over a few of the files fills, as any run after a user's first finds it: the
stored relaxed patterns and word tables are loaded, not built (`--no-cache-folder` builds them
in every process instead, as a run with the cache switched off does).
"""

from __future__ import annotations

import argparse
import collections
import gc
import json
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WMT = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "wmt22-toen.jsonl")
sys.path.insert(0, ROOT)


def wmt_articles(folder: str, limit: int, segments: int = 25) -> int:
    """Real MT as articles: `segments` consecutive segments of one language pair, as one system
    translated them, one paragraph each; the first `limit` such articles. → bytes written."""
    os.makedirs(folder, exist_ok=True)
    chunks: dict = collections.defaultdict(list)
    with open(WMT, encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            chunks[row["pair"]].append(row["mt"])
    total = written = 0
    for pair, rows in sorted(chunks.items()):
        for start in range(0, len(rows) - segments + 1, segments):
            block = rows[start:start + segments]
            for system in sorted(block[0]):
                if written == limit:
                    return total
                text = "\n\n".join(row.get(system, "") for row in block).strip() + "\n"
                data = text.encode("utf-8")
                with open(os.path.join(folder, f"{pair}-{start:05d}-{system}.txt"), "wb") as out:
                    out.write(data)
                total += len(data)
                written += 1
    return total


RULE = "rule "  # prefix of the per-rule figures among the stages


class _Meter:
    """Sums process CPU time per stage name."""

    def __init__(self):
        self.spent: dict[str, float] = collections.Counter()

    def wrap(self, name_of, function):
        def timed(*args, **kwargs):
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.spent[name_of(*args)] += time.process_time() - started
        return timed


def stage_costs(paths: list[str], stage1_on: bool) -> dict:
    """CPU seconds per stage for linting `paths` in this process, batch by batch as the CLI does."""
    os.environ["TQLINT_STAGE1"] = "on" if stage1_on else "off"
    # The collector as the command sets it (tqlint.cli.main): with the default thresholds the
    # long-lived rule objects are walked over and over, and the walks land in whichever stage
    # allocates next, not where a CLI run spends its time.
    gc.set_threshold(50_000, 20, 20)
    from tqlint import api
    from tqlint.engine import run, stage1
    from tqlint.reporters import render
    from tqlint.text import readers

    meter = _Meter()
    saved = (api.read_file, api.read_document, run._run_rule, stage1.Stage1.scan_all, stage1.Stage1.__init__)
    kind_of = {}

    def rule_stage(active, *args):
        kind = kind_of.setdefault(active.rule.id, active.rule.kind)
        return "stage 2" if kind in ("pattern", "phrase") else f"kind {kind}"

    api.read_file = meter.wrap(lambda *a: "read", api.read_file)
    api.read_document = meter.wrap(lambda *a: "parse", readers.read_document)
    run_rule = run._run_rule

    def timed_rule(active, *args, **kwargs):  # the stage's figure, and the rule's own (--by-rule)
        started = time.process_time()
        try:
            return run_rule(active, *args, **kwargs)
        finally:
            spent = time.process_time() - started
            meter.spent[rule_stage(active)] += spent
            meter.spent[RULE + active.rule.id] += spent

    run._run_rule = timed_rule
    stage1.Stage1.scan_all = meter.wrap(lambda *a: "stage 1", stage1.Stage1.scan_all)
    stage1.Stage1.__init__ = meter.wrap(lambda *a: "stage 1 build", stage1.Stage1.__init__)
    try:
        linter = api.Linter(no_config=True)
        linter.cache = None
        linter.setup_for(paths[0])  # loading the packs is start-up, measured elsewhere
        stage1._built.clear()
        stage1.plan(sum(os.path.getsize(p) for p in paths))
        started = time.process_time()
        results = []
        for start in range(0, len(paths), 16):
            results += linter.lint_files(paths[start:start + 16])
        output_started = time.process_time()
        render("text", results)
        meter.spent["output"] += time.process_time() - output_started
        meter.spent["total"] = time.process_time() - started
    finally:
        api.read_file, api.read_document, run._run_rule, stage1.Stage1.scan_all, stage1.Stage1.__init__ = saved
    accounted = sum(v for k, v in meter.spent.items() if k != "total" and not k.startswith(RULE))
    meter.spent["other (suppressions, mapping, batching)"] = meter.spent["total"] - accounted
    return dict(meter.spent)


def _filled(paths: list[str], stage1_on: bool) -> dict:
    """`stage_costs`, then langdetect's profile table stored as well: the first files may send no
    sentence to langdetect, and then the first measured path would pay for reading the 55
    profiles and storing their table (~0.4 CPU-s), a cost a user's first run pays, not every run."""
    from tqlint.kinds import language  # (the bench's own process: loaded only for the warm-up)

    spent = stage_costs(paths, stage1_on)
    language._factory()  # stores the table in the cache folder when it is not there
    return spent


def _fresh(paths: list[str], stage1_on: bool, fill: bool = False) -> dict:
    """`stage_costs` in a new interpreter (module-level tables start empty, as in a new run);
    `fill`: the warm-up run that fills the cache folder (`_filled`)."""
    import multiprocessing

    with multiprocessing.get_context("spawn").Pool(1) as pool:
        return pool.apply(_filled if fill else stage_costs, (paths, stage1_on))


def report(paths: list[str], label: str, by_rule: int = 0) -> dict:
    """Print (and return) each stage's CPU-ms per MB, stage 1 on and off; with `by_rule`, also
    the costliest rules (stage 1 on): a rule pays for any per-document preparation it is the
    first to ask for (sentences, word runs), so read those as shares, not as the rule's alone."""
    megabytes = sum(os.path.getsize(p) for p in paths) / 2**20
    figures = {"files": len(paths), "megabytes": round(megabytes, 3)}
    print(f"{label}: {len(paths)} files, {megabytes:.2f} MB; CPU-ms per MB (stage 1 on | off)")
    if os.environ["TQLINT_CACHE_DIR"] != "off":
        _fresh(paths[:16], True, fill=True)  # fills the cache folder (packs, relaxed patterns, word tables)
    on, off = _fresh(paths, True), _fresh(paths, False)
    stages = [n for n in set(on) | set(off) if not n.startswith(RULE)]
    for name in sorted(stages, key=lambda n: (n == "total", -on.get(n, 0))):
        a, b = on.get(name, 0.0) * 1000 / megabytes, off.get(name, 0.0) * 1000 / megabytes
        figures[name] = [round(a), round(b)]
        print(f"  {name:42s} {a:8.0f} | {b:8.0f}")
    print(f"  {'= MB per CPU-second':42s} {1000 / figures['total'][0]:8.2f} | {1000 / figures['total'][1]:8.2f}")
    if by_rule:
        rules = sorted(((v, k[len(RULE):]) for k, v in on.items() if k.startswith(RULE)), reverse=True)
        print(f"  the {min(by_rule, len(rules))} costliest rules, stage 1 on:")
        for spent, rule in rules[:by_rule]:
            print(f"    {rule:50s} {spent * 1000 / megabytes:8.0f}")
    return figures


def files_of(folder: str) -> list[str]:
    from tqlint.text.discover import expand_paths

    files, _ = expand_paths([folder], lambda path: False)
    return sorted(files)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", nargs="?")
    parser.add_argument("--wmt", type=int, metavar="N", help="N articles of real MT from wmt22-toen instead")
    parser.add_argument("--no-cache-folder", action="store_true", help="no cache folder: every process builds its tables")
    parser.add_argument("--by-rule", type=int, metavar="N", default=0, help="also the N costliest rules (stage 1 on)")
    args = parser.parse_args(argv)
    import tempfile

    if args.no_cache_folder:
        os.environ["TQLINT_CACHE_DIR"] = "off"
    elif not os.environ.get("TQLINT_CACHE_DIR"):
        os.environ["TQLINT_CACHE_DIR"] = tempfile.mkdtemp(prefix="tqlint-stages-cache-")
    if args.wmt:
        folder = tempfile.mkdtemp(prefix="tqlint-wmt-")
        wmt_articles(folder, args.wmt)
        report(files_of(folder), "real MT (wmt22-toen)", args.by_rule)
    elif args.folder:
        report(files_of(args.folder), args.folder, args.by_rule)
    else:
        parser.error("a folder or --wmt N")
    return 0


if __name__ == "__main__":
    sys.exit(main())
