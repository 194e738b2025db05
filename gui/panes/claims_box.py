"""What each source says of the selected line or entity, side by side, in the Details pane: the parts
(a line's share, status...; an entity's jurisdiction, founding date...) they disagree on, each claim
with its value, its sources (title, kind, date), its quotes and a "Use this one" button; then, compactly,
the parts several sources state alike.

The rules (what disagrees, what is drawn) are :mod:`model.claims` and :mod:`model.attribute_claims`;
this widget only shows them, through one plain row shape for both.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from model import attribute_claims, claims
from model.document import Document
from model.types import Citation, Entity, Relationship


@dataclass(frozen=True)
class Said:
    """One claim as the box shows it: the part, its value as stored and as read, who says it, the quotes,
    and whether it is the value drawn."""

    part: str
    value: str
    shown: str
    sources: tuple[str, ...]
    citations: tuple[Citation, ...]
    drawn: bool


def what_is_said(item: Entity | Relationship) -> tuple[dict[str, list[Said]], list[Said]]:
    """The disputed parts with their claims, and the claims of parts sources state alike."""
    if isinstance(item, Relationship):
        rows = [Said(c.field, c.value, claims.describe(c.field, c.value), c.sources, c.citations,
                     claims.field_value(item, c.field) == c.value) for c in item.claims]
        disputed = set(claims.disputes(item))
    else:
        drawn = {name: attribute_claims.value_key(a.value) for name, a in item.attributes.items()}
        rows = [Said(c.name, c.attribute.value, c.attribute.value, c.sources, c.attribute.citations,
                     drawn.get(c.name) == attribute_claims.value_key(c.attribute.value)) for c in item.claims]
        disputed = set(attribute_claims.disputes(item))
    by_part: dict[str, list[Said]] = {}
    for row in rows:
        if row.part in disputed:
            by_part.setdefault(row.part, []).append(row)
    return by_part, [row for row in rows if row.part not in disputed and row.sources]


class ClaimsBox(QWidget):
    """The claims of one line or entity; "Use this one" asks to draw a claim's value."""

    use_requested = Signal(str, str)  # part, value

    QUOTE_CHARS = 220

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("claims")
        self.rows = QVBoxLayout(self)
        self.rows.setContentsMargins(0, 0, 0, 0)
        self.buttons: list[QPushButton] = []

    def show_claims(self, doc: Document, item: Entity | Relationship) -> None:
        while self.rows.count():
            widget = self.rows.takeAt(0).widget()
            if widget is not None:
                widget.deleteLater()
        self.buttons = []
        disputed, alike = what_is_said(item)
        chosen = dict(item.chosen)
        for part, said in disputed.items():
            settled = " (you chose)" if part in chosen else ""
            heading = f"Sources disagree on the {claims.part_name(part)}"
            self.rows.addWidget(_label(f"<b>{html.escape(heading)}</b>{settled}"))
            for row in said:
                self.rows.addWidget(self._claim_row(doc, row, chosen.get(part) == row.value))
        if alike:
            lines = [f"{html.escape(row.part)} {html.escape(row.shown)}: "
                     f"stated by {html.escape(_titles(doc, row.sources))}" for row in alike]
            self.rows.addWidget(_label("<small>" + "<br>".join(lines) + "</small>", "claims_alike"))
        self.rows.addStretch(1)

    def _claim_row(self, doc: Document, row: Said, is_chosen: bool) -> QFrame:
        frame = QFrame(objectName="claim")
        frame.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(frame)
        parts = [f"<b>{html.escape(row.shown)}</b>" + (" &nbsp;<i>drawn</i>" if row.drawn else "")]
        for source_id in row.sources or ("",):
            parts.append(f"<small>{html.escape(_source_line(doc, source_id))}</small>")
        for citation in row.citations:
            quote = " ".join(citation.quote.split())
            quote = quote if len(quote) <= self.QUOTE_CHARS else quote[:self.QUOTE_CHARS - 1] + "\u2026"
            parts.append(f"<small>\u201c{html.escape(quote)}\u201d</small>")
        layout.addWidget(_label("<br>".join(parts)), 1)
        button = QPushButton("Chosen" if is_chosen else "Use this one", objectName="use_claim")
        button.setEnabled(not is_chosen)
        button.setToolTip(f"Draw {row.shown} for the {row.part}, whatever the sources' ranks (one undo step)")
        button.clicked.connect(lambda _=False, p=row.part, v=row.value: self.use_requested.emit(p, v))
        layout.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        self.buttons.append(button)
        return frame


def _label(text: str, name: str = "") -> QLabel:
    label = QLabel(text, objectName=name)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def _source_line(doc: Document, source_id: str) -> str:
    """'TechNode (article, 2020-04-24)', or the analyst's own word for a claim no source states."""
    if not source_id:
        return "the analyst (no source)"
    if not doc.has_source(source_id):
        return source_id
    source = doc.source(source_id)
    return f"{source.title} ({', '.join(part for part in (source.kind, source.date) if part)})"


def _titles(doc: Document, source_ids) -> str:
    return ", ".join(doc.source(s).title if doc.has_source(s) else s for s in source_ids)
