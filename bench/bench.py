"""How fast is tqlint on a folder of articles, and how does it compare with proselint?

    python bench/bench.py                      # 2,000 generated articles (about 8 MB)
    python bench/bench.py --articles 500       # a quicker look
    python bench/bench.py --folder ~/articles  # your own folder instead of generated text
    python bench/bench.py --json results.json  # also keep the figures

Every figure comes from a fresh `python -m tqlint` process, as a user or a hook would run it.
The articles are composed by bench/generate.py from its own word lists, deterministically.
Also: the exact path (stage 1 off) on the same folder, real MT (articles of wmt22-toen from
../shared/corpus, when it is there), one 4 MB article dense with artifacts, and the CPU-ms per MB
of every stage (bench/stages.py). Wall-clock figures move with the machine's other load; CPU
seconds are printed beside them.
Targets (2-core machine): see TARGETS; docs/performance.md holds the current figures.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from generate import dense, generate  # noqa: E402

TARGETS = {"mb_per_s": 4.0, "cold_ms": 100.0, "cache_speedup": 10.0, "jobs_speedup": 1.7, "peak_mb": 200.0,
           "vs_proselint": 12.0, "real_mt_mb_per_s": 3.0, "dense_s": 10.0, "dense_mb": 300.0}
_RSS_PROBE = (
    "import resource, subprocess, sys\n"
    "code = subprocess.call(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(code, usage.ru_maxrss, usage.ru_utime + usage.ru_stime)\n"
)


def tqlint_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "tqlint", "check", *args, "--format", "text", "--quiet"]


class TreeMemory(threading.Thread):
    """Samples the summed proportional set size (PSS: shared pages split between the processes
    sharing them, so forked workers are not counted twice) of a process and its descendants."""

    def __init__(self, pid: int, interval: float = 0.05):
        super().__init__(daemon=True)
        self.pid, self.interval, self.peak, self.stop = pid, interval, 0, threading.Event()

    def run(self):
        try:
            import psutil
        except ImportError:
            return
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self.stop.is_set():
            total = 0
            try:
                for proc in [root] + root.children(recursive=True):
                    try:
                        info = proc.memory_full_info()
                        total += getattr(info, "pss", info.rss)
                    except psutil.Error:
                        pass
            except psutil.Error:
                break
            self.peak = max(self.peak, total)
            self.stop.wait(self.interval)


def run(command: list[str], env: dict) -> dict:
    """Run `command` under a probe that reports its exit code and the largest RSS of any process
    in its tree (RUSAGE_CHILDREN); sample the tree's summed PSS meanwhile."""
    start = time.perf_counter()
    probe = subprocess.Popen([sys.executable, "-c", _RSS_PROBE, *command], env=env,
                             stdout=subprocess.PIPE, text=True)
    memory = TreeMemory(probe.pid)
    memory.start()
    out, _ = probe.communicate()
    elapsed = time.perf_counter() - start
    memory.stop.set()
    memory.join()
    code, maxrss_kb, cpu = out.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"bench: {' '.join(command)} exited with {code}")
    return {"seconds": elapsed, "code": int(code), "max_rss_mb": int(maxrss_kb) / 1024, "tree_pss_mb": memory.peak / 2**20,
            "cpu_seconds": float(cpu)}


def folder_stats(folder: str) -> tuple[int, int]:
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from tqlint.text.discover import expand_paths

    files, _ = expand_paths([folder], lambda path: False)
    return len(files), sum(os.path.getsize(f) for f in files)


def median_run(command: list[str], env: dict, runs: int) -> tuple[float, float]:
    """Median wall-clock and median CPU seconds (user + system, os.wait4) of `runs` fresh runs:
    the CPU figure is the one a loaded machine does not stretch."""
    walls, cpus = [], []
    for _ in range(runs):
        start = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, _, usage = os.wait4(process.pid, 0)
        walls.append(time.perf_counter() - start)
        cpus.append(usage.ru_utime + usage.ru_stime)
    return statistics.median(walls), statistics.median(cpus)


def pick_median_article(folder: str) -> str:
    from tqlint.text.discover import expand_paths

    files, _ = expand_paths([folder], lambda path: False)
    files.sort(key=os.path.getsize)
    return files[len(files) // 2]


def proselint_rate(folder: str, limit: int, env: dict) -> dict | None:
    """proselint over (up to `limit` files of) the same folder → MB/s, or None if not installed."""
    exe = shutil.which("proselint") or os.path.join(os.path.dirname(sys.executable), "proselint")
    if not os.path.exists(exe):
        return None
    from tqlint.text.discover import expand_paths

    files, _ = expand_paths([folder], lambda path: False)
    files = files[:limit]
    size = sum(os.path.getsize(f) for f in files)
    with tempfile.TemporaryDirectory(prefix="tqlint-bench-prose-") as subset:
        for i, f in enumerate(files):  # one flat folder of copies: one process, as for tqlint
            shutil.copy(f, os.path.join(subset, f"{i:05d}-{os.path.basename(f)}"))
        start = time.perf_counter()
        subprocess.call([exe, "check", subset], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
    return {"files": len(files), "bytes": size, "seconds": elapsed, "mb_per_s": size / 2**20 / elapsed}


def verdict(value: float, target: float, higher_is_better: bool = True) -> str:
    met = value >= target if higher_is_better else value <= target
    return f"{'met' if met else 'MISSED'} (target {'>=' if higher_is_better else '<='} {target:g})"


def more_figures(folder: str, mb: float, work: str, env: dict, figures: dict) -> None:
    """The exact path, real MT, the dense article and the per-stage table."""
    exact = run(tqlint_command(folder, "--no-cache"), dict(env, TQLINT_STAGE1="off"))
    figures["exact_path_mb_per_s"] = mb / exact["seconds"]
    figures["exact_path_cpu_s_per_mb"] = exact["cpu_seconds"] / mb
    print(f"exact path (stage 1 off), all cores: {exact['seconds']:.2f} s = {figures['exact_path_mb_per_s']:.2f} MB/s, "
          f"{figures['exact_path_cpu_s_per_mb']:.2f} CPU-s per MB")
    sys.path.insert(0, HERE)
    from stages import WMT, wmt_articles

    if os.path.exists(WMT):
        real = os.path.join(work, "real-mt")
        real_mb = wmt_articles(real, 2000) / 2**20
        done = run(tqlint_command(real, "--no-cache"), env)
        figures["real_mt_mb_per_s"] = real_mb / done["seconds"]
        figures["real_mt_cpu_s_per_mb"] = done["cpu_seconds"] / real_mb
        print(f"real MT (wmt22-toen, {real_mb:.2f} MB), all cores: {done['seconds']:.2f} s = "
              f"{figures['real_mt_mb_per_s']:.2f} MB/s, {figures['real_mt_cpu_s_per_mb']:.2f} CPU-s per MB  "
              f"{verdict(figures['real_mt_mb_per_s'], TARGETS['real_mt_mb_per_s'])}")
    dense_file = os.path.join(work, "dense.md")
    dense_mb = dense(dense_file) / 2**20
    done = run(tqlint_command(dense_file, "--no-cache", "--format", "json"), env)
    figures["dense_s"], figures["dense_cpu_s"], figures["dense_max_rss_mb"] = done["seconds"], done["cpu_seconds"], done["max_rss_mb"]
    print(f"dense article ({dense_mb:.1f} MB): {done['seconds']:.1f} s ({done['cpu_seconds']:.1f} CPU-s)  "
          f"{verdict(done['seconds'], TARGETS['dense_s'], False)}; {done['max_rss_mb']:.0f} MB RSS  "
          f"{verdict(done['max_rss_mb'], TARGETS['dense_mb'], False)}; exit code {done['code']} (0 or 1: no rule gave up)")
    for target in [folder] + ([os.path.join(work, "real-mt")] if os.path.exists(WMT) else []):
        subprocess.call([sys.executable, os.path.join(HERE, "stages.py"), target], env=env)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=2000, help="articles to generate (default 2000)")
    parser.add_argument("--size", type=int, default=4000, help="mean article size in bytes (default 4000)")
    parser.add_argument("--folder", help="benchmark this folder instead of generated articles")
    parser.add_argument("--runs", type=int, default=7, help="runs for the single-article median (default 7)")
    parser.add_argument("--proselint-articles", type=int, default=300,
                        help="proselint is run over this many of the files (default 300)")
    parser.add_argument("--no-proselint", action="store_true", help="skip the proselint reference")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--quick", action="store_true", help="skip the exact path, real MT, the dense file and the stage table")
    args = parser.parse_args(argv)

    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    sys.path.insert(0, repo)
    work = tempfile.mkdtemp(prefix="tqlint-bench-")
    env = dict(os.environ, TQLINT_CACHE_DIR=os.path.join(work, "cache"))
    env.pop("CI", None)
    # An installed tqlint has its bytecode compiled (pip does it); a session that forbids writing
    # .pyc files would time the compiler instead of tqlint.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = repo + os.pathsep + env.get("PYTHONPATH", "")
    try:
        folder = args.folder
        if not folder:
            folder = os.path.join(work, "articles")
            generate(folder, args.articles, args.size)
        count, size = folder_stats(folder)
        mb = size / 2**20
        print(f"folder: {count} articles, {mb:.2f} MB ({folder if args.folder else 'generated'})")
        figures: dict = {"articles": count, "megabytes": round(mb, 3)}

        article = pick_median_article(folder)
        # The very first run on a machine parses and compiles the rule packs and keeps them
        # (tqlint.cache.packs, tqlint.cache.patterns); every later process starts from those.
        start = time.perf_counter()
        subprocess.call(tqlint_command(article, "--no-cache"), env=env, stdout=subprocess.DEVNULL,
                        stderr=subprocess.DEVNULL)
        figures["first_ever_ms"] = (time.perf_counter() - start) * 1000
        print(f"first run ever (empty cache folder, rules parsed and compiled): {figures['first_ever_ms']:.0f} ms")

        full = run(tqlint_command(folder, "--no-cache"), env)
        figures["mb_per_s"] = mb / full["seconds"]
        figures["articles_per_s"] = count / full["seconds"]
        print(f"throughput, all cores, no cache: {full['seconds']:.2f} s = {figures['mb_per_s']:.2f} MB/s, "
              f"{figures['articles_per_s']:.0f} articles/s  {verdict(figures['mb_per_s'], TARGETS['mb_per_s'])}")

        one = run(tqlint_command(folder, "--no-cache", "--jobs", "1"), env)
        figures["jobs_speedup"] = one["seconds"] / full["seconds"]
        print(f"--jobs 1: {one['seconds']:.2f} s; all cores ({os.cpu_count()}) are "
              f"{figures['jobs_speedup']:.2f}x faster  {verdict(figures['jobs_speedup'], TARGETS['jobs_speedup'])}")
        # Other work on the machine takes cores from the parallel run more than from the serial
        # one; CPU time shows what the parallel mode itself costs.
        figures["parallel_cpu_overhead"] = full["cpu_seconds"] / one["cpu_seconds"] - 1
        print(f"    CPU time: {one['cpu_seconds']:.2f} s on one core, {full['cpu_seconds']:.2f} s on all "
              f"({figures['parallel_cpu_overhead']:+.0%}); machine load {os.getloadavg()[0]:.1f}")

        first = run(tqlint_command(folder), env)
        again = run(tqlint_command(folder), env)
        figures["cache_first_s"], figures["cache_again_s"] = first["seconds"], again["seconds"]
        figures["cache_speedup"] = first["seconds"] / again["seconds"]
        print(f"cache: first run {first['seconds']:.2f} s, unchanged re-run {again['seconds']:.2f} s = "
              f"{figures['cache_speedup']:.1f}x faster  {verdict(figures['cache_speedup'], TARGETS['cache_speedup'])}")

        cold, cold_cpu = (x * 1000 for x in median_run(tqlint_command(article, "--no-cache"), env, args.runs))
        bare, bare_cpu = (x * 1000 for x in median_run([sys.executable, "-c", "pass"], env, args.runs))
        figures["cold_ms"], figures["python_startup_ms"] = cold, bare
        figures["cold_cpu_ms"], figures["python_startup_cpu_ms"] = cold_cpu, bare_cpu
        print(f"one article ({os.path.getsize(article)} bytes), fresh process, median of {args.runs}: "
              f"{cold:.0f} ms, {cold_cpu:.0f} CPU-ms (bare Python start-up {bare:.0f} ms, {bare_cpu:.0f} CPU-ms)  "
              f"{verdict(cold, TARGETS['cold_ms'], False)}")

        peaks = [full, one, first, again]
        figures["peak_max_rss_mb"] = max(p["max_rss_mb"] for p in peaks)
        figures["peak_tree_pss_mb"] = max(p["tree_pss_mb"] for p in peaks)
        print(f"peak memory: largest process {figures['peak_max_rss_mb']:.0f} MB RSS; whole tree "
              f"{figures['peak_tree_pss_mb']:.0f} MB PSS (sampled; 0 = psutil missing)  "
              f"{verdict(max(figures['peak_max_rss_mb'], figures['peak_tree_pss_mb']), TARGETS['peak_mb'], False)}")

        if args.no_proselint:
            print("proselint: skipped (--no-proselint)")
        else:
            prose = proselint_rate(folder, args.proselint_articles, env)
            if prose is None:
                print("proselint: not installed (pip install 'tqlint[bench]'), reference skipped")
            else:
                figures["proselint_mb_per_s"] = prose["mb_per_s"]
                figures["vs_proselint"] = figures["mb_per_s"] / prose["mb_per_s"]
                print(f"proselint over {prose['files']} of the articles: {prose['mb_per_s']:.3f} MB/s; "
                      f"tqlint is {figures['vs_proselint']:.1f}x its throughput  "
                      f"{verdict(figures['vs_proselint'], TARGETS['vs_proselint'])}")
        if not args.quick:
            more_figures(folder, mb, work, env, figures)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as handle:
                json.dump({k: round(v, 3) if isinstance(v, float) else v for k, v in figures.items()}, handle, indent=2)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
