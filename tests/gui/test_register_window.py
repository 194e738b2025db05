"""A register in the window: open a store, search as you type, open a neighbourhood whose facts cite
their statements, the "+N" badges, expand (one undo step) and collapse, and stores that fail.

The store holds one group: Ada Owner holds Acme Group Holdings, which holds Acme Group Limited, the
hub of twelve subsidiaries; Bo Other also holds a quarter of the first of them.
"""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from gui.register.pieces import store_name
from model.register.engine import connect
from model.register.indexing import index_files
from model.register.queries import neighbourhood
from tests.gui.conftest import LEFT, centre_on, view_point
from tests.model.conftest import postgresql_address, postgresql_server  # noqa: F401 (fixtures)
from tests.register_gen import BANDS, entity, person, relationship

SUBSIDIARIES = 12


def group() -> list[dict]:
    out = [person("ada", "Ada Owner"), person("bo", "Bo Other"),
           entity("holding", "Acme Group Holdings PLC", identifiers=(("GB-COH", "00000001"),)),
           entity("hub", "Acme Group Limited", identifiers=(("GB-COH", "00000002"),)),
           relationship("r-holding", "holding", "ada", BANDS[2]),
           relationship("r-hub", "hub", "holding", {"exact": 100})]
    for number in range(SUBSIDIARIES):
        out += [entity(f"sub{number}", f"Acme Subsidiary {number:02d} Ltd"),
                relationship(f"r-sub{number}", f"sub{number}", "hub", {"exact": 100})]
    out.append(relationship("r-bo", "sub0", "bo", BANDS[0]))
    return out


def indexed(address: str, tmp_path) -> str:
    dump = tmp_path / "acme.jsonl"
    dump.write_text("".join(json.dumps(s) + "\n" for s in group()), encoding="utf-8")
    engine = connect(address)
    assert index_files(engine, [str(dump)]).bad == 0
    engine.close()
    return address


@pytest.fixture
def store_path(tmp_path):
    return indexed(str(tmp_path / "acme.sqlite"), tmp_path)


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, tmp_path):
    """The store on SQLite, then on PostgreSQL (skipped where PostgreSQL is absent, but not in CI)."""
    if request.param == "sqlite":
        return indexed(str(tmp_path / "acme.sqlite"), tmp_path)
    return indexed(request.getfixturevalue("postgresql_address"), tmp_path)


def wait_idle(window, qtbot) -> None:
    qtbot.waitUntil(lambda: (window.register_worker is None or not window.register_worker.busy)
                    and not window._layouts.busy and not window._expanding, timeout=20000)
    QApplication.processEvents()


@pytest.fixture
def opened(window, qtbot, any_store):
    """The window with the store open and Ada Owner's neighbourhood (two hops) shown."""
    open_by_search(window, qtbot, any_store, "ada own", "hub")
    wait_idle(window, qtbot)
    return window


def open_by_search(window, qtbot, store: str, typed: str, shown: str) -> None:
    """Open the store, type into the Register pane's search and press Enter on the first result;
    wait until ``shown`` is on the canvas."""
    assert window.open_register(store)
    wait_idle(window, qtbot)
    pane = window.register_pane
    qtbot.keyClicks(pane.search_box, typed)
    qtbot.waitUntil(lambda: pane.results.topLevelItemCount() > 0, timeout=10000)
    qtbot.keyClick(pane.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.doc.has_entity(shown), timeout=20000)


def badge_point(window, entity_id: str):
    item = window.editor.scene.entity_items[entity_id]
    centre_on(window, entity_id)
    return view_point(window, item.mapToScene(item.badge_rect().center()))


def test_search_as_you_type_finds_a_company_with_what_matched(window, qtbot, any_store):
    assert window.open_register(any_store)
    wait_idle(window, qtbot)
    assert window.register_dock.isVisible()
    pane = window.register_pane
    qtbot.keyClicks(pane.search_box, "acme group h")
    qtbot.waitUntil(lambda: pane.results.topLevelItemCount() > 0, timeout=10000)
    first = pane.results.topLevelItem(0)
    assert first.text(0) == "Acme Group Holdings PLC" and first.text(1) == "company"
    pane.search_box.clear()
    qtbot.keyClicks(pane.search_box, "00000002")
    qtbot.waitUntil(lambda: pane.results.topLevelItemCount() and pane.results.topLevelItem(0).text(0)
                    == "Acme Group Limited", timeout=10000)
    assert "00000002" in pane.results.topLevelItem(0).text(2)


def test_choosing_a_result_opens_its_neighbourhood_citing_the_register(opened):
    doc = opened.editor.doc
    assert {e.id for e in doc.entities()} == {"ada", "holding", "hub"}
    register = [s for s in doc.sources() if s.kind == "register" and s.text.startswith("statement ")]
    assert len(register) == 1
    for item in [*doc.entities(), *doc.relationships()]:
        cited = [c for c in item.citations if c.source_id == register[0].id]
        assert cited and cited[0].quote.startswith("statement "), item.id
    store = store_name(opened.register_worker.address)
    assert f"Ada Owner from {store}" in opened.windowTitle() and store in opened.register_status.text()


def test_the_badge_counts_the_lines_the_canvas_lacks(opened, any_store):
    scene = opened.editor.scene
    assert scene.entity_items["hub"].badge == SUBSIDIARIES
    assert scene.entity_items["holding"].badge == 0 and scene.entity_items["ada"].badge == 0
    walk = neighbourhood(connect(any_store), "ada", 2)
    assert scene.badges == walk.hidden
    assert f"{SUBSIDIARIES} more lines" in opened.register_status.text()


def test_double_clicking_the_badge_expands_in_one_undo_step(opened, qtbot):
    doc, stack, scene = opened.editor.doc, opened.editor.undo_stack, opened.editor.scene
    steps = stack.count()
    qtbot.mouseDClick(opened.canvas.viewport(), LEFT, pos=badge_point(opened, "hub"))
    qtbot.waitUntil(lambda: doc.has_entity("sub11"), timeout=20000)
    wait_idle(opened, qtbot)
    assert stack.count() == steps + 1
    assert len(doc.entities()) == 3 + SUBSIDIARIES
    assert scene.entity_items["hub"].badge == 0
    assert scene.entity_items["sub0"].badge == 1  # Bo Other's quarter, still in the register
    expansion = [s for s in doc.sources() if s.url.startswith("#expanded-from=hub")]
    assert len(expansion) == 1
    for number in range(SUBSIDIARIES):
        assert expansion[0].id in {c.source_id for c in doc.entity(f"sub{number}").citations}
    places = [scene.entity_items[f"sub{n}"].pos() for n in range(SUBSIDIARIES)]
    assert len({(p.x(), p.y()) for p in places}) == SUBSIDIARIES  # laid out, none on top of another
    assert len({p.x() for p in places}) < SUBSIDIARIES  # stacked in columns, not one wide row
    stack.undo()
    assert {e.id for e in doc.entities()} == {"ada", "holding", "hub"}
    assert expansion[0].id not in {s.id for s in doc.sources()}
    qtbot.waitUntil(lambda: scene.entity_items["hub"].badge == SUBSIDIARIES)


def test_expand_from_the_keyboard_and_collapse_hides_again(opened, qtbot):
    doc, stack, scene = opened.editor.doc, opened.editor.undo_stack, opened.editor.scene
    opened.select_ids(["hub"])
    opened.canvas.setFocus()
    qtbot.keyClick(opened.canvas, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: doc.has_entity("sub11"), timeout=20000)
    wait_idle(opened, qtbot)
    opened.select_ids(["sub0"])
    opened.expand("sub0")  # Bo Other comes in with the first subsidiary's expansion
    qtbot.waitUntil(lambda: doc.has_entity("bo"), timeout=20000)
    wait_idle(opened, qtbot)
    steps = stack.count()
    opened.select_ids(["hub"])
    qtbot.keyClick(opened.canvas, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: not doc.has_entity("sub11"), timeout=20000)
    wait_idle(opened, qtbot)
    assert {e.id for e in doc.entities()} == {"ada", "holding", "hub"}  # Bo went with sub0
    assert stack.count() == steps + 1
    assert not [s for s in doc.sources() if s.url.startswith("#expanded-from=")]
    assert scene.entity_items["hub"].badge == SUBSIDIARIES
    stack.undo()
    assert doc.has_entity("bo") and doc.has_entity("sub11")
    qtbot.waitUntil(lambda: scene.entity_items["hub"].badge == 0)


def test_the_context_menu_offers_expand_with_the_count(opened, qtbot, monkeypatch):
    shown = []
    monkeypatch.setattr("PySide6.QtWidgets.QMenu.popup", lambda menu, _pos: shown.append(menu))
    at = centre_on(opened, "hub")
    opened.canvas.customContextMenuRequested.emit(at)
    texts = [a.text() for a in shown[0].actions()]
    assert texts[0] == f"Expand from Register (+{SUBSIDIARIES})" and shown[0].actions()[0].isEnabled()
    assert opened.selected_ids() == ["hub"]


def error_text(window) -> str:
    box = window.findChild(QMessageBox, "error_box")
    return box.text() if box is not None and box.isVisible() else ""


@pytest.mark.parametrize("make, words", [
    (lambda tmp: tmp / "absent.sqlite", "there is no register store at"),
    (lambda tmp: (tmp / "notes.sqlite").write_text("not a database " * 100) and tmp / "notes.sqlite",
     "not a register store"),
    (lambda tmp: _other_database(tmp / "accounts.sqlite"), "not a register store"),
    (lambda tmp: "postgresql://nobody@127.0.0.1:1/register", "cannot connect"),
])
def test_a_bad_store_gives_a_message_and_keeps_the_document(window, qtbot, tmp_path, make, words):
    before = window.editor.doc
    path = make(tmp_path)
    kept = path.read_bytes() if isinstance(path, Path) and path.exists() else None
    window.open_register(str(path))
    qtbot.waitUntil(lambda: words in error_text(window), timeout=20000)
    assert window.editor.doc is before and window.register_worker is None
    if kept is not None:  # someone else's file is left exactly as it was: no store tables added
        assert path.read_bytes() == kept


def _other_database(path: Path) -> Path:
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE accounts (name TEXT)")
    connection.commit()
    connection.close()
    return path


def test_a_store_that_stops_answering_gives_a_message(opened, qtbot, monkeypatch):
    engine = opened.register_worker._engine

    def broken(*_args, **_kwargs):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(engine, "rows", broken)
    doc = opened.editor.doc
    opened.expand("hub")
    qtbot.waitUntil(lambda: "disk I/O error" in error_text(opened), timeout=20000)
    assert len(doc.entities()) == 3 and opened.editor.doc is doc


def test_what_the_cap_left_out_shows_in_the_status_bar(window, qtbot, store_path):
    assert window.open_register(str(store_path))
    wait_idle(window, qtbot)
    pane = window.register_pane
    pane.cap.setValue(5)
    qtbot.keyClicks(pane.search_box, "acme group limited")
    qtbot.waitUntil(lambda: bool(pane.hits) and pane.hits[0].record_id == "hub", timeout=10000)
    qtbot.keyClick(pane.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.editor.doc.has_entity("hub"), timeout=20000)
    wait_idle(window, qtbot)
    assert len(window.editor.doc.entities()) == 5
    message = window.statusBar().currentMessage()
    assert "were left out" in message and "over the cap of 5" in message
    assert "left out" in window.register_status.toolTip()
    assert window.editor.scene.badges["hub"] == SUBSIDIARIES + 1 - 4  # 13 lines, 4 of them drawn


def test_the_shared_register_samples_open_with_cited_facts(window, qtbot, tmp_path, shared_dir):
    samples = sorted((shared_dir / "data" / "bods" / "v0.4" / "bods-validator").glob("*.json"))
    if not samples:
        pytest.skip("no register samples in ../shared/data/bods/v0.4/bods-validator")
    path = tmp_path / "samples.sqlite"
    engine = connect(str(path))
    index_files(engine, [str(p) for p in samples])
    engine.close()
    open_by_search(window, qtbot, str(path), "greenfield energy", "uk-entity-greenfield-energy")
    doc = window.editor.doc
    assert len(doc.entities()) > 1 and doc.relationships()
    register = [s for s in doc.sources() if s.kind == "register" and s.text.startswith("statement ")]
    assert register
    for rel in doc.relationships():
        assert register[0].id in {c.source_id for c in rel.citations}
