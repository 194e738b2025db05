"""Reading a register dump one statement at a time: JSON Lines or a JSON array, gzip or not.

Memory stays constant whatever the size of the file: JSON Lines are read line by line, and a JSON
array through ijson's incremental parser (a maintained C-backed library), one element at a time.
Each statement comes with its place ('line 12', '$[3]') and the bytes of the file read so far, for
a progress bar; a line that is not JSON is yielded as a :class:`Broken` value, never raised.

>>> import io
>>> [(where, item) for where, item, _ in statements(io.BytesIO(b'{"a": 1}\\n\\n{"b": 2}\\n'))]
[('line 1', {'a': 1}), ('line 3', {'b': 2})]
>>> [(where, item) for where, item, _ in statements(io.BytesIO(b' [{"a": 1.5}, {"b": 2}]'))]
[('$[0]', {'a': 1.5}), ('$[1]', {'b': 2})]
"""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, Any

from model.formats.textfile import NumberRefused, strict_json

GZIP_MAGIC = b"\x1f\x8b"


@dataclass(frozen=True)
class Broken:
    """What stood where a statement should have: why it could not be read."""

    reason: str
    fatal: bool = False  # the rest of the file could not be read either


def open_dump(path: str) -> tuple[IO[bytes], IO[bytes]]:
    """(the text stream to parse, the raw file whose position tells the progress); gzip by magic."""
    raw = open(path, "rb")  # noqa: SIM115 - closed by the caller
    if raw.read(2) == GZIP_MAGIC:
        raw.seek(0)
        return gzip.GzipFile(fileobj=raw), raw
    raw.seek(0)
    return raw, raw


def statements(stream: IO[bytes], position: IO[bytes] | None = None) -> Iterator[tuple[str, Any, int]]:
    """(place, statement or :class:`Broken`, bytes read) for each statement in the stream."""
    for place, payload, done in payloads(stream, position):
        item = parse_line(payload, place == "line 1") if isinstance(payload, bytes) else payload
        yield place, item, done
        if isinstance(item, Broken) and item.fatal:
            return


def payloads(stream: IO[bytes], position: IO[bytes] | None = None) -> Iterator[tuple[str, Any, int]]:
    """Like :func:`statements`, but a JSON Lines statement comes as the bytes of its line, to be read
    with :func:`parse_line` (perhaps in another process); an array's elements come parsed."""
    position = position or stream
    buffered = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream
    head = buffered.peek(4096)[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"["):
        yield from _array(buffered, position)
    else:
        for number, line in enumerate(buffered, 1):
            if line.strip():
                yield f"line {number}", line, _tell(position)


def parse_line(line: bytes, first: bool = False) -> Any:
    """The statement on one line of JSON Lines, or :class:`Broken` saying why there is none.

    >>> parse_line(b'{"a": 1}'), parse_line(b'{"a": ').reason
    ({'a': 1}, 'not valid JSON (column 7: Expecting value)')
    """
    try:
        return strict_json(line.decode("utf-8-sig" if first else "utf-8"))
    except UnicodeDecodeError:
        return Broken("not UTF-8 text")
    except json.JSONDecodeError as error:
        if first and line.strip() == b"{":  # one pretty-printed object: not JSON Lines
            return Broken("a pretty-printed JSON object; a register dump is JSON Lines or an array",
                          fatal=True)
        return Broken(f"not valid JSON (column {error.colno}: {error.msg})")
    except NumberRefused as error:
        return Broken(str(error))
    except RecursionError:
        return Broken("nested too deeply to be a statement")


def _array(stream: IO[bytes], position: IO[bytes]) -> Iterator[tuple[str, Any, int]]:
    import ijson  # only arrays need it

    index = 0
    try:
        for index, item in enumerate(ijson.items(stream, "item", use_float=True)):
            yield f"$[{index}]", item, _tell(position)
        index += 1
    except ijson.JSONError as error:
        yield f"after $[{index}]", Broken(f"not valid JSON ({error}); the rest of the file was not read",
                                          fatal=True), _tell(position)
    except UnicodeDecodeError:
        yield f"after $[{index}]", Broken("not UTF-8 text; the rest of the file was not read", fatal=True), \
            _tell(position)


def _tell(position: IO[bytes]) -> int:
    try:
        return position.tell()
    except (OSError, ValueError):
        return 0
