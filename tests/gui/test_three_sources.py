"""The seed, a register extract and a second article, combined in the window as a user would: each
added through its preview, the disputed line marked on the canvas and in the exported picture,
a claim chosen in Details and taken back with undo."""

from __future__ import annotations

import copy
import json
import xml.etree.ElementTree as ET

from PySide6.QtWidgets import QLabel, QListWidget

from gui.export_svg import render_svg
from model.claims import disputes
from tests.gui.conftest import LEFT
from tests.model.test_add_source import EXTRACT, SECOND

SVG = "{http://www.w3.org/2000/svg}"


def _extract_with_a_founding_date() -> list[dict]:
    statements = copy.deepcopy(EXTRACT)
    bank = next(s for s in statements if s["recordId"] == "bank")
    bank["recordDetails"]["foundingDate"] = "2017-01-18"  # the seed's article says 2016
    return statements


def _lists(dialog) -> dict[str, list[str]]:
    return {widget.objectName()[:-5]: [widget.item(i).text() for i in range(widget.count())]
            for widget in dialog.findChildren(QListWidget)}


def _stake(doc):
    names = {e.id: e.name for e in doc.entities()}
    return next(r for r in doc.relationships("ownership")
                if (names[r.subject], names[r.object]) == ("Xiaomi", "Sichuan Xinwang Bank"))


def test_three_sources_in_the_window(window, qtbot, tmp_path):
    doc = window.editor.doc
    extract = tmp_path / "register.bods.json"
    extract.write_text(json.dumps(_extract_with_a_founding_date()), encoding="utf-8")
    seen = []

    def ok(dialog):
        seen.append(_lists(dialog))
        return True

    assert window.add_source_file(str(extract), ask=ok)
    register = seen[-1]
    assert sorted(row.split("  =  ")[0] for row in register["matched"]) == [
        "Sichuan Xinwang Bank Co., Ltd.", "XIAOMI CORPORATION"]
    assert register["new"] == ["Lei Jun"]
    (founded,) = register["disagreements"]
    assert founded.startswith("The founding date of Sichuan Xinwang Bank: ")
    assert "2016" in founded and "2017-01-18" in founded

    assert window.add_article(SECOND, "Xiaomi Corp raises its bet on XW Bank", ask=ok)
    article = seen[-1]
    assert any(row.startswith("Xiaomi Corp  =  Xiaomi") for row in article["matched"])
    assert "Tianyin Capital" in article["new"]
    assert any(row.startswith("The share of Xiaomi \u2192 Sichuan Xinwang Bank") and "30%" in row
               for row in article["disagreements"])
    assert any(row.startswith("The status of Zhao Weixing") for row in article["disagreements"])
    assert window.editor.undo_stack.count() == 2  # one step per source

    # The register ranks highest: its 29.5% is drawn and the article's 30% marked beside it.
    stake = _stake(doc)
    assert stake.share.text == "29.5" and {c.value for c in disputes(stake)["share"]} == {"29.5", "30"}
    item = window.editor.scene.relationship_items[stake.id]
    assert item.label.startswith("29.5% \u2260 30%")
    root = ET.fromstring(render_svg(window.editor.scene))
    (group,) = [g for g in root.iter(f"{SVG}g") if g.get("id") == f"relationship-{stake.id}"]
    title = group.find(f"{SVG}title").text
    assert "30% \u2014 \u201cXiaomi Corp now holds 30%" in title and "29.5%" in title

    # Choosing the article's claim redraws the line; one undo puts the register's back.
    window.select_ids([stake.id])
    buttons = {b.parent().findChild(QLabel).text().split("</b>")[0]: b for b in window.details.claims.buttons}
    qtbot.mouseClick(buttons["<b>30%"], LEFT)
    assert _stake(doc).share.text == "30" and item.label.startswith("30%")
    window.editor.undo_stack.undo()
    assert _stake(doc) == stake and item.label.startswith("29.5% \u2260 30%")

    bank = next(e for e in doc.entities() if e.name == "Sichuan Xinwang Bank")
    assert bank.attributes["founded"].value == "2017-01-18"  # the register's, the article's kept beside it
    problems = window.problems

    def texts() -> list[str]:
        return [problems.topLevelItem(i).text(1) for i in range(problems.topLevelItemCount())]
    qtbot.waitUntil(lambda: any("disagree on the founding date" in t for t in texts()), timeout=3000)
    assert sum("disagree" in t for t in texts()) >= 3
