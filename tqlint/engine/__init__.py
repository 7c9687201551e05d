"""Running a RuleSet over Documents: which rules can fire (prefilter), each rule's hits mapped
back to the file as Findings (run), inline suppressions (suppress), what rules may know about the
run (context), and many files on all cores (parallel)."""
