"""Threads that read sources and fetch histories for the app, posting Messages as they go."""
