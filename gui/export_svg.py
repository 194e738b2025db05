"""SVG pictures: text as text, one group per entity and per line, each with a <title> of its name or
label and the quoted words that cite it.

Qt's QSvgGenerator draws; it writes one stream for a whole painting, so each piece (an item, the
title, the legend, the notes) is drawn into its own small SVG and its elements are moved into a group
of the final document. Every name goes through the XML writer, so a name such as <script>&"' stays
text. (pyqtgraph's SVG exporter fails on Qt's SVG output, and is not used.)

Qt writes font families by its own names ("Sans Serif" for the default font), which no browser knows;
every font-family is rewritten to installed family names ending with a generic family, so a browser
draws the same font as librsvg, or at worst a sans-serif one.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, QSize
from PySide6.QtGui import QFont, QFontInfo, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QStyleOptionGraphicsItem

from model.checks import describe
from model.formats.xmltext import xml_text

from . import style
from .export_image import ExportOptions, Figure, export_mode, item_id
from .items import EntityItem
from .legend import paint_legend

SVG = "http://www.w3.org/2000/svg"
GENERIC_FAMILIES = frozenset({"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"})
_FOUNDRY = re.compile(r" \[[^]]*\]$")  # Qt's "Nimbus Sans [urw]"
_PLAIN_NAME = re.compile(r"[A-Za-z_][\w-]*( [A-Za-z_][\w-]*)*")
ET.register_namespace("", SVG)
ET.register_namespace("xlink", "http://www.w3.org/1999/xlink")


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


def _real_fonts(root: ET.Element) -> None:
    for element in root.iter():
        family = element.get("font-family")
        if family is not None:
            element.set("font-family", css_font_family(family))


def _fragment(size: QSize, draw: Callable[[QPainter], None]) -> list[ET.Element]:
    """The drawing elements Qt writes for one piece, as ElementTree elements."""
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
        draw(painter)
    finally:
        painter.end()
    buffer.close()
    # Qt writes names as given, control characters too, which XML cannot hold
    root = ET.fromstring(xml_text(bytes(data).decode("utf-8")).encode("utf-8"))
    _real_fonts(root)
    skip = {f"{{{SVG}}}title", f"{{{SVG}}}desc", f"{{{SVG}}}defs"}
    return [child for child in root if child.tag not in skip]


def _group(parent: ET.Element, css_class: str, title: str, elements: list[ET.Element],
           element_id: str = "") -> ET.Element:
    group = ET.SubElement(parent, f"{{{SVG}}}g", {"class": css_class})
    if element_id:
        group.set("id", element_id)
    if title:
        ET.SubElement(group, f"{{{SVG}}}title").text = xml_text(title)
    group.extend(elements)
    return group


def _quotes(item) -> str:
    return " | ".join(f"\u201c{' '.join(c.quote.split())}\u201d" for c in item.citations)


def item_title(doc, graphics_item) -> str:
    """Name or label of a canvas item, and the words that cite it."""
    item = doc.item(item_id(graphics_item))
    if isinstance(graphics_item, EntityItem):
        head = item.name + (f" ({', '.join(item.aliases)})" if item.aliases else "") + f" \u2014 {item.kind}"
    else:
        head = f"{describe(doc, item)}: {item.label} ({item.status})"
    quotes = _quotes(item)
    return f"{head}\n{quotes}" if quotes else f"{head}\n(analyst-asserted)"


def render_svg(scene, options: ExportOptions | None = None) -> bytes:
    """An SVG document of the figure."""
    options = options or ExportOptions()
    figure = Figure(scene, options)
    size = QSize(round(figure.size.width()), round(figure.size.height()))
    root = ET.Element(f"{{{SVG}}}svg", {
        "width": str(size.width()), "height": str(size.height()),
        "viewBox": f"0 0 {size.width()} {size.height()}", "version": "1.1"})
    heading = options.title or scene.doc.title or "Stakemap diagram"
    ET.SubElement(root, f"{{{SVG}}}title").text = xml_text(heading)
    if not options.transparent:
        ET.SubElement(root, f"{{{SVG}}}rect", {"width": "100%", "height": "100%", "fill": "white"})
    if options.title:
        _group(root, "title", options.title, _fragment(size, figure.paint_title))
    dx, dy = figure.to_scene()
    diagram = ET.SubElement(root, f"{{{SVG}}}g", {"class": "diagram"})
    with export_mode(scene, figure.items, figure.refs):
        if figure.shelf is not None:  # behind everything, as on the canvas
            def draw_shelf(painter, g=figure.shelf):
                painter.translate(dx, dy)
                g.paint(painter, QStyleOptionGraphicsItem(), None)
            _group(diagram, "shelf", figure.shelf.heading, _fragment(size, draw_shelf))
        lines = [i for i in figure.items if not isinstance(i, EntityItem)]
        boxes = [i for i in figure.items if isinstance(i, EntityItem)]
        for graphics_item in [*lines, *boxes]:  # lines under boxes, as on the canvas
            def draw(painter, g=graphics_item):
                painter.translate(g.scenePos().x() + dx, g.scenePos().y() + dy)
                option = QStyleOptionGraphicsItem()
                option.exposedRect = g.boundingRect()
                g.paint(painter, option, None)
            kind = "entity" if graphics_item in boxes else "relationship"
            _group(diagram, kind, item_title(scene.doc, graphics_item), _fragment(size, draw),
                   f"{kind}-{item_id(graphics_item)}")
    if options.legend:
        _group(root, "legend", "Legend", _fragment(size, lambda p: paint_legend(p, figure.legend_at)))
    if figure.notes:
        _group(root, "notes", "Sources", _fragment(size, figure.paint_notes))
    ET.indent(root, space=" ")
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="utf-8")
