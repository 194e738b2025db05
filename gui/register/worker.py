"""Questions to a register store asked away from the UI thread and answered on it.

One :class:`RegisterWorker` per open store. Each question runs in a thread of its own that ends with
it, one question at a time, on the store's one connection, which the first question opens in its
thread (:func:`model.register.engine.connect`; SQLite's connection is opened to be used from any
thread, one at a time, and so is psycopg's). Short-lived threads, not one that waits for work:
the window's other work runs in forked children (:mod:`gui.offload`), and a fork is only safe while
no other thread runs.

A question has a topic: asking again on a topic drops the earlier question if it has not started,
and throws away its answer if it has (searching as you type shows only the latest words' results).
Each question ends its transaction, so an idle window holds no locks on a team's server. An error
comes back as a sentence for the user, never a traceback.
"""

from __future__ import annotations

import itertools
import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QObject, Signal

from model.errors import StakemapError
from model.register.engine import Engine
from model.register.owners import open_store


@dataclass
class _Question:
    ticket: int
    topic: str
    job: Callable[..., Any]
    deliver: Callable[[Any], None]
    fail: Callable[[str], None]
    needs_store: bool
    outcome: tuple[str, Any] = ("error", "no answer")
    thread: threading.Thread | None = field(default=None, repr=False)


def trouble(error: Exception) -> str:
    """What went wrong with the store, in a sentence (its own words for Stakemap's errors).

    >>> trouble(sqlite3.OperationalError("database is locked"))
    'the register store could not answer (database is locked)'
    """
    if isinstance(error, StakemapError):
        return str(error)
    words = str(error).strip().splitlines()
    return f"the register store could not answer ({words[0] if words else type(error).__name__})"


class RegisterWorker(QObject):
    """Runs questions to the store at ``address`` one at a time away from the UI thread."""

    _answered = Signal(object)

    def __init__(self, address: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.address = address
        self._engine: Engine | None = None
        self._queue: list[_Question] = []
        self._running: _Question | None = None
        self._latest: dict[str, int] = {}
        self._tickets = itertools.count(1)
        self._closed = False
        self._answered.connect(self._hand_over)

    def ask(self, job: Callable[..., Any], deliver: Callable[[Any], None], fail: Callable[[str], None],
            topic: str = "", needs_store: bool = True) -> int:
        """Run ``job(engine)`` (``job()`` when it ``needs_store`` not) in a thread; hand its result to
        ``deliver`` or its trouble to ``fail`` on the UI thread, unless a later question on the same
        topic came first. Returns the question's ticket."""
        ticket = next(self._tickets)
        topic = topic or f"#{ticket}"
        self._latest[topic] = ticket
        self._queue = [q for q in self._queue if q.topic != topic]
        self._queue.append(_Question(ticket, topic, job, deliver, fail, needs_store))
        self._start_next()
        return ticket

    @property
    def busy(self) -> bool:
        """Whether a question is running or waiting."""
        return self._running is not None or bool(self._queue)

    def close(self) -> None:
        """Ask nothing more; the connection closes once a running question is done."""
        self._closed = True
        self._queue.clear()
        if self._running is None:
            self._close_engine()

    def _start_next(self) -> None:
        if self._running is not None or not self._queue or self._closed:
            return
        question = self._running = self._queue.pop(0)
        question.thread = threading.Thread(target=self._run, args=(question,), name="stakemap-register",
                                           daemon=True)
        question.thread.start()

    def _run(self, question: _Question) -> None:
        """In the question's thread."""
        try:
            if question.needs_store:
                if self._engine is None:
                    self._engine = open_store(self.address)  # never makes tables in another file
                question.outcome = ("result", question.job(self._engine))
                self._engine.commit()  # a server's transaction ends with each question: no locks held idle
            else:
                question.outcome = ("result", question.job())
        except (StakemapError, sqlite3.Error, OSError) as error:
            question.outcome = ("error", trouble(error))
            if not isinstance(error, StakemapError):
                self._engine = None  # the connection may be broken: the next question opens another
        except Exception as error:  # psycopg's errors, and any other failure: a message, never a traceback
            question.outcome = ("error", trouble(error))
            self._engine = None
        try:
            self._answered.emit(question)
        except RuntimeError:  # the window is gone
            pass

    def _hand_over(self, question: _Question) -> None:
        """On the UI thread: the answer, unless a later question on its topic superseded it."""
        if question.thread is not None:
            question.thread.join()  # it has only to return: the next fork finds no other thread
        self._running = None
        current = not self._closed and self._latest.get(question.topic) == question.ticket
        if self._closed:
            self._close_engine()
        else:
            self._start_next()
        if current:
            kind, value = question.outcome
            (question.deliver if kind == "result" else question.fail)(value)

    def _close_engine(self) -> None:
        engine, self._engine = self._engine, None
        if engine is not None:
            try:
                engine.close()
            except Exception:  # closing a broken connection: nothing more to do
                pass
