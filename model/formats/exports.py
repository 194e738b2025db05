"""The data formats a document can be written to, by file extension: text plus a report of what the
format could not hold. Pictures are drawn by the GUI package; these need no Qt."""

from __future__ import annotations

from collections.abc import Callable

from model.document import Document

# Each writer is imported when its format is asked for: a command pays only for what it writes
# (GraphML's networkx alone takes a quarter of a second to import).


def _csv(doc: Document) -> tuple[str, list[str]]:
    from model.formats import factsheet

    return factsheet.to_csv(doc), []


def _graphml(doc: Document) -> tuple[str, list[str]]:
    from model.formats.graphml import write

    return write.to_graphml(doc), []


def _bods(doc: Document, lines: bool) -> tuple[str, list[str]]:
    from model.formats.bods import write

    statements, report = write.to_bods(doc)
    return write.dumps_statements(statements, lines), list(report)


def _ftm(doc: Document) -> tuple[str, list[str]]:
    from model.formats.ftm import file

    return file.dumps(doc), []


DATA_FORMATS: dict[str, Callable[[Document], tuple[str, list[str]]]] = {
    ".csv": _csv,
    ".graphml": _graphml,
    ".bods.json": lambda doc: _bods(doc, lines=False),
    ".bods.jsonl": lambda doc: _bods(doc, lines=True),
    ".ftm.jsonl": _ftm,
}


def suffix_of(path: str, known) -> str:
    """The longest known extension the file name ends with, else its last extension.

    >>> suffix_of("out/Chart.BODS.json", DATA_FORMATS)
    '.bods.json'
    """
    name = path.replace("\\\\", "/").rsplit("/", 1)[-1].lower()
    for suffix in sorted(known, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return "." + name.rsplit(".", 1)[-1] if "." in name else ""
