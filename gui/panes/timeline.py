"""Timeline: every dated fact on a time axis, and the as-of control that picks the date shown.

Facts (:func:`dated_facts`) are relationship starts and ends and dated entity attributes
('founded 2016'). Each gets a row; x is the date as a fractional year. A date known to a year is a
bar from 1 January to 31 December, one known to a month a bar across that month, and a day a
tick, so the precision shows. Hovering a row shows the fact and the first quote behind it;
clicking it emits :attr:`TimelinePane.ids_clicked` with the fact's item id.

The as-of control is a 'Now (current facts)' check box, a date field, a slider and an orange line
on the plot that can be dragged; they stay in step and emit :attr:`TimelinePane.as_of_changed`
with 'YYYY-MM-DD', or None for the current facts. The slider reports on release and the line when
dropped, so a drag does not recompute the look-through at every pixel.
"""

from __future__ import annotations

import calendar
import datetime
import math
from dataclasses import dataclass

import pyqtgraph as pg
from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QSlider,
    QToolTip,
    QVBoxLayout,
    QWidget,
)

from model.document import Document
from model.lookthrough_inforce import first_day, last_day
from model.types import FuzzyDate

from ..style import tooltip
from .stakes import INK, fit_label, plain_plot

START_COLOUR = QColor("#2e8b57")
END_COLOUR = QColor("#c0392b")
ATTRIBUTE_COLOUR = QColor("#2f6db5")
AS_OF_COLOUR = QColor("#ff8c00")
ROW_PIXELS = 14
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
KIND_WORDS = {"ownership": "owns", "position": "holds a position at", "reporting": "reports to",
              "licence": "licenses"}


@dataclass(frozen=True)
class Fact:
    """One dated fact: the item it belongs to, its date, what happened and the quote behind it."""

    item_id: str
    date: FuzzyDate
    what: str
    quote: str
    role: str  # 'start', 'end' or 'attribute'

    @property
    def span(self) -> tuple[float, float]:
        """The period the date stands for, as fractional years (a day has no width)."""
        if self.date.precision == "day":
            start = year_fraction(first_day(self.date))
            return start, start
        return year_fraction(first_day(self.date)), year_fraction(last_day(self.date) + datetime.timedelta(1))

    @property
    def when(self) -> str:
        """The date as written: '2016', 'March 2019' or '23 April 2020', with the source's words."""
        day = first_day(self.date)
        month = calendar.month_name[day.month]
        text = {"year": f"{day.year}", "month": f"{month} {day.year}",
                "day": f"{day.day} {month} {day.year}"}[self.date.precision]
        return f"{text} (\u201c{self.date.text}\u201d)" if self.date.text else text

    @property
    def description(self) -> str:
        """The fact and its quote, for the hover text."""
        quote = f"\n\u201c{self.quote}\u201d" if self.quote else "\n(no quote)"
        return f"{self.when}: {self.what}{quote}"


def year_fraction(day: datetime.date) -> float:
    """A day as a fractional year: 1 January 2020 is 2020.0, 2 July 2020 is about 2020.5.

    >>> year_fraction(datetime.date(2020, 1, 1)), round(year_fraction(datetime.date(2020, 7, 2)), 3)
    (2020.0, 2020.5)
    """
    start = datetime.date(day.year, 1, 1)
    length = (datetime.date(day.year + 1, 1, 1) - start).days
    return day.year + (day - start).days / length


def from_year_fraction(value: float) -> datetime.date:
    """The day a fractional year falls in (the inverse of :func:`year_fraction`)."""
    year = min(max(int(math.floor(value)), 1), 9998)
    start = datetime.date(year, 1, 1)
    length = (datetime.date(year + 1, 1, 1) - start).days
    return start + datetime.timedelta(days=min(int((value - year) * length), length - 1))


def dated_facts(doc: Document) -> list[Fact]:
    """Every dated fact of a document, earliest first.

    >>> from model.types import Entity, Relationship, Attribute
    >>> doc = Document()
    >>> founded = Attribute("2016", FuzzyDate("2016"))
    >>> doc.add_entity(Entity("b", "Bank", "bank", attributes={"founded": founded}))
    >>> doc.add_entity(Entity("x", "Xiaomi"))
    >>> doc.add_relationship(Relationship("r", "ownership", "x", "b", end=FuzzyDate("2019-03")))
    >>> [(fact.item_id, fact.when, fact.what) for fact in dated_facts(doc)]
    [('b', '2016', 'Bank founded'), ('r', 'March 2019', 'Ends: Xiaomi owns Bank')]
    """
    facts = []
    for entity in doc.entities():
        for name, attribute in entity.attributes.items():
            if attribute.date is None:
                continue
            value = "" if attribute.value in ("", attribute.date.value) else f": {attribute.value}"
            quote = _first_quote(attribute.citations) or _first_quote(entity.citations)
            facts.append(Fact(entity.id, attribute.date, f"{entity.name} {name}{value}", quote, "attribute"))
    for rel in doc.relationships():
        what = _describe(doc, rel)
        quote = _first_quote(rel.citations)
        planned = " (planned)" if rel.status == "planned" else ""
        if rel.start is not None:
            facts.append(Fact(rel.id, rel.start, f"Starts{planned}: {what}", quote, "start"))
        if rel.end is not None:
            facts.append(Fact(rel.id, rel.end, f"Ends: {what}", quote, "end"))
    return sorted(facts, key=lambda fact: (first_day(fact.date), fact.what))


def _describe(doc: Document, rel) -> str:
    """'Xiaomi owns Bank', 'Zhao Weixing, vice president at Xiaomi fintech branch'..."""
    subject, obj = doc.entity(rel.subject).name, doc.entity(rel.object).name
    if rel.kind == "position" and rel.role:
        return f"{subject}, {rel.role} at {obj}"
    words = KIND_WORDS.get(rel.kind, rel.kind)
    role = f" ({rel.role})" if rel.role and rel.role != words else ""
    return f"{subject} {words} {obj}{role}"


def _first_quote(citations) -> str:
    return citations[0].quote if citations else ""


class YearAxis(pg.AxisItem):
    """A bottom axis in fractional years: '2019' on whole years, 'Mar 2019' between them."""

    def tickStrings(self, values, scale, spacing):  # noqa: N802 (Qt/pyqtgraph name)
        if spacing >= 1:
            return [f"{round(value):d}" for value in values]
        return [_month_label(value) for value in values]


def _month_label(value: float) -> str:
    day = from_year_fraction(value + 1e-6)
    return f"{MONTHS[day.month - 1]} {day.year}"


class FactAxis(pg.AxisItem):
    """A left axis naming each row's fact, skipping rows when they would overlap."""

    def __init__(self) -> None:
        super().__init__("left")
        self.labels: list[str] = []

    def tickValues(self, minVal, maxVal, size):  # noqa: N802,N803 (pyqtgraph names)
        low = max(0, math.ceil(min(minVal, maxVal)))
        high = min(len(self.labels) - 1, int(max(minVal, maxVal)))
        if high < low:
            return []
        rows_per_label = max(1, math.ceil((high - low + 1) * ROW_PIXELS / max(size, 1)))
        return [(rows_per_label, list(range(low, high + 1, rows_per_label)))]

    def tickStrings(self, values, scale, spacing):  # noqa: N802
        return [fit_label(self, self.labels[int(value)]) if 0 <= int(value) < len(self.labels) else ""
                for value in values]


class TimelinePane(QWidget):
    """The dated facts of a document on a time axis, with the as-of control above them."""

    ids_clicked = Signal(list)  # [item id] of a clicked fact
    as_of_changed = Signal(object)  # 'YYYY-MM-DD', or None for the current facts

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.facts: list[Fact] = []
        self._syncing = False
        self._base = QDate(2000, 1, 1)  # the slider counts days from here
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(self._controls())
        self.fact_axis = FactAxis()
        self.plot = plain_plot(left_axis=self.fact_axis, bottom_axis=YearAxis("bottom"))
        self.fact_axis.setPen(pg.mkPen(INK))
        self.fact_axis.setTextPen(pg.mkPen(INK))
        self.fact_axis.setWidth(270)
        self.plot.setMinimumHeight(90)
        self.plot.invertY(True)
        self.plot.setMouseEnabled(x=True, y=False)
        self.plot.showGrid(x=True, y=False, alpha=0.2)
        self.line = pg.InfiniteLine(angle=90, movable=True, pen=pg.mkPen(AS_OF_COLOUR, width=2),
                                    label="as of", labelOpts={"color": AS_OF_COLOUR, "position": 0.06})
        self.line.sigPositionChangeFinished.connect(self._line_dropped)
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        self.plot.scene().sigMouseClicked.connect(self._mouse_clicked)
        layout.addWidget(self.plot, 1)
        self.hover = QLabel("Hover over a fact to read its quote; click it to select it.", objectName="hover")
        self.hover.setWordWrap(True)
        layout.addWidget(self.hover)
        self._set_now(True)

    def _controls(self) -> QHBoxLayout:
        row = QHBoxLayout()
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
        self.slider = QSlider(Qt.Orientation.Horizontal, objectName="as_of_slider")
        self.slider.setTracking(False)  # report on release: each report redraws the canvas
        self.slider.valueChanged.connect(self._slider_moved)
        row.addWidget(self.slider, 1)
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

    def _line_dropped(self) -> None:
        day = from_year_fraction(self.line.value())
        self._show_date(QDate(day.year, day.month, day.day), emit=True)

    def _show_date(self, date: QDate, emit: bool) -> None:
        """Put every control on ``date`` and tell the window."""
        self._syncing = True
        try:
            self.date_edit.setDate(date)
            self._fit_slider(date)
            self.slider.setValue(self._base.daysTo(date))
            day = datetime.date(date.year(), date.month(), date.day())
            self.line.setValue(year_fraction(day) + 0.5 / 365)
        finally:
            self._syncing = False
        if emit:
            self.as_of_changed.emit(self.as_of)

    def _fit_slider(self, date: QDate) -> None:
        """The slider runs from a year before the first fact to a year after the last (or today)."""
        spans = [fact.span for fact in self.facts]
        first = min([int(start) for start, _ in spans] + [date.year(), QDate.currentDate().year()]) - 1
        last = max([int(end) for _, end in spans] + [date.year(), QDate.currentDate().year()]) + 1
        self._base = QDate(first, 1, 1)
        self.slider.setRange(0, self._base.daysTo(QDate(last, 12, 31)))
        self.slider.setPageStep(30)

    # --- the facts ------------------------------------------------------------------------------
    def set_document(self, doc: Document | None) -> None:
        """Draw the dated facts of a document (None: none)."""
        self.facts = dated_facts(doc) if doc is not None else []
        self._draw()
        self._show_date(self.date_edit.date(), emit=False)

    def _draw(self) -> None:
        self.plot.clear()
        self.plot.addItem(self.line, ignoreBounds=True)
        self.fact_axis.labels = [fact.what for fact in self.facts]
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
        self.plot.setYRange(-0.6, max(len(self.facts), 1) - 0.4, padding=0)
        self.plot.getViewBox().setLimits(yMin=-1, yMax=max(len(self.facts), 1))

    @staticmethod
    def _colour(fact: Fact) -> QColor:
        return {"start": START_COLOUR, "end": END_COLOUR}.get(fact.role, ATTRIBUTE_COLOUR)

    def fact_at_row(self, y: float) -> Fact | None:
        """The fact drawn on the row at plot height ``y``, if any."""
        row = round(y)
        return self.facts[row] if 0 <= row < len(self.facts) and abs(y - row) <= 0.5 else None

    def _fact_under(self, scene_pos) -> Fact | None:
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

    def show_fact(self, fact: Fact | None) -> None:
        """Write a fact and its quote under the plot (None: the hint)."""
        self.hover.setText(fact.description.replace("\n", "  ") if fact else
                           "Hover over a fact to read its quote; click it to select it.")

    def _mouse_clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        fact = self._fact_under(event.scenePos())
        if fact is not None:
            self.ids_clicked.emit([fact.item_id])
