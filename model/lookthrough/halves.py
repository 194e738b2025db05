"""Writing a long run of text in two processes: the first part here, the rest in a forked child.

The look-through of a whole big file spends most of its time walking chains and making text, one
subject after the other, each independent of the others. With two cores, a child forked once the
look-through is computed writes the second half of the subjects into a temporary file while this
process writes the first half to the output; the child's file then follows. The text is the same,
byte for byte, as one process would write: each half is written by the same code, in order.

Whenever the split cannot be made safely, one process writes everything, as before: no ``fork``
(Windows), a single core, other threads running (a fork copies only the calling thread), an output
that is not a file with an encoding (a ``StringIO``), or too little work to be worth it. When the
child fails, this process writes the second half itself.

>>> import io
>>> out = io.StringIO()
>>> def write(items, out, first):
...     out.write("".join(("" if first and not k else ",") + item for k, item in enumerate(items)))
>>> write_in_two(["a", "b", "c"], [1, 1, 1], out, write)  # a StringIO: one process
>>> out.getvalue()
'a,b,c'
"""

from __future__ import annotations

import io
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Sequence
from typing import TextIO

import numpy as np

# Below this much work (the sum of the weights: holders, for the look-through) the fork's own
# cost, some tens of milliseconds, is more than what it saves.
MIN_WORK = 20_000

# write(items, out, first): writes items to out; ``first`` when they open the run.
Writer = Callable[[Sequence, TextIO, bool], None]


def write_in_two(items: Sequence, weights: Sequence[float], out: TextIO, write: Writer) -> None:
    """``write(items, out, True)``, with the work shared between two processes when that is
    possible and worth it; ``weights`` says how much work each item is."""
    split = _split(weights)
    child = spill = None
    if split is not None and _can_fork(out):
        try:
            spill = tempfile.TemporaryFile()
            out.flush()  # the child must not inherit text still to be written
            child = os.fork()
        except OSError:  # no room for the file, or no process to be had: one process, then
            if spill is not None:
                spill.close()
    if child is None:
        write(items, out, True)
        return
    if child == 0:
        _child(items[split:], out, write, spill)
    with spill:
        try:
            write(items[:split], out, True)
        except BaseException:
            _stop(child)
            raise
        _, status = os.waitpid(child, 0)
        if os.waitstatus_to_exitcode(status) != 0:  # the child failed: write its half here
            write(items[split:], out, False)
            return
        out.flush()
        spill.seek(0)
        shutil.copyfileobj(spill, out.buffer, 1 << 20)


def _split(weights: Sequence[float]) -> int | None:
    """Where the work halves: the first item of the second half; None when not worth splitting."""
    totals = np.cumsum(np.asarray(weights, dtype=float))
    if len(totals) < 2 or totals[-1] < MIN_WORK:
        return None
    return min(max(int(np.searchsorted(totals, totals[-1] / 2)) + 1, 1), len(totals) - 1)


def _can_fork(out: TextIO) -> bool:
    if not hasattr(os, "fork") or (os.cpu_count() or 1) < 2 or threading.active_count() > 1:
        return False
    try:
        out.buffer  # noqa: B018  a text file over bytes: the child's bytes can follow
        return bool(out.encoding)
    except AttributeError:
        return False


def _child(items: Sequence, out: TextIO, write: Writer, spill) -> None:
    """In the forked child: write the items into ``spill`` as ``out`` would encode them; never
    returns (``os._exit``: no clean-up of the parent's that the child inherited runs twice)."""
    code = 1
    try:
        text = io.TextIOWrapper(spill, encoding=out.encoding, errors=out.errors)
        write(items, text, False)
        text.flush()
        code = 0
    except BaseException:  # noqa: BLE001  the parent writes this half itself
        pass
    finally:
        os._exit(code)


def _stop(child: int) -> None:
    """End the child and reap it: the parent failed (a closed pipe, Ctrl-C), nobody will read it."""
    try:
        os.kill(child, signal.SIGKILL)
        os.waitpid(child, 0)
    except OSError:
        pass
