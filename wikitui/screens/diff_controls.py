"""The main screen's keys for the diff: what it compares, how it shows it, moving through it.

``n``/``N`` step through the changes, ``]``/``[`` through the sections, ``s`` and ``v`` switch
inline and visual, ``b``/``B`` set and clear the base, ``{``/``}`` change the context, ``e``
unfolds it, ``h`` switches the header, ``y`` copies the diff's URL on the wiki.
"""

from __future__ import annotations

from wikitui.present.comparison import Comparison, comparison_for
from wikitui.screens.main_base import CONTEXT_STEPS, MainScreenBase
from wikitui.widgets.diff_view import DiffView


class DiffControlsMixin(MainScreenBase):
    """The comparison the diff pane shows, and the keys that change or move through it."""

    def current_comparison(self) -> Comparison | None:
        """What the diff pane should show for the current selection and modes."""
        if self.selected is None:
            return None
        return comparison_for(
            self.selected.page,
            self.selected.index,
            base=self.base,
            visual=self.visual,
            context=CONTEXT_STEPS[self.context_step],
        )

    def _show_diff(self) -> None:
        comparison = self.current_comparison()
        self.diff.show(comparison)
        self._update_status(comparison)

    def _update_mode(self) -> None:
        context = CONTEXT_STEPS[self.context_step]
        parts = [
            "inline" if self.diff.inline else "side by side",
            "visual" if self.visual else "wikitext",
            f"ctx {'all' if context is None else context}",
        ]
        self.status.update(mode=" · ".join(parts))

    def on_diff_view_position_changed(self, event: DiffView.PositionChanged) -> None:
        """Show the current hunk and its section."""
        hunk = None
        if event.total:
            hunk = (
                f"change {event.hunk + 1}/{event.total}"
                if event.hunk is not None
                else (f"{event.total} change{'s' if event.total != 1 else ''}")
            )
        section = event.section
        if self.focused is self.article:
            section = self.article.section
        self.status.update(hunk=hunk, section=section)

    # -- moving through the changes and sections ------------------------------------------------

    def action_next_hunk(self) -> None:
        """Next change in the diff."""
        if not self.diff.next_hunk(1):
            self.notify("No further change.", timeout=2)

    def action_previous_hunk(self) -> None:
        """Previous change in the diff."""
        if not self.diff.next_hunk(-1):
            self.notify("No earlier change.", timeout=2)

    def _section_step(self, step: int) -> None:
        if self.focused is self.article:
            moved = self.article.next_section(step)
        else:
            moved = self.diff.next_section(step)
        if not moved:
            self.notify("No further section." if step > 0 else "No earlier section.", timeout=2)

    def action_next_section(self) -> None:
        """Next section: the next heading in the article, the next section's hunk in the diff."""
        self._section_step(1)

    def action_previous_section(self) -> None:
        """Previous section."""
        self._section_step(-1)

    # -- how the diff shows ---------------------------------------------------------------------

    def action_toggle_inline(self) -> None:
        """Side by side ↔ inline."""
        self.diff.toggle_inline()
        self._update_mode()

    def action_toggle_visual(self) -> None:
        """Wikitext ↔ visual (rendered text) diff."""
        self.visual = not self.visual
        self._show_diff()

    def action_expand_folds(self) -> None:
        """Show the context lines folded away around the current change."""
        if not self.diff.expand_folds():
            self.notify("Nothing folded here.", timeout=2)

    def action_toggle_header(self) -> None:
        """Full diff header ↔ the two-row one."""
        self.diff.toggle_header()

    def _change_context(self, step: int) -> None:
        target = self.context_step + step
        if not 0 <= target < len(CONTEXT_STEPS):
            return
        self.context_step = target
        self._show_diff()

    def action_less_context(self) -> None:
        """Fewer context lines around each change."""
        self._change_context(-1)

    def action_more_context(self) -> None:
        """More context lines (up to the whole text)."""
        self._change_context(+1)

    # -- what the diff compares -----------------------------------------------------------------

    def action_mark_base(self) -> None:
        """Compare every revision selected from now on with this one."""
        if self.selected is None:
            return
        revision = self.selected.page.revisions[self.selected.index]
        self.notify(
            f"Base: r{revision.rev_id}. Select another revision to compare; B resets.", timeout=4
        )
        self.compare_with(self.selected.index)

    def compare_with(self, index: int) -> None:
        """Compare the selected revision with revision ``index`` (the palette's "compare with")."""
        if self.selected is None:
            return
        self.base = index
        self.revision_tree.set_base(self.selected.page, self.base)
        self._show_diff()

    def action_clear_base(self) -> None:
        """Back to comparing with the parent revision."""
        self.base = None
        self.revision_tree.set_base(None, None)
        self._show_diff()

    def action_copy_url(self) -> None:
        """Copy the diff's URL on the wiki to the clipboard (OSC 52: works over ssh)."""
        comparison = self.current_comparison()
        if comparison is None:
            return
        url = diff_url(comparison)
        self.app.copy_to_clipboard(url)
        self.notify(url, title="Copied", timeout=4)


def diff_url(comparison: Comparison) -> str:
    """The wiki's own URL for a comparison, e.g. ``…/index.php?diff=2&oldid=1``."""
    site = comparison.page.site or "en.wikipedia.org"
    if "://" not in site:
        site = f"https://{site}"
    new_id = comparison.new.rev_id
    old = comparison.old
    if old is None or old.rev_id is None:
        return f"{site}/w/index.php?oldid={new_id}"
    return f"{site}/w/index.php?diff={new_id}&oldid={old.rev_id}"
