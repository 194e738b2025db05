"""The "+N" badges: what an open register knows of the document shown, and double-clicks on a badge.

:class:`RegisterFacts` holds, for one editor's document, each register record's count of lines in the
register and the register's relationship records the document holds; the badges are worked out from
those and the document as it stands (:func:`gui.register.pieces.badge_counts`), so they follow every
expansion, collapse, undo and deletion. :class:`BadgeClicks` turns a double-click on a badge into a
request to expand that entity.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QObject, Signal

from ..items import EntityItem


@dataclass
class RegisterFacts:
    """What the register says of one editor's document: lines per record, and which lines are its."""

    editor: object
    store: str
    centre: str = ""  # the name whose neighbourhood the document was opened as ('' otherwise)
    as_of: str | None = None
    note: str = ""  # what the neighbourhood left out, in words
    degrees: dict[str, int] = field(default_factory=dict)
    links: set[str] = field(default_factory=set)


class BadgeClicks(QObject):
    """Watches a scene for double-clicks on a badge: ``expand_requested(entity_id)``."""

    expand_requested = Signal(str)

    def __init__(self, scene) -> None:
        super().__init__(scene)
        scene.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.GraphicsSceneMouseDoubleClick:
            entity_id = badge_at(watched, event.scenePos())
            if entity_id:
                self.expand_requested.emit(entity_id)
                return True
        return False


def badge_at(scene, scene_pos) -> str:
    """The entity whose badge is under a scene point, or ''."""
    for item in scene.items(scene_pos):
        if isinstance(item, EntityItem) and item.isVisible() and item.badge \
                and item.badge_rect().contains(item.mapFromScene(scene_pos)):
            return item.entity_id
    return ""


def badge_clicks(scene) -> BadgeClicks:
    """The scene's badge watcher (made on first use, a child of the scene, so it lives as long)."""
    found = scene.findChild(BadgeClicks)
    return found if found is not None else BadgeClicks(scene)
