"""Reading an article in the window: File > Read Article (Ctrl+Shift+O: plain text, a saved web page
or a PDF), Edit > Paste as New Source, the Suggestions pane, and the dashed preview of a proposed
line on the canvas.

Into a project that has entities, an article goes through the same preview as File > Import
(:mod:`gui.add_source`): what it states, matched to what is there, added as one undo step; or, at the
user's choice, reviewed one by one. Otherwise (an empty project, nothing to match against, or an article
read before) the article becomes a source of the open project (one undo step) and what it states is
proposed in the Suggestions pane, each acceptance one more undo step. Rejections are kept with the
source, so reading it again proposes nothing rejected.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QLineF, Qt
from PySide6.QtGui import QGuiApplication, QKeySequence, QPen
from PySide6.QtWidgets import QDialog, QFileDialog, QGraphicsLineItem, QInputDialog

from model.extract.accept import find_entity, source_with_text
from model.formats.article import Article, read_article
from model.types import Source

from . import style
from .add_source import REVIEW, compare_article
from .background import run_or_tell
from .commands import AcceptCommand, AddSourceCommand, RejectCommand
from .panes.suggestions import SuggestionsPane

ARTICLE_FILTER = "Articles (*.txt *.text *.md *.html *.htm *.pdf);;All files (*)"


class ReadingMixin:
    """Needs the window's editor, source pane, docks and status bar (see :class:`MainWindow`)."""

    def build_reading(self, file_menu, edit_menu) -> None:
        self.suggestions = SuggestionsPane()
        self.suggestions.words_chosen.connect(self.show_citation)
        self.suggestions.preview.connect(self.preview_proposal)
        self.suggestions.accept_requested.connect(self.accept_plan)
        self.suggestions.edit_requested.connect(self.edit_accepted)
        self.suggestions.reject_requested.connect(self.reject_proposal)
        self._preview_line: QGraphicsLineItem | None = None
        read = self._action(file_menu, "&Read Article\u2026", self.read_article_dialog,
                            QKeySequence("Ctrl+Shift+O"), "read_article")
        file_menu.insertAction(file_menu.actions()[3], read)
        self._action(edit_menu, "Paste as New &Source", self.paste_as_source, QKeySequence("Ctrl+Shift+V"),
                     "paste_source")

    # --- in ---------------------------------------------------------------------------------------
    def read_article_dialog(self) -> None:
        folder = str(self.settings.value("last_folder", ""))
        path, _ = QFileDialog.getOpenFileName(self, "Read an article", folder, ARTICLE_FILTER)
        if path:
            self.read_article_file(path)

    def read_article_file(self, path: str, ask=None) -> bool:
        """Read the article in ``path`` (in a worker) and add it (:meth:`add_article`)."""
        article = run_or_tell(self, f"Reading {Path(path).name}\u2026", lambda: read_article(path),
                              "Cannot read this article", "Reading cancelled; nothing changed.")
        if article is None:
            return False
        if not article.text.strip():
            self.show_error("Cannot read this article", f"{path}: there is no text in it to read")
            return False
        return self.add_article(article.text, article.title or Path(path).stem, article, ask)

    def paste_as_source(self) -> None:
        text = QGuiApplication.clipboard().text()
        if not text.strip():
            self.statusBar().showMessage("The clipboard holds no text to read.", 5000)
            return
        title, ok = QInputDialog.getText(self, "Paste as new source", "Title of the source:",
                                         text=" ".join(text.split()[:8]))
        if ok:
            self.add_article(text, title.strip() or "Pasted text")

    def add_article(self, text: str, title: str, about: Article | None = None, ask=None) -> bool:
        """Add an article to the open project: into one with entities through the preview (read and
        compared in a worker; OK adds all as one undo step, "Review One by One" goes on as
        :meth:`read_article` does); into an empty one, or read again, straight to :meth:`read_article`.
        ``ask(dialog)`` stands in for showing the preview (tests). True when the article was added or
        its facts listed in Suggestions; False when cancelled or unreadable (nothing changed)."""
        if self.editor is None:
            return False
        doc = self.editor.doc
        if not doc.entities() or source_with_text(doc, text) is not None:
            return self.read_article(text, title, about)
        about = about or Article(text)
        comparison = run_or_tell(self, f"Reading \u201c{title}\u201d\u2026",
                                 lambda: compare_article(doc, title, about),
                                 "Cannot read this article", "Reading cancelled; nothing changed.")
        if comparison is None:
            return False
        result = self.add_compared(comparison, f"Read {comparison.name}", ask,
                                   f"Read {comparison.name} into the project", one_by_one=True)
        if result == REVIEW:
            return self.read_article(text, title, about)
        return result == QDialog.DialogCode.Accepted

    def read_article(self, text: str, title: str, about: Article | None = None) -> bool:
        """Add ``text`` as a source (with what ``about`` says of it) and propose what it states in
        the Suggestions pane, to accept or reject one by one."""
        from model.extract import read

        if self.editor is None:
            return False
        doc = self.editor.doc
        source = source_with_text(doc, text)  # read again: the same source, its rejections kept
        if source is None:
            about = about or Article(text)
            source = Source(doc.new_id("article"), title, about.publisher, about.date, about.url, text)
            self.editor.push(AddSourceCommand(doc, source))
        reading = read(text, doc)
        self.suggestions.show_reading(doc, source, reading)
        self.suggestions_dock.show()
        self.suggestions_dock.raise_()
        self.statusBar().showMessage(
            f"Read \u201c{source.title}\u201d: {len(self.suggestions.reading.proposals)} facts proposed; "
            "accept (Enter) or reject (Delete) each in Suggestions.", 8000)
        return True

    # --- deciding ---------------------------------------------------------------------------------
    def accept_plan(self, steps, name: str) -> None:
        if self.editor is not None:
            self.editor.push(AcceptCommand(self.editor.doc, steps, name))

    def edit_accepted(self, item_id: str) -> None:
        """Select the line just accepted and show it in Details, to fix what the words got wrong."""
        self.select_ids([item_id], centre=True)
        self.details_dock.show()
        self.details_dock.raise_()

    def reject_proposal(self, source_id: str, key: str) -> None:
        if self.editor is not None:
            self.editor.push(RejectCommand(self.editor.doc, source_id, key))

    def preview_proposal(self, proposal) -> None:
        """A dashed line between the proposal's two ends, where both are on the canvas."""
        if self._preview_line is not None and self._preview_line.scene() is not None:
            self._preview_line.scene().removeItem(self._preview_line)
        self._preview_line = None
        if proposal is None or self.editor is None:
            return
        scene = self.editor.scene
        ends = [find_entity(self.editor.doc, name) for name in (proposal.subject, proposal.object)]
        items = [scene.entity_items.get(e.id) if e is not None else None for e in ends]
        if None in items:
            return
        line = QGraphicsLineItem(QLineF(items[0].sceneBoundingRect().center(),
                                        items[1].sceneBoundingRect().center()))
        line.setPen(QPen(style.SELECTION_COLOUR, 2, Qt.PenStyle.DashLine))
        line.setZValue(style.Z_PREVIEW)
        scene.addItem(line)
        self._preview_line = line
