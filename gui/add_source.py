"""Adding a source to a project that already has something in it: File > Import into a non-empty
project shows what would happen before anything changes (:func:`model.matching.preview`), and OK adds
it as one undo step.

The preview lists the incoming entities that are new, those matched to one already there (and why),
those that possibly are (a checkbox each: "these are the same"), and where the sources disagree.
Reading the file, comparing it and laying out a big addition run in a worker thread, with a progress
dialog that can be cancelled; the window stays live.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from model.document import Arrangement, Document
from model.errors import StakemapError
from model.matching import Preview, apply, preview

from .background import Cancelled, run_with_progress
from .commands import RecordedCommand

SHOWN = 2000  # rows a list shows; nobody reads more, and filling more costs seconds
RELAYOUT_ABOVE = 200  # new entities: more than this and the view is laid out again with them


@dataclass
class Comparison:
    """An incoming file read and compared with the project (made in a worker thread)."""

    path: str
    incoming: Document
    warnings: list[str]
    found: Preview


def compare(project: Document, path: str) -> Comparison:
    """Read ``path`` (any file Stakemap imports) and preview adding it to ``project``; no Qt here."""
    from model.formats import importers

    incoming, warnings = importers.load_any(path)
    return Comparison(path, incoming, warnings, preview(project, incoming))


def arranged_with(project: Document, comparison: Comparison, same: set[str], view: str) -> Arrangement:
    """The view's layout once the source is added, worked out on a copy of the project (worker-safe)."""
    from model.formats import projectfile
    from model.layout.arrange import arrange

    from .measure import QtSizes

    copy = projectfile.loads(projectfile.dumps(project))
    apply(copy, comparison.incoming, comparison.found, same)
    return arrange(copy, view, sizes=QtSizes())


class AddSourceDialog(QDialog):
    """The preview of adding a source; ``same_ids()`` are the possible matches the user ticked."""

    def __init__(self, project: Document, comparison: Comparison, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("add_source_dialog")
        self.setWindowTitle(f"Add {Path(comparison.path).name} to the project")
        self.resize(720, 520)
        found, incoming = comparison.found, comparison.incoming
        possible = _first_per_incoming(found)
        layout = QVBoxLayout(self)
        summary = QLabel(
            f"<b>{len(found.new) - len(possible)}</b> new, "
            f"<b>{len(found.matched)}</b> already in the project, "
            f"<b>{len(possible)}</b> possibly the same, <b>{len(found.disagreements)}</b> where the sources "
            "disagree. Nothing changes until you press Add; Ctrl+Z takes it all back.", objectName="summary")
        summary.setWordWrap(True)
        layout.addWidget(summary)
        self.tabs = QTabWidget(objectName="add_source_tabs")
        layout.addWidget(self.tabs, 1)
        name = lambda doc, entity_id: doc.entity(entity_id).name  # noqa: E731
        self.possible = self._list("possible", [
            (f"{name(incoming, m.incoming)}  \u2248  {name(project, m.existing)}   ({m.why})", m.incoming)
            for m in possible], checkable=True)
        self._tab(self.possible, f"Possibly the same ({len(possible)})",
                  "Tick those that are the same entity: they are merged; the rest are added as new.")
        matched = [(f"{name(incoming, m.incoming)}  =  {name(project, m.existing)}   ({m.why})", m.incoming)
                   for m in found.matched]
        self._tab(self._list("matched", matched), f"Matched ({len(matched)})")
        unsure = {m.incoming for m in possible}
        new = [(name(incoming, i), i) for i in found.new if i not in unsure]
        self._tab(self._list("new", new), f"New ({len(new)})")
        disputes = [(f"{d.subject} \u2014{d.relation}\u2192 {d.object}: the {d.field}: "
                     + "; ".join(f"{value} ({source or 'no source'})" for value, source in d.claims), "")
                    for d in found.disagreements]
        self._tab(self._list("disagreements", disputes), f"Disagreements ({len(disputes)})",
                  "Both claims are kept; the best-ranked source is drawn until you choose (Details).")
        self.tabs.setCurrentIndex(0 if possible else 1)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel)
        buttons.button(ok).setText("&Add to Project")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _list(self, name: str, rows: list[tuple[str, str]], checkable: bool = False) -> QListWidget:
        widget = QListWidget(objectName=f"{name}_list")
        for text, item_id in rows[:SHOWN]:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            if checkable:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)
        if len(rows) > SHOWN:
            widget.addItem(f"\u2026 and {len(rows) - SHOWN:,} more")
        return widget

    def _tab(self, widget: QListWidget, title: str, hint: str = "") -> None:
        if hint:
            page = QLabel(hint)
            page.setWordWrap(True)
            box = QWidget()  # the hint above the list
            inner = QVBoxLayout(box)
            inner.setContentsMargins(0, 0, 0, 0)
            inner.addWidget(page)
            inner.addWidget(widget, 1)
            self.tabs.addTab(box, title)
        else:
            self.tabs.addTab(widget, title)

    def same_ids(self) -> set[str]:
        """The incoming ids of the possible matches ticked "these are the same"."""
        rows = (self.possible.item(row) for row in range(self.possible.count()))
        return {item.data(Qt.ItemDataRole.UserRole) for item in rows
                if item.checkState() == Qt.CheckState.Checked and item.data(Qt.ItemDataRole.UserRole)}


def _first_per_incoming(found: Preview) -> list:
    """One possible match per incoming entity: the first listed, the one "the same" merges it into."""
    first = {}
    for match in found.possible:
        first.setdefault(match.incoming, match)
    return list(first.values())


class AddSourceMixin:
    """Mixed into MainWindow before FilesMixin: File > Import into a non-empty project adds the file."""

    def import_dialog(self) -> None:
        if self.editor is None or not self.editor.doc.entities():
            super().import_dialog()  # an empty project: import opens the file, as it always has
            return
        folder = str(self.settings.value("last_folder", os.getcwd()))
        from .files import IMPORT_FILTER

        path, _ = QFileDialog.getOpenFileName(self, "Add a source to the project", folder, IMPORT_FILTER)
        if path:
            self.add_source_file(path)

    def add_source_file(self, path: str, ask=None) -> bool:
        """Compare ``path`` with the open project, show the preview, and on OK add it as one undo step.
        ``ask(dialog)`` stands in for showing the dialog (tests); True when something was added."""
        doc = self.editor.doc
        try:
            comparison = run_with_progress(self, f"Comparing {Path(path).name}\u2026",
                                           lambda: compare(doc, path))
        except Cancelled:
            self.statusBar().showMessage("Adding cancelled; nothing changed.", 5000)
            return False
        except (StakemapError, OSError) as error:
            self.show_error("Cannot add this file", str(error))
            return False
        dialog = AddSourceDialog(doc, comparison, self)
        accepted = ask(dialog) if ask is not None else dialog.exec() == QDialog.DialogCode.Accepted
        if not accepted:
            return False
        same = dialog.same_ids()
        arrangement = None
        if len(comparison.found.new) - len(same) > RELAYOUT_ABOVE:
            view = self.editor.view
            try:
                arrangement = run_with_progress(self, "Laying out\u2026",
                                                lambda: arranged_with(doc, comparison, same, view))
            except Cancelled:
                arrangement = None  # the newcomers stand beside what they are related to

        def add(target: Document) -> None:
            apply(target, comparison.incoming, comparison.found, same)
            if arrangement is not None:
                target.set_arrangement(self.editor.view, arrangement)

        self.editor.push(RecordedCommand(doc, f"Add {Path(path).name}", add))
        found = comparison.found
        self.statusBar().showMessage(
            f"Added {Path(path).name}: {len(found.new) - len(same)} new, {len(found.matched) + len(same)} "
            f"matched, {len(found.disagreements)} disagreements (see Problems).", 10000)
        if comparison.warnings:
            self.show_warnings(path, comparison.warnings)
        return True
