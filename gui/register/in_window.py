"""A register in the window: File > Open Register... (Ctrl+Shift+R), the Register pane's search, a
result's neighbourhood opened as a document, and the "+N" badges expanded (double-click, Edit >
Expand from Register, Ctrl+Shift+E) and collapsed (Edit > Collapse Register Lines, Ctrl+Shift+C).

Every question to the store and every layout runs away from the UI thread (:mod:`.worker`); what
comes back is shown, or pushed as one undo command (:mod:`.commands`), on the UI thread. A store
that cannot answer (moved, server down) gives a message, and the document stays as it was.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QLabel, QMenu, QScrollArea

from model.errors import InvalidValueError
from model.layout.arrange import arrange
from model.register.engine import is_postgres
from model.register.queries import Hit, search

from ..files import recent_list, remember_recent
from ..measure import QtSizes
from .badges import RegisterFacts, badge_clicks
from .commands import CollapseCommand, ExpandCommand
from .dialog import OpenRegisterDialog, check_address
from .pane import RegisterPane
from .pieces import (
    EXPAND_CAP,
    Expansion,
    Opened,
    Snapshot,
    badge_counts,
    collapse_plan,
    link_ends,
    open_piece,
    plan_expansion,
    register_degrees,
    store_name,
)
from .worker import RegisterWorker

SEARCH_LIMIT = 30
LET_GO_SLOWLY_ABOVE = 1000  # entities and lines: a bigger document shown is replaced over a few frames
FRAME_GAP_MS = 20
RETIRE_MS = 300
COUNT_RECORDS = "SELECT COUNT(*) FROM records WHERE kind <> 'relationship'"
SCHEMA_VERSION = "SELECT value FROM meta WHERE key = 'schema'"


class RegisterMixin:
    """Mixed into MainWindow; uses its editor, ``_action``, ``_dock``, canvas, status bar, settings,
    ``maybe_save``, ``set_document``, ``show_error`` and ``show_warnings``."""

    def build_register(self, file_menu, edit_menu) -> None:
        self.register_worker: RegisterWorker | None = None
        self.register_facts: RegisterFacts | None = None
        self._layouts = RegisterWorker("", self)  # collapse's layout: no store needed
        self._arriving: Opened | None = None
        self._expand_queue: list[str] = []
        self._expanding = ""
        self._followed = None  # the editor whose stack and badges are watched
        self.register_pane = RegisterPane()
        self.register_pane.search_requested.connect(self.search_register)
        self.register_pane.chosen.connect(self.open_neighbourhood)
        self.open_register_action = self._action(file_menu, "Open &Register\u2026", self.open_register_dialog,
                                                 QKeySequence("Ctrl+Shift+R"), "open_register")
        read = self.findChild(QAction, "read_article")
        actions = file_menu.actions()
        if read in actions and actions.index(read) + 1 < len(actions):  # beside File > Read Article
            file_menu.insertAction(actions[actions.index(read) + 1], self.open_register_action)
        self.open_register_action.setToolTip("Search a register store made by stakemap index and open a "
                                             "company's neighbourhood from it")
        edit_menu.addSeparator()
        self.expand_action = self._action(edit_menu, "E&xpand from Register", self.expand_selected,
                                          QKeySequence("Ctrl+Shift+E"), "expand_from_register")
        self.expand_action.setToolTip("Add the selected entity's lines in the register that the canvas "
                                      "does not show (its \"+N\" badge; or double-click the badge)")
        self.collapse_action = self._action(edit_menu, "C&ollapse Register Lines", self.collapse_selected,
                                            QKeySequence("Ctrl+Shift+C"), "collapse_register")
        self.collapse_action.setToolTip("Take away again what expanding the selected entity added")
        self.register_status = QLabel(objectName="register_status")
        self.canvas.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.canvas.customContextMenuRequested.connect(self._canvas_menu)

    def dock_register(self, beside) -> None:
        scroll = QScrollArea(widgetResizable=True)  # a short dock scrolls rather than squeezing the pane
        scroll.setWidget(self.register_pane)
        self.register_dock = self._dock("Register", scroll, Qt.DockWidgetArea.RightDockWidgetArea,
                                        "register_dock")
        self.tabifyDockWidget(beside, self.register_dock)
        beside.raise_()
        self.statusBar().addPermanentWidget(self.register_status)

    # --- opening a store --------------------------------------------------------------------------
    def open_register_dialog(self) -> None:
        folder = str(self.settings.value("register/folder", self.settings.value("last_folder", os.getcwd())))
        dialog = OpenRegisterDialog(self._recent_registers(), folder, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.open_register(dialog.address())

    def open_register(self, address: str) -> bool:
        """Start opening the store at ``address`` (a message says why not at once when it cannot be);
        the Register pane shows once the store answers. False when refused at once."""
        try:
            address = check_address(address)
        except InvalidValueError as error:
            self.show_error("Cannot open the register", str(error))
            return False
        worker = RegisterWorker(address, self)
        name = store_name(address)
        self.statusBar().showMessage(f"Opening the register {name}\u2026")

        def opened(_version) -> None:
            if self.register_worker is not None:
                self.register_worker.close()
            self.register_worker = worker
            self._remember_register(address)
            self.register_pane.set_store(f"Register: {name}")
            self.register_dock.show()
            self.register_dock.raise_()
            self.register_pane.search_box.setFocus()
            self.statusBar().showMessage(f"Opened the register {name}: type to search it.", 8000)
            worker.ask(lambda engine: engine.scalar(COUNT_RECORDS),
                       lambda count: self.register_pane.set_store(f"Register: {name} ({count:,} entities and "
                                                                  "persons)"),
                       lambda _message: None, topic="count")
            self.register_follow()

        def failed(message: str) -> None:
            worker.close()
            self.statusBar().clearMessage()
            self.show_error("Cannot open the register", f"{name}: {message}")

        worker.ask(lambda engine: engine.scalar(SCHEMA_VERSION), opened, failed)
        return True

    def _recent_registers(self) -> list[str]:
        return recent_list(self.settings, "register/recent")

    def _remember_register(self, address: str) -> None:
        remember_recent(self.settings, "register/recent", address)
        if not is_postgres(address):
            self.settings.setValue("register/folder", str(Path(address).parent))

    # --- searching and opening a neighbourhood ----------------------------------------------------
    def search_register(self, text: str) -> None:
        worker = self.register_worker
        if worker is None:
            return
        if not text.strip():
            self.register_pane.show_hits(text, [])
            return
        pane = self.register_pane
        worker.ask(lambda engine: search(engine, text, SEARCH_LIMIT), lambda hits: pane.show_hits(text, hits),
                   pane.say, topic="search")

    def open_neighbourhood(self, hit: Hit) -> None:
        """Walk the chosen record's neighbourhood (away from the UI thread) and show it as a document."""
        worker = self.register_worker
        if worker is None:
            return
        try:
            options = self.register_pane.options()
        except InvalidValueError as error:
            self.register_pane.say(str(error))
            return
        view, sizes = (self.editor.view if self.editor else "ownership"), QtSizes()
        self.register_pane.say(f"Reading the neighbourhood of {hit.name}\u2026")
        self.statusBar().showMessage(f"Reading the neighbourhood of {hit.name} from the register\u2026")
        worker.ask(lambda engine: open_piece(engine, hit, options, view, sizes), self._show_piece,
                   self._register_failed, topic="open")

    def _show_piece(self, opened: Opened) -> None:
        if not self.maybe_save():
            self.register_pane.say(f"{opened.centre.name}'s neighbourhood was not opened.")
            self.statusBar().clearMessage()
            return
        old = self.editor
        if old is None or len(old.doc.entities()) + len(old.doc.relationships()) <= LET_GO_SLOWLY_ABOVE:
            self._put_piece(opened)
            return
        # A big picture is let go of over a few frames: the canvas leaves it now (Qt tells each of its
        # items), the new document comes next, and the old items are deleted a moment later.
        old.scene.setParent(None)
        self.canvas.setScene(None)
        QTimer.singleShot(FRAME_GAP_MS, self, lambda: self._put_piece(opened, old.scene))

    def _put_piece(self, opened: Opened, retired=None) -> None:
        name = store_name(self.register_worker.address) if self.register_worker else ""
        self._arriving = opened
        try:
            with _no_collections():
                self.set_document(opened.doc, None)
        finally:
            self._arriving = None
        if retired is not None:
            QTimer.singleShot(RETIRE_MS, retired, retired.deleteLater)
        entities, lines = len(opened.doc.entities()), len(opened.doc.relationships())
        self.register_pane.say(f"Opened {opened.centre.name}: {entities:,} entities.")
        cut = f"; {opened.note}" if opened.note else ""
        self.statusBar().showMessage(f"Opened the neighbourhood of {opened.centre.name} from {name}: "
                                     f"{entities:,} entities, {lines:,} lines{cut}", 20000)
        if opened.warnings:
            self.show_warnings(name, opened.warnings)

    def _register_failed(self, message: str) -> None:
        self.register_pane.say(message)
        self.statusBar().clearMessage()
        self.show_error("The register did not answer", message)

    # --- the document shown -----------------------------------------------------------------------
    def register_follow(self) -> None:
        """A document is shown (or a store opened): find what the register knows of it, for the badges."""
        editor, worker = self.editor, self.register_worker
        self.register_facts = None
        if editor is None:
            self._show_register_status()
            return
        if editor is not self._followed:
            self._followed = editor
            editor.undo_stack.indexChanged.connect(lambda _index: self._refresh_badges_soon())
            badge_clicks(editor.scene).expand_requested.connect(self.expand)
        opened = self._arriving
        if opened is not None and worker is not None:
            self.register_facts = RegisterFacts(editor, store_name(worker.address), opened.centre.name,
                                                opened.as_of, opened.note, dict(opened.degrees),
                                                set(opened.links))
        elif worker is not None:
            self._ask_facts(editor, worker)
        self._refresh_badges()

    def _as_of(self) -> str | None:
        try:
            return self.register_pane.options().as_of
        except InvalidValueError:
            return None

    def _ask_facts(self, editor, worker: RegisterWorker) -> None:
        """The register's counts of lines for a document not opened from it (a saved piece, reopened)."""
        entity_ids = [e.id for e in editor.doc.entities()]
        rel_ids = [r.id for r in editor.doc.relationships()]
        as_of = self._as_of()

        def job(engine):
            return register_degrees(engine, entity_ids, as_of), set(link_ends(engine, rel_ids))

        def take(answer) -> None:
            if editor is self.editor:
                degrees, links = answer
                store = store_name(worker.address)
                self.register_facts = RegisterFacts(editor, store, "", as_of, "", degrees, links)
                self._refresh_badges()

        worker.ask(job, take, lambda message: self.statusBar().showMessage(message, 8000), topic="facts")

    def _refresh_badges_soon(self) -> None:
        QTimer.singleShot(0, self, self._refresh_badges)

    def _refresh_badges(self) -> None:
        facts, editor = self.register_facts, self.editor
        if editor is None:
            return
        if facts is None or facts.editor is not editor:
            editor.scene.set_badges({})
        else:
            editor.scene.set_badges(badge_counts(editor.doc, facts.degrees, facts.links))
        self._show_register_status()
        self.update_title()

    def register_caption(self) -> str:
        """For the window title: which neighbourhood of which register the document shows ('' if none)."""
        facts = self.register_facts
        if facts is None or facts.editor is not self.editor or not facts.centre:
            return ""
        return f" \u2014 {facts.centre} from {facts.store}"

    def _show_register_status(self) -> None:
        facts = self.register_facts
        if facts is None or facts.editor is not self.editor:
            shown = f"Register: {store_name(self.register_worker.address)}" if self.register_worker else ""
            self.register_status.setText(shown)
            self.register_status.setToolTip("")
            return
        hidden = self.editor.scene.badges
        beyond = f"; {sum(hidden.values()):,} more lines at {len(hidden):,} entities (+N)" if hidden else ""
        centre = f" \u2014 {facts.centre}" if facts.centre else ""
        self.register_status.setText(f"Register: {facts.store}{centre}{beyond}")
        self.register_status.setToolTip(facts.note or "Nothing was left out.")

    # --- expanding and collapsing -----------------------------------------------------------------
    def _chosen_entity(self) -> str:
        ids = [i for i in self.selected_ids() if self.editor.doc.has_entity(i)] if self.editor else []
        if not ids:
            self.statusBar().showMessage("Select an entity first.", 5000)
            return ""
        return ids[0]

    def expand_selected(self) -> None:
        entity_id = self._chosen_entity()
        if entity_id:
            self.expand(entity_id)

    def collapse_selected(self) -> None:
        entity_id = self._chosen_entity()
        if entity_id:
            self.collapse(entity_id)

    def expand(self, entity_id: str) -> None:
        """Add the entity's lines in the register that the canvas lacks, as one undo step (the
        register is read and the view laid out away from the UI thread)."""
        editor, facts, worker = self.editor, self.register_facts, self.register_worker
        if editor is None or not editor.doc.has_entity(entity_id):
            return
        name = editor.doc.entity(entity_id).name
        if worker is None:
            self.statusBar().showMessage("Open a register first (File > Open Register\u2026).", 6000)
            return
        if facts is None or facts.editor is not editor or entity_id not in facts.degrees:
            self.statusBar().showMessage(f"{name} is not in the register {store_name(worker.address)}.", 6000)
            return
        if not editor.scene.badges.get(entity_id):
            self.statusBar().showMessage(f"All of {name}'s lines in the register are on the canvas.", 6000)
            return
        if self._expanding:
            if entity_id not in self._expand_queue and entity_id != self._expanding:
                self._expand_queue.append(entity_id)
            return
        self._expanding = entity_id
        snapshot, source_id = Snapshot.of(editor.doc, editor.view), editor.doc.new_id("register")
        as_of, sizes = facts.as_of, QtSizes()
        self.statusBar().showMessage(f"Reading {name}'s lines from the register\u2026")
        worker.ask(lambda engine: plan_expansion(engine, snapshot, entity_id, source_id, as_of, sizes),
                   lambda expansion: self._apply_expansion(editor, expansion), self._expansion_failed)

    def _apply_expansion(self, editor, expansion: Expansion) -> None:
        self._expanding = ""
        facts = self.register_facts
        if editor is self.editor and facts is not None and facts.editor is editor:
            doc = editor.doc
            clash = any(doc.has_source(s.id) for s in expansion.sources)
            if clash or not doc.has_entity(expansion.entity_id):
                self.statusBar().showMessage("The document changed while the register was read: expand "
                                             "again.", 8000)
            else:
                facts.degrees.update(expansion.degrees)
                facts.links.update(expansion.links)
                name = doc.entity(expansion.entity_id).name
                with _no_collections():
                    editor.push(ExpandCommand(doc, _still_fitting(doc, expansion), name))
                cut = (f"; {expansion.cut:,} more over the cap of {EXPAND_CAP:,} left in the register"
                       if expansion.cut else "")
                self.statusBar().showMessage(f"Expanded {name}: {len(expansion.entities):,} entities and "
                                             f"{len(expansion.relationships):,} lines added{cut}.", 10000)
        self._next_expansion()

    def _expansion_failed(self, message: str) -> None:
        self._expanding = ""
        self._expand_queue.clear()
        self.show_error("The register did not answer", message)

    def _next_expansion(self) -> None:
        if self._expand_queue:
            self.expand(self._expand_queue.pop(0))

    def collapse(self, entity_id: str) -> None:
        """Take away what expanding the entity added (one undo step; the view is laid out again away
        from the UI thread)."""
        editor = self.editor
        if editor is None or not editor.doc.has_entity(entity_id):
            return
        name = editor.doc.entity(entity_id).name
        plan = collapse_plan(editor.doc, entity_id)
        if not plan.item_ids:
            self.statusBar().showMessage(f"Nothing was expanded from {name}.", 6000)
            return
        snapshot, view, sizes = Snapshot.of(editor.doc, editor.view), editor.view, QtSizes()
        leave_out = set(plan.item_ids)

        def lay_out():
            return arrange(snapshot.document(leave_out), view, sizes=sizes)

        def take(arrangement) -> None:
            if editor is self.editor and editor.doc.has_entity(entity_id):
                with _no_collections():
                    editor.push(CollapseCommand(editor.doc, plan, view, arrangement, name))
                self.statusBar().showMessage(f"Collapsed {name}.", 6000)

        self._layouts.ask(lay_out, take, lambda message: self.show_error("Cannot collapse", message),
                          needs_store=False)

    def _canvas_menu(self, pos) -> None:
        if self.editor is None:
            return
        item = self.editor.scene.entity_at(self.canvas.mapToScene(pos))
        if item is None:
            return
        if item.entity_id not in self.selected_ids():
            self.select_ids([item.entity_id])
        menu = QMenu(self.canvas)
        menu.setObjectName("canvas_menu")
        badge = self.editor.scene.badges.get(item.entity_id, 0)
        expand = menu.addAction(f"Expand from Register (+{badge:,})" if badge else "Expand from Register")
        expand.setEnabled(bool(badge) and self.register_worker is not None)
        expand.triggered.connect(lambda: self.expand(item.entity_id))
        collapse = menu.addAction("Collapse Register Lines")
        collapse.triggered.connect(lambda: self.collapse(item.entity_id))
        menu.popup(self.canvas.mapToGlobal(pos))


@contextmanager
def _no_collections():
    """No garbage collection while thousands of entities and lines come or go (a full collection walks
    every object: a tenth of a second in the middle of the step), and what is there afterwards set
    aside from later ones, as the scene does once a big picture is made (the scene lets it go again
    when the document is replaced)."""
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        gc.enable()


def _still_fitting(doc, expansion: Expansion) -> Expansion:
    """The expansion without what the document has gained meanwhile (the same ids: nothing to add)."""

    def free(item_id: str) -> bool:
        return not (doc.has_entity(item_id) or doc.has_relationship(item_id) or doc.has_source(item_id))

    entities = tuple(e for e in expansion.entities if free(e.id))
    there = {e.id for e in entities}
    rels = tuple(r for r in expansion.relationships if free(r.id)
                 and all(doc.has_entity(end) or end in there for end in (r.subject, r.object)))
    if len(entities) == len(expansion.entities) and len(rels) == len(expansion.relationships):
        return expansion
    return dataclasses.replace(expansion, entities=entities, relationships=rels)
