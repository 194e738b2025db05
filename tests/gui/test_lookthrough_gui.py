"""Look-through pane, stake chart, timeline and the as-of filter on the Xiaomi seed, used as a user would."""

import pytest
from PySide6.QtCore import QDate, QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from gui.asof import AsOfController
from gui.panes.lookthrough import EFFECTIVE, PARTY, UNKNOWN, VERDICT
from tests.gui.conftest import LEFT, centre_on

ZHUHAI = ("zhuhai-p2p", "own-xiaomi-zhuhai-p2p")


@pytest.fixture
def as_of(window):
    """The window's own look-through controller: the window wires the selection and the document to it."""
    controller = window.as_of  # installed by the window (after its first paint, or when first asked for)
    assert window.findChild(AsOfController, "as_of_controller") is controller
    return controller


def click_entity(window, entity_id):
    start = centre_on(window, entity_id) + QPoint(-20, 0)  # on the node, away from its port
    QTest.mouseClick(window.canvas.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, start)
    assert window.selected_ids() == [entity_id]


def shown(window, item_id):
    scene = window.editor.scene
    item = scene.entity_items.get(item_id) or scene.relationship_items[item_id]
    return item.isVisible()


def owner_rows(pane):
    tree = pane.owners
    return {tree.topLevelItem(i).text(PARTY): tree.topLevelItem(i) for i in range(tree.topLevelItemCount())}


def test_moving_the_as_of_date_hides_what_was_not_yet_or_no_longer_there(window, as_of, qtbot):
    window.set_view("all")  # every kind of line is drawn in Everything
    timeline = as_of.timeline
    assert all(shown(window, item_id) for item_id in ZHUHAI)  # current facts: everything drawn
    qtbot.mouseClick(timeline.now, LEFT)  # untick 'Now (current facts)'
    assert timeline.date_edit.isEnabled()
    timeline.date_edit.setFocus()
    timeline.date_edit.setDate(QDate(2018, 6, 1))
    assert all(shown(window, item_id) for item_id in ZHUHAI)
    assert not shown(window, "pos-zhao-fintech-vp")  # appointed in April 2020
    assert as_of.status.text() == "As of 2018-06-01"
    timeline.date_edit.setDate(QDate(2020, 5, 1))
    assert not any(shown(window, item_id) for item_id in ZHUHAI)
    assert shown(window, "pos-zhao-fintech-vp") and shown(window, "own-xiaomi-xinwang")
    assert as_of.status.text() == "As of 2020-05-01"
    qtbot.mouseClick(timeline.now, LEFT)
    assert all(shown(window, item_id) for item_id in ZHUHAI)
    assert as_of.status.text() == "Current facts"


def test_the_slider_moves_the_date_too(window, as_of, qtbot):
    timeline = as_of.timeline
    qtbot.mouseClick(timeline.now, LEFT)
    timeline.slider.setFocus()
    before = timeline.date_edit.date()
    QTest.keyClick(timeline.slider, Qt.Key.Key_PageDown)  # a page back: 30 days earlier
    assert timeline.date_edit.date() == before.addDays(-30)
    timeline.set_as_of("2020-05-01")
    assert timeline.slider.value() == timeline._base.daysTo(QDate(2020, 5, 1))
    assert not shown(window, "zhuhai-p2p")


def test_selecting_xinwang_lists_xiaomi_at_29_5_percent(window, as_of):
    click_entity(window, "xinwang")
    assert "Sichuan Xinwang Bank" in as_of.lookthrough.heading.text()  # the window passed the click on
    rows = owner_rows(as_of.lookthrough)
    assert rows["Xiaomi"].text(EFFECTIVE) == "29.5%"
    assert rows["Xiaomi"].text(VERDICT) == "certainly above"
    as_of.lookthrough.threshold.setCurrentIndex(as_of.lookthrough.threshold.findData(50))
    assert owner_rows(as_of.lookthrough)["Xiaomi"].text(VERDICT) == "below"


def test_webank_is_held_by_tencent_undisclosed(window, as_of):
    click_entity(window, "webank")
    assert as_of.lookthrough.subject_id == "webank"
    tencent = owner_rows(as_of.lookthrough)["Tencent"]
    assert tencent.text(EFFECTIVE) == "undisclosed"
    assert tencent.text(UNKNOWN) == "yes"


def test_the_stake_chart_has_a_bar_per_owner_and_the_undisclosed_remainder(window, as_of):
    click_entity(window, "xinwang")
    labels = [label for label, _ in as_of.stakes.rows]
    assert labels == ["Xiaomi", "(undisclosed)"]
    assert as_of.stakes.rows[1][1].text == "70.5%"
    assert as_of.stakes.bars
    ticks = as_of.stakes.plot.getAxis("left")._tickLevels[0]
    assert [text for _, text in ticks] == labels


def test_the_timeline_shows_every_dated_fact_with_its_precision(as_of):
    facts = {(fact.item_id, fact.role): fact for fact in as_of.timeline.facts}
    founded = facts[("xinwang", "attribute")]
    assert founded.when.startswith("2016") and founded.span == (2016.0, 2017.0)
    assert facts[("own-xiaomi-zhuhai-p2p", "end")].when.startswith("March 2019")
    assert facts[("lic-cn-chongqing-approval", "start")].when.startswith("January 2020")
    assert facts[("lic-sg-digital-bank", "start")].date.value == "2020-01"
    appointed = facts[("pos-zhao-fintech-vp", "start")]
    assert appointed.when.startswith("23 April 2020")
    assert appointed.span[0] == appointed.span[1]  # a day is a tick, not a bar


def test_hovering_a_fact_shows_its_quote_and_clicking_selects_it(window, as_of, qtbot):
    timeline = as_of.timeline
    timeline.window().resize(1400, 1100)
    as_of.timeline_dock.raise_()
    qtbot.waitUntil(lambda: timeline.plot.isVisible())
    row = next(i for i, fact in enumerate(timeline.facts) if fact.item_id == "own-xiaomi-zhuhai-p2p")
    at = timeline.plot.mapFromScene(timeline.plot.getViewBox().mapViewToScene(QPointF(2019.2, row)))
    QTest.mouseMove(timeline.plot.viewport(), at)
    qtbot.waitUntil(lambda: "In March 2019, it had to break up" in timeline.hover.text())
    QTest.mouseClick(timeline.plot.viewport(), LEFT, Qt.KeyboardModifier.NoModifier, at)
    qtbot.waitUntil(lambda: window.selected_ids() == ["own-xiaomi-zhuhai-p2p"])


def test_clicking_a_path_selects_its_line_on_the_canvas(window, as_of, qtbot):
    click_entity(window, "xinwang")
    pane = as_of.lookthrough
    as_of.lookthrough_dock.raise_()
    row = owner_rows(pane)["Xiaomi"]
    pane.owners.expandItem(row)
    (path,) = [child for child in pane.path_rows(row) if child.data(PARTY, Qt.ItemDataRole.UserRole + 1)]
    assert path.text(PARTY) == "Xiaomi \u2192 Sichuan Xinwang Bank: 29.5%"
    qtbot.waitUntil(lambda: pane.owners.visualItemRect(path).isValid())
    QTest.mouseClick(pane.owners.viewport(), LEFT, Qt.KeyboardModifier.NoModifier,
                     pane.owners.visualItemRect(path).center())
    assert window.selected_ids() == ["own-xiaomi-xinwang", "xiaomi", "xinwang"]
    assert pane.subject_id == "xinwang"  # the pane stays on its subject


def test_a_circular_ownership_error_is_shown_not_raised(window, as_of, qtbot):
    from model.types import Relationship, Share

    doc = window.editor.doc
    doc.add_relationship(Relationship("loop-a", "ownership", "alibaba", "ant-financial", Share.exact(100)))
    doc.add_relationship(Relationship("loop-b", "ownership", "ant-financial", "alibaba", Share.exact(100)))
    qtbot.waitUntil(lambda: as_of.lookthrough.error.isVisible())
    assert "cycle" in as_of.lookthrough.error.text()
    assert as_of.lookthrough.owners.topLevelItemCount() == 0
