"""A stand-in LanguageTool server for the tests: real sockets on 127.0.0.1, a thread, and
LanguageTool's own HTTP protocol (`GET /v2/languages`, `POST /v2/check` with form fields, JSON
answers shaped like LanguageTool 6's), so language-tool-python's real client code runs against it.

Its "rules" are a handful of regexes standing in for LanguageTool's: enough to exercise category
mapping, offsets (in UTF-16 code units, as Java counts them), replacements, motherTongue (false
friends), disabledRules/disabledCategories, picky level and de-duplication.

    with StandIn() as server:
        server.url           # http://127.0.0.1:PORT
        server.checks        # the form fields of every /v2/check request, in order
        server.mode = "garbage"   # or "html", "wrong-json", "http-500", "slow"
"""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

LANGUAGES = [
    {"name": "English", "code": "en", "longCode": "en"},
    {"name": "English (US)", "code": "en", "longCode": "en-US"},
    {"name": "English (GB)", "code": "en", "longCode": "en-GB"},
    {"name": "Romanian", "code": "ro", "longCode": "ro-RO"},
    {"name": "French", "code": "fr", "longCode": "fr"},
    {"name": "German", "code": "de", "longCode": "de"},
    {"name": "German (Germany)", "code": "de", "longCode": "de-DE"},
    {"name": "Spanish", "code": "es", "longCode": "es"},
    {"name": "Chinese", "code": "zh", "longCode": "zh-CN"},
]

# (rule id, description, issueType, category id, category name, regex, replacements, message, only with)
# `only with`: None, "motherTongue" (a false-friend rule) or "picky".
RULES = [
    ("MORFOLOGIK_RULE_EN_US", "Possible spelling mistake", "misspelling", "TYPOS", "Possible Typo",
     r"\b(recieve|goverment|teh)\b", {"recieve": ["receive"], "goverment": ["government", "governments"], "teh": ["the", "tea", "ten", "tech", "eh"]},
     "Possible spelling mistake found.", None),
    ("EN_A_VS_AN", "Use of 'a' vs. 'an'", "misspelling", "MISC", "Miscellaneous",
     r"\ba(?= [aeiou])", {"a": ["an"]}, "Use \u201can\u201d instead of \u201ca\u201d if the following word starts with a vowel sound.", None),
    ("COMMA_PARENTHESIS_WHITESPACE", "Use of whitespace before comma and before/after parentheses", "whitespace", "TYPOGRAPHY", "Typography",
     r" +(?=,)", {None: [""]}, "Don\u2019t put a space before the comma.", None),
    ("HE_VERB_AGR", "Agreement error: 'he/she/it' + verb", "grammar", "GRAMMAR", "Grammar",
     r"\b(?:he|she|it) (go|say)\b", {"go": ["goes"], "say": ["says"]}, "The pronoun requires a third-person verb.", None),
    ("EVENTUAL_FALSE_FRIEND", "False friend: eventual", "mistranslation", "FALSE_FRIENDS", "False Friends",
     r"\beventual\b", {"eventual": ["possible", "potential"]}, "\u2018eventual\u2019 (English) means \u2018final\u2019, not \u2018possible\u2019.", "motherTongue"),
    ("VERY_UNIQUE", "Very unique", "style", "STYLE", "Style",
     r"\bvery unique\b", {"very unique": ["unique"]}, "\u2018Unique\u2019 does not take \u2018very\u2019.", "picky"),
    ("EMOJI_TEST", "A rule that fires just after astral characters", "typographical", "TYPOGRAPHY", "Typography",
     r"(?<=\U0001F600 )wow\b", {"wow": ["Wow"]}, "Capitalise after an emoji (test rule).", None),
]


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def check(params: dict) -> dict:
    """LanguageTool's /v2/check answer for the given form fields."""
    text = params.get("text", "")
    disabled = set(filter(None, params.get("disabledRules", "").split(",")))
    disabled_categories = set(filter(None, params.get("disabledCategories", "").split(",")))
    matches = []
    for rule_id, description, issue, cat_id, cat_name, pattern, replacements, message, only in RULES:
        if rule_id in disabled or cat_id in disabled_categories:
            continue
        if only == "motherTongue" and not params.get("motherTongue"):
            continue
        if only == "picky" and params.get("level") != "picky":
            continue
        for m in re.finditer(pattern, text):
            group = 1 if m.re.groups else 0
            found = m.group(group)
            values = replacements.get(found.lower(), replacements.get(None, []))
            start, end = m.span(group)
            offset, length = utf16_len(text[:start]), utf16_len(found)
            ctx_start = max(0, start - 40)
            context = text[ctx_start:end + 40].replace("\n", " ")
            sentence_start = max(text.rfind(". ", 0, start) + 2, text.rfind("\n", 0, start) + 1, 0)
            sentence_end = len(text) if text.find(".", end) < 0 else text.find(".", end) + 1
            matches.append({
                "message": message,
                "shortMessage": "",
                "replacements": [{"value": v} for v in values],
                "offset": offset,
                "length": length,
                "context": {"text": context, "offset": utf16_len(text[ctx_start:start]), "length": length},
                "sentence": text[sentence_start:sentence_end],
                "type": {"typeName": "Other"},
                "rule": {"id": rule_id, "description": description, "issueType": issue,
                         "category": {"id": cat_id, "name": cat_name}},
                "ignoreForIncompleteSentence": False,
                "contextForSureMatch": 0,
            })
    matches.sort(key=lambda item: item["offset"])
    language = next((lang for lang in LANGUAGES if lang["longCode"] == params.get("language")), LANGUAGES[1])
    return {
        "software": {"name": "LanguageTool", "version": "6.8", "buildDate": "2025-01-01 00:00:00 +0000",
                     "apiVersion": 1, "premium": False, "premiumHint": "", "status": ""},
        "warnings": {"incompleteResults": False},
        "language": {"name": language["name"], "code": language["longCode"],
                     "detectedLanguage": {"name": language["name"], "code": language["longCode"], "confidence": 0.99}},
        "matches": matches,
    }


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, *args):  # keep test output clean
        pass

    def _send(self, status: int, body: str, content_type: str = "application/json") -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type + "; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _misbehave(self) -> bool:
        mode = self.server.owner.mode
        if mode == "html":
            self._send(200, "<html><body>It works!</body></html>", "text/html")
        elif mode == "wrong-json":
            self._send(200, json.dumps({"status": "ok", "items": "nothing here"}))
        elif mode == "http-500":
            self._send(500, "Error: Internal Error: java.lang.OutOfMemoryError", "text/plain")
        elif mode == "slow":
            time.sleep(self.server.owner.delay)
            return False
        else:
            return False
        return True

    def do_GET(self):  # noqa: N802 - the http.server API
        url = urlparse(self.path)
        self.server.owner.requests.append(("GET", url.path))
        if self.server.owner.mode in ("html", "wrong-json", "http-500") and self._misbehave():
            return
        if url.path == "/v2/languages":
            self._send(200, json.dumps(LANGUAGES))
        elif url.path == "/v2/healthcheck":
            self._send(200, "OK", "text/plain")
        elif url.path == "/v2/check":
            self._check(parse_qs(url.query))
        else:
            self._send(404, "Error: not found", "text/plain")

    def do_POST(self):  # noqa: N802
        url = urlparse(self.path)
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8")
        self.server.owner.requests.append(("POST", url.path))
        if url.path != "/v2/check":
            self._send(404, "Error: not found", "text/plain")
            return
        self._check(parse_qs(body, keep_blank_values=True))

    def _check(self, fields: dict) -> None:
        params = {key: values[-1] for key, values in fields.items()}
        self.server.owner.checks.append(params)
        if self.server.owner.check_mode == "garbage":
            self._send(200, "{\"matches\": [{\"offset\": 3}]")  # truncated JSON
            return
        if self._misbehave():
            return
        if "language" not in params or "text" not in params:
            self._send(400, "Error: Missing 'text' or 'data' parameter", "text/plain")
            return
        if params["language"] not in {lang["longCode"] for lang in LANGUAGES} | {lang["code"] for lang in LANGUAGES}:
            self._send(400, f"Error: '{params['language']}' is not a language code known to LanguageTool.", "text/plain")
            return
        self._send(200, json.dumps(check(params)))


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    owner: StandIn

    def handle_error(self, request, client_address):
        import sys

        if isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            return  # a client that timed out and hung up: expected in the timeout test
        super().handle_error(request, client_address)


class StandIn:
    """Start with `with StandIn() as server:`; stopped and joined on exit."""

    def __init__(self, mode: str = "ok", check_mode: str = "ok", delay: float = 0.0):
        self.mode = mode  # how every endpoint behaves
        self.check_mode = check_mode  # how /v2/check alone behaves ("garbage": broken JSON)
        self.delay = delay
        self.checks: list[dict] = []
        self.requests: list[tuple[str, str]] = []
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> StandIn:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)
