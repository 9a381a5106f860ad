"""The main screen's keys, as issue 5's table lists them.

One :class:`~textual.binding.Binding` per action, each with an ``id`` so ``App.set_keymap``
can remap it. The description is the footer's short label; the tooltip is the longer
explanation shown by the help screen and the command palette.
"""

from __future__ import annotations

from textual.binding import Binding, BindingType

MAIN_BINDINGS: list[BindingType] = [
    Binding(
        "J",
        "older",
        "Older",
        tooltip="Older revision (the wiki's ← Previous edit), from any pane",
        id="older",
    ),
    Binding(
        "K",
        "newer",
        "Newer",
        tooltip="Newer revision (the wiki's Next edit →), from any pane",
        id="newer",
    ),
    Binding("n", "next_hunk", "Change", tooltip="Next change (hunk) in the diff", id="next_hunk"),
    Binding(
        "N",
        "previous_hunk",
        "Previous change",
        tooltip="Previous change (hunk) in the diff",
        show=False,
        id="previous_hunk",
    ),
    Binding(
        "right_square_bracket",
        "next_section",
        "Next section",
        tooltip="Next section: the next heading in the article, else the diff's next hunk"
        " in another section",
        key_display="]",
        show=False,
        id="next_section",
    ),
    Binding(
        "left_square_bracket",
        "previous_section",
        "Previous section",
        tooltip="Previous section (article heading or diff section)",
        key_display="[",
        show=False,
        id="previous_section",
    ),
    Binding("t", "toc", "TOC", tooltip="Table of contents: jump to a heading", id="toc"),
    Binding("s", "toggle_inline", "Layout", tooltip="Side by side ↔ inline", id="toggle_inline"),
    Binding(
        "v",
        "toggle_visual",
        "Visual",
        tooltip="Wikitext ↔ visual diff (of the rendered text)",
        id="toggle_visual",
    ),
    Binding(
        "b",
        "mark_base",
        "Mark base",
        tooltip="Mark this revision as the base to compare others with",
        show=False,
        id="mark_base",
    ),
    Binding(
        "B",
        "clear_base",
        "Parent",
        tooltip="Back to comparing with the parent revision",
        show=False,
        id="clear_base",
    ),
    Binding(
        "e",
        "expand_folds",
        "Expand",
        tooltip="Expand the folded context (⋯ N more lines) of the current change",
        show=False,
        id="expand_folds",
    ),
    Binding(
        "h",
        "toggle_header",
        "Header",
        tooltip="Full diff header ↔ two-row header (short panes start with two rows)",
        show=False,
        id="toggle_header",
    ),
    Binding(
        "left_curly_bracket",
        "less_context",
        "Less context",
        key_display="{",
        show=False,
        id="less_context",
    ),
    Binding(
        "right_curly_bracket",
        "more_context",
        "More context",
        key_display="}",
        show=False,
        id="more_context",
    ),
    Binding(
        "tab",
        "cycle_focus(1)",
        "Next pane",
        tooltip="Next pane: tree → diff → article",
        show=False,
        id="focus_next",
    ),
    Binding("shift+tab", "cycle_focus(-1)", "Previous pane", show=False, id="focus_previous"),
    Binding(
        "z",
        "maximize_pane",
        "Maximise",
        tooltip="Maximise the focused pane (again: restore)",
        show=False,
        id="maximize",
    ),
    Binding(
        "slash",
        "search",
        "Search",
        tooltip="Search the focused pane",
        key_display="/",
        show=False,
        id="search",
    ),
    Binding(
        "y",
        "copy_url",
        "Copy URL",
        tooltip="Copy the diff's URL on the wiki (OSC 52)",
        show=False,
        id="copy_url",
    ),
    Binding(
        "backslash",
        "toggle_sidebar",
        "Sidebar",
        tooltip="Show or hide the revision tree",
        key_display="\\",
        show=False,
        id="toggle_sidebar",
    ),
    Binding(
        "w",
        "toggle_blame",
        "Blame",
        tooltip="Blame (who wrote each word) ↔ the rendered article",
        show=False,
        id="toggle_blame",
    ),
]
