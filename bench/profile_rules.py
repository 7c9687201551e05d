"""Where does one core's time go? Reading, each stage of the document, and each rule.

    python bench/profile_rules.py                   # 500 generated articles
    python bench/profile_rules.py --folder DIR --top 30

Runs in one process, without the cache, and prints the slowest rules first, so a rule author
can see what their rule costs on a folder of articles.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
sys.path.insert(0, os.path.dirname(HERE))

from generate import generate  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folder")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--packs", nargs="+", help="pack names or folders (default: the built-in packs)")
    args = parser.parse_args(argv)

    from tqlint.config import Config
    from tqlint.engine.context import LintContext
    from tqlint.packs.ruleset import build_ruleset
    from tqlint.text.discover import expand_paths
    from tqlint.text.files import read_file
    from tqlint.text.readers import read_document, syntax_for_path

    with tempfile.TemporaryDirectory(prefix="tqlint-profile-") as work:
        folder = args.folder or os.path.join(work, "articles")
        if not args.folder:
            generate(folder, args.articles)
        files, _ = expand_paths([folder], lambda path: False)
        start = time.process_time()
        ruleset = build_ruleset(Config(packs=tuple(args.packs) if args.packs else None))
        load = time.process_time() - start
        context = LintContext()
        texts = [(read_file(f).text, syntax_for_path(f)) for f in files]
    size = sum(len(t.encode()) for t, _ in texts) / 2**20
    start = time.process_time()
    docs = [read_document(text, kind) for text, kind in texts]
    reading = time.process_time() - start
    start = time.process_time()
    for doc in docs:
        _ = doc.sentences
    splitting = time.process_time() - start
    # Computed once per document and shared by the rules that need them: timed apart, so the
    # first rule to ask is not charged for everyone.
    from tqlint.engine.prefilter import ascii_words, folded_view

    start = time.process_time()
    for doc in docs:
        ascii_words(folded_view(doc) and doc)
    shared = time.process_time() - start
    costs = []
    for active in ruleset.rules:
        start = time.process_time()
        hits = 0
        for doc in docs:
            if active.rule.needs_source and doc.bitext is None:
                continue  # a bilingual rule without a source at hand: the engine skips it too
            for _ in active.rule.matcher(doc, context):
                hits += 1
        costs.append((time.process_time() - start, hits, active.rule.id))
    total_rules = sum(c for c, _, _ in costs)
    print(f"{len(docs)} documents, {size:.2f} MB, {len(ruleset.rules)} rules (loaded in {load * 1000:.0f} ms)")
    print(f"reading (markup → prose view): {reading:.2f} s; sentence splitting: {splitting:.2f} s; "
          f"lowercase view and word set (for requirements): {shared:.2f} s; all rules: {total_rules:.2f} s"
          f"  → {size / (reading + splitting + shared + total_rules):.2f} MB/s on one core")
    print(f"{'seconds':>8} {'MB/s':>8} {'hits':>6}  rule")
    for cost, hits, rule_id in sorted(costs, reverse=True)[:args.top]:
        print(f"{cost:8.3f} {size / cost if cost else float('inf'):8.1f} {hits:6d}  {rule_id}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
