"""Wikitext rendered as rich terminal text (pure Python, no Textual)."""
