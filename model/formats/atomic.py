"""Writing a file so that nothing is lost: the new text goes to a temporary file beside the target,
is flushed to disk, and replaces the target in one rename. A crash, a kill or a full disk leaves
either the old file or the new one, never half of each. The target keeps its permissions, a link
stays a link (the file it points to is replaced), and temporary files left by killed writes are
cleared.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> write_atomically(target, b"one"); write_atomically(target, b"two"); target.read_bytes()
b'two'
"""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

STALE_AFTER = 600.0  # seconds: a temporary file this old is one a killed write left behind


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def clear_stale(target: Path, now: float | None = None) -> int:
    """Remove the temporary files that killed writes of ``target`` left beside it; how many."""
    now = time.time() if now is None else now
    removed = 0
    for leftover in target.parent.glob(_temp_prefix(target) + "*.tmp"):
        try:
            if now - leftover.stat().st_mtime > STALE_AFTER:
                leftover.unlink()
                removed += 1
        except OSError:
            continue
    return removed


def write_atomically(path: str | os.PathLike, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` atomically (see the module's docstring)."""
    target = Path(os.path.realpath(path))
    clear_stale(target)
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    handle, temp = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable where the platform allows
        dir_fd = os.open(target.parent, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
