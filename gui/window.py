"""The main window: the canvas in the middle, panes in docks, menus, toolbar and shortcuts.

File handling (open, save, recent files, recovery) lives in ``files.FilesMixin``.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDockWidget,
    QLabel,
    QLineEdit,
    QMainWindow,
    QScrollArea,
    QToolBar,
    QUndoView,
    QWidget,
)

from model.document import Document
from model.find import find_entities, findable_names
from model.layout.arrange import VIEW_LABELS, arrange

from .add_source import AddSourceMixin
from .asof import install_lookthrough
from .background import Cancelled, run_with_progress
from .editor import Editor
from .files import FilesMixin
from .items import EntityItem, RelationshipItem
from .legend import LegendWidget
from .measure import QtSizes
from .panes.details import DetailsPane
from .panes.minimap import MinimapPane
from .panes.outline import OutlinePane
from .panes.palette import PalettePane
from .panes.problems import ProblemsPane
from .panes.source import SourcePane
from .reading import ReadingMixin
from .recovery import Recovery
from .register.in_window import RegisterMixin
from .several_sources import SeveralSourcesMixin
from .view import DiagramView

NUDGE = 10.0
SETTLE_POLL_MS = 100
READABLE_ZOOM = 0.6  # where a search or a click in a pane takes the canvas when zoomed far out


class MainWindow(AddSourceMixin, FilesMixin, ReadingMixin, RegisterMixin, SeveralSourcesMixin, QMainWindow):
    def __init__(self, settings: QSettings, recovery: Recovery | None = None) -> None:
        super().__init__()
        self.settings = settings
        self.recovery = recovery
        self.editor: Editor | None = None
        self.setObjectName("main_window")
        self.resize(1500, 940)
        self.setAcceptDrops(True)
        self.canvas = DiagramView(self)
        self.setCentralWidget(self.canvas)
        self.details = DetailsPane()
        self.source = SourcePane()
        self.problems = ProblemsPane()
        self.outline = OutlinePane()
        self.palette_pane = PalettePane()
        self.undo_view = QUndoView()
        self.undo_view.setEmptyLabel("<opened>")
        self.minimap = MinimapPane(self.canvas)
        self._build_actions()
        self._build_docks()
        self._build_toolbar()
        self._wire_panes()
        self.status_zoom = QLabel()
        self.statusBar().addPermanentWidget(self.status_zoom)
        self.canvas.zoom_changed.connect(lambda z: self.status_zoom.setText(f"{z * 100:.0f}%"))
        self.setup_files()
        self._lookthrough = None  # installed after the first paint: see as_of
        self._after_paint = []  # what waits for the canvas to be on screen
        self._sized = self.restore_window_state()
        self.canvas.viewport().installEventFilter(self)
        self._shown_once = False

    @property
    def as_of(self):
        """The look-through, stake chart and timeline, with the as-of date.

        Their libraries (pyqtgraph, scipy) take about a second to import, so they are installed once
        the canvas has painted and the window has settled (see ``_install_when_settled``), or here
        when asked for sooner, into the docks the window made for them (so those keep the places
        saved with the window)."""
        if self._lookthrough is None:
            self._lookthrough = install_lookthrough(self)
        return self._lookthrough

    def _finish_start(self, waiting) -> None:
        """One after the other, never inside each other's event loops: what waited (opening the file,
        whose progress runs an event loop), then the look-through."""
        for callback in waiting:
            callback()
        self._install_when_settled()

    def settled(self) -> bool:
        """Whether a document is shown with its whole picture made and the outline and problems filled."""
        return (self.editor is not None and not self.editor.scene.building and not self.outline.pending
                and not self.problems.pending)

    def _install_when_settled(self) -> None:
        """Install the look-through once nothing the user sees first is still coming (its second of
        imports would hold up a big file's picture and panes) and no button is held (a drag)."""
        if self._lookthrough is not None:
            return
        if not self.settled() or QApplication.activeModalWidget() is not None or QApplication.mouseButtons() \
                != Qt.MouseButton.NoButton:
            QTimer.singleShot(SETTLE_POLL_MS, self._install_when_settled)
            return
        self.as_of  # noqa: B018 (installs it)

    def after_first_paint(self, callback) -> None:
        """Call ``callback`` once the canvas has first painted (at once if it has)."""
        if self._after_paint is None:
            QTimer.singleShot(0, callback)
        else:
            self._after_paint.append(callback)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        first = self._after_paint is not None and watched is self.canvas.viewport()
        if first and event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            waiting, self._after_paint = self._after_paint, None
            QTimer.singleShot(0, lambda: self._finish_start(waiting))
        return super().eventFilter(watched, event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._sized:  # first run: give the canvas the room (docks only size once shown)
            self._sized = True
            self.resizeDocks([self.problems_dock], [170], Qt.Orientation.Vertical)
            self.resizeDocks([self.details_dock, self.source_dock], [360, 420], Qt.Orientation.Vertical)
        if not self._shown_once:  # the canvas has its real size only now
            self._shown_once = True
            self.canvas.show_readable()

    # --- building ---------------------------------------------------------------------------------
    def _action(self, menu, text: str, slot, shortcut=None, name: str = "", checkable=False) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name or text.lower().replace(" ", "_").replace("&", "").replace("\u2026", ""))
        if shortcut is not None:
            action.setShortcuts(shortcut if isinstance(shortcut, list) else [QKeySequence(shortcut)])
        action.setCheckable(checkable)
        action.triggered.connect(slot)
        menu.addAction(action)
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.build_file_menu(file_menu)
        edit = bar.addMenu("&Edit")
        self.undo_action = self._action(edit, "&Undo", lambda: self.editor and self.editor.undo_stack.undo(),
                                        QKeySequence.StandardKey.Undo, "undo")
        self.redo_action = self._action(
            edit, "&Redo", lambda: self.editor and self.editor.undo_stack.redo(),
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")], "redo")
        edit.addSeparator()
        self._action(edit, "&Delete", self.delete_selection,
                     [QKeySequence(QKeySequence.StandardKey.Delete), QKeySequence("Backspace")], "delete")
        self._action(edit, "Select &All", self.select_all, QKeySequence.StandardKey.SelectAll, "select_all")
        self._action(edit, "&Find\u2026", self.focus_find, QKeySequence.StandardKey.Find, "find")
        self.build_reading(file_menu, edit)
        self.build_several_sources(edit)
        self.build_register(file_menu, edit)
        for key, dx, dy in (("Left", -1, 0), ("Right", 1, 0), ("Up", 0, -1), ("Down", 0, 1)):
            action = QAction(self, shortcut=QKeySequence(key), objectName=f"nudge_{key.lower()}")
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, dx=dx, dy=dy: self.nudge(dx * NUDGE, dy * NUDGE))
            self.canvas.addAction(action)
        view = self.view_menu = bar.addMenu("&View")
        self.view_group = QActionGroup(self)
        for index, (key, label) in enumerate(VIEW_LABELS.items(), start=1):
            action = self._action(view, label, lambda _=False, k=key: self.set_view(k), f"Ctrl+{index}",
                                  f"view_{key}", checkable=True)
            self.view_group.addAction(action)
        view.addSeparator()
        self._action(view, "Zoom &In", self.canvas.zoom_in,
                     [QKeySequence(QKeySequence.StandardKey.ZoomIn), QKeySequence("Ctrl+=")], "zoom_in")
        self._action(view, "Zoom &Out", self.canvas.zoom_out, QKeySequence.StandardKey.ZoomOut, "zoom_out")
        self._action(view, "&Fit Diagram", self.canvas.fit, "Ctrl+0", "fit")
        view.addSeparator()
        self.relayout_action = self._action(view, "&Re-layout", self.relayout, "Ctrl+L", "relayout")
        self._action(view, "&Unpin Selected", self.unpin_selected, "Ctrl+U", "unpin")
        self._action(view, "Unpin A&ll", self.unpin_all, "Ctrl+Shift+U", "unpin_all")
        self.connect_action = self._action(view, "&Connect Mode", self.toggle_connect, "C", "connect_mode",
                                           checkable=True)
        self.connect_action.setToolTip("Drag from one entity to another to relate them (or use the "
                                       "orange handle on any entity)")
        view.addSeparator()
        self.other_lines_action = self._action(view, "Show &Other Lines", self.toggle_other_lines,
                                               "Ctrl+Shift+L", "show_other_lines", checkable=True)
        self.other_lines_action.setToolTip("In Ownership and Reporting, also draw the lines of other "
                                           "kinds (routed like the rest)")
        self.shelf_action = self._action(view, "Show &Shelf", self.toggle_shelf, "Ctrl+Shift+H", "show_shelf",
                                         checkable=True)
        self.shelf_action.setToolTip("Show the entities with no line of the view's kind, set aside "
                                     "beside the structure")
        self.docks_menu = bar.addMenu("&Panes")
        help_menu = bar.addMenu("&Help")
        self._action(help_menu, "&About Stakemap", self.about, name="about")

    def _dock(self, title: str, widget: QWidget, area, name: str) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        self.docks_menu.addAction(dock.toggleViewAction())
        return dock

    def _build_docks(self) -> None:
        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.palette_dock = self._dock("Palette", self.palette_pane, left, "palette_dock")
        self.outline_dock = self._dock("Outline", self.outline, left, "outline_dock")
        legend = QScrollArea()
        legend.setWidget(LegendWidget())
        self.legend_dock = self._dock("Legend", legend, left, "legend_dock")
        self.details_dock = self._dock("Details", self.details, right, "details_dock")
        self.source_dock = self._dock("Source", self.source, right, "source_dock")
        self.suggestions_dock = self._dock("Suggestions", self.suggestions, right, "suggestions_dock")
        self.tabifyDockWidget(self.details_dock, self.suggestions_dock)
        self.dock_sources(self.source_dock)
        self.problems_dock = self._dock("Problems", self.problems, bottom, "problems_dock")
        self.history_dock = self._dock("Undo History", self.undo_view, bottom, "history_dock")
        self.tabifyDockWidget(self.problems_dock, self.history_dock)
        self.problems_dock.raise_()
        self.overview_dock = self._dock("Overview", self.minimap, left, "overview_dock")
        self.tabifyDockWidget(self.legend_dock, self.overview_dock)
        self.overview_dock.raise_()
        self.dock_register(self.source_dock)
        # The look-through's three docks stand ready (and take their saved places) from the start;
        # their panes fill them just after the first paint (see as_of).
        for title, area, name, beside in (("Look-through", right, "lookthrough_dock", self.details_dock),
                                          ("Stake chart", right, "stakes_dock", self.source_dock),
                                          ("Timeline", bottom, "timeline_dock", self.problems_dock)):
            waiting = QLabel("Loading\u2026", alignment=Qt.AlignmentFlag.AlignCenter)
            dock = self._dock(title, waiting, area, name)
            setattr(self, name, dock)
            self.tabifyDockWidget(beside, dock)
            beside.raise_()
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.overview_dock.toggleViewAction())
        self.resizeDocks([self.palette_dock, self.outline_dock, self.legend_dock], [170, 420, 300],
                         Qt.Orientation.Vertical)
        self.resizeDocks([self.details_dock, self.source_dock], [300, 420], Qt.Orientation.Vertical)
        self.resizeDocks([self.details_dock, self.palette_dock], [420, 290], Qt.Orientation.Horizontal)
        self.resizeDocks([self.problems_dock], [150], Qt.Orientation.Vertical)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Main", self)
        bar.setObjectName("main_toolbar")
        self.addToolBar(bar)
        self.view_combo = QComboBox(objectName="view_combo")
        for key, label in VIEW_LABELS.items():
            self.view_combo.addItem(label.replace("&&", "&"), key)
        self.view_combo.activated.connect(lambda i: self.set_view(self.view_combo.itemData(i)))
        bar.addWidget(QLabel(" View "))
        bar.addWidget(self.view_combo)
        bar.addSeparator()
        for name in ("relayout", "unpin", "connect_mode", "fit"):
            bar.addAction(self.findChild(QAction, name))
        bar.addSeparator()
        self.find_box = QLineEdit(objectName="find_box", placeholderText="Find entity (Ctrl+F)")
        self.find_box.setClearButtonEnabled(True)
        self.find_box.setMaximumWidth(260)
        self.find_box.returnPressed.connect(lambda: self.find(self.find_box.text()))
        bar.addWidget(self.find_box)

    def _wire_panes(self) -> None:
        self.problems.problem_clicked.connect(lambda i: self.select_ids([i], centre=True))
        self.source.facts_clicked.connect(lambda ids: self.select_ids(ids, centre=True))
        self.details.citation_clicked.connect(self.show_citation)
        for tree in (self.outline.ownership, self.outline.reporting):
            tree.entity_clicked.connect(lambda i: self.select_ids([i], centre=True))
            tree.reparent_requested.connect(self.reparent)
        self.problems.counted.connect(lambda e, w: self.problems_dock.setWindowTitle(
            f"Problems ({e} errors, {w} warnings)"))

    # --- the document ---------------------------------------------------------------------------
    def set_document(self, doc: Document, path: str | None, modified: bool = False) -> None:
        """Show a document (replacing the current one)."""
        view = self.editor.view if self.editor else "ownership"
        if self.editor is not None:
            self.editor.close()
            self.editor.deleteLater()
        options = self._view_options()
        for action, on in ((self.other_lines_action, options["show_other"]),
                           (self.shelf_action, options["show_shelf"])):
            action.blockSignals(True)
            action.setChecked(on)
            action.blockSignals(False)
        self.editor = Editor(doc, path, view, self, options)
        self.editor.setParent(self)  # dies with the window, signals and all
        self.editor.message.connect(lambda text: self.statusBar().showMessage(text, 6000))
        self.editor.entity_created.connect(self.edit_new_entity)
        self.editor.undo_stack.cleanChanged.connect(lambda _: self.update_title())
        self.editor.scene.files_dropped.connect(self.open_dropped)
        self.editor.scene.selectionChanged.connect(self.selection_changed)
        self.canvas.setScene(self.editor.scene)
        self.undo_view.setStack(self.editor.undo_stack)
        self.details.set_editor(self.editor)
        self.source.set_document(doc)
        self.problems.set_document(doc)
        self.outline.set_document(doc)
        self.sources_follow(self.editor)
        self.suggestions.clear()
        if self._lookthrough is not None:  # else it takes the document up when installed
            self._lookthrough.document_changed(self.editor)
        self._restored_unsaved = modified  # recovered work counts as unsaved until saved
        self.canvas.forget_views()
        self.set_view(view)
        self.canvas.show_readable()
        self.register_follow()
        self.update_title()

    def is_modified(self) -> bool:
        return self.editor is not None and (self._restored_unsaved or not self.editor.undo_stack.isClean())

    def update_title(self) -> None:
        name = self.document_name() + self.register_caption()
        self.setWindowTitle(f"{name}[*] \u2014 Stakemap")
        self.setWindowModified(self.is_modified())

    # --- canvas commands ------------------------------------------------------------------------
    def set_view(self, view: str) -> None:
        if self.editor is None:
            return
        doc = self.editor.doc
        if any(doc.place(view, e.id) is None for e in doc.entities()):
            try:
                sizes = QtSizes()
                arrangement = run_with_progress(self, "Laying out\u2026",
                                                lambda: arrange(doc, view, sizes=sizes))
            except Cancelled:
                self.view_combo.setCurrentIndex(self.view_combo.findData(self.editor.view))
                return
            doc.set_arrangement(view, arrangement)
        previous = self.editor.view
        if view != previous:
            self.canvas.leave(previous)
        self.editor.scene.set_view(view)
        if view != previous:
            self.canvas.enter(view)
        self.view_combo.setCurrentIndex(self.view_combo.findData(view))
        self.findChild(QAction, f"view_{view}").setChecked(True)
        self.statusBar().showMessage(f"{VIEW_LABELS[view].replace('&&', '&')} view", 3000)

    def selected_ids(self) -> list[str]:
        return self.editor.scene.selected_ids() if self.editor else []

    def select_ids(self, ids: list[str], centre: bool = False) -> None:
        if self.editor is None:
            return
        scene = self.editor.scene
        if scene.overview and ids:
            self.canvas.zoom_by(READABLE_ZOOM / self.canvas.zoom())  # hidden items cannot be selected
        scene.select_ids(ids)
        items = [scene.entity_items.get(i) or scene.relationship_items.get(i) for i in ids]
        items = [i for i in items if i is not None]
        if centre and items:
            rect = items[0].sceneBoundingRect()
            for item in items[1:]:
                rect = rect.united(item.sceneBoundingRect())
            self.canvas.look_at(rect.center())

    def selection_changed(self) -> None:
        ids = self.selected_ids()
        self.note_selection(ids)
        if self._lookthrough is not None:
            self._lookthrough.selection_changed(ids)
        entity_first = sorted(ids, key=lambda i: not self.editor.doc.has_entity(i))
        self.details.show_item(entity_first[0] if entity_first else "")

    def delete_selection(self) -> None:
        if self.editor is not None:
            self.editor.delete(self.selected_ids())

    def select_all(self) -> None:
        if self.editor is not None:
            self.editor.scene.finish_building()  # a big picture may not have made all its items yet
            for item in self.editor.scene.items():
                if isinstance(item, EntityItem | RelationshipItem) and item.isVisible():
                    item.setSelected(True)

    def nudge(self, dx: float, dy: float) -> None:
        if self.editor is not None:
            self.editor.nudge([i for i in self.selected_ids() if self.editor.doc.has_entity(i)], dx, dy)

    def relayout(self) -> None:
        if self.editor is not None:
            self.editor.relayout()

    def unpin_selected(self) -> None:
        if self.editor is not None:
            ids = [i for i in self.selected_ids() if self.editor.doc.has_entity(i)]
            if ids:
                self.editor.unpin(ids)
            else:
                self.statusBar().showMessage("Select pinned entities to unpin (or use Unpin All).", 5000)

    def unpin_all(self) -> None:
        if self.editor is not None:
            self.editor.unpin([])

    def toggle_other_lines(self, on: bool) -> None:
        self.settings.setValue("view/show_other_lines", bool(on))
        if self.editor is not None:
            self.editor.scene.set_options(show_other=bool(on))

    def toggle_shelf(self, on: bool) -> None:
        self.settings.setValue("view/show_shelf", bool(on))
        if self.editor is not None:
            self.editor.scene.set_options(show_shelf=bool(on))

    def _view_options(self) -> dict:
        """The View menu's drawing toggles, as saved (shelf on, other lines off by default)."""
        return {"show_other": self.settings.value("view/show_other_lines", False, type=bool),
                "show_shelf": self.settings.value("view/show_shelf", True, type=bool)}

    def toggle_connect(self, on: bool) -> None:
        if self.editor is not None:
            self.editor.scene.connect_mode = on
        self.statusBar().showMessage(
            "Connect mode: drag from one entity to another." if on else "Move mode.", 4000)

    def reparent(self, kind: str, child: str, old_parent: str, new_parent: str) -> None:
        if self.editor is None:
            return
        share = None
        if kind == "ownership":
            share = self.ask_share(child, new_parent)
            if share is None:
                return
        self.editor.reparent(kind, child, old_parent or None, new_parent, share)

    def edit_new_entity(self, entity_id: str) -> None:
        self.select_ids([entity_id])
        self.details_dock.show()
        self.details.name.setFocus()
        self.details.name.selectAll()

    def show_citation(self, citation) -> None:
        self.source_dock.show()
        self.source_dock.raise_()
        self.source.show_citation(citation)

    # --- find -----------------------------------------------------------------------------------
    def focus_find(self) -> None:
        if self.editor is not None:
            completer = QCompleter(findable_names(self.editor.doc), self.find_box)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            completer.activated.connect(self.find)
            self.find_box.setCompleter(completer)
        self.find_box.setFocus()
        self.find_box.selectAll()

    def find(self, text: str) -> str:
        """Select and centre the best entity the text finds (:func:`model.find.find_entities`)."""
        if self.editor is None or not text.strip():
            return ""
        matches = find_entities(self.editor.doc, text)
        if not matches:
            self.statusBar().showMessage(f"No entity matches \u201c{text.strip()}\u201d.", 5000)
            return ""
        self.select_ids([matches[0].id], centre=True)
        self.canvas.setFocus()
        return matches[0].id

    def drop_point(self) -> QPointF:
        return self.canvas.mapToScene(self.canvas.viewport().rect().center())
