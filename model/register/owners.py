"""Who ultimately owns a company in a register store: look-through on the owners fetched from it.

:func:`ultimate_owners` walks up from the company (its owners, their owners... up to ``DEPTH`` hops),
reads that piece as a document whose facts cite their statements
(:func:`~model.register.piece.piece_document`), and runs the same interval maths a project file
goes through (:mod:`model.lookthrough`): every holder with its effective stake, verdict and chains.
Only the piece is read, never the whole register, so the answer takes milliseconds on millions of
statements. :func:`open_store` opens an existing store for reading, refusing files that are not one.

>>> import json, os, tempfile
>>> from model.register.engine import connect
>>> from model.register.indexing import index_files
>>> folder = tempfile.mkdtemp()
>>> dump = os.path.join(folder, "tiny.jsonl")
>>> def entity(record, name, kind="entity"):
...     details = ({"personType": "knownPerson", "names": [{"fullName": name}]} if kind == "person" else
...                {"entityType": {"type": "registeredEntity"}, "name": name})
...     return {"statementId": f"s-{record}", "recordId": record, "recordType": kind,
...             "statementDate": "2024-01-01", "recordDetails": details}
>>> def stake(record, held, holder, low, high):
...     return {"statementId": f"s-{record}", "recordId": record, "recordType": "relationship",
...             "statementDate": "2024-01-01", "recordDetails": {
...                 "subject": held, "interestedParty": holder, "interests": [{
...                     "type": "shareholding", "share": {"minimum": low, "maximum": high}}]}}
>>> lines = [entity("p", "Pat Lee", "person"), entity("a", "Acme Holdings"), entity("b", "Beta Bank"),
...          stake("r1", "a", "p", 50, 75), stake("r2", "b", "a", 75, 100)]
>>> _ = open(dump, "w").write("\\n".join(json.dumps(line) for line in lines))
>>> store = os.path.join(folder, "register.sqlite")
>>> _ = index_files(connect(store), [dump])
>>> answer = ultimate_owners(open_store(store), "b")
>>> [(row["owner"], row["effective"], row["ultimate"]) for row in answer.rows]
[('Acme Holdings', '75-100%', False), ('Pat Lee', '37.5-75%', True)]
>>> answer.ultimate
['Pat Lee']
"""

from __future__ import annotations

import datetime
import os
import sqlite3
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

from model.document import Document
from model.errors import LoadError
from model.register.engine import Engine, connect, is_postgres
from model.register.piece import piece_document
from model.register.queries import Neighbourhood, neighbourhood

DEPTH = 12  # hops up: deeper than any chain a register holds (the UK's longest are about 10)
CAP = 10_000  # entities: a company's owners' owners rarely number more than a few dozen
SQLITE_MAGIC = b"SQLite format 3\x00"
STORE_SUFFIXES = (".sqlite", ".sqlite3", ".db")


@dataclass
class Owners:
    """The look-through of one company from a store: its holders, and what they were computed on.

    ``rows`` are :func:`model.lookthrough.report.lookthrough_rows` (owner, effective, verdict,
    ultimate, direct, paths...), biggest first; ``document`` the piece they were computed on and
    ``subject_id`` the company's id in it; ``result`` the look-through, for JSON with the chains.
    """

    subject_id: str
    document: Document
    piece: Neighbourhood
    result: Any  # model.lookthrough.stakes.LookThrough
    rows: list[dict]
    threshold: float
    as_of: str | None = None
    warnings: list[str] = field(default_factory=list)

    @property
    def ultimate(self) -> list[str]:
        """The names of the ultimate owners (persons, or holders nobody is known to own)."""
        return [row["owner"] for row in self.rows if row["ultimate"]]


def ultimate_owners(engine: Engine, record_id: str, as_of: str | datetime.date | None = None,
                    threshold: float | None = None, depth: int = DEPTH, cap: int = CAP) -> Owners:
    """Every direct and indirect holder of a record (a company's record id), with intervals and verdicts.

    ``threshold`` is the verdict's percent (25 unless given); ``as_of`` a day ('YYYY-MM-DD') for
    the relationships in force then, else today's. Raises :class:`~model.errors.StakemapError`
    subclasses: an unknown record, a bad date, a cycle with no finite answer.
    """
    from model.lookthrough import report
    from model.lookthrough.stakes import DEFAULT_THRESHOLD, compute

    threshold = DEFAULT_THRESHOLD if threshold is None else threshold
    piece = neighbourhood(engine, record_id, depth, "up", as_of, cap)
    doc, warnings = piece_document(engine, piece)
    subject_id = _entity_of(doc, record_id)
    result = compute(doc, as_of)
    rows = report.lookthrough_rows(doc, subject_id, threshold, as_of, result)
    return Owners(subject_id, doc, piece, result, rows, threshold, None if as_of is None else str(as_of),
                  warnings)


def _entity_of(doc: Document, record_id: str) -> str:
    """The id the piece gives the record's entity (the record id, as the BODS and FtM readers keep it)."""
    if doc.has_entity(record_id):
        return record_id
    raise LoadError("register", "", f"the record '{record_id}' is not an entity or a person the store holds")


def is_store_address(address: str) -> bool:
    """Whether a command-line argument names a register store rather than a project or data file:
    a ``postgresql://`` address, a file with a store's extension, or any SQLite database.

    >>> is_store_address("postgresql://db/register"), is_store_address("x.sqlite")
    (True, True)
    >>> is_store_address("project.stakemap.json")
    False
    """
    if is_postgres(address) or address.lower().endswith(STORE_SUFFIXES):
        return True
    try:
        with open(address, "rb") as handle:
            return handle.read(len(SQLITE_MAGIC)) == SQLITE_MAGIC
    except OSError:
        return False


def open_store(address: str) -> Engine:
    """An existing store to read, at a path or a ``postgresql://`` address.

    Unlike :func:`~model.register.engine.connect` it makes nothing: a missing file, a file that is
    not SQLite, or a SQLite database of another program raises :class:`LoadError` saying so.
    """
    if not is_postgres(address):
        check_store_file(address, must_exist=True)
    return connect(address)


def check_store_file(path: str, must_exist: bool) -> None:
    """Raise :class:`LoadError` unless ``path`` is a register store (or, when not ``must_exist``,
    absent or empty, so that indexing may make one there)."""
    if not os.path.exists(path) or (not must_exist and os.path.isfile(path) and not os.path.getsize(path)):
        if must_exist:
            raise LoadError(path, "", "no such register store (make one with: stakemap index DUMP... -o "
                                      f"{path})")
        return
    try:
        with open(path, "rb") as handle:
            head = handle.read(len(SQLITE_MAGIC))
    except OSError as error:
        raise LoadError(path, "", f"cannot be read ({error.strerror or error})") from None
    if head != SQLITE_MAGIC:
        raise LoadError(path, "", "not a register store (a store is a SQLite file made by stakemap index)")
    if not _holds_register(path):
        raise LoadError(path, "", "a SQLite database, but not a register store (it has no register tables)")


def _holds_register(path: str) -> bool:
    """Whether a SQLite file has the store's tables, looked at read-only (nothing is written)."""
    address = "file:" + urllib.parse.quote(os.path.abspath(path)) + "?mode=ro"
    try:
        connection = sqlite3.connect(address, uri=True)
        try:
            return bool(connection.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").fetchone()
                and connection.execute("SELECT 1 FROM meta WHERE key = 'schema'").fetchone())
        finally:
            connection.close()
    except sqlite3.Error:
        return False
