"""Benchmark of the editor on a generated structure: open and first paint, a drag step, zoomed-out repaint.

Run with ``.venv/bin/python tests/bench_gui.py [--entities 10000] [--runs 3]`` (offscreen; not a pytest
test). Each run opens the file in a fresh process, as a user starting the program would; the summary
gives the median and the worst of the runs. "First paint" is the synchronous repaint right after the
file is open, and the run checks that every box whose centre is in sight was drawn by it; the drag and
the zoomed-out figures are taken once the whole picture is made and labelled and the look-through panes
(the last thing the window loads) are in.
The structure is the layout benchmark's ownership forest (cross-holdings, five cycles) topped up with
positions and reporting lines to 1.2 relationships per entity (each person's within their own group,
as boards and reporting lines are), some shares as ranges, some undisclosed.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt  # noqa: E402
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


def wait_until(app, done, limit: float = 120.0) -> None:
    end = time.perf_counter() + limit
    while not done() and time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.001)


def one_run(entities: int) -> dict:
    """Open a generated file in a fresh window and measure; the figures as a dictionary."""
    app = QApplication.instance() or QApplication([])
    from gui.items import EntityItem
    from gui.window import MainWindow

    figures: dict = {"load": os.getloadavg(), "cores": os.cpu_count()}
    folder = Path(tempfile.mkdtemp())
    path = folder / "big.stakemap.json"
    projectfile.save(generated(entities), path)
    doc = projectfile.load(path)
    figures["size"] = (len(doc.entities()), len(doc.relationships()), path.stat().st_size / 1e6)

    window = MainWindow(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1600, 1000)
    window.show()
    started = time.perf_counter()
    window.open_path(str(path))
    window.canvas.viewport().repaint()
    figures["open"] = time.perf_counter() - started
    # What that first paint drew: every box whose centre is in sight must be made and shown.
    scene, canvas = window.editor.scene, window.canvas
    in_sight = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    wanted = sum(in_sight.contains(QPointF(*place)) for place in scene.picture.places.values())
    drawn = sum(isinstance(item, EntityItem) and item.isVisible() and in_sight.contains(item.pos())
                for item in scene.items(in_sight))
    figures["first_sight"] = (drawn, wanted, canvas.zoom())
    wait_until(app, lambda: not window.outline.pending and not window.problems.pending)
    figures["panes"] = time.perf_counter() - started
    wait_until(app, lambda: not scene.building)
    figures["canvas"] = time.perf_counter() - started
    wait_until(app, lambda: window._lookthrough is not None)
    figures["settled"] = time.perf_counter() - started

    # A drag at 100%: press on a node, then time each mouse step including the synchronous repaint.
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
    figures["drag"] = (len(item.edges), median_ms(steps), max(steps) * 1000)

    # Zoomed out: how long until the overview is on screen, then repaints of it.
    t0 = time.perf_counter()
    canvas.fit()
    viewport.repaint()
    wait_until(app, lambda: scene.overview_image.ready)
    figures["overview_ready"] = (time.perf_counter() - t0) * 1000
    repaints = []
    for _ in range(5):
        t0 = time.perf_counter()
        viewport.repaint()
        repaints.append(time.perf_counter() - t0)
    figures["overview"] = (canvas.zoom() * 100, median_ms(repaints), max(repaints) * 1000)
    window.editor.undo_stack.setClean()
    window.close()
    return figures


def report(number: int, figures: dict) -> None:
    drawn, wanted, zoom = figures["first_sight"]
    print(f"run {number}: load {figures['load'][0]:.2f} on {figures['cores']} cores; "
          f"open + first paint {figures['open']:.2f} s ({drawn} of {wanted} boxes in sight drawn at "
          f"{zoom * 100:.0f}%); panes filled {figures['panes']:.2f} s; canvas complete with labels "
          f"{figures['canvas']:.2f} s; look-through in {figures['settled']:.2f} s")
    lines, drag_median, drag_worst = figures["drag"]
    zoom, over_median, over_worst = figures["overview"]
    print(f"       drag step (node with {lines} lines, move + repaint): median {drag_median:.1f} ms, "
          f"worst {drag_worst:.1f} ms; zoomed out at {zoom:.1f}%: overview on screen after "
          f"{figures['overview_ready']:.0f} ms, repaint median {over_median:.1f} ms, "
          f"worst {over_worst:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entities", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="each in a fresh process, as a user starts")
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_run(args.entities)))
        return
    runs = []
    for number in range(1, args.runs + 1):
        done = subprocess.run([sys.executable, __file__, "--one", "--entities", str(args.entities)],
                              capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
        if number == 1:
            entities, relationships, megabytes = runs[0]["size"]
            print(f"{entities} entities, {relationships} relationships, {megabytes:.1f} MB file")
        report(number, runs[-1])
    print(f"over {len(runs)} runs, median / worst:")
    for label, values, unit in (
            ("open + layout + scene + first paint", [r["open"] for r in runs], "s"),
            ("outline and problems panes filled", [r["panes"] for r in runs], "s"),
            ("drag step, median of each run", [r["drag"][1] for r in runs], "ms"),
            ("drag step, worst step of each run", [r["drag"][2] for r in runs], "ms"),
            ("zoomed-out repaint, worst of each run", [r["overview"][2] for r in runs], "ms")):
        print(f"  {label}: {statistics.median(values):.2f} / {max(values):.2f} {unit}")


if __name__ == "__main__":
    main()
