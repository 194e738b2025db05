"""A PNG the machine cannot make is refused in one line with exit 2, never written empty with exit 0."""

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from gui import export_image
from gui.cli import main

SEED = Path(__file__).resolve().parents[2] / "seeds" / "xiaomi-fintech.stakemap.json"


def _refused(out: Path, capsys) -> str:
    assert main(["export", str(SEED), "-o", str(out)]) == 2
    assert not out.exists()
    lines = capsys.readouterr().err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("stakemap: ")
    return lines[0]


class _NoMemory(QImage):
    """An image whose pixels could not be allocated: Qt gives a null image."""

    def __init__(self, *_args):
        super().__init__()


def test_no_memory_for_the_image_is_refused_in_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(export_image, "QImage", _NoMemory)
    assert "not memory enough" in _refused(tmp_path / "x.png", capsys)


def test_an_image_the_encoder_cannot_write_is_refused_not_written_empty(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(QImage, "save", lambda self, *args: False)
    assert "could not encode" in _refused(tmp_path / "x.png", capsys)


@pytest.mark.parametrize("side", [300, 2000])
def test_a_written_png_is_never_empty(tmp_path, capsys, monkeypatch, side):
    monkeypatch.setattr(export_image, "MAX_SIDE", side)
    out = tmp_path / "x.png"
    assert main(["export", str(SEED), "-o", str(out), "--scale", "4"]) == 0
    image = QImage(str(out))
    assert out.stat().st_size > 1000 and not image.isNull()
    assert max(image.width(), image.height()) <= side
