"""Pictures of a scene: PNG and PDF, with an optional title, legend and numbered source notes.

Export functions take a scene (not a view) and return bytes, so tests check output without disk.
The figure is laid out once (:class:`Figure`) and painted by the same code for every format; the
scene is switched into export mode around the render (no selection marks, no hover handles, no
overview, note numbers on the labels) and restored afterwards, whatever happens.
"""

from __future__ import annotations

import contextlib
import dataclasses
from dataclasses import dataclass

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPageLayout, QPageSize, QPainter, QPdfWriter

from model.citations import source_notes
from model.errors import StakemapError

from . import style
from .items import EntityItem, RelationshipItem
from .legend import legend_size, paint_legend

DOTS_PER_METER_96 = 3780
MARGIN = 30.0
GAP = 24.0
PAGES = {"a4": QPageSize.PageSizeId.A4, "letter": QPageSize.PageSizeId.Letter}


@dataclass(frozen=True)
class ExportOptions:
    scale: float = 1.0  # PNG pixels per scene unit (1x-4x)
    transparent: bool = False
    selection_only: bool = False
    legend: bool = False
    title: str = ""
    notes: bool = False
    page: str = "fit"  # PDF: fit, a4 or letter (landscape)


def title_font() -> QFont:
    font = QFont()
    font.setFamilies(list(style.FONT_FAMILIES))
    font.setPixelSize(20)  # 15 pt at 96 dpi
    font.setBold(True)
    return font


def notes_font() -> QFont:
    font = QFont()
    font.setFamilies(list(style.FONT_FAMILIES))
    font.setPixelSize(11)  # 8.5 pt at 96 dpi
    return font


class Figure:
    """Where title, diagram, legend and notes stand, in figure units (pixels at 1x)."""

    def __init__(self, scene, options: ExportOptions) -> None:
        self.scene, self.options = scene, options
        self.items = exported_items(scene, options.selection_only)
        ids = [item_id(i) for i in self.items if isinstance(i, RelationshipItem)]
        ids += [item_id(i) for i in self.items if isinstance(i, EntityItem)]
        self.notes, self.refs = source_notes(scene.doc, ids) if options.notes else ([], {})
        self.shelf = None if options.selection_only or not scene.shelf_item.isVisible() else scene.shelf_item
        source = QRectF()
        with export_mode(scene, self.items, self.refs):  # labels with note numbers are longer
            for item in [*self.items, *([self.shelf] if self.shelf else [])]:
                source = source.united(item.sceneBoundingRect())
        self.source = source if not source.isEmpty() else QRectF(0, 0, 200, 100)
        y = MARGIN
        width = self.source.width()
        if options.legend:
            width += GAP + legend_size().width()
        self.title_rect = QRectF()
        if options.title:
            height = QFontMetricsF(title_font()).height() * 1.4
            self.title_rect = QRectF(MARGIN, y, max(width, 300), height)
            y += height + GAP / 2
        self.diagram = QRectF(MARGIN, y, self.source.width(), self.source.height())
        self.legend_at = QPointF(self.diagram.right() + GAP, y)
        bottom = max(self.diagram.bottom(), y + (legend_size().height() if options.legend else 0))
        self.notes_rect = QRectF()
        if self.notes:
            notes_width = max(width, 600.0)
            metrics = QFontMetricsF(notes_font())
            flags = int(Qt.TextFlag.TextWordWrap)
            height = sum(metrics.boundingRect(QRectF(0, 0, notes_width, 1e6), flags, note).height() + 3
                         for note in self.notes) + metrics.height() * 1.6
            self.notes_rect = QRectF(MARGIN, bottom + GAP, notes_width, height)
            bottom = self.notes_rect.bottom()
            width = max(width, notes_width)
        self.size = QSizeF(width + 2 * MARGIN, bottom + MARGIN)

    def to_scene(self) -> tuple[float, float]:
        """The offset that takes scene coordinates to figure coordinates."""
        return self.diagram.left() - self.source.left(), self.diagram.top() - self.source.top()

    def paint(self, painter: QPainter) -> None:
        """Paint the whole figure with the painter's origin at its top-left corner."""
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        self.paint_title(painter)
        with export_mode(self.scene, self.items, self.refs):
            self.scene.render(painter, self.diagram, self.source, Qt.AspectRatioMode.IgnoreAspectRatio)
        if self.options.legend:
            paint_legend(painter, self.legend_at)
        self.paint_notes(painter)

    def paint_title(self, painter: QPainter) -> None:
        if self.options.title:
            painter.setFont(title_font())
            painter.setPen(style.TEXT_COLOUR)
            painter.drawText(self.title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                             self.options.title)

    def paint_notes(self, painter: QPainter) -> None:
        if not self.notes:
            return
        font = notes_font()
        painter.setPen(style.TEXT_COLOUR)
        heading = QFont(font)
        heading.setBold(True)
        painter.setFont(heading)
        metrics = QFontMetricsF(font)
        rect = QRectF(self.notes_rect)
        painter.drawText(rect, Qt.AlignmentFlag.AlignLeft, "Sources")
        rect.setTop(rect.top() + metrics.height() * 1.6)
        painter.setFont(font)
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        for note in self.notes:
            used = painter.boundingRect(rect, flags, note)
            painter.drawText(rect, flags, note)
            rect.setTop(rect.top() + used.height() + 3)


def item_id(item) -> str:
    return item.entity_id if isinstance(item, EntityItem) else item.relationship_id


def exported_items(scene, selection_only: bool) -> list:
    """The items the picture shows: all visible ones, or the selection (with lines between selected)."""
    shown = [i for i in [*scene.entity_items.values(), *scene.relationship_items.values()]
             if scene.passes_filter(i)]
    if not selection_only:
        return shown
    chosen = {item_id(i) for i in scene.selectedItems() if isinstance(i, EntityItem | RelationshipItem)}
    keep = []
    for item in shown:
        if isinstance(item, RelationshipItem):
            ends = {item.subject.entity_id, item.object.entity_id}
            if item.relationship_id in chosen or ends <= chosen:
                keep.append(item)
        elif item.entity_id in chosen:
            keep.append(item)
    return keep


@contextlib.contextmanager
def export_mode(scene, items: list, refs: dict[str, list[int]]):
    """Show only ``items``, unselected, at full detail, with note numbers; restore everything after."""
    selected = [i for i in scene.selectedItems()]
    keep = set(map(id, items))
    everything = [*scene.entity_items.values(), *scene.relationship_items.values()]
    was_visible = {id(i): i.isVisible() for i in everything}
    overview = scene.overview
    scene.exporting = True
    try:
        scene.overview = False
        scene.clearSelection()
        scene.set_note_suffixes({rid: f" [{','.join(map(str, refs[rid]))}]"
                                 for rid in scene.relationship_items if refs.get(rid)})
        scene.finish_labels()  # a big picture's labels may still be on their way
        for item in everything:
            item.setVisible(id(item) in keep)
            item.set_note_refs(refs.get(item_id(item), ()))
        yield
    finally:
        for item in everything:
            item.setVisible(was_visible[id(item)])
            item.set_note_refs(())
        scene.set_note_suffixes({})
        scene.finish_labels()
        scene.overview = overview
        for item in selected:
            item.setSelected(True)
        scene.exporting = False


def _background(options: ExportOptions) -> QColor:
    return QColor(0, 0, 0, 0) if options.transparent else QColor("white")


# What one image may be: Qt's painter draws up to 32,000 pixels a side, and Qt's image reader (and
# other viewers) refuse images over 256 MB by default: 64 million 4-byte pixels.
MAX_SIDE, MAX_PIXELS = 32_000, 64_000_000


class ExportError(StakemapError):
    """A picture that cannot be made (too large for memory)."""


def fitting_scale(width: float, height: float, scale: float) -> float:
    """``scale``, or the largest one at which a ``width`` x ``height`` figure fits in one image.

    >>> fitting_scale(1000, 500, 2.0), fitting_scale(64_000, 1000, 1.0)
    (2.0, 0.5)
    """
    fits = min(MAX_SIDE / max(width, 1), MAX_SIDE / max(height, 1),
               (MAX_PIXELS / max(width * height, 1)) ** 0.5)
    return min(scale, fits)


def render_png(scene, options: ExportOptions | None = None, notices: list[str] | None = None) -> bytes:
    """PNG bytes of the figure at ``options.scale`` pixels per scene unit (smaller, with a line in
    ``notices``, when one image cannot be that large)."""
    options = options or ExportOptions()
    figure = Figure(scene, options)
    scale = fitting_scale(figure.size.width(), figure.size.height(), options.scale)
    if scale < options.scale:
        options = dataclasses.replace(options, scale=scale)
        if notices is not None:
            notices.append(f"the picture is too large for one image at that scale; written at {scale:.3g}x "
                           f"(use SVG or PDF for every detail)")
    size = figure.size * options.scale
    image = QImage(max(1, round(size.width())), max(1, round(size.height())), QImage.Format.Format_ARGB32)
    if image.isNull():
        raise ExportError(f"there is not memory enough for a {size.width():.0f} x {size.height():.0f} image")
    image.setDotsPerMeterX(DOTS_PER_METER_96)  # paint at the canvas's 96 dpi so text fits its boxes...
    image.setDotsPerMeterY(DOTS_PER_METER_96)
    image.fill(_background(options))
    painter = QPainter(image)
    try:
        painter.scale(options.scale, options.scale)
        figure.paint(painter)
    finally:
        painter.end()
    image.setDotsPerMeterX(round(DOTS_PER_METER_96 * options.scale))  # ...then say the true resolution
    image.setDotsPerMeterY(round(DOTS_PER_METER_96 * options.scale))
    return _image_bytes(image)


def _image_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    saved = image.save(buffer, "PNG")
    buffer.close()
    if not saved or data.isEmpty():  # never an empty file that looks written
        raise ExportError(f"could not encode the {image.width()} x {image.height()} image as PNG")
    return bytes(data)


def render_pdf(scene, options: ExportOptions | None = None) -> bytes:
    """A one-page vector PDF: sized to the figure, or A4/Letter landscape with the figure fitted."""
    options = options or ExportOptions()
    figure = Figure(scene, options)
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(96)
    writer.setCreator("Stakemap")
    writer.setTitle(options.title or scene.doc.title or "Stakemap diagram")
    if options.page in PAGES:
        layout = QPageLayout(QPageSize(PAGES[options.page]), QPageLayout.Orientation.Landscape,
                             QMarginsF(10, 10, 10, 10), QPageLayout.Unit.Millimeter)
    else:
        points = QSizeF(figure.size.width() * 0.75, figure.size.height() * 0.75)  # 96 px = 72 pt
        layout = QPageLayout(QPageSize(points, QPageSize.Unit.Point, "Diagram"),
                             QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    writer.setPageLayout(layout)
    painter = QPainter(writer)
    try:
        page = QRectF(painter.viewport())
        fit = min(page.width() / figure.size.width(), page.height() / figure.size.height())
        if options.page not in PAGES:
            fit = min(fit, 1.0)
        painter.scale(fit, fit)
        figure.paint(painter)
    finally:
        painter.end()
    buffer.close()
    return bytes(data)
