"""Keeping a pane in step with its document: refresh after a burst of edits, and on a big file only
after the canvas has painted. Panes whose refreshes fall due together take turns (:func:`in_turn`),
one a turn of the event loop, so that after a big edit the window is not frozen for all of them at once."""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QObject, QTimer

from model.document import Document, Event

DEFER_ABOVE = 300  # entities: a bigger file fills its panes after the first paint
LAYOUT_ONLY = ("pin_changed", "arrangement_changed")  # moves change no pane's content

_turns: list[tuple[QObject, Callable[[], None]]] = []  # refreshes due, in the order they fell due
TURN_GAP_MS = 4  # between two turns: paints, input and the canvas's own timers go first


def in_turn(owner: QObject, refresh: Callable[[], None]) -> None:
    """Run ``refresh`` in a turn of the event loop of its own, after those already waiting (once, however
    often asked before its turn; never once ``owner`` is gone)."""
    if (owner, refresh) in _turns:
        return
    _turns.append((owner, refresh))
    if len(_turns) == 1:
        QTimer.singleShot(TURN_GAP_MS, _next_turn)


def waiting(refresh: Callable[[], None]) -> bool:
    """Whether ``refresh`` is waiting for its turn."""
    return any(queued == refresh for _, queued in _turns)


def _next_turn() -> None:
    if not _turns:
        return
    owner, refresh = _turns.pop(0)
    try:
        if shiboken6.isValid(owner):
            refresh()
    finally:
        if _turns:
            QTimer.singleShot(TURN_GAP_MS, _next_turn)


class Debounce:
    """A single-shot timer that every :meth:`poke` puts off to ``interval_ms`` later; cheap to poke
    thousands of times in a burst (the time of the latest poke is noted; the timer, when it fires
    early, waits out the rest) where restarting a timer each time would cost a frame."""

    def __init__(self, owner: QObject, interval_ms: int, fire: Callable[[], None]) -> None:
        self.interval_ms = interval_ms
        self.fire = fire
        self.timer = QTimer(owner, singleShot=True, interval=interval_ms)
        self.timer.timeout.connect(self._due)
        self._poked = 0.0

    def poke(self) -> None:
        self._poked = time.monotonic()
        if not self.timer.isActive():
            self.timer.start(self.interval_ms)

    def _due(self) -> None:
        left_ms = (self._poked - time.monotonic()) * 1000 + self.interval_ms
        if left_ms >= 2:
            self.timer.start(math.ceil(left_ms))
        else:
            self.fire()


class Follower:
    """Calls ``refresh`` (debounced by ``interval_ms``) when the document changes in a way that
    ``matters(event)`` says the pane shows."""

    def __init__(self, owner: QObject, refresh: Callable[[], None], interval_ms: int,
                 matters: Callable[[Event], bool] = lambda event: event.name not in LAYOUT_ONLY) -> None:
        self.doc: Document | None = None
        self.refresh = refresh
        self.matters = matters
        self._debounce = Debounce(owner, interval_ms, lambda: in_turn(owner, refresh))
        self.timer = self._debounce.timer

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
            self._debounce.poke()

    @property
    def pending(self) -> bool:
        return self.timer.isActive() or waiting(self.refresh)
