"""The canvas driven with the mouse, as a user would: move, connect, drop, delete, undo."""

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from gui.scene import KIND_MIME
from tests.gui.conftest import LEFT, answer_dialog, centre_on, view_point


def drag(viewport, start: QPoint, end: QPoint, steps: int = 6) -> None:
    QTest.mousePress(viewport, LEFT, Qt.KeyboardModifier.NoModifier, start)
    for i in range(1, steps + 1):
        QTest.mouseMove(viewport, start + (end - start) * i / steps)
    QTest.mouseRelease(viewport, LEFT, Qt.KeyboardModifier.NoModifier, end)


def send_drop(widget, mime: QMimeData, at: QPoint) -> None:
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    for cls in (QDragEnterEvent, QDragMoveEvent):
        QApplication.sendEvent(widget, cls(at, actions, mime, LEFT, Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(widget, QDropEvent(QPointF(at), actions, mime, LEFT,
                                              Qt.KeyboardModifier.NoModifier))


def test_dragging_a_node_moves_it_and_one_undo_puts_it_back(window):
    scene = window.editor.scene
    item = scene.entity_items["xinwang"]
    before = item.pos()
    start = centre_on(window, "xinwang") + QPoint(-20, 0)  # on the node, away from its port
    drag(window.canvas.viewport(), start, start + QPoint(120, 70))
    assert item.pos() == before + QPointF(120, 70)
    assert window.editor.doc.pins("ownership")["xinwang"] == (before.x() + 120, before.y() + 70)
    assert window.isWindowModified()
    line = scene.relationship_items["own-xiaomi-xinwang"]
    assert line.sceneBoundingRect().intersects(item.sceneBoundingRect().adjusted(-5, -5, 5, 5))
    window.findChild(type(window.undo_action), "undo").trigger()
    assert item.pos() == before
    assert "xinwang" not in window.editor.doc.pins("ownership")
    assert not window.isWindowModified()


def test_a_click_without_moving_pushes_no_command(window):
    start = centre_on(window, "xinwang") + QPoint(-20, 0)
    QTest.mouseClick(window.canvas.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, start)
    assert window.editor.undo_stack.count() == 0
    assert window.selected_ids() == ["xinwang"]
    assert "Sichuan Xinwang Bank" in window.details.heading.text()


def test_dragging_from_one_node_to_another_creates_a_10_percent_stake(window):
    scene = window.editor.scene
    tencent, bank = scene.entity_items["tencent"], scene.entity_items["xinwang"]
    port = view_point(window, tencent.mapToScene(tencent.port_rect().center()))
    centre_on(window, "tencent")
    port = view_point(window, tencent.mapToScene(tencent.port_rect().center()))
    target = view_point(window, bank.scenePos())
    before = tencent.pos()

    def fill(dialog):
        assert dialog.kind.currentData() == "ownership"
        dialog.share.setText("10")
        dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()

    answer_dialog(fill)
    drag(window.canvas.viewport(), port, target)
    rels = [r for r in window.editor.doc.relationships("ownership") if (r.subject, r.object) == (
        "tencent", "xinwang")]
    assert len(rels) == 1 and rels[0].share.text == "10"
    line = scene.relationship_items[rels[0].id]
    assert line.label == "10%" and line.isVisible()
    assert tencent.pos() == before  # dragging from the handle connects; the node itself stays
    assert window.editor.doc.pins("ownership") == {}


def test_text_selection_dropped_on_a_line_adds_a_citation_the_details_list(window):
    rel_id = "own-tencent-webank"
    before = len(window.editor.doc.relationship(rel_id).citations)
    text = window.source.text
    start = text.plain.index("China\u2019s third online banking firm")
    cursor = QTextCursor(text.document())
    cursor.setPosition(start)
    cursor.setPosition(start + len("China\u2019s third online banking firm"), QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    mime = text.createMimeDataFromSelection()
    line = window.editor.scene.relationship_items[rel_id]
    window.canvas.centerOn(line)
    send_drop(window.canvas.viewport(), mime, view_point(window, line._label_at))
    citations = window.editor.doc.relationship(rel_id).citations
    assert len(citations) == before + 1
    assert citations[-1].quote == "China\u2019s third online banking firm"
    window.select_ids([rel_id])
    assert "third online banking firm" in window.details.citations.toPlainText()
    window.editor.undo_stack.undo()
    assert len(window.editor.doc.relationship(rel_id).citations) == before


def test_words_dropped_on_empty_canvas_make_a_cited_entity(window):
    text = window.source.text
    start = text.plain.index("Ant Financial")
    cursor = QTextCursor(text.document())
    cursor.setPosition(start - 1)  # a stray space is trimmed
    cursor.setPosition(start + len("Ant Financial"), QTextCursor.MoveMode.KeepAnchor)
    text.setTextCursor(cursor)
    empty = window.editor.scene.itemsBoundingRect().bottomRight() + QPointF(300, 300)
    window.canvas.centerOn(empty)
    send_drop(window.canvas.viewport(), text.createMimeDataFromSelection(), view_point(window, empty))
    new = window.editor.doc.entity(window.selected_ids()[0])
    assert new.name == "Ant Financial" and new.citations[0].start == start
    assert window.details.name.hasFocus() or window.details.name.selectedText() == "Ant Financial"


def test_palette_kind_dropped_on_canvas_adds_an_entity_with_its_name_in_edit(window):
    mime = QMimeData()
    mime.setData(KIND_MIME, b"person")
    at = QPoint(200, 200)
    send_drop(window.canvas.viewport(), mime, at)
    (new_id,) = window.selected_ids()
    entity = window.editor.doc.entity(new_id)
    assert entity.kind == "person" and entity.name == "New person"
    assert window.details.name.selectedText() == "New person"
    window.details.name.setText("Lei Jun")
    window.details.name.editingFinished.emit()
    assert window.editor.doc.entity(new_id).name == "Lei Jun"
    assert window.editor.scene.entity_items[new_id].name == "Lei Jun"
    window.editor.undo_stack.undo()
    window.editor.undo_stack.undo()
    assert not window.editor.doc.has_entity(new_id)


def test_delete_then_undo_restores_node_with_lines_and_citations(window, qtbot):
    doc = window.editor.doc
    before_entity = doc.entity("xinwang")
    before_lines = {r.id: r for r in doc.relationships_of("xinwang")}
    assert len(before_lines) == 2
    window.select_ids(["xinwang"])
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, Qt.Key.Key_Delete)
    assert not doc.has_entity("xinwang")
    assert not any(rid in window.editor.scene.relationship_items for rid in before_lines)
    window.editor.undo_stack.undo()
    assert doc.entity("xinwang") == before_entity and before_entity.citations
    assert {r.id: r for r in doc.relationships_of("xinwang")} == before_lines
    assert set(before_lines) <= set(window.editor.scene.relationship_items)
    shown = {r for r, rel in before_lines.items() if rel.kind == "ownership"}  # the view's own kind
    assert shown and all(window.editor.scene.relationship_items[r].isVisible() for r in shown)


def test_arrow_keys_nudge_and_merge_into_one_undo_step(window):
    item = window.editor.scene.entity_items["webank"]
    before = item.pos()
    window.select_ids(["webank"])
    window.canvas.setFocus()
    for _ in range(3):
        QTest.keyClick(window.canvas, Qt.Key.Key_Right)
    assert item.pos() == before + QPointF(30, 0)
    assert window.editor.undo_stack.count() == 1
    window.editor.undo_stack.undo()
    assert item.pos() == before


def test_zoom_keys_and_fit(window):
    canvas = window.canvas
    canvas.setFocus()
    z = canvas.zoom()
    QTest.keyClick(canvas, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert canvas.zoom() > z
    QTest.keyClick(canvas, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    visible = canvas.mapToScene(canvas.viewport().rect()).boundingRect()
    assert visible.contains(window.editor.scene.itemsBoundingRect())


def test_relayout_keeps_pins_and_is_one_undo_step(window):
    doc = window.editor.doc
    doc.set_pin("ownership", "webank", (5000.0, 5000.0))
    window.relayout()
    assert doc.place("ownership", "webank") == (5000.0, 5000.0)
    assert window.editor.undo_stack.count() == 1
    window.unpin_all()
    assert doc.place("ownership", "webank") != (5000.0, 5000.0)
    window.editor.undo_stack.undo()
    assert doc.place("ownership", "webank") == (5000.0, 5000.0)


def test_hostile_names_are_shown_as_written_not_as_markup(window):
    import dataclasses

    entity = window.editor.doc.entity("xiaomi")
    window.editor.replace(dataclasses.replace(entity, name="<b>Evil</b> & <img src='x'>"))
    item = window.editor.scene.entity_items["xiaomi"]
    assert item.name == "<b>Evil</b> & <img src='x'>"
    assert "&lt;b&gt;Evil&lt;/b&gt; &amp; &lt;img" in item.toolTip()
    window.select_ids(["xiaomi"])
    assert "&lt;b&gt;Evil" in window.details.heading.text()
