"""Learn the length model of each language pair from human translations: how many English
characters one source character becomes (`ratio`) and how much that varies per character
(`variance`), as Gale and Church's aligner and the omission check use them. Prints the table
that tqlint/bilingual/lengths.py holds, and the spread of the length score on the references
(the score a sentence must pass to be called an omission or an addition).

    python bench/bilingual_lengths.py ../shared/corpus/wmt22-toen.jsonl
"""

from __future__ import annotations

import json
import statistics
import sys
from collections import defaultdict

from tqlint.text.align import length_score
from tqlint.text.bitext import text_length


def main(path: str) -> None:
    pairs = defaultdict(list)
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            language = record["pair"].split("-")[0]
            source = text_length(record["source"])
            for reference in record["refs"].values():
                if source >= 20:  # a few characters say nothing about a language's ratio
                    pairs[language].append((source, text_length(reference)))
    print("# language: (ratio, variance), learned by bench/bilingual_lengths.py")
    for language, lengths in sorted(pairs.items()):
        ratio = sum(t for _, t in lengths) / sum(s for s, _ in lengths)
        variance = sum((t - s * ratio) ** 2 for s, t in lengths) / sum((s + t / ratio) / 2 for s, t in lengths)
        scores = sorted(length_score(s, t, ratio, variance) for s, t in lengths)
        q = statistics.quantiles(scores, n=1000)
        print(f'    "{language}": ({ratio:.3f}, {variance:.2f}),  # n={len(lengths)}; score 0.1%={q[0]:.2f} 99.9%={q[-1]:.2f}')


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/corpus/wmt22-toen.jsonl")
