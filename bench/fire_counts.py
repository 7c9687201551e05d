"""How often each built-in rule fires on real machine translation and on the human references of
the same segments: the data behind the "real MT / refs" column of docs/rules.md (issue 14's
rule hygiene). Runs `tqlint eval --references` (every system, default config) and keeps, per
rule, its findings on the MT and on the references, with the words of each side.

    python bench/fire_counts.py             # writes rules/fire-counts.json, then regenerate docs/rules.md
    python bench/fire_counts.py --out -     # to stdout

A rule that fires on the references at half its MT rate or more does not tell MT from careful
English; one that never fires may still be real for a source language the corpus lacks (it has
cs, de, ja, ru, uk and zh into English).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus", "wmt22-toen.jsonl")
OUT = os.path.join(ROOT, "rules", "fire-counts.json")


def measure(corpus: str) -> dict:
    command = [sys.executable, "-m", "tqlint", "eval", "--references", corpus, "--no-config", "--format", "json"]
    run = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if run.returncode not in (0, 1) or not run.stdout.strip():
        raise SystemExit(f"fire_counts: {' '.join(command[2:])} failed ({run.returncode}): {run.stderr.strip()[-500:]}")
    report = json.loads(run.stdout)
    return {
        "corpus": os.path.basename(corpus),
        "segments": report["segments"],
        "pairs": sorted(report["pairs"]),
        "words": {"mt": report["mt"]["words"], "refs": report["refs"]["words"]},
        "rules": {rule: {"mt": row["mt"], "refs": row["refs"]} for rule, row in sorted(report["by_rule"].items())},
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=CORPUS, help="the wmt22-toen.jsonl file")
    parser.add_argument("--out", default=OUT, help="where to write the counts ('-': stdout)")
    args = parser.parse_args(argv)
    if not os.path.isfile(args.corpus):
        parser.error(f"{args.corpus}: no such file")
    counts = measure(args.corpus)
    data = json.dumps(counts, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    if args.out == "-":
        sys.stdout.write(data)
        return 0
    with open(args.out + ".part", "w", encoding="utf-8") as handle:
        handle.write(data)
    os.replace(args.out + ".part", args.out)  # never a half-written file
    print(f"{len(counts['rules'])} rules fired on {counts['segments']:,} segments -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
