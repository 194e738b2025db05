"""Reading text files for the importers: UTF-8 text and JSON Lines, every failure a LoadError."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from .errors import LoadError


def read_text(path: str | os.PathLike) -> str:
    """The file's text (UTF-8, a byte-order mark allowed); LoadError naming why it cannot be read."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise LoadError(str(path), "", error.strerror or str(error)) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise LoadError(str(path), f"byte {error.start}", "not UTF-8 text") from None


def json_lines(text: str, path: str, what: str) -> list[tuple[str, Any]]:
    """('line N', value) for each non-blank line of JSON Lines text; ``what`` names the format.

    >>> json_lines('{"a": 1}\\n\\n[2]', "f.jsonl", "BODS")
    [('line 1', {'a': 1}), ('line 3', [2])]
    """
    out = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            out.append((f"line {number}", json.loads(line)))
        except json.JSONDecodeError as error:
            raise LoadError(path, f"line {number}, column {error.colno}",
                            f"not valid JSON Lines ({error.msg})") from None
        except RecursionError:
            raise LoadError(path, f"line {number}", f"nested too deeply to be {what}") from None
    return out
