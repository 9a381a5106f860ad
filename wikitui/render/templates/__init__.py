"""Templates, rendered without their definitions.

Offline there are no template pages to expand, so the most used templates are reproduced as the
wiki shows them (citations, hatnotes, inline maintenance marks, language and typography helpers,
infoboxes, reference lists), maintenance banners become a muted notice, metadata templates are
hidden, and anything else is a muted placeholder with the template's name.

:func:`render_template` (in :mod:`.dispatch`) takes a call by its name to the family that
renders it: :mod:`.footnotes` (citations, reference lists, footnotes), :mod:`.infobox`,
:mod:`.hatnotes` (hatnotes, banners, quotes), :mod:`.dates` (dates, units, coordinates) and
:mod:`.inline` (languages, typography, identifiers); :mod:`.names` holds the name tables.
"""

from wikitui.render.templates.dispatch import render_template

__all__ = ["render_template"]
