"""Starting the application: Qt, settings, the window, recovery after a crash, the first file."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from model.document import Document

from .paths import RESOURCES
from .recovery import Recovery
from .window import MainWindow


def recovery_dir() -> Path:
    override = os.environ.get("STAKEMAP_RECOVERY_DIR")
    if override:
        return Path(override)
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "recovery"


def make_window(path: str | None, open_when_shown: bool = False) -> MainWindow:
    """A window on ``path`` (or the recovered work, if the user takes it).

    With ``open_when_shown`` the window starts empty and opens the file just after it first paints,
    with the usual progress: the window is there at once, the picture as soon as it is laid out."""
    window = MainWindow(QSettings(), Recovery(recovery_dir()))
    if window.offer_recovery():
        return window
    if path is not None and open_when_shown:
        window.set_document(Document(), None)
        window.after_first_paint(lambda: window.open_path(path))
    elif path is None or not window.open_path(path):
        window.set_document(Document(), None)  # the error is on screen; start empty beside it
    return window


def run(path: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Stakemap")
    app.setApplicationName("Stakemap")
    app.setWindowIcon(QIcon(str(RESOURCES / "company.svg")))
    window = make_window(path, open_when_shown=True)
    window.show()
    return app.exec()
