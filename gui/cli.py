"""The ``stakemap`` command: open the editor, check a file, or export it.

    stakemap [FILE]                       open the editor (on the built-in seed without FILE)
    stakemap check FILE                   list problems; exit 0 clean, 1 errors, 2 unreadable
    stakemap export FILE -o OUT           write OUT, format chosen by its extension
    stakemap lookthrough FILE             who ultimately owns an entity, with intervals and verdicts
    stakemap add PROJECT SOURCE... -o OUT add sources to a project, matching the entities it has
    stakemap index DUMP... -o STORE       index register dumps into a store (gui/cli_register.py)
    stakemap neighbourhood STORE NAME -o OUT   write the piece of a register store around NAME
    stakemap lookthrough STORE --subject NAME  NAME's ultimate owners, from a register store
    stakemap example -o FILE              write the built-in worked example (a project file)
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path

from model import checks
from model.document import Document
from model.errors import StakemapError
from model.formats import exports, importers
from model.formats.atomic import write_atomically

from . import cli_add, cli_read, cli_register
from .paths import SEED

COMMANDS = ("check", "export", "lookthrough", "example", "read", "add", "index", "neighbourhood")
PICTURES = (".png", ".svg", ".pdf")

# Extension -> function(document, options) returning the file's bytes or text.
EXPORTERS: dict[str, Callable[[Document, argparse.Namespace], str | bytes]] = {
    **{suffix: lambda doc, _, s=suffix: _data(doc, s) for suffix in exports.DATA_FORMATS},
    **{suffix: lambda doc, args, s=suffix: _picture(doc, args, s) for suffix in PICTURES},
}


def _data(doc: Document, suffix: str) -> str:
    """A data format's text; what the format cannot hold (BODS has no reporting lines) goes to stderr."""
    text, report = exports.DATA_FORMATS[suffix](doc)
    for line in report:
        print(f"stakemap: {line}", file=sys.stderr)
    return text


def _picture(doc: Document, args: argparse.Namespace, suffix: str) -> bytes:
    """Draw the document as the window draws the chosen view, with no display needed."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # headless: never reach for a screen
    from PySide6.QtWidgets import QApplication

    from model.layout.arrange import arrange

    from .export_image import ExportOptions, render_pdf, render_png
    from .export_svg import render_svg
    from .measure import QtSizes
    from .scene import DiagramScene

    _app = QApplication.instance() or QApplication(["stakemap"])
    doc.set_arrangement(args.view, arrange(doc, args.view, sizes=QtSizes()))
    scene = DiagramScene(doc, args.view, show_other=args.other_lines, show_shelf=args.shelf)
    scale = args.dpi / 96.0 if args.dpi else args.scale
    options = ExportOptions(scale=scale, transparent=args.transparent, legend=args.legend,
                            title=args.title or "", notes=args.notes, page=args.page)
    if suffix == ".png":
        notices: list[str] = []
        data = render_png(scene, options, notices)
        for line in notices:
            print(f"stakemap: {line}", file=sys.stderr)
        return data
    render = {".svg": render_svg, ".pdf": render_pdf}[suffix]
    return render(scene, options)


def _load(path: str) -> Document:
    """Read any importable file (project, BODS, FollowTheMoney, GraphML); warnings go to stderr."""
    return _load_counted(path)[0]


def _load_counted(path: str) -> tuple[Document, int]:
    doc, warnings = importers.load_any(path)
    for warning in warnings:
        print(f"stakemap: warning: {warning}", file=sys.stderr)
    return doc, len(warnings)


def _fail(message: str, code: int = 2) -> int:
    print(f"stakemap: {message}", file=sys.stderr)
    return code


def cmd_check(args: argparse.Namespace) -> int:
    try:
        doc, read_warnings = _load_counted(args.file)
    except StakemapError as error:
        return _fail(str(error))
    problems = checks.check(doc)
    for problem in problems:
        print(problem)
    errors = sum(p.severity == checks.ERROR for p in problems)
    warnings = sum(p.severity == checks.WARNING for p in problems)
    print(f"{len(doc.entities())} entities, {len(doc.relationships())} relationships: "
          f"{errors} errors, {warnings} warnings"
          + (f"; and {read_warnings} warning{'s' * (read_warnings > 1)} reading the file, above"
             if read_warnings else ""), file=sys.stderr)
    return 1 if errors else 0


def _suffix(path: str) -> str:
    return exports.suffix_of(path, EXPORTERS)


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
    try:  # atomically: a full disk or a kill never costs the file being replaced
        write_atomically(args.output, data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as error:
        return _fail(f"{args.output}: {error.strerror or error}")
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def cmd_example(args: argparse.Namespace) -> int:
    """Write the built-in worked example (the seed project) to a file of the user's."""
    out = Path(args.output)
    if out.exists() and not args.force:
        return _fail(f"{out}: already exists (add --force to replace it)")
    try:
        write_atomically(out, SEED.read_bytes())
    except OSError as error:
        return _fail(f"{out}: {error.strerror or error}")
    print(f"wrote {out}", file=sys.stderr)
    return 0


def _positive_scale(text: str) -> float:
    value = float(text)
    if not 0.1 <= value <= 8:
        raise argparse.ArgumentTypeError("the scale must be between 0.1 and 8")
    return value


def _dpi(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number") from None
    if not 10 <= value <= 768:  # NaN fails this too
        raise argparse.ArgumentTypeError("the resolution must be between 10 and 768 dpi")
    return value


def cmd_lookthrough(args: argparse.Namespace) -> int:
    from model.register.owners import is_store_address

    if is_store_address(args.file):  # a register store: only the subject's owners are fetched
        return cli_register.lookthrough_store(args)
    # scipy and the interval maths: only this command needs them
    from model.lookthrough import report as lookthrough_report
    from model.lookthrough import stream as lookthrough_stream

    gc.disable()  # the document lives to the end: the collector need not walk it again and again
    try:
        doc = _load(args.file)
        owned = {r.object for r in doc.relationships("ownership")}
        subjects = [lookthrough_report.find_entity(doc, args.subject)] if args.subject else [
            e.id for e in doc.entities() if e.id in owned]
        from model.lookthrough.stakes import compute

        result = compute(doc, args.as_of)
        gc.freeze()
        gc.enable()
        if args.json:  # written holder by holder: a big file never makes one big structure
            lookthrough_stream.write_json(doc, subjects, sys.stdout, args.threshold, args.as_of, result,
                                          processes=2)  # half in a forked child on a big file
            return 0
        when = f" as of {args.as_of}" if args.as_of else ""
        for subject, rows in lookthrough_report.every_answer(doc, subjects, args.threshold,
                                                             args.as_of, result):
            print(f"{doc.entity(subject).name}{when}:\n{lookthrough_report.render_table(rows)}\n")
        for note in lookthrough_report.dispute_notes(doc):
            print(f"note: {note}")
    except StakemapError as error:
        return _fail(str(error))
    except BrokenPipeError:  # stakemap lookthrough FILE | head: the reader has all it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def add_picture_options(parser: argparse.ArgumentParser) -> None:
    """How a picture (.png, .svg, .pdf) is drawn: the options of export and neighbourhood."""
    pictures = parser.add_argument_group("pictures (.png, .svg, .pdf)")
    pictures.add_argument("--view", choices=("ownership", "reporting", "all"), default="ownership")
    pictures.add_argument("--scale", type=_positive_scale, default=1.0, help="PNG scale, 1 to 4 (default 1)")
    pictures.add_argument("--dpi", type=_dpi,
                          help="PNG resolution instead of --scale (96 dpi = 1x; 10 to 768)")
    pictures.add_argument("--other-lines", dest="other_lines", action="store_true",
                          help="also draw lines of other kinds than the view's (View > Show Other Lines)")
    pictures.add_argument("--no-shelf", dest="shelf", action="store_false",
                          help="leave out the entities with no line of the view's kind")
    pictures.add_argument("--notes", action="store_true", help="numbered source notes under the diagram")
    pictures.add_argument("--legend", action="store_true", help="the legend beside the diagram")
    pictures.add_argument("--title", help="a title above the diagram")
    pictures.add_argument("--transparent", action="store_true", help="PNG/SVG with no background")
    pictures.add_argument("--page", choices=("fit", "a4", "letter"), default="fit", help="PDF page size")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="stakemap", description="Cited ownership and reporting maps.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="list the problems in a project file")
    check.add_argument("file")
    check.set_defaults(run=cmd_check)
    export = sub.add_parser("export", help="export a project file; the format follows OUT's extension "
                                           f"({', '.join(EXPORTERS)})")
    export.add_argument("file")
    export.add_argument("-o", "--output", required=True, metavar="OUT")
    add_picture_options(export)
    export.set_defaults(run=cmd_export)
    example = sub.add_parser("example", help="write the built-in worked example to a project file")
    example.add_argument("-o", "--output", required=True, metavar="FILE")
    example.add_argument("--force", action="store_true", help="replace FILE if it exists")
    example.set_defaults(run=cmd_example)
    cli_read.add_parser(sub)
    cli_add.add_parser(sub)
    cli_register.add_parsers(sub, add_picture_options)
    look = sub.add_parser("lookthrough", help="effective ownership through chains, with intervals")
    look.add_argument("file", help="a project or data file, or a register store (.sqlite, postgresql://)")
    look.add_argument("--subject", help="name, alias or id of the owned entity (default: every owned one)")
    look.add_argument("--threshold", type=float, default=25.0, help="percent for the verdict (default 25)")
    look.add_argument("--as-of", dest="as_of", metavar="YYYY-MM-DD", help="only what was in force then")
    look.add_argument("--json", action="store_true", help="the same as JSON, with the paths")
    look.set_defaults(run=cmd_lookthrough)
    return parser


NO_DISPLAY = ("stakemap: no display to open the window on (DISPLAY and WAYLAND_DISPLAY are unset). "
              "Run it in a desktop session, or under a virtual screen (Xvfb :99 & then "
              "DISPLAY=:99 stakemap), or use the command line: stakemap check|export|lookthrough|example "
              "(see stakemap --help).")


def has_display(environ=os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt has a screen to open a window on (Linux and the BSDs need X11 or Wayland; an
    explicit QT_QPA_PLATFORM, such as offscreen, is taken as the user's choice).

    >>> has_display({}, "linux"), has_display({"DISPLAY": ":0"}, "linux"), has_display({}, "darwin")
    (False, True, True)
    """
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return True
    return any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def open_editor(path: str | None) -> int:
    """Start the window on FILE, or on the built-in seed; without a display, say how to go on."""
    if not has_display():
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    # The first layout needs scipy, whose import takes about half a second: begin it beside Qt's own
    # start-up, which overlaps part of it (a daemon thread; an import either thread asks for waits).
    threading.Thread(target=lambda: (importlib.import_module("scipy.sparse.csgraph"),
                                     importlib.import_module("scipy.optimize")), daemon=True).start()
    from .app import run

    return run(path or str(SEED))


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    for stream in (sys.stdout, sys.stderr):  # a name holding a lone surrogate prints as \ud800
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
    if argv and argv[0] in COMMANDS:
        args = _parser().parse_args(argv)
        return args.run(args)
    if argv and argv[0] in ("-h", "--help"):
        _parser().print_help()
        print("\nWith no command: stakemap [FILE] opens the editor (on the built-in seed without FILE).")
        return 0
    if len(argv) > 1:
        return _fail(f"unknown command '{argv[0]}'; use {', '.join(COMMANDS)}, or a single FILE to open")
    return open_editor(argv[0] if argv else None)


if __name__ == "__main__":
    sys.exit(main())
