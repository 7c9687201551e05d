"""BLEU, chrF and TER through sacrebleu (imported only when a score is computed), printed
exactly as sacrebleu's own command line prints them."""

from __future__ import annotations

from dataclasses import dataclass


class MetricInputError(Exception):
    """Input files that cannot be scored (unreadable, or not line-aligned)."""


@dataclass(frozen=True)
class MetricScore:
    name: str
    score: float
    signature: str
    formatted: str  # exactly what sacrebleu's own command line prints

    def to_dict(self) -> dict:
        return {"name": self.name, "score": round(self.score, 4), "signature": self.signature,
                "formatted": self.formatted}


def _read_lines(path: str) -> list[str]:
    try:
        with open(path, encoding="utf-8") as handle:
            return handle.read().splitlines()
    except UnicodeDecodeError as exc:
        raise MetricInputError(f"{path}: not valid UTF-8 at byte {exc.start}") from None
    except OSError as exc:
        raise MetricInputError(f"{path}: {exc.strerror or exc}") from None


def _metric(name: str):
    from sacrebleu.metrics import (  # start-up: sacrebleu loads only when scoring
        BLEU,
        CHRF,
        TER,
    )

    return {"bleu": BLEU, "chrf": CHRF, "ter": TER}[name]()


def corpus_scores(hypothesis: str, references, metric_names, width: int = 1) -> list[MetricScore]:
    hyps = _read_lines(hypothesis)
    refs = [_read_lines(r) for r in references]
    for path, lines in zip(references, refs):
        if len(lines) != len(hyps):
            raise MetricInputError(f"{path}: {len(lines)} lines, but {hypothesis} has {len(hyps)}; files must be line-aligned")
    results = []
    for name in metric_names:
        metric = _metric(name)
        score = metric.corpus_score(hyps, refs)
        signature = str(metric.get_signature())
        results.append(MetricScore(score.name, score.score, signature, score.format(width=width, signature=signature)))
    return results
