"""Keeping a pane in step with its document: refresh after a burst of edits, and on a big file only
after the canvas has painted."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from model.document import Document, Event

DEFER_ABOVE = 2000  # entities: a bigger file fills its panes after the first paint
LAYOUT_ONLY = ("pin_changed", "arrangement_changed")  # moves change no pane's content


class Follower:
    """Calls ``refresh`` (debounced by ``interval_ms``) when the document changes in a way that
    ``matters(event)`` says the pane shows."""

    def __init__(self, owner: QObject, refresh: Callable[[], None], interval_ms: int,
                 matters: Callable[[Event], bool] = lambda event: event.name not in LAYOUT_ONLY) -> None:
        self.doc: Document | None = None
        self.refresh = refresh
        self.matters = matters
        self.timer = QTimer(owner, singleShot=True, interval=interval_ms)
        self.timer.timeout.connect(refresh)

    def set_document(self, doc: Document | None) -> None:
        if self.doc is not None:
            self.doc.unsubscribe(self._on_event)
        self.doc = doc
        if doc is not None:
            doc.subscribe(self._on_event)
        if doc is not None and len(doc.entities()) > DEFER_ABOVE:
            self.timer.start()
        else:
            self.refresh()

    def _on_event(self, event: Event) -> None:
        if self.matters(event):
            self.timer.start()

    @property
    def pending(self) -> bool:
        return self.timer.isActive()
