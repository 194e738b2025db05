"""Measuring what the canvas writes: how a name wraps in its box, how a label wraps on its plate,
and so how big each box and plate is. The model lays out and routes with these sizes
(:class:`QtSizes`), and the items draw with the same wrapping, so what is laid out is what is drawn
and no word is ever cut short."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QFontMetricsF

from model.types import Entity, Relationship

from . import style

TEXT_LEFT, TEXT_RIGHT = 30.0, 10.0  # the icon on the left
NAME_LINE, ALIAS_LINE, LABEL_LINE = 16.0, 14.0, 14.0
LABEL_TEXT_WIDTH = 132.0
LABEL_PAD_X, LABEL_PAD_Y = 5.0, 2.0


@cache
def metrics(font_name: str) -> QFontMetricsF:
    """Font metrics of one of the style's fonts (made once: measuring is hot at 10,000 items)."""
    return QFontMetricsF(getattr(style, font_name)())


def wrap(text: str, font_name: str, width: float) -> tuple[str, ...]:
    """``text`` in lines no wider than ``width``, broken between words (inside a word too long)."""
    fm = metrics(font_name)
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if fm.horizontalAdvance(candidate) <= width:
                line = candidate
                continue
            if line:
                lines.append(line)
            line = word
            while fm.horizontalAdvance(line) > width and len(line) > 1:
                cut = len(line) - 1
                while cut > 1 and fm.horizontalAdvance(line[:cut]) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return tuple(lines)


@cache
def box_layout(name: str, alias: str) -> tuple[float, float, tuple[str, ...], tuple[str, ...]]:
    """Width, height, name lines and alias lines of an entity's box."""
    natural = max(metrics("name_font").horizontalAdvance(name),
                  metrics("alias_font").horizontalAdvance(alias) if alias else 0.0)
    width = min(style.NODE_MAX_WIDTH, max(style.NODE_MIN_WIDTH, natural + TEXT_LEFT + TEXT_RIGHT + 8))
    text_width = width - TEXT_LEFT - TEXT_RIGHT
    names = wrap(name, "name_font", text_width)
    aliases = wrap(alias, "alias_font", text_width) if alias else ()
    text_height = NAME_LINE * len(names) + ALIAS_LINE * len(aliases)
    height = max(style.NODE_HEIGHT, text_height + 22)
    return width, height, names, aliases


@cache
def label_layout(text: str) -> tuple[float, float, tuple[str, ...]]:
    """Width, height and lines of a line's label plate."""
    if not text:
        return 0.0, 0.0, ()
    lines = wrap(text, "label_font", LABEL_TEXT_WIDTH)
    width = max(metrics("label_font").horizontalAdvance(line) for line in lines) + 2 * LABEL_PAD_X
    return width, LABEL_LINE * len(lines) + 2 * LABEL_PAD_Y, lines


def entity_alias(entity: Entity) -> str:
    return entity.aliases[0] if entity.aliases else ""


class QtSizes:
    """Box and label sizes as the canvas draws them; ``suffixes`` adds note numbers to labels."""

    def __init__(self, suffixes: dict[str, str] | None = None) -> None:
        self.suffixes = suffixes or {}

    def box(self, entity: Entity) -> tuple[float, float]:
        width, height, _, _ = box_layout(entity.name, entity_alias(entity))
        return width, height

    def label(self, relationship: Relationship) -> tuple[float, float]:
        width, height, _ = label_layout(relationship.label + self.suffixes.get(relationship.id, ""))
        return width, height
