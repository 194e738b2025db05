"""Benchmark of how quickly Stakemap answers: `stakemap check`, `export -o .csv` and `--help` on the
seed, and the window's first paint, each the median of several runs as separate processes.

Run with ``.venv/bin/python tests/bench_commands.py [--runs 10]`` (not a pytest test: timings belong
to a quiet machine). The window runs offscreen unless ``DISPLAY`` is set and ``--display`` is given.
Targets (issue 9): each command under 0.5 s, the first paint under 2 s. Where the import time goes:
``.venv/bin/python -X importtime -m gui.cli check seeds/xiaomi-fintech.stakemap.json``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "xiaomi-fintech.stakemap.json"

# The child starts the app through `stakemap FILE`'s own code and quits when the canvas first paints.
FIRST_PAINT = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
import gui.app
from gui.cli import main

class Painted(QObject):
    # "painted" at the window's first paint, "picture" at the first paint with the seed's boxes in it
    window = None
    said = False

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            if not self.said:
                self.said = True
                print("painted", flush=True)
            if self.window.editor is not None and self.window.editor.scene.entity_items:
                watched.removeEventFilter(self)
                print("picture", flush=True)
                QTimer.singleShot(0, QApplication.quit)
        return False

painted = Painted()
make_window = gui.app.make_window
def watched_window(path, **options):
    window = painted.window = make_window(path, **options)
    window.canvas.viewport().installEventFilter(painted)
    return window
gui.app.make_window = watched_window
sys.exit(main([sys.argv[1]]))
"""


def stakemap() -> list[str]:
    script = Path(sys.executable).with_name("stakemap")
    return [str(script)] if script.exists() else [sys.executable, "-m", "gui.cli"]


def timed(command: list[str], env: dict | None = None) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({result.returncode}): {result.stderr[-400:]}")
    return elapsed


def until_painted(command: list[str], env: dict) -> tuple[float, float]:
    """Seconds from starting the process to the window's first paint, and to the first paint with the
    picture in it (what the process does after is not counted)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env=env, cwd=ROOT)
    times = {}
    for line in child.stdout:
        times[line.strip()] = time.perf_counter() - start
    child.wait()
    if set(times) != {"painted", "picture"}:
        raise SystemExit(f"the window did not paint its picture: {times}")
    return times["painted"], times["picture"]


def report(name: str, samples: list[float], target: float) -> None:
    median = statistics.median(samples)
    verdict = "ok" if median < target else "OVER"
    print(f"{name:<34} median {median:6.3f} s  min {min(samples):6.3f}  max {max(samples):6.3f}"
          f"  (target < {target:g} s: {verdict})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--display", action="store_true", help="paint on $DISPLAY, not offscreen")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        commands = {
            "stakemap check SEED": [*stakemap(), "check", str(SEED)],
            "stakemap export SEED -o x.csv": [*stakemap(), "export", str(SEED), "-o", f"{folder}/x.csv"],
            "stakemap --help": [*stakemap(), "--help"],
        }
        for name, command in commands.items():
            report(name, [timed(command) for _ in range(args.runs)], 0.5)
        env = dict(os.environ, STAKEMAP_RECOVERY_DIR=f"{folder}/recovery",
                   XDG_CONFIG_HOME=f"{folder}/config", XDG_DATA_HOME=f"{folder}/data")
        if not args.display:
            env["QT_QPA_PLATFORM"] = "offscreen"
        paint = [sys.executable, "-c", FIRST_PAINT, str(SEED)]
        paints = [until_painted(paint, env) for _ in range(args.runs)]
        report("window first paint (seed)", [first for first, _ in paints], 2.0)
        report("the seed's picture on screen", [picture for _, picture in paints], 3.0)


if __name__ == "__main__":
    main()
