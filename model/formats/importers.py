"""One way in: :func:`load_any` reads a Stakemap project, BODS, FollowTheMoney or GraphML file.

The format follows the file's name (``.stakemap.json``, ``.bods.json``, ``.bods.jsonl``,
``.ftm.jsonl``, ``.graphml``); a plain ``.json``/``.jsonl``/``.xml`` file is recognised by its first
bytes. Every failure is a :class:`LoadError`.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from model.document import Document
from model.errors import LoadError
from model.formats import projectfile

Loader = Callable[[str], tuple[Document, list[str]]]

SNIFF_BYTES = 64 * 1024


def _project(path: str) -> tuple[Document, list[str]]:
    return projectfile.load(path), []


def _bods(path: str) -> tuple[Document, list[str]]:
    from model.formats.bods import read as bods_import

    return bods_import.load(path)


def _ftm(path: str) -> tuple[Document, list[str]]:
    from model.formats.ftm import file as ftm

    return ftm.load(path)


def _graphml(path: str) -> tuple[Document, list[str]]:
    from model.formats.graphml import read as graphml_import

    return graphml_import.load(path)


# Longest suffix first, so '.bods.json' wins over '.json'.
SUFFIXES: dict[str, Loader] = {
    ".stakemap.json": _project,
    ".bods.jsonl": _bods,
    ".bods.json": _bods,
    ".ftm.jsonl": _ftm,
    ".ftm.json": _ftm,
    ".graphml": _graphml,
}


def loader_for(path: str | os.PathLike) -> Loader:
    """The reader for a file: by its name's suffix, else by its content; LoadError if neither tells."""
    name = Path(path).name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return SUFFIXES[suffix]
    return _by_content(str(path))


def _by_content(path: str) -> Loader:
    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES).decode("utf-8", errors="replace").lstrip("\ufeff \t\r\n")
    except OSError as error:
        raise LoadError(path, "", error.strerror or str(error)) from None
    if head.startswith("<"):
        if "<graphml" in head:
            return _graphml
        raise LoadError(path, "", "an XML file that is not GraphML")
    if '"format"' in head and '"stakemap"' in head:
        return _project
    if any(key in head for key in ('"recordType"', '"statementType"', '"statementID"', '"recordId"')):
        return _bods
    if '"schema"' in head and '"properties"' in head:
        return _ftm
    raise LoadError(path, "", "not a format Stakemap reads: a Stakemap project (.stakemap.json), BODS "
                              "(.bods.json, .bods.jsonl), FollowTheMoney (.ftm.jsonl) or GraphML (.graphml)")


def load_any(path: str | os.PathLike) -> tuple[Document, list[str]]:
    """Read any file Stakemap imports: the document and warnings about what was not read.

    >>> import tempfile, os
    >>> folder = tempfile.mkdtemp()
    >>> path = os.path.join(folder, "tiny.json")
    >>> text = '[{"statementID": "e", "statementType": "entityStatement", "name": "Acme"}]'
    >>> _ = open(path, "w").write(text)
    >>> doc, warnings = load_any(path)
    >>> [e.name for e in doc.entities()]
    ['Acme']
    """
    return loader_for(path)(str(path))
