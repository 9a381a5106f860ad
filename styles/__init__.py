"""Textual CSS for the app (installed as package data)."""
