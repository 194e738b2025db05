"""Sources pane: every source of the project with its kind, date, publisher, address, how many facts
cite it, and its rank where sources disagree; Move Up / Move Down rank them, and "Show only what this
source says" dims the rest of the canvas.

The pane changes nothing itself: it asks (``kind_requested``, ``order_requested``, ``focus_changed``)
and the window turns the asks into undo commands or the canvas focus.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.document import Document
from model.types import SOURCE_KINDS

from ..source_focus import facts_per_source
from .follow import Follower

COLUMNS = ("Rank", "Source", "Kind", "Facts", "Date", "Publisher", "Address")
TITLE_WIDTH = 260  # a long headline is cut here (its whole text is the cell's tooltip)
KIND_COLUMN = COLUMNS.index("Kind")


class SourcesPane(QWidget):
    kind_requested = Signal(str, str)  # source id, kind
    order_requested = Signal(object)  # every source id, highest rank first
    focus_changed = Signal(str)  # the source to show alone, or '' for everything

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("sources")
        self.ids: list[str] = []  # the rows' sources, by rank
        self.table = QTableWidget(0, len(COLUMNS), objectName="sources_table")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.up = QPushButton("Move &Up", objectName="source_up")
        self.down = QPushButton("Move &Down", objectName="source_down")
        self.up.setToolTip("Rank the selected source higher: where sources disagree, the higher one is drawn")
        self.down.setToolTip("Rank the selected source lower")
        self.up.clicked.connect(lambda: self._move(-1))
        self.down.clicked.connect(lambda: self._move(1))
        self.only = QCheckBox("Show only what this source says", objectName="source_only")
        self.only.setToolTip("Dim everything on the canvas the selected source does not cite")
        self.only.toggled.connect(lambda _on: self._emit_focus())
        buttons = QHBoxLayout()
        for widget in (self.up, self.down):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.only)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.follower = Follower(self, self.refresh, 150)  # moves and layouts change nothing here
        self._update_buttons()

    @property
    def doc(self) -> Document | None:
        return self.follower.doc

    def set_document(self, doc: Document | None) -> None:
        self.only.setChecked(False)
        self.follower.set_document(doc)

    def selected_id(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return self.ids[rows[0].row()] if rows and rows[0].row() < len(self.ids) else ""

    def select(self, source_id: str) -> None:
        if source_id in self.ids:
            self.table.selectRow(self.ids.index(source_id))

    # --- showing --------------------------------------------------------------------------------
    def refresh(self) -> None:
        kept = self.selected_id()
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.ids = []
        doc = self.doc
        if doc is not None:
            ranks = doc.ranks()
            counts = facts_per_source(doc)
            sources = sorted(doc.sources(), key=lambda source: ranks[source.id])
            self.ids = [source.id for source in sources]
            self.table.setRowCount(len(sources))
            for row, source in enumerate(sources):
                self._fill_row(row, source, ranks[source.id], counts.get(source.id, 0))
            self.table.resizeColumnsToContents()
            self.table.setColumnWidth(1, min(self.table.columnWidth(1), TITLE_WIDTH))
        self.table.blockSignals(False)
        if kept in self.ids:
            self.select(kept)
        self._update_buttons()

    def _fill_row(self, row: int, source, rank: int, facts: int) -> None:
        user_ranked = source.id in (self.doc.source_order if self.doc else ())
        cells = (str(rank + 1), source.title, "", str(facts), source.date, source.publisher, source.url)
        for column, text in enumerate(cells):
            cell = QTableWidgetItem(text)
            cell.setToolTip(text)
            if column in (0, COLUMNS.index("Facts")):
                cell.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(row, column, cell)
        self.table.item(row, 0).setToolTip("ranked by you" if user_ranked else "ranked by kind, then date")
        self.table.item(row, COLUMNS.index("Facts")).setToolTip(f"{facts} entities and lines cite it")
        combo = QComboBox(objectName="source_kind")
        combo.addItems(SOURCE_KINDS)
        combo.setCurrentText(source.kind)
        combo.activated.connect(
            lambda index, source_id=source.id: self.kind_requested.emit(source_id, SOURCE_KINDS[index]))
        self.table.setCellWidget(row, KIND_COLUMN, combo)

    def kind_combo(self, source_id: str) -> QComboBox:
        return self.table.cellWidget(self.ids.index(source_id), KIND_COLUMN)

    def _update_buttons(self) -> None:
        source_id = self.selected_id()
        row = self.ids.index(source_id) if source_id else -1
        self.up.setEnabled(row > 0)
        self.down.setEnabled(0 <= row < len(self.ids) - 1)
        self.only.setEnabled(bool(source_id) or self.only.isChecked())

    # --- asking ---------------------------------------------------------------------------------
    def _selection_changed(self) -> None:
        self._update_buttons()
        if self.only.isChecked():
            self._emit_focus()

    def _emit_focus(self) -> None:
        self.focus_changed.emit(self.selected_id() if self.only.isChecked() else "")
        self._update_buttons()

    def _move(self, step: int) -> None:
        source_id = self.selected_id()
        if not source_id:
            return
        order = list(self.ids)
        row = order.index(source_id)
        if not 0 <= row + step < len(order):
            return
        order[row], order[row + step] = order[row + step], order[row]
        self.order_requested.emit(tuple(order))
