"""Authorship: which revision first added each token of a revision's wikitext.

:class:`Authorship` processes a page's history once, oldest to newest (paragraph, sentence
and token matching as WikiWho does: :mod:`wikitui.blame.engine`), keeps the state in the
page's :class:`~wikitui.model.DerivedStore` when it has one, and answers
:meth:`Authorship.blame` for any revision with a :class:`Blame`: the text cut into
:class:`Span` s, each added by one revision.
"""

from wikitui.blame.authorship import Authorship
from wikitui.blame.spans import Blame, Span

__all__ = ["Authorship", "Blame", "Span"]
