"""The persistent index: an embedded SQLite database per source in the user's cache directory.

It holds a source's pages, every revision's list fields and where each text lives, so a
history opens at once the second time.
"""
