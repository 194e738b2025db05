"""Long work off the UI thread: a worker thread, and a progress dialog that can cancel the wait."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QProgressDialog, QWidget

from model.errors import StakemapError

from .offload import Offloaded


class Cancelled(Exception):
    """The user cancelled the wait; the work's result will be dropped."""


def run_with_progress(parent: QWidget | None, label: str, work: Callable[[], Any]) -> Any:
    """Run ``work`` in a thread while the UI stays live; return its result or raise its exception.

    Raises Cancelled when the user presses Cancel first (the thread finishes on its own and its
    result is thrown away; the work must not touch Qt objects).
    """
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed to the UI thread below
            outcome["error"] = error

    thread = threading.Thread(target=target, name="stakemap-work", daemon=True)
    thread.start()
    thread.join(0.25)  # quick jobs finish without a dialog flashing up
    if thread.is_alive():
        dialog = QProgressDialog(label, "Cancel", 0, 0, parent)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        loop = QEventLoop()
        timer = QTimer(interval=30)
        timer.timeout.connect(lambda: loop.quit() if not thread.is_alive() else None)
        dialog.canceled.connect(loop.quit)
        timer.start()
        dialog.show()
        loop.exec()
        timer.stop()
        cancelled = dialog.wasCanceled() and thread.is_alive()
        dialog.close()
        if cancelled:
            raise Cancelled(label)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def run_or_tell(window, label: str, work: Callable[[], Any], cannot: str, cancelled: str) -> Any:
    """:func:`run_with_progress`, telling the user when it does not finish: a cancel in the status bar
    (``cancelled``), a bad file or input as an error titled ``cannot``. None then; nothing changed."""
    try:
        return run_with_progress(window, label, work)
    except Cancelled:
        window.statusBar().showMessage(cancelled, 5000)
    except (StakemapError, OSError) as error:
        window.show_error(cannot, str(error))
    return None


class Labeller:
    """Runs a picture's label job away from the UI thread (:mod:`gui.offload`) and hands the labels back
    on the UI thread.

    Only the latest job counts: starting another, or none, drops what an earlier one would bring.
    """

    def __init__(self, parent, deliver: Callable[[dict], None]) -> None:
        self._parent = parent
        self._deliver = deliver
        self._running: Offloaded | None = None

    def start(self, job) -> None:
        if self._running is not None:
            self._running.cancel()
            self._running = None
        if job is not None:
            self._running = Offloaded(self._parent, job.run, self._take)

    def _take(self, labels: dict) -> None:
        self._running = None
        self._deliver(labels)

    @property
    def pending(self) -> bool:
        return self._running is not None and self._running.running

    def wait(self) -> dict | None:
        """The pending job's labels, waiting for them; None when nothing is pending."""
        if self._running is None:
            return None
        running, self._running = self._running, None
        return running.wait()
