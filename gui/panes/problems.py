"""Problems pane: the model's checks, live as the user edits; clicking one selects what it is about.

On a big document the checks (about a second at 10,000 entities) run in a child process
(:mod:`gui.offload`) and the rows come when they are done; the window stays live meanwhile.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem

from model.checks import ERROR, WARNING, check
from model.document import Document

from ..offload import URGENT, Offloaded
from ..style import tooltip
from .follow import Follower

MAX_ROWS = 2000  # a list longer than this is read by nobody and costs seconds to fill
OFFLOAD_ABOVE = 2000  # entities: a bigger document is checked away from the UI thread
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
        self._job: Offloaded | None = None
        self.follower = Follower(self, self.refresh, 150)  # batch bursts of edits
        self.itemClicked.connect(lambda item, _: self.problem_clicked.emit(item.data(0, 256)))

    @property
    def doc(self) -> Document | None:
        return self.follower.doc

    def set_document(self, doc: Document | None) -> None:
        self.follower.set_document(doc)

    @property
    def pending(self) -> bool:
        """Whether rows are still to come (a burst of edits to wait out, or checks running)."""
        return self.follower.pending or (self._job is not None and self._job.running)

    def refresh(self) -> None:
        if self._job is not None:
            self._job.cancel()
            self._job = None
        doc = self.doc
        if doc is None:
            self.clear()
        elif len(doc.entities()) > OFFLOAD_ABOVE:
            self._job = Offloaded(self, lambda: _summary(check(doc)), self._show, URGENT)
        else:
            self._show(_summary(check(doc)))

    def _show(self, summary: tuple) -> None:
        self._job = None
        self.clear()
        shown, total, errors, warnings = summary
        rows = []
        for problem in shown:
            item = QTreeWidgetItem([MARKS[problem.severity], problem.what, problem.where])
            item.setData(0, 256, problem.item_id)
            item.setToolTip(1, tooltip(problem.what))
            rows.append(item)
        if total > MAX_ROWS:
            rows.append(QTreeWidgetItem(["", f"\u2026 and {total - MAX_ROWS} more (errors first; fix "
                                             "those to see the rest)", ""]))
        self.addTopLevelItems(rows)
        self.counted.emit(errors, warnings)


def _summary(problems: list) -> tuple:
    """What the pane shows of the checks: the first rows, how many in all, errors, warnings."""
    return (problems[:MAX_ROWS], len(problems), sum(p.severity == ERROR for p in problems),
            sum(p.severity == WARNING for p in problems))
