"""Analyses over a page's whole history: reverts, pickaxe search, reviewer filters."""
