"""Indexing register dumps into a store, a batch of statements at a time, in constant memory.

Re-runnable: a statement already in the store (by statement id) is counted and left as it is, so
indexing the same dump twice changes nothing, and indexing a later dump adds what is new. A record's
current statement is its latest: by ``statementDate``, then by the order statements arrived in; a
0.2/0.3 statement that ``replacesStatements`` takes the place of the ones it names. A statement that
cannot be indexed is counted and listed (file, place, why), and indexing goes on.

>>> import json, os, tempfile
>>> from model.register.engine import connect
>>> folder = tempfile.mkdtemp()
>>> dump = os.path.join(folder, "tiny.jsonl")
>>> _ = open(dump, "w").write(json.dumps({"statementID": "e", "statementType": "entityStatement",
...                                       "name": "Acme"}) + "\\n[]\\n")
>>> report = index_files(connect(os.path.join(folder, "r.sqlite")), [dump])
>>> report.indexed, report.bad, report.problems[0].reason
(1, 1, 'a statement must be an object, not list')
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from model.register.engine import Engine
from model.register.normal import Row
from model.register.reading import open_dump, payloads
from model.register.workers import Outcome, Readers, chunks, workers_for

BATCH = 5000
# statements per transaction: each commit writes every page its batches touched, and new statements
# land all over the indexes (ids, names), so bigger transactions write far less (an interrupted run
# loses the one under way, and the store stays as its last commit)
COMMIT_EVERY = 50_000
STATEMENT_COLUMNS = ("statement_id", "record_id", "kind", "date", "format", "file", "place", "raw")
LINK_COLUMNS = ("record_id", "subject", "party", "ownership", "share_low", "share_high", "start_date",
                "end_date", "closed_date")
PROBLEMS_KEPT = 1000  # in memory for the report; every one is in the store's problems table


@dataclass(frozen=True)
class Problem:
    """A statement that was not indexed: its file, its place in the file, and why."""

    file: str
    place: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file}: {self.place}: {self.reason}" if self.place else f"{self.file}: {self.reason}"


@dataclass(frozen=True)
class Progress:
    """How far indexing has got: the file, its bytes read and size, statements so far, seconds spent."""

    file: str
    done_bytes: int
    total_bytes: int
    statements: int
    seconds: float


@dataclass
class Report:
    """What an indexing run did."""

    read: int = 0  # statements read, good or bad
    indexed: int = 0  # new statements stored
    duplicates: int = 0  # already in the store (same statement id)
    superseded: int = 0  # stored, but a later statement of their record stays current
    bad: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0

    def add_problem(self, problem: Problem) -> None:
        self.bad += 1
        if len(self.problems) < PROBLEMS_KEPT:
            self.problems.append(problem)


class _Indexer:
    """Writes batches of rows, deciding which statement is each record's current one."""

    def __init__(self, engine: Engine, report: Report) -> None:
        self.engine = engine
        self.report = report
        self.seq = (engine.scalar("SELECT MAX(seq) FROM records") or 0) + 1
        self.uncommitted = 0
        self.batch: list[tuple[Row, bytes, str, str]] = []

    def add(self, row: Row, packed: bytes, file: str, place: str) -> None:
        """Keep a statement (its row, its text packed by :func:`~model.register.normal.pack`) to write."""
        self.batch.append((row, packed, file, place))
        if len(self.batch) >= BATCH:
            self.flush()

    def problem(self, problem: Problem) -> None:
        self.report.add_problem(problem)
        self.engine.execute("INSERT INTO problems (file, place, reason) VALUES (?, ?, ?)",
                            (problem.file, problem.place, problem.reason))

    def flush(self) -> None:
        batch, self.batch = self.batch, []
        if not batch:
            return
        engine = self.engine
        ids = list({row.statement_id for row, *_ in batch})
        condition, params = engine.among("statement_id", ids)
        known = {r[0] for r in engine.rows(f"SELECT statement_id FROM statements WHERE {condition}", params)}
        fresh: dict[str, tuple[Row, bytes, str, str]] = {}
        for item in batch:
            if item[0].statement_id in known or item[0].statement_id in fresh:
                self.report.duplicates += 1
            else:
                fresh[item[0].statement_id] = item
        record_ids = list({row.record_id for row, *_ in fresh.values()})
        condition, params = engine.among("record_id", record_ids)
        current = {r[0]: (r[1], r[2]) for r in engine.rows(
            f"SELECT record_id, date, seq FROM records WHERE {condition}", params)}
        existed = set(current)
        winners: dict[str, tuple[Row, int]] = {}
        for row, *_ in fresh.values():
            seq, self.seq = self.seq, self.seq + 1
            if row.record_id in current:  # one of the two statements is superseded: this or the current
                self.report.superseded += 1
                if current[row.record_id] > (row.date, seq):
                    continue
            current[row.record_id] = (row.date, seq)
            winners[row.record_id] = (row, seq)
        self._write(fresh, winners, existed)
        self.report.indexed += len(fresh)
        self.uncommitted += len(batch)
        if self.uncommitted >= COMMIT_EVERY:
            engine.commit()
            self.uncommitted = 0

    def _write(self, fresh: dict, winners: dict[str, tuple[Row, int]], existed: set[str]) -> None:
        engine = self.engine
        engine.insert("statements", STATEMENT_COLUMNS,
                      [(row.statement_id, row.record_id, row.kind, row.date, row.format, file, place,
                        engine.blob(packed)) for row, packed, file, place in fresh.values()])
        _forget(engine, [record_id for record_id in winners if record_id in existed], records=False)
        rows = [row for row, _ in winners.values()]
        engine.many(
            "INSERT INTO records (record_id, statement_id, kind, entity_kind, name, date, seq, closed_date) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO UPDATE SET "
            "statement_id = excluded.statement_id, kind = excluded.kind, "
            "entity_kind = excluded.entity_kind, name = excluded.name, date = excluded.date, "
            "seq = excluded.seq, closed_date = excluded.closed_date",
            [(row.record_id, row.statement_id, row.kind, row.entity_kind, row.names[0] if row.names else "",
              row.date, seq, row.date if row.closed else None) for row, seq in winners.values()])
        engine.add_names([(row.record_id, name) for row in rows for name in row.names])
        engine.insert("identifiers", ("record_id", "scheme", "value"),
                      [(row.record_id, scheme, value) for row in rows for scheme, value in row.identifiers])
        engine.insert("links", LINK_COLUMNS,
                      [(row.record_id, link.subject, link.party, link.ownership, link.share_low,
                        link.share_high, link.start, link.end, row.date if row.closed else None)
                       for row in rows if (link := row.link) is not None])
        replaced = [(old, row.record_id) for row in rows for old in row.replaces]
        if replaced:
            engine.many("INSERT INTO aliases (old_id, new_id) VALUES (?, ?) ON CONFLICT (old_id) DO UPDATE "
                        "SET new_id = excluded.new_id", replaced)
            _forget(engine, [old for old, _ in replaced], records=True)


def _forget(engine: Engine, record_ids: list[str], records: bool) -> None:
    """Remove what the store derived from these records' current statements (their statements stay)."""
    if not record_ids:
        return
    condition, params = engine.among("record_id", record_ids)
    for table in ("names", "identifiers", "links", *(("records",) if records else ())):
        engine.execute(f"DELETE FROM {table} WHERE {condition}", params)


def _follow_aliases(engine: Engine) -> None:
    """Point relationships that name replaced 0.2/0.3 statements at what replaced them."""
    if not engine.scalar("SELECT COUNT(*) FROM aliases"):
        return
    for _ in range(10):  # chains of replacements, a step each time
        changed = 0
        for column in ("subject", "party"):
            cursor = engine.connection.execute(engine.sql(
                f"UPDATE links SET {column} = (SELECT new_id FROM aliases WHERE old_id = links.{column}) "
                f"WHERE {column} IN (SELECT old_id FROM aliases)"))
            changed += max(cursor.rowcount, 0)
        engine.commit()
        if not changed:
            return


def index_files(engine: Engine, paths: Iterable[str], progress: Callable[[Progress], None] | None = None,
                workers: int | None = None) -> Report:
    """Index each dump into the store; a :class:`Report` of what was done and what was not.

    ``workers``: how many processes read statements while this one writes (0: none); by default as
    many as suit the dumps' size and the machine's cores (:func:`model.register.workers.workers_for`).
    """
    paths = [str(path) for path in paths]
    if workers is None:
        workers = workers_for(os.path.getsize(path) for path in paths if os.path.isfile(path))
    report = Report()
    indexer = _Indexer(engine, report)
    started = time.perf_counter()
    readers = Readers(workers)
    try:
        for path in paths:
            engine.execute("DELETE FROM problems WHERE file = ?", (path,))
            _index_file(indexer, readers, path, started, progress)
            indexer.flush()
    finally:
        readers.close()
    _follow_aliases(engine)
    engine.tidy()
    engine.commit()
    report.seconds = time.perf_counter() - started
    return report


def _index_file(indexer: _Indexer, readers: Readers, path: str, started: float,
                progress: Callable[[Progress], None] | None) -> None:
    report = indexer.report
    try:
        stream, raw = open_dump(path)
    except OSError as error:
        indexer.problem(Problem(path, "", f"cannot be read ({error.strerror or error})"))
        return
    total = os.fstat(raw.fileno()).st_size
    try:
        for outcomes, done in readers.read(chunks(payloads(stream, raw))):
            lost = _take(indexer, path, outcomes)
            if progress is not None:
                progress(Progress(path, done, total, report.read, time.perf_counter() - started))
            if lost:  # the rest of the file cannot be read
                break
    except (OSError, EOFError) as error:  # a truncated gzip, a file that vanished
        indexer.problem(Problem(path, f"after statement {report.read}",
                                f"the rest could not be read ({error}); what came before is indexed"))
    finally:
        raw.close()
    if progress is not None:
        progress(Progress(path, total, total, report.read, time.perf_counter() - started))


def _take(indexer: _Indexer, path: str, outcomes: list[Outcome]) -> bool:
    """Index a chunk's statements and list its bad ones; whether the rest of the file is lost."""
    for place, row, packed, fatal in outcomes:
        indexer.report.read += 1
        if row is None:
            indexer.problem(Problem(path, place, packed))
            if fatal:
                return True
        else:
            indexer.add(row, packed, path, place)
    return False
