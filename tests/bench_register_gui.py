"""Benchmark of a register in the window: how long the event loop ever stalls while a company's
neighbourhood opens from a store, while a hub's 2,000 subsidiaries are expanded, and while they are
collapsed (and undone, and redone).

Run with ``.venv/bin/python tests/bench_register_gui.py [--subsidiaries 2000] [--png out.png]``
(offscreen; not a pytest test). The store is made first with the register's own indexing: a person
owns a group holding company, which owns the hub; the hub owns the subsidiaries, one in ten of which
also has a director or a second owner; a few hundred unrelated companies stand around them. The
window opens the store (File > Open Register...), searches the person's name as typed, opens her
neighbourhood (two hops: the hub shows "+2,000"), expands the hub by double-clicking its badge, then
collapses it; last it opens the hub's own neighbourhood, cut at 500 entities. A timer asks to run
every 5 ms; the longest gap between two of its runs in a phase is the longest the window froze
(paints included). Each phase ends when the canvas, the panes and the worker threads are done, and
a second after. The window after expanding is saved as a PNG to look at.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from model.document import Document  # noqa: E402
from model.register.engine import connect  # noqa: E402
from model.register.indexing import index_files  # noqa: E402
from tests.register_gen import BANDS, entity, person, relationship  # noqa: E402

TICK_MS = 5
TARGET_MS = 100


def group(subsidiaries: int, others: int = 400, seed: int = 5) -> list[dict]:
    """The statements of the register: the group with its hub, and unrelated companies around it."""
    rng = random.Random(seed)
    out = [person("owner", "Margaret Holloway"),
           entity("holding", "Holloway Group Holdings PLC", identifiers=(("GB-COH", "00000001"),)),
           entity("hub", "Holloway Group Limited", identifiers=(("GB-COH", "00000002"),)),
           relationship("r-holding", "holding", "owner", BANDS[2]),
           relationship("r-hub", "hub", "holding", {"exact": 100})]
    for number in range(subsidiaries):
        record = f"sub{number}"
        out += [entity(record, f"Holloway {rng.choice(TRADES)} {number:04d} Limited",
                       identifiers=(("GB-COH", f"1{number:07d}"),)),
                relationship(f"r-{record}", record, "hub", rng.choice(SHARES))]
        if rng.random() < 0.1:
            out += [person(f"p-{record}", f"{rng.choice(FIRST)} {rng.choice(LAST)}"),
                    relationship(f"r-p-{record}", record, f"p-{record}", None, role="boardMember")]
    for number in range(others):
        out += [entity(f"other{number}", f"Unrelated {rng.choice(TRADES)} {number:04d} Ltd"),
                person(f"po{number}", f"{rng.choice(FIRST)} {rng.choice(LAST)}"),
                relationship(f"r-other{number}", f"other{number}", f"po{number}", BANDS[rng.randrange(3)])]
    return out


TRADES = "Analytics Bakeries Brewing Capital Care Digital Energy Estates Foods Freight Homes".split()
SHARES = ({"exact": 100},) * 4 + (BANDS[2],)
FIRST = "Sarah James Emma Oliver Amelia Harry Olivia George Isla Jack Priya Wei".split()
LAST = "Smith Jones Taylor Brown Patel Nguyen Okafor Müller Nowak Khan Clarke Evans".split()


def make_store(folder: Path, subsidiaries: int) -> str:
    dump = folder / "group.jsonl"
    dump.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in group(subsidiaries)),
                    encoding="utf-8")
    address = str(folder / "group.sqlite")
    engine = connect(address)
    report = index_files(engine, [str(dump)])
    engine.close()
    print(f"store: {report.indexed:,} statements indexed in {report.seconds:.1f} s ({address})")
    return address


class Stalls:
    """A timer that asks to run every TICK_MS: the gaps between its runs, per phase."""

    def __init__(self) -> None:
        self.phase = ""
        self.gaps: dict[str, list[float]] = {}
        self.started: dict[str, float] = {}
        self._last = time.perf_counter()
        self.timer = QTimer(interval=TICK_MS)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def begin(self, phase: str) -> None:
        self.phase = phase
        self.gaps[phase] = []
        self.started[phase] = time.perf_counter()
        self._last = time.perf_counter()

    def _tick(self) -> None:
        now = time.perf_counter()
        if self.phase:
            self.gaps[self.phase].append((now - self._last) * 1000)
        self._last = now


def run_until(app, done, limit: float = 120.0) -> float:
    """Let the event loop run until ``done()``; the seconds it took."""
    started = time.perf_counter()
    while not done():
        if time.perf_counter() - started > limit:
            raise TimeoutError("the window did not finish in time")
        app.processEvents()
        time.sleep(0.0005)
    return time.perf_counter() - started


def quiet(window) -> bool:
    """Nothing left to do: the picture made and labelled, the panes filled, no register work."""
    worker = window.register_worker
    return (window.settled() and not window._expanding and not window._layouts.busy
            and (worker is None or not worker.busy))


def settle(app, window, after: float = 1.0) -> float:
    took = run_until(app, lambda: quiet(window))
    end = time.perf_counter() + after
    run_until(app, lambda: time.perf_counter() > end)
    return took


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--subsidiaries", type=int, default=2000)
    parser.add_argument("--png", default="", help="where to save the window after expanding")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    address = make_store(folder, args.subsidiaries)

    app = QApplication.instance() or QApplication([])
    from gui.window import MainWindow
    from tests.gui.conftest import view_point

    window = MainWindow(QSettings(str(folder / "s.ini"), QSettings.Format.IniFormat))
    window.resize(1600, 1000)
    window.show()
    window.set_document(Document(), None)
    run_until(app, lambda: window._lookthrough is not None and window.settled())
    stalls = Stalls()
    rows = []

    def phase(name: str, act, done) -> None:
        stalls.begin(name)
        act()
        took = run_until(app, done)
        took += settle(app, window)
        gaps = sorted(stalls.gaps[name])
        rows.append((name, took, len(gaps), gaps[len(gaps) // 2] if gaps else 0.0, gaps[-1] if gaps else 0.0))
        stalls.phase = ""

    pane = window.register_pane

    def open_and_search() -> None:
        window.open_register(address)

    phase("open the store", open_and_search, lambda: window.register_worker is not None)
    phase("search as you type", lambda: QTest.keyClicks(pane.search_box, "margaret holl"),
          lambda: pane.results.topLevelItemCount() > 0)
    phase("open her neighbourhood", lambda: QTest.keyClick(pane.search_box, Qt.Key.Key_Return),
          lambda: window.editor.doc.has_entity("hub"))
    scene = window.editor.scene
    badge = scene.badges.get("hub", 0)
    window.canvas.resetTransform()
    window.canvas.centerOn(scene.entity_items["hub"])
    app.processEvents()
    item = scene.entity_items["hub"]
    at = view_point(window, item.mapToScene(item.badge_rect().center()))
    doc = window.editor.doc
    last = f"sub{args.subsidiaries - 1}"
    phase(f"expand the hub (+{badge:,})", lambda: QTest.mouseDClick(window.canvas.viewport(),
                                                                    Qt.MouseButton.LeftButton, pos=at),
          lambda: doc.has_entity(last))
    entities = len(doc.entities())
    png = args.png or str(folder / "expanded.png")
    window.canvas.resetTransform()
    window.canvas.centerOn(scene.entity_items["hub"])
    app.processEvents()
    window.grab().save(png)
    window.select_ids(["hub"])
    phase("collapse the hub", window.collapse_selected, lambda: not doc.has_entity(last))
    stack = window.editor.undo_stack
    phase("undo the collapse", stack.undo, lambda: doc.has_entity(last))
    phase("undo the expansion", stack.undo, lambda: not doc.has_entity(last))
    phase("redo the expansion", stack.redo, lambda: doc.has_entity(last))
    stack.setClean()  # (opening another neighbourhood would ask to save)
    pane.search_box.clear()
    phase("search the hub", lambda: QTest.keyClicks(pane.search_box, "holloway group lim"),
          lambda: pane.hits and pane.hits[0].record_id == "hub")
    phase("open the hub's (500, capped)", lambda: QTest.keyClick(pane.search_box, Qt.Key.Key_Return),
          lambda: window.editor.doc is not doc and window.editor.doc.has_entity("hub"))
    capped = len(window.editor.doc.entities())

    print(f"hub with {args.subsidiaries:,} subsidiaries; {entities:,} entities on the canvas once expanded, "
          f"{capped:,} in the hub's own neighbourhood; load {os.getloadavg()[0]:.2f} on {os.cpu_count()} "
          "cores")
    print(f"{'phase':<34} {'until quiet':>12} {'frames':>7} {'median':>8} {'worst frame':>12}")
    for name, took, count, median, worst in rows:
        mark = "" if worst < TARGET_MS else "  over 100 ms"
        print(f"{name:<34} {took:>10.2f} s {count:>7} {median:>6.1f} ms {worst:>9.1f} ms{mark}")
    print(f"the window after expanding: {png}")
    window.editor.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
