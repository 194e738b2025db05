"""Look-through pane: who ultimately owns the selected entity, and what it ultimately owns.

Two sortable tables, 'Owned by' and 'Holds', one row per party with its effective stake
(``Interval.text``), the verdict at the chosen threshold (10, 25 or 50%), whether the stake is
direct, whether the owner is ultimate, and whether an undisclosed share lies on a chain. Expanding
a row lists its chains as 'A → B → C: 60% × 50% = 30%'; clicking one emits :attr:`ids_clicked`
with its relationships and entities so the window can select them on the canvas.

The pane computes the look-through itself (:func:`model.lookthrough.stakes.compute`, some 60 ms for
10,000 entities) when told the document or the as-of date changed; a cycle with no finite answer
shows its message in the pane.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.document import Document
from model.errors import StakemapError
from model.lookthrough.report import dispute_notes
from model.lookthrough.stakes import (
    BELOW,
    CERTAINLY_ABOVE,
    DEFAULT_THRESHOLD,
    THRESHOLDS,
    EffectiveStake,
    LookThrough,
    compute,
)
from model.lookthrough.text import path_text

PARTY, EFFECTIVE, VERDICT, DIRECT, ULTIMATE, UNKNOWN = range(6)
HEADERS = ("Party", "Effective", "Verdict", "Direct", "Ultimate", "Undisclosed")
COLUMN_WIDTHS = (170, 80, 110, 65, 65, 85)
SORT_KEY = Qt.ItemDataRole.UserRole
IDS = Qt.ItemDataRole.UserRole + 1
VERDICT_RANK = {BELOW: 0, "possibly above": 1, CERTAINLY_ABOVE: 2}
PATH_LIMIT = 50


class StakeRow(QTreeWidgetItem):
    """A tree row that sorts by the key stored in each column, numbers as numbers."""

    def __lt__(self, other: QTreeWidgetItem) -> bool:
        column = self.treeWidget().sortColumn() if self.treeWidget() else 0
        mine, theirs = self.data(column, SORT_KEY), other.data(column, SORT_KEY)
        if mine is None or theirs is None or type(mine) is not type(theirs):
            return self.text(column).casefold() < other.text(column).casefold()
        return mine < theirs


class LookThroughPane(QWidget):
    """The look-through of one entity at one date; see the module docstring."""

    ids_clicked = Signal(list)  # relationship and entity ids of a chain
    party_activated = Signal(str)  # a party double-clicked: look through it next
    updated = Signal()  # a new result or subject is shown (the stake chart follows)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("lookthrough")
        self.doc: Document | None = None
        self.as_of: str | None = None
        self.subject_id = ""
        self.result: LookThrough | None = None
        self.error_text = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        self.heading = QLabel(objectName="lookthrough_heading")
        self.heading.setWordWrap(True)
        top.addWidget(self.heading, 1)
        top.addWidget(QLabel("Threshold"))
        self.threshold = QComboBox(objectName="threshold")
        for value in THRESHOLDS:
            self.threshold.addItem(f"{value}%", value)
        self.threshold.setCurrentIndex(THRESHOLDS.index(DEFAULT_THRESHOLD))
        self.threshold.setToolTip("Verdicts say whether each stake is certainly, possibly or not above this")
        self.threshold.currentIndexChanged.connect(lambda _: self.fill())
        top.addWidget(self.threshold)
        layout.addLayout(top)
        self.error = QLabel(objectName="lookthrough_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.error.hide()
        layout.addWidget(self.error)
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.owners_label, self.owners = self._table(splitter, "owners")
        self.holdings_label, self.holdings = self._table(splitter, "holdings")
        self.holdings.setColumnHidden(ULTIMATE, True)  # says who the subject is, the same on every row
        layout.addWidget(splitter, 1)
        self.fill()

    def _table(self, splitter: QSplitter, name: str) -> tuple[QLabel, QTreeWidget]:
        box = QWidget()
        box_layout = QVBoxLayout(box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(objectName=f"{name}_label")
        tree = QTreeWidget(objectName=name)
        tree.setHeaderLabels(HEADERS)
        tree.setRootIsDecorated(True)
        tree.setAlternatingRowColors(True)
        tree.setSortingEnabled(True)
        tree.sortByColumn(EFFECTIVE, Qt.SortOrder.DescendingOrder)
        for column, width in zip(range(len(HEADERS)), COLUMN_WIDTHS, strict=True):
            tree.header().resizeSection(column, width)
        tree.itemExpanded.connect(self._add_paths)
        tree.itemClicked.connect(self._clicked)
        tree.itemDoubleClicked.connect(self._double_clicked)
        tree.setExpandsOnDoubleClick(False)
        box_layout.addWidget(label)
        box_layout.addWidget(tree, 1)
        splitter.addWidget(box)
        return label, tree

    # --- inputs ---------------------------------------------------------------------------------
    @property
    def threshold_value(self) -> int:
        return int(self.threshold.currentData())

    def set_document(self, doc: Document | None) -> None:
        """Look through another document (None: nothing)."""
        self.doc = doc
        if self.subject_id and (doc is None or not doc.has_entity(self.subject_id)):
            self.subject_id = ""
        self.recompute()

    def set_as_of(self, as_of: str | None) -> None:
        """Look at ownership on 'YYYY-MM-DD', or at the current facts (None)."""
        self.as_of = as_of
        self.recompute()

    def show_entity(self, entity_id: str) -> None:
        """Show the look-through of this entity ('' for none)."""
        if entity_id != self.subject_id:
            self.subject_id = entity_id
            if self.result is not None and entity_id and not self.result.knows(entity_id):
                self.recompute()  # an entity newer than the last computation (the debounce is pending)
            else:
                self.fill()

    def recompute(self) -> None:
        """Compute the look-through again (the document or the date changed) and show it."""
        self.result, self.error_text = None, ""
        if self.doc is not None:
            try:
                self.result = compute(self.doc, self.as_of)
            except StakemapError as error:  # CircularOwnershipError above all
                self.error_text = f"No look-through: {error}"
        if self.subject_id and self.doc is not None and not self.doc.has_entity(self.subject_id):
            self.subject_id = ""
        self.fill()

    # --- output ---------------------------------------------------------------------------------
    def fill(self) -> None:
        """Rebuild both tables from the current result, subject and threshold."""
        self.error.setText(self.error_text)
        self.error.setVisible(bool(self.error_text))
        when = f"as of {self.as_of}" if self.as_of else "current facts"
        subject = self.doc.entity(self.subject_id) if self.subject_id and self.doc else None
        if subject is None:
            self.heading.setText(f"Select an entity to see who owns it and what it owns ({when}).")
        else:
            here, everywhere = dispute_notes(self.doc, subject.id), dispute_notes(self.doc)
            notes = "".join(f"<br><i>{html.escape(note)}</i>" for note in here)
            if len(everywhere) > len(here):
                notes += (f"<br><i>{len(everywhere) - len(here)} more shares sources disagree on are looked "
                          "through as the span of their claims</i>")
            self.heading.setText(f"<b>{html.escape(subject.name)}</b>, {when}{notes}")
        for tree in (self.owners, self.holdings):
            tree.clear()
            tree.headerItem().setText(VERDICT, f"Verdict ({self.threshold_value}%)")
        owners, holdings = self._stakes(subject is not None)
        self._fill_tree(self.owners, owners, owners_side=True)
        self._fill_tree(self.holdings, holdings, owners_side=False)
        self.owners_label.setText(f"Owned by ({len(owners)})" if subject else "Owned by")
        self.holdings_label.setText(f"Holds ({len(holdings)})" if subject else "Holds")
        self.updated.emit()

    def _stakes(self, has_subject: bool) -> tuple[list[EffectiveStake], list[EffectiveStake]]:
        if not has_subject or self.result is None:
            return [], []
        threshold = self.threshold_value
        return (self.result.owners_of(self.subject_id, threshold),
                self.result.holdings_of(self.subject_id, threshold))

    def _fill_tree(self, tree: QTreeWidget, stakes: list[EffectiveStake], owners_side: bool) -> None:
        tree.setSortingEnabled(False)
        for stake in stakes:
            party_id = stake.owner_id if owners_side else stake.owned_id
            tree.addTopLevelItem(self._row(stake, party_id))
        tree.setSortingEnabled(True)

    def _row(self, stake: EffectiveStake, party_id: str) -> StakeRow:
        interval = stake.interval
        cells = {
            PARTY: (self.doc.entity(party_id).name, self.doc.entity(party_id).name.casefold()),
            EFFECTIVE: (interval.text, (interval.high, interval.low)),
            VERDICT: (stake.verdict, VERDICT_RANK.get(stake.verdict, 0)),
            DIRECT: ("direct" if stake.is_direct else "indirect", int(stake.is_direct)),
            ULTIMATE: ("yes" if stake.is_ultimate else "no", int(stake.is_ultimate)),
            UNKNOWN: ("yes" if stake.unknown else "no", int(stake.unknown)),
        }
        row = StakeRow()
        for column, (text, key) in cells.items():
            row.setText(column, text)
            row.setData(column, SORT_KEY, key)
        row.setData(PARTY, IDS, (stake.owner_id, stake.owned_id, party_id))
        row.setToolTip(PARTY, "Expand to see the chains; double-click to select this party")
        row.setToolTip(UNKNOWN, "Whether an undisclosed share lies on some chain (its low counts as 0%)")
        row.setChildIndicatorPolicy(QTreeWidgetItem.ChildIndicatorPolicy.ShowIndicator)
        return row

    def _add_paths(self, row: QTreeWidgetItem) -> None:
        """List a row's chains the first time it opens."""
        if row.parent() is not None or row.childCount() or self.result is None or self.doc is None:
            return
        owner_id, owned_id, _ = row.data(PARTY, IDS)
        derivation = self.result.derivation(owner_id, owned_id, PATH_LIMIT)
        for path in derivation.paths:
            self._add_child(row, path_text(self.doc, path), [*path.relationship_ids, *path.entity_ids])
        if derivation.truncated:
            self._add_child(row, f"… more chains than the {PATH_LIMIT} shown", [])
        if derivation.circular:
            self._add_child(row, "~ a chain passes through a cycle: the stake counts every turn round it", [])
        if not derivation.paths:
            self._add_child(row, "no chain", [])

    @staticmethod
    def _add_child(row: QTreeWidgetItem, text: str, ids: list[str]) -> None:
        child = QTreeWidgetItem([text])
        child.setData(PARTY, IDS, ids)
        if ids:
            child.setToolTip(PARTY, "Click to show this chain on the canvas")
        row.addChild(child)
        child.setFirstColumnSpanned(True)

    def path_rows(self, row: QTreeWidgetItem) -> list[QTreeWidgetItem]:
        """The chain rows under a party row (listing them first if need be)."""
        self._add_paths(row)
        return [row.child(index) for index in range(row.childCount())]

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.parent() is not None and item.data(PARTY, IDS):
            self.ids_clicked.emit(list(item.data(PARTY, IDS)))

    def _double_clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        if item.parent() is None:
            self.party_activated.emit(item.data(PARTY, IDS)[2])
