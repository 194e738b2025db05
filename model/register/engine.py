"""The two database engines behind the register store: SQLite (standard library) and PostgreSQL.

One schema, written once with the few words that differ filled in per engine; :class:`Engine` hides
the rest (placeholders, lists of values, full-text search). Tables:

* ``statements``: every statement indexed, by statement id, with its record and the raw statement
  (zlib-compressed JSON) for provenance;
* ``records``: each record's current statement (the latest by date, then by arrival);
* ``names`` (with a full-text index) and ``identifiers``: the names and identifiers of entities and
  persons;
* ``links``: relationships, indexed from both ends, with share range, dates and closing date;
* ``aliases``: 0.2/0.3 statement ids replaced by later statements, and what replaced them;
* ``problems``: statements that could not be indexed, and why.

>>> engine = connect(":memory:")
>>> engine.scalar("SELECT COUNT(*) FROM records")
0
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any

from model.errors import LoadError

SCHEMA_VERSION = "1"

TABLES = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS statements (
    statement_id TEXT PRIMARY KEY, record_id TEXT NOT NULL, kind TEXT NOT NULL, date TEXT NOT NULL,
    format TEXT NOT NULL, file TEXT NOT NULL, place TEXT NOT NULL, raw {blob} NOT NULL);
CREATE INDEX IF NOT EXISTS statements_record ON statements (record_id);
CREATE TABLE IF NOT EXISTS records (
    record_id TEXT PRIMARY KEY, statement_id TEXT NOT NULL, kind TEXT NOT NULL, entity_kind TEXT NOT NULL,
    name TEXT NOT NULL, date TEXT NOT NULL, seq BIGINT NOT NULL, closed_date TEXT);
CREATE TABLE IF NOT EXISTS names (name_id {serial}, record_id TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS names_record ON names (record_id);
CREATE INDEX IF NOT EXISTS names_lower ON names (lower(name));
CREATE TABLE IF NOT EXISTS identifiers (record_id TEXT NOT NULL, scheme TEXT NOT NULL, value TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS identifiers_value ON identifiers (value);
CREATE INDEX IF NOT EXISTS identifiers_record ON identifiers (record_id);
CREATE TABLE IF NOT EXISTS links (
    record_id TEXT PRIMARY KEY, subject TEXT NOT NULL, party TEXT, ownership {boolean} NOT NULL,
    share_low REAL, share_high REAL, start_date TEXT, end_date TEXT, closed_date TEXT);
CREATE INDEX IF NOT EXISTS links_subject ON links (subject);
CREATE INDEX IF NOT EXISTS links_party ON links (party);
CREATE TABLE IF NOT EXISTS aliases (old_id TEXT PRIMARY KEY, new_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS problems (file TEXT NOT NULL, place TEXT NOT NULL, reason TEXT NOT NULL);
"""

# prefix indexes: the first letters typed in a search box match tens of thousands of words
SQLITE_SEARCH = """
CREATE VIRTUAL TABLE IF NOT EXISTS names_fts USING fts5(
    name, content='names', content_rowid='name_id', tokenize='unicode61 remove_diacritics 2',
    prefix='1 2 3');
DROP TRIGGER IF EXISTS names_added;
CREATE TRIGGER IF NOT EXISTS names_removed AFTER DELETE ON names BEGIN
    INSERT INTO names_fts (names_fts, rowid, name) VALUES ('delete', old.name_id, old.name); END;
"""



def _accent_table() -> tuple[str, str]:
    """Latin letters bearing accents and the letters beneath them ('é' and 'e'), for PostgreSQL's search.

    >>> accented, plain = _accent_table()
    >>> "Société Générale Øresund".translate(str.maketrans(accented, plain))
    'Societe Generale Oresund'
    """
    accented, plain = "ØøŁłĐđÐðĦħŦŧ", "OoLlDdDdHhTt"  # letters with a stroke do not decompose
    for code in range(0xC0, 0x250):
        letter = chr(code)
        base = unicodedata.normalize("NFKD", letter)[0]
        if base != letter and base.isascii() and base.isalpha():
            accented, plain = accented + letter, plain + base
    return accented, plain


ACCENTED, PLAIN = _accent_table()
UNACCENT = str.maketrans(ACCENTED, PLAIN)
# PostgreSQL's 'simple' search keeps accents; translate() (built in, immutable, so it can be indexed)
# takes them off, as SQLite's remove_diacritics does: "Societe" finds "Société" on both engines.
POSTGRES_WORDS = f"to_tsvector('simple', translate(name, '{ACCENTED}', '{PLAIN}'))"
POSTGRES_SEARCH = f"""
CREATE INDEX IF NOT EXISTS names_unaccented ON names USING GIN ({POSTGRES_WORDS});
"""

RANKED = 2000  # matches of a name search ranked, at most
_WORD = re.compile(r"\w+", re.UNICODE)


def is_postgres(address: str) -> bool:
    """Whether a store address names a PostgreSQL server rather than a SQLite file.

    >>> is_postgres("postgresql://me@db/register"), is_postgres("register.sqlite")
    (True, False)
    """
    return address.startswith(("postgresql://", "postgres://"))


def connect(address: str) -> Engine:
    """Open (creating where needed) the store at a SQLite path or a ``postgresql://`` address."""
    engine = _Postgres(address) if is_postgres(address) else _Sqlite(address)
    engine.create_schema()
    return engine


class Engine:
    """A connection and the words of its SQL dialect."""

    name = ""
    mark = "?"  # the placeholder

    def __init__(self, address: str) -> None:
        self.address = address
        self.connection: Any = None

    def sql(self, text: str) -> str:
        """SQL written with ``?`` placeholders, in this engine's."""
        return text if self.mark == "?" else text.replace("?", self.mark)

    def rows(self, text: str, params: Sequence = ()) -> list[tuple]:
        return self.connection.execute(self.sql(text), tuple(params)).fetchall()

    def scalar(self, text: str, params: Sequence = ()) -> Any:
        row = self.connection.execute(self.sql(text), tuple(params)).fetchone()
        return row[0] if row else None

    def execute(self, text: str, params: Sequence = ()) -> None:
        self.connection.execute(self.sql(text), tuple(params))

    def many(self, text: str, rows: Iterable[Sequence]) -> None:
        rows = list(rows)
        if rows:
            self.connection.cursor().executemany(self.sql(text), rows)

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
        """Add rows to a table, many at once."""
        marks = ", ".join("?" * len(columns))
        self.many(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def among(self, column: str, values: Sequence[str]) -> tuple[str, list]:
        """A condition 'column is one of values', and its parameters."""
        return f"{column} IN ({','.join('?' * len(values))})", list(values)

    def commit(self) -> None:
        self.connection.commit()

    def close(self) -> None:
        self.connection.close()

    def create_schema(self) -> None:
        raise NotImplementedError

    def name_matches(self, words: list[str], limit: int) -> list[tuple[str, str]]:
        """(record id, name form) of names holding every word (the last one as a prefix), best first.

        Only the first :data:`RANKED` matches are ranked: a word or two letters long matches a good
        part of a register, and ranking them all would take a second where the user is still typing.
        """
        raise NotImplementedError

    def add_names(self, names: Sequence[tuple[str, str]]) -> None:
        """Store (record id, name form) pairs, searchable by their words."""
        self.insert("names", ("record_id", "name"), names)

    def blob(self, data: bytes) -> Any:
        return data

    def tidy(self) -> None:
        """After indexing: fresh statistics, so that queries are planned for the store's size."""
        self.execute("ANALYZE")


class _Sqlite(Engine):
    name = "sqlite"

    def __init__(self, address: str) -> None:
        super().__init__(address)
        try:
            self.connection = sqlite3.connect(address, isolation_level="DEFERRED", check_same_thread=False)
            self.connection.execute("PRAGMA journal_mode=WAL")
            self.connection.execute("PRAGMA synchronous=NORMAL")
            self.connection.execute("PRAGMA cache_size=-200000")  # 200 MB of pages at most
        except sqlite3.Error as error:
            raise LoadError(address, "", f"cannot open as a register store ({error})") from None

    def create_schema(self) -> None:
        try:
            self.connection.executescript(TABLES.format(blob="BLOB", serial="INTEGER PRIMARY KEY",
                                                        boolean="INTEGER") + SQLITE_SEARCH)
            _check_version(self)
        except sqlite3.DatabaseError as error:
            raise LoadError(self.address, "", f"not a register store ({error})") from None

    def add_names(self, names: Sequence[tuple[str, str]]) -> None:
        # into the full-text index a batch at a time: a trigger per row costs four times as much
        last = self.scalar("SELECT MAX(name_id) FROM names") or 0
        super().add_names(names)
        self.execute("INSERT INTO names_fts (rowid, name) SELECT name_id, name FROM names WHERE name_id > ?",
                     (last,))

    def name_matches(self, words: list[str], limit: int) -> list[tuple[str, str]]:
        query = " ".join(f'"{w}"' for w in words[:-1]) + f' "{words[-1]}"*'
        return self.rows("SELECT n.record_id, n.name FROM (SELECT rowid, rank FROM names_fts WHERE names_fts "
                         "MATCH ? LIMIT ?) f JOIN names n ON n.name_id = f.rowid ORDER BY f.rank LIMIT ?",
                         (query.strip(), RANKED, limit))


class _Postgres(Engine):
    name = "postgresql"
    mark = "%s"

    def __init__(self, address: str) -> None:
        super().__init__(address)
        try:
            import psycopg
        except ImportError:
            raise LoadError(_safe(address), "",
                            "PostgreSQL stores need psycopg: pip install 'psycopg[binary]'") from None
        try:
            self.connection = psycopg.connect(address, connect_timeout=10)
        except psycopg.Error as error:
            raise LoadError(_safe(address), "", f"cannot connect ({str(error).strip()})") from None

    def create_schema(self) -> None:
        import psycopg

        try:
            with self.connection.transaction():
                for statement in (TABLES.format(blob="BYTEA", serial="BIGSERIAL PRIMARY KEY",
                                                boolean="BOOLEAN") + POSTGRES_SEARCH).split(";"):
                    if statement.strip():
                        self.connection.execute(statement)
            _check_version(self)
            self.connection.commit()
        except psycopg.Error as error:
            raise LoadError(_safe(self.address), "", f"cannot make the register tables ({error})") from None

    def insert(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
        # COPY: rows streamed in one command, several times faster than an INSERT per row
        with self.connection.cursor().copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def among(self, column: str, values: Sequence[str]) -> tuple[str, list]:
        return f"{column} = ANY(?)", [list(values)]

    def tidy(self) -> None:
        # names just added wait in the full-text index's pending list, which every search reads
        # through (12 ms on 100,000 statements) until a vacuum merges it: merge it now
        self.execute("SELECT gin_clean_pending_list('names_unaccented'::regclass)")
        super().tidy()

    def name_matches(self, words: list[str], limit: int) -> list[tuple[str, str]]:
        words = [word.translate(UNACCENT) for word in words]
        query = " & ".join(words[:-1] + [f"{words[-1]}:*"])
        return self.rows("SELECT record_id, name FROM (SELECT record_id, name FROM names "
                         f"WHERE {POSTGRES_WORDS} @@ to_tsquery('simple', ?) LIMIT ?) m "
                         "ORDER BY length(name) LIMIT ?",
                         (query, RANKED, limit))


def _check_version(engine: Engine) -> None:
    version = engine.scalar("SELECT value FROM meta WHERE key = 'schema'")
    if version is None:
        engine.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
        engine.commit()
    elif version != SCHEMA_VERSION:
        raise LoadError(_safe(engine.address), "", f"a register store of version {version}; this Stakemap "
                        f"reads version {SCHEMA_VERSION}: index the dumps again into a new store")


def _safe(address: str) -> str:
    """A server address without its password, for messages."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", address)


def words_of(text: str) -> list[str]:
    """The words a name search looks for.

    >>> words_of("Acme (UK) Holdings-Ltd")
    ['acme', 'uk', 'holdings', 'ltd']
    """
    return [w.lower() for w in _WORD.findall(text)]
