"""What the CLI, the pre-commit hook, editor integrations and batch jobs all call.

    from tqlint.api import lint_text, lint_paths, fix_paths
    result = lint_text("Prices grew with 10 percent .", path="a.md")

A `Linter` holds one run's state (configs and packs loaded once, rule sets per config);
the module-level functions make one for a single call.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace

from tqlint.cache.keys import entry_key, setup_fingerprint
from tqlint.config import Config, ConfigFinder
from tqlint.engine.context import LintContext
from tqlint.engine.parallel import map_files
from tqlint.engine.run import RuleFailure, lint_document, lint_documents
from tqlint.finding import FileResult, Finding
from tqlint.fixer import fix_until_stable
from tqlint.packs.locate import pack_locations
from tqlint.packs.ruleset import PackLoader, RuleSet, build_ruleset
from tqlint.packs.selection import Selection
from tqlint.text.discover import expand_paths, is_ignored
from tqlint.text.files import FileError, encode, read_file, write_atomically
from tqlint.text.readers import read_document, syntax_for_path
from tqlint.yamlio import YamlError as ConfigError  # noqa: F401  what a bad .tqlint.yaml or rule pack raises

TYPE_CHECKING = False  # (typing.TYPE_CHECKING without importing typing: 5 ms of a cold start)
if TYPE_CHECKING:
    from typing import Any

    from tqlint.bilingual.source import SourceText


def __getattr__(name: str):
    # The bilingual reader (alignment, lengths) loads only where a source is given or asked
    # for: a plain check of one article never needs it (tqlint.api.SourceText still works).
    if name == "SourceText":
        from tqlint.bilingual.source import SourceText  # start-up: only where asked for

        return SourceText
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _bilingual():
    from tqlint.bilingual import source  # start-up: alignment loads only for a source

    return source


@dataclass(frozen=True)
class FixOutcome:
    """One file's fixing: its text before and after, the fixes applied, what is left."""
    path: str
    original: str
    fixed: str
    applied: int
    result: FileResult  # findings left after fixing
    written: bool = False
    error: str | None = None

    @property
    def changed(self) -> bool:
        return self.fixed != self.original


@dataclass
class RunResult:
    """What a run found and fixed, file by file."""
    files: list[FileResult] = field(default_factory=list)
    fixes: list[FixOutcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # files named outright that ignore-paths skips

    @property
    def findings(self) -> list[Finding]:
        return [f for file in self.files for f in file.findings]


class Linter:
    def __init__(self, config_path: str | None = None, no_config: bool = False,
                 select: tuple[str, ...] = (), ignore: tuple[str, ...] = (), config: Config | None = None,
                 languagetool: str | None = None, cache=None, respect_gitignore: bool = True,
                 report_unused_suppressions: bool = False, source: str | None = None,
                 source_language: str | None = None):
        self._config_args = (config_path, no_config)
        self._configs = ConfigFinder(config_path, no_config)
        # What builds an equal Linter in another process (a Dask worker): paths made absolute.
        self.settings: dict[str, Any] = {"config_path": os.path.abspath(config_path) if config_path else None,
                         "no_config": no_config, "select": tuple(select), "ignore": tuple(ignore),
                         "languagetool": languagetool, "source_language": source_language}
        # Bilingual runs: the source of the one file linted (`--source`), and its language
        # (else the config's `source-languages`, else detected). Without `source`, each config's
        # `source-path:` finds the sources.
        self._source_path, self._source_language = source, source_language
        self.respect_gitignore = respect_gitignore  # walking folders passes over what git ignores
        self._report_unused = report_unused_suppressions
        # A tqlint.cache.ResultCache, or None: the API lints afresh unless given one (the CLI
        # passes one unless --no-cache).
        self.cache = cache
        self._fingerprints: dict[int, str] = {}
        self._fixed_config = config
        # `--languagetool [URL]`: None leaves each config's `languagetool:` as it is; "" switches
        # LanguageTool on with the configured server (or a local one); a URL names the server.
        self._languagetool_override = languagetool
        self._overridden: dict[int, tuple[Config, Config]] = {}
        self._lt_settings: dict[int, object] = {}
        self._lt_runner = None
        self._select, self._ignore = tuple(select), tuple(ignore)
        self._loader = PackLoader()
        self._rulesets: dict[int, tuple[RuleSet, LintContext]] = {}

    def reload(self) -> None:
        """Forget every config, rule pack and rule set read so far, so the next call reads them
        afresh (a long-lived caller, the language server, calls this when a .tqlint.yaml or a
        pack changes). A running LanguageTool keeps running."""
        self._configs = ConfigFinder(*self._config_args)
        self._loader = PackLoader()
        for cached in (self._fingerprints, self._overridden, self._lt_settings, self._rulesets):
            cached.clear()

    def config_for(self, path: str | None) -> Config:
        config = self._fixed_config or self._configs.for_path(path)
        if self._languagetool_override is None:
            return config
        key = id(config)
        if key not in self._overridden:  # the override is part of the config, so of its fingerprint
            from tqlint.engines.languagetool import settings as lt_settings  # start-up: only with LanguageTool

            merged = lt_settings.with_override(config.languagetool, self._languagetool_override)
            self._overridden[key] = (config, replace(config, languagetool=merged))
        return self._overridden[key][1]

    @property
    def languagetool_runner(self):
        """The run's one LanguageTool session (created on first use)."""
        if self._lt_runner is None:
            from tqlint.engines.languagetool.client import LanguageToolRunner  # only runs that use it

            self._lt_runner = LanguageToolRunner()
        return self._lt_runner

    def languagetool_settings(self, path: str | None):
        """LanguageTool settings for `path`, or None where it is not to run."""
        config = self.config_for(path)
        key = id(config)
        if key not in self._lt_settings:
            settings = None
            if config.languagetool or self._languagetool_override is not None:
                from tqlint.engines.languagetool import settings as lt_settings  # start-up: only with LanguageTool

                settings = lt_settings.settings_for(config)
                if settings is not None and not self.selection_for(path).may_select("languagetool"):
                    settings = None
            self._lt_settings[key] = settings
        return self._lt_settings[key]

    def start_languagetool(self, paths) -> None:
        """Start LanguageTool now for the configs of `paths`: parallel.map_files calls this before
        forking workers, so the run has one LanguageTool, not one per worker (and a run answered
        wholly from the results cache starts none)."""
        started = set()
        for path in paths:
            settings = self.languagetool_settings(path)
            if settings is not None and settings.server not in started:
                started.add(settings.server)
                self.languagetool_runner.start(settings)

    def setup_for(self, path: str | None) -> tuple[RuleSet, LintContext]:
        config = self.config_for(path)
        key = id(config)
        if key not in self._rulesets:
            ruleset = build_ruleset(config, self._loader, self._select, self._ignore)
            context = replace(LintContext.from_config(config), report_unused_suppressions=self._report_unused)
            self._rulesets[key] = (ruleset, context)
        return self._rulesets[key]

    def selection_for(self, path: str | None) -> Selection:
        """Which rules run for `path`, and at what severity (config plus command line)."""
        return Selection.of(self.config_for(path), self._select, self._ignore)

    def is_ignored(self, path: str) -> bool:
        config = self.config_for(path)
        return any(is_ignored(path, (pattern,), base_dir) for base_dir, pattern in config.ignores())

    def lint_text(self, text: str, path: str | None = None, syntax: str | None = None,
                  source: SourceText | None = None) -> FileResult:
        """Lint `text` as the file at `path`; with `source`, next to it (the bilingual checks run)."""
        ruleset, context = self.setup_for(path)
        try:
            findings, failures = self._lint(text, syntax or syntax_for_path(path), ruleset, context, path, source)
        except FileError as exc:  # a translation file that cannot be read
            return FileResult(path=path or "<stdin>", error=str(exc))
        return self._result(path, text, findings, failures)

    def lint_pair(self, target: str, source: str, source_language: str | None = None, path: str | None = None,
                  syntax: str | None = None, source_syntax: str = "text") -> FileResult:
        """Lint a translation next to its source: what the CLI, the language server and dataset
        runs call for a (source, target) pair. Findings are in the target's offsets."""
        return self.lint_text(target, path, syntax, _bilingual().SourceText(source, source_syntax, source_language or self._source_language))

    def _with_language(self, source: SourceText) -> SourceText:
        """`source` with this linter's --source-language where it names none itself."""
        return source if source.language or not self._source_language else replace(source, language=self._source_language)

    def lint_buffer(self, text: str, path: str | None, syntax: str | None = None) -> FileResult:
        """The text an editor (or stdin) holds for the file at `path`: linted next to its source
        where one is given or configured, a source that cannot be read among the failures."""
        source, problem = self.source_for(path)
        return _with_failure(self.lint_text(text, path, syntax, source), problem)

    def source_for(self, path: str | None) -> tuple[SourceText | None, str | None]:
        """The source of the file at `path` (`--source`, else the config's `source-path`), and
        why it could not be read, if it could not: (None, None) where there is none to read."""
        if self._source_path is not None:
            where = self._source_path
        else:
            config = self.config_for(path)
            if not config.source_path or not path:
                return None, None
            where = _bilingual().source_path(config.source_path, path, config.source_base or config.base_dir)
        try:
            return _bilingual().read_source(where, self._source_language), None
        except FileError as exc:
            return None, f"bilingual: the source {where}: {exc}"

    @staticmethod
    def _result(path, text, findings, failures) -> FileResult:
        return FileResult(
            path=path or "<stdin>", findings=tuple(findings), text=text,
            failures=tuple(f"{f.rule}: {f.message}" for f in failures),
            internal_error=any(f.internal for f in failures),
        )

    def _lint(self, text, syntax, ruleset, context, path=None, source=None):
        doc = self._document(text, syntax, path, source)
        findings, failures = lint_document(doc, ruleset, context)
        return self._after_rules(doc, findings, failures, path)

    def _document(self, text, syntax, path, source):
        doc = read_document(text, syntax, self.config_for(path).front_matter_keys)
        if source is not None and doc.bitext is None:  # (a translation file brings its own)
            _bilingual().pair_with_source(doc, self._with_language(source), self.config_for(path).source_languages)
        return doc

    def _after_rules(self, doc, findings, failures, path):
        """LanguageTool, where the config asks for it, on top of tqlint's own findings."""
        settings = self.languagetool_settings(path)
        if settings is not None:  # after tqlint's own rules, which win where both flag a span
            from tqlint.engines.languagetool.findings import lint_with_languagetool  # only runs that use it

            findings, failure = lint_with_languagetool(
                self.languagetool_runner, doc, settings, findings, self.selection_for(path))
            if failure:
                failures = [*failures, RuleFailure("languagetool", failure)]
        return findings, failures

    def lint_file(self, path: str) -> FileResult:
        try:
            file = read_file(path)
        except FileError as exc:
            return FileResult(path=path, error=str(exc))
        source, problem = self.source_for(path)
        if self.cache is None:
            return _with_failure(self.lint_text(file.text, path, source=source), problem)
        key = self.cache_key(file.text, path, source)
        result = self.cache.get(key, path, file.text)
        if result is None:
            result = self.lint_text(file.text, path, source=source)
            self.cache.put(key, result)
        return _with_failure(result, problem)

    def lint_files(self, paths, on_rule=None) -> list[FileResult]:
        """`lint_file` for each path, the misses of the cache linted together (see
        engine.lint_documents): the way to lint a folder's worth of files."""
        results: list[FileResult | None] = [None] * len(paths)
        pending: dict[int, list] = {}  # per config: [(index, path, text, cache key, source)]
        problems: dict[int, str | None] = {}
        for index, path in enumerate(paths):
            try:
                file = read_file(path)
            except FileError as exc:
                results[index] = FileResult(path=path, error=str(exc))
                continue
            source, problems[index] = self.source_for(path)
            key = self.cache_key(file.text, path, source) if self.cache is not None else None
            hit = self.cache.get(key, path, file.text) if key else None
            if hit is not None:
                results[index] = _with_failure(hit, problems[index])
            else:
                pending.setdefault(id(self.config_for(path)), []).append((index, path, file.text, key, source))
        for group in pending.values():
            ruleset, context = self.setup_for(group[0][1])
            readable, docs = [], []
            for entry in group:
                index, path, text, _, source = entry
                try:
                    docs.append(self._document(text, syntax_for_path(path), path, source))
                    readable.append(entry)
                except FileError as exc:  # a translation file that cannot be read
                    results[index] = FileResult(path=path, error=str(exc))
            group = readable
            for (index, path, text, key, _), doc, (findings, failures) in zip(
                    group, docs, lint_documents(docs, ruleset, context, on_rule)):
                result = self._result(path, text, *self._after_rules(doc, findings, failures, path))
                if key:
                    self.cache.put(key, result)
                results[index] = _with_failure(result, problems[index])
        return results  # type: ignore[return-value]  # every index was filled above

    def lint_texts(self, texts, path: str | None = None, syntaxes=None, sources=None) -> list[FileResult]:
        """`lint_text` for each of `texts` (a dataset's records: one config, `path`'s), linted
        together rule by rule as `lint_files` does. `syntaxes`: one per text, else `path`'s;
        `sources`: one SourceText (or None) per text, for the bilingual checks."""
        ruleset, context = self.setup_for(path)
        syntaxes = syntaxes or [syntax_for_path(path)] * len(texts)
        sources = sources or [None] * len(texts)
        docs = [self._document(text, syntax, path, source) for text, syntax, source in zip(texts, syntaxes, sources)]
        return [self._result(path, text, *self._after_rules(doc, findings, failures, path))
                for text, doc, (findings, failures) in zip(texts, docs, lint_documents(docs, ruleset, context))]

    def cache_key(self, text: str, path: str | None, source: SourceText | None = None) -> str:
        """The results-cache key of `text` linted as the file at `path` (see tqlint.cache), next
        to `source` if given. The config's glossaries are part of the setup, by content."""
        config = self.config_for(path)
        fingerprint = self._fingerprints.get(id(config))
        if fingerprint is None:
            locations = [*pack_locations(config.packs, config.base_dir), *(("glossary", g) for g in config.glossary)]
            fingerprint = self._fingerprints[id(config)] = setup_fingerprint(
                config.fingerprint(), locations, self._select, self._ignore,
                f"unused-suppressions={self._report_unused}")
        keyed = text if source is None else f"{text}\0source\0{source.key()}"
        return entry_key(fingerprint, syntax_for_path(path), os.path.splitext(path or "")[1], keyed)

    def cached_result(self, path: str) -> FileResult | None:
        """The file's result straight from the cache, or None (no cache, a miss, unreadable):
        answers without loading a single rule pack."""
        if self.cache is None:
            return None
        try:
            file = read_file(path)
        except FileError:
            return None
        source, problem = self.source_for(path)
        hit = self.cache.get(self.cache_key(file.text, path, source), path, file.text)
        return _with_failure(hit, problem) if hit is not None else None

    def fix_text(self, text: str, path: str | None = None, unsafe: bool = False,
                 syntax: str | None = None, source: SourceText | None = None) -> tuple[str, int, FileResult]:
        """Fix `text` as the file at `path`, next to `source` if given; `syntax` overrides the one
        its name implies."""
        cached = self.cache is not None and syntax in (None, syntax_for_path(path))  # the key assumes path's syntax
        syntax = syntax or syntax_for_path(path)
        ruleset, context = self.setup_for(path)
        last_failures: list = []

        def lint(current: str):
            key = self.cache_key(current, path, source) if cached else None
            hit = self.cache.get(key, path or "<stdin>", current) if key else None
            if hit is not None:
                last_failures[:] = []
                return list(hit.findings)
            findings, failures = self._lint(current, syntax, ruleset, context, path, source)
            last_failures[:] = failures
            if key and not failures:
                self.cache.put(key, FileResult(path=path or "<stdin>", findings=tuple(findings), text=current))
            return findings

        fixed, findings, applied = fix_until_stable(text, lint, unsafe)
        result = FileResult(path=path or "<stdin>", findings=tuple(findings), text=fixed,
                            failures=tuple(f"{f.rule}: {f.message}" for f in last_failures))
        return fixed, applied, result

    def fix_file(self, path: str, unsafe: bool = False, write: bool = True) -> FixOutcome:
        try:
            file = read_file(path)
        except FileError as exc:
            result = FileResult(path=path, error=str(exc))
            return FixOutcome(path, "", "", 0, result, error=str(exc))
        source, problem = self.source_for(path)
        try:
            fixed, applied, result = self.fix_text(file.text, path, unsafe, source=source)
        except FileError as exc:  # a translation file that cannot be read
            return FixOutcome(path, "", "", 0, FileResult(path=path, error=str(exc)), error=str(exc))
        outcome = FixOutcome(path, file.text, fixed, applied, _with_failure(result, problem))
        if write and outcome.changed:
            try:
                write_atomically(path, encode(file, fixed), replacing=encode(file, file.text))
            except (FileError, OSError) as exc:
                message = str(exc) if isinstance(exc, FileError) else (exc.strerror or str(exc))
                # The file stays as it was, so its findings are those of the text on disk.
                unchanged = self.lint_text(file.text, path, source=source)
                return replace(outcome, error=f"not written: {message}",
                               result=replace(unchanged, write_error=f"not written: {message}"))
            return replace(outcome, written=True)
        return outcome


def _with_failure(result: FileResult, problem: str | None) -> FileResult:
    """`result` with a check that could not run (a source that could not be read) among its failures."""
    return replace(result, failures=(*result.failures, problem)) if problem else result


def lint_pair(target: str, source: str, source_language: str | None = None, path: str | None = None,
              **linter_options) -> FileResult:
    """Lint a translation next to its source (the bilingual checks run; findings point into the target)."""
    return Linter(**linter_options).lint_pair(target, source, source_language, path)


def lint_text(text: str, path: str | None = None, **linter_options) -> FileResult:
    """Lint a string as if it were the file at `path` (which picks the reader and the config)."""
    return Linter(**linter_options).lint_text(text, path)


def lint_paths(paths, jobs: int | None = None, linter: Linter | None = None, progress=None,
               **linter_options) -> RunResult:
    """Lint files, folders and globs. Every input appears in the result, unreadable ones with
    an `error`. `progress(total)` may return an object whose `advance()` is called per file."""
    linter = linter or Linter(**linter_options)
    skipped: list[str] = []
    files, missing = expand_paths(paths, linter.is_ignored, skipped, linter.respect_gitignore)
    bar = progress(len(files)) if progress else None
    try:
        results = map_files(linter, files, jobs, bar)
    finally:
        if bar is not None:
            bar.close()
    if linter.cache is not None:
        linter.cache.maybe_prune()
    results.extend(FileResult(path=p, error=e) for p, e in missing)
    return RunResult(files=results, skipped=skipped)


def fix_paths(paths, unsafe: bool = False, write: bool = True, linter: Linter | None = None,
              progress=None, **linter_options) -> RunResult:
    """Apply fixes to files (atomically); with write=False only compute them (for --diff)."""

    linter = linter or Linter(**linter_options)
    run = RunResult()
    files, missing = expand_paths(paths, linter.is_ignored, run.skipped, linter.respect_gitignore)
    bar = progress(len(files)) if progress else None
    try:
        for path in files:
            outcome = linter.fix_file(path, unsafe, write)
            run.fixes.append(outcome)
            run.files.append(outcome.result)
            if bar is not None:
                bar.advance()
    finally:
        if bar is not None:
            bar.close()
    if linter.cache is not None:
        linter.cache.maybe_prune()
    run.files.extend(FileResult(path=p, error=e) for p, e in missing)
    return run
