"""One store for everything tqlint keeps between runs, outside the repository being linted.

- `store`: where the cache lives (`$TQLINT_CACHE_DIR`, else `$XDG_CACHE_HOME/tqlint`, else
  `~/.cache/tqlint`; `TQLINT_CACHE_DIR=off` switches every part off), whole-file writes,
  pruning of every section.
- `keys`: tqlint's code stamp and the one fingerprint of a setup (config, selection, pack files).
- `results`: each file's findings, keyed by its text and the setup.
- `packs`: rule files parsed (and proven to compile) once, read back as JSON.
- `patterns`: compiled `regex` patterns, read back without re-parsing (its own off switch).

Every failure of the cache is silent: linting never depends on it.
"""
