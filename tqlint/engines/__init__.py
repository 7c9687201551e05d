"""Other engines whose findings join tqlint's own: each a rule provider (LanguageTool)."""
