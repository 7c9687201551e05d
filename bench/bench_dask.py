"""How fast does tqlint lint on a Dask cluster, and what would a 10-million-article archive take?

    python bench/bench_dask.py                   # 600 generated articles (about 2.4 MB)
    python bench/bench_dask.py --articles 2000   # a steadier figure
    python bench/bench_dask.py --json dask.json  # also keep the figures

Needs `pip install 'tqlint[dask]'`. Measures, on this machine:
- one core without Dask (Linter.lint_files in this process): the cost of one article;
- the cost of one partition (tqlint.distributed.lint_partition, PARTITION_SIZE articles) in-process;
- Dask's overhead per task: empty tasks through a real scheduler and worker processes;
- throughput on a LocalCluster of worker processes (1 thread each) with 1 and 2 workers, rule
  sets already built on the workers (a warm cluster, as in a long archive run);
and prints the estimate docs/scale.md explains, for N machines of C cores.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from generate import generate  # noqa: E402

ARCHIVE = 10_000_000


def _noop(index):
    return index


def measure(paths: list[str], total_bytes: int, workers_list=(1, 2)) -> dict:
    from distributed import Client, LocalCluster

    from tqlint.api import Linter
    from tqlint.distributed import PARTITION_SIZE, LintOptions, lint_on_cluster, lint_partition, worker_linter

    options = LintOptions(no_config=True)
    figures: dict = {"articles": len(paths), "bytes": total_bytes, "partition_size": PARTITION_SIZE}
    figures["load_average"] = os.getloadavg()[0]
    linter = Linter(no_config=True)
    linter.setup_for(paths[0])
    # CPU time, not wall: other work on a shared machine must not count as tqlint's cost.
    start, wall = time.process_time(), time.perf_counter()
    local = linter.lint_files(paths)
    figures["one_core_cpu_s"] = time.process_time() - start
    figures["one_core_wall_s"] = time.perf_counter() - wall
    figures["per_article_ms"] = figures["one_core_cpu_s"] / len(paths) * 1000
    worker_linter(options).setup_for(paths[0])
    part = paths[:PARTITION_SIZE]
    start = time.process_time()
    for _ in range(3):
        lint_partition(options, part)
    figures["per_partition_ms"] = (time.process_time() - start) / 3 * 1000
    for workers in workers_list:
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, silence_logs=40) as cluster, Client(cluster) as client:
            client.run(lambda: worker_linter(options).setup_for(paths[0]) and None)  # warm: packs loaded
            # The LocalCluster's scheduler runs in this process: its CPU time here is the
            # scheduler's and the client's; the workers report their own.
            tasks = 400
            start, cpu = time.perf_counter(), time.process_time()
            client.gather(client.map(_noop, range(tasks), pure=False))
            figures[f"task_overhead_ms_{workers}w"] = (time.perf_counter() - start) / tasks * 1000
            figures[f"task_scheduler_cpu_ms_{workers}w"] = (time.process_time() - cpu) / tasks * 1000
            worker_cpu = sum(client.run(time.process_time).values())
            start, cpu = time.perf_counter(), time.process_time()
            remote = lint_on_cluster(client, paths, options)
            elapsed = time.perf_counter() - start
            figures[f"workers_{workers}_client_cpu_s"] = time.process_time() - cpu
            figures[f"workers_{workers}_worker_cpu_ms_per_article"] = \
                (sum(client.run(time.process_time).values()) - worker_cpu) / len(paths) * 1000
            if [r.findings for r in remote] != [r.findings for r in local]:
                raise SystemExit(f"{workers} workers: findings differ from the local run")
            figures[f"workers_{workers}_s"] = elapsed
            figures[f"workers_{workers}_mb_per_s"] = total_bytes / elapsed / 1e6
            figures[f"workers_{workers}_articles_per_s"] = len(paths) / elapsed
    return figures


def estimate(figures: dict, machines: int, cores: int, article_bytes: float, partition_size: int,
             efficiency: float) -> dict:
    """Wall time for ARCHIVE articles of `article_bytes` on `machines` x `cores` worker processes:
    the linting (measured CPU cost per article, scaled to the size, shared by the workers at
    `efficiency`) or the scheduler (one task per partition, one at a time), whichever is slower."""
    per_article_s = figures["per_article_ms"] / 1000 * article_bytes / (figures["bytes"] / figures["articles"])
    tasks = ARCHIVE // partition_size
    cpu_s = ARCHIVE * per_article_s
    lint_s = cpu_s / (machines * cores * efficiency)
    schedule_s = tasks * figures["task_scheduler_cpu_ms_2w"] / 1000
    return {"machines": machines, "cores": cores, "cpu_hours": cpu_s / 3600, "tasks": tasks,
            "lint_hours": lint_s / 3600, "schedule_hours": schedule_s / 3600,
            "wall_hours": max(lint_s, schedule_s) / 3600}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=600, help="articles to generate (default 600)")
    parser.add_argument("--size", type=int, default=4000, help="mean article size in bytes (default 4000)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--efficiency", type=float, default=0.85,
                        help="share of each core the estimate assumes linting gets (default 0.85)")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="tqlint-bench-dask-")
    try:
        total = generate(folder, args.articles, args.size)
        paths = sorted(os.path.join(root, name) for root, _, names in os.walk(folder) for name in names)
        figures = measure(paths, total)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(f"{figures['articles']} articles, {figures['bytes'] / 1e6:.2f} MB, partitions of {figures['partition_size']}")
    print(f"load average at the start: {figures['load_average']:.1f} (other work on the machine slows the wall figures)")
    print(f"one core, no Dask: {figures['one_core_wall_s']:.2f} s wall, {figures['one_core_cpu_s']:.2f} s CPU = "
          f"{figures['per_article_ms']:.2f} ms CPU per article")
    print(f"one partition in-process: {figures['per_partition_ms']:.0f} ms CPU")
    for workers in (1, 2):
        print(f"{workers} worker{'s' if workers > 1 else ''}: {figures[f'workers_{workers}_s']:.2f} s = "
              f"{figures[f'workers_{workers}_mb_per_s']:.2f} MB/s, {figures[f'workers_{workers}_articles_per_s']:.0f} articles/s; "
              f"empty task {figures[f'task_overhead_ms_{workers}w']:.2f} ms wall, "
              f"{figures[f'task_scheduler_cpu_ms_{workers}w']:.2f} ms scheduler CPU")
        print(f"    workers' CPU {figures[f'workers_{workers}_worker_cpu_ms_per_article']:.2f} ms per article; "
              f"scheduler and client {figures[f'workers_{workers}_client_cpu_s']:.2f} s CPU in all")
    print(f"2 workers over 1: {figures['workers_1_s'] / figures['workers_2_s']:.2f}x")
    print(f"\n{ARCHIVE:,} articles of 4 KB, estimated at {args.efficiency:.0%} of each core (see docs/scale.md):")
    for machines, cores in ((1, 2), (1, 16), (10, 16), (50, 16), (200, 16)):
        for size in (32, 1000):
            e = estimate(figures, machines, cores, 4000, size, args.efficiency)
            print(f"  {machines:>3} x {cores:>2} cores, partitions of {size:>4}: {e['wall_hours']:6.2f} h  "
                  f"(linting {e['lint_hours']:.2f} h of {e['cpu_hours']:.0f} CPU-hours; "
                  f"scheduling {e['tasks']:,} tasks {e['schedule_hours']:.2f} h)")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(figures, handle, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
