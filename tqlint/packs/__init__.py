"""Rule packs: where a pack name points (locate), YAML rules validated and compiled (loader,
model), a run's RuleSet (ruleset) chosen by one decision point (selection), the proof of every
rule by its own examples (proof), and the generated rule reference (docgen)."""
