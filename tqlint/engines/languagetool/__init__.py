"""LanguageTool, the grammar engine, as a rule provider: opt-in, per config or per run.

Only a document's prose view goes to LanguageTool (code, front matter, URLs stay home; they are
U+FFFC placeholders in the view), either to a local LanguageTool that language-tool-python
starts (Java 17+, downloaded once) or to the server the config or `--languagetool-server URL`
names. LanguageTool's public API is never used unless that URL says so. See docs/languagetool.md.

`settings` (config validation, light), `client` (the runner), `findings` (mapping, selection,
merging).
"""
