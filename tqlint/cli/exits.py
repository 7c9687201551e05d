"""The exit codes every command shares: 0 nothing at or above --fail-on; 1 findings at or above
it; 2 usage, config or input error; 3 a bug in tqlint; 130 interrupted."""

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERNAL, EXIT_INTERRUPTED = 0, 1, 2, 3, 130
