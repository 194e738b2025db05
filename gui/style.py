"""Colours, shapes, pens and z-values: every look of the canvas lives here, in one place."""

from __future__ import annotations

import html

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainterPath, QPen, QPolygonF

from model.types import (
    AUTHORITY,
    BANK,
    BUSINESS_UNIT,
    COMPANY,
    CURRENT,
    DISSOLVED,
    FORMER,
    LICENCE,
    OTHER,
    OUTLET,
    OWNERSHIP,
    PERSON,
    PLANNED,
    POSITION,
    REPORTING,
)

Z_LINE = 1.0
Z_LINE_SELECTED = 2.0
Z_NODE = 3.0
Z_NODE_SELECTED = 4.0
Z_PREVIEW = 10.0

NODE_MIN_WIDTH = 130.0
NODE_MAX_WIDTH = 250.0
NODE_HEIGHT = 58.0

# Fill and outline per entity kind; chosen to be told apart in print and by colour-blind readers
# (shape differs too).
KIND_FILL = {
    COMPANY: QColor("#dbe9f7"),
    BANK: QColor("#d9f0e3"),
    BUSINESS_UNIT: QColor("#eef3fb"),
    PERSON: QColor("#fde9d4"),
    AUTHORITY: QColor("#ece1f5"),
    OUTLET: QColor("#f2f2f2"),
    OTHER: QColor("#f7f4dc"),
}
KIND_EDGE = {
    COMPANY: QColor("#2c5d8f"),
    BANK: QColor("#2a7a4b"),
    BUSINESS_UNIT: QColor("#4f79ad"),
    PERSON: QColor("#b3621b"),
    AUTHORITY: QColor("#6b3f94"),
    OUTLET: QColor("#666666"),
    OTHER: QColor("#8a7d21"),
}

LINE_COLOUR = {
    OWNERSHIP: QColor("#1f4e79"),
    POSITION: QColor("#2e7d32"),
    REPORTING: QColor("#c55a11"),
    LICENCE: QColor("#7030a0"),
}
FORMER_COLOUR = QColor("#9a9a9a")
SELECTION_COLOUR = QColor("#f0a30a")
TEXT_COLOUR = QColor("#1b1b1b")
LABEL_BACKGROUND = QColor(255, 255, 255, 225)
BADGE_FILL = QColor("#2b6cb0")  # the "+N" of an entity with more lines in an open register
BADGE_TEXT = QColor("white")

# Fact colours in the source pane: which kind of fact a highlighted span supports.
FACT_HIGHLIGHT = {
    OWNERSHIP: QColor("#bcd3ee"),
    POSITION: QColor("#c4e6c6"),
    REPORTING: QColor("#f6cfae"),
    LICENCE: QColor("#dcc6ee"),
    "entity": QColor("#f3e7a6"),
}


def tooltip(text: str) -> str:
    """A tooltip that shows names as written: Qt reads anything tag-like as rich text, so a name
    such as '<b>Evil</b>' is escaped inside an explicit rich-text wrapper."""
    return "<qt>" + html.escape(text).replace("\n", "<br>") + "</qt>"


# Text families, named outright so the canvas, PNG, PDF and SVG use one font and agree on widths;
# CJK names fall back to Noto Sans CJK SC. An SVG reader that has neither gets FONT_GENERIC.
# Sizes are whole pixels: Qt rounds a point size to whole pixels when it draws and measures (8 pt is
# 10.67 px but drawn at 11), while its SVG writes the unrounded size, so another reader drew text
# narrower than its box and its strike-through.
FONT_FAMILIES = ("DejaVu Sans", "Noto Sans CJK SC")
FONT_GENERIC = "sans-serif"


def name_font() -> QFont:
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPixelSize(13)  # 9.5 pt at 96 dpi
    font.setBold(True)
    return font


def alias_font() -> QFont:
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPixelSize(11)  # 8.5 pt
    return font


def label_font() -> QFont:
    font = QFont()
    font.setFamilies(list(FONT_FAMILIES))
    font.setPixelSize(11)  # 8 pt
    return font


def line_pen(kind: str, status: str, selected: bool = False) -> QPen:
    """The pen of a relationship: colour by kind; former grey dashed, planned dotted."""
    colour = FORMER_COLOUR if status in (FORMER, DISSOLVED) else LINE_COLOUR[kind]
    pen = QPen(SELECTION_COLOUR if selected else colour, 3.0 if selected else 1.6)
    if status == FORMER:
        pen.setStyle(Qt.PenStyle.DashLine)
    elif status == PLANNED:
        pen.setStyle(Qt.PenStyle.DotLine)
    if kind == LICENCE and status == CURRENT:
        pen.setStyle(Qt.PenStyle.DashDotLine)
    pen.setCapStyle(Qt.PenCapStyle.FlatCap)
    return pen


def node_path(kind: str, rect: QRectF) -> QPainterPath:
    """The outline of an entity of this kind inside ``rect``."""
    path = QPainterPath()
    if kind == PERSON:
        path.addRoundedRect(rect, rect.height() / 2, rect.height() / 2)
    elif kind == BANK:
        # a plain building: a roof line above a rectangle
        roof = rect.height() * 0.22
        body = rect.adjusted(0, roof, 0, 0)
        path.addRect(body)
        path.addPolygon(QPolygonF([body.topLeft(), QPointF(rect.center().x(), rect.top()), body.topRight()]))
        path.closeSubpath()
        path = path.simplified()
    elif kind == AUTHORITY:
        cut = rect.height() * 0.3
        path.addPolygon(QPolygonF([
            QPointF(rect.left() + cut, rect.top()), QPointF(rect.right() - cut, rect.top()),
            QPointF(rect.right(), rect.center().y()), QPointF(rect.right() - cut, rect.bottom()),
            QPointF(rect.left() + cut, rect.bottom()), QPointF(rect.left(), rect.center().y()),
        ]))
        path.closeSubpath()
    elif kind == OUTLET:
        slant = rect.height() * 0.25
        path.addPolygon(QPolygonF([
            QPointF(rect.left() + slant, rect.top()), rect.topRight(),
            QPointF(rect.right() - slant, rect.bottom()), rect.bottomLeft(),
        ]))
        path.closeSubpath()
    elif kind == BUSINESS_UNIT:
        path.addRoundedRect(rect, 14, 14)
    else:
        path.addRoundedRect(rect, 4, 4)
    return path


def node_pen(kind: str, selected: bool = False) -> QPen:
    pen = QPen(SELECTION_COLOUR if selected else KIND_EDGE[kind], 3.0 if selected else 1.4)
    if kind == BUSINESS_UNIT and not selected:
        pen.setStyle(Qt.PenStyle.DashLine)
    return pen
