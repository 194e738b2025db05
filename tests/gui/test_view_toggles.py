"""The View menu's drawing toggles: lines of other kinds, and the shelf of entities outside the view."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction

POSITION = "pos-zhao-fintech-vp"  # a position line: not the Ownership view's kind


def action(window, name: str) -> QAction:
    return window.findChild(QAction, name)


def test_other_lines_show_routed_and_hide_again(window):
    scene = window.editor.scene
    assert not scene.relationship_items[POSITION].isVisible()
    action(window, "show_other_lines").trigger()
    assert scene.relationship_items[POSITION].isVisible()
    assert scene.entity_items["zhao-weixing"].isVisible()
    action(window, "show_other_lines").trigger()
    assert not scene.relationship_items[POSITION].isVisible()


def test_the_shelf_holds_what_has_no_line_of_the_view_and_can_be_hidden(window, tmp_path):
    scene = window.editor.scene
    shelf = set(scene.picture.shelf)
    assert {"zhao-weixing", "caixin", "weibo"} <= shelf and "xiaomi" not in shelf
    assert scene.shelf_item.isVisible() and f"({len(shelf)})" in scene.shelf_item.heading
    structure_right = max(scene.entity_items[e].sceneBoundingRect().right() for e in ("xiaomi", "xinwang"))
    assert all(scene.entity_items[e].pos().x() > structure_right for e in shelf)
    action(window, "show_shelf").trigger()
    assert not scene.shelf_item.isVisible()
    assert not any(scene.entity_items[e].isVisible() for e in shelf)
    assert QSettings(window.settings.fileName(), QSettings.Format.IniFormat).value(
        "view/show_shelf", type=bool) is False  # remembered for the next window


def test_a_view_switch_shelves_by_that_views_own_kinds(window):
    window.set_view("reporting")
    shelf = set(window.editor.scene.picture.shelf)
    assert "zhao-weixing" not in shelf and "xiaomi" in shelf  # Xiaomi has no reporting line or position
