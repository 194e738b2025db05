"""Source pane: the article with every cited span highlighted by the kind of fact it supports.

Hover a highlight to see which facts cite it; click it to select them on the canvas; select words and
drag them onto a node or a line to cite them there (or onto empty canvas for a new cited entity).
"Uncited sentences" marks the sentences nothing cites yet (:mod:`model.coverage` decides both).
"""

from __future__ import annotations

import functools
import json
import re

from PySide6.QtCore import QMimeData, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QTextEdit,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from model.coverage import CitedSpan, cited_spans, uncited_sentences
from model.document import Document
from model.types import Citation

from .. import style
from ..scene import CITATION_MIME
from .follow import DEFER_ABOVE, in_turn


def utf16_to_index(text: str, position: int) -> int:
    """A QTextDocument position (UTF-16 units) as a Python string index."""
    if text.isascii() or all(ord(ch) < 0x10000 for ch in text):
        return position
    units = 0
    for index, ch in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(ch) >= 0x10000 else 1
    return len(text)


_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


@functools.lru_cache(maxsize=8)
def _has_astral(text: str) -> bool:
    """Whether a text holds characters of two UTF-16 units (asked once per text, not once per span:
    a register's source has thousands of spans over hundreds of thousands of characters)."""
    return _ASTRAL.search(text) is not None


def index_to_utf16(text: str, index: int) -> int:
    if not _has_astral(text):
        return index
    return index + sum(1 for ch in text[:index] if ord(ch) >= 0x10000)


class SourceText(QTextEdit):
    """Read-only article text that drags its selection out as a citation."""

    hovered = Signal(int)  # character index under the mouse
    clicked = Signal(int)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("source_text")
        self.setReadOnly(True)
        self.setMouseTracking(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                     | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.source_id = ""
        self.plain = ""
        self._press_pos = None

    def createMimeDataFromSelection(self) -> QMimeData:
        # Qt's own text mime data lists a fixed set of formats, so build a plain one
        mime = QMimeData()
        mime.setText(self.textCursor().selectedText().replace("\u2029", "\n"))
        span = self.selected_span()
        if span is not None:
            mime.setData(CITATION_MIME, json.dumps(
                {"source": self.source_id, "start": span[0], "end": span[1]}).encode())
        return mime

    def selected_span(self) -> tuple[int, int] | None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = utf16_to_index(self.plain, cursor.selectionStart())
        end = utf16_to_index(self.plain, cursor.selectionEnd())
        while start < end and self.plain[start].isspace():
            start += 1
        while end > start and self.plain[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    def centre_span(self, start: int, end: int) -> None:
        """Scroll so the text between two positions sits in the middle of the view, with context.

        A span taller than the view starts a line below the top instead.
        """
        first, last = QTextCursor(self.document()), QTextCursor(self.document())
        first.setPosition(start)
        last.setPosition(end)
        top, bottom = self.cursorRect(first).top(), self.cursorRect(last).bottom()
        height = self.viewport().height()
        margin = self.fontMetrics().lineSpacing()
        shift = top - margin if bottom - top > height - 2 * margin else (top + bottom - height) // 2
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + shift)

    def index_at(self, point) -> int:
        return utf16_to_index(self.plain, self.cursorForPosition(point).position())

    def mouseMoveEvent(self, event) -> None:
        super().mouseMoveEvent(event)
        if not event.buttons():
            self.hovered.emit(self.index_at(event.position().toPoint()))

    def mousePressEvent(self, event) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        point = event.position().toPoint()
        if self._press_pos is not None and (point - self._press_pos).manhattanLength() < 4:
            self.clicked.emit(self.index_at(point))
        self._press_pos = None


class SourcePane(QWidget):
    facts_clicked = Signal(list)  # ids of the facts citing the clicked words

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("source")
        self.doc: Document | None = None
        self.spans: list[CitedSpan] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.chooser = QComboBox(objectName="source_chooser")
        self.chooser.currentIndexChanged.connect(lambda _: self.refresh())
        top.addWidget(self.chooser, 1)
        self.mark_uncited = QCheckBox("Uncited sentences", objectName="mark_uncited")
        self.mark_uncited.toggled.connect(lambda _: self.refresh())
        top.addWidget(self.mark_uncited)
        layout.addLayout(top)
        self.text = SourceText()
        self.text.hovered.connect(self._hover)
        self.text.clicked.connect(self._click)
        layout.addWidget(self.text, 1)
        self.status = QLabel(objectName="source_status")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self._refresh_due = False

    def set_document(self, doc: Document | None) -> None:
        if self.doc is not None:
            self.doc.unsubscribe(self._on_event)
        self.doc = doc
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for source in doc.sources() if doc else []:
            about = " ".join(part for part in (source.publisher, source.date) if part)
            self.chooser.addItem(f"{source.title} ({about})" if about else source.title, source.id)
        self.chooser.blockSignals(False)
        if doc is not None:
            doc.subscribe(self._on_event)
        self.text.source_id = ""
        if doc is not None and len(doc.entities()) > DEFER_ABOVE:  # a big document: after the first paint
            self._refresh_due = True
            in_turn(self, self._refresh_if_due)
        else:
            self.refresh()

    def _on_event(self, event) -> None:
        if event.name in ("source_added", "source_removed"):
            self.set_document(self.doc)
        elif ("citation" in event.name or event.name.startswith(("entity_", "relationship_"))) \
                and not self._refresh_due:  # once the burst of events is over (a piece of a register
            self._refresh_due = True        # brings thousands at once)
            QTimer.singleShot(0, self, self._refresh_if_due)

    def _refresh_if_due(self) -> None:
        if self._refresh_due:
            self.refresh()

    def refresh(self) -> None:
        self._refresh_due = False
        source_id = self.chooser.currentData() or ""
        if self.doc is None or not source_id:
            self.text.clear()
            self.text.plain = ""
            self.status.setText("No source in this project.")
            return
        source = self.doc.source(source_id)
        if source_id != self.text.source_id:
            self.text.source_id = source_id
            self.text.plain = source.text
            self.text.setPlainText(source.text)
        self.spans = cited_spans(self.doc, source_id)
        # one highlight per span and kind (thousands of facts of a register piece cite one line),
        # in the order the last of each was drawn
        marks = list(dict.fromkeys((s.start, s.end, s.fact) for s in reversed(self.spans)))[::-1]
        selections = [self._selection(start, end, style.FACT_HIGHLIGHT[fact]) for start, end, fact in marks]
        uncited = uncited_sentences(source.text, {(span.start, span.end) for span in self.spans})
        if self.mark_uncited.isChecked():
            selections += [self._selection(a, b, QColor("#f8d7da"), underline=True) for a, b in uncited]
        self.text.setExtraSelections(selections)
        self.status.setText(f"{len(self.spans)} citations; {len(uncited)} sentences cite nothing.")

    def _selection(self, start: int, end: int, colour: QColor, underline: bool = False):
        selection = QTextEdit.ExtraSelection()
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(index_to_utf16(self.text.plain, start))
        cursor.setPosition(index_to_utf16(self.text.plain, end), QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        if underline:
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
            fmt.setUnderlineColor(QColor("#b00020"))
        else:
            fmt.setBackground(QBrush(colour))
        selection.cursor, selection.format = cursor, fmt
        return selection

    def spans_at(self, index: int) -> list[CitedSpan]:
        return [s for s in self.spans if s.start <= index < s.end]

    def _hover(self, index: int) -> None:
        spans = self.spans_at(index)
        if spans:
            facts = "\n".join(dict.fromkeys(s.text for s in spans))
            QToolTip.showText(self.text.cursor().pos(), style.tooltip(facts), self.text)
        else:
            QToolTip.hideText()

    def _click(self, index: int) -> None:
        ids = list(dict.fromkeys(s.item_id for s in self.spans_at(index)))
        if ids:
            self.facts_clicked.emit(ids)

    def show_citation(self, citation: Citation) -> None:
        """Bring a citation into view, selected."""
        index = self.chooser.findData(citation.source_id)
        if index < 0:
            return
        self.chooser.setCurrentIndex(index)
        cursor = QTextCursor(self.text.document())
        cursor.setPosition(index_to_utf16(self.text.plain, citation.start))
        cursor.setPosition(index_to_utf16(self.text.plain, citation.end), QTextCursor.MoveMode.KeepAnchor)
        self.text.setTextCursor(cursor)
        self.text.centre_span(cursor.selectionStart(), cursor.selectionEnd())
