"""What rules may know about a run besides the document: names from the config, languages."""

from __future__ import annotations

from dataclasses import dataclass

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing: 5 ms of a cold start)

if TYPE_CHECKING:  # (read only where a config names a glossary: a plain check never loads it)
    from tqlint.bilingual.glossary import Glossary


@dataclass(frozen=True)
class LintContext:
    """What rules may know besides the document: names, source languages, glossary, time budget."""
    organisations: tuple[str, ...] = ()
    people: tuple[str, ...] = ()
    source_languages: tuple[str, ...] = ()
    glossary: Glossary | None = None  # the desk's term list, for the bilingual glossary rules
    # CPU seconds a single rule may spend on one document (tqlint.engine.budget: load on the
    # machine does not count): a floor plus a share per megabyte, so a long file is not cut
    # short while a runaway regex is still stopped.
    timeout_floor: float = 2.0
    timeout_per_mb: float = 4.0
    # Report suppression comments that suppressed nothing (--report-unused-suppressions).
    report_unused_suppressions: bool = False

    def regex_timeout(self, doc) -> float:
        return self.timeout_floor + self.timeout_per_mb * len(doc.view) / 1_000_000

    @classmethod
    def from_config(cls, config) -> LintContext:
        """The context of a config (its glossary read now: a bad one is a YamlError naming the line)."""
        glossary = None
        if config.glossary:
            from tqlint.bilingual.glossary import Glossary  # start-up: only a config with one

            glossary = Glossary.load(config.glossary)
        return cls(config.organisations, config.people, config.source_languages, glossary)
