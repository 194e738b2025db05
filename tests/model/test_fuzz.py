"""Hostile files, made at random from real ones: every reader, through `stakemap check`, gives a clear
message or a clean load, never a traceback and never a hang. A few hundred seeded cases run here;
`tests/bench_fuzz.py` runs thousands and reports them."""

from __future__ import annotations

import random
import signal
from pathlib import Path

from gui.cli import main
from tests.conftest import SEED, SHARED
from tests.model.fuzzing import mutate

CASES = 240
SECONDS_PER_CASE = 20


def originals() -> list[Path]:
    files = [SEED]
    data = SHARED / "data"
    if data.is_dir():
        files += [data / "bods" / "v0.4" / "data-standard" / "examples" / "bods-package.json",
                  data / "bods" / "v0.4" / "bods-validator" / "uk-psc-bods-0.4.json",
                  data / "bods" / "older" / "v0.2",
                  data / "ftm" / "bods-ftm-sample" / "sample_ftm.jsonl"]
    out = []
    for path in files:
        if path.is_dir():
            out += sorted(path.rglob("*.json"))[:2]
        elif path.is_file():
            out.append(path)
    return out


def run_case(original: Path, seed: int, folder: Path) -> str:
    """'' when the mutated file is read cleanly or refused with a message; else what went wrong."""
    rng = random.Random(seed)
    data = mutate(original.read_bytes(), rng)
    suffix = "".join(original.suffixes[-2:]) if original.name.endswith(".stakemap.json") else original.suffix
    path = folder / f"case-{seed}{suffix}"
    path.write_bytes(data)

    def too_long(*_):
        raise TimeoutError

    previous = signal.signal(signal.SIGALRM, too_long)
    signal.alarm(SECONDS_PER_CASE)
    try:
        code = main(["check", str(path)])
    except TimeoutError:
        return f"{original.name} seed {seed}: hung over {SECONDS_PER_CASE} s"
    except Exception as error:  # the point of the test: nothing escapes as a traceback
        return f"{original.name} seed {seed}: {type(error).__name__}: {error}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return "" if code in (0, 1, 2) else f"{original.name} seed {seed}: exit {code}"


def test_mutated_files_never_give_a_traceback(tmp_path, capsys):
    files = originals()
    failures = [problem for seed in range(CASES)
                if (problem := run_case(files[seed % len(files)], seed, tmp_path))]
    capsys.readouterr()
    assert failures == []
