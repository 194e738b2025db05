"""Suggestions pane: the facts read from an article, by sentence, to accept, fix or reject.

Nothing enters the model unreviewed. Selecting a proposal shows its words in the Source pane and,
where both ends are on the canvas, a dashed preview of the line. Accept (Enter) makes its entities
and line, cited, as one undo step (a fact the project has already gains a citation instead);
Reject (Delete) sets it aside, remembered with the source (one undo step too); Accept Sentence and
Accept All Above take many at once, each still its own step. A proposal that contradicts the
project is marked and says how. What is accepted or rejected is read off the document, so undo
puts a proposal back in review.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.document import Document
from model.extract.accept import Plan, plan
from model.extract.proposal import Proposal, Reading
from model.sentences import sentence_spans
from model.types import Citation, Source
from model.wording import kind_verb

from .follow import Follower

PENDING, ACCEPTED, REJECTED, CONFLICT = "pending", "accepted", "rejected", "conflict"
MARKS = {PENDING: "", ACCEPTED: "\u2713 ", REJECTED: "\u2717 ", CONFLICT: "\u26a0 "}
GREY = QColor("#8a8a8a")
ROLE = int(Qt.ItemDataRole.UserRole)


def describe(proposal: Proposal) -> str:
    """A proposal as a reader says it: 'Xiaomi owns 29.5% of Sichuan Xinwang Bank (planned)'."""
    share = ""
    if proposal.share_min is not None:
        low, high = proposal.share_min, proposal.share_max
        share = f" {low:g}%" if low == high else f" {low:g}\u2013{high:g}%"
    role = f" as {proposal.role}" if proposal.role and proposal.relation == "position" else ""
    status = "" if proposal.status == "current" else f" ({proposal.status})"
    when = f", from {proposal.start_date}" if proposal.start_date else ""
    return f"{proposal.subject} {kind_verb(proposal.relation)}{share} {proposal.object}{role}{status}{when}"


class SuggestionsPane(QWidget):
    """Proposals of one source, grouped by sentence; the window applies what the user accepts."""

    words_chosen = Signal(object)  # a Citation of the proposal's words, for the Source pane
    preview = Signal(object)  # the Proposal under the cursor (or None), for the canvas
    accept_requested = Signal(object, str)  # a Plan, and the undo step's name
    edit_requested = Signal(str)  # the id of the line just accepted, to fix in Details
    reject_requested = Signal(str, str)  # the source's id, and the proposal's key

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestions")
        self.source: Source | None = None
        self.reading: Reading | None = None
        self.conflicts: dict[int, str] = {}
        self.follower = Follower(self, lambda: self._refresh(), 100)  # accepted is read off the document
        layout = QVBoxLayout(self)
        self.heading = QLabel("Read an article (File > Read Article\u2026) to see what it states.")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.tree = QTreeWidget(objectName="suggestions_tree")
        self.tree.setHeaderLabels(["Proposed fact", "Sure"])
        header = self.tree.header()  # the fact takes the room; the confidence only what it needs
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(lambda item, _: self._chosen(item))
        layout.addWidget(self.tree, 1)
        buttons = QHBoxLayout()
        self.accept_button = QPushButton("Accept", objectName="accept")
        self.accept_button.setToolTip("Accept the selected fact (Enter)")
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button = QPushButton("Reject", objectName="reject")
        self.reject_button.setToolTip("Set the selected fact aside (Delete)")
        self.reject_button.clicked.connect(self.reject_current)
        self.edit_button = QPushButton("Edit\u2026", objectName="edit")
        self.edit_button.setToolTip("Accept the selected fact and fix it in Details (share, role, date)")
        self.edit_button.clicked.connect(self.edit_current)
        self.sentence_button = QPushButton("Accept Sentence", objectName="accept_sentence")
        self.sentence_button.clicked.connect(self.accept_sentence)
        self.above_button = QPushButton("Accept All Above", objectName="accept_above")
        self.above_button.clicked.connect(lambda: self.accept_above(self.threshold.value()))
        self.threshold = QDoubleSpinBox(objectName="threshold", minimum=0.0, maximum=1.0, singleStep=0.05,
                                        value=0.7, decimals=2)
        for widget in (self.accept_button, self.edit_button, self.reject_button, self.sentence_button,
                       self.above_button, self.threshold):
            buttons.addWidget(widget)
        layout.addLayout(buttons)
        self.status = QLabel(objectName="suggestions_status")
        layout.addWidget(self.status)
        self.tree.installEventFilter(self)  # Enter accepts, Delete rejects, while the list has the focus

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        keys = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
        if watched is self.tree and event.type() == QEvent.Type.ShortcutOverride and event.key() in keys:
            event.accept()  # these keys are the list's, not the window's Delete
            return True
        if watched is self.tree and event.type() == QEvent.Type.KeyPress:
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.accept_current()
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.reject_current()
                return True
        return super().eventFilter(watched, event)

    # --- showing --------------------------------------------------------------------------------
    def clear(self) -> None:
        """Forget the reading (another document is open)."""
        self.source, self.reading = None, None
        self.conflicts = {}
        self.tree.clear()
        self.follower.set_document(None)
        self.heading.setText("Read an article (File > Read Article\u2026) to see what it states.")
        self.status.setText("")

    def show_reading(self, doc: Document, source: Source, reading: Reading) -> None:
        """List what ``reading`` proposes from ``source`` (already in ``doc``), less what the source
        says the user rejected before."""
        self.clear()
        rejected = set(doc.source(source.id).rejected)
        proposals = tuple(p for p in reading.proposals if p.key not in rejected)
        self.source, self.reading = source, Reading(reading.entities, proposals)
        reading = self.reading
        spans = sentence_spans(source.text)
        groups: dict[tuple[int, int], QTreeWidgetItem] = {}
        for number, proposal in enumerate(reading.proposals):
            start = proposal.offset[0]
            span = next(((a, b) for a, b in spans if a <= start < b), (start, proposal.offset[1]))
            group = groups.get(span)
            if group is None:
                words = " ".join(source.text[span[0]:span[1]].split())
                group = groups[span] = QTreeWidgetItem([words if len(words) < 90 else words[:88] + "\u2026"])
                group.setToolTip(0, words)
                group.setFirstColumnSpanned(True)
                self.tree.addTopLevelItem(group)
            item = QTreeWidgetItem([describe(proposal), f"{proposal.confidence:.2f}"])
            item.setData(0, ROLE, number)
            item.setToolTip(0, f"\u201c{proposal.quote}\u201d (rule: {proposal.rule})")
            group.addChild(item)
        self.tree.expandAll()
        self.follower.set_document(doc)  # refreshes the marks now, and after every edit
        first = self._items()[0] if self._items() else None
        if first is not None:
            self.tree.setCurrentItem(first)

    def _items(self) -> list[QTreeWidgetItem]:
        return [group.child(j) for i in range(self.tree.topLevelItemCount())
                for group in [self.tree.topLevelItem(i)] for j in range(group.childCount())]

    @property
    def doc(self) -> Document | None:
        return self.follower.doc

    def _cited(self) -> set[tuple[str, int, int]]:
        """(kind, start, end) of every line's citation of this source: one pass over the document."""
        if self.doc is None or not self.doc.has_source(self.source.id):
            return set()
        return {(rel.kind, c.start, c.end) for rel in self.doc.relationships() for c in rel.citations
                if c.source_id == self.source.id}

    def state(self, number: int, cited: set | None = None) -> str:
        """Accepted when the document has the fact citing these words (so undo makes it pending
        again), else rejected, in conflict or pending. ``cited``: :meth:`_cited`, when asking for many."""
        proposal = self.reading.proposals[number]
        if self.doc is None or not self.doc.has_source(self.source.id):
            return PENDING
        if (proposal.relation, *proposal.offset) in (self._cited() if cited is None else cited):
            return ACCEPTED
        if proposal.key in self.doc.source(self.source.id).rejected:
            return REJECTED
        return CONFLICT if number in self.conflicts else PENDING

    def _refresh(self) -> None:
        if self.reading is None:
            return
        counts = dict.fromkeys(MARKS, 0)
        cited = self._cited()
        for item in self._items():
            number = item.data(0, ROLE)
            state = self.state(number, cited)
            counts[state] += 1
            item.setText(0, MARKS[state] + describe(self.reading.proposals[number]))
            item.setForeground(0, GREY if state in (ACCEPTED, REJECTED) else QColor("#1b1b1b"))
            if state == CONFLICT:
                item.setToolTip(0, f"Contradicts the project: {self.conflicts[number]}. Accept it again "
                                   "to keep both, as claims of their sources")
        title = self.source.title if self.source else ""
        self.heading.setText(f"From \u201c{title}\u201d: {len(self.reading.proposals)} proposed facts. "
                             "Select one to see its words.")
        self.status.setText(f"{counts[PENDING]} to review, {counts[ACCEPTED]} accepted, "
                            f"{counts[REJECTED]} rejected, {counts[CONFLICT]} in conflict")

    def _chosen(self, item: QTreeWidgetItem | None) -> None:
        number = item.data(0, ROLE) if item is not None else None
        if number is None or self.source is None:
            self.preview.emit(None)
            return
        proposal = self.reading.proposals[number]
        self.words_chosen.emit(Citation(self.source.id, *proposal.offset, proposal.quote))
        self.preview.emit(proposal)

    # --- deciding -------------------------------------------------------------------------------
    def current_number(self) -> int | None:
        item = self.tree.currentItem()
        return item.data(0, ROLE) if item is not None else None

    def accept(self, number: int) -> bool:
        """Accept one proposal (if still pending): True when it changed the project."""
        return self._accept(number) is not None

    def _accept(self, number: int) -> Plan | None:
        """Accept a pending proposal. One that contradicts the project is flagged first; accepted
        again, it joins the line as a disagreeing claim beside the project's value."""
        state = self.state(number) if self.doc is not None and self.source is not None else None
        if state not in (PENDING, CONFLICT):
            return None
        proposal = self.reading.proposals[number]
        steps: Plan = plan(self.doc, self.source, proposal, list(self.reading.entities))
        if steps.conflict and (state == PENDING or steps.claims is None):
            self.conflicts[number] = steps.conflict
            self._refresh()
            return None
        verb = "Keep both claims of" if steps.conflict else "Accept"
        self.accept_requested.emit(steps, f"{verb} \u201c{describe(proposal)}\u201d")
        self._refresh()
        return steps

    def edit_current(self) -> None:
        """Accept the selected proposal, then hand its line to the details editor."""
        number = self.current_number()
        steps = self._accept(number) if number is not None else None
        if steps is not None:
            self.edit_requested.emit(steps.relationship.id if steps.relationship else steps.citations[0][0])

    def accept_current(self) -> None:
        number = self.current_number()
        if number is not None:
            self.accept(number)
            self._next()

    def reject_current(self) -> None:
        number = self.current_number()
        if number is not None and self.state(number) == PENDING:
            self.reject_requested.emit(self.source.id, self.reading.proposals[number].key)
            self._refresh()
            self._next()

    def accept_sentence(self) -> None:
        item = self.tree.currentItem()
        group = item.parent() or item if item is not None else None
        if group is not None:
            for j in range(group.childCount()):
                self.accept(group.child(j).data(0, ROLE))

    def accept_above(self, confidence: float) -> int:
        """Accept every pending proposal at least this sure; how many were accepted."""
        return sum(self.accept(number) for number, proposal in enumerate(self.reading.proposals or ())
                   if proposal.confidence >= confidence and self.state(number) == PENDING)


    def _next(self) -> None:
        items = self._items()
        current = self.tree.currentItem()
        after = items[items.index(current) + 1:] if current in items else items
        cited = self._cited()
        pending = [i for i in after if self.state(i.data(0, ROLE), cited) == PENDING]
        if pending:
            self.tree.setCurrentItem(pending[0])

