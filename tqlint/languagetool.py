"""LanguageTool, the grammar engine, through language-tool-python: opt-in, per config or per run.

Only a document's prose view goes to LanguageTool (code, front matter, URLs stay home; they are
U+FFFC placeholders in the view), either to a local LanguageTool that language-tool-python
starts (Java 17+, downloaded once) or to the server the config or `--languagetool URL` names.
LanguageTool's public API is never used unless that URL says so. See docs/languagetool.md.

One `LanguageToolRunner` per Linter (so per run): one client per server, answers memoised by
(settings, prose) so a text LanguageTool has seen costs nothing the second time in a run. When
LanguageTool cannot run, every file it should have checked carries the same one-line failure
(`FileResult.failures`, exit code 2) and no further request is tried in this run.
"""

from __future__ import annotations

import bisect
import difflib
import re
from dataclasses import dataclass

from tqlint.finding import Edit, Finding, Fix, Severity

KEYS = {
    "enabled": "true: run LanguageTool on the files this config covers (default false)",
    "server": "base URL of a LanguageTool server (http://host:8081); none: run LanguageTool locally (Java 17+)",
    "language": "the variant of English to check against: en-US (default), en-GB, en-CA, en-AU, …",
    "disabled-rules": "LanguageTool rule ids never to report (e.g. MORFOLOGIK_RULE_EN_US)",
    "enabled-categories": "LanguageTool category ids to switch on (e.g. ones off by default)",
    "disabled-categories": "LanguageTool category ids to switch off (e.g. TYPOS, STYLE)",
    "picky": "true: LanguageTool's picky level (more style rules)",
    "timeout": "seconds to wait for one answer from the server (default 60)",
}
RULE_PREFIX = "languagetool"
MAX_REPLACEMENTS = 3  # LanguageTool lists many; a finding offers the best few
CHUNK_CHARS = 50_000  # longer prose goes in several requests, split at paragraph breaks
DEFAULT_LANGUAGE = "en-US"
DEFAULT_TIMEOUT = 60.0
PLACEHOLDER = "\ufffc"

# LanguageTool's category ids (its Categories class and the English rule files) onto tqlint's
# MQM-style categories. A category not listed here falls back on the rule's issueType.
CATEGORY_MAP = {
    "TYPOS": "Fluency/Spelling",
    "CASING": "Fluency/Spelling",
    "COMPOUNDING": "Fluency/Spelling",
    "GRAMMAR": "Fluency/Grammar",
    "CONFUSED_WORDS": "Fluency/Grammar",
    "REPETITIONS": "Fluency/Grammar",
    "PUNCTUATION": "Fluency/Punctuation",
    "TYPOGRAPHY": "Fluency/Punctuation",
    "FALSE_FRIENDS": "Accuracy/Mistranslation",
    "SEMANTICS": "Accuracy/Mistranslation",
    "COLLOCATIONS": "Style/Unidiomatic",
    "NONSTANDARD_PHRASES": "Style/Unidiomatic",
    "COLLOQUIALISMS": "Fluency/Register",
    "REDUNDANCY": "Style/Awkward",
    "REPETITIONS_STYLE": "Style/Awkward",
    "STYLE": "Style/Awkward",
    "PLAIN_ENGLISH": "Style/Awkward",
    "CREATIVE_WRITING": "Style/Awkward",
    "TEXT_ANALYSIS": "Style/Awkward",
    "WIKIPEDIA": "Style/Awkward",
    "GENDER_NEUTRALITY": "Style/Inclusive language",
    "REGIONALISMS": "Locale convention/Language variant",
    "AMERICAN_ENGLISH_STYLE": "Locale convention/Language variant",
    "BRITISH_ENGLISH": "Locale convention/Language variant",
}
# LanguageTool's issueType (the ITS 2.0 localization quality issue types) onto the same.
ISSUE_TYPE_MAP = {
    "misspelling": "Fluency/Spelling",
    "grammar": "Fluency/Grammar",
    "duplication": "Fluency/Grammar",
    "typographical": "Fluency/Punctuation",
    "whitespace": "Fluency/Punctuation",
    "characters": "Fluency/Character encoding",
    "inconsistency": "Fluency/Inconsistency",
    "inconsistent-entities": "Fluency/Inconsistency",
    "register": "Fluency/Register",
    "style": "Style/Awkward",
    "mistranslation": "Accuracy/Mistranslation",
    "untranslated": "Accuracy/Untranslated",
    "omission": "Accuracy/Omission",
    "addition": "Accuracy/Addition",
    "terminology": "Terminology/Inappropriate",
    "numbers": "Locale convention/Number format",
    "locale-violation": "Locale convention/Other",
    "locale-specific-content": "Locale convention/Other",
}
FALLBACK_CATEGORY = "Other/LanguageTool"
# Spelling and grammar are warnings (they fail `check` at the default fail-on); the rest is info.
WARNING_ISSUE_TYPES = frozenset({"misspelling", "grammar", "duplication", "mistranslation", "untranslated",
                                 "omission", "addition"})


class LanguageToolFailure(Exception):
    """LanguageTool could not run: the message is one line and says what to do."""


@dataclass(frozen=True)
class Settings:
    """What a config (and --languagetool) asks of LanguageTool; hashable, so it keys the memo."""

    server: str | None = None  # None: a local LanguageTool
    language: str = DEFAULT_LANGUAGE
    mother_tongues: tuple[str, ...] = ()  # the config's source-languages, in order
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    picky: bool = False
    timeout: float = DEFAULT_TIMEOUT

    @property
    def where(self) -> str:
        return f"the LanguageTool server at {self.server}" if self.server else "the local LanguageTool"


@dataclass(frozen=True)
class RawMatch:
    """One LanguageTool match, in view offsets (code points)."""

    rule_id: str
    message: str
    start: int
    end: int
    replacements: tuple[str, ...]
    category: str
    issue_type: str


# ---------------------------------------------------------------------------------------------
# Configuration


def _suggest(key: str, known) -> str:
    close = difflib.get_close_matches(key, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def validate(data, path: str) -> None:
    """Check a config's `languagetool:` mapping; raises YamlError with file:line."""
    from tqlint.yamlio import YamlError, line_of

    for key in data:
        if key not in KEYS:
            raise YamlError(path, line_of(data, key), f"languagetool: unknown key {key!r}{_suggest(str(key), KEYS)}")
    for key in ("enabled", "picky"):
        if key in data and not isinstance(data[key], bool):
            raise YamlError(path, line_of(data, key), f"languagetool: `{key}` must be true or false, not {data[key]!r}")
    if data.get("server") is not None:
        server = data["server"]
        if not isinstance(server, str) or not re.match(r"^https?://[^\s/]+", server):
            raise YamlError(path, line_of(data, "server"),
                            f"languagetool: `server` must be a URL starting with http:// or https:// (e.g. http://localhost:8081), not {server!r}")
    if "language" in data:
        language = data["language"]
        if not isinstance(language, str) or not re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", language):
            raise YamlError(path, line_of(data, "language"),
                            f"languagetool: `language` must be a language code such as en-US or en-GB, not {language!r}")
    for key in ("disabled-rules", "enabled-categories", "disabled-categories"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            value = [part for part in value.split(",")]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise YamlError(path, line_of(data, key), f"languagetool: `{key}` must be a list of LanguageTool ids")
    if "timeout" in data:
        timeout = data["timeout"]
        if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or timeout <= 0:
            raise YamlError(path, line_of(data, "timeout"), f"languagetool: `timeout` must be a number of seconds, not {timeout!r}")


def _ids(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, str):
        value = value.split(",")
    return tuple(sorted({str(v).strip() for v in value if str(v).strip()}))


def settings_for(config) -> Settings | None:
    """The LanguageTool settings of a config, or None when LanguageTool is not enabled there."""
    data = config.languagetool or {}
    if not data.get("enabled"):
        return None
    return Settings(
        server=(data.get("server") or None),
        language=data.get("language") or DEFAULT_LANGUAGE,
        mother_tongues=tuple(config.source_languages),
        disabled_rules=_ids(data.get("disabled-rules")),
        enabled_categories=_ids(data.get("enabled-categories")),
        disabled_categories=_ids(data.get("disabled-categories")),
        picky=bool(data.get("picky")),
        timeout=float(data.get("timeout") or DEFAULT_TIMEOUT),
    )


def with_override(languagetool: dict, override: str | None) -> dict:
    """A config's `languagetool:` mapping with `--languagetool [URL]` applied: "" switches it on
    with the configured server (or a local LanguageTool), a URL switches it on with that server."""
    if override is None:
        return languagetool
    merged = dict(languagetool or {})
    merged["enabled"] = True
    if override:
        merged["server"] = override
    return merged


# ---------------------------------------------------------------------------------------------
# Mapping LanguageTool's answer onto findings


def category_for(category_id: str, issue_type: str) -> str:
    return CATEGORY_MAP.get(category_id) or ISSUE_TYPE_MAP.get(issue_type) or FALLBACK_CATEGORY


def severity_for(issue_type: str) -> Severity:
    return Severity.WARNING if issue_type in WARNING_ISSUE_TYPES else Severity.INFO


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    if a_start == a_end or b_start == b_end:  # an insertion point overlaps a span it touches
        return b_start <= a_start <= b_end if a_start == a_end else a_start <= b_start <= a_end
    return a_start < b_end and b_start < a_end


def to_finding(doc, match: RawMatch, severity: Severity | None = None) -> Finding | None:
    from tqlint.engine import fix_title, minimal_edit

    if PLACEHOLDER in doc.view[match.start:match.end]:
        return None  # LanguageTool tripped over a stand-in for code or a URL
    start, end = doc.to_source_span(match.start, match.end)
    if start > len(doc.text):
        return None
    fixes = []
    seen = set()
    for replacement in match.replacements:
        if len(fixes) >= MAX_REPLACEMENTS:
            break
        mapped = doc.to_source_edit(Edit(match.start, match.end, replacement))
        if mapped is None:
            continue  # the span crosses hidden markup: no fix can be offered safely
        edit = minimal_edit(doc.text, mapped)
        if (edit.start == edit.end and not edit.replacement) or edit in seen:
            continue
        seen.add(edit)
        # The edit is the minimal one (so it collides less); the title names the whole words.
        fixes.append(Fix(fix_title(doc.text, (mapped,)), (edit,), False))
    return Finding(
        rule=f"{RULE_PREFIX}/{match.rule_id}", category=category_for(match.category, match.issue_type),
        severity=severity or severity_for(match.issue_type), message=match.message.strip() or match.rule_id,
        start=start, end=end, text=doc.text[start:end], fixes=tuple(fixes),
        no_fix_reason=None if fixes else "LanguageTool suggests no replacement",
    )


def merge(own: list[Finding], theirs: list[Finding]) -> list[Finding]:
    """tqlint's findings plus LanguageTool's, dropping any of LanguageTool's that overlaps one of
    tqlint's (the same problem found twice: tqlint's message and fix are the more specific)."""
    if not theirs:
        return own
    spans = sorted((f.start, f.end) for f in own)
    starts = [s for s, _ in spans]
    max_len = max((e - s for s, e in spans), default=0)
    kept = []
    for finding in theirs:
        lo = bisect.bisect_left(starts, finding.start - max_len - 1)
        hi = bisect.bisect_right(starts, finding.end)
        if any(_overlaps(finding.start, finding.end, *spans[i]) for i in range(lo, hi)):
            continue
        kept.append(finding)
    return sorted(own + kept, key=lambda f: f.sort_key)


# ---------------------------------------------------------------------------------------------
# Talking to LanguageTool


def _one_line(text: str, limit: int = 160) -> str:
    text = re.sub(r"<[^>]+>", " ", str(text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _network_reason(exc: BaseException, settings: Settings) -> str:
    """The useful part of a requests/urllib3 error: "[Errno 111] Connection refused", a timeout."""
    import requests

    text = str(exc)
    if isinstance(exc, requests.Timeout) or "timed out" in text.lower():
        return f"no answer within {settings.timeout:g} s"
    errno = re.search(r"\[Errno -?\d+\] ([^'\")\]]+)", text)
    if errno:
        return errno.group(1).strip()
    if "Name or service not known" in text or "getaddrinfo" in text or "NameResolution" in text:
        return "unknown host name"
    return _one_line(text, 100)


def _client_class():
    """language-tool-python's LanguageTool, with the languages list fetched once per client (the
    library asks the server again for every check that carries a motherTongue) and our timeout."""
    import language_tool_python

    class Client(language_tool_python.LanguageTool):
        def __init__(self, *args, timeout: float = DEFAULT_TIMEOUT, **kwargs):
            self._TIMEOUT = timeout  # the library's own is 300 s
            self._tqlint_languages = None
            super().__init__(*args, **kwargs)

        def _start_server_on_free_port(self):
            # The library tries every port from 8081 to 8999 when the server fails to start, which
            # for a server that cannot start means hundreds of Java launches: try three.
            self._available_ports = self._available_ports[-3:]
            super()._start_server_on_free_port()

        def _get_languages(self):
            if getattr(self, "_tqlint_languages", None) is None:
                self._tqlint_languages = super()._get_languages()
            return self._tqlint_languages

    return Client


def _java_problem() -> str | None:
    import shutil
    import subprocess

    java = shutil.which("java")
    if not java:
        return "Java was not found"
    try:
        output = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError) as exc:
        return f"`java -version` failed ({_one_line(exc)})"
    match = re.search(r'version "(\d+)(?:\.(\d+))?', output.stderr + output.stdout)
    if match:
        major = int(match.group(1))
        if major == 1 and match.group(2):
            major = int(match.group(2))
        if major < 17:
            return f"Java {major} was found, but LanguageTool needs Java 17 or newer"
    return None


class LanguageToolRunner:
    """One per run: clients per server, a memo of answers, and the run's first failure."""

    def __init__(self):
        self._clients: dict[str | None, object] = {}
        self._memo: dict[tuple[Settings, bytes], tuple[RawMatch, ...]] = {}  # by a hash of the prose
        self.failure: str | None = None  # once set, LanguageTool is not tried again this run
        self.requests = 0  # /v2/check requests sent (for tests and --verbose figures)

    # -- clients --

    def start(self, settings: Settings) -> None:
        """Start (or reach) the client for these settings now, e.g. before forking workers.
        Failures are remembered, not raised."""
        try:
            self._client(settings)
        except LanguageToolFailure:
            pass

    def _client(self, settings: Settings):
        if self.failure:
            raise LanguageToolFailure(self.failure)
        key = settings.server
        if key not in self._clients:
            try:
                self._clients[key] = self._connect(settings)
            except LanguageToolFailure as exc:
                self.failure = str(exc)
                raise
        return self._clients[key]

    def _connect(self, settings: Settings):
        try:
            client_class = _client_class()
        except ImportError as exc:
            raise LanguageToolFailure(
                f"language-tool-python is not installed ({_one_line(exc)}); `pip install language-tool-python`") from None
        if settings.server:
            try:
                return client_class(settings.language, remote_server=settings.server, timeout=settings.timeout)
            except BaseException as exc:  # noqa: BLE001 - any way it breaks, say so in one line
                if isinstance(exc, KeyboardInterrupt):
                    raise
                raise LanguageToolFailure(self._describe(settings, exc)) from None
        problem = _java_problem()
        if problem:
            raise LanguageToolFailure(
                f"{problem}: install Java 17+ (e.g. `apt-get install openjdk-17-jre-headless`) to run LanguageTool "
                "locally, or name a LanguageTool server (`languagetool: server:` in .tqlint.yaml, or --languagetool URL)")
        try:
            client = client_class(settings.language, timeout=settings.timeout)
        except BaseException as exc:  # noqa: BLE001
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise LanguageToolFailure(self._describe_local(settings, exc)) from None
        import atexit

        atexit.register(client.close)  # stop the Java server quietly at the end of the run
        return client

    @staticmethod
    def _describe(settings: Settings, exc: BaseException) -> str:
        import requests

        detail = _one_line(exc)
        if isinstance(exc, ValueError) and "language" in str(exc):
            return (f"{settings.where} does not know the language {settings.language!r} ({detail}); "
                    "set `languagetool: language:` to one it supports, e.g. en-US")
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, ValueError) or isinstance(exc, ValueError):  # JSONDecodeError: not JSON at all
            pass
        elif isinstance(cause, (requests.ConnectionError, requests.Timeout, OSError)) or isinstance(exc, (requests.ConnectionError, OSError)):
            return (f"could not reach {settings.where} ({_network_reason(cause or exc, settings)}); start it, "
                    "or fix `languagetool: server:` in .tqlint.yaml / the --languagetool URL")
        return (f"{settings.where} gave an answer tqlint cannot use ({detail}); check that the URL is the "
                "server's base URL (e.g. http://localhost:8081, without /v2) and that the server works")

    @staticmethod
    def _describe_local(settings: Settings, exc: BaseException) -> str:
        import requests

        detail = _one_line(exc, 120)
        if isinstance(exc, ValueError) and "language" in str(exc):
            return (f"LanguageTool does not know the language {settings.language!r}; set `languagetool: language:` "
                    "to one it supports, e.g. en-US")
        if isinstance(exc, (requests.RequestException, TimeoutError)) or "download" in str(exc).lower() or type(exc).__name__ == "PathError":
            return (f"LanguageTool is not installed here and could not be downloaded ({detail}); run tqlint once "
                    "with --languagetool on a connected machine (it is downloaded once), or name a LanguageTool "
                    "server (`languagetool: server:`)")
        return (f"the local LanguageTool did not start ({detail}); check Java 17+ and "
                "`python -m language_tool_python`, or name a LanguageTool server (`languagetool: server:`)")

    # -- checking --

    def check(self, text: str, settings: Settings) -> tuple[RawMatch, ...]:
        """LanguageTool's matches for `text` (view offsets); raises LanguageToolFailure."""
        import hashlib

        key = (settings, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest())
        if key in self._memo:
            return self._memo[key]
        client = self._client(settings)
        try:
            self._configure(client, settings)
            matches = []
            for offset, chunk in _chunks(text):
                self.requests += 1
                matches.extend(_raw_match(m, chunk, offset) for m in client.check(chunk))
        except LanguageToolFailure:
            raise
        except BaseException as exc:  # noqa: BLE001
            if isinstance(exc, KeyboardInterrupt):
                raise
            self.failure = self._describe(settings, exc) if settings.server else (
                f"the local LanguageTool stopped answering ({_one_line(exc, 120)})")
            raise LanguageToolFailure(self.failure) from None
        result = tuple(m for m in matches if m is not None)
        self._memo[key] = result
        return result

    def _configure(self, client, settings: Settings) -> None:
        """Per-request parameters; one client serves every config that names its server."""
        if getattr(client, "_tqlint_settings", None) == settings:
            return
        client.language = settings.language  # also clears the rule lists
        client.mother_tongue = self._mother_tongue(client, settings)
        client.disabled_rules = set(settings.disabled_rules)
        client.enabled_categories = set(settings.enabled_categories)
        client.disabled_categories = set(settings.disabled_categories)
        client.picky = settings.picky
        client._tqlint_settings = settings

    @staticmethod
    def _mother_tongue(client, settings: Settings) -> str | None:
        """The first source language this LanguageTool knows (it takes one motherTongue)."""
        known = {code.lower().split("-")[0] for code in client._get_languages() if code}
        for code in settings.mother_tongues:
            if code.lower().split("-")[0] in known and code.lower() != "en":
                return code
        return None


def _chunks(text: str):
    """(offset, piece) pairs, split at paragraph breaks so no request exceeds CHUNK_CHARS."""
    if len(text) <= CHUNK_CHARS:
        yield 0, text
        return
    start = 0
    while start < len(text):
        end = min(len(text), start + CHUNK_CHARS)
        if end < len(text):
            cut = text.rfind("\n\n", start + 1, end)
            if cut > start:
                end = cut + 2
        yield start, text[start:end]
        start = end


def _raw_match(match, text: str, offset: int) -> RawMatch | None:
    """A language-tool-python Match → RawMatch. The library converts the start from UTF-16 code
    units (Java's) to code points but not the length, so the end is converted here."""
    start = int(match.offset)
    length = int(match.error_length)
    if any(ord(c) > 0xFFFF for c in text):
        end = _utf16_to_index(text, _index_to_utf16(text, start) + length)
    else:
        end = start + length
    if not 0 <= start <= end <= len(text):
        return None
    return RawMatch(
        rule_id=str(match.rule_id), message=str(match.message or ""), start=start + offset, end=end + offset,
        replacements=tuple(str(r) for r in (match.replacements or ())),
        category=str(match.category or ""), issue_type=str(getattr(match, "rule_issue_type", "") or ""),
    )


def _index_to_utf16(text: str, index: int) -> int:
    return index + sum(1 for c in text[:index] if ord(c) > 0xFFFF)


def _utf16_to_index(text: str, units: int) -> int:
    count = 0
    for i, c in enumerate(text):
        if count >= units:
            return i
        count += 2 if ord(c) > 0xFFFF else 1
    return len(text)


# ---------------------------------------------------------------------------------------------
# The Linter's entry point


def wanted(settings: Settings | None, selected=(), ignored=()) -> bool:
    """Is LanguageTool to run at all? Not when it is off, when --select/`select:` names only other
    rules, or when `ignore:` names the whole `languagetool` prefix."""
    if settings is None:
        return False
    def names_lt(selector: str) -> bool:
        selector = selector.strip()
        return selector.rstrip("/") == RULE_PREFIX or selector.startswith(RULE_PREFIX + "/") or any(c in selector for c in "*?[")
    if selected and not any(names_lt(s) for s in selected):
        return False
    whole = any(s.strip().rstrip("/") == RULE_PREFIX for s in ignored)
    specific = any(s.strip().startswith(RULE_PREFIX + "/") for s in selected)
    return not whole or specific


def lint_with_languagetool(runner: LanguageToolRunner, doc, settings: Settings, own: list[Finding], config,
                           selected=(), ignored=()) -> tuple[list[Finding], str | None]:
    """tqlint's findings `own` merged with LanguageTool's for `doc` → (findings, failure or None)."""
    from tqlint.selection import most_specific
    from tqlint.suppress import Suppressions, parse_directives

    view = doc.view.rstrip()  # trailing blank lines change nothing but the memo key
    if not view.replace(PLACEHOLDER, "").strip():
        return own, None
    try:
        matches = runner.check(view, settings)
    except LanguageToolFailure as exc:
        return own, str(exc)
    levels = dict(config.rule_levels)
    suppressions = Suppressions(parse_directives(doc.text, doc.syntax, doc.lines), doc.lines)
    theirs = []
    for match in matches:
        rule_id = f"{RULE_PREFIX}/{match.rule_id}"
        chosen = most_specific(rule_id, selected) if selected else ""
        dropped = most_specific(rule_id, ignored)
        if chosen is None or (dropped is not None and len(dropped) >= len(chosen or "")):
            continue
        level_key = most_specific(rule_id, levels)
        level = levels[level_key] if level_key else None
        if level == "off":
            continue
        finding = to_finding(doc, match, Severity.parse(level) if level else None)
        if finding is None or (suppressions and suppressions.suppressed(finding.rule, finding.start)):
            continue
        theirs.append(finding)
    return merge(own, theirs), None
