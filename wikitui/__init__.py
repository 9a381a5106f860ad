"""wikitui: a keyboard-driven terminal browser for MediaWiki revision histories."""

__version__ = "0.1.0"

PROJECT_URL = "https://github.com/wikitui/wikitui"
