"""The data formats a document can be written to, by file extension: text plus a report of what the
format could not hold. Pictures are drawn by the GUI package; these need no Qt."""

from __future__ import annotations

from collections.abc import Callable

from model.document import Document
from model.formats import factsheet
from model.formats.bods import write as bods_export
from model.formats.ftm import file as ftm
from model.formats.graphml import write as graphml


def _bods(doc: Document, lines: bool) -> tuple[str, list[str]]:
    statements, report = bods_export.to_bods(doc)
    return bods_export.dumps_statements(statements, lines), list(report)


DATA_FORMATS: dict[str, Callable[[Document], tuple[str, list[str]]]] = {
    ".csv": lambda doc: (factsheet.to_csv(doc), []),
    ".graphml": lambda doc: (graphml.to_graphml(doc), []),
    ".bods.json": lambda doc: _bods(doc, lines=False),
    ".bods.jsonl": lambda doc: _bods(doc, lines=True),
    ".ftm.jsonl": lambda doc: (ftm.dumps(doc), []),
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
