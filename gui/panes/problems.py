"""Problems pane: the model's checks, live as the user edits; clicking one selects what it is about."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from model.checks import ERROR, WARNING, check
from model.document import Document

from ..style import tooltip
from .follow import Follower

MAX_ROWS = 2000  # a list longer than this is read by nobody and costs seconds to fill
MARKS = {ERROR: "\u26d4 error", WARNING: "\u26a0 warning", "info": "\u2139 note"}


class ProblemsPane(QTreeWidget):
    problem_clicked = Signal(str)  # the id of the entity or relationship concerned
    counted = Signal(int, int)  # errors, warnings

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.setHeaderLabels(["Severity", "Problem", "Where"])
        self.setRootIsDecorated(False)
        self.setColumnWidth(0, 90)
        self.setColumnWidth(1, 260)
        self.follower = Follower(self, self.refresh, 150)  # batch bursts of edits
        self.itemClicked.connect(lambda item, _: self.problem_clicked.emit(item.data(0, 256)))

    @property
    def doc(self) -> Document | None:
        return self.follower.doc

    def set_document(self, doc: Document | None) -> None:
        self.follower.set_document(doc)

    def refresh(self) -> None:
        self.clear()
        if self.doc is None:
            return
        problems = check(self.doc)
        rows = []
        for problem in problems[:MAX_ROWS]:
            item = QTreeWidgetItem([MARKS[problem.severity], problem.what, problem.where])
            item.setData(0, 256, problem.item_id)
            item.setToolTip(1, tooltip(problem.what))
            rows.append(item)
        if len(problems) > MAX_ROWS:
            rows.append(QTreeWidgetItem(["", f"\u2026 and {len(problems) - MAX_ROWS} more (errors first; fix "
                                             "those to see the rest)", ""]))
        self.addTopLevelItems(rows)
        self.counted.emit(sum(p.severity == ERROR for p in problems),
                          sum(p.severity == WARNING for p in problems))
