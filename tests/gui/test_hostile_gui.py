"""Hostile files through the window: at start-up and through Open, a broken file is a dialog and the
work on screen stays; a file that opens is drawn and exports as a valid SVG and a non-empty PNG."""

from __future__ import annotations

import json
import random
import xml.etree.ElementTree as ET

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from tests.conftest import SEED
from tests.model.fuzzing import mutate
from tests.model.test_fuzz import originals

CASES = 36


def error_box(window) -> QMessageBox | None:
    shown = [box for box in window.findChildren(QMessageBox, "error_box") if box.isVisible()]
    return shown[-1] if shown else None


def seed_with(change) -> str:
    data = json.loads(SEED.read_text(encoding="utf-8"))
    change(data)
    return json.dumps(data, ensure_ascii=False)


def nan_pin(data):
    data["layout"]["ownership"] = {"xiaomi": "__PIN__"}


HOSTILE_STARTS = {
    "nan-pin.stakemap.json": seed_with(nan_pin).replace('"__PIN__"', "[NaN, 10]"),
    "infinite-pin.stakemap.json": seed_with(nan_pin).replace('"__PIN__"', "[Infinity, 10]"),
    "huge-share.bods.json": json.dumps([
        {"statementId": "s-e", "recordId": "e", "recordType": "entity", "declarationSubject": "e",
         "statementDate": "2020-01-01",
         "recordDetails": {"isComponent": False, "entityType": {"type": "registeredEntity"}, "name": "Acme"}},
        {"statementId": "s-r", "recordId": "r", "recordType": "relationship", "declarationSubject": "e",
         "statementDate": "2020-01-01", "recordDetails": {
             "isComponent": False, "subject": "e", "interestedParty": "e",
             "interests": [{"type": "shareholding", "share": {"exact": "__SHARE__"}}]}}]
    ).replace('"__SHARE__"', "1e400"),
    "cut-short.stakemap.json": SEED.read_text(encoding="utf-8")[:900],
}


@pytest.mark.parametrize("name", sorted(HOSTILE_STARTS))
def test_starting_on_a_hostile_file_shows_why_and_an_empty_window(qtbot, tmp_path, monkeypatch, name):
    from gui import app

    path = tmp_path / name
    path.write_text(HOSTILE_STARTS[name], encoding="utf-8")
    monkeypatch.setenv("STAKEMAP_RECOVERY_DIR", str(tmp_path / "recovery"))
    settings = str(tmp_path / "settings.ini")
    monkeypatch.setattr(app, "QSettings", lambda: QSettings(settings, QSettings.Format.IniFormat))
    window = app.make_window(str(path))
    qtbot.addWidget(window)
    box = error_box(window)
    assert box is not None, "no error dialog"
    assert name in box.text() or name in box.informativeText() or str(path) in box.text()
    assert window.editor is not None and window.editor.doc.entities() == []


def test_random_hostile_files_through_open_and_export(window, tmp_path):
    from gui.export_image import render_png
    from gui.export_svg import render_svg

    files = originals()
    opened = refused = 0
    for seed in range(CASES):
        original = files[seed % len(files)]
        data = mutate(original.read_bytes(), random.Random(seed))
        suffix = ".stakemap.json" if original.name.endswith(".stakemap.json") else original.suffix
        path = tmp_path / f"case-{seed}{suffix}"
        path.write_bytes(data)
        before = window.editor.doc
        if window.open_path(str(path)):
            opened += 1
            scene = window.editor.scene
            ET.fromstring(render_svg(scene))  # a valid XML document, whatever the names hold
            assert render_png(scene).startswith(b"\x89PNG")
        else:
            refused += 1
            box = error_box(window)
            assert box is not None, f"seed {seed}: refused without a dialog"
            assert window.editor.doc is before, f"seed {seed}: the document on screen was lost"
            box.close()
    assert opened and refused  # both ways were tried
