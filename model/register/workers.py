"""Reading a dump's statements in other processes while the indexer writes, in file order.

Reading a statement (its JSON, then the BODS or FollowTheMoney reader, then packing its text) costs
more than writing it to the store. On a big dump, worker processes each take a chunk of statements
and hand back what the store keeps of them (:func:`read_chunk`), while the indexing process writes
the chunks before, in order, so the store ends up exactly as if one process had done it all. A
small dump is read in the indexing process by the same function: starting workers would cost more
than it saves.

>>> [(place, row.record_id if row else why) for place, row, why, _ in read_chunk(
...     [("line 1", b'{"statementID": "e", "statementType": "entityStatement", "name": "Acme"}'),
...      ("line 2", b'[]')])]
[('line 1', 'e'), ('line 2', 'a statement must be an object, not list')]
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from model.errors import InvalidValueError
from model.register.normal import Row, normalise, pack
from model.register.reading import Broken, parse_line

CHUNK = 2000  # statements handed to a worker at a time
PARALLEL_BYTES = 16 * 2**20  # dumps smaller than this together are read in the indexing process
MOST_WORKERS = 4

# (place, row or None, the packed statement or why it could not be read, whether the rest is lost)
Outcome = tuple[str, Row | None, bytes | str, bool]


def read_chunk(chunk: list[tuple[str, Any]]) -> list[Outcome]:
    """What the store keeps of each statement: a JSON Lines line (bytes) or an array's element."""
    out: list[Outcome] = []
    for place, payload in chunk:
        item = parse_line(payload, place == "line 1") if isinstance(payload, bytes) else payload
        if isinstance(item, Broken):
            out.append((place, None, item.reason, item.fatal))
            if item.fatal:
                break
            continue
        try:
            row = normalise(item, place)
        except InvalidValueError as error:
            out.append((place, None, str(error), False))
            continue
        out.append((place, row, pack(payload if isinstance(payload, bytes) else item), False))
    return out


def chunks(payloads: Iterable[tuple[str, Any, int]], size: int = CHUNK) -> Iterator[tuple[list, int]]:
    """(chunk of (place, payload), bytes of the file read by its end) from :func:`reading.payloads`."""
    chunk: list[tuple[str, Any]] = []
    done = 0
    try:
        for place, payload, done in payloads:
            chunk.append((place, payload))
            if len(chunk) >= size:
                yield chunk, done
                chunk = []
    except (OSError, EOFError):  # a truncated file: what was read before still counts
        if chunk:
            yield chunk, done
        raise
    if chunk:
        yield chunk, done


def workers_for(sizes: Iterable[int]) -> int:
    """How many worker processes suit dumps of these sizes on this machine (0: read here)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    if cores < 2 or sum(sizes) < PARALLEL_BYTES:
        return 0
    return min(cores, MOST_WORKERS)


def _ignore_interrupts() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is the indexing process's to handle


class Readers:
    """Worker processes reading chunks (none: each chunk is read here, when its turn comes)."""

    def __init__(self, workers: int) -> None:
        self.pool = None
        if workers > 0:  # spawned, not forked: the window may be running threads
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_ignore_interrupts)
        self.window = 2 * workers + 1  # chunks in flight: enough to keep every worker busy, no more

    def read(self, chunked: Iterable[tuple[list, int]]) -> Iterator[tuple[list[Outcome], int]]:
        """(outcomes of a chunk, bytes read by its end), chunk by chunk in file order.

        A file that cannot be read further (OSError, EOFError) still gives every chunk read before,
        then raises.
        """
        if self.pool is None:
            for chunk, done in chunked:
                yield read_chunk(chunk), done
            return
        pending: deque[tuple[Future, int]] = deque()
        failure: Exception | None = None
        try:
            try:
                for chunk, done in chunked:
                    pending.append((self.pool.submit(read_chunk, chunk), done))
                    if len(pending) >= self.window:
                        future, at = pending.popleft()
                        yield future.result(), at
            except (OSError, EOFError) as error:
                failure = error
            while pending:
                future, at = pending.popleft()
                yield future.result(), at
        finally:
            for future, _ in pending:  # the reader stopped early (a fatal statement, an interrupt)
                future.cancel()
        if failure is not None:
            raise failure

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
