"""Several sources, one map, in the window: choosing a claim, merging and splitting, the Sources pane,
showing one source alone, and adding a source through its preview."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from model.formats import projectfile
from model.merge import merge_entities
from model.types import Entity
from tests.gui.conftest import LEFT, view_point, window_on
from tests.model.test_add_source import EXTRACT
from tests.model.test_claims import _two_sources

ALT = Qt.KeyboardModifier.AltModifier


def _copy(doc):
    return projectfile.loads(projectfile.dumps(doc))


@pytest.fixture
def disputed(qtbot, tmp_path):
    """A window on a project where a filing says 30% (former) and a story 29.5% (current)."""
    doc = _two_sources()
    merge_entities(doc, "x", "xc")
    return window_on(doc, qtbot, tmp_path)


def _line(window):
    (rel,) = window.editor.doc.relationships()
    return rel


def _settle(qtbot, window):
    qtbot.waitUntil(lambda: not window.editor.scene._refresh_due, timeout=2000)


def test_use_this_one_draws_the_chosen_claim_and_undo_restores_it(disputed, qtbot):
    rel = _line(disputed)
    disputed.select_ids([rel.id])
    item = disputed.editor.scene.relationship_items[rel.id]
    assert item.label == "30% \u2260 29.5%"
    box = disputed.details.claims
    assert disputed.details.claims_scroll.isVisibleTo(disputed.details)
    text = " ".join(label.text() for label in box.findChildren(type(disputed.details.heading)))
    assert "Sources disagree on the share" in text and "A filing (filing, 2019-01-01)" in text
    assert "Xiaomi holds 29.5%" in text  # the story's quote beside its claim
    buttons = {button.parent().findChild(type(disputed.details.heading)).text().split("</b>")[0]: button
               for button in box.buttons}
    qtbot.mouseClick(buttons["<b>29.5%"], LEFT)
    assert disputed.editor.doc.relationship(rel.id).share.text == "29.5"
    assert item.label == "29.5% \u2260"  # the status is still in dispute
    assert disputed.editor.undo_stack.count() == 1
    disputed.editor.undo_stack.undo()
    assert disputed.editor.doc.relationship(rel.id) == rel
    assert item.label == "30% \u2260 29.5%"


def test_problems_list_each_disagreement(disputed, qtbot):
    pane = disputed.problems
    qtbot.waitUntil(lambda: pane.topLevelItemCount() > 0, timeout=2000)
    texts = [pane.topLevelItem(i).text(1) for i in range(pane.topLevelItemCount())]
    assert sum("sources disagree" in t for t in texts) == 2


def test_merge_then_split_are_one_step_each_and_undo_redo_gives_the_same_model(window):
    doc = window.editor.doc
    before = _copy(doc)
    window.select_ids(["weibo"])
    window.editor.scene.entity_items["caixin"].setSelected(True)  # selected second: absorbed
    assert window.merge_action.isEnabled() and not window.split_action.isEnabled()
    window.merge_action.trigger()
    assert not doc.has_entity("caixin") and "Caixin" in doc.entity("weibo").aliases
    merged = _copy(doc)
    assert window.selected_ids() == ["weibo"] and window.split_action.isEnabled()
    stack = window.editor.undo_stack
    stack.undo()
    assert doc == before
    stack.redo()
    assert doc == merged
    window.split_action.trigger()
    assert doc == before and stack.count() == 2
    stack.undo()
    assert doc == merged
    stack.undo()
    assert doc == before
    for _ in range(2):
        stack.redo()
    assert doc == before


def test_alt_drag_one_entity_onto_another_merges_them(window, qtbot):
    scene = window.editor.scene
    dragged, target = scene.entity_items["caixin"], scene.entity_items["weibo"]
    middle = (dragged.scenePos() + target.scenePos()) / 2
    window.canvas.centerOn(middle)
    start = view_point(window, dragged.scenePos()) + QPoint(-20, 0)
    end = view_point(window, target.scenePos()) + QPoint(-20, 0)
    assert window.canvas.viewport().rect().contains(start) and window.canvas.viewport().rect().contains(end)
    viewport = window.canvas.viewport()
    QTest.mousePress(viewport, LEFT, ALT, start)
    for step in range(1, 7):
        QTest.mouseMove(viewport, start + (end - start) * step / 6)
    QTest.mouseRelease(viewport, LEFT, ALT, end)
    doc = window.editor.doc
    assert not doc.has_entity("caixin") and "Caixin" in doc.entity("weibo").aliases
    assert window.editor.undo_stack.count() == 1  # a merge, and no move
    window.editor.undo_stack.undo()
    assert doc.has_entity("caixin") and "caixin" not in doc.pins("ownership")


def test_sources_pane_ranks_and_kinds_are_undoable_and_redraw_the_line(disputed, qtbot):
    pane, doc = disputed.sources_pane, disputed.editor.doc
    qtbot.waitUntil(lambda: pane.ids == ["filing", "story"], timeout=2000)
    assert pane.table.item(0, 3).text() == "1" and pane.kind_combo("filing").currentText() == "filing"
    pane.select("story")
    qtbot.mouseClick(pane.up, LEFT)
    assert doc.ranks() == {"story": 0, "filing": 1}
    assert _line(disputed).share.text == "29.5"  # the story now ranks first, so it is drawn
    qtbot.waitUntil(lambda: pane.ids == ["story", "filing"], timeout=2000)
    disputed.editor.undo_stack.undo()
    assert doc.ranks() == {"filing": 0, "story": 1} and _line(disputed).share.text == "30"
    qtbot.waitUntil(lambda: pane.ids == ["filing", "story"], timeout=2000)
    combo = pane.kind_combo("filing")
    combo.setCurrentText("other")
    combo.activated.emit(combo.currentIndex())
    assert doc.source("filing").kind == "other" and _line(disputed).share.text == "29.5"
    disputed.editor.undo_stack.undo()
    assert doc.source("filing").kind == "filing" and _line(disputed).share.text == "30"


def test_show_only_what_a_source_says_dims_the_rest(window, qtbot):
    scene, doc = window.editor.scene, window.editor.doc
    source = "technode-2020-04-24"
    doc.add_source(type(doc.source(source))("other", "Another"))  # cited by nothing
    pane = window.sources_pane
    qtbot.waitUntil(lambda: "other" in pane.ids, timeout=2000)
    pane.select(source)
    pane.only.setChecked(True)
    cited = scene.relationship_items["own-xiaomi-xinwang"]
    assert cited.opacity() == 1.0 and scene.entity_items["xiaomi"].opacity() == 1.0
    uncited = scene.entity_items["sg-licensing-authority"]
    assert uncited.opacity() == pytest.approx(0.2)
    window.editor.create_entity("company", QPointF(0, 0), "Newcomer")  # added while focused
    newcomer = next(e.id for e in doc.entities() if e.name == "Newcomer")
    qtbot.waitUntil(lambda: scene.entity_items[newcomer].opacity() == pytest.approx(0.2), timeout=2000)
    pane.select("other")  # another source: nothing cites it, everything dims
    assert cited.opacity() == pytest.approx(0.2)
    pane.only.setChecked(False)
    assert all(item.opacity() == 1.0 for item in [*scene.entity_items.values(),
                                                  *scene.relationship_items.values()])


def test_import_into_a_project_previews_and_adds_as_one_step(window, tmp_path):
    doc = window.editor.doc
    before = _copy(doc)
    extract = tmp_path / "extract.bods.json"
    extract.write_text(json.dumps(EXTRACT), encoding="utf-8")
    seen = {}

    def ok(dialog):
        seen["matched"] = dialog.findChild(type(dialog.possible), "matched_list").count()
        seen["new"] = [dialog.findChild(type(dialog.possible), "new_list").item(i).text()
                       for i in range(dialog.findChild(type(dialog.possible), "new_list").count())]
        return True

    assert window.add_source_file(str(extract), ask=ok)
    assert seen == {"matched": 2, "new": ["Lei Jun"]}
    assert any(e.name == "Lei Jun" for e in doc.entities())
    assert "XIAOMI CORPORATION" in doc.entity("xiaomi").aliases
    assert window.editor.undo_stack.count() == 1
    window.editor.undo_stack.undo()
    assert doc == before
    window.editor.undo_stack.redo()
    assert any(e.name == "Lei Jun" for e in doc.entities())


def test_a_cancelled_preview_changes_nothing(window, tmp_path):
    before = _copy(window.editor.doc)
    extract = tmp_path / "extract.bods.json"
    extract.write_text(json.dumps(EXTRACT), encoding="utf-8")
    assert not window.add_source_file(str(extract), ask=lambda dialog: False)
    assert window.editor.doc == before and window.editor.undo_stack.count() == 0


def test_merge_entities_keeps_the_first_selected(window):
    doc = window.editor.doc
    window.select_ids(["caixin"])
    window.editor.scene.entity_items["weibo"].setSelected(True)
    window.merge_action.trigger()
    assert doc.has_entity("caixin") and not doc.has_entity("weibo")
    assert isinstance(doc.entity("caixin"), Entity)
