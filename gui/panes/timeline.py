"""Timeline: every dated fact on a time axis, and the as-of control that picks the date shown.

Facts (:func:`model.asof.dated_facts`) are relationship starts and ends and dated entity attributes
('founded 2016'). Each gets a row; x is the date as a fractional year. A date known to a year is a
bar from 1 January to 31 December, one known to a month a bar across that month, and a day a
tick, so the precision shows. Hovering a row shows the fact and the first quote behind it;
clicking it emits :attr:`TimelinePane.ids_clicked` with the fact's item id.

Every row carries its whole fact on the left, wrapped when the label column (at most
:data:`LABEL_SHARE` of the pane) is too narrow; rows keep a readable height, and those that do not
fit are a scroll bar away.

The as-of control is a 'Now (current facts)' check box, a date field, a slider and an orange line
on the plot that can be dragged; they stay in step and emit :attr:`TimelinePane.as_of_changed`
with 'YYYY-MM-DD', or None for the current facts. The slider lies over the plotting area and spans
the years in view, so its handle stands over its date on the axis. It reports on release and the
line when dropped, so a drag does not recompute the look-through at every pixel. A new document
starts at :func:`model.asof.default_as_of`, the day of its latest dated fact.
"""

from __future__ import annotations

import calendar
import datetime
import math

import pyqtgraph as pg
from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QScrollBar,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from model.asof import DatedFact, dated_facts, default_as_of, from_year_fraction, year_fraction
from model.document import Document

from ..style import tooltip
from .stakes import INK, plain_plot

START_COLOUR = QColor("#2e8b57")
END_COLOUR = QColor("#c0392b")
ATTRIBUTE_COLOUR = QColor("#2f6db5")
AS_OF_COLOUR = QColor("#ff8c00")
ROW_GAP = 6  # pixels between the labels of neighbouring rows
LABEL_SHARE = 0.5  # the most of the pane's width the labels take; longer ones wrap
LABEL_PADDING = 10  # pixels left of the longest label
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class YearAxis(pg.AxisItem):
    """A bottom axis in fractional years: '2019' on whole years, 'Mar 2019' between them."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (Qt/pyqtgraph name)
        if spacing >= 1:
            return [f"{round(value):d}" for value in values]
        return [_month_label(value) for value in values]


def _middle_of(date: QDate) -> float:
    """The middle of a day as a fractional year, where the as-of line and the slider put it."""
    day = datetime.date(date.year(), date.month(), date.day())
    return year_fraction(day) + 0.5 / (366 if calendar.isleap(day.year) else 365)


def _month_label(value: float) -> str:
    day = from_year_fraction(value + 1e-6)
    return f"{MONTHS[day.month - 1]} {day.year}"


def wrap_words(text: str, width: float, measure) -> list[str]:
    """``text`` in lines no wider than ``width`` by ``measure``, broken between words where it can.

    >>> wrap_words("Starts: Xiaomi owns Xiaomi consumer finance", 20, len)
    ['Starts: Xiaomi owns', 'Xiaomi consumer', 'finance']
    >>> wrap_words("Supercalifragilistic", 8, len)
    ['Supercal', 'ifragili', 'stic']
    """
    lines: list[str] = []
    line = ""
    for word in text.split():
        joined = f"{line} {word}" if line else word
        if measure(joined) <= width:
            line = joined
            continue
        if line:
            lines.append(line)
        line = word
        while measure(line) > width and len(line) > 1:  # a word wider than the column is cut, not lost
            cut = next((n for n in range(len(line) - 1, 1, -1) if measure(line[:n]) <= width), 1)
            lines.append(line[:cut])
            line = line[cut:]
    return [*lines, line] if line or not lines else lines


class FactAxis(pg.AxisItem):
    """A left axis naming every row's fact in full, wrapped to the label column's width."""

    def __init__(self) -> None:
        super().__init__("left")
        self.labels: list[str] = []  # each row's text as drawn, '\n' between wrapped lines

    def metrics(self) -> QFontMetrics:
        return QFontMetrics(self.style.get("tickFont") or self.font())

    def set_facts(self, texts: list[str], column: int) -> int:
        """Wrap the rows' texts to ``column`` pixels, size the axis to them; return lines per row."""
        metrics = self.metrics()
        wrapped = [wrap_words(text, column, metrics.horizontalAdvance) for text in texts]
        self.labels = ["\n".join(lines) for lines in wrapped]
        widest = max((metrics.horizontalAdvance(line) for lines in wrapped for line in lines), default=0)
        offset = max(0, self.style["tickLength"]) + self.style["tickTextOffset"][0]
        self.setWidth(widest + offset + LABEL_PADDING)
        self.picture = None  # pyqtgraph redraws a cached picture otherwise
        self.update()
        return max((len(lines) for lines in wrapped), default=1)

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803 (pyqtgraph names)
        low = max(0, math.ceil(min(minVal, maxVal)))
        high = min(len(self.labels) - 1, math.floor(max(minVal, maxVal)))
        return [(1, list(range(low, high + 1)))] if low <= high else []

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        return [self.labels[int(value)] if 0 <= int(value) < len(self.labels) else "" for value in values]


class TimelinePane(QWidget):
    """The dated facts of a document on a time axis, with the as-of control above them."""

    ids_clicked = Signal(list)  # [item id] of a clicked fact
    as_of_changed = Signal(object)  # 'YYYY-MM-DD', or None for the current facts

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.doc: Document | None = None
        self.facts: list[DatedFact] = []
        self._syncing = False
        self._rows_shown = 1
        self._base = QDate(2000, 1, 1)  # a slider value counts days from here
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._controls())
        layout.addLayout(self._plot_row(), 1)
        self.hover = QLabel("Hover over a fact to read its quote; click it to select it.", objectName="hover")
        self.hover.setWordWrap(True)
        layout.addWidget(self.hover)
        self._set_now(True)

    def _controls(self) -> QWidget:
        """The check box and date field; the slider is placed over the plot by :meth:`_align_slider`."""
        box = QWidget()
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        self.now = QCheckBox("Now (current facts)", objectName="as_of_now")
        self.now.setChecked(True)
        self.now.toggled.connect(self._set_now)
        row.addWidget(self.now)
        row.addWidget(QLabel("As of"))
        self.date_edit = QDateEdit(objectName="as_of_date")
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDate(QDate.currentDate())
        self.date_edit.dateChanged.connect(self._date_edited)
        row.addWidget(self.date_edit)
        row.addStretch(1)
        self._controls_width = row.sizeHint().width()
        self.slider = QSlider(Qt.Orientation.Horizontal, self, objectName="as_of_slider")
        self.slider.setTracking(False)  # report on release: each report redraws the canvas
        self.slider.setPageStep(30)
        self.slider.valueChanged.connect(self._slider_moved)
        self.slider.sliderMoved.connect(self._slider_dragged)
        box.setMinimumHeight(max(self.date_edit.sizeHint().height(), self.slider.sizeHint().height()))
        return box

    def _plot_row(self) -> QHBoxLayout:
        self.fact_axis = FactAxis()
        self.plot = plain_plot(left_axis=self.fact_axis, bottom_axis=YearAxis("bottom"))
        self.fact_axis.setPen(pg.mkPen(INK))
        self.fact_axis.setTextPen(pg.mkPen(INK))
        self.fact_axis.setStyle(tickFont=self.font())
        self.plot.setMinimumHeight(90)
        self.plot.invertY(True)
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.showGrid(x=True, y=False, alpha=0.2)
        self.line = pg.InfiniteLine(angle=90, movable=True, pen=pg.mkPen(AS_OF_COLOUR, width=2),
                                    label="as of", labelOpts={"color": AS_OF_COLOUR, "position": 0.06})
        self.line.sigPositionChangeFinished.connect(self._line_dropped)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._mouse_clicked)
        view = self.plot.getViewBox()
        view.sigResized.connect(self._fit_rows)
        view.sigXRangeChanged.connect(self._fit_slider)
        self.rows_bar = QScrollBar(Qt.Orientation.Vertical, objectName="timeline_rows")
        self.rows_bar.valueChanged.connect(self._show_rows)
        self.rows_bar.hide()
        row = QHBoxLayout()
        row.setSpacing(0)
        row.addWidget(self.plot, 1)
        row.addWidget(self.rows_bar)
        return row

    # --- the as-of date -------------------------------------------------------------------------
    @property
    def as_of(self) -> str | None:
        """The date shown, 'YYYY-MM-DD', or None for the current facts."""
        return None if self.now.isChecked() else self.date_edit.date().toString("yyyy-MM-dd")

    def set_as_of(self, as_of: str | None) -> None:
        """Show the facts of a day ('YYYY-MM-DD') or the current facts (None), as the user would."""
        if as_of is None:
            self.now.setChecked(True)
            return
        date = QDate.fromString(as_of, "yyyy-MM-dd")
        if self.now.isChecked():
            self._syncing = True
            try:
                self.date_edit.setDate(date)
            finally:
                self._syncing = False
            self.now.setChecked(False)  # shows and reports the date
        else:
            self.date_edit.setDate(date)

    def _set_now(self, now: bool) -> None:
        for widget in (self.date_edit, self.slider):
            widget.setEnabled(not now)
        self.line.setVisible(not now)
        self.line.setMovable(not now)
        if self.line.scene() is None:
            self.plot.addItem(self.line, ignoreBounds=True)
        self._show_date(self.date_edit.date(), emit=True)

    def _date_edited(self, date: QDate) -> None:
        if not self._syncing:
            self._show_date(date, emit=True)

    def _slider_moved(self, value: int) -> None:
        if not self._syncing:
            self._show_date(self._base.addDays(value), emit=True)

    def _slider_dragged(self, value: int) -> None:
        """The line follows the handle during a drag; the date is reported on release."""
        self.line.setValue(_middle_of(self._base.addDays(value)))

    def _line_dropped(self) -> None:
        day = from_year_fraction(self.line.value())
        self._show_date(QDate(day.year, day.month, day.day), emit=True)

    def _show_date(self, date: QDate, emit: bool) -> None:
        """Put every control on ``date`` (panning the plot to it when it is shown) and tell the window."""
        self._syncing = True
        try:
            self.date_edit.setDate(date)
            if not self.now.isChecked():
                self._pan_to(_middle_of(date))
            self.slider.setValue(self._base.daysTo(date))
            self.line.setValue(_middle_of(date))
        finally:
            self._syncing = False
        if emit:
            self.as_of_changed.emit(self.as_of)

    def _pan_to(self, x: float) -> None:
        low, high = self.plot.getViewBox().viewRange()[0]
        margin = (high - low) / 10
        if x < low:
            self.plot.setXRange(x - margin, x - margin + high - low, padding=0)
        elif x > high:
            self.plot.setXRange(x + margin - (high - low), x + margin, padding=0)

    def _fit_slider(self, *_) -> None:
        """The slider spans the years in view, a value standing for the middle of a day."""
        low, high = self.plot.getViewBox().viewRange()[0]
        syncing, self._syncing = self._syncing, True
        try:
            self.slider.setRange(round(self._day_number(low)), round(self._day_number(high)))
            self.slider.setValue(self._base.daysTo(self.date_edit.date()))
        finally:
            self._syncing = syncing

    def _day_number(self, value: float) -> float:
        """A fractional year in slider units: days after :attr:`_base`, 0 being its middle."""
        day = from_year_fraction(value)
        days_in_year = 366 if calendar.isleap(day.year) else 365
        into_day = (value - year_fraction(day)) * days_in_year
        return self._base.daysTo(QDate(day.year, day.month, day.day)) + into_day - 0.5

    def _align_slider(self) -> None:
        """Lay the slider over the plotting area, so a handle's centre stands over its date."""
        view = self.plot.getViewBox().sceneBoundingRect()
        origin = self.plot.viewport().mapTo(self, QPoint(0, 0)).x()
        transform = self.plot.viewportTransform()
        left = origin + transform.map(view.topLeft()).x()
        right = origin + transform.map(view.topRight()).x()
        inset_left, inset_right = self._handle_insets()
        x = round(left - inset_left)
        height = self.slider.sizeHint().height()
        edit = self.date_edit.geometry()
        middle = self.date_edit.parentWidget().mapTo(self, edit.center()).y()
        self.slider.setGeometry(x, middle - height // 2, round(right + inset_right) - x, height)

    def _handle_insets(self) -> tuple[float, float]:
        """How far in from the slider's ends the handle's centre stops, left and right."""
        option = QStyleOptionSlider()
        self.slider.initStyleOption(option)
        option.rect = QRect(0, 0, 1000, self.slider.sizeHint().height())
        option.minimum, option.maximum = 0, 1000
        centres = []
        for value in (0, 1000):
            option.sliderPosition = option.sliderValue = value
            handle = self.slider.style().subControlRect(
                QStyle.ComplexControl.CC_Slider, option, QStyle.SubControl.SC_SliderHandle, self.slider)
            centres.append(handle.x() + handle.width() / 2)
        return centres[0], 1000 - centres[1]

    # --- rows -----------------------------------------------------------------------------------
    def _fit_rows(self, *_) -> None:
        """Wrap the labels to the column, show as many whole rows as fit, and re-lay the slider."""
        inset = self._handle_insets()[0]
        column = max(int(self.width() * LABEL_SHARE), self._controls_width + round(inset) + 8)
        lines = self.fact_axis.set_facts([fact.what for fact in self.facts], column)
        pitch = lines * self.fact_axis.metrics().lineSpacing() + ROW_GAP
        self._rows_shown = max(1, int(self.plot.getViewBox().height() // pitch))
        hidden = max(0, len(self.facts) - self._rows_shown)
        self.rows_bar.setRange(0, hidden)
        self.rows_bar.setPageStep(self._rows_shown)
        self.rows_bar.setVisible(hidden > 0)
        self._show_rows(self.rows_bar.value())
        self._align_slider()

    def _show_rows(self, top: int) -> None:
        self.plot.setYRange(top - 0.5, top - 0.5 + self._rows_shown, padding=0)

    def resizeEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().resizeEvent(event)
        self._fit_rows()

    def showEvent(self, event) -> None:  # noqa: N802 (Qt name)
        super().showEvent(event)
        self._fit_rows()

    # --- the facts ------------------------------------------------------------------------------
    def set_document(self, doc: Document | None) -> None:
        """Draw the dated facts of a document (None: none); a new document starts on its default date."""
        new = doc is not self.doc
        self.doc = doc
        self.facts = dated_facts(doc) if doc is not None else []
        self._draw()
        if new:
            day = default_as_of(doc) if doc is not None else None
            self._syncing = True
            try:
                self.date_edit.setDate(QDate(day.year, day.month, day.day) if day else QDate.currentDate())
            finally:
                self._syncing = False
        self._show_date(self.date_edit.date(), emit=new and not self.now.isChecked())

    def _draw(self) -> None:
        self.plot.clear()
        self.plot.addItem(self.line, ignoreBounds=True)
        self.bars = self.ticks = None
        spans = [fact.span for fact in self.facts]
        colours = [self._colour(fact) for fact in self.facts]
        periods = [row for row, fact in enumerate(self.facts) if fact.date.precision != "day"]
        days = [row for row, fact in enumerate(self.facts) if fact.date.precision == "day"]
        if periods:
            self.bars = pg.BarGraphItem(
                x0=[spans[row][0] for row in periods], x1=[spans[row][1] for row in periods],
                y=periods, height=0.55, brushes=[colours[row] for row in periods],
                pens=[pg.mkPen(colours[row].darker(140)) for row in periods])
            self.plot.addItem(self.bars)
        if days:
            self.ticks = pg.ScatterPlotItem(
                x=[spans[row][0] for row in days], y=days, symbol="|", size=16,
                pen=[pg.mkPen(colours[row], width=3) for row in days], brush=None)
            self.plot.addItem(self.ticks)
        if spans:
            left = min(start for start, _ in spans)
            right = max(end for _, end in spans)
            self.plot.setXRange(math.floor(left) - 0.5, math.ceil(right) + 0.5, padding=0)
        self._fit_rows()

    @staticmethod
    def _colour(fact: DatedFact) -> QColor:
        return {"start": START_COLOUR, "end": END_COLOUR}.get(fact.role, ATTRIBUTE_COLOUR)

    def fact_at_row(self, y: float) -> DatedFact | None:
        """The fact drawn on the row at plot height ``y``, if any."""
        row = round(y)
        return self.facts[row] if 0 <= row < len(self.facts) and abs(y - row) <= 0.5 else None

    def _fact_under(self, scene_pos) -> DatedFact | None:
        view_box = self.plot.getViewBox()
        if not view_box.sceneBoundingRect().contains(scene_pos):
            return None
        return self.fact_at_row(view_box.mapSceneToView(scene_pos).y())

    def _mouse_moved(self, scene_pos) -> None:
        fact = self._fact_under(scene_pos)
        self.show_fact(fact)
        if fact is not None:
            global_pos = self.plot.mapToGlobal(self.plot.mapFromScene(scene_pos))
            QToolTip.showText(global_pos, tooltip(fact.description), self.plot)

    def show_fact(self, fact: DatedFact | None) -> None:
        """Write a fact and its quote under the plot (None: the hint)."""
        self.hover.setText(fact.description.replace("\n", "  ") if fact else
                           "Hover over a fact to read its quote; click it to select it.")

    def _mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        fact = self._fact_under(event.scenePos())
        if fact is not None:
            self.ids_clicked.emit([fact.item_id])
