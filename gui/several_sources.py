"""Several sources, one map, in the window: Edit > Merge Entities (Ctrl+M), Edit > Split Entity
(Ctrl+Shift+M), Alt-drag one entity onto another to merge them, and the Sources pane (kinds, ranks,
"Show only what this source says"). Each edit is one undo command pushed on the editor's stack.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from .commands import MergeCommand, SourceKindCommand, SourceOrderCommand, SplitCommand
from .interactions import merge_requests
from .panes.sources import SourcesPane
from .source_focus import SourceFocus


class SeveralSourcesMixin:
    """Needs the window's editor, ``_action``, ``_dock``, view menu and status bar (see MainWindow)."""

    def build_several_sources(self, edit_menu) -> None:
        self.sources_pane = SourcesPane()
        self.sources_pane.kind_requested.connect(self.set_source_kind)
        self.sources_pane.order_requested.connect(self.rank_sources)
        self.sources_pane.focus_changed.connect(self.focus_source)
        self.source_focus: SourceFocus | None = None
        self._picked: list[str] = []  # the selected entities in the order they were selected
        edit_menu.addSeparator()
        self.merge_action = self._action(edit_menu, "&Merge Entities", self.merge_selected,
                                         QKeySequence("Ctrl+M"), "merge_entities")
        self.merge_action.setToolTip("Two selected entities are one: the first selected is kept, the other's "
                                     "names, quotes and lines join it (also: Alt-drag one onto the other)")
        self.split_action = self._action(edit_menu, "S&plit Entity", self.split_selected,
                                         QKeySequence("Ctrl+Shift+M"), "split_entity")
        self.split_action.setToolTip("Undo the latest merge into the selected entity: both as they were")
        self._update_merge_actions()

    def dock_sources(self, beside) -> None:
        self.sources_dock = self._dock("Sources", self.sources_pane, Qt.DockWidgetArea.RightDockWidgetArea,
                                       "sources_dock")
        self.tabifyDockWidget(beside, self.sources_dock)
        beside.raise_()
        self.view_menu.addAction(self.sources_dock.toggleViewAction())

    def sources_follow(self, editor) -> None:
        """A new document is shown: the pane, the canvas focus and Alt-drag follow its editor."""
        if self.source_focus is not None:
            self.source_focus.detach()
        self.source_focus = SourceFocus(editor)
        self.sources_pane.set_document(editor.doc)
        merge_requests(editor.scene).requested.connect(self.merge_entities)
        editor.undo_stack.indexChanged.connect(lambda _index: self._update_merge_actions())
        self._picked = []
        self._update_merge_actions()

    # --- merging ----------------------------------------------------------------------------------
    def note_selection(self, ids: list[str]) -> None:
        """Keep the order entities were selected in (the first selected is the one a merge keeps)."""
        doc = self.editor.doc if self.editor else None
        entities = [i for i in ids if doc is not None and doc.has_entity(i)]
        kept = [i for i in self._picked if i in entities]
        self._picked = kept + [i for i in entities if i not in kept]
        self._update_merge_actions()

    def _update_merge_actions(self) -> None:
        doc = self.editor.doc if self.editor else None
        picked = [i for i in self._picked if doc is not None and doc.has_entity(i)]
        self.merge_action.setEnabled(len(picked) == 2)
        self.split_action.setEnabled(len(picked) == 1 and bool(doc.entity(picked[0]).merged_from))

    def merge_selected(self) -> None:
        picked = [i for i in self._picked if self.editor and self.editor.doc.has_entity(i)]
        if len(picked) != 2:
            self.statusBar().showMessage("Select two entities to merge (the first selected is kept).", 5000)
            return
        self.merge_entities(*picked)

    def merge_entities(self, keep_id: str, absorb_id: str) -> None:
        """Merge ``absorb_id`` into ``keep_id`` as one undo step."""
        doc = self.editor.doc
        if keep_id == absorb_id or not (doc.has_entity(keep_id) and doc.has_entity(absorb_id)):
            return
        absorbed, kept = doc.entity(absorb_id).name, doc.entity(keep_id).name
        self.editor.push(MergeCommand(doc, keep_id, absorb_id))
        self.select_ids([keep_id])
        self.statusBar().showMessage(f"Merged {absorbed} into {kept}; Edit > Split Entity (Ctrl+Shift+M) "
                                     "or Ctrl+Z takes them apart.", 8000)

    def split_selected(self) -> None:
        doc = self.editor.doc if self.editor else None
        picked = [i for i in self._picked if doc is not None and doc.has_entity(i)]
        if len(picked) != 1 or not doc.entity(picked[0]).merged_from:
            self.statusBar().showMessage("Select one entity made by merging to split it.", 5000)
            return
        absorbed = doc.entity(picked[0]).merged_from[-1].absorbed.id
        self.editor.push(SplitCommand(doc, picked[0]))
        self.select_ids([picked[0], absorbed])

    # --- sources ----------------------------------------------------------------------------------
    def set_source_kind(self, source_id: str, kind: str) -> None:
        doc = self.editor.doc if self.editor else None
        if doc is not None and doc.has_source(source_id) and doc.source(source_id).kind != kind:
            self.editor.push(SourceKindCommand(doc, source_id, kind))

    def rank_sources(self, order: tuple[str, ...]) -> None:
        if self.editor is not None and tuple(order) != self.editor.doc.source_order:
            self.editor.push(SourceOrderCommand(self.editor.doc, tuple(order)))

    def focus_source(self, source_id: str) -> None:
        if self.source_focus is not None:
            self.source_focus.set_source(source_id)
        if source_id and self.editor is not None:
            title = self.editor.doc.source(source_id).title
            self.statusBar().showMessage(f"Showing what \u201c{title}\u201d says; the rest is dimmed.", 5000)
