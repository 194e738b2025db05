"""File handling for the main window: New, Open, Save, Save As, recent files, drops, recovery, closing.

Opening a broken file shows the model's error and leaves the open document as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMessageBox

from model.document import Document
from model.errors import InvalidValueError, StakemapError
from model.formats import exports, importers, projectfile
from model.formats.atomic import write_atomically
from model.layout.arrange import arrange
from model.types import Share

from .background import run_or_tell
from .export_dialog import FORMATS, PICTURES, ExportDialog, with_suffix
from .export_image import ExportOptions, render_pdf, render_png
from .export_svg import render_svg
from .measure import QtSizes
from .recovery import INTERVAL_MS

MAX_RECENT = 8
FILTER = "Stakemap projects (*.stakemap.json *.json);;All files (*)"
IMPORT_FILTER = ("Ownership data (*.bods.json *.bods.jsonl *.ftm.jsonl *.ftm.json *.graphml *.json *.jsonl);;"
                 "BODS (*.bods.json *.bods.jsonl *.json *.jsonl);;FollowTheMoney (*.ftm.jsonl *.ftm.json);;"
                 "GraphML (*.graphml);;All files (*)")


def load_and_arrange(path: str, view: str) -> tuple[Document, list[str], bool]:
    """Read any importable file and lay out the view that will be shown (worker-thread safe:
    no Qt object but font metrics, which Qt allows in any thread).

    Returns the document, the import's warnings, and whether the file is a Stakemap project (only
    a project is saved back in place; anything imported is saved as a new project).
    """
    loader = importers.loader_for(path)
    doc, warnings = loader(path)
    if any(doc.place(view, e.id) is None for e in doc.entities()):
        doc.set_arrangement(view, arrange(doc, view, sizes=QtSizes()))
    return doc, warnings, loader is importers.SUFFIXES[projectfile.SUFFIX]


def recent_list(settings, key: str) -> list[str]:
    """A most-recent-first list kept in the settings (QSettings gives one item back as a string)."""
    value = settings.value(key, [])
    return [value] if isinstance(value, str) else list(value or [])


def remember_recent(settings, key: str, item: str) -> None:
    """Put ``item`` first in the settings' list ``key``, once, keeping at most MAX_RECENT."""
    recent = [item] + [i for i in recent_list(settings, key) if i != item]
    settings.setValue(key, recent[:MAX_RECENT])


class FilesMixin:
    """Mixed into MainWindow; uses its ``editor``, ``settings``, ``recovery`` and ``set_document``."""

    def build_file_menu(self, menu) -> None:
        self._action(menu, "&New", self.new_document, QKeySequence.StandardKey.New, "new")
        self._action(menu, "&Open\u2026", self.open_dialog, QKeySequence.StandardKey.Open, "open")
        self.recent_menu = menu.addMenu("Open &Recent")
        self.recent_menu.setObjectName("recent_menu")
        menu.addSeparator()
        self._action(menu, "&Save", self.save, QKeySequence.StandardKey.Save, "save")
        self._action(menu, "Save &As\u2026", self.save_as, QKeySequence("Ctrl+Shift+S"), "save_as")
        menu.addSeparator()
        self._action(menu, "&Import\u2026", self.import_dialog, QKeySequence("Ctrl+I"), "import")
        self._action(menu, "&Export\u2026", self.export_dialog, QKeySequence("Ctrl+E"), "export")
        menu.addSeparator()
        self._action(menu, "&Quit", self.close, QKeySequence.StandardKey.Quit, "quit")

    def setup_files(self) -> None:
        self._restored_unsaved = False
        self.recovery_timer = QTimer(self, interval=INTERVAL_MS)
        self.recovery_timer.timeout.connect(self.write_recovery)
        self.recovery_timer.start()
        self.refresh_recent_menu()

    def document_name(self) -> str:
        if self.editor is None:
            return "Untitled"
        if not self.editor.path:
            imported = self.editor.imported_from
            return f"{Path(imported).name} (imported)" if imported else "Untitled"
        return Path(self.editor.path).name

    # --- opening --------------------------------------------------------------------------------
    def new_document(self) -> None:
        if self.maybe_save():
            self.set_document(Document(), None)

    def open_dialog(self) -> None:
        self._choose_and_open("Open project", FILTER)

    def import_dialog(self) -> None:
        self._choose_and_open("Import ownership data", IMPORT_FILTER)

    def _choose_and_open(self, title: str, file_filter: str) -> None:
        """Ask for a file (after offering to save) and open it; opening reads every known format."""
        if not self.maybe_save():
            return
        folder = str(self.settings.value("last_folder", os.getcwd()))
        path, _ = QFileDialog.getOpenFileName(self, title, folder, file_filter)
        if path:
            self.open_path(path)

    def open_path(self, path: str) -> bool:
        """Open a file; on failure show why and keep the current document. True when opened."""
        view = self.editor.view if self.editor else "ownership"
        opened = run_or_tell(self, f"Opening {Path(path).name}\u2026", lambda: load_and_arrange(path, view),
                             "Cannot open this file", "Opening cancelled; nothing changed.")
        if opened is None:
            return False
        doc, warnings, is_project = opened
        self.set_document(doc, str(path) if is_project else None)
        if not is_project:
            self.editor.imported_from = str(path)
            self.update_title()
        self.settings.setValue("last_folder", str(Path(path).parent))
        self.add_recent(str(Path(path).resolve()))
        with_warnings = f" with {len(warnings)} warnings" if warnings else ""
        self.statusBar().showMessage(f"Opened {path}{with_warnings}", 8000)
        if warnings:
            self.show_warnings(path, warnings)
        return True

    def show_warnings(self, path: str, warnings: list[str]) -> None:
        shown = "\n".join(f"\u2022 {w}" for w in warnings[:25])
        more = f"\n\u2026 and {len(warnings) - 25} more" if len(warnings) > 25 else ""
        box = QMessageBox(QMessageBox.Icon.Warning, "Imported with warnings",
                          f"{Path(path).name}: {len(warnings)} things were not read as they stand.",
                          QMessageBox.StandardButton.Ok, self)
        box.setObjectName("warnings_box")
        box.setDetailedText(shown + more)
        box.open()

    # --- export ---------------------------------------------------------------------------------
    def export_dialog(self) -> None:
        if self.editor is None:
            return
        dialog = ExportDialog(self.settings, bool(self.selected_ids()), self.editor.doc.title, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        dialog.remember()
        fmt = dialog.chosen_format()
        folder = str(self.settings.value("export/folder", self.settings.value("last_folder", os.getcwd())))
        stem = Path(self.editor.path or self.editor.imported_from or "diagram").name
        stem = stem.split(".")[0] or "diagram"
        path, _ = QFileDialog.getSaveFileName(self, "Export", str(Path(folder) / f"{stem}.{fmt}"),
                                              FORMATS[fmt])
        if path:
            self.export_to(with_suffix(path, fmt), fmt, dialog.options())

    def export_to(self, path: str, fmt: str, options: ExportOptions) -> bool:
        """Write the current document or view to ``path`` in ``fmt``; report problems, lose nothing."""
        report: list[str] = []
        try:
            if fmt == "png":
                data = render_png(self.editor.scene, options, report)
            elif fmt in PICTURES:
                data = {"svg": render_svg, "pdf": render_pdf}[fmt](self.editor.scene, options)
            else:
                text, report = exports.DATA_FORMATS[f".{fmt}"](self.editor.doc)
                data = text.encode("utf-8")
            write_atomically(path, data)  # a failed export never costs the file it replaces
        except (OSError, StakemapError) as error:
            self.show_error("Cannot export", f"{path}: {getattr(error, 'strerror', None) or error}")
            return False
        self.settings.setValue("export/folder", str(Path(path).parent))
        left_out = f" ({'; '.join(report)})" if report else ""
        self.statusBar().showMessage(f"Exported {path}{left_out}", 10000)
        return True

    def open_dropped(self, paths: list[str]) -> None:
        if paths and self.maybe_save():
            self.open_path(paths[0])

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [url.toLocalFile() for url in event.mimeData().urls() if url.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.open_dropped(paths)

    def show_error(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Critical, title, text, QMessageBox.StandardButton.Ok, self)
        box.setObjectName("error_box")
        box.open()  # not blocking: tests and users both see it, the window stays as it was

    # --- recent files ---------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        return recent_list(self.settings, "recent_files")

    def add_recent(self, path: str) -> None:
        remember_recent(self.settings, "recent_files", path)
        self.refresh_recent_menu()

    def refresh_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.recent_files()
        for index, path in enumerate(recent, start=1):
            action = QAction(f"&{index} {Path(path).name}", self)
            action.setToolTip(path)
            action.triggered.connect(lambda _=False, p=path: self.maybe_save() and self.open_path(p))
            self.recent_menu.addAction(action)
        self.recent_menu.setEnabled(bool(recent))

    # --- saving ---------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.editor is None:
            return False
        if not self.editor.path:
            return self.save_as()
        return self.save_to(self.editor.path)

    def save_as(self) -> bool:
        if self.editor is None:
            return False
        folder = str(self.settings.value("last_folder", os.getcwd()))
        suggested = self.editor.path or str(Path(folder) / f"untitled{projectfile.SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(self, "Save project as", suggested, FILTER)
        if not path:
            return False
        if not path.endswith(".json"):
            path += projectfile.SUFFIX
        return self.save_to(path)

    def save_to(self, path: str) -> bool:
        try:
            projectfile.save(self.editor.doc, path)
        except OSError as error:
            self.show_error("Cannot save", f"{path}: {error.strerror or error}")
            return False
        self.editor.path = path
        self._restored_unsaved = False
        self.editor.undo_stack.setClean()
        self.add_recent(str(Path(path).resolve()))
        self.update_title()
        self.statusBar().showMessage(f"Saved {path}", 5000)
        return True

    def ask_save_changes(self) -> QMessageBox.StandardButton:
        buttons = (QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                   | QMessageBox.StandardButton.Cancel)
        return QMessageBox.question(self, "Unsaved changes",
                                    f"Save the changes to {self.document_name()}?", buttons)

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document (saved, discarded, or unchanged)."""
        if not self.is_modified():
            return True
        answer = self.ask_save_changes()
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def ask_share(self, child: str, owner: str) -> Share | None:
        """Ask what share the new owner holds; None when cancelled. Refuses nonsense with a reason."""
        doc = self.editor.doc
        prompt = f"Share of {doc.entity(child).name} held by {doc.entity(owner).name} (%, a range, or empty):"
        text = ""
        while True:
            text, ok = QInputDialog.getText(self, "Owner's share", prompt, text=text)
            if not ok:
                return None
            try:
                return Share.parse(text)
            except InvalidValueError as error:
                prompt = f"{error}\nShare of {doc.entity(child).name} held by {doc.entity(owner).name}:"

    # --- recovery and closing -------------------------------------------------------------------
    def write_recovery(self) -> None:
        if self.recovery is not None and self.editor is not None and self.is_modified():
            try:
                self.recovery.write(self.editor.doc, self.editor.path)
            except OSError as error:
                self.statusBar().showMessage(f"Could not write the recovery file: {error}", 8000)

    def offer_recovery(self) -> bool:
        """After a crash, offer the newest unsaved work; True when it was restored."""
        if self.recovery is None:
            return False
        for leftover in self.recovery.leftovers():
            try:
                doc = projectfile.load(leftover.data)
            except StakemapError:
                self.recovery.discard(leftover)
                continue
            name = Path(leftover.original).name if leftover.original else "an untitled project"
            answer = QMessageBox.question(
                self, "Restore unsaved work?",
                f"Stakemap closed without saving changes to {name}. Restore them?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
            self.recovery.discard(leftover)
            if answer == QMessageBox.StandardButton.Yes:
                self.set_document(doc, leftover.original or None, modified=True)
                return True
        return False

    def restore_window_state(self) -> bool:
        """Put window and docks back as they were; False when there is nothing saved yet."""
        geometry = self.settings.value("geometry")
        state = self.settings.value("window_state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        return isinstance(state, QByteArray) and self.restoreState(state)

    def closeEvent(self, event) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.setValue("geometry", self.saveGeometry())
        self.settings.setValue("window_state", self.saveState())
        self.settings.sync()
        if self.recovery is not None:
            self.recovery.clear()
        if self.editor is not None:
            self.editor.close()
        event.accept()

    def about(self) -> None:
        QMessageBox.about(self, "About Stakemap",
                          "Stakemap draws who owns whom and who reports to whom; every line can show "
                          "the words of the source it came from.")
