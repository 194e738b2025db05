"""Benchmark of laying out and drawing a view: layout (folding, layering, channels), then routing and
label placement (:func:`model.picture.draw.draw`), on the GUI benchmark's 10,000-entity structure.

Run with ``.venv/bin/python tests/bench_picture.py [--entities 10000] [--repeats 3]`` (not a pytest
test). Sizes are measured with the canvas's fonts (offscreen Qt), as the window does.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtWidgets import QApplication  # noqa: E402

from gui.measure import QtSizes  # noqa: E402
from model.layout.arrange import arrange  # noqa: E402
from model.picture.draw import draw  # noqa: E402
from tests.bench_gui import generated  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--views", default="ownership,reporting,all")
    args = parser.parse_args()
    _app = QApplication.instance() or QApplication([])
    doc = generated(args.entities)
    print(f"{len(doc.entities())} entities, {len(doc.relationships())} relationships")
    for view in args.views.split(","):
        runs = []
        for _ in range(args.repeats):
            sizes = QtSizes()
            t0 = time.perf_counter()
            arrangement = arrange(doc, view, sizes=sizes)
            t1 = time.perf_counter()
            picture = draw(doc, view, arrangement, sizes=sizes, with_labels=False)
            t2 = time.perf_counter()
            picture.label_job.run()
            t3 = time.perf_counter()
            runs.append((t1 - t0, t2 - t1, t3 - t2))
        layout, routing, labels = (sorted(column) for column in zip(*runs, strict=True))
        together = sorted(a + b for a, b, _ in runs)
        print(f"{view}: layout {_spread(layout)}, routing {_spread(routing)}, "
              f"layout + routing {_spread(together)}, labels {_spread(labels)}")
        print(f"  {len(picture.lines)} lines drawn, {len(picture.shelf)} entities on the shelf")


def _spread(seconds: list[float]) -> str:
    """Median and worst of sorted timings."""
    return f"median {statistics.median(seconds):.2f} s, worst {seconds[-1]:.2f} s"


if __name__ == "__main__":
    main()
