"""How big each box and each label is drawn: the layout and the router need it, only the GUI can
measure it (fonts). The GUI passes its own measure; without one, sizes are estimated from the
number of characters, which is enough for tests and command-line work on the model.

>>> from model.types import Entity
>>> EstimatedSizes().box(Entity("x", "Xiaomi"))
(130.0, 58.0)
"""

from __future__ import annotations

import textwrap
from typing import Protocol

from model.types import Entity, Relationship

BOX_MIN_WIDTH, BOX_MAX_WIDTH, BOX_HEIGHT = 130.0, 250.0, 58.0
LABEL_MAX_WIDTH = 140.0


class Sizes(Protocol):
    def box(self, entity: Entity) -> tuple[float, float]:
        """Width and height of the entity's box."""

    def label(self, relationship: Relationship) -> tuple[float, float]:
        """Width and height of the line's label plate; (0, 0) for a line without a label."""


class EstimatedSizes:
    """Sizes from character counts (about 7 px a character for names, 6 for labels)."""

    def box(self, entity: Entity) -> tuple[float, float]:
        lines = textwrap.wrap(entity.name, 28) or [""]
        width = max(len(line) for line in lines) * 7.5 + 48
        return (min(BOX_MAX_WIDTH, max(BOX_MIN_WIDTH, width)), BOX_HEIGHT + 15.0 * (len(lines) - 1))

    def label(self, relationship: Relationship) -> tuple[float, float]:
        text = relationship.label
        if not text:
            return (0.0, 0.0)
        lines = textwrap.wrap(text, 22) or [text]
        return (min(LABEL_MAX_WIDTH, max(len(line) for line in lines) * 6.2) + 8, 16.0 * len(lines))
