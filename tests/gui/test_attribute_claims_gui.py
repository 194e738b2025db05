"""An entity whose sources disagree on an attribute, in the window: Details shows the claims side by
side, "Use this one" draws the chosen value as one undo step, and Problems lists the disagreement."""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtWidgets import QLabel

from model.merge import merge_entities
from model.types import Attribute, Citation
from tests.gui.conftest import LEFT, window_on
from tests.model.test_claims import _two_sources


@pytest.fixture
def window(qtbot, tmp_path):
    """A window on a project where a story puts Xiaomi in China and a filing in the Cayman Islands."""
    doc = _two_sources()
    said = {"x": ("China", Citation("story", 0, 6, "Xiaomi")),
            "xc": ("Cayman Islands", Citation("filing", 0, 18, "Xiaomi Corporation"))}
    for entity_id, (place, quote) in said.items():
        entity = doc.entity(entity_id)
        doc.update_entity(dataclasses.replace(entity, citations=(quote,), attributes={
            "jurisdiction": Attribute(place, citations=(quote,))}))
    merge_entities(doc, "x", "xc")
    return window_on(doc, qtbot, tmp_path)


def test_use_this_one_on_an_attribute_is_one_undo_step(window, qtbot, tmp_path):
    doc = window.editor.doc
    before = doc.entity("x")
    assert before.attributes["jurisdiction"].value == "Cayman Islands"  # the filing ranks above the story
    window.select_ids(["x"])
    details = window.details
    assert details.claims_scroll.isVisibleTo(details)
    text = " ".join(label.text() for label in details.claims.findChildren(QLabel))
    assert "Sources disagree on the jurisdiction" in text and "A story (article, 2020-04-24)" in text
    assert "sources disagree" in details.attributes.text()
    buttons = {button.parent().findChild(QLabel).text().split("</b>")[0]: button
               for button in details.claims.buttons}
    qtbot.mouseClick(buttons["<b>China"], LEFT)
    assert doc.entity("x").attributes["jurisdiction"].value == "China"
    assert "sources disagree" not in details.attributes.text()
    assert window.editor.undo_stack.count() == 1
    window.editor.undo_stack.undo()
    assert doc.entity("x") == before
    window.details.grab().save(str(tmp_path / "details.png"))


def test_problems_list_the_attribute_disagreement(window, qtbot):
    pane = window.problems
    qtbot.waitUntil(lambda: pane.topLevelItemCount() > 0, timeout=2000)
    texts = [pane.topLevelItem(i).text(1) for i in range(pane.topLevelItemCount())]
    assert any("sources disagree on the jurisdiction" in t and "Cayman Islands" in t for t in texts)
