"""The exported SVG reads the same in a browser (headless Chromium) as in librsvg (rsvg-convert).

Each view of the seed is exported through the CLI, then drawn by both viewers twice: as written, and
with its text removed. The difference of the two pictures of one viewer is where that viewer drew
text, so the tests can say, per entity box and per line label, where the text stands in each viewer
and whether any of it lies outside its box.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QImage

from gui import cli
from tests.conftest import SEED

NS = "{http://www.w3.org/2000/svg}"
GENERIC = {"serif", "sans-serif", "monospace", "cursive", "fantasy", "system-ui"}
VIEWS = ("ownership", "reporting", "all")
TEXT_STEP = 40  # grey levels text must darken a pixel by to count as text
SLACK = 3  # pixels: where two viewers may place the same text apart, and a box's anti-aliased rim
STRIKE_RUN = 10  # pixels: the shortest solid run that is a strike-through, not a line crossing
SPILL_PIXELS = 12  # text pixels allowed outside every box and label (stray anti-aliasing)

RSVG = shutil.which("rsvg-convert")
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
needs_viewers = pytest.mark.skipif(
    not (RSVG and CHROMIUM),
    reason=f"needs rsvg-convert and chromium on PATH (rsvg-convert: {RSVG}, chromium: {CHROMIUM})")


def _rsvg(svg: Path, png: Path, size: tuple[int, int]) -> None:
    subprocess.run([RSVG, str(svg), "-o", str(png)], check=True, capture_output=True, timeout=60)


def _chromium(svg: Path, png: Path, size: tuple[int, int]) -> None:
    profile = png.parent / f"profile-{png.stem}"
    quiet = ["--disable-gpu", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--no-first-run", "--hide-scrollbars", "--force-device-scale-factor=1"]
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", *quiet, f"--user-data-dir={profile}",
                    f"--screenshot={png}", f"--window-size={size[0]},{size[1]}", svg.as_uri()],
                   check=True, capture_output=True, timeout=120)


VIEWERS = {"rsvg": _rsvg, "chromium": _chromium}


def _grey(png: Path) -> np.ndarray:
    image = QImage(str(png)).convertToFormat(QImage.Format.Format_Grayscale8)
    assert not image.isNull(), f"{png} is not a picture"
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, :image.width()].astype(np.int16)


def _matrix(element: ET.Element) -> tuple[float, ...]:
    found = re.search(r"matrix\(([^)]*)\)", element.get("transform", ""))
    if not found:
        return (1, 0, 0, 1, 0, 0)
    return tuple(float(v) for v in re.split(r"[ ,]+", found.group(1).strip()))


def _compose(a, b):
    return (a[0] * b[0] + a[2] * b[1], a[1] * b[0] + a[3] * b[1], a[0] * b[2] + a[2] * b[3],
            a[1] * b[2] + a[3] * b[3], a[0] * b[4] + a[2] * b[5] + a[4], a[1] * b[4] + a[3] * b[5] + a[5])


def _path_box(d: str, m) -> tuple[float, float, float, float]:
    numbers = [float(v) for v in re.findall(r"-?[\d.]+(?:e-?\d+)?", d)]
    points = [(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
              for x, y in zip(numbers[::2], numbers[1::2], strict=False)]
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return min(xs), min(ys), max(xs), max(ys)


def text_regions(root: ET.Element) -> dict[str, tuple[float, float, float, float]]:
    """Where text belongs: each entity's outline, each line's white label plate and the shelf's frame."""
    regions: dict[str, tuple] = {}

    def walk(element, m, fill, owner):
        m = _compose(m, _matrix(element))
        fill = element.get("fill", fill)
        if element.get("class") in ("entity", "relationship", "shelf"):
            owner = element.get("id") or element.get("class")  # the shelf's frame holds its heading
        if element.tag == NS + "path" and owner and fill not in (None, "none"):
            is_box = (owner.startswith("entity-") or owner == "shelf") and owner not in regions
            if is_box or (owner.startswith("relationship-") and fill.lower() == "#ffffff"):
                regions[owner] = _path_box(element.get("d", ""), m)
        for child in element:
            walk(child, m, fill, owner)

    walk(root, (1, 0, 0, 1, 0, 0), None, None)
    return regions


def _without_text(svg: Path) -> Path:
    tree = ET.parse(svg)
    for parent in tree.getroot().iter():
        for child in [c for c in parent if c.tag == NS + "text"]:
            parent.remove(child)
    bare = svg.with_name(svg.stem + "-bare.svg")
    tree.write(bare, encoding="utf-8", xml_declaration=True)
    return bare


class Drawing:
    """One viewer's picture of an SVG, and the pixels where it drew text."""

    def __init__(self, svg: Path, viewer: str, size: tuple[int, int]) -> None:
        full, bare = svg.with_name(f"{svg.stem}-{viewer}.png"), svg.with_name(f"{svg.stem}-{viewer}-bare.png")
        VIEWERS[viewer](svg, full, size)
        VIEWERS[viewer](_without_text(svg), bare, size)
        self.picture, self.bare = _grey(full), _grey(bare)
        self.text = (self.bare - self.picture) > TEXT_STEP

    def text_span(self, region) -> tuple[int, int] | None:
        """Leftmost and rightmost columns of text inside a region, or None when it has none.

        Its top and bottom rows are left out: a neighbour's text that only grazes the region's edge
        would otherwise count, by however much each viewer anti-aliases it."""
        left, top, right, bottom = (round(v) for v in region)
        columns = np.flatnonzero(self.text[top + 2:bottom - 1, left:right + 1].any(axis=0))
        return (left + int(columns[0]), left + int(columns[-1])) if columns.size else None

    def strikes(self, region) -> list[tuple[int, int, int]]:
        """The strike-through bars in a label plate, one per line of the label, as (row, first column,
        last column): solid runs left in the picture without text (the line under the plate is paler)."""
        left, top, right, bottom = (round(v) for v in region)
        found: list[tuple[int, int, int]] = []
        for row in range(top + 2, bottom - 1):
            columns = np.flatnonzero(self.bare[row, left:right + 1] < 200)
            runs = np.split(columns, np.flatnonzero(np.diff(columns) > 1) + 1) if columns.size else []
            run = max(runs, key=len, default=np.array([]))
            if len(run) < STRIKE_RUN:
                continue
            bar = (row, left + int(run[0]), left + int(run[-1]))
            if found and found[-1][0] == row - 1:  # a bar anti-aliased over two rows counts once
                found[-1] = max(found[-1], bar, key=lambda b: b[2] - b[1])
            else:
                found.append(bar)
        return found

    def text_span_near(self, region, row: int) -> tuple[int, int] | None:
        """Columns of the text of the label line whose strike-through is at ``row``."""
        left, _top, right, _bottom = (round(v) for v in region)
        columns = np.flatnonzero(self.text[row - 5:row + 6, left:right + 1].any(axis=0))
        return (left + int(columns[0]), left + int(columns[-1])) if columns.size else None

    def spill(self, regions) -> int:
        """How many text pixels lie outside every box and label."""
        outside = self.text.copy()
        for left, top, right, bottom in regions:
            outside[max(0, round(top) - SLACK):round(bottom) + SLACK + 1,
                    max(0, round(left) - SLACK):round(right) + SLACK + 1] = False
        return int(outside.sum())


@pytest.fixture(scope="module", params=VIEWS)
def exported(request, tmp_path_factory, qapp):
    """A view of the seed exported to SVG by ``stakemap export``, and its parsed root."""
    svg = tmp_path_factory.mktemp(request.param) / f"{request.param}.svg"
    assert cli.main(["export", str(SEED), "-o", str(svg), "--view", request.param]) == 0
    return svg, ET.parse(svg).getroot()


@pytest.fixture(scope="module")
def drawings(exported):
    svg, root = exported
    size = (int(float(root.get("width"))), int(float(root.get("height"))))
    return {viewer: Drawing(svg, viewer, size) for viewer in VIEWERS}, size


def test_every_font_family_ends_with_a_generic_family(exported):
    _svg, root = exported
    families = {e.get("font-family") for e in root.iter() if e.get("font-family") is not None}
    assert families
    for family in families:
        names = [n.strip().strip("'\"") for n in family.split(",")]
        assert names[-1].lower() in GENERIC, f"font-family {family!r} has no generic fallback"
        assert "Sans Serif" not in names, f"{family!r} names Qt's alias, which browsers do not know"


@needs_viewers
def test_both_viewers_draw_the_whole_picture(drawings):
    by_viewer, (width, height) = drawings
    for viewer, drawing in by_viewer.items():
        assert drawing.picture.shape == (height, width), viewer
        assert drawing.text.sum() > 1000, f"{viewer} drew (almost) no text"


@needs_viewers
def test_text_stands_in_the_same_place_in_both_viewers(exported, drawings):
    by_viewer, _size = drawings
    rsvg, chromium = by_viewer["rsvg"], by_viewer["chromium"]
    regions = text_regions(exported[1])
    assert any(name.startswith("entity-") for name in regions)
    moved = {}
    for name, region in regions.items():
        spans = rsvg.text_span(region), chromium.text_span(region)
        if None in spans:
            assert spans == (None, None), f"{name}: text in one viewer only {spans}"
        elif max(abs(spans[0][0] - spans[1][0]), abs(spans[0][1] - spans[1][1])) > SLACK:
            moved[name] = spans
    assert not moved, f"text spans (rsvg, chromium) that disagree: {moved}"


@needs_viewers
@pytest.mark.parametrize("viewer", VIEWERS)
def test_no_text_outside_its_box(exported, drawings, viewer):
    drawing = drawings[0][viewer]
    spill = drawing.spill(text_regions(exported[1]).values())
    assert spill <= SPILL_PIXELS, f"{viewer}: {spill} text pixels outside every box and label"


@needs_viewers
@pytest.mark.parametrize("viewer", VIEWERS)
def test_strike_through_spans_its_label(exported, drawings, viewer):
    _svg, root = exported
    dissolved = [g.get("id") for g in root.iter(NS + "g") if g.get("class") == "relationship"
                 and "(dissolved)" in g.findtext(NS + "title", "").splitlines()[0]]
    regions = text_regions(root)
    drawing = drawings[0][viewer]
    if not dissolved:
        pytest.skip("this view draws no dissolved line")
    for name in dissolved:
        assert name in regions, f"{name} is dissolved but has no label plate"
        strikes = drawing.strikes(regions[name])
        assert strikes, f"{viewer}: {name} has no strike-through"
        for row, first, last in strikes:
            text = drawing.text_span_near(regions[name], row)
            assert text, f"{viewer}: {name} has a strike-through at row {row} over no text"
            assert abs(text[0] - first) <= SLACK and abs(text[1] - last) <= SLACK, (
                f"{viewer}: {name} strike-through {first}-{last} does not span its text {text}")
