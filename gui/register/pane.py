"""The Register pane: search an open register store as you type, and open a result's neighbourhood.

The pane asks and shows; the window runs the questions (:class:`gui.register.worker.RegisterWorker`).
Results list the name, the kind (and whether the record is closed) and what matched. Enter in the
search box or on a result, a double click, or Open Neighbourhood opens the chosen one, walked as the
options below say (hops, direction, as-of day, cap).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.inforce import parse_as_of
from model.register.queries import DEFAULT_CAP, Hit

from .pieces import WalkOptions

TYPING_PAUSE_MS = 120  # a search starts once typing pauses this long
DIRECTIONS = (("Up and down", "both"), ("Up: owners", "up"), ("Down: holdings", "down"))


class RegisterPane(QWidget):
    search_requested = Signal(str)  # the words typed, once typing pauses
    chosen = Signal(object)  # a Hit whose neighbourhood to open

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("register_pane")
        self.hits: list[Hit] = []
        self._choose_first = False  # Enter came before the results: open the first when they come
        self.where = QLabel("No register open: File > Open Register\u2026", objectName="register_where")
        self.where.setWordWrap(True)
        self.search_box = QLineEdit(objectName="register_search",
                                    placeholderText="Search the register: name, identifier or record id")
        self.search_box.setClearButtonEnabled(True)
        self.results = QTreeWidget(objectName="register_results")
        self.results.setHeaderLabels(["Name", "Kind", "Matched"])
        self.results.setRootIsDecorated(False)
        self.results.setColumnWidth(0, 220)
        self.results.setMinimumHeight(90)
        self.results.itemActivated.connect(lambda item, _column: self._choose(item))
        self.state = QLabel(objectName="register_state")
        self.state.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.search_box)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.state)
        layout.addLayout(self._options())
        self._typing = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._typing.timeout.connect(lambda: self.search_requested.emit(self.search_box.text()))
        self.search_box.textEdited.connect(lambda _text: self._typing.start())
        self.search_box.returnPressed.connect(self._enter)

    def _options(self) -> QFormLayout:
        form = QFormLayout()
        self.hops = QSpinBox(objectName="register_hops", minimum=0, maximum=6, value=2)
        self.direction = QComboBox(objectName="register_direction")
        for label, key in DIRECTIONS:
            self.direction.addItem(label, key)
        self.as_of = QLineEdit(objectName="register_as_of", placeholderText="today (or YYYY-MM-DD)")
        self.cap = QSpinBox(objectName="register_cap", minimum=1, maximum=100_000, value=DEFAULT_CAP)
        self.cap.setSingleStep(100)
        self.cap.setToolTip("At most this many entities; the nearest are kept and the rest counted")
        self.open_button = QPushButton("Open Neighbourhood", objectName="register_open")
        self.open_button.clicked.connect(self._enter)
        walk = QHBoxLayout()
        walk.addWidget(self.hops)
        walk.addWidget(self.direction, 1)
        form.addRow("Hops", walk)
        when = QHBoxLayout()
        when.addWidget(self.as_of, 1)
        when.addWidget(QLabel("at most"))
        when.addWidget(self.cap)
        form.addRow("As of", when)
        form.addRow(self.open_button)
        return form

    def set_store(self, text: str) -> None:
        """Say which store is open, and get ready to search it."""
        self.where.setText(text)
        self._choose_first = False
        self.hits = []
        self.results.clear()
        self.state.setText("Type a name, an identifier or a record id.")

    def options(self) -> WalkOptions:
        """The walk the options ask for (raises InvalidValueError for a day that is not one)."""
        day = parse_as_of(self.as_of.text().strip() or None)
        return WalkOptions(self.hops.value(), self.direction.currentData(), day.isoformat() if day else None,
                           self.cap.value())

    def show_hits(self, text: str, hits: list[Hit]) -> None:
        """The results of searching ``text`` (ignored if the box says something else by now)."""
        if text.strip() != self.search_box.text().strip():
            return
        self.hits = list(hits)
        self.results.clear()
        for index, hit in enumerate(hits):
            kind = f"{hit.kind}, closed" if hit.closed else hit.kind
            item = QTreeWidgetItem([hit.name, kind, hit.matched])
            item.setData(0, Qt.ItemDataRole.UserRole, index)
            item.setToolTip(0, f"{hit.name}\nrecord {hit.record_id}")
            self.results.addTopLevelItem(item)
        if hits:
            self.results.setCurrentItem(self.results.topLevelItem(0))
        if self._choose_first:
            self._choose_first = False
            if hits:
                self._choose(self.results.topLevelItem(0))
        words = text.strip()
        self.state.setText(f"{len(hits)} found for \u201c{words}\u201d." if hits or not words else
                           f"Nothing in the register is called or numbered \u201c{words}\u201d.")

    def say(self, text: str) -> None:
        self.state.setText(text)

    def _enter(self) -> None:
        if self._typing.isActive():  # Enter before the pause: search first, then choose
            self._typing.stop()
            self._choose_first = True
            self.search_requested.emit(self.search_box.text())
            return
        item = self.results.currentItem() or self.results.topLevelItem(0)
        if item is not None:
            self._choose(item)

    def _choose(self, item: QTreeWidgetItem) -> None:
        index = item.data(0, Qt.ItemDataRole.UserRole)
        if index is not None and 0 <= index < len(self.hits):
            self.chosen.emit(self.hits[index])

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Down and self.search_box.hasFocus() and self.results.topLevelItemCount():
            self.results.setFocus()
            return
        super().keyPressEvent(event)
