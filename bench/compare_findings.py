"""Do two versions of tqlint find the same things? Snapshot the findings over a fixed set of
texts, then compare snapshots.

    python bench/compare_findings.py snapshot before.json          # on the old code
    python bench/compare_findings.py snapshot after.json           # on the new code
    python bench/compare_findings.py diff before.json after.json   # exit 1 when they differ
    python bench/compare_findings.py snapshot out.json FILE… [--select RULE…]   # given texts only

The texts: the bundled examples, every text in tests/data (passages, articles, blind sets), every
rule example of the built-in packs, and, when ../shared/corpus is beside the project, the shared
corpora (dev cases, MQM targets, post-edit MT and PE, and the first --wmt-segments segments of
wmt22-toen: every system's output and every reference). Findings are keyed by text id, span,
rule, message and fixes, so a change of any of them shows. A rule that moved to another pack
records its former id in `replaces:` (en-news/time-uhr → from-de/time-uhr): diff maps the old
snapshot's ids through the packs of the tree it runs in, so a moved rule with the same findings
counts as unchanged (`--no-moves` switches that off). `--rename OLD=NEW` maps a rule-id prefix.

Files named on the command line replace that default set: folders recurse; .md/.txt/.html are one
text each; .yaml is a list of items with `text`; .jsonl lines give their `text`, `target`, and
every `mt` and `refs` translation; .tsv rows give `mt_detok` and `pe_detok`. `--select` lints
with only the named rules (ids or prefixes), which makes a snapshot of one kind quick.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "corpus")
sys.path.insert(0, ROOT)


def _yaml_texts(path: str):
    import yaml

    with open(path, encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    for index, item in enumerate(data if isinstance(data, list) else ()):
        if isinstance(item, dict) and isinstance(item.get("text"), str):
            yield f"{_label(path)}#{item.get('id', index)}", item["text"], "text"


def _example_texts():
    from tqlint.api import Linter

    ruleset = Linter(no_config=True).setup_for(None)[0]
    for pack in ruleset.packs:
        for rule in pack.rules:
            for n, example in enumerate(rule.flag_examples + rule.pass_examples):
                yield f"example:{rule.id}#{n}", example.text, "text"


def _corpus_texts(wmt_segments: int):
    if not os.path.isdir(CORPUS):
        return
    yield from _yaml_texts(os.path.join(CORPUS, "dev-cases.yaml"))
    with open(os.path.join(CORPUS, "mqm-zhen-dev.jsonl"), encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            yield f"mqm#{n}", json.loads(line)["target"], "text"
    import csv

    with open(os.path.join(CORPUS, "mlqepe-roen-dev.tsv"), encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)):
            yield f"mlqepe-mt#{n}", row["mt_detok"], "text"
            yield f"mlqepe-pe#{n}", row["pe_detok"], "text"
    with open(os.path.join(CORPUS, "wmt22-toen.jsonl"), encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if n >= wmt_segments:
                break
            segment = json.loads(line)
            for name, text in sorted({**segment["refs"], **segment["mt"]}.items()):
                yield f"wmt#{n}:{name}", text, "text"


def texts(wmt_segments: int):
    for folder, _dirs, names in sorted(os.walk(os.path.join(ROOT, "examples"))):
        for name in sorted(names):
            if name.endswith((".md", ".txt", ".html")):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as handle:
                    kind = {"md": "markdown", "html": "html"}.get(name.rsplit(".", 1)[1], "text")
                    yield os.path.relpath(path, ROOT), handle.read(), kind
    for folder, _dirs, names in sorted(os.walk(os.path.join(ROOT, "tests", "data"))):
        for name in sorted(names):
            if name.endswith(".yaml"):
                yield from _yaml_texts(os.path.join(folder, name))
    yield from _example_texts()
    yield from _corpus_texts(wmt_segments)


def _label(path: str) -> str:
    """A file's name in a snapshot: relative to the project when inside it (so two checkouts of
    the project name their own files alike), else absolute."""
    path = os.path.abspath(path)
    return os.path.relpath(path, ROOT) if path.startswith(ROOT + os.sep) else path


def _jsonl_texts(path: str):
    label = _label(path)
    with open(path, encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if not line.strip():
                continue
            record = json.loads(line)
            for field in ("text", "target"):
                if isinstance(record.get(field), str):
                    yield f"{label}#{n}:{field}", record[field], "text"
            for field in ("refs", "mt"):
                for name, text in sorted((record.get(field) or {}).items()):
                    yield f"{label}#{n}:{name}", text, "text"


def _tsv_texts(path: str):
    import csv

    label = _label(path)
    with open(path, encoding="utf-8", newline="") as handle:
        for n, row in enumerate(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)):
            for field in ("mt_detok", "pe_detok"):
                if row.get(field) is not None:
                    yield f"{label}#{n}:{field}", row[field], "text"


def file_texts(paths):
    """The texts of the files (and folders) named on the command line."""
    for path in paths:
        if os.path.isdir(path):
            found = sorted(os.path.join(folder, name) for folder, _dirs, names in os.walk(path) for name in names)
            yield from file_texts(found)
            continue
        ext = path.rsplit(".", 1)[-1].lower() if "." in os.path.basename(path) else ""
        if ext in ("md", "txt", "html"):
            with open(path, encoding="utf-8") as handle:
                yield _label(path), handle.read(), {"md": "markdown", "html": "html"}.get(ext, "text")
        elif ext in ("yaml", "yml"):
            yield from _yaml_texts(path)
        elif ext == "jsonl":
            yield from _jsonl_texts(path)
        elif ext == "tsv":
            yield from _tsv_texts(path)
        elif not os.path.exists(path):
            raise SystemExit(f"compare_findings: {path}: no such file")


def snapshot(out: str, wmt_segments: int, paths=(), select=()) -> int:
    from tqlint.api import Linter

    linter = Linter(no_config=True, select=tuple(select))
    rows = {}
    for text_id, text, kind in (file_texts(paths) if paths else texts(wmt_segments)):
        result = linter.lint_text(text, None, syntax=kind)
        rows[text_id] = [[f.start, f.end, f.rule, f.message,
                          [[fix.title, [[e.start, e.end, e.replacement] for e in fix.edits], fix.safe]
                           for fix in f.fixes]] for f in result.findings]
    with open(out + ".part", "w", encoding="utf-8") as handle:
        json.dump(rows, handle, ensure_ascii=False, indent=0, sort_keys=True)
    os.replace(out + ".part", out)  # never a half-written snapshot
    total = sum(len(v) for v in rows.values())
    print(f"{len(rows)} texts, {total} findings -> {out}")
    return 0


def _moved_rules() -> dict[str, str]:
    """Former id → current id, from the `replaces:` lists of the built-in packs here."""
    from tqlint.api import Linter

    ruleset = Linter(no_config=True).setup_for(None)[0]
    return {old: rule.id for pack in ruleset.packs for rule in pack.rules for old in getattr(rule, "replaces", ())}


def _renamed(rows: dict, renames: list[tuple[str, str]], moved: dict[str, str]) -> dict:
    if not renames and not moved:
        return rows
    out = {}
    for text_id, findings in rows.items():
        fixed = []
        for finding in findings:
            if finding[2] in moved:
                finding = [*finding[:2], moved[finding[2]], *finding[3:]]
            for old, new in renames:
                if finding[2].startswith(old):
                    finding = [*finding[:2], new + finding[2][len(old):], *finding[3:]]
            fixed.append(finding)
        out[text_id] = fixed
    return out


def diff(before_path: str, after_path: str, renames, show: int, moves: bool = True) -> int:
    with open(before_path, encoding="utf-8") as handle:
        before = _renamed(json.load(handle), renames, _moved_rules() if moves else {})
    with open(after_path, encoding="utf-8") as handle:
        after = json.load(handle)
    differing = []
    for text_id in sorted(set(before) | set(after)):
        old = {json.dumps(f, ensure_ascii=False) for f in before.get(text_id, [])}
        new = {json.dumps(f, ensure_ascii=False) for f in after.get(text_id, [])}
        if old != new and not text_id.startswith("example:"):
            differing.append((text_id, sorted(old - new), sorted(new - old)))
    one_side = set(before) ^ set(after)
    only_examples = sum(text_id.startswith("example:") for text_id in one_side)
    print(f"{len(before)} / {len(after)} texts; {len(differing)} texts differ"
          f" (rule examples added or removed: {only_examples};"
          f" other texts in one snapshot only: {len(one_side) - only_examples})")
    per_rule: dict[tuple[str, str], int] = {}
    for _, lost, gained in differing:
        for sign, items in (("-", lost), ("+", gained)):
            for item in items:
                key = (json.loads(item)[2], sign)
                per_rule[key] = per_rule.get(key, 0) + 1
    for (rule, sign), count in sorted(per_rule.items()):
        print(f"  {sign}{count:<5} {rule}")
    for text_id, lost, gained in differing[:show]:
        print(f"  {text_id}")
        for item in lost:
            print(f"    - {item[:200]}")
        for item in gained:
            print(f"    + {item[:200]}")
    return 1 if differing else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    snap = sub.add_parser("snapshot")
    snap.add_argument("out")
    snap.add_argument("files", nargs="*", help="lint these files and folders instead of the default set")
    snap.add_argument("--select", action="append", default=[], metavar="RULE")
    snap.add_argument("--wmt-segments", type=int, default=1500)
    cmp_ = sub.add_parser("diff")
    cmp_.add_argument("before")
    cmp_.add_argument("after")
    cmp_.add_argument("--rename", action="append", default=[], metavar="OLD=NEW")
    cmp_.add_argument("--show", type=int, default=20)
    cmp_.add_argument("--no-moves", action="store_true", help="do not map the former ids of moved rules")
    args = parser.parse_args(argv)
    os.environ.setdefault("TQLINT_CACHE_DIR", "off")
    if args.command == "snapshot":
        return snapshot(args.out, args.wmt_segments, args.files, args.select)
    return diff(args.before, args.after, [tuple(r.split("=", 1)) for r in args.rename], args.show, not args.no_moves)


if __name__ == "__main__":
    sys.exit(main())
