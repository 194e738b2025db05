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


def make_window(path: str | None) -> MainWindow:
    """A window on ``path`` (or the recovered work, if the user takes it)."""
    window = MainWindow(QSettings(), Recovery(recovery_dir()))
    if not window.offer_recovery():
        if path is None or not window.open_path(path):
            window.set_document(Document(), None)  # the error is on screen; start empty beside it
    return window


def run(path: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setOrganizationName("Stakemap")
    app.setApplicationName("Stakemap")
    app.setWindowIcon(QIcon(str(RESOURCES / "company.svg")))
    window = make_window(path)
    window.show()
    return app.exec()
