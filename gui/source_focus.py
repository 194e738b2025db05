"""Show only what this source says: everything on the canvas that does not cite one source is dimmed.

The scene keeps no state for it: :class:`SourceFocus` walks the scene's id -> item dictionaries and
sets each item's opacity from the document, again after every burst of document events and when the
scene has made the last of its items (so an item added while focused follows the rule), and restores
full opacity when the focus is cleared.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from model.citations import sources_of
from model.document import Document, Event

DIMMED = 0.2


def facts_per_source(doc: Document) -> dict[str, int]:
    """How many entities and relationships cite each source."""
    counts: dict[str, int] = {}
    for item in (*doc.entities(), *doc.relationships()):
        for source_id in sources_of(item):
            counts[source_id] = counts.get(source_id, 0) + 1
    return counts


class SourceFocus(QObject):
    """Dims the items of one editor's scene that do not cite the focused source."""

    def __init__(self, editor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.source_id = ""
        self._timer = QTimer(self, singleShot=True, interval=0)
        self._timer.timeout.connect(self.apply)
        editor.doc.subscribe(self._on_event)
        built = getattr(editor.scene, "built", None)  # a big picture makes its items a slice at a time
        if built is not None:
            built.connect(lambda: self.source_id and self._timer.start())

    def detach(self) -> None:
        """Stop following the document and leave every item at full opacity."""
        self.editor.doc.unsubscribe(self._on_event)
        self.source_id = ""
        self.apply()

    def set_source(self, source_id: str) -> None:
        """Focus on a source ('' clears the focus)."""
        self.source_id = source_id if source_id and self.editor.doc.has_source(source_id) else ""
        self.apply()

    def _on_event(self, event: Event) -> None:
        if event.name == "source_removed" and event.id == self.source_id:
            self.source_id = ""
        if self.source_id or event.name == "source_removed":
            self._timer.start()  # after the scene has made or changed its items

    def apply(self) -> None:
        scene, doc, focus = self.editor.scene, self.editor.doc, self.source_id
        pairs = ((scene.entity_items, doc.has_entity), (scene.relationship_items, doc.has_relationship))
        for items, exists in pairs:
            for item_id, item in list(items.items()):
                shown = not focus or (exists(item_id) and focus in sources_of(doc.item(item_id)))
                opacity = 1.0 if shown else DIMMED
                if item.opacity() != opacity:
                    item.setOpacity(opacity)
