"""Look-through and as-of glue: three docks, the canvas filter by date, and the status bar.

The window installs it once, just after its first paint (``install_lookthrough``; the docks then
take their saved places), and tells it of a new document (``document_changed``) and of each
selection (``selection_changed``).

:func:`install_lookthrough` fills the Look-through and Stake chart docks on the right (tabbed with
Details and Source) and the Timeline at the bottom (tabbed with Problems), which the window makes.
Calling it again on the same window returns the same controller. If a document is already open it takes it up.

With a date chosen the canvas hides what :func:`model.asof.hidden_at` says was not there that day;
'Now (current facts)' hides nothing. The look-through pane and the stake chart follow the same date.
A document change (debounced by 150 ms) recomputes all of it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from model.asof import hidden_at
from model.document import Document, Event
from model.inforce import parse_as_of

from .panes.follow import DEFER_ABOVE, Debounce, in_turn

DEBOUNCE_MS = 150
LAYOUT_EVENTS = ("pin_changed", "arrangement_changed")


def pick_subject(doc: Document, ids: list[str], current: str) -> str:
    """The entity the look-through shows for a selection.

    The current subject stays while it is selected (a chain clicked in the pane selects it with
    the rest) or when nothing is; otherwise the first selected entity, or the owned end of the
    first selected relationship.
    """
    if not ids or current in ids:
        return current if current and doc.has_entity(current) else ""
    entities = [item_id for item_id in ids if doc.has_entity(item_id)]
    if entities:
        return entities[0]
    relationships = [item_id for item_id in ids if doc.has_relationship(item_id)]
    return doc.relationship(relationships[0]).object if relationships else current


class AsOfController(QObject):
    """Keeps the look-through, stake chart, timeline and canvas on one document, subject and date."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.setObjectName("as_of_controller")
        self.window = window
        self.editor = None
        self.doc: Document | None = None
        self.as_of: str | None = None
        self._selecting = False
        # Imported here, not at the top: pyqtgraph and scipy take about a second to import, which
        # the window pays only after it has first shown (see MainWindow.as_of).
        from .panes.lookthrough import LookThroughPane
        from .panes.stakes import StakeChart
        from .panes.timeline import TimelinePane

        self.lookthrough = LookThroughPane()
        self.stakes = StakeChart()
        self.timeline = TimelinePane()
        self._build_docks()
        self.status = QLabel("Current facts", objectName="as_of_status")
        self.status.setToolTip("The date the canvas, look-through and stake chart show (Timeline pane)")
        window.statusBar().addPermanentWidget(self.status)
        self._debounce = Debounce(self, DEBOUNCE_MS, lambda: in_turn(self, self.refresh))
        self.timer = self._debounce.timer
        self.timeline.as_of_changed.connect(self.set_as_of)
        self.timeline.ids_clicked.connect(lambda ids: window.select_ids(ids, centre=True))
        self.lookthrough.ids_clicked.connect(self.select_keeping_subject)
        self.lookthrough.party_activated.connect(lambda party: window.select_ids([party], centre=True))
        self.lookthrough.updated.connect(self._chart)
        # A selection made by pressing on the canvas reaches the look-through when the button is
        # released: a drag's first steps never wait for the pane (about 20 ms on a big picture).
        self._held: list[str] | None = None
        window.canvas.viewport().installEventFilter(self)

    def _build_docks(self) -> None:
        """Put the panes into the docks the window keeps for them (tabbed beside Details, Source and
        Problems, in the places saved with the window)."""
        window = self.window
        for pane, name in ((self.lookthrough, "lookthrough_dock"), (self.stakes, "stakes_dock"),
                           (self.timeline, "timeline_dock")):
            dock = getattr(window, name)
            placeholder = dock.widget()
            dock.setWidget(pane)
            if placeholder is not None:
                placeholder.deleteLater()
        self.lookthrough_dock, self.stakes_dock = window.lookthrough_dock, window.stakes_dock
        self.timeline_dock = window.timeline_dock

    # --- called by the window -------------------------------------------------------------------
    def document_changed(self, editor) -> None:
        """Follow the editor's document (the window calls this from ``set_document``)."""
        if self.doc is not None:
            try:
                self.doc.unsubscribe(self._on_event)
            except ValueError:
                pass
        self.timer.stop()
        self.editor = editor
        self.doc = editor.doc if editor is not None else None
        if self.doc is not None:
            self.doc.subscribe(self._on_event)
        if self.doc is not None and len(self.doc.entities()) > DEFER_ABOVE:
            # a big document: its look-through and timeline once the canvas has shown it
            self.lookthrough.set_document(None)
            self.timeline.set_document(None)
            self.apply_filter()
            in_turn(self, self._follow_document)
            return
        self._follow_document()

    def _follow_document(self) -> None:
        self.lookthrough.set_document(self.doc)
        self.timeline.set_document(self.doc)
        self.apply_filter()
        self.selection_changed(self.editor.scene.selected_ids() if self.editor is not None else [])

    def selection_changed(self, ids: list[str]) -> None:
        """Show the look-through of the selection (the window calls this from ``selection_changed``)."""
        if self._selecting or self.doc is None:
            return
        if QGuiApplication.mouseButtons() & Qt.MouseButton.LeftButton:
            self._held = list(ids)
            return
        self._held = None
        self.lookthrough.show_entity(pick_subject(self.doc, list(ids), self.lookthrough.subject_id))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if self._held is not None and self.doc is not None and event.type() == QEvent.Type.MouseButtonRelease:
            held, self._held = self._held, None
            self.lookthrough.show_entity(pick_subject(self.doc, held, self.lookthrough.subject_id))
        return False

    # --- reactions ------------------------------------------------------------------------------
    def select_keeping_subject(self, ids: list[str]) -> None:
        """Select a chain on the canvas while the look-through stays on its subject."""
        self._selecting = True
        try:
            self.window.select_ids(ids, centre=True)
        finally:
            self._selecting = False

    def set_as_of(self, as_of: str | None) -> None:
        """Show the facts of 'YYYY-MM-DD', or the current facts (None), everywhere."""
        self.as_of = as_of
        self.lookthrough.set_as_of(as_of)
        self.apply_filter()

    def apply_filter(self) -> None:
        """Hide on the canvas what was not there on the as-of date, and say which date is shown."""
        day = parse_as_of(self.as_of)
        hidden = hidden_at(self.doc, day) if day is not None and self.doc is not None else frozenset()
        if self.editor is not None:
            self.editor.scene.set_hidden(hidden)
        self.status.setText(f"As of {self.as_of}" if day is not None else "Current facts")
        self.status.setToolTip(f"{len(hidden)} entities and lines not in force that day are hidden"
                               if day is not None else "The canvas shows every fact")

    def refresh(self) -> None:
        """Recompute everything from the document (after an edit settles)."""
        if self.doc is None:
            return
        self.lookthrough.recompute()
        self.timeline.set_document(self.doc)
        self.apply_filter()

    def _on_event(self, event: Event) -> None:
        if event.name not in LAYOUT_EVENTS:
            self._debounce.poke()

    def _chart(self) -> None:
        pane = self.lookthrough
        if self.doc is not None:
            self.stakes.show_stakes(self.doc, pane.result, pane.subject_id)
        else:
            self.stakes.clear("No document.")


def install_lookthrough(window) -> AsOfController:
    """Add the look-through, stake chart and timeline docks to a main window; return the controller.

    The window must then call ``document_changed(editor)`` and ``selection_changed(ids)`` on it (see
    the module docstring). Installing twice returns the first controller.
    """
    existing = window.findChild(AsOfController, "as_of_controller")
    if existing is not None:
        return existing
    controller = AsOfController(window)
    if window.editor is not None:
        controller.document_changed(window.editor)
    return controller
