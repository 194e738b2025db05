"""SVG pictures: text as text, one group per entity and per line, each with a <title> of its name or
label and the quoted words that cite it.

Qt's QSvgGenerator draws; it writes one stream for a whole painting, so the pieces (each item, the
title, the legend, the notes) are drawn with a mark between each two, the stream is cut at the marks
and each piece's elements go into a group of the final document (:func:`_pieces`). Every name is
escaped as XML text, so a name such as <script>&"' stays text. Items that look alike are drawn
by Qt once and stamped (:mod:`gui.svg_stamps`): Qt's generator would take most of a big export.
(pyqtgraph's SVG exporter fails on Qt's SVG output, and is not used.)

Qt writes font families by its own names ("Sans Serif" for the default font), which no browser knows;
every font-family is rewritten to installed family names ending with a generic family, so a browser
draws the same font as librsvg, or at worst a sans-serif one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache, partial
from xml.sax.saxutils import escape, quoteattr, unescape

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontInfo, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from model.checks import describe
from model.claims import as_stated_by, disputes, field_value, speakers
from model.claims import describe as describe_claim
from model.formats.xmltext import xml_text
from model.types import Relationship

from . import style
from .export_image import ExportOptions, Figure, export_mode, item_id
from .items import EntityItem
from .legend import paint_legend
from .svg_stamps import stamped_pieces

SVG = "http://www.w3.org/2000/svg"
XLINK = "http://www.w3.org/1999/xlink"
GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"})
_FOUNDRY = re.compile(r" \[[^]]*\]$")  # Qt's "Nimbus Sans [urw]"
_PLAIN_NAME = re.compile(r"[A-Za-z_][\w-]*( [A-Za-z_][\w-]*)*")
_FONT_FAMILY = re.compile(r'font-family="([^"]*)"')
_ENTITIES = {"&quot;": '"', "&apos;": "'"}
# The mark between two pieces: an empty rectangle in a colour nothing else is drawn in.
_MARK_COLOUR = QColor(1, 254, 3)
_MARK_TEXT = re.compile(r'<g fill="#01fe03"[^>]*>\s*<rect[^>]*/>\s*</g>')
_NOTHING = QRectF(0, 0, 0, 0)
_WRAPPER = re.compile(r"<g [^>]*>")  # Qt's outermost group, with the painting's defaults
ET.register_namespace("", SVG)
ET.register_namespace("xlink", XLINK)


@cache
def css_font_family(qt_families: str) -> str:
    """A CSS font-family list for the families Qt wrote: installed names, the style's fallbacks,
    then a generic family.

    >>> css_font_family("DejaVu Sans,Noto Sans CJK SC")
    'DejaVu Sans, Noto Sans CJK SC, sans-serif'
    """
    names: list[str] = []
    for name in (n.strip().strip("'\"") for n in qt_families.split(",")):
        if not name or name.lower() in GENERIC_FAMILIES:
            continue
        # the installed family Qt drew with: "Sans Serif" is DejaVu Sans here, "Helvetica" Nimbus Sans
        name = _FOUNDRY.sub("", QFontInfo(QFont(name)).family())
        if name not in names:
            names.append(name)
    names += [n for n in style.FONT_FAMILIES if n not in names]
    quoted = [n if _PLAIN_NAME.fullmatch(n) else "'" + n.replace("'", "") + "'" for n in names]
    return ", ".join([*quoted, style.FONT_GENERIC])


def _real_fonts(text: str) -> str:
    """Every font-family Qt wrote, as :func:`css_font_family` names it."""
    return _FONT_FAMILY.sub(_font_attribute, text)


def _font_attribute(match: re.Match) -> str:
    return _css_font_attribute(match[1])


@cache
def _css_font_attribute(qt_value: str) -> str:
    return f"font-family={quoteattr(css_font_family(unescape(qt_value, _ENTITIES)))}"


def _pieces(size: QSize, draws: list[Callable[[QPainter], None]]) -> list[str]:
    """The SVG elements Qt writes for each piece, as text: one group each.

    Every piece is drawn by one generator, with a mark (an empty rectangle in a colour nothing
    else uses) before each and after the last, and Qt's text is cut at the marks: one generator
    and one pass over the text for the whole picture, where a generator and an XML parse per piece
    took minutes for a big one. Should the marks not come out as drawn, each piece is drawn alone.
    """
    chunks = _MARK_TEXT.split(_drawn(size, draws, marks=True))  # head, pieces..., tail
    wrapper = _WRAPPER.search(chunks[0])
    if len(chunks) != len(draws) + 2 or wrapper is None:
        return [_alone(size, draw) for draw in draws]
    del chunks[-1], chunks[0]
    for number, chunk in enumerate(chunks):  # in place: a big picture's text is held once, not twice
        chunks[number] = f"{wrapper[0]}{chunk}</g>"
    return chunks


def _alone(size: QSize, draw: Callable[[QPainter], None]) -> str:
    """One piece drawn by a generator of its own: the elements of its document."""
    root = ET.fromstring(xml_text(_drawn(size, [draw], marks=False)).encode("utf-8"))
    skip = {f"{{{SVG}}}title", f"{{{SVG}}}desc", f"{{{SVG}}}defs"}
    return "".join(ET.tostring(child, encoding="unicode") for child in root if child.tag not in skip)


def _drawn(size: QSize, draws: list[Callable[[QPainter], None]], marks: bool) -> str:
    """Qt's SVG document of ``draws`` (with a mark before each and after the last), font
    families made real. Qt writes names as given, control characters too, which XML cannot
    hold: the caller puts the text through :func:`xml_text`."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(size)
    generator.setViewBox(QRectF(0, 0, size.width(), size.height()))
    generator.setResolution(96)
    painter = QPainter(generator)
    try:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        if marks:
            _mark(painter)
        for draw in draws:
            painter.save()
            try:
                draw(painter)
                if marks:
                    _mark(painter)
            finally:
                painter.restore()
    finally:
        painter.end()
    buffer.close()
    text = bytes(data).decode("utf-8")
    data.clear()
    return _real_fonts(text)


def _mark(painter: QPainter) -> None:
    """The mark after a piece; the painter's state is the piece's to restore."""
    painter.resetTransform()
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(_MARK_COLOUR)
    painter.drawRect(_NOTHING)


def _group(css_class: str, title: str, body: str, element_id: str = "") -> str:
    """A group of a piece; the caller puts its text through :func:`xml_text`."""
    attributes = f' class="{css_class}"' + (f" id={quoteattr(element_id)}" if element_id else "")
    heading = f"<title>{escape(title)}</title>" if title else ""
    return f"<g{attributes}>{heading}{body}</g>\n"


def _quotes(item) -> str:
    return " | ".join(f"\u201c{' '.join(c.quote.split())}\u201d" for c in item.citations)


def item_title(doc, graphics_item) -> str:
    """Name or label of a canvas item, and the words that cite it."""
    item = doc.item(item_id(graphics_item))
    if isinstance(graphics_item, EntityItem):
        head = item.name + (f" ({', '.join(item.aliases)})" if item.aliases else "") + f" \u2014 {item.kind}"
    else:
        head = f"{describe(doc, item)}: {item.label} ({item.status})"
    if isinstance(item, Relationship) and item.claims:
        return "\n".join([head, *_accounts(doc, item)])
    quotes = _quotes(item)
    return f"{head}\n{quotes}" if quotes else f"{head}\n(analyst-asserted)"


def _accounts(doc, rel: Relationship) -> list[str]:
    """Each source's account of a line sources speak of: what it says where they disagree, its quotes."""
    disputed = disputes(rel)
    out = ["sources disagree on " + ", ".join(disputed) if disputed else "sources agree"]
    for source_id in speakers(rel, doc.ranks()):
        said = as_stated_by(rel, source_id)
        values = ", ".join(describe_claim(part, field_value(said, part)) for part in disputed)
        title = doc.source(source_id).title if source_id else "analyst-asserted"
        quotes = _quotes(said)
        line = f"{title}: {values}" if values else title
        out.append(f"{line} \u2014 {quotes}" if quotes else line)
    return out


def render_svg(scene, options: ExportOptions | None = None) -> bytes:
    """An SVG document of the figure."""
    options = options or ExportOptions()
    figure = Figure(scene, options)
    size = QSize(round(figure.size.width()), round(figure.size.height()))
    heading = options.title or scene.doc.title or "Stakemap diagram"
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="{SVG}" xmlns:xlink="{XLINK}" width="{size.width()}" height="{size.height()}" '
        f'viewBox="0 0 {size.width()} {size.height()}" version="1.1">\n'
        f"<title>{escape(heading)}</title>\n"
    ]
    if not options.transparent:
        parts.append('<rect width="100%" height="100%" fill="white" />\n')
    if options.title:
        parts.append(_group("title", options.title, *_pieces(size, [figure.paint_title])))
    dx, dy = figure.to_scene()
    with export_mode(scene, figure.items, figure.refs):
        # behind everything, as on the canvas; then lines under boxes, as on the canvas
        shelf = [figure.shelf] if figure.shelf is not None else []
        lines = [i for i in figure.items if not isinstance(i, EntityItem)]
        boxes = [i for i in figure.items if isinstance(i, EntityItem)]
        everything = [*shelf, *lines, *boxes]
        drawn = stamped_pieces(everything, dx, dy, lambda item: partial(_paint_item, item, dx, dy),
                               partial(_pieces, size))
        if drawn is None:  # Qt wrote what cannot be read as stamps: every item drawn by Qt
            drawn = _pieces(size, [partial(_paint_item, item, dx, dy) for item in everything])
        parts.append('<g class="diagram">\n')
        if shelf:
            parts.append(_group("shelf", figure.shelf.heading, drawn[0]))
        kinds = [("relationship", item) for item in lines] + [("entity", item) for item in boxes]
        for number, (kind, item) in enumerate(kinds, start=len(shelf)):
            parts.append(_group(kind, item_title(scene.doc, item), drawn[number], f"{kind}-{item_id(item)}"))
            drawn[number] = ""  # each piece's text once: in its group
        parts.append("</g>\n")
    if options.legend:
        parts.append(_group("legend", "Legend", *_pieces(size, [partial(_paint_legend, figure.legend_at)])))
    if figure.notes:
        parts.append(_group("notes", "Sources", *_pieces(size, [figure.paint_notes])))
    parts.append("</svg>\n")
    return b"".join(xml_text(part).encode("utf-8") for part in parts)  # names may hold what XML cannot


def _paint_legend(at, painter: QPainter) -> None:
    paint_legend(painter, at)


def _paint_item(graphics_item, dx: float, dy: float, painter: QPainter) -> None:
    """One item where it stands in the figure (the shelf stands at the scene's origin)."""
    position = graphics_item.scenePos()
    painter.translate(position.x() + dx, position.y() + dy)
    option = QStyleOptionGraphicsItem()
    option.exposedRect = graphics_item.boundingRect()
    graphics_item.paint(painter, option, None)
