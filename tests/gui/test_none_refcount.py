"""PySide6 6.12.0 on CPython 3.11 dropped a reference to None on every void Qt call and aborted the
interpreter after a few thousand calls. Our pins keep that pair out; this holds them to it."""

import subprocess
import sys

PROBE = """
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QPointF
from PySide6.QtGui import QPainterPath
from PySide6.QtWidgets import QApplication, QGraphicsRectItem
app = QApplication([])
item = QGraphicsRectItem(0, 0, 10, 10)
path = QPainterPath(QPointF(0, 0))
before = sys.getrefcount(None)
for i in range(100_000):
    item.setPos(i, i)
    path.lineTo(i, i)
    if i % 1000 == 0:
        app.processEvents()
after = sys.getrefcount(None)
print(after - before if sys.version_info < (3, 12) else 0)
"""


def test_100k_void_qt_calls_neither_crash_nor_leak_none():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"interpreter died: {result.stderr[-500:]}"
    assert abs(int(result.stdout.strip())) < 1000, "void Qt calls leak references to None"
