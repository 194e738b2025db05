"""Work on the other core: a job of plain data run in a forked child process, its result handed back
on the UI thread, so that neither the work nor Python's global lock holds up the window.

A worker *thread* would share that lock with the UI thread: three seconds of label placement in a
thread make every drag step in the meantime several times slower. A child forked from the UI thread
has the job's data already (nothing to copy in), runs no Qt at all and ends with ``os._exit``; its
result comes back pickled through a pipe that a socket notifier watches.

Where a fork is not safe or not possible (no ``fork``, not Linux, other Python threads running: a fork
copies only the calling thread, so a lock one of them holds would never be released in the child),
the job runs in a thread as before.

Jobs take turns: as many run at once as there are cores besides the UI thread's, the others wait,
most urgent first (the problems of a file just opened before the places of its labels); an urgent
job that finds the cores taken by less urgent children stops them (SIGSTOP) until it is done.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSocketNotifier, QTimer

CHUNK = 1 << 20
POLL_MS = 40  # the thread fallback: how often to look for the result
URGENT, LATER = 0, 1  # priorities

_running: list[Offloaded] = []
_waiting: list[Offloaded] = []


def can_fork() -> bool:
    return (hasattr(os, "fork") and sys.platform.startswith("linux") and (os.cpu_count() or 1) > 1
            and threading.active_count() == 1)


class Offloaded(QObject):
    """One job running away from the UI thread; ``deliver(result)`` is called on the UI thread when it
    is done (never after :meth:`cancel`, nor once ``owner`` is destroyed). :meth:`wait` blocks for the
    result instead."""

    def __init__(self, owner: QObject | None, job: Callable[[], Any], deliver: Callable[[Any], None],
                 priority: int = LATER) -> None:
        super().__init__()
        if owner is not None:
            owner.destroyed.connect(self.cancel)
        self._job = job
        self._priority = priority
        self._deliver = deliver
        self._done = False
        self._result: dict[str, Any] = {}
        self._pid = 0
        self._fd = -1
        self._chunks: list[bytes] = []
        self._notifier: QSocketNotifier | None = None
        self._thread: threading.Thread | None = None
        self._timer: QTimer | None = None
        self._started = False
        self._paused = False
        _waiting.append(self)
        _waiting.sort(key=lambda waiting: waiting._priority)  # stable: first come first within a priority
        _start_next()

    def _start(self) -> None:
        self._started = True
        _running.append(self)
        job, self._job = self._job, None
        if can_fork():
            try:
                self._fork(job)
                return
            except OSError:
                self._pid = 0  # out of processes or memory: a thread will do
        self._start_thread(job)

    # --- a child process ------------------------------------------------------------------------
    def _fork(self, job: Callable[[], Any]) -> None:
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: run the job, write its pickle, leave without any clean-up of Qt's
            status = 1
            try:
                os.close(read_end)
                gc.disable()  # collecting would only copy pages shared with the window
                try:
                    payload = pickle.dumps(("result", job()), protocol=pickle.HIGHEST_PROTOCOL)
                except Exception as error:  # the window re-raises it in wait(), or drops it
                    payload = pickle.dumps(("error", error), protocol=pickle.HIGHEST_PROTOCOL)
                view = memoryview(payload)
                while view:
                    view = view[os.write(write_end, view[:CHUNK]):]
                status = 0
            finally:
                os._exit(status)
        os.close(write_end)
        self._pid, self._fd = pid, read_end
        os.set_blocking(read_end, False)
        self._notifier = QSocketNotifier(read_end, QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._readable)

    def _readable(self, *_) -> None:
        while True:
            try:
                chunk = os.read(self._fd, CHUNK)
            except BlockingIOError:
                return
            if not chunk:
                break
            self._chunks.append(chunk)
        self._finish_child()
        self._hand_over()

    def _finish_child(self) -> None:
        """The pipe is at its end: take the result and reap the child."""
        if self._notifier is not None:
            self._notifier.setEnabled(False)
            self._notifier.deleteLater()
            self._notifier = None
        os.close(self._fd)
        self._fd = -1
        os.waitpid(self._pid, 0)
        self._pid = 0
        data = b"".join(self._chunks)
        self._chunks = []
        if data:
            kind, value = pickle.loads(data)
            self._result[kind] = value
        else:
            self._result["error"] = RuntimeError("the child process ended without a result")

    # --- a thread, where a child cannot be had --------------------------------------------------
    def _start_thread(self, job: Callable[[], Any]) -> None:
        def target() -> None:
            try:
                self._result["result"] = job()
            except Exception as error:
                self._result["error"] = error

        self._thread = threading.Thread(target=target, name="stakemap-offloaded", daemon=True)
        self._thread.start()
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self._poll)
        self._timer.start()

    def _poll(self) -> None:
        if self._thread is not None and not self._thread.is_alive():
            self._timer.stop()
            self._thread = None
            self._hand_over()

    # --- either way -----------------------------------------------------------------------------
    def _hand_over(self) -> None:
        self._leave()
        if self._done:
            return
        self._done = True
        if "result" in self._result:
            self._deliver(self._result["result"])
        else:
            print(f"Work off the UI thread failed: {self._result.get('error')!r}", file=sys.stderr)

    def _leave(self) -> None:
        """No longer running or waiting: let the next job have the core."""
        for queue in (_running, _waiting):
            if self in queue:
                queue.remove(self)
        _start_next()

    def _pause(self, paused: bool) -> None:
        """Stop the child (it keeps its state) or let it go on."""
        try:
            os.kill(self._pid, signal.SIGSTOP if paused else signal.SIGCONT)
            self._paused = paused
        except ProcessLookupError:
            self._paused = False

    @property
    def running(self) -> bool:
        return not self._done

    def wait(self) -> Any:
        """Block until the job is done and return its result (raise its error); it is not delivered."""
        if not self._started:  # waiting its turn: its turn is now
            _waiting.remove(self)
            self._start()
        if self._pid:
            if self._paused:
                self._pause(False)
            os.set_blocking(self._fd, True)
            while chunk := os.read(self._fd, CHUNK):
                self._chunks.append(chunk)
            self._finish_child()
        elif self._thread is not None:
            self._thread.join()
            self._timer.stop()
            self._thread = None
        self._done = True
        self._leave()
        if "error" in self._result:
            raise self._result["error"]
        return self._result.get("result")

    def cancel(self) -> None:
        """Drop the job: its result is never delivered (a child is stopped at once)."""
        self._done = True
        if self._pid:
            if self._notifier is not None:
                self._notifier.setEnabled(False)
                self._notifier.deleteLater()
                self._notifier = None
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.close(self._fd)
            os.waitpid(self._pid, 0)
            self._pid, self._fd = 0, -1
        if self._timer is not None:
            self._timer.stop()
        self._job = None
        self._leave()


def _start_next() -> None:
    cores = max(1, (os.cpu_count() or 1) - 1)
    urgent = bool(_waiting) and _waiting[0]._priority == URGENT
    active = [job for job in _running if not job._paused]
    if urgent and len(active) >= cores:  # make room: less urgent children wait, stopped
        for job in active:
            if job._priority != URGENT and job._pid and len(active) >= cores:
                job._pause(True)
                active.remove(job)
    while _waiting and len(active) < cores:
        job = _waiting.pop(0)
        job._start()
        active.append(job)
    if not any(job._priority == URGENT for job in active + _waiting):
        for job in _running:
            if job._paused:
                job._pause(False)
