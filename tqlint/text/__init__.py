"""Bytes to Document: decoding and atomic writes (files), the readers by file syntax
(markdown, html, text), the prose view and its map back to the file (document), sentences, and
the expansion of paths into the files to lint (discover)."""
