"""Take the README's screenshot: the window on a project, a fact selected, saved as PNG.

    python -m gui.screenshot resources/screenshot.png [FILE] [--select ID] [--view ownership]

Runs on a real display (X, Xvfb) or offscreen (QT_QPA_PLATFORM=offscreen).
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QSettings, QTemporaryDir
from PySide6.QtWidgets import QApplication

from .paths import SEED
from .window import MainWindow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("file", nargs="?", default=str(SEED))
    parser.add_argument("--select", default="own-xiaomi-xinwang", help="id of the fact to select")
    parser.add_argument("--view", default="ownership", choices=("ownership", "reporting", "all"))
    parser.add_argument("--size", default="1600x1000")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    scratch = QTemporaryDir()  # fresh settings: the shot never depends on someone's saved layout
    window = MainWindow(QSettings(scratch.filePath("settings.ini"), QSettings.Format.IniFormat))
    if not window.open_path(args.file):
        print(f"cannot open {args.file}", file=sys.stderr)
        return 2
    width, height = (int(v) for v in args.size.split("x"))
    window.resize(width, height)
    window.show()
    window.set_view(args.view)
    for _ in range(5):
        app.processEvents()
    window.canvas.fit()
    window.select_ids([args.select])
    for _ in range(5):
        app.processEvents()
    if not window.grab().save(args.output):
        print(f"cannot write {args.output}", file=sys.stderr)
        return 2
    print(f"wrote {args.output}")
    window.editor.undo_stack.setClean()
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
