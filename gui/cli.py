"""The ``stakemap`` command: open the editor, check a file, or export it.

    stakemap [FILE]                       open the editor (on the built-in seed without FILE)
    stakemap check FILE                   list problems; exit 0 clean, 1 errors, 2 unreadable
    stakemap export FILE -o OUT           write OUT, format chosen by its extension
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from model import bods_export, checks, factsheet, ftm, graphml, importers
from model.document import Document
from model.errors import StakemapError

from .paths import SEED

COMMANDS = ("check", "export")

# Extension -> function(document, options) returning the file's bytes or text.
EXPORTERS: dict[str, Callable[[Document, argparse.Namespace], str | bytes]] = {
    ".csv": lambda doc, _: factsheet.to_csv(doc),
    ".graphml": lambda doc, _: graphml.to_graphml(doc),
    ".bods.json": lambda doc, _: _bods(doc, lines=False),
    ".bods.jsonl": lambda doc, _: _bods(doc, lines=True),
    ".ftm.jsonl": lambda doc, _: ftm.dumps(doc),
}


def _bods(doc: Document, lines: bool) -> str:
    """BODS 0.4 text; what BODS cannot hold (reporting lines, licences) is listed on stderr."""
    statements, report = bods_export.to_bods(doc)
    for line in report:
        print(f"stakemap: {line}", file=sys.stderr)
    return bods_export.dumps_statements(statements, lines)


def _load(path: str) -> Document:
    """Read any importable file (project, BODS, FollowTheMoney, GraphML); warnings go to stderr."""
    doc, warnings = importers.load_any(path)
    for warning in warnings:
        print(f"stakemap: warning: {warning}", file=sys.stderr)
    return doc


def _fail(message: str, code: int = 2) -> int:
    print(f"stakemap: {message}", file=sys.stderr)
    return code


def cmd_check(args: argparse.Namespace) -> int:
    try:
        doc = _load(args.file)
    except StakemapError as error:
        return _fail(str(error))
    problems = checks.check(doc)
    for problem in problems:
        print(problem)
    errors = sum(p.severity == checks.ERROR for p in problems)
    warnings = sum(p.severity == checks.WARNING for p in problems)
    print(f"{len(doc.entities())} entities, {len(doc.relationships())} relationships: "
          f"{errors} errors, {warnings} warnings", file=sys.stderr)
    return 1 if errors else 0


def _suffix(path: str) -> str:
    name = Path(path).name.lower()
    for known in sorted(EXPORTERS, key=len, reverse=True):
        if name.endswith(known):
            return known
    return Path(path).suffix.lower()


def cmd_export(args: argparse.Namespace) -> int:
    suffix = _suffix(args.output)
    if suffix not in EXPORTERS:
        known = ", ".join(sorted(EXPORTERS))
        return _fail(f"cannot export to '{suffix or args.output}': known formats are {known}")
    try:
        doc = _load(args.file)
        data = EXPORTERS[suffix](doc, args)
    except StakemapError as error:
        return _fail(str(error))
    try:
        if isinstance(data, bytes):
            Path(args.output).write_bytes(data)
        else:
            Path(args.output).write_text(data, encoding="utf-8")
    except OSError as error:
        return _fail(f"{args.output}: {error.strerror or error}")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stakemap", description="Cited ownership and reporting maps.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="list the problems in a project file")
    check.add_argument("file")
    check.set_defaults(run=cmd_check)
    export = sub.add_parser("export", help="export a project file; the format follows OUT's extension")
    export.add_argument("file")
    export.add_argument("-o", "--output", required=True, metavar="OUT")
    export.set_defaults(run=cmd_export)
    return parser


def open_editor(path: str | None) -> int:
    """Start the window on FILE, or on the built-in seed."""
    from .app import run

    return run(path or str(SEED))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in COMMANDS:
        args = _parser().parse_args(argv)
        return args.run(args)
    if argv and argv[0] in ("-h", "--help"):
        _parser().print_help()
        print("\nWith no command: stakemap [FILE] opens the editor (on the built-in seed without FILE).")
        return 0
    if len(argv) > 1:
        return _fail(f"unknown command '{argv[0]}'; use check, export, or a single FILE to open")
    return open_editor(argv[0] if argv else None)


if __name__ == "__main__":
    sys.exit(main())
