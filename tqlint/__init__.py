"""tqlint: catch the marks machine translation leaves in English news text."""

__version__ = "0.1.0"

# Where the built-in rules are documented (docs/rules.md of the project repository): every
# `helpUri` (SARIF, JSON, the language server's links) is this plus a rule's anchor.
RULES_DOC_URL = "https://github.com/tqlint/tqlint/blob/main/docs/rules.md"
