"""`tqlint score` prints what sacrebleu itself prints: the same figures to the last digit, the same
signatures, for BLEU, chrF and TER, text and JSON, one or several references."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from tqlint.cli import cli

# Written for this test: machine-translation-like hypotheses and two human references.
HYP = [
    "The minister said that the prices grew with 10 percent in the last year.",
    "Talks with SUA went on during one week , the officials told.",
    "He left to Brussels Monday for to meet the actual prime minister.",
    "The company Renault said she will build a new factory in Pitesti.",
    "Unemployment fell at 5,5 percent in March.",
    "",
    "Rain is expected in the weekend across the whole country.",
]
REF_A = [
    "The minister said prices rose by 10 percent last year.",
    "Talks with the United States went on for a week, officials said.",
    "He left for Brussels on Monday to meet the current prime minister.",
    "Renault said it would build a new factory in Pitesti.",
    "Unemployment fell to 5.5 percent in March.",
    "",
    "Rain is expected across the country at the weekend.",
]
REF_B = [
    "Prices grew by 10% last year, the minister said.",
    "Talks with the US lasted a week, according to officials.",
    "On Monday he went to Brussels to meet the present prime minister.",
    "Carmaker Renault said it will build a new plant in Pitesti.",
    "The jobless rate dropped to 5.5% in March.",
    "",
    "Rain is forecast nationwide over the weekend.",
]


@pytest.fixture
def files(tmp_path):
    paths = {}
    for name, lines in (("hyp", HYP), ("ref_a", REF_A), ("ref_b", REF_B)):
        path = tmp_path / f"{name}.txt"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        paths[name] = str(path)
    return paths


def _sacrebleu_cli(refs, hyp, width):
    """sacrebleu's own command line, in text format."""
    command = [sys.executable, "-m", "sacrebleu", *refs, "-i", hyp, "-m", "bleu", "chrf", "ter", "-f", "text", "-w", str(width)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return [line.strip() for line in done.stdout.splitlines() if line.strip()]


def _figures(lines):
    return {line.split("|")[0]: line.split(" = ", 1)[1].split()[0] for line in lines}


@pytest.mark.parametrize("width", [1, 2, 4])
@pytest.mark.parametrize("refs", [["ref_a"], ["ref_a", "ref_b"]])
def test_text_output_matches_sacrebleu_cli(files, refs, width):
    ref_paths = [files[r] for r in refs]
    theirs = _sacrebleu_cli(ref_paths, files["hyp"], width)
    result = CliRunner().invoke(cli, ["score", files["hyp"], *ref_paths, "-w", str(width)])
    assert result.exit_code == 0, result.output
    ours = [line.strip() for line in result.output.splitlines() if line.strip()]
    assert _figures(ours) == _figures(theirs)
    assert set(_figures(ours)) == {"BLEU", "chrF2", "TER"}
    for figure in _figures(ours).values():  # printed with exactly `width` decimals
        assert re.fullmatch(rf"\d+\.\d{{{width}}}", figure), figure
    assert ours == theirs  # signatures and BLEU's n-gram details too


def test_json_output_matches_sacrebleu_api(files):
    from sacrebleu.metrics import BLEU, CHRF, TER

    result = CliRunner().invoke(cli, ["score", files["hyp"], files["ref_a"], files["ref_b"], "--format", "json", "-w", "4"])
    assert result.exit_code == 0, result.output
    data = {item["name"]: item for item in json.loads(result.output)}
    refs = [REF_A, REF_B]
    for name, metric in (("BLEU", BLEU()), ("chrF2", CHRF()), ("TER", TER())):
        expected = metric.corpus_score(HYP, refs)
        assert data[name]["score"] == round(expected.score, 4)
        assert data[name]["signature"] == str(metric.get_signature())
        assert data[name]["formatted"] == expected.format(width=4, signature=str(metric.get_signature()))


def test_json_output_matches_sacrebleu_cli_json(files):
    done = subprocess.run([sys.executable, "-m", "sacrebleu", files["ref_a"], "-i", files["hyp"], "-m", "bleu", "chrf", "ter",
                           "-w", "3"], capture_output=True, text=True, check=True)
    theirs = {item["name"]: item for item in json.loads(done.stdout)}
    result = CliRunner().invoke(cli, ["score", files["hyp"], files["ref_a"], "--format", "json", "-w", "3"])
    ours = {item["name"]: item for item in json.loads(result.output)}
    assert set(ours) == set(theirs)
    for name in theirs:
        assert round(ours[name]["score"], 3) == theirs[name]["score"]
        assert ours[name]["signature"] == theirs[name]["signature"]


def test_one_metric(files):
    result = CliRunner().invoke(cli, ["score", files["hyp"], files["ref_a"], "-m", "chrf"])
    assert result.exit_code == 0
    assert result.output.startswith("chrF2|") and result.output.count("\n") == 1


def test_misaligned_files_are_a_usage_error(files, tmp_path):
    short = tmp_path / "short.txt"
    short.write_text("One line.\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", files["hyp"], str(short)])
    assert result.exit_code == 2
    assert "1 lines, but" in result.output and "line-aligned" in result.output


def test_invalid_utf8_is_a_usage_error(files, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9\n")
    result = CliRunner().invoke(cli, ["score", str(bad), files["ref_a"]])
    assert result.exit_code == 2
    assert "not valid UTF-8" in result.output
