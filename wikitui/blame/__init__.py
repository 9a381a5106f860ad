"""Authorship: which revision first added each token of a revision's wikitext."""
