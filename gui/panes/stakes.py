"""Stake chart: the selected entity's owners as horizontal bars, certain part to possible part.

Each owner in force gets one row, direct owners first, then those holding through others. The solid
bar runs from 0 to the lowest stake the sources allow; a paler bar and a whisker run on to the
highest. An owner whose share nobody disclosed gets a hatched grey bar labelled 'undisclosed', and a
last hatched row, '(undisclosed)', shows what the direct owners leave over
(:func:`model.lookthrough.remainder.undisclosed_remainder`).

The plot has no context menu, so pyqtgraph's own export dialog (whose SVG exporter breaks on Qt's
SVG) never shows; :func:`plain_plot` makes such a plot for the timeline too.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from model.document import Document
from model.lookthrough.remainder import undisclosed_remainder
from model.lookthrough.stakes import EffectiveStake, LookThrough
from model.lookthrough.values import Interval

DIRECT_COLOUR = QColor("#2f6db5")
INDIRECT_COLOUR = QColor("#e08a1e")
UNDISCLOSED_COLOUR = QColor("#8c8c8c")
INK = QColor("#202020")
BAR_HEIGHT = 0.6
MAX_ROWS = 25
LABEL_CHARS = 28
UNDISCLOSED = "undisclosed"
LABEL_INSIDE_ABOVE = 80
REMAINDER = "(undisclosed)"  # the tick label of what the direct owners leave over


def plain_plot(left_axis: pg.AxisItem | None = None, bottom_axis: pg.AxisItem | None = None) -> pg.PlotWidget:
    """A white plot with dark axes and no context menu (so no export dialog and no SVG exporter)."""
    axes = {key: axis for key, axis in (("left", left_axis), ("bottom", bottom_axis)) if axis is not None}
    plot = pg.PlotWidget(background="w", axisItems=axes or None)
    plot.setMenuEnabled(False)
    plot.scene().contextMenu = []
    for name in ("left", "bottom"):
        axis = plot.getAxis(name)
        axis.setPen(pg.mkPen(INK))
        axis.setTextPen(pg.mkPen(INK))
    plot.hideButtons()
    return plot


def elide(text: str, chars: int = LABEL_CHARS) -> str:
    """Cut a label to ``chars`` characters with an ellipsis.

    >>> elide("Xiaomi consumer finance company (Chongqing)", 20)
    'Xiaomi consumer fin…'
    """
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "\u2026"


def fit_label(axis: pg.AxisItem, text: str) -> str:
    """Cut a tick label to the axis's width in pixels (pyqtgraph drops a label that sticks out)."""
    font = axis.style.get("tickFont") or axis.font()
    return QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, max(int(axis.width()) - 16, 20))


class StakeChart(QWidget):
    """Bars for the owners of one entity at the look-through's date."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("stake_chart")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.heading = QLabel("Select an entity to chart who owns it.", objectName="stake_heading")
        self.heading.setWordWrap(True)
        layout.addWidget(self.heading)
        self.plot = plain_plot()
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.invertY(True)
        self.plot.getAxis("left").setWidth(140)
        self.plot.setMinimumHeight(150)
        layout.addWidget(self.plot, 1)
        self.rows: list[tuple[str, Interval]] = []  # (tick label, interval), top to bottom
        self.bars: list[pg.BarGraphItem] = []

    def clear(self, message: str) -> None:
        """Empty the chart and say why."""
        self.plot.clear()
        self.rows, self.bars = [], []
        self.plot.getAxis("left").setTicks([[]])
        self.heading.setText(message)

    def show_stakes(self, doc: Document, result: LookThrough | None, subject_id: str) -> None:
        """Chart the owners of ``subject_id`` from a look-through (None: nothing to chart)."""
        if result is None or not subject_id or not doc.has_entity(subject_id):
            self.clear("Select an entity to chart who owns it.")
            return
        stakes = result.owners_of(subject_id)
        direct = [stake for stake in stakes if stake.is_direct]
        indirect = [stake for stake in stakes if not stake.is_direct]
        shown = (direct + indirect)[:MAX_ROWS]
        self.rows = [(self._label(doc, stake), stake.interval) for stake in shown]
        colours = [DIRECT_COLOUR if stake.is_direct else INDIRECT_COLOUR for stake in shown]
        remainder = undisclosed_remainder(result, subject_id)
        if remainder.high > 1e-9:
            self.rows.append((REMAINDER, remainder))
            colours.append(UNDISCLOSED_COLOUR)
        name = doc.entity(subject_id).name
        more = f" ({len(stakes) - len(shown)} smaller owners not shown)" if len(stakes) > len(shown) else ""
        when = f"as of {result.as_of.isoformat()}" if result.as_of else "current facts"
        self.heading.setText(f"<b>{html.escape(name)}</b>, {when}. Effective stakes in %; "
                             f"blue: direct, orange: through others{more}.")
        self._draw(colours)

    @staticmethod
    def _label(doc: Document, stake: EffectiveStake) -> str:
        return elide(doc.entity(stake.owner_id).name)

    def _draw(self, colours: list[QColor]) -> None:
        self.plot.clear()
        self.bars = []
        for row, ((_label, interval), colour) in enumerate(zip(self.rows, colours, strict=True)):
            hidden_size = interval.text == UNDISCLOSED or colour == UNDISCLOSED_COLOUR
            self._bar(row, interval, colour, hidden_size)
            text = UNDISCLOSED if interval.text == UNDISCLOSED else interval.text
            inside = interval.high > LABEL_INSIDE_ABOVE  # no room right of the bar: write on it
            fill = pg.mkBrush(255, 255, 255, 210) if inside else None
            label = pg.TextItem(text, color=INK, anchor=(0, 0.5), fill=fill)
            label.setPos(1.5 if inside else interval.high + 1.5, row)
            self.plot.addItem(label)
        axis = self.plot.getAxis("left")
        ticks = [(row, fit_label(axis, label)) for row, (label, _) in enumerate(self.rows)]
        axis.setTicks([ticks])
        self.plot.setXRange(0, 120, padding=0)
        self.plot.setYRange(-0.7, max(len(self.rows), 2) - 0.3, padding=0)

    def _bar(self, row: int, interval: Interval, colour: QColor, hatched: bool) -> None:
        pale = QColor(colour)
        pale.setAlpha(90)
        solid = QBrush(colour, Qt.BrushStyle.BDiagPattern) if hatched else QBrush(colour)
        range_brush = QBrush(colour, Qt.BrushStyle.BDiagPattern) if hatched else QBrush(pale)
        pen = pg.mkPen(colour.darker(130))
        if interval.low > 0:
            self._add_bar(row, 0, interval.low, solid, pen)
        if interval.high - interval.low > 1e-9:
            dashed = pg.mkPen(colour, style=Qt.PenStyle.DashLine)
            self._add_bar(row, interval.low, interval.high, range_brush, dashed)
            if hatched:  # the hatching already says the size is unknown
                return
            middle = (interval.low + interval.high) / 2
            half = (interval.high - interval.low) / 2
            whisker = pg.ErrorBarItem(x=np.array([middle]), y=np.array([float(row)]), left=np.array([half]),
                                      right=np.array([half]), beam=0.35, pen=pg.mkPen(INK, width=1.5))
            self.plot.addItem(whisker)

    def _add_bar(self, row: int, start: float, end: float, brush: QBrush, pen) -> None:
        bar = pg.BarGraphItem(x0=[start], x1=[end], y=[row], height=BAR_HEIGHT, brush=brush, pen=pen)
        self.plot.addItem(bar)
        self.bars.append(bar)
