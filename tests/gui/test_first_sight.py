"""What a user first sees, at 1600 x 1000: readable text on open, on reopen and on a first view switch;
each view keeping its own zoom and centre; the Overview pane moving the canvas."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractSlider, QMessageBox

from gui.items import LOD_TEXT
from gui.view import READABLE_MAX, READABLE_MIN
from model.document import Document
from model.formats import projectfile
from model.layout.arrange import arrange
from model.types import Entity, Relationship, Share
from tests.gui.conftest import LEFT

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def open_window(qtbot, tmp_path):
    """Open a file the way the app does (a new window, the file, then show), at 1600 x 1000."""
    from gui.recovery import Recovery
    from gui.window import MainWindow

    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)

    def make(path):
        win = MainWindow(settings, Recovery(tmp_path / "recovery"))
        qtbot.addWidget(win)
        win.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
        win.resize(1600, 1000)
        assert win.open_path(str(path))
        win.show()
        qtbot.waitExposed(win)
        qtbot.wait(150)  # docks settle around the canvas
        return win
    return make


def visible_rect(window):
    canvas = window.canvas
    return canvas.mapToScene(canvas.viewport().rect()).boundingRect()


def centre(window) -> QPointF:
    return window.canvas.mapToScene(window.canvas.viewport().rect().center())


def assert_looks_at(window, zoom: float, point: QPointF) -> None:
    """The canvas is back at this zoom and centre (along an axis it can scroll; along one it cannot,
    the whole picture is in view and Qt centres it)."""
    canvas = window.canvas
    assert canvas.zoom() == pytest.approx(zoom)
    now = centre(window)
    bars = canvas.horizontalScrollBar(), canvas.verticalScrollBar()
    for bar, along in zip(bars, (QPointF(1, 0), QPointF(0, 1)), strict=True):
        if bar.maximum() > bar.minimum():
            assert abs(QPointF.dotProduct(now - point, along)) * zoom < 1.5


def assert_stake_is_readable(window) -> None:
    """Text is drawn, and the 29.5% line's label and both of its entities' names are on screen."""
    zoom = window.canvas.zoom()
    assert READABLE_MIN <= zoom <= READABLE_MAX and zoom >= LOD_TEXT
    scene, shown = window.editor.scene, visible_rect(window)
    line = next(i for i in scene.relationship_items.values() if i.label == "29.5%")
    assert shown.contains(line.label_rect())
    for entity in (line.subject, line.object):
        assert shown.contains(entity.sceneBoundingRect()), entity.entity_id


def test_the_seed_opens_with_its_labels_readable(open_window, seed_copy):
    assert_stake_is_readable(open_window(seed_copy))


def test_a_saved_file_reopens_readable(open_window, seed_copy, tmp_path):
    first = open_window(seed_copy)
    saved = tmp_path / "saved.stakemap.json"
    assert first.save_to(str(saved))
    first.close()  # keeps its window and dock layout in the settings, as the app does
    assert_stake_is_readable(open_window(saved))


def test_a_picture_that_fits_is_shown_whole_and_centred(open_window, tmp_path):
    doc = Document("small")
    doc.add_entity(Entity("parent", "Parent Holdings"))
    doc.add_entity(Entity("child", "Child Bank", "bank"))
    doc.add_relationship(Relationship("r", "ownership", "parent", "child", Share.exact(60)))
    doc.set_arrangement("ownership", arrange(doc, "ownership"))
    path = tmp_path / "small.stakemap.json"
    projectfile.save(doc, path)
    window = open_window(path)
    picture = window.editor.scene.itemsBoundingRect()
    assert window.canvas.zoom() == READABLE_MAX  # never blown up past 100%
    assert visible_rect(window).contains(picture)
    offset = centre(window) - picture.center()
    assert abs(offset.x()) < 2 and abs(offset.y()) < 2


def test_each_view_keeps_its_own_zoom_and_centre(open_window, seed_copy):
    window = open_window(seed_copy)
    canvas = window.canvas
    canvas.setFocus()
    QTest.keyClick(canvas, Qt.Key.Key_Plus, CTRL)  # the user zooms in on the ownership view...
    canvas.horizontalScrollBar().triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)  # ...scrolls
    ownership = (canvas.zoom(), centre(window))

    QTest.keyClick(canvas, Qt.Key.Key_2, CTRL)
    assert window.editor.view == "reporting"
    QTest.keyClick(canvas, Qt.Key.Key_Minus, CTRL)  # and looks around the reporting view too
    reporting = (canvas.zoom(), centre(window))
    assert reporting != ownership

    QTest.keyClick(canvas, Qt.Key.Key_1, CTRL)
    assert_looks_at(window, *ownership)
    QTest.keyClick(canvas, Qt.Key.Key_2, CTRL)
    assert_looks_at(window, *reporting)


@pytest.mark.parametrize("key, view", [(Qt.Key.Key_2, "reporting"), (Qt.Key.Key_3, "all")])
def test_a_first_visit_to_a_view_shows_it_readable(open_window, seed_copy, key, view):
    window = open_window(seed_copy)
    canvas = window.canvas
    canvas.setFocus()
    for _ in range(8):  # zoomed far out, text long gone
        QTest.keyClick(canvas, Qt.Key.Key_Minus, CTRL)
    assert canvas.zoom() < LOD_TEXT
    QTest.keyClick(canvas, key, CTRL)
    assert window.editor.view == view
    assert READABLE_MIN <= canvas.zoom() <= READABLE_MAX
    picture = window.editor.scene.itemsBoundingRect()
    in_view = visible_rect(window).adjusted(-2, -2, 2, 2)  # (scrolling goes by whole pixels)
    assert in_view.contains(picture.topLeft())  # its top left corner, or all of it


def test_the_overview_is_in_the_view_menu(open_window, seed_copy):
    window = open_window(seed_copy)
    toggle = next(a for a in window.view_menu.actions() if a.text() == "Overview")
    assert window.overview_dock.isVisible() and toggle.isChecked()
    toggle.trigger()
    assert not window.overview_dock.isVisible()


def test_clicking_and_dragging_on_the_overview_moves_the_canvas(open_window, seed_copy, qtbot):
    window = open_window(seed_copy)
    minimap = window.minimap
    qtbot.waitUntil(lambda: not minimap.pixmap.isNull())
    target = minimap.target
    before = centre(window)
    spot = (target.topLeft() + target.bottomRight() * 3) / 4  # towards the bottom right of the map
    QTest.mouseClick(minimap, LEFT, Qt.KeyboardModifier.NoModifier, spot.toPoint())
    wanted = minimap.to_scene(QPointF(spot.toPoint()))
    assert visible_rect(window).contains(wanted)
    assert (centre(window) - wanted).manhattanLength() < (before - wanted).manhattanLength()

    start = minimap.from_scene(visible_rect(window)).center().toPoint()
    end = start - QPoint(int(target.width() / 3), 0)
    clicked = centre(window)
    QTest.mousePress(minimap, LEFT, Qt.KeyboardModifier.NoModifier, start)
    QTest.mouseMove(minimap, end)
    QTest.mouseRelease(minimap, LEFT, Qt.KeyboardModifier.NoModifier, end)
    assert centre(window).x() < clicked.x() - 50  # dragged to the left


def test_the_overview_is_drawn_again_after_a_view_switch(open_window, seed_copy, qtbot):
    window = open_window(seed_copy)
    minimap = window.minimap
    qtbot.waitUntil(lambda: not minimap.pixmap.isNull())
    drawn = minimap.pixmap.cacheKey()
    QTest.keyClick(window.canvas, Qt.Key.Key_3, CTRL)
    qtbot.waitUntil(lambda: minimap.pixmap.cacheKey() != drawn)
    assert minimap.map_rect.contains(window.editor.scene.itemsBoundingRect())


def test_a_first_visit_centres_the_selection(open_window, seed_copy):
    window = open_window(seed_copy)
    scene = window.editor.scene
    farthest = max(scene.entity_items.values(), key=lambda item: item.x() + item.y())
    window.select_ids([farthest.entity_id])
    QTest.keyClick(window.canvas, Qt.Key.Key_3, CTRL)
    assert READABLE_MIN <= window.canvas.zoom() <= READABLE_MAX
    assert visible_rect(window).contains(farthest.sceneBoundingRect())


def test_the_window_shows_first_then_opens_the_file_and_then_the_look_through(qtbot, tmp_path, monkeypatch,
                                                                               seed_copy):
    # `stakemap FILE` paints an empty window at once, opens the file once it is on screen, and only
    # then imports the look-through's libraries; nothing is lost on the way.
    from gui import app
    from gui.asof import AsOfController

    settings = str(tmp_path / "settings.ini")
    monkeypatch.setattr(app, "QSettings", lambda: QSettings(settings, QSettings.Format.IniFormat))
    monkeypatch.setenv("STAKEMAP_RECOVERY_DIR", str(tmp_path / "recovery"))
    window = app.make_window(str(seed_copy), open_when_shown=True)
    qtbot.addWidget(window)
    assert window.editor.doc.entities() == []  # nothing opened before the window is on screen
    assert window.findChild(AsOfController) is None
    window.show()
    qtbot.waitUntil(lambda: len(window.editor.doc.entities()) == 20, timeout=20000)
    qtbot.waitUntil(lambda: window.findChild(AsOfController) is not None, timeout=20000)
    assert window.editor.path == str(seed_copy)
    for dock in (window.as_of.lookthrough_dock, window.as_of.stakes_dock, window.as_of.timeline_dock):
        assert not dock.isHidden(), dock.objectName()
    window.select_ids(["xinwang"])
    qtbot.waitUntil(lambda: window.as_of.lookthrough.subject_id == "xinwang", timeout=5000)
