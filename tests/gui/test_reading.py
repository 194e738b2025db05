"""Reading an article in the window: proposals in the Suggestions pane, each acceptance one undo
step that undo takes back, rejections remembered with the source, the words shown in Source."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from model.checks import ERROR, check
from model.document import Document
from tests.conftest import ROOT

ARTICLE = (ROOT / "seeds" / "xiaomi-fintech-2020-04-24.txt").read_text(encoding="utf-8")


def fresh(window):
    window.set_document(Document("reading"), None)
    assert window.read_article(ARTICLE, "Xiaomi brings in banker")
    return window.suggestions


def test_selecting_a_proposal_shows_its_words_in_the_source(window, qtbot):
    pane = fresh(window)
    proposals = pane.reading.proposals
    assert len(proposals) >= 10
    item = pane._items()[3]
    pane.tree.setCurrentItem(item)
    proposal = proposals[item.data(0, int(Qt.ItemDataRole.UserRole))]
    assert window.source.text.textCursor().selectedText() == proposal.quote


def test_accepting_everything_checks_clean_and_undo_takes_each_back(window, qtbot):
    pane = fresh(window)
    doc, stack = window.editor.doc, window.editor.undo_stack
    steps_before = stack.count()
    accepted = pane.accept_above(0.0)
    assert accepted >= 10 and stack.count() == steps_before + accepted  # one step per acceptance
    assert len(doc.relationships()) >= 10
    assert [p for p in check(doc) if p.severity == ERROR] == []
    assert "0 to review" in pane.status.text()
    cited = sum(len(r.citations) for r in doc.relationships())
    stack.undo()
    qtbot.waitUntil(lambda: "1 to review" in pane.status.text(), timeout=3000)
    assert sum(len(r.citations) for r in doc.relationships()) == cited - 1
    for _ in range(accepted - 1):
        stack.undo()
    assert doc.relationships() == [] and doc.entities() == []
    assert len(doc.sources()) == 1  # the source stays until its own step is undone
    stack.undo()
    assert doc.sources() == []


def test_enter_accepts_and_delete_rejects_and_a_rejection_is_remembered(window, qtbot):
    pane = fresh(window)
    doc = window.editor.doc
    pane.tree.setFocus()
    first, second = pane._items()[:2]
    pane.tree.setCurrentItem(first)
    rejected = pane.reading.proposals[first.data(0, int(Qt.ItemDataRole.UserRole))]
    QTest.keyClick(pane.tree, Qt.Key.Key_Delete)
    assert rejected.key in doc.sources()[0].rejected
    pane.tree.setCurrentItem(second)
    accepted = pane.reading.proposals[second.data(0, int(Qt.ItemDataRole.UserRole))]
    QTest.keyClick(pane.tree, Qt.Key.Key_Return)
    assert any(c.quote == accepted.quote for r in doc.relationships() for c in r.citations)
    # reading the same article again reuses its source and proposes nothing rejected
    assert window.read_article(ARTICLE, "again")
    assert len(doc.sources()) == 1
    assert rejected.key not in {p.key for p in pane.reading.proposals}
    window.editor.undo_stack.undo()  # the acceptance
    window.editor.undo_stack.undo()  # the rejection
    assert rejected.key not in doc.sources()[0].rejected


def test_edit_accepts_and_hands_the_line_to_details(window, qtbot):
    pane = fresh(window)
    item = next(i for i in pane._items()
                if pane.reading.proposals[i.data(0, int(Qt.ItemDataRole.UserRole))].relation == "ownership")
    pane.tree.setCurrentItem(item)
    before = len(window.editor.doc.relationships())
    pane.edit_button.click()
    assert len(window.editor.doc.relationships()) == before + 1
    selected = window.selected_ids()
    assert len(selected) == 1 and window.editor.doc.relationship(selected[0]).kind == "ownership"
    assert window.details_dock.isVisible()


def test_a_contradicting_proposal_is_flagged_then_kept_beside_as_a_claim(window, qtbot):
    from model.claims import disputes

    window.set_document(Document("reading"), None)
    assert window.read_article("Xiaomi holds 29.5% of Sichuan Xinwang Bank.", "first")
    window.suggestions.accept_above(0.0)
    assert window.read_article("Xiaomi holds 30% of Sichuan Xinwang Bank, a later story says.", "second")
    pane, doc, stack = window.suggestions, window.editor.doc, window.editor.undo_stack
    (line,) = doc.relationships()
    number = 0
    assert not pane.accept(number)  # flagged first: it contradicts the project
    assert "in conflict" in pane.status.text() and "1 in conflict" in pane.status.text()
    steps = stack.count()
    assert pane.accept(number)  # accepted again: both kept, as claims of their sources
    assert stack.count() == steps + 1
    disputed = doc.relationship(line.id)
    assert {c.value for c in disputes(disputed)["share"]} == {"29.5", "30"}
    stack.undo()
    assert doc.relationship(line.id) == line
