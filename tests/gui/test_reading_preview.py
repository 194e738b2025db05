"""Reading an article into a project that has entities: the same preview as File > Import, OK adds it
all as one undo step, Cancel changes nothing, "Review One by One" goes on in the Suggestions pane; an
empty project, and an article read before, go straight to the Suggestions pane."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QListWidget, QMessageBox

from model.document import Document
from model.formats import projectfile
from model.formats.article import Article
from tests.gui.conftest import LEFT

TITLE = "Xiaomi lifts its stake in XW Bank"  # a plain text's headline is its title
STORY = """Xiaomi lifts its stake in XW Bank

Xiaomi now holds 30% of Sichuan Xinwang Bank, the lender said on Monday. Chengdu Tianfu Holdings, a
city fund, owns 12% of Sichuan Xinwang Bank.
"""


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "xiaomi-lifts-its-stake.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def rows(dialog, name: str) -> list[str]:
    found = dialog.findChild(QListWidget, f"{name}_list")
    return [found.item(row).text() for row in range(found.count())]


class Asked:
    """Stands in for showing the preview: notes what it lists, then answers as the user would."""

    def __init__(self, qtbot, answer: str) -> None:
        self.qtbot, self.answer, self.seen = qtbot, answer, None

    def __call__(self, dialog) -> int:
        self.seen = {name: rows(dialog, name) for name in ("possible", "matched", "new", "disagreements")}
        self.title = dialog.windowTitle()
        dialog.show()
        self.qtbot.waitExposed(dialog)
        dialog.tabs.setCurrentIndex(dialog.tabs.count() - 1)  # the widest rows: both claims, each source
        QApplication.processEvents()
        lists = dialog.findChildren(QListWidget)
        self.cut = [w.objectName() for w in lists if w.horizontalScrollBar().maximum() > 0]
        self.buttons_fit = dialog.findChild(QDialogButtonBox).sizeHint().width() <= dialog.width()
        if self.answer == "review":
            self.qtbot.mouseClick(dialog.review_button, LEFT)
        else:
            box = dialog.findChild(QDialogButtonBox)
            button = QDialogButtonBox.StandardButton.Ok if self.answer == "ok" else \
                QDialogButtonBox.StandardButton.Cancel
            self.qtbot.mouseClick(box.button(button), LEFT)
        return dialog.result()


def never(dialog):
    raise AssertionError("no preview was expected")


def test_the_preview_lists_what_is_matched_new_and_disputed(window, story, qtbot):
    ask = Asked(qtbot, "cancel")
    window.read_article_file(str(story), ask=ask)
    assert ask.title == f"Read \u201c{TITLE}\u201d into the project"
    assert ask.seen["matched"] == ["Xiaomi  =  Xiaomi   (same name: 'Xiaomi')",
                                   "Sichuan Xinwang Bank  =  Sichuan Xinwang Bank   "
                                   "(same name: 'Sichuan Xinwang Bank')"]
    assert ask.seen["new"] == ["Chengdu Tianfu Holdings"]
    assert ask.seen["possible"] == []
    (dispute,) = ask.seen["disagreements"]
    assert dispute.startswith("The share of Xiaomi \u2192 Sichuan Xinwang Bank (ownership): ")
    assert "29.5% (Xiaomi brings in banker to boost fintech push)" in dispute
    assert f"30% ({TITLE})" in dispute
    assert ask.cut == [] and ask.buttons_fit  # rows wrap rather than run off the side


def test_add_to_project_is_one_undo_step_that_undo_takes_back_exactly(window, story, qtbot):
    doc, stack = window.editor.doc, window.editor.undo_stack
    before = projectfile.dumps(doc)
    assert window.read_article_file(str(story), ask=Asked(qtbot, "ok"))
    assert stack.count() == 1 and stack.undoText() == f"Read \u201c{TITLE}\u201d"
    added = projectfile.dumps(doc)
    fund = next(e for e in doc.entities() if e.name == "Chengdu Tianfu Holdings")
    (source,) = [s for s in doc.sources() if s.text == STORY]
    assert (source.id, source.title, source.kind) == ("article-1", TITLE, "article")
    assert [c.source_id for c in fund.citations] == [source.id]
    stake = doc.relationship("own-xiaomi-xinwang")
    assert {c.value for c in stake.claims} >= {"29.5", "30"}  # both kept, the sources disagree
    assert fund.id in {r.subject for r in doc.relationships_of("xinwang") if r.kind == "ownership"}
    message = window.statusBar().currentMessage()
    assert message.startswith(f"Added \u201c{TITLE}\u201d: 1 new, 2 matched, 1 disagreements")
    assert window.suggestions.reading is None  # nothing left to review one by one
    stack.undo()
    assert projectfile.dumps(doc) == before
    stack.redo()
    assert projectfile.dumps(doc) == added


def test_what_is_known_of_the_article_stays_with_its_source(window, qtbot):
    headline = "Xiaomi lifts its stake in XW Bank"
    about = Article(STORY, headline, "A reporter", "2024-05-06", "The Wire", "https://example.org/xw")
    assert window.add_article(STORY, headline, about, ask=Asked(qtbot, "ok"))
    (source,) = [s for s in window.editor.doc.sources() if s.text == STORY]
    assert (source.title, source.publisher, source.date, source.url, source.kind) == (
        headline, "The Wire", "2024-05-06", "https://example.org/xw", "article")


def test_cancel_changes_nothing(window, story, qtbot):
    before = projectfile.dumps(window.editor.doc)
    assert not window.read_article_file(str(story), ask=Asked(qtbot, "cancel"))
    assert projectfile.dumps(window.editor.doc) == before
    assert window.editor.undo_stack.count() == 0 and window.suggestions.reading is None


def test_review_one_by_one_adds_the_source_and_lists_its_facts_in_suggestions(window, story, qtbot):
    doc = window.editor.doc
    entities = len(doc.entities())
    assert window.read_article_file(str(story), ask=Asked(qtbot, "review"))
    (source,) = [s for s in doc.sources() if s.text == STORY]
    assert source.title == TITLE and len(doc.entities()) == entities  # nothing accepted yet
    assert window.editor.undo_stack.count() == 1  # the source alone
    pane = window.suggestions
    assert window.suggestions_dock.isVisible() and pane.source.id == source.id
    quotes = {p.quote for p in pane.reading.proposals}
    assert any("30% of Sichuan Xinwang Bank" in quote for quote in quotes)
    assert any("owns 12% of Sichuan Xinwang Bank" in quote for quote in quotes)


def test_an_empty_project_goes_straight_to_suggestions(window, story):
    window.set_document(Document("empty"), None)
    assert window.read_article_file(str(story), ask=never)
    assert window.suggestions_dock.isVisible() and len(window.suggestions.reading.proposals) == 2
    assert [s.title for s in window.editor.doc.sources()] == [TITLE]


def test_an_article_read_before_goes_on_in_suggestions_with_its_rejections(window, story, qtbot):
    assert window.read_article_file(str(story), ask=Asked(qtbot, "review"))
    source, (turned_down, kept) = window.suggestions.source, window.suggestions.reading.proposals
    window.reject_proposal(source.id, turned_down.key)
    steps, sources = window.editor.undo_stack.count(), len(window.editor.doc.sources())
    window.suggestions.clear()
    assert window.read_article_file(str(story), ask=never)  # the same text: no preview
    assert window.editor.undo_stack.count() == steps and len(window.editor.doc.sources()) == sources
    assert window.suggestions.source.id == source.id
    assert [p.key for p in window.suggestions.reading.proposals] == [kept.key]


@pytest.mark.parametrize("name, content", [("broken.pdf", b"%PDF-1.4 not really"),
                                           ("latin1.txt", "Caf\u00e9 owns 5% of Bar".encode("latin-1")),
                                           ("blank.txt", b"  \n")])
def test_a_bad_article_file_says_why_and_changes_nothing(window, tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    before = projectfile.dumps(window.editor.doc)
    assert not window.read_article_file(str(path), ask=never)
    (error,) = window.findChildren(QMessageBox, "error_box")
    assert error.isVisible() and name in error.text() and "Traceback" not in error.text()
    assert projectfile.dumps(window.editor.doc) == before


def test_paste_as_new_source_shows_the_preview_and_adds_on_the_button(window, qtbot):
    """Through the menu and the real dialogs: the title asked for, then the preview, Add clicked."""
    QGuiApplication.clipboard().setText(STORY)
    seen = []

    def answer(left=200):
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QInputDialog):
            dialog.setTextValue("Pasted story")
            dialog.accept()
        elif dialog is not None and dialog.objectName() == "add_source_dialog":
            seen.append(dialog.windowTitle())
            box = dialog.findChild(QDialogButtonBox)
            qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), LEFT)
            return
        if left:
            QTimer.singleShot(20, lambda: answer(left - 1))

    QTimer.singleShot(0, answer)
    window.findChild(QAction, "paste_source").trigger()
    assert seen == ["Read \u201cPasted story\u201d into the project"]
    assert any(e.name == "Chengdu Tianfu Holdings" for e in window.editor.doc.entities())
    assert window.editor.undo_stack.count() == 1
