"""GUI fixtures: a real main window on a copy of the seed, with settings and recovery in tmp_path."""

from __future__ import annotations

import os
import shutil

import pytest

os.environ["QT_QPA_PLATFORM"] = os.environ.get("STAKEMAP_TEST_PLATFORM", "offscreen")

from PySide6.QtCore import QPoint, QPointF, QSettings, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QMessageBox  # noqa: E402

from tests.conftest import SEED  # noqa: E402


def window_on(doc, qtbot, tmp_path):
    """A shown main window on ``doc``, saved first as a project in ``tmp_path``."""
    from gui.window import MainWindow
    from model.formats import projectfile

    path = tmp_path / "project.stakemap.json"
    projectfile.save(doc, str(path))
    win = MainWindow(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    assert win.open_path(str(path))
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def seed_copy(tmp_path):
    path = tmp_path / "seed.stakemap.json"
    shutil.copy(SEED, path)
    return path


@pytest.fixture
def window(qtbot, tmp_path, seed_copy):
    from gui.recovery import Recovery
    from gui.window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    win = MainWindow(settings, Recovery(tmp_path / "recovery"))
    qtbot.addWidget(win)
    win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    assert win.open_path(str(seed_copy))
    win.resize(1400, 900)
    win.show()
    qtbot.waitExposed(win)
    win.canvas.resetTransform()
    return win


def view_point(window, scene_point: QPointF) -> QPoint:
    """Where a scene point is on the canvas viewport."""
    return window.canvas.mapFromScene(scene_point)


def centre_on(window, entity_id: str) -> QPoint:
    item = window.editor.scene.entity_items[entity_id]
    window.canvas.centerOn(item)
    QApplication.processEvents()
    return view_point(window, item.scenePos())


def answer_dialog(callback, attempts: int = 50):
    """Run ``callback(dialog)`` on the next modal dialog as soon as it opens."""
    def poll(left=attempts):
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            callback(dialog)
        elif left:
            QTimer.singleShot(20, lambda: poll(left - 1))
    QTimer.singleShot(0, poll)


LEFT = Qt.MouseButton.LeftButton
