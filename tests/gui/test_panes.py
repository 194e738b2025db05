"""Panes and files: details validation, outline drags, source clicks, problems, find, files, recovery."""

import json
import os
import signal
import subprocess
import sys
import time

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from tests.conftest import ROOT
from tests.gui.conftest import LEFT, answer_dialog
from tests.gui.test_canvas import send_drop


def test_share_of_150_typed_in_details_is_refused_with_a_reason(window):
    window.select_ids(["own-xiaomi-xinwang"])
    window.details.share.setText("150")
    window.details.share.editingFinished.emit()
    assert window.editor.doc.relationship("own-xiaomi-xinwang").share.text == "29.5"
    assert "between 0 and 100%, not 150%" in window.details.error.text()
    assert window.details.share.text() == "29.5"
    assert window.editor.undo_stack.count() == 0
    window.details.share.setText("25-50")
    window.details.share.editingFinished.emit()
    assert window.editor.doc.relationship("own-xiaomi-xinwang").share.text == "25-50"
    assert window.editor.scene.relationship_items["own-xiaomi-xinwang"].label == "25-50%"
    assert window.details.error.text() == ""
    window.editor.undo_stack.undo()
    assert window.details.share.text() == "29.5"


def test_details_list_quotes_and_mark_analyst_asserted(window):
    window.select_ids(["own-xiaomi-xinwang"])
    text = window.details.citations.toPlainText()
    assert "Xiaomi owns a 29.5% stake in Sichuan Xinwang Bank" in text
    assert "according to Tianyancha" in text and "TechNode 2020-04-24" in text
    window.select_ids(["sg-licensing-authority"])
    assert "analyst-asserted" in window.details.citations.toPlainText()


def test_clicking_a_citation_shows_it_in_the_source(window):
    window.select_ids(["own-xiaomi-xinwang"])
    window.details.citations.anchorClicked.emit(window.details.citations.source().resolved("cite:0"))
    selected = window.source.text.textCursor().selectedText()
    assert selected == "Xiaomi owns a 29.5% stake in Sichuan Xinwang Bank"


def _marks(pane) -> dict[tuple[int, int], str]:
    """The spans the source text shows marked (its extra selections) and their words."""
    return {(sel.cursor.selectionStart(), sel.cursor.selectionEnd()): sel.cursor.selectedText()
            for sel in pane.text.extraSelections()}


def _click_at(text, position: int) -> None:
    """A real mouse click on the character at ``position`` of the source text."""
    cursor = text.textCursor()
    cursor.setPosition(position)
    text.setTextCursor(cursor)
    text.ensureCursorVisible()
    QTest.mouseClick(text.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, text.cursorRect(cursor).center())


def test_clicking_a_highlight_selects_its_facts(window, qtbot):
    window.source_dock.raise_()
    qtbot.waitUntil(window.source.text.isVisible)
    _click_at(window.source.text, window.source.text.plain.index("29.5% stake") + 2)
    assert "own-xiaomi-xinwang" in window.selected_ids()


UNCITED = ("The company has been trying to leverage", "Amid the domestic regulation uncertainty",
           "Writing about semiconductors and telecommunications.")


def test_ticking_uncited_sentences_marks_exactly_the_sentences_nothing_cites(window):
    pane = window.source
    cited = _marks(pane)
    assert len(cited) > 40  # the cited spans are highlighted whether or not the box is ticked
    assert not any(words in text for text in cited.values() for words in UNCITED)  # unticked: unmarked
    pane.mark_uncited.setChecked(True)
    marks = _marks(pane)
    marked = [text for span, text in marks.items() if span not in cited]
    assert len(marked) == len(UNCITED), marked
    assert all(sum(words in text for text in marked) == 1 for words in UNCITED), marked
    assert f"{len(UNCITED)} sentences cite nothing" in pane.status.text()
    assert cited.items() <= marks.items()  # the highlights stay
    pane.mark_uncited.setChecked(False)
    assert _marks(pane) == cited


def _tree_item(tree, entity_id, parent_id=None):
    for item in tree.find_items_of(entity_id):
        parent = item.parent().data(0, 256) if item.parent() else None
        if parent == parent_id:
            return item
    raise AssertionError(f"{entity_id} not under {parent_id}")


def test_outline_drag_reparents_and_one_undo_restores(window, monkeypatch):
    doc = window.editor.doc
    tree = window.outline.ownership
    window.outline.setCurrentWidget(tree)
    dragged = _tree_item(tree, "webank", "tencent")
    target = _tree_item(tree, "alibaba")
    answer_dialog(lambda dialog: (dialog.setTextValue("12.5"), dialog.accept()))
    tree.setCurrentItem(dragged)
    at = tree.visualItemRect(target).center()
    send_drop(tree.viewport(), tree.mimeData([dragged]), at)
    owners = {r.subject: r.share.text for r in doc.relationships("ownership") if r.object == "webank"}
    assert owners == {"alibaba": "12.5"}
    window.outline.refresh()
    assert _tree_item(tree, "webank", "alibaba")
    window.editor.undo_stack.undo()
    owners = {r.subject: r.share.text for r in doc.relationships("ownership") if r.object == "webank"}
    assert owners == {"tencent": ""}
    assert window.editor.undo_stack.count() == 1


def test_outline_reporting_drag_makes_a_manager(window):
    tree = window.outline.reporting
    window.outline.setCurrentWidget(tree)
    send_target = _tree_item(tree, "zhao-weixing", "hong-feng")
    tree.setCurrentItem(_tree_item(tree, "hong-feng"))
    send_drop(tree.viewport(), tree.mimeData([tree.currentItem()]), tree.visualItemRect(send_target).center())
    rels = window.editor.doc.relationships("reporting")
    pairs = {(r.subject, r.object) for r in rels}
    assert pairs == {("zhao-weixing", "hong-feng"), ("hong-feng", "zhao-weixing")}
    window.outline.refresh()
    assert any("(cycle)" in item.text(0) for item in tree._all_items())


def test_problems_are_live_and_clicking_selects(window, qtbot):
    from gui.commands import AddRelationshipCommand
    from model.types import Relationship, Share

    # an ownership of Xiaomi by the bank Xiaomi owns makes a cycle
    loop = Relationship("loop", "ownership", "xinwang", "xiaomi", Share.exact(1), note="test")
    window.editor.push(AddRelationshipCommand(window.editor.doc, loop))
    qtbot.waitUntil(lambda: any("cycle" in window.problems.topLevelItem(i).text(1)
                                for i in range(window.problems.topLevelItemCount())))
    row = next(window.problems.topLevelItem(i) for i in range(window.problems.topLevelItemCount())
               if "cycle" in window.problems.topLevelItem(i).text(1))
    window.problems.itemClicked.emit(row, 0)
    assert window.selected_ids() and window.selected_ids()[0] in ("xiaomi", "xinwang")


def test_find_selects_by_alias_and_centres(window):
    assert window.find("新网") == "xinwang"
    assert window.selected_ids() == ["xinwang"]
    visible = window.canvas.mapToScene(window.canvas.viewport().rect()).boundingRect()
    assert visible.contains(window.editor.scene.entity_items["xinwang"].scenePos())
    assert window.find("no such thing") == ""


def test_views_reorder_the_picture(window):
    scene = window.editor.scene
    window.set_view("reporting")
    hong, zhao = scene.entity_items["hong-feng"], scene.entity_items["zhao-weixing"]
    assert hong.pos().y() < zhao.pos().y()  # the manager above the one who reports
    window.set_view("ownership")
    xiaomi, bank = scene.entity_items["xiaomi"], scene.entity_items["xinwang"]
    assert xiaomi.pos().y() < bank.pos().y()


def test_opening_a_broken_file_shows_the_error_and_keeps_the_document(window, tmp_path, qtbot):
    bad = tmp_path / "bad.stakemap.json"
    bad.write_text('{"format": "stakemap", "version": 1, "relationships": [{"id": 1}]}')
    before = window.editor.doc
    assert not window.open_path(str(bad))
    assert window.editor.doc is before
    box = window.findChild(QMessageBox, "error_box")
    assert box is not None and "$.relationships[0]" in box.text()
    box.close()


def test_dropping_a_project_file_opens_it(window, tmp_path):
    from PySide6.QtCore import QMimeData, QUrl

    from model.document import Document
    from model.formats import projectfile
    from model.types import Entity

    other = Document("other")
    other.add_entity(Entity("solo", "Solo Ltd"))
    path = tmp_path / "other.stakemap.json"
    projectfile.save(other, path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    send_drop(window.canvas.viewport(), mime, QPoint(50, 50))
    assert [e.name for e in window.editor.doc.entities()] == ["Solo Ltd"]
    assert str(path) in window.recent_files()[0] or window.recent_files()[0].endswith("other.stakemap.json")


def test_save_writes_pins_and_title_loses_its_mark(window, seed_copy):
    window.editor.nudge(["xiaomi"], 10, 0)
    assert window.isWindowModified()
    assert window.save()
    assert not window.isWindowModified()
    saved = json.loads(seed_copy.read_text(encoding="utf-8"))
    assert "xiaomi" in saved["layout"]["ownership"]


def test_closing_with_unsaved_changes_asks_first(window):
    asked = []
    window.ask_save_changes = lambda: asked.append(1) or QMessageBox.StandardButton.Cancel
    window.editor.nudge(["xiaomi"], 10, 0)
    window.close()
    assert asked and window.isVisible()
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard


def test_zoomed_out_labels_give_way_to_shapes(window):
    from gui.items import LOD_TEXT

    window.canvas.fit()
    window.canvas.resetTransform()
    window.canvas.scale(LOD_TEXT / 2, LOD_TEXT / 2)
    image = window.canvas.grab().toImage()
    assert image.width() > 0  # painting at low detail must not fail


RECOVERY_SCRIPT = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.recovery import Recovery
from gui.window import MainWindow
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat), Recovery(sys.argv[2]))
window.open_path(sys.argv[3])
window.editor.nudge(["xiaomi"], 40, 0)
window.write_recovery()
print("written", flush=True)
import time
time.sleep(60)
"""


def test_after_kill_9_the_next_start_offers_the_unsaved_work(tmp_path, seed_copy, qtbot, monkeypatch):
    from PySide6.QtCore import QSettings

    from gui.recovery import Recovery
    from gui.window import MainWindow

    settings, recovery_dir = tmp_path / "s.ini", tmp_path / "rec"
    child = subprocess.Popen([sys.executable, "-c", RECOVERY_SCRIPT, str(settings), str(recovery_dir),
                              str(seed_copy)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "written"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
    time.sleep(0.1)
    window = MainWindow(QSettings(str(settings), QSettings.Format.IniFormat), Recovery(recovery_dir))
    qtbot.addWidget(window)
    window.ask_save_changes = lambda: QMessageBox.StandardButton.Discard
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    assert window.offer_recovery()
    assert window.editor.path == str(seed_copy)
    assert window.isWindowModified()
    from gui.measure import QtSizes
    from model.formats import projectfile
    from model.layout.arrange import arrange

    original = arrange(projectfile.load(seed_copy), "ownership", sizes=QtSizes()).places["xiaomi"]
    assert window.editor.doc.pins("ownership")["xiaomi"] == (original[0] + 40, original[1])
    assert list(recovery_dir.glob("recovery-*")) == []


def test_opening_bods_imports_it_and_saving_never_overwrites_it(window, tmp_path, monkeypatch):
    from model.formats import exports

    source = tmp_path / "register.bods.json"
    source.write_text(exports.DATA_FORMATS[".bods.json"](window.editor.doc)[0], encoding="utf-8")
    before = source.read_bytes()
    assert window.open_path(str(source))
    assert window.editor.path is None and "register.bods.json (imported)" in window.windowTitle()
    assert any(e.name == "Sichuan Xinwang Bank" for e in window.editor.doc.entities())
    target = tmp_path / "saved.stakemap.json"
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), "")))
    assert window.save()
    assert source.read_bytes() == before and target.exists()
    assert window.editor.path == str(target)


def test_find_from_far_out_zooms_in_so_the_entity_can_be_selected(window):
    window.canvas.zoom_by(0.05 / window.canvas.zoom())
    assert window.editor.scene.overview and not window.editor.scene.entity_items["webank"].isVisible()
    assert window.find("WeBank") == "webank"
    assert window.selected_ids() == ["webank"]
    assert window.canvas.zoom() >= 0.5 and not window.editor.scene.overview


def test_window_layout_and_recent_files_persist(window, qtbot, tmp_path, seed_copy):
    from PySide6.QtCore import QSettings

    from gui.window import MainWindow

    window.legend_dock.hide()
    window.close()
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    again = MainWindow(settings)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.legend_dock.isHidden() and not again.details_dock.isHidden()
    assert again.recent_files()[0].endswith("seed.stakemap.json")


def test_source_offsets_survive_characters_outside_the_basic_plane():
    from gui.panes.source import index_to_utf16, utf16_to_index

    text = "Ant 🐜 Financial owns 😀 10%"
    for index in range(len(text) + 1):
        assert utf16_to_index(text, index_to_utf16(text, index)) == index
    assert text[utf16_to_index(text, index_to_utf16(text, 6)):].startswith("Financial")
