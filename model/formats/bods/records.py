"""Reading BODS text into records: JSON array or JSON Lines, versions 0.2, 0.3 and 0.4 alike.

BODS 0.4 groups statements into records (``recordId``): a later statement of a record updates or
closes it. 0.2 and 0.3 name each statement by ``statementID`` and let a statement replace others
(``replacesStatements``). :func:`records` turns either into one :class:`Record` per thing described,
the latest statement winning, with ``aliases`` mapping replaced statement ids to their successor.

>>> found = records(parse_statements('[{"statementID": "e1", "statementType": "entityStatement",'
...                                  ' "name": "Acme"}]', "x.json"), [])
>>> found.records["e1"].kind, found.records["e1"].details["name"]
('entity', 'Acme')
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from model.errors import LoadError
from model.formats.textfile import NumberRefused, json_lines, strict_json

# 0.2/0.3 statementType -> 0.4 recordType
STATEMENT_TYPES = {"entityStatement": "entity", "personStatement": "person",
                   "ownershipOrControlStatement": "relationship"}
RECORD_TYPES = ("entity", "person", "relationship")


@dataclass
class Record:
    """One entity, person or relationship as its latest statement describes it."""

    where: str  # JSON path or line of the statement, for messages
    kind: str  # entity, person or relationship
    id: str
    status: str  # new, updated or closed
    date: str
    details: dict  # 0.4 recordDetails; in 0.2/0.3 the statement itself
    statement: dict


@dataclass
class Records:
    """The records of a file in file order, and where replaced 0.2/0.3 statement ids now point."""

    records: dict[str, Record] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    def resolve(self, record_id: str) -> str:
        seen = set()
        while record_id in self.aliases and record_id not in seen:
            seen.add(record_id)
            record_id = self.aliases[record_id]
        return record_id


def parse_statements(text: str, path: str) -> list[tuple[str, Any]]:
    """The statements of a JSON array, a single JSON object, or JSON Lines, each with its place.

    Raises LoadError when the text is none of these.
    """
    stripped = text.lstrip("\ufeff").strip()
    if not stripped:
        raise LoadError(path, "", "the file is empty")
    try:
        data = strict_json(stripped)
    except json.JSONDecodeError as error:
        if stripped.startswith("{") and "\n" in stripped:
            return _json_lines(stripped, path)
        raise LoadError(path, f"line {error.lineno}, column {error.colno}",
                        f"not valid JSON ({error.msg})") from None
    except NumberRefused as error:
        raise LoadError(path, "$", str(error)) from None
    except RecursionError:
        raise LoadError(path, "$", "nested too deeply to be BODS") from None
    if isinstance(data, list):
        return [(f"$[{i}]", item) for i, item in enumerate(data)]
    if isinstance(data, dict):
        return [("$", data)]
    raise LoadError(path, "$", f"BODS data is an array of statements, not {type(data).__name__}")


def _json_lines(text: str, path: str) -> list[tuple[str, Any]]:
    return json_lines(text, path, "BODS")


def records(statements: list[tuple[str, Any]], warnings: list[str]) -> Records:
    """The records the statements describe; what cannot be a statement becomes a warning."""
    found = Records()
    versions: dict[str, list[tuple[str, int, Record]]] = {}
    for order, (where, statement) in enumerate(statements):
        record = _record(where, statement, warnings)
        if record is None:
            continue
        versions.setdefault(record.id, []).append((record.date, order, record))
        replaced = statement.get("replacesStatements", [])
        for old in replaced if isinstance(replaced, list) else []:
            if isinstance(old, str) and old != record.id:
                found.aliases[old] = record.id
    for record_id, series in versions.items():
        if record_id in found.aliases:
            continue  # replaced by a later 0.2/0.3 statement
        series.sort(key=lambda item: (item[0], item[1]))
        latest = series[-1][2]
        kinds = {item[2].kind for item in series}
        if len(kinds) > 1:
            warnings.append(f"{latest.where}: record '{record_id}' is described as "
                            f"{' and '.join(sorted(kinds))}; the latest statement counts")
        found.records[record_id] = latest
    return found


def _record(where: str, statement: Any, warnings: list[str]) -> Record | None:
    if not isinstance(statement, dict):
        warnings.append(f"{where}: a statement must be an object, not {type(statement).__name__}; skipped")
        return None
    if "recordType" in statement or "recordId" in statement:
        return _record_04(where, statement, warnings)
    if "statementType" in statement or "statementID" in statement:
        return _record_02(where, statement, warnings)
    warnings.append(f"{where}: neither a BODS 0.4 record (recordType) nor a 0.2/0.3 statement "
                    "(statementType); skipped")
    return None


def _record_04(where: str, statement: dict, warnings: list[str]) -> Record | None:
    kind, record_id = statement.get("recordType"), statement.get("recordId")
    details = statement.get("recordDetails")
    if kind not in RECORD_TYPES:
        warnings.append(f"{where}.recordType: must be one of {', '.join(RECORD_TYPES)}, not {kind!r}; "
                        "skipped")
        return None
    if not isinstance(record_id, str) or not record_id:
        warnings.append(f"{where}.recordId: must be a non-empty string; skipped")
        return None
    if not isinstance(details, dict):
        warnings.append(f"{where}.recordDetails: must be an object; skipped")
        return None
    status = statement.get("recordStatus", "new")
    if status not in ("new", "updated", "closed"):
        warnings.append(f"{where}.recordStatus: '{status}' is not new, updated or closed; read as new")
        status = "new"
    return Record(where, kind, record_id, status, _date_text(statement), details, statement)


def _record_02(where: str, statement: dict, warnings: list[str]) -> Record | None:
    statement_type = statement.get("statementType")
    kind = STATEMENT_TYPES.get(statement_type) if isinstance(statement_type, str) else None
    record_id = statement.get("statementID")
    if kind is None:
        warnings.append(f"{where}.statementType: must be one of {', '.join(STATEMENT_TYPES)}; skipped")
        return None
    if not isinstance(record_id, str) or not record_id:
        warnings.append(f"{where}.statementID: must be a non-empty string; skipped")
        return None
    return Record(where, kind, record_id, "new", _date_text(statement), statement, statement)


def _date_text(statement: dict) -> str:
    date = statement.get("statementDate", "")
    return date if isinstance(date, str) else ""
