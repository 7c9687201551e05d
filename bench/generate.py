"""Deterministic synthetic news articles for the benchmark.

Every sentence is composed here from small word lists (no corpus text): Markdown articles with
front matter, headings, lists, links, inline code and quotes, and now and then a mark machine
translation leaves behind (a space before a comma, a decimal comma, a calque), so rules fire at
a realistic rate rather than never.
"""

from __future__ import annotations

import os
import random

SUBJECTS = [
    "The government", "The central bank", "The mayor", "Officials", "The ministry of health",
    "Opposition leaders", "The company", "Analysts", "The union", "Local residents",
    "The prime minister", "The court", "Investors", "The regional council", "Police",
    "The football club", "Researchers", "The airline", "Farmers", "The energy regulator",
]
VERBS = [
    "announced", "rejected", "approved", "criticised", "postponed", "welcomed", "proposed",
    "confirmed", "denied", "questioned", "defended", "unveiled", "suspended", "reviewed",
]
OBJECTS = [
    "a new budget", "the reform plan", "an agreement on wages", "the tax increase",
    "a package of measures", "the construction of a bridge", "the merger", "new safety rules",
    "the annual report", "a proposal to cut emissions", "the election timetable",
    "an inquiry into the contract", "plans for a new hospital", "the transport strategy",
]
TAILS = [
    "on Tuesday", "after weeks of talks", "despite strong criticism", "in a statement",
    "at a press conference", "earlier this month", "for the second time this year",
    "following a vote in parliament", "without giving details", "amid rising prices",
]
PLACES = ["Bucharest", "Lyon", "Madrid", "Hamburg", "Shanghai", "Porto", "Turin", "Cluj", "Seville"]
QUOTES = [
    "We will not accept these conditions", "This is a good day for the city",
    "The figures speak for themselves", "Nobody expected such a result",
    "We need more time to study the proposal", "The decision was taken too quickly",
]
# Marks a translation engine leaves; each is composed here, around the generated sentence.
ARTIFACTS = [
    lambda r: f"Prices grew with {r.randint(2, 30)} percent last year .",
    lambda r: f"Inflation reached {r.randint(1, 9)},{r.randint(1, 9)} percent in the spring.",
    lambda r: "The talks ended , without a deal.",
    lambda r: f"Sales rose by {r.randint(2, 40)} percent compared to last year.",
    lambda r: "The minister said that the plan is \u201egood for everyone\u201d.",
    lambda r: "The company said she would appeal the ruling.",
    lambda r: "Turnout was low ,. Results were expected later.",
]


def sentence(r: random.Random) -> str:
    text = f"{r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)} {r.choice(TAILS)}"
    roll = r.random()
    if roll < 0.15:
        text += f" in {r.choice(PLACES)}"
    elif roll < 0.3:
        text += f", which would cost {r.randint(2, 900)} million euros"
    elif roll < 0.4:
        text += f", according to figures published on {r.randint(1, 28)} May"
    return text + "."


def paragraph(r: random.Random, artifact_rate: float) -> str:
    parts = []
    for _ in range(r.randint(3, 6)):
        if r.random() < artifact_rate:
            parts.append(r.choice(ARTIFACTS)(r))
        elif r.random() < 0.08:
            parts.append(f"\u201c{r.choice(QUOTES)},\u201d said a spokesperson in {r.choice(PLACES)}.")
        else:
            parts.append(sentence(r))
    text = " ".join(parts)
    roll = r.random()
    if roll < 0.05:
        text += f" Details are at [the ministry site](https://example.org/news/{r.randint(1, 9999)})."
    elif roll < 0.08:
        text += f" The data set is called `budget_{r.randint(2000, 2030)}.csv`."
    return text


def article(index: int, target_bytes: int = 4000, artifact_rate: float = 0.04, seed: int = 1) -> str:
    r = random.Random(seed * 1_000_003 + index)
    lines = [
        "---",
        f"title: \"Report {index}: {r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}\"",
        f"date: 2024-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
        f"tags: [{r.choice(PLACES).lower()}, news]",
        "---",
        "",
        f"# {r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}",
        "",
    ]
    size = sum(len(line) + 1 for line in lines)
    while size < target_bytes:
        roll = r.random()
        if roll < 0.08:
            block = f"## {r.choice(TAILS).capitalize()}"
        elif roll < 0.14:
            block = "\n".join(f"- {sentence(r)}" for _ in range(r.randint(2, 4)))
        elif roll < 0.17:
            block = f"> {r.choice(QUOTES)}, said one resident of {r.choice(PLACES)}."
        else:
            block = paragraph(r, artifact_rate)
        lines += [block, ""]
        size += len(block) + 2
    return "\n".join(lines)


def generate(folder: str, count: int, target_bytes: int = 4000, seed: int = 1) -> int:
    """Write `count` articles into folder (in subfolders of 500); → total bytes written."""
    total = 0
    for index in range(count):
        sub = os.path.join(folder, f"batch-{index // 500:03d}")
        os.makedirs(sub, exist_ok=True)
        # Vary the length around the target: news articles range from briefs to features.
        r = random.Random(seed + index)
        data = article(index, int(target_bytes * r.uniform(0.4, 1.6)), seed=seed).encode("utf-8")
        with open(os.path.join(sub, f"article-{index:05d}.md"), "wb") as handle:
            handle.write(data)
        total += len(data)
    return total


def dense(path: str, megabytes: float = 4.0, artifact_rate: float = 0.5, seed: int = 7) -> int:
    """One very long Markdown article in which every other sentence carries an artifact: the
    worst case for linear cost and for rules that fire thousands of times. → bytes written."""
    r = random.Random(seed)
    blocks, size = [f"# {r.choice(SUBJECTS)} {r.choice(VERBS)} {r.choice(OBJECTS)}"], 0
    while size < megabytes * 2**20:
        block = paragraph(r, artifact_rate)
        blocks.append(block)
        size += len(block.encode("utf-8")) + 2
    data = "\n\n".join(blocks).encode("utf-8")
    with open(path, "wb") as handle:
        handle.write(data)
    return len(data)
