"""Adding a source to a project that already has something in it: File > Import into a non-empty
project, and reading an article into one (:mod:`gui.reading`), show what would happen before anything
changes (:func:`model.matching.preview`), and OK adds it as one undo step.

The preview lists the incoming entities that are new, those matched to one already there (and why),
those that possibly are (a checkbox each: "these are the same"), and where the sources disagree.
Reading the file, comparing it and laying out a big addition run in a worker thread, with a progress
dialog that can be cancelled; the window stays live. An article's preview also offers to review its
facts one by one in the Suggestions pane instead.
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
from model.extract.as_document import article_as_document
from model.formats.article import Article
from model.matching import Preview, apply, preview

from .background import Cancelled, run_or_tell, run_with_progress
from .commands import RecordedCommand

SHOWN = 2000  # rows a list shows; nobody reads more, and filling more costs seconds
RELAYOUT_ABOVE = 200  # new entities: more than this and the view is laid out again with them
REVIEW = 2  # the preview's result when the user would rather review an article's facts one by one


@dataclass
class Comparison:
    """An incoming source read and compared with the project (made in a worker thread); ``name`` is
    what the user knows it by: a file's name, an article's title in quotes."""

    name: str
    incoming: Document
    warnings: list[str]
    found: Preview


def compare(project: Document, path: str) -> Comparison:
    """Read ``path`` (any file Stakemap imports) and preview adding it to ``project``; no Qt here."""
    from model.formats import importers

    incoming, warnings = importers.load_any(path)
    return Comparison(Path(path).name, incoming, warnings, preview(project, incoming))


def compare_article(project: Document, title: str, article: Article) -> Comparison:
    """Read ``article`` as a document of its own (:func:`article_as_document`, its source under an id
    ``project`` does not use) and preview adding it to ``project``; no Qt here."""
    incoming = article_as_document(article.text, title, article.publisher, article.date, article.url,
                                   source_id=project.new_id("article"))
    return Comparison(f"\u201c{title}\u201d", incoming, [], preview(project, incoming))


def arranged_with(project: Document, comparison: Comparison, same: set[str], view: str) -> Arrangement:
    """The view's layout once the source is added, worked out on a copy of the project (worker-safe)."""
    from model.formats import projectfile
    from model.layout.arrange import arrange

    from .measure import QtSizes

    copy = projectfile.loads(projectfile.dumps(project))
    apply(copy, comparison.incoming, comparison.found, same)
    return arrange(copy, view, sizes=QtSizes())


class AddSourceDialog(QDialog):
    """The preview of adding a source; ``same_ids()`` are the possible matches the user ticked.
    ``title`` replaces "Add NAME to the project"; ``one_by_one`` adds a "Review One by One…" button that
    closes the dialog with the result :data:`REVIEW`."""

    def __init__(self, project: Document, comparison: Comparison, parent=None, title: str = "",
                 one_by_one: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("add_source_dialog")
        self.setWindowTitle(title or f"Add {comparison.name} to the project")
        self.resize(720, 520)
        found, incoming = comparison.found, comparison.incoming
        possible = _first_per_incoming(found)
        layout = QVBoxLayout(self)
        summary = QLabel(
            f"<b>{len(found.new) - len(possible)}</b> new, "
            f"<b>{len(found.matched)}</b> already in the project, "
            f"<b>{len(possible)}</b> possibly the same, <b>{len(found.disagreements)}</b> where the sources "
            "disagree. Nothing changes until you press Add; Ctrl+Z takes it all back."
            + (" Review One by One adds the article alone, to accept or reject each fact it states in "
               "Suggestions." if one_by_one else ""), objectName="summary")
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
        disputes = [(d.text[0].upper() + d.text[1:], "") for d in found.disagreements]
        self._tab(self._list("disagreements", disputes), f"Disagreements ({len(disputes)})",
                  "Both claims are kept; the best-ranked source is drawn until you choose (Details).")
        self.tabs.setCurrentIndex(0 if possible else 1)
        ok, cancel = QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok | cancel)
        buttons.button(ok).setText("&Add to Project")
        self.review_button = None
        if one_by_one:
            self.review_button = buttons.addButton("&Review One by One\u2026",
                                                   QDialogButtonBox.ButtonRole.ActionRole)
            self.review_button.setObjectName("review_one_by_one")
            self.review_button.setToolTip("Add the source only, and accept or reject each fact it states "
                                          "in the Suggestions pane")
            self.review_button.clicked.connect(lambda: self.done(REVIEW))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _list(self, name: str, rows: list[tuple[str, str]], checkable: bool = False) -> QListWidget:
        widget = QListWidget(objectName=f"{name}_list")
        widget.setWordWrap(True)  # a disagreement names both ends and every source: wrapped, not cut
        widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        widget.setResizeMode(QListWidget.ResizeMode.Adjust)
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
        comparison = run_or_tell(self, f"Comparing {Path(path).name}\u2026", lambda: compare(doc, path),
                                 "Cannot add this file", "Adding cancelled; nothing changed.")
        if comparison is None:
            return False
        return self.add_compared(comparison, f"Add {comparison.name}", ask) == QDialog.DialogCode.Accepted

    def add_compared(self, comparison: Comparison, step: str, ask=None, title: str = "",
                     one_by_one: bool = False) -> int:
        """Show the preview of ``comparison`` and on OK add it as one undo step called ``step``. Returns
        the dialog's result: accepted (added), rejected (nothing changed) or :data:`REVIEW`.
        ``ask(dialog)`` stands in for ``dialog.exec()`` (tests): True, False or a result code."""
        doc = self.editor.doc
        dialog = AddSourceDialog(doc, comparison, self, title, one_by_one)
        result = int(ask(dialog)) if ask is not None else dialog.exec()
        if result != QDialog.DialogCode.Accepted:
            return result
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

        self.editor.push(RecordedCommand(doc, step, add))
        found = comparison.found
        self.statusBar().showMessage(
            f"Added {comparison.name}: {len(found.new) - len(same)} new, {len(found.matched) + len(same)} "
            f"matched, {len(found.disagreements)} disagreements (see Problems).", 10000)
        if comparison.warnings:
            self.show_warnings(comparison.name, comparison.warnings)
        return result
