"""Recovery files: unsaved work written about once a minute, offered back after a crash.

Each running window writes ``recovery-<pid>.stakemap.json`` with a small ``.meta.json`` beside it
naming the file it came from; a clean exit removes both. At start, files left by processes that are
no longer running are offered for restoring.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

from model.document import Document
from model.formats import projectfile

INTERVAL_MS = 60_000


@dataclass(frozen=True)
class Leftover:
    data: Path
    meta: Path
    original: str  # the project file the work belonged to, or ""
    saved_at: float


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Recovery:
    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.data = self.directory / f"recovery-{os.getpid()}.stakemap.json"
        self.meta = self.data.with_suffix("").with_suffix(".meta.json")

    def write(self, doc: Document, original: str | None) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        projectfile.save(doc, self.data)
        self.meta.write_text(json.dumps({"original": original or ""}), encoding="utf-8")

    def clear(self) -> None:
        self.data.unlink(missing_ok=True)
        self.meta.unlink(missing_ok=True)

    def leftovers(self) -> list[Leftover]:
        """Recovery files of processes that died, newest first."""
        out = []
        for data in self.directory.glob("recovery-*.stakemap.json"):
            pid = data.name.split("-")[1].split(".")[0]
            if not pid.isdigit() or data == self.data or _alive(int(pid)):
                continue
            meta = data.with_suffix("").with_suffix(".meta.json")
            try:
                original = json.loads(meta.read_text(encoding="utf-8")).get("original", "")
            except (OSError, ValueError):
                original = ""
            out.append(Leftover(data, meta, original, data.stat().st_mtime))
        return sorted(out, key=lambda leftover: -leftover.saved_at)

    @staticmethod
    def discard(leftover: Leftover) -> None:
        leftover.data.unlink(missing_ok=True)
        leftover.meta.unlink(missing_ok=True)
