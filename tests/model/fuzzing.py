"""Mutations of real files for the fuzz test and its longer benchmark run: truncation, flipped
bytes, values of the wrong type, numbers past meaning, deep nesting, lone surrogates, byte-order
marks and UTF-16. Each mutation is a pure function of (data, random generator)."""

from __future__ import annotations

import json
import random
from collections.abc import Callable

Mutation = Callable[[bytes, random.Random], bytes]


def truncate(data: bytes, rng: random.Random) -> bytes:
    return data[:rng.randrange(len(data) or 1)]


def flip_bytes(data: bytes, rng: random.Random) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if out:
            out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


WEIRD_VALUES = [None, True, 0, -1, 1.5, "", "x", [], [1, "a"], {}, {"a": {"b": []}}, "\u0000\u0001",
                "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "<script>&", 10 ** 30, -1e300]
RAW_VALUES = ["NaN", "Infinity", "-Infinity", "1e400", "9" * 500, '"\\ud800"', "[" * 3000 + "]" * 3000]


def _paths(value, here=()):
    yield here
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*here, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*here, index))


def _set(value, path, new):
    if not path:
        return new
    parent = value
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = new
    return value


def wrong_type(data: bytes, rng: random.Random) -> bytes:
    """One value somewhere in the JSON replaced by a value of another type (or by raw JSON text
    Python would not write: NaN, 1e400, a 500-digit integer, a lone surrogate, deep nesting)."""
    try:
        value = json.loads(data.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return flip_bytes(data, rng)
    if not isinstance(value, dict | list):  # JSON Lines: mutate one line
        return flip_bytes(data, rng)
    paths = list(_paths(value))
    path = rng.choice(paths[1:] or paths)
    if rng.random() < 0.4:
        marker = "__FUZZ_RAW__"
        text = json.dumps(_set(value, path, marker), ensure_ascii=False)
        return text.replace(json.dumps(marker), rng.choice(RAW_VALUES), 1).encode("utf-8")
    return json.dumps(_set(value, path, rng.choice(WEIRD_VALUES)), ensure_ascii=False).encode("utf-8")


def json_lines_wrong_type(data: bytes, rng: random.Random) -> bytes:
    lines = data.split(b"\n")
    index = rng.randrange(len(lines))
    lines[index] = wrong_type(lines[index], rng).replace(b"\n", b" ")
    return b"\n".join(lines)


def encodings(data: bytes, rng: random.Random) -> bytes:
    text = data.decode("utf-8", "replace")
    choice = rng.randrange(4)
    if choice == 0:
        return b"\xef\xbb\xbf" + data  # a byte-order mark
    if choice == 1:
        return text.encode("utf-16")
    if choice == 2:
        return b"\xef\xbb\xbf\xef\xbb\xbf" + data
    return data + b"\xff\xfe\x00"


MUTATIONS: list[Mutation] = [truncate, flip_bytes, wrong_type, wrong_type, json_lines_wrong_type, encodings]


def mutate(data: bytes, rng: random.Random) -> bytes:
    return rng.choice(MUTATIONS)(data, rng)
