"""Stamped SVG pieces: what Qt's SVG generator writes for one item, written again for every item that
looks the same.

Qt's generator costs about a third of a millisecond an item, most of an export of 100,000 items. Yet
boxes of one look (kind, size, lines of name and alias, citedness) differ in what Qt writes only by
where they stand (the transforms) and by their words; lines of one kind and status only by their
points; labels of one text and colour only by where they stand. So Qt draws one item of each look
at the origin (a :class:`Stamp`), and each item is the stamp with its transforms moved and its words
or points put in. What is written is what Qt writes, to Qt's six significant digits.

Words are put in only where they cannot change where Qt sets them: printable text of the Latin
scripts, which the style's first font draws, set flush left. Anything else (a box with Chinese words,
a dissolved line's strikes, the shelf) Qt draws item by item as before.

>>> Stamp('<g transform="matrix(1,0,0,1,2,3)"><text x="1">A</text></g>', words=1).at(10, 20, ["B"])
'<g transform="matrix(1,0,0,1,12,23)"><text x="1">B</text></g>'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from xml.sax.saxutils import escape

from PySide6.QtCore import QRectF
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from model.types import DISSOLVED

from .items import EntityItem, RelationshipItem

_NUMBER = r"([^,)]*)"
_TOKENS = re.compile(r'transform="matrix\(' + ",".join([_NUMBER] * 6) + r'\)"'
                     r'|(<text\b[^>]*>)(.*?)(</text>)|\b(d|points)="([^"]*)"', re.S)
_EMPTY_GROUP = re.compile(r'<g fill="#01fe03"[^>]*>\s*</g>\s*')  # what is left of a mark
_LAST_PLAIN = "\u024f"  # the end of Latin Extended-B: the style's first font draws all before it

Draw = Callable[[QPainter], None]


class Stamp:
    """Qt's SVG of a drawing made at the origin, to be written anywhere: every transform moved, the
    contents of its first ``words`` texts and the first ``shapes`` path data or polygon points
    replaced (by :meth:`at`'s ``fills``, in order: words first)."""

    __slots__ = ("parts", "slots")

    def __init__(self, svg: str, words: int = 0, shapes: int = 0) -> None:
        parts: list = []  # text; (x, y) of a transform to move; the number of a fill
        literal, at, word_slots, shape_slots = [], 0, 0, 0
        for match in _TOKENS.finditer(svg):
            literal.append(svg[at:match.start()])
            at = match.end()
            if match[1] is not None:
                literal.append(f'transform="matrix({match[1]},{match[2]},{match[3]},{match[4]},')
                parts += ["".join(literal), (float(match[5]), float(match[6]))]
                literal = [')"']
            elif match[7] is not None and word_slots < words:
                literal.append(match[7])
                parts += ["".join(literal), word_slots]
                literal = [match[9]]
                word_slots += 1
            elif match[10] is not None and shape_slots < shapes:
                literal.append(f'{match[10]}="')
                parts += ["".join(literal), words + shape_slots]
                literal = ['"']
                shape_slots += 1
            else:
                literal.append(match[0])
        literal.append(svg[at:])
        parts.append("".join(literal))
        self.parts = tuple(p for p in parts if p != "")
        self.slots = word_slots + shape_slots if (word_slots, shape_slots) == (words, shapes) else -1

    def at(self, x: float, y: float, fills: Sequence[str] = ()) -> str:
        """The drawing moved by (x, y), with ``fills`` in its slots."""
        out = []
        for part in self.parts:
            kind = type(part)
            if kind is str:
                out.append(part)
            elif kind is int:
                out.append(fills[part])
            else:
                out.append(f"{part[0] + x:.6g},{part[1] + y:.6g}")
        return "".join(out)


def _plain(lines: Sequence[str]) -> bool:
    return all(line.isprintable() and (not line or max(line) <= _LAST_PLAIN) for line in lines)


def _numbers(points) -> str:
    return " ".join(f"{x:.6g},{y:.6g}" for x, y in points)


def _draw_entity(item: EntityItem, painter: QPainter) -> None:
    option = QStyleOptionGraphicsItem()
    option.exposedRect = item.boundingRect()
    item.paint(painter, option, None)


def _draw_line(item: RelationshipItem, painter: QPainter) -> None:
    item.paint_line(painter, *item.pens())


def _draw_label(item: RelationshipItem, painter: QPainter) -> None:
    rect = item.label_rect()
    rect = QRectF(-rect.width() / 2, -rect.height() / 2, rect.width(), rect.height())
    item.paint_label(painter, rect, item.pens()[1])


def stamped_pieces(items: list, dx: float, dy: float, drawn_alone: Callable[[object], Draw],
                   draw_pieces: Callable[[list[Draw]], list[str]]) -> list[str] | None:
    """Each item's SVG as :func:`gui.export_svg._pieces` makes it (one group, Qt's outer group),
    stamped where items look alike. ``drawn_alone(item)`` draws an item where it stands in the figure
    (offset ``dx``, ``dy`` from the scene); ``draw_pieces`` has Qt draw a list of drawings. None when
    Qt's output cannot be read as stamps (the caller then draws every item)."""
    models: dict[tuple, tuple[int, Draw]] = {}  # a look -> its stamp's number, how to draw it
    plans: list[tuple] = []
    alone: list[Draw] = []

    def model(look: tuple, draw: Draw) -> int:
        if look not in models:
            models[look] = (len(models), draw)
        return models[look][0]

    for item in items:
        if isinstance(item, EntityItem) and _plain(lines := item.text_lines()):
            look = ("entity", *item.look())
            plans.append((model(look, _paint_of(_draw_entity, item)), len(lines), lines))
        elif isinstance(item, RelationshipItem) and item.status != DISSOLVED:
            line = model(("line", item.kind, item.status), _paint_of(_draw_line, item))
            label_look = item.label_look()
            label = model(("label", *label_look), _paint_of(_draw_label, item)) if label_look else None
            plans.append((line, label))
        else:
            plans.append((len(alone),))
            alone.append(drawn_alone(item))
    draws = [draw for _number, draw in models.values()]
    chunks = draw_pieces(draws + alone)
    wrapper = chunks[0][:chunks[0].find(">") + 1] if chunks else ""
    if not wrapper.startswith("<g ") or not all(c.startswith(wrapper) and c.endswith("</g>") for c in chunks):
        return None
    bodies = [_EMPTY_GROUP.sub("", chunk[len(wrapper):-4]) for chunk in chunks[:len(draws)]]
    stamps = [Stamp(body, words=look[4] + look[5] if look[0] == "entity" else 0,
                    shapes=2 if look[0] == "line" else 0) for body, look in zip(bodies, models, strict=True)]
    if any(stamp.slots < 0 for stamp in stamps):
        return None
    alone_chunks = chunks[len(draws):]
    out = []
    for item, plan in zip(items, plans, strict=True):
        if len(plan) == 1:
            out.append(alone_chunks[plan[0]])
        elif len(plan) == 3:
            position = item.pos()
            body = stamps[plan[0]].at(position.x() + dx, position.y() + dy, [escape(w) for w in plan[2]])
            out.append(f"{wrapper}{body}</g>")
        else:
            shapes = [_path_data(item.route_points()), _numbers(item.arrow_points()) + " "]
            body = stamps[plan[0]].at(dx, dy, shapes)
            if plan[1] is not None:
                x, y = item.label_centre_now()
                body += stamps[plan[1]].at(x + dx, y + dy)
            out.append(f"{wrapper}{body}</g>")
    return out


def _path_data(points) -> str:
    """Path data as Qt writes a polyline: ``M x,y L x,y L x,y `` (a space after each point)."""
    first, *rest = points
    return f"M{first[0]:.6g},{first[1]:.6g} " + "".join(f"L{x:.6g},{y:.6g} " for x, y in rest)


def _paint_of(draw, item) -> Draw:
    return lambda painter: draw(item, painter)
