"""Stamped SVG (gui/svg_stamps.py) draws what Qt draws item by item: the same elements, text at the
same places, for every entity and line of each view of the seed, notes and all."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from gui import export_svg
from gui.export_image import ExportOptions
from gui.scene import DiagramScene

NS = "{http://www.w3.org/2000/svg}"


def _matrix(element: ET.Element, outer: tuple) -> tuple:
    found = re.search(r"matrix\(([^)]*)\)", element.get("transform", ""))
    a, b, c, d, e, f = outer
    if not found:
        return outer
    m = [float(v) for v in found.group(1).split(",")]
    return (a * m[0] + c * m[1], b * m[0] + d * m[1], a * m[2] + c * m[3], b * m[2] + d * m[3],
            a * m[4] + c * m[5] + e, b * m[4] + d * m[5] + f)


def _drawn(svg: bytes) -> dict[str, list]:
    """Per entity and line: each element's tag, colours and first point, and each text's words and
    place, in the picture's coordinates."""
    found: dict[str, list] = {}

    def walk(element, m, owner, fill):
        m = _matrix(element, m)
        fill = element.get("fill", fill)
        if element.get("class") in ("entity", "relationship"):
            owner = element.get("id")
            found[owner] = []
        tag = element.tag.removeprefix(NS)
        if owner and tag in ("path", "polygon", "text"):
            numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", element.get("d") or
                                                      element.get("points") or
                                                      f"{element.get('x')},{element.get('y')}")[:2]]
            x, y = m[0] * numbers[0] + m[2] * numbers[1] + m[4], m[1] * numbers[0] + m[3] * numbers[1] + m[5]
            found[owner].append((tag, fill, element.text, round(x, 1), round(y, 1)))
        for child in element:
            walk(child, m, owner, fill)

    walk(ET.fromstring(svg), (1, 0, 0, 1, 0, 0), None, None)
    return found


@pytest.mark.parametrize("view", ("ownership", "reporting", "all"))
def test_stamped_pieces_draw_what_qt_draws(qapp, seed_doc, monkeypatch, view):
    scene = DiagramScene(seed_doc, view)
    options = ExportOptions(notes=view == "all")
    stamped = _drawn(export_svg.render_svg(scene, options))
    monkeypatch.setattr(export_svg, "stamped_pieces", lambda *args: None)
    by_qt = _drawn(export_svg.render_svg(scene, options))
    assert len(stamped) >= 20 and stamped.keys() == by_qt.keys()
    for name, elements in by_qt.items():
        assert len(stamped[name]) == len(elements), name
        for ours, qts in zip(stamped[name], elements, strict=True):
            assert ours[:3] == qts[:3], name
            assert abs(ours[3] - qts[3]) <= 0.2 and abs(ours[4] - qts[4]) <= 0.2, (name, ours, qts)
