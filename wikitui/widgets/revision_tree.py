"""The sidebar: sources → pages → revisions, newest first, built lazily.

A page with a long history is grouped by year and month; nothing below a node exists until the
node is expanded, so a 50,000-revision page opens at once. While a source is still being read,
:meth:`RevisionTree.refresh_page` brings a page's node up to date with the revisions read so far.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar, Literal

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Tree
from textual.widgets.tree import TreeNode

from wikitui.history.reverts import Reverts
from wikitui.model import LoadProblem, Page, Source
from wikitui.present.grouping import (
    MONTH_THRESHOLD,
    YEAR_THRESHOLD,
    group_label,
    group_ranges,
)
from wikitui.present.history import revert_row_marks
from wikitui.present.revision import RowMark, revision_row
from wikitui.present.visible import visible

NodeKind = Literal["source", "page", "year", "month", "revision", "problem"]


@dataclass(slots=True)
class TreeRef:
    """What a tree node stands for. ``start``/``stop`` bound a group's revision indexes."""

    kind: NodeKind
    source: Source | None = None
    page: Page | None = None
    index: int | None = None
    start: int = 0
    stop: int = 0
    key: str = ""
    loaded: bool = False
    children_for: int = field(default=-1)  # revision count the children were built for


class RevisionTree(Tree[TreeRef]):
    """Sources, pages and revisions; highlighting a revision selects it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    class RevisionHighlighted(Message):
        """The cursor is on a revision; handled by ``on_revision_tree_revision_highlighted``."""

        def __init__(self, tree: RevisionTree, page: Page, index: int) -> None:
            super().__init__()
            self.tree = tree
            self.page = page
            self.index = index

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__("sources", data=TreeRef("source"), id=id, classes=classes)
        self.show_root = False
        self.guide_depth = 2
        self._page_nodes: dict[int, TreeNode[TreeRef]] = {}
        self._revision_nodes: dict[tuple[int, int], TreeNode[TreeRef]] = {}
        self._base: tuple[int, int] | None = None
        self._reverts: dict[int, Reverts] = {}
        # id(page) -> the revision indexes a filter lets through (absent: every revision).
        self._shown: dict[int, frozenset[int]] = {}

    # -- building -------------------------------------------------------------------------------

    def add_source(self, source: Source, *, expand: bool = True) -> TreeNode[TreeRef]:
        """Add a source (and its pages, lazily); returns its node."""
        node = self.root.add(self._source_label(source), TreeRef("source", source), expand=expand)
        self._fill_source(node, source)
        return node

    def add_failed(self, path: str, message: str) -> None:
        """A source that could not be read: one line saying why."""
        label = Text("⚠ ", style="bold red")
        label.append(visible(path.rstrip("/").rsplit("/", 1)[-1] or path), style="bold")
        label.append(f": {visible(message)}", style="red")
        self.root.add_leaf(label, TreeRef("problem"))

    def _source_label(self, source: Source) -> Text:
        label = Text(visible(source.label), style="bold")
        label.append(f"  {source.kind}", style="dim")
        if source.problems:
            label.append(f"  ⚠ {len(source.problems)}", style="red")
        return label

    def _fill_source(self, node: TreeNode[TreeRef], source: Source) -> None:
        for child in source.children:
            if len(child.pages) == 1 and not child.children and not child.problems:
                self._add_page(node, child.pages[0], child)  # one-page files read as pages
            else:
                self._fill_source(
                    node.add(self._source_label(child), TreeRef("source", child)), child
                )
        for page in source.pages:
            self._add_page(node, page, source)
        for problem in source.problems[:50]:
            self._add_problem(node, problem)

    def _add_problem(self, node: TreeNode[TreeRef], problem: LoadProblem) -> None:
        node.add_leaf(Text(f"⚠ {visible(str(problem))}", style="red"), TreeRef("problem"))

    def add_page(self, source_node: TreeNode[TreeRef], page: Page) -> TreeNode[TreeRef]:
        """Add a page that a loading source just started."""
        ref = source_node.data
        return self._add_page(source_node, page, ref.source if ref else None)

    def _add_page(
        self, parent: TreeNode[TreeRef], page: Page, source: Source | None
    ) -> TreeNode[TreeRef]:
        node = parent.add(self._page_label(page), TreeRef("page", source, page))
        self._page_nodes[id(page)] = node
        return node

    def _page_label(self, page: Page, loading: bool = False) -> Text:
        label = Text(visible(page.title), style="bold")
        count = len(page.revisions)
        label.append(f"  {count:,} rev{'s' if count != 1 else ''}", style="dim")
        if loading:
            label.append(" …", style="dim")
        return label

    def row_marks(self, page: Page, index: int) -> list[RowMark]:
        """The marks a revision's row carries besides its own fields: ``◆`` on the revision
        compared against, and the revert marks (a reverted row dimmed and struck)."""
        marks = revert_row_marks(self._reverts.get(id(page)), index)
        if self._base == (id(page), index):
            marks.insert(0, RowMark("◆", "bold magenta", place="lead"))
        return marks

    def set_reverts(self, page: Page, reverts: Reverts) -> None:
        """Mark the page's reverted and reverting revisions (the rows already built redraw)."""
        self._reverts[id(page)] = reverts
        for (page_id, index), node in list(self._revision_nodes.items()):
            if page_id == id(page) and node.parent is not None:
                node.set_label(self._revision_label(page, index))

    def set_filter(self, page: Page, shown: list[int] | None) -> None:
        """Show only these revisions of the page (None: all); the page's rows are rebuilt."""
        if shown is None:
            self._shown.pop(id(page), None)
        else:
            self._shown[id(page)] = frozenset(shown)
        node = self.page_node(page)
        if node is None or node.data is None:
            return
        node.data.loaded = False
        node.data.children_for = -1
        self._populate(node)
        node.expand()

    def _revision_label(self, page: Page, index: int) -> Text:
        """The one drawer of a revision's row: the present layer's row with this tree's marks."""
        return revision_row(page, index, self.row_marks(page, index))

    def refresh_revision(self, page: Page, index: int) -> None:
        """Redraw one revision's row (after its marks changed)."""
        node = self._revision_nodes.get((id(page), index))
        if node is not None:
            node.set_label(self._revision_label(page, index))

    def set_base(self, page: Page | None, index: int | None) -> None:
        """Mark the revision compared against (``◆``), or clear the mark (None)."""
        old = self._base
        self._base = None if page is None or index is None else (id(page), index)
        for key in (old, self._base):
            node = self._revision_nodes.get(key) if key is not None else None
            if node is not None and node.data is not None and node.data.page is not None:
                assert node.data.index is not None
                self.refresh_revision(node.data.page, node.data.index)

    def page_node(self, page: Page) -> TreeNode[TreeRef] | None:
        """The node of a page, if it is in the tree."""
        return self._page_nodes.get(id(page))

    def on_tree_node_expanded(self, event: Tree.NodeExpanded[TreeRef]) -> None:
        """Build a node's children the first time it opens."""
        event.stop()
        self._populate(event.node)

    def _populate(self, node: TreeNode[TreeRef]) -> None:
        ref = node.data
        if ref is None or ref.page is None or ref.kind not in ("page", "year", "month"):
            return
        count = len(ref.page.revisions)
        if ref.loaded and (ref.kind != "page" or ref.children_for == count):
            return
        if ref.kind == "page":
            self._forget(ref.page)
        node.remove_children()
        ref.loaded = True
        ref.children_for = count
        page = ref.page
        if ref.kind == "page":
            start, stop = 0, count
            grouping = "year" if count > YEAR_THRESHOLD else None
        else:
            start, stop = ref.start, ref.stop
            grouping = "month" if ref.kind == "year" and stop - start > MONTH_THRESHOLD else None
        shown = self._shown.get(id(page))
        if shown is not None:
            count_in = sum(1 for index in range(start, stop) if index in shown)
            if ref.kind == "page":
                grouping = "year" if count_in > YEAR_THRESHOLD else None
            elif ref.kind == "year":
                grouping = "month" if count_in > MONTH_THRESHOLD else None
        if grouping is None:
            for index in range(stop - 1, start - 1, -1):
                if shown is not None and index not in shown:
                    continue
                child = node.add_leaf(
                    self._revision_label(page, index), TreeRef("revision", page=page, index=index)
                )
                self._revision_nodes[(id(page), index)] = child
            return
        kind: NodeKind = "year" if grouping == "year" else "month"
        for value, first, last in reversed(group_ranges(page, start, stop, grouping)):
            count_in = last - first
            if shown is not None:
                count_in = sum(1 for index in range(first, last) if index in shown)
                if not count_in:
                    continue
            node.add(
                group_label(grouping, value, count_in),
                TreeRef(kind, page=page, start=first, stop=last, key=str(value)),
            )

    def refresh_page(self, page: Page, *, loading: bool = False) -> None:
        """Bring a page's node up to date with the revisions read so far."""
        node = self.page_node(page)
        if node is None:
            return
        node.set_label(self._page_label(page, loading))
        ref = node.data
        if ref is None or not ref.loaded or ref.children_for == len(page.revisions):
            return
        cursor = self.cursor_node.data if self.cursor_node else None
        open_groups = {
            child.data.key for child in node.children if child.is_expanded and child.data
        }
        self._populate(node)  # a page node: forgets the page's old revision nodes first
        for child in node.children:
            if child.data and child.data.key in open_groups:
                child.expand()
        if cursor is not None and cursor.kind == "revision" and cursor.page is page:
            assert cursor.index is not None
            self.reveal(page, cursor.index)

    def _forget(self, page: Page) -> None:
        for key in [key for key in self._revision_nodes if key[0] == id(page)]:
            del self._revision_nodes[key]

    # -- finding --------------------------------------------------------------------------------

    def reveal(self, page: Page, index: int) -> bool:
        """Expand down to revision ``index`` of ``page`` and put the cursor on it."""
        node = self.page_node(page)
        if node is None:
            return False
        while True:
            found = self._revision_nodes.get((id(page), index))
            if found is not None and found.parent is not None:
                break
            self._populate(node)
            node.expand()
            child = next(
                (
                    c
                    for c in node.children
                    if c.data
                    and c.data.start <= index < c.data.stop
                    and c.data.kind in ("year", "month")
                ),
                None,
            )
            if child is None:
                found = self._revision_nodes.get((id(page), index))
                if found is None:
                    return False
                break
            node = child
        parent = found.parent
        while parent is not None and not parent.is_root:
            parent.expand()
            parent = parent.parent
        # New nodes get their line numbers when the tree next lays itself out.
        self.call_after_refresh(self._put_cursor, found)
        return True

    def _put_cursor(self, node: TreeNode[TreeRef]) -> None:
        if node.tree is self and node.parent is not None:
            self.move_cursor(node)
            self.scroll_to_node(node, animate=False)

    def _post_revision(self, node: TreeNode[TreeRef]) -> None:
        ref = node.data
        if ref is not None and ref.kind == "revision" and ref.page is not None:
            assert ref.index is not None
            self.post_message(self.RevisionHighlighted(self, ref.page, ref.index))

    def on_tree_node_highlighted(self, event: Tree.NodeHighlighted[TreeRef]) -> None:
        """Turn the cursor landing on a revision into a selection."""
        event.stop()
        self._post_revision(event.node)

    def on_tree_node_selected(self, event: Tree.NodeSelected[TreeRef]) -> None:
        """Enter on a revision selects it too (a no-op when already selected)."""
        event.stop()
        self._post_revision(event.node)

    def action_first(self) -> None:
        """Cursor to the first line."""
        self.cursor_line = 0

    def action_last(self) -> None:
        """Cursor to the last line."""
        self.cursor_line = self.last_line
