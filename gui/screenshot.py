"""Take the README's screenshot: the window on a project, a fact selected, saved as PNG.

    python -m gui.screenshot resources/screenshot.png [FILE] [--select ID] [--view all]
                             [--size 1920x1150 --zoom 1 --centre xiaomi-fintech]

Runs on a real display (X, Xvfb) or offscreen (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QElapsedTimer, QSettings, QTemporaryDir
from PySide6.QtWidgets import QApplication

from .paths import SEED
from .window import MainWindow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("file", nargs="?", default=str(SEED))
    parser.add_argument("--select", default="own-xiaomi-xinwang", help="id of the fact to select")
    parser.add_argument("--view", default="ownership", choices=("ownership", "reporting", "all"))
    parser.add_argument("--size", default="1500x940")
    parser.add_argument("--zoom", type=float, help="canvas zoom (default: fit the whole diagram)")
    parser.add_argument("--centre", help="id of the entity to centre on (with --zoom)")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    scratch = QTemporaryDir()  # fresh settings: the shot never depends on someone's saved layout
    window = MainWindow(QSettings(scratch.filePath("settings.ini"), QSettings.Format.IniFormat))
    if not window.open_path(args.file):
        print(f"cannot open {args.file}", file=sys.stderr)
        return 2
    width, height = (int(v) for v in args.size.split("x"))
    if (width, height) != (window.width(), window.height()):
        window.resize(width, height)  # (a resize before the first show can leave a stray dock tab bar)
    window.show()
    window.set_view(args.view)
    for _ in range(5):
        app.processEvents()
    window.canvas.fit()
    window.select_ids([args.select])
    if args.zoom:
        window.canvas.resetTransform()
        window.canvas.zoom_by(args.zoom)
        centre = window.editor.scene.entity_items.get(args.centre or "")
        if centre is not None:
            window.canvas.centerOn(centre)
    settle = QElapsedTimer()
    settle.start()
    while settle.elapsed() < 800:  # let docks, tab bars and deferred panes finish laying out
        app.processEvents()
    # On a real display, take the pixels from the screen: QWidget.grab() redraws tabbed docks' tab bars
    # in a second place that the screen never shows.
    if app.platformName() == "offscreen":
        picture = window.grab()
    else:
        picture = window.screen().grabWindow(window.winId())
    if not picture.save(args.output):
        print(f"cannot write {args.output}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}")
    window.editor.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
