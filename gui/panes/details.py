"""Details pane: the selected entity's or relationship's fields, editable in place, and its citations.

A field is validated when the user leaves it; a bad value (a share of 150) is refused with the reason
shown under the form and the model is left unchanged. Good values go to the editor as one command.
"""

from __future__ import annotations

import dataclasses
import html

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from model import attribute_claims, claims
from model.citations import citations_of
from model.document import Event
from model.errors import InvalidValueError
from model.sentences import sentence_around
from model.types import (
    BASIS_WORDS,
    ENTITY_KIND_LABELS,
    OWNERSHIP,
    STATUSES,
    Entity,
    FuzzyDate,
    Relationship,
    Share,
)

from ..editor import Editor
from .claims_box import ClaimsBox

FORM_BESIDE_CLAIMS = 60  # pixels of the form in view beside a disputed line's claims (the rest scrolls)


class NoteEdit(QPlainTextEdit):
    """A few wrapped lines for an analyst note; shows a note from its start, reports edits on leaving.

    ``text``/``setText``/``editingFinished`` match :class:`QLineEdit`, so the form treats both alike.
    """

    editingFinished = Signal()  # noqa: N815 (QLineEdit's name)
    LINES = 3

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setTabChangesFocus(True)
        margins = self.contentsMargins()
        frame = 2 * int(self.document().documentMargin()) + margins.top() + margins.bottom()
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self.LINES + frame + 2)
        self._shown = ""

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:  # noqa: N802 (QLineEdit's name)
        """Show a note from its first line, cursor at its start."""
        self._shown = text
        self.setPlainText(text)
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.verticalScrollBar().setValue(0)

    def focusOutEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().focusOutEvent(event)
        if self.toPlainText() != self._shown:
            self._shown = self.toPlainText()
            self.editingFinished.emit()


class DetailsPane(QWidget):
    citation_clicked = Signal(object)  # a Citation to show in the source pane

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("details")
        self.editor: Editor | None = None
        self.item_id = ""
        layout = QVBoxLayout(self)
        self.heading = QLabel("Select an entity or a line.", objectName="heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.stack = QStackedWidget()
        self.stack.addWidget(QWidget())
        self.stack.addWidget(self._entity_form())
        self.stack.addWidget(self._relationship_form())
        self.error = QLabel(objectName="error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020")
        self.citations = QTextBrowser(objectName="citations")
        self.citations.setOpenLinks(False)
        self.citations.anchorClicked.connect(self._anchor_clicked)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addWidget(self.stack)
        top_layout.addWidget(self.error)
        split = self.split = QSplitter(Qt.Orientation.Vertical)  # the user decides the quotes' room
        self.claims = ClaimsBox()
        self.claims.use_requested.connect(self._use_claim)
        self.claims_scroll = QScrollArea(objectName="claims_scroll", widgetResizable=True)
        self.claims_scroll.setWidget(self.claims)
        self.claims_scroll.hide()
        # the form is whole, except beside claims: then it scrolls and gives them room
        self.form_scroll = QScrollArea(objectName="form_scroll", widgetResizable=True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setWidget(top)
        split.addWidget(self.form_scroll)
        split.addWidget(self.claims_scroll)
        split.addWidget(self.citations)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 1)
        layout.addWidget(split, 1)

    # --- forms ----------------------------------------------------------------------------------
    def _field(self, form: QFormLayout, label: str, name: str, widget=None):
        widget = widget or QLineEdit()
        widget.setObjectName(name)
        form.addRow(label, widget)
        if isinstance(widget, (QLineEdit, NoteEdit)):
            widget.editingFinished.connect(lambda: self._commit(name))
        else:
            widget.activated.connect(lambda _=0: self._commit(name))
        return widget

    def _entity_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.name = self._field(form, "Name", "name")
        kind = QComboBox()
        for key, label in ENTITY_KIND_LABELS.items():
            kind.addItem(label, key)
        self.entity_kind = self._field(form, "Kind", "entity_kind", kind)
        self.aliases = self._field(form, "Aliases", "aliases")
        self.aliases.setPlaceholderText("comma-separated, e.g. 小米集团")
        self.entity_note = self._field(form, "Analyst note", "entity_note", NoteEdit())
        self.attributes = QLabel(objectName="attributes")
        self.attributes.setWordWrap(True)
        self.attributes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.attributes.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.addRow("Attributes", self.attributes)
        return page

    def _relationship_form(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.rel_kind = QLabel(objectName="rel_kind")
        form.addRow("Kind", self.rel_kind)
        self.share = self._field(form, "Share %", "share")
        self.share.setPlaceholderText("29.5, 25-50, or empty if undisclosed")
        basis = QComboBox()
        basis.addItems(["", *BASIS_WORDS])
        self.basis = self._field(form, "Basis", "basis", basis)
        self.role = self._field(form, "Role / licence", "role")
        status = QComboBox()
        status.addItems(STATUSES)
        self.status = self._field(form, "Status", "status", status)
        self.start = self._field(form, "Start", "start")
        self.end = self._field(form, "End", "end")
        for field in (self.start, self.end):
            field.setPlaceholderText("YYYY, YYYY-MM or YYYY-MM-DD")
        self.rel_note = self._field(form, "Analyst note", "rel_note", NoteEdit())
        return page

    # --- showing --------------------------------------------------------------------------------
    def set_editor(self, editor: Editor | None) -> None:
        if self.editor is not None:
            self.editor.doc.unsubscribe(self._on_event)
        self.editor = editor
        if editor is not None:
            editor.doc.subscribe(self._on_event)
        self.show_item("")

    def _on_event(self, event: Event) -> None:
        if event.id == self.item_id or event.name == "source_added":
            self.show_item(self.item_id)

    def show_item(self, item_id: str) -> None:
        doc = self.editor.doc if self.editor else None
        if doc is None or not (doc.has_entity(item_id) or doc.has_relationship(item_id)):
            self.item_id = ""
            self.stack.setCurrentIndex(0)
            self.heading.setText("Select an entity or a line to see its details and sources.")
            self.citations.clear()
            self.claims_scroll.hide()
            return
        if item_id != self.item_id:
            self.error.clear()
        self.item_id = item_id
        item = doc.item(item_id)
        for widget in self.findChildren(QWidget):
            widget.blockSignals(True)
        try:
            if isinstance(item, Entity):
                self._show_entity(item)
            else:
                self._show_relationship(item)
        finally:
            for widget in self.findChildren(QWidget):
                widget.blockSignals(False)
        shows_claims = bool(item.claims) and (
            isinstance(item, Relationship) or bool(attribute_claims.disputes(item)))
        if shows_claims:
            self.claims.show_claims(doc, item)
        coming = shows_claims and self.claims_scroll.isHidden()
        whole = self.form_scroll.widget().minimumSizeHint().height()  # the pane keeps its height either way
        self.form_scroll.setMinimumHeight(FORM_BESIDE_CLAIMS if shows_claims else whole)
        self.claims_scroll.setMinimumHeight(max(40, whole - FORM_BESIDE_CLAIMS))
        self.claims_scroll.setVisible(shows_claims)
        if coming:  # the claims take half the room, from the form (it scrolls) and the quotes
            QTimer.singleShot(0, self._room_for_claims)
        self._show_citations(item)

    def _room_for_claims(self) -> None:
        total = sum(self.split.sizes())
        if self.claims_scroll.isVisible() and total > 0:
            self.split.setSizes([total * 3 // 10, total // 2, total - total * 3 // 10 - total // 2])

    def _show_entity(self, entity: Entity) -> None:
        self.stack.setCurrentIndex(1)
        self.heading.setText(f"<b>{html.escape(entity.name)}</b> \u2014 {ENTITY_KIND_LABELS[entity.kind]}")
        self.name.setText(entity.name)
        self.entity_kind.setCurrentIndex(self.entity_kind.findData(entity.kind))
        self.aliases.setText(", ".join(entity.aliases))
        self.entity_note.setText(entity.note)
        open_disputes = attribute_claims.unresolved(entity) if entity.claims else {}
        lines = [f"<b>{html.escape(name)}</b>: {html.escape(a.value)}"
                 + (f" ({html.escape(str(a.date))})" if a.date else "")
                 + (" <i>≠ sources disagree (below)</i>" if name in open_disputes else "")
                 for name, a in entity.attributes.items()]
        self.attributes.setText("<br>".join(lines) or "none")

    def _show_relationship(self, rel: Relationship) -> None:
        doc = self.editor.doc
        self.stack.setCurrentIndex(2)
        subject, obj = doc.entity(rel.subject).name, doc.entity(rel.object).name
        self.heading.setText(f"<b>{html.escape(subject)}</b> \u2192 <b>{html.escape(obj)}</b>: "
                             f"{html.escape(rel.label)}")
        self.rel_kind.setText(rel.kind)
        ownership = rel.kind == OWNERSHIP
        self.share.setText(rel.share.text)
        self.share.setEnabled(ownership)
        self.basis.setCurrentText(rel.basis)
        self.basis.setEnabled(ownership)
        self.role.setText(rel.role)
        self.status.setCurrentText(rel.status)
        self.start.setText(rel.start.value if rel.start else "")
        self.end.setText(rel.end.value if rel.end else "")
        self.rel_note.setText(rel.note)

    def _show_citations(self, item: Entity | Relationship) -> None:
        doc = self.editor.doc
        parts = ["<h4>Sources</h4>"]
        if not item.citations:
            reason = f": {html.escape(item.note)}" if item.note else " (no source supports it yet)"
            parts.append(f"<p style='color:#8a5a00'><b>analyst-asserted</b>{reason}</p>")
        self._cited = []
        for index, (attribute, citation) in enumerate(citations_of(item)):
            source = doc.source(citation.source_id)
            before, quote, after = sentence_around(source.text, citation.start, citation.end)
            number = len(self._cited)
            self._cited.append(citation)
            what = f"<i>{html.escape(attribute)}:</i> " if attribute else ""
            by = f" \u2014 {html.escape(citation.attributed_to)}" if citation.attributed_to else ""
            # own citations come first, so the i-th is item.citations[i]; an attribute's is not removable here
            remove = "" if attribute else f" &nbsp;<a href='remove:{index}'>remove</a>"
            parts.append(
                f"<p>{what}\u201c{html.escape(before)}<a href='cite:{number}'><b>{html.escape(quote)}</b></a>"
                f"{html.escape(after)}\u201d<br><small>{html.escape(source.title)}, "
                f"{html.escape(source.publisher)} {html.escape(source.date)}{by}{remove}</small></p>")
        self.citations.setHtml("".join(parts))

    def _anchor_clicked(self, url) -> None:
        action, _, number = url.toString().partition(":")
        if action == "cite":
            self.citation_clicked.emit(self._cited[int(number)])
        elif action == "remove" and self.editor is not None:
            self.editor.remove_citation(self.item_id, int(number))

    # --- editing --------------------------------------------------------------------------------
    def _use_claim(self, field: str, value: str) -> None:
        """'Use this one': draw this claim's value for the part, whatever the sources' ranks."""
        if self.editor is None:
            return
        doc = self.editor.doc
        if doc.has_relationship(self.item_id):
            chosen = claims.choose(doc.relationship(self.item_id), field, value, doc.ranks())
            self.editor.replace(chosen, f"Use {claims.describe(field, value)} for the {field}")
        elif doc.has_entity(self.item_id):
            chosen = attribute_claims.choose(doc.entity(self.item_id), field, value, doc.ranks())
            self.editor.replace(chosen, f"Use {value} for the {field}")

    def _commit(self, field: str) -> None:
        if self.editor is None or not self.item_id:
            return
        item = self.editor.doc.item(self.item_id)
        try:
            new = self._edited(item, field)
        except InvalidValueError as error:
            self.show_item(self.item_id)  # the field shows what the model still holds
            self.error.setText(f"Not saved: {error}")
            return
        self.error.clear()
        self.editor.replace(new, f"Edit {field.replace('_', ' ')}")

    def _edited(self, item, field: str):
        """The item with one field changed as typed; raises InvalidValueError on a bad value."""
        if field == "name":
            return dataclasses.replace(item, name=self.name.text().strip())
        if field == "entity_kind":
            return dataclasses.replace(item, kind=self.entity_kind.currentData())
        if field == "aliases":
            typed = self.aliases.text().replace("\uff0c", ",").split(",")  # a Chinese comma too
            aliases = tuple(a.strip() for a in typed if a.strip())
            return dataclasses.replace(item, aliases=aliases)
        if field in ("entity_note", "rel_note"):
            return dataclasses.replace(item, note=getattr(self, field).text().strip())
        if field == "share":
            return dataclasses.replace(item, share=Share.parse(self.share.text()))
        if field == "basis":
            return dataclasses.replace(item, basis=self.basis.currentText())
        if field == "role":
            return dataclasses.replace(item, role=self.role.text().strip())
        if field == "status":
            return dataclasses.replace(item, status=self.status.currentText())
        if field in ("start", "end"):
            return dataclasses.replace(item, **{field: self._date(item, field)})
        raise AssertionError(field)

    def _date(self, item: Relationship, field: str) -> FuzzyDate | None:
        text = getattr(self, field).text().strip()
        if not text:
            return None
        old = getattr(item, field)
        if old is not None and old.value == text:
            return old
        return FuzzyDate(text, "")
