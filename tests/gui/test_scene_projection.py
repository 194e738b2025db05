"""The scene is a projection of (document, view, options): after any run of edits, undos, redos and
view switches, the live canvas draws exactly what a canvas built afresh from the document draws."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QPointF

from gui.commands import AddRelationshipCommand, CiteCommand
from gui.editor import Editor
from gui.measure import QtSizes
from gui.scene import DiagramScene
from model.formats import projectfile
from model.layout.arrange import arrange
from model.types import Citation, Relationship, Share
from tests.conftest import SEED

OPS = ("move", "unpin", "unpin_all", "add", "delete", "connect", "cite", "relayout", "view", "undo", "redo")
VIEWS = ("ownership", "reporting", "all")


def snapshot(scene: DiagramScene) -> dict:
    """What a reader sees: each shown entity's place, each shown line's route and label place."""
    def r(point):
        return (round(point[0], 3), round(point[1], 3))

    shown = {}
    for eid, item in scene.entity_items.items():
        if item.isVisible():
            shown[eid] = r((item.pos().x(), item.pos().y()))
    for rid, item in scene.relationship_items.items():
        if item.isVisible():
            centre = item.label_rect().center()
            label = r((centre.x(), centre.y())) if item.label else None
            shown[rid] = (tuple(r(p) for p in item.bends), label)
    return shown


def apply(editor: Editor, op: str, a: int, b: int, dx: int, dy: int) -> None:
    doc = editor.doc
    entities = sorted(e.id for e in doc.entities())
    rels = sorted(r.id for r in doc.relationships())
    if op == "move" and entities:
        eid = entities[a % len(entities)]
        old = doc.place(editor.view, eid) or editor.scene.picture.places.get(eid)
        if old is not None:
            editor.move_nodes({eid: (old, (old[0] + dx, old[1] + dy))})
    elif op == "unpin" and entities:
        editor.unpin([entities[a % len(entities)]])
    elif op == "unpin_all":
        editor.unpin([])
    elif op == "add":
        editor.create_entity("company", QPointF(dx * 3, dy * 3), name=f"New {a}")
    elif op == "delete" and (entities or rels):
        pool = entities + rels
        editor.delete([pool[a % len(pool)]])
    elif op == "connect" and len(entities) > 1:
        subject, obj = entities[a % len(entities)], entities[b % len(entities)]
        if subject != obj:
            rel = Relationship(doc.new_id("rel"), "ownership", subject, obj, Share.exact(10 + a % 80))
            editor.push(AddRelationshipCommand(doc, rel))
    elif op == "cite" and (entities or rels):
        pool = entities + rels
        source = doc.sources()[0]
        start = (a * 7) % max(len(source.text) - 20, 1)
        editor.push(CiteCommand(doc, pool[b % len(pool)],
                                Citation(source.id, start, start + 12, source.text[start:start + 12])))
    elif op == "relayout":
        editor.relayout()
    elif op == "view":
        editor.scene.set_view(VIEWS[a % 3])
    elif op == "undo":
        editor.undo_stack.undo()
    elif op == "redo":
        editor.undo_stack.redo()


def arranged_seed():
    """The seed as the window opens it: every view laid out with the canvas's own measures."""
    doc = projectfile.load(SEED)
    for view in VIEWS:
        doc.set_arrangement(view, arrange(doc, view, sizes=QtSizes()))
    return doc


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 50), st.integers(0, 50),
                                st.integers(-300, 300), st.integers(-300, 300)), min_size=1, max_size=12),
       show_other=st.booleans())
def test_live_scene_matches_a_fresh_one(qapp, steps, show_other):
    doc = arranged_seed()
    editor = Editor(doc, options={"show_other": show_other})
    try:
        for step in steps:
            apply(editor, *step)
            editor.scene.flush()
            fresh = DiagramScene(doc, editor.view, show_other=show_other)
            try:
                assert snapshot(editor.scene) == snapshot(fresh), step
            finally:
                fresh.detach()
    finally:
        editor.close()


def test_undoing_a_drag_of_an_unpinned_node_gives_back_its_bends(qapp):
    """The fault that made this a property: undoing a move left the node's lines straight."""
    doc = arranged_seed()
    editor = Editor(doc)
    try:
        before = snapshot(editor.scene)
        old = doc.place("ownership", "xiaomi")
        editor.move_nodes({"xiaomi": (old, (old[0] + 200, old[1] + 40))})
        editor.undo_stack.undo()
        assert snapshot(editor.scene) == before
        assert any(editor.scene.relationship_items[r].bends for r in ("own-xiaomi-xinwang",))
    finally:
        editor.close()
