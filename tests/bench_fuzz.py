"""The long run of the fuzz test: mutate the seed and real files from ../shared/data many times and
read each through `stakemap check`; report the cases tried and every traceback or hang.

Run with ``.venv/bin/python tests/bench_fuzz.py [--cases 10000]`` (not a pytest test).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.model.test_fuzz import originals, run_case  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    args = parser.parse_args()
    files = originals()
    folder = Path(tempfile.mkdtemp())
    failures = []
    started = time.perf_counter()
    for seed in range(args.cases):
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            problem = run_case(files[seed % len(files)], seed, folder)
        if problem:
            failures.append(problem)
    print(f"{args.cases} cases from {len(files)} files in {time.perf_counter() - started:.0f} s: "
          f"{len(failures)} tracebacks or hangs")
    for problem in failures:
        print(problem)


if __name__ == "__main__":
    main()
