"""Faults a user saw on the Xiaomi seed: timeline labels and slider, default date, quote and note."""

import dataclasses
import datetime

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, QRect, Qt
from PySide6.QtGui import QImage, QPainter, QTextCursor
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionSlider

from gui.panes.timeline import year_fraction
from tests.gui.conftest import LEFT


@pytest.fixture
def timeline(window, qtbot):
    """The Timeline pane in front, as the user opens it."""
    window.as_of.timeline_dock.raise_()
    pane = window.as_of.timeline
    qtbot.waitUntil(lambda: pane.plot.isVisible() and pane.plot.getViewBox().height() > 0)
    return pane


def drawn_labels(pane) -> list[tuple[QRect, str]]:
    """What the fact axis draws: each label's rectangle (axis coordinates) and its text."""
    image = QImage(10, 10, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        _, _, texts = pane.fact_axis.generateDrawSpecs(painter)
    finally:
        painter.end()
    return [(rect, text) for rect, _, text in texts]


def rows_in_view(pane) -> list[int]:
    """The rows whose bar or tick is (at least partly) inside the plot."""
    low, high = pane.plot.getViewBox().viewRange()[1]
    return [row for row in range(len(pane.facts)) if low < row + 0.3 and row - 0.3 < high]


def assert_each_shown_row_has_its_whole_label(pane):
    axis, view = pane.fact_axis, pane.plot.getViewBox()
    labels = drawn_labels(pane)
    shown = rows_in_view(pane)
    assert shown
    for row in shown:
        y = axis.mapFromScene(view.mapViewToScene(QPointF(0, row))).y()
        beside = [text for rect, text in labels if abs(rect.center().y() - y) < 2]
        assert [" ".join(text.split()) for text in beside] == [pane.facts[row].what], row
    rects = sorted((rect for rect, _ in labels), key=lambda rect: rect.top())
    assert all(rect.left() >= 0 for rect in rects)  # nothing sticks out of the label column
    assert all(upper.bottom() <= lower.top() for upper, lower in zip(rects, rects[1:], strict=False))


@pytest.mark.parametrize("width", [1400, 900])
def test_every_timeline_row_has_its_whole_label(window, timeline, qtbot, width):
    window.resize(width, 900)
    QApplication.processEvents()
    assert_each_shown_row_has_its_whole_label(timeline)
    scroll = timeline.rows_bar  # rows that do not fit are a scroll away, labelled too
    seen = set()
    for top in range(scroll.minimum(), scroll.maximum() + 1):
        scroll.setValue(top)
        QApplication.processEvents()
        assert_each_shown_row_has_its_whole_label(timeline)
        seen.update(rows_in_view(timeline))
    assert seen == set(range(len(timeline.facts)))


def handle_x(pane) -> float:
    """The centre of the as-of slider's handle, in the pane's coordinates."""
    slider = pane.slider
    option = QStyleOptionSlider()
    slider.initStyleOption(option)
    handle = slider.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                           QStyle.SubControl.SC_SliderHandle, slider)
    return slider.mapTo(pane, QPoint(0, 0)).x() + handle.x() + handle.width() / 2


def axis_x(pane, day: datetime.date) -> float:
    """Where the middle of ``day`` is on the timeline's date axis, in the pane's coordinates."""
    scene = pane.plot.getViewBox().mapViewToScene(QPointF(year_fraction(day) + 0.5 / 365, 0))
    return pane.plot.viewport().mapTo(pane, QPoint(0, 0)).x() + pane.plot.viewportTransform().map(scene).x()


@pytest.mark.parametrize("width", [1400, 1000])
def test_the_slider_handle_sits_over_its_date_on_the_axis(window, timeline, qtbot, width):
    window.resize(width, 900)
    qtbot.mouseClick(timeline.now, LEFT)
    for day in (datetime.date(2016, 6, 30), datetime.date(2019, 3, 15), datetime.date(2020, 4, 23)):
        timeline.set_as_of(day.isoformat())
        QApplication.processEvents()
        assert abs(handle_x(timeline) - axis_x(timeline, day)) <= 2, day
        line = timeline.plot.getViewBox().mapViewToScene(QPointF(timeline.line.value(), 0))
        line_x = timeline.plot.viewport().mapTo(timeline, QPoint(0, 0)).x() + line.x()
        assert abs(line_x - axis_x(timeline, day)) <= 2  # the orange line marks the same day


def test_the_as_of_date_starts_at_the_latest_dated_fact(window, timeline, qtbot):
    qtbot.mouseClick(timeline.now, LEFT)  # untick 'Now (current facts)'
    assert timeline.date_edit.date() == QDate(2020, 4, 23)  # Zhao Weixing's appointment, not today
    qtbot.waitUntil(lambda: window.as_of.status.text() == "As of 2020-04-23")


@pytest.mark.parametrize("item_id", ["own-xiaomi-xinwang", "rep-zhao-hong", "pos-zhao-minsheng"])
def test_clicking_a_quote_brings_it_to_the_middle_of_the_source(window, item_id):
    window.details.show_item(item_id)  # what selecting it on the canvas does
    window.details.citations.anchorClicked.emit(window.details.citations.source().resolved("cite:0"))
    QApplication.processEvents()
    text = window.source.text
    citation = window.editor.doc.item(item_id).citations[0]
    assert text.textCursor().selectedText() == citation.quote
    first, last = QTextCursor(text.document()), QTextCursor(text.document())
    first.setPosition(text.textCursor().selectionStart())
    last.setPosition(text.textCursor().selectionEnd())
    top, bottom = text.cursorRect(first).top(), text.cursorRect(last).bottom()
    height = text.viewport().height()
    assert 0 <= top and bottom <= height  # the whole quote shows
    assert height / 3 <= (top + bottom) / 2 <= 2 * height / 3  # with context above and below


def test_the_analyst_note_opens_at_its_start(window, qtbot):
    doc = window.editor.doc
    long_note = " ".join(f"Line {number}: the analyst's reading of the source." for number in range(40))
    window.editor.replace(dataclasses.replace(doc.entity("xiaomi"), note=long_note), "Edit note")
    for entity_id, note in (("sg-licensing-authority", doc.entity("sg-licensing-authority").note),
                            ("xiaomi", long_note)):
        window.select_ids([entity_id])
        QApplication.processEvents()
        field = window.details.entity_note
        assert field.inputMethodQuery(Qt.InputMethodQuery.ImCursorPosition) == 0
        assert field.toPlainText() == note
        assert field.verticalScrollBar().value() == 0
        first_word = field.cursorRect(QTextCursor(field.document()))
        assert field.viewport().rect().contains(first_word.center())
    assert window.details.entity_note.verticalScrollBar().maximum() > 0  # the long note does scroll


def test_a_note_typed_in_details_is_saved_on_leaving_the_field(window, qtbot):
    window.details.show_item("xiaomi")
    field, note = window.details.entity_note, window.editor.doc.entity("xiaomi").note
    window.activateWindow()
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    qtbot.keyClicks(field, "Checked. ")
    window.details.name.setFocus()  # leaving the field saves it, as with the other fields
    qtbot.waitUntil(lambda: window.editor.doc.entity("xiaomi").note == f"Checked. {note}")
    window.editor.undo_stack.undo()
    assert field.toPlainText() == note
