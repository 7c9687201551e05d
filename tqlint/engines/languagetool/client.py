"""Talking to LanguageTool through language-tool-python: a server the config names, or a local
LanguageTool it starts (Java 17+). One runner per run: one client per server, answers memoised by
(settings, prose). When LanguageTool cannot run, the failure is one line and no further request
is tried in this run."""

from __future__ import annotations

import atexit
import hashlib
import re
import shutil
import subprocess
from dataclasses import dataclass

from tqlint.engines.languagetool.settings import DEFAULT_TIMEOUT, Settings

CHUNK_CHARS = 50_000  # longer prose goes in several requests, split at paragraph breaks


class LanguageToolFailure(Exception):
    """LanguageTool could not run: the message is one line and says what to do."""


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


def _one_line(text: object, limit: int = 160) -> str:
    text = re.sub(r"<[^>]+>", " ", str(text))
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _network_reason(exc: BaseException, settings: Settings) -> str:
    """The useful part of a requests/urllib3 error: "[Errno 111] Connection refused", a timeout."""
    import requests  # optional: LanguageTool runs only when configured

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
    import language_tool_python  # optional: LanguageTool runs only when configured

    class Client(language_tool_python.LanguageTool):
        def __init__(self, *args, timeout: float = DEFAULT_TIMEOUT, **kwargs):
            self._TIMEOUT = timeout  # type: ignore[assignment]  # the library's own is 300 s
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
                "locally, or name a LanguageTool server (`languagetool: server:` in .tqlint.yaml, or --languagetool-server URL)")
        try:
            client = client_class(settings.language, timeout=settings.timeout)
        except BaseException as exc:  # noqa: BLE001
            if isinstance(exc, KeyboardInterrupt):
                raise
            raise LanguageToolFailure(self._describe_local(settings, exc)) from None
        atexit.register(client.close)  # stop the Java server quietly at the end of the run
        return client

    @staticmethod
    def _describe(settings: Settings, exc: BaseException) -> str:
        import requests  # optional: LanguageTool runs only when configured

        detail = _one_line(exc)
        if isinstance(exc, ValueError) and "language" in str(exc):
            return (f"{settings.where} does not know the language {settings.language!r} ({detail}); "
                    "set `languagetool: language:` to one it supports, e.g. en-US")
        cause = exc.__cause__ or exc.__context__
        if isinstance(cause, ValueError) or isinstance(exc, ValueError):  # JSONDecodeError: not JSON at all
            pass
        elif isinstance(cause, (requests.ConnectionError, requests.Timeout, OSError)) or isinstance(exc, (requests.ConnectionError, OSError)):
            return (f"could not reach {settings.where} ({_network_reason(cause or exc, settings)}); start it, "
                    "or fix `languagetool: server:` in .tqlint.yaml / the --languagetool-server URL")
        return (f"{settings.where} gave an answer tqlint cannot use ({detail}); check that the URL is the "
                "server's base URL (e.g. http://localhost:8081, without /v2) and that the server works")

    @staticmethod
    def _describe_local(settings: Settings, exc: BaseException) -> str:
        import requests  # optional: LanguageTool runs only when configured

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
        key = (settings, hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest())
        if key in self._memo:
            return self._memo[key]
        client = self._client(settings)
        try:
            self._configure(client, settings)
            matches: list = []
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
