"""Reading text files for the importers: UTF-8 text and JSON Lines, every failure a LoadError."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from model.errors import LoadError


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


MAX_DIGITS = 100  # no share, offset or version needs more; Python refuses past 4,300 with a traceback


class NumberRefused(ValueError):
    """A JSON number no Stakemap file can mean: NaN, Infinity, or hundreds of digits."""


def _no_constant(name: str) -> float:
    raise NumberRefused(f"{name} is not a number a file may hold")


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise NumberRefused(f"a number of {len(text.lstrip('-'))} digits is too long")
    return int(text)


def _finite_float(text: str) -> float:
    value = float(text)
    if value != value or value in (float("inf"), float("-inf")):
        raise NumberRefused(f"the number {text[:40]} is out of range")
    return value


def strict_json(text: str) -> Any:
    """``json.loads`` that refuses NaN, Infinity, numbers out of float range and over-long integers
    (NumberRefused, a ValueError); syntax errors stay json.JSONDecodeError.

    >>> strict_json('{"share": 29.5}')
    {'share': 29.5}
    >>> strict_json('[NaN]')
    Traceback (most recent call last):
    model.formats.textfile.NumberRefused: NaN is not a number a file may hold
    """
    return json.loads(text, parse_constant=_no_constant, parse_int=_bounded_int, parse_float=_finite_float)


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
            out.append((f"line {number}", strict_json(line)))
        except json.JSONDecodeError as error:
            raise LoadError(path, f"line {number}, column {error.colno}",
                            f"not valid JSON Lines ({error.msg})") from None
        except NumberRefused as error:
            raise LoadError(path, f"line {number}", str(error)) from None
        except RecursionError:
            raise LoadError(path, f"line {number}", f"nested too deeply to be {what}") from None
    return out
