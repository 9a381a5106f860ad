"""How a revision and a diff read: one presentation layer for the command line and the app.

Textual-free (rich is allowed): the CLI prints through it and the app's widgets draw through it.
"""
