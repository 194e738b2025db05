"""The register store on the command line: index dumps, write a company's neighbourhood, look through.

    stakemap index DUMP... -o register.sqlite      index BODS / FollowTheMoney dumps (again: adds)
    stakemap index DUMP... --db postgresql://...   the same into PostgreSQL
    stakemap neighbourhood STORE NAME -o OUT       the piece around NAME, written as ``export`` would
    stakemap lookthrough STORE --subject NAME      ultimate owners (see :func:`lookthrough_store`)

STORE is a SQLite file made by ``stakemap index`` or a ``postgresql://`` address. A bad statement
is counted and listed, never fatal; an unreadable file or address exits 2 with a message.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from model.errors import StakemapError

PROJECT = ".stakemap.json"  # besides what stakemap export writes, a piece may be saved as a project
PROBLEMS_SHOWN = 10
PLAIN_EVERY = 5.0  # seconds between progress lines when stderr is not a terminal
BAR_EVERY = 0.2  # seconds between redraws of the bar on a terminal


def add_parsers(sub, add_picture_options: Callable[[argparse.ArgumentParser], None]) -> None:
    """The ``index`` and ``neighbourhood`` commands (``lookthrough`` takes a store as its FILE)."""
    index = sub.add_parser("index", help="index register dumps (BODS, FollowTheMoney; JSON Lines or "
                                         "arrays, gzip or not) into a store; run again to add more")
    index.add_argument("dumps", nargs="+", metavar="DUMP")
    where = index.add_mutually_exclusive_group(required=True)
    where.add_argument("-o", "--output", metavar="STORE", help="the SQLite store to make or add to")
    where.add_argument("--db", metavar="postgresql://...", help="a PostgreSQL database instead")
    index.set_defaults(run=cmd_index)
    near = sub.add_parser("neighbourhood", help="write the piece of a register store around an entity; "
                                                "the format follows OUT's extension")
    near.add_argument("store", metavar="STORE", help="a store made by stakemap index, or postgresql://...")
    near.add_argument("name", metavar="NAME",
                      help="a name, an identifier (LEI, company number) or a record id")
    near.add_argument("-o", "--output", required=True, metavar="OUT")
    near.add_argument("--hops", type=_hops, default=2, help="relationships away from NAME (default 2)")
    way = near.add_mutually_exclusive_group()
    way.add_argument("--up", dest="direction", action="store_const", const="up", help="owners only")
    way.add_argument("--down", dest="direction", action="store_const", const="down", help="holdings only")
    near.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="what was in force on that day")
    near.add_argument("--cap", type=_cap, default=500, help="at most this many entities, nearest first "
                                                            "(default 500)")
    near.set_defaults(run=cmd_neighbourhood, direction="both")
    add_picture_options(near)


def _hops(text: str) -> int:
    return _whole(text, 0, 50, "hops")


def _cap(text: str) -> int:
    return _whole(text, 1, 1_000_000, "the cap")


def _whole(text: str, low: int, high: int, what: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
    if not low <= value <= high:
        raise argparse.ArgumentTypeError(f"{what} must be between {low:,} and {high:,}")
    return value


def _fail(message: str) -> int:
    print(f"stakemap: {message}", file=sys.stderr)
    return 2


# --- index --------------------------------------------------------------------------------------------
class ProgressLine:
    """Indexing's progress on stderr: a bar redrawn in place on a terminal, a plain line every few
    seconds otherwise. Time left comes from the bytes read of all the dumps."""

    def __init__(self, paths: list[str], out: TextIO) -> None:
        self.sizes = {path: os.path.getsize(path) for path in paths}
        self.total = sum(self.sizes.values()) or 1
        self.done_before = {path: sum(list(self.sizes.values())[:n]) for n, path in enumerate(self.sizes)}
        self.out = out
        self.terminal = out.isatty()
        self.shown = 0.0 if self.terminal else time.monotonic()  # a plain line only once it is worth one
        self.drawn = False

    def __call__(self, progress) -> None:
        now = time.monotonic()
        if now - self.shown < (BAR_EVERY if self.terminal else PLAIN_EVERY):
            return
        self.shown = now
        fraction = min((self.done_before.get(progress.file, 0) + progress.done_bytes) / self.total, 1.0)
        rate = progress.statements / progress.seconds if progress.seconds else 0.0
        left = progress.seconds * (1 - fraction) / fraction if fraction else None
        text = (f"{progress.statements:,} statements, {rate:,.0f}/s, {fraction:.0%}, "
                f"{_duration(left)} left" if left is not None else f"{progress.statements:,} statements")
        if self.terminal:
            filled = int(fraction * 30)
            self.out.write(f"\r[{'#' * filled}{'.' * (30 - filled)}] {text}   ")
            self.drawn = True
        else:
            self.out.write(f"stakemap: indexing: {text}\n")
        self.out.flush()

    def end(self) -> None:
        if self.drawn:
            self.out.write("\n")
            self.drawn = False


def _duration(seconds: float) -> str:
    """A time left as people read it.

    >>> _duration(42.4), _duration(125), _duration(3725)
    ('42 s', '2:05', '1:02:05')
    """
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds} s"
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}" if hours else f"{rest // 60}:{rest % 60:02d}"


def cmd_index(args: argparse.Namespace) -> int:
    from model.register.engine import _safe, connect
    from model.register.indexing import index_files
    from model.register.owners import check_store_file

    for path in args.dumps:
        if not os.path.isfile(path) or not os.access(path, os.R_OK):
            why = "no such file" if not os.path.exists(path) else "not a readable file"
            return _fail(f"{path}: {why}; nothing was indexed")
    address = args.db or args.output
    shown = _safe(address)  # never a password in what is printed
    try:
        if not args.db:
            check_store_file(address, must_exist=False)
        engine = connect(address)
    except StakemapError as error:
        return _fail(str(error))
    before = engine.scalar("SELECT COUNT(*) FROM statements")
    progress = ProgressLine(args.dumps, sys.stderr)
    try:
        report = index_files(engine, args.dumps, progress)
    except KeyboardInterrupt:
        progress.end()
        return _interrupted(engine, before, shown)
    except StakemapError as error:
        progress.end()
        return _fail(str(error))
    progress.end()
    engine.close()
    _summary(report, shown)
    if not report.indexed and not report.duplicates:
        print("stakemap: no statement could be read from " + ", ".join(args.dumps), file=sys.stderr)
        return 1
    return 0


def _interrupted(engine, before: int, address: str) -> int:
    """Ctrl+C: the batch under way is dropped (each batch is one transaction); say what is in."""
    try:
        engine.connection.rollback()
        now = engine.scalar("SELECT COUNT(*) FROM statements")
        engine.close()
    except Exception:  # noqa: BLE001 - the store is left as its last commit, whatever went wrong here
        now = before
    print(f"\nstakemap: interrupted: {now - before:,} new statements are in {address}; the store is "
          "consistent (run the same command again to index the rest)", file=sys.stderr)
    return 130


def _summary(report, address: str) -> None:
    print(f"indexed {report.indexed:,} new statements into {address} in {report.seconds:,.1f} s: "
          f"{report.read:,} read, {report.duplicates:,} already in the store, {report.superseded:,} "
          f"superseded by a later statement, {report.bad:,} bad", file=sys.stderr)
    for problem in report.problems[:PROBLEMS_SHOWN]:
        print(f"  {problem}", file=sys.stderr)
    rest = report.bad - min(len(report.problems), PROBLEMS_SHOWN)
    if rest > 0:
        print(f"  ... and {rest:,} more (every one is in the store's problems table)", file=sys.stderr)


# --- neighbourhood ------------------------------------------------------------------------------------
def cmd_neighbourhood(args: argparse.Namespace) -> int:
    from model.formats import projectfile
    from model.formats.atomic import write_atomically
    from model.formats.exports import suffix_of
    from model.register.owners import open_store
    from model.register.piece import piece_document
    from model.register.queries import neighbourhood, resolve

    from . import cli

    writers = {PROJECT: lambda doc, _: projectfile.dumps(doc), **cli.EXPORTERS}
    suffix = suffix_of(args.output, writers)
    if suffix not in writers:
        return _fail(f"cannot write '{suffix or args.output}': known formats are {', '.join(writers)}")
    try:
        engine = open_store(args.store)
        hit = resolve(engine, args.name)
        piece = neighbourhood(engine, hit.record_id, args.hops, args.direction, args.as_of, args.cap)
        way = {"up": " up", "down": " down", "both": ""}[args.direction]
        title = f"{hit.name}: {args.hops} hop{'s' * (args.hops != 1)}{way}" + (
            f" as of {args.as_of}" if args.as_of else "")
        doc, warnings = piece_document(engine, piece, title)
        for warning in warnings:
            print(f"stakemap: warning: {warning}", file=sys.stderr)
        data = writers[suffix](doc, args)
    except StakemapError as error:
        return _fail(str(error))
    try:
        write_atomically(args.output, data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as error:
        return _fail(f"{args.output}: {error.strerror or error}")
    print(f"wrote {args.output}: {len(doc.entities()):,} entities, {len(doc.relationships()):,} "
          f"relationships around {hit.name} ({hit.record_id})", file=sys.stderr)
    if piece.note:
        print(f"stakemap: note: {piece.note}", file=sys.stderr)
    return 0


# --- lookthrough --------------------------------------------------------------------------------------
def lookthrough_store(args: argparse.Namespace) -> int:
    """``stakemap lookthrough STORE --subject NAME``: the owners of NAME fetched from the store, looked
    through, and printed as for a project file (a table, or ``--json`` with the chains)."""
    from model.lookthrough import report, stream
    from model.register.owners import open_store, ultimate_owners
    from model.register.queries import resolve

    if not args.subject:
        return _fail(f"{args.file}: a register store holds too many companies to look through them all; "
                     "name one with --subject NAME")
    try:
        engine = open_store(args.file)
        hit = resolve(engine, args.subject)
        answer = ultimate_owners(engine, hit.record_id, args.as_of, args.threshold)
        for warning in answer.warnings:
            print(f"stakemap: warning: {warning}", file=sys.stderr)
        doc = answer.document
        if args.json:
            stream.write_json(doc, [answer.subject_id], sys.stdout, args.threshold, args.as_of, answer.result)
        else:
            when = f" as of {args.as_of}" if args.as_of else ""
            print(f"{doc.entity(answer.subject_id).name}{when}:\n{report.render_table(answer.rows)}\n")
            for note in report.dispute_notes(doc):
                print(f"note: {note}")
    except StakemapError as error:
        return _fail(str(error))
    except BrokenPipeError:  # stakemap lookthrough STORE ... | head
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    if answer.piece.note:
        print(f"stakemap: note: {answer.piece.note}", file=sys.stderr)
    return 0
