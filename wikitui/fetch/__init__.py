"""Fetching page histories from a live wiki's Action API."""
