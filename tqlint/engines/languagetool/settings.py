"""LanguageTool settings: the `languagetool:` key of a config, validated (errors name file,
line and key), and the Settings a run uses. Light: a config with no LanguageTool never imports
the client."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tqlint.suggest import did_you_mean
from tqlint.yamlio import YamlError, line_of

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
DEFAULT_LANGUAGE = "en-US"
DEFAULT_TIMEOUT = 60.0


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


def _is_bool(value) -> bool:
    return isinstance(value, bool)


def is_server_url(value) -> bool:
    """An http(s) URL with a host (and a port, if any, that is a number): what `server:` and
    --languagetool-server take. "http://[::1" or "http://host:80x" fail here, not at the first
    request as a server answer tqlint cannot use."""
    if not isinstance(value, str) or not re.match(r"^https?://[^\s/]+", value):
        return False
    from urllib.parse import urlsplit  # start-up: only when a server is named

    try:
        parts = urlsplit(value)
        return bool(parts.hostname) and (parts.port is None or parts.port > 0)
    except ValueError:  # an unclosed IPv6 bracket, a port out of range or not a number
        return False


def _is_language(value) -> bool:
    return isinstance(value, str) and bool(re.match(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$", value))


def _is_id_list(value) -> bool:
    if isinstance(value, str):
        value = value.split(",")
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _is_seconds(value) -> bool:
    return not isinstance(value, bool) and isinstance(value, (int, float)) and value > 0


# key -> (test of its value, what the value must be)
_VALUES = {
    "enabled": (_is_bool, "true or false"),
    "picky": (_is_bool, "true or false"),
    "server": (is_server_url, "a URL starting with http:// or https:// (e.g. http://localhost:8081)"),
    "language": (_is_language, "a language code such as en-US or en-GB"),
    "disabled-rules": (_is_id_list, "a list of LanguageTool ids"),
    "enabled-categories": (_is_id_list, "a list of LanguageTool ids"),
    "disabled-categories": (_is_id_list, "a list of LanguageTool ids"),
    "timeout": (_is_seconds, "a number of seconds"),
}


def validate(data, path: str) -> None:
    """Check a config's `languagetool:` mapping; raises YamlError with file:line."""
    for key, value in data.items():
        if key not in KEYS:
            raise YamlError(path, line_of(data, key), f"languagetool: unknown key {key!r}{did_you_mean(str(key), KEYS)}")
        valid, expected = _VALUES[key]
        if value is not None and not valid(value):
            raise YamlError(path, line_of(data, key), f"languagetool: `{key}` must be {expected}, not {value!r}")


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
