"""Benchmark of the editor on a generated structure: open and first paint, a drag step, zoomed-out repaint.

Run with ``.venv/bin/python tests/bench_gui.py [--entities 10000]`` (offscreen; not a pytest test).
The structure is the layout benchmark's ownership forest (cross-holdings, five cycles) topped up with
positions and reporting lines to 1.2 relationships per entity (each person's within their own group,
as boards and reporting lines are), some shares as ranges, some undisclosed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint, QSettings, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from model.document import Document  # noqa: E402
from model.formats import projectfile  # noqa: E402
from model.types import Entity, Relationship, Share  # noqa: E402
from tests.bench_layout import ownership_forest  # noqa: E402


def generated(entities: int, seed: int = 11) -> Document:
    """A document of ``entities`` entities and about 1.2 times as many relationships."""
    rng = random.Random(seed)
    names, edges = ownership_forest(entities, seed)
    doc = Document(f"generated {entities}")
    people = set(rng.sample(names, entities // 10))
    for name in names:
        kind = "person" if name in people else rng.choice(["company", "company", "bank", "business_unit"])
        doc.add_entity(Entity(name, f"{kind.title()} {name[1:]}", kind, note="generated"))
    for index, (owner, owned) in enumerate(edges):
        if owned in people:
            continue
        roll = rng.random()
        share = Share.exact(round(rng.uniform(1, 100), 1)) if roll < 0.7 else (
            Share(25, 50) if roll < 0.85 else Share())
        doc.add_relationship(Relationship(f"o{index}", "ownership", owner, owned, share, note="generated"))
    # Boards and reporting lines stay near home: a person's links go to entities of the same group,
    # which the forest numbers consecutively (ids within a few dozen of each other).
    index_of = {name: i for i, name in enumerate(names)}
    people_list = sorted(people)
    index = 0
    while len(doc.relationships()) < int(entities * 1.2):
        person = rng.choice(people_list)
        near = names[min(len(names) - 1, max(0, index_of[person] + rng.randint(-40, 40)))]
        if near in people:
            rel = Relationship(f"r{index}", "reporting", person, near, note="g")
        else:
            rel = Relationship(f"p{index}", "position", person, near, role="director", note="g")
        if rel.subject != rel.object:
            doc.add_relationship(rel)
        index += 1
    return doc


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=10_000)
    args = parser.parse_args()
    app = QApplication.instance() or QApplication([])
    from gui.window import MainWindow

    folder = Path(tempfile.mkdtemp())
    path = folder / "big.stakemap.json"
    projectfile.save(generated(args.entities), path)
    doc = projectfile.load(path)
    print(f"{len(doc.entities())} entities, {len(doc.relationships())} relationships, "
          f"{path.stat().st_size / 1e6:.1f} MB file")

    window = MainWindow(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1600, 1000)
    window.show()
    started = time.perf_counter()
    window.open_path(str(path))
    window.canvas.viewport().repaint()
    print(f"open + layout + scene + first paint: {time.perf_counter() - started:.2f} s")
    while window.outline.follower.pending or window.problems.follower.pending:
        app.processEvents()
    print(f"... and the outline and problems panes filled: {time.perf_counter() - started:.2f} s")

    # A drag at 100%: press on a node, then time each mouse step including the synchronous repaint.
    scene, canvas = window.editor.scene, window.canvas
    canvas.resetTransform()
    item = max(scene.entity_items.values(), key=lambda i: len(i.edges))
    canvas.centerOn(item)
    app.processEvents()
    viewport = canvas.viewport()
    start = canvas.mapFromScene(item.scenePos()) + QPoint(-30, 0)
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    steps = []
    for step in range(1, 61):
        t0 = time.perf_counter()
        QTest.mouseMove(viewport, start + QPoint(step * 3, step * 2))
        viewport.repaint()
        steps.append(time.perf_counter() - t0)
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       start + QPoint(180, 120))
    print(f"drag step (node with {len(item.edges)} lines, move + repaint): median {median_ms(steps):.1f} ms, "
          f"worst {max(steps) * 1000:.1f} ms")

    window.canvas.fit()
    app.processEvents()
    repaints = []
    for _ in range(5):
        t0 = time.perf_counter()
        viewport.repaint()
        repaints.append(time.perf_counter() - t0)
    print(f"zoomed-out repaint of everything at {window.canvas.zoom() * 100:.1f}%: "
          f"median {median_ms(repaints):.0f} ms")
    window.editor.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
