"""Palette: entity kinds to drag onto the canvas."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, QSize
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import QAbstractItemView, QListWidget, QListWidgetItem

from model.types import ENTITY_KIND_LABELS

from ..paths import RESOURCES
from ..scene import KIND_MIME


class PalettePane(QListWidget):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("palette")
        self.setDragEnabled(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.setIconSize(QSize(22, 22))
        for kind, label in ENTITY_KIND_LABELS.items():
            item = QListWidgetItem(QIcon(QPixmap(str(RESOURCES / f"{kind}.svg"))), label)
            item.setData(256, kind)
            item.setToolTip(f"Drag onto the canvas to add a {label.lower()}")
            self.addItem(item)

    def mimeData(self, items) -> QMimeData:
        mime = QMimeData()
        if items:
            mime.setData(KIND_MIME, items[0].data(256).encode())
        return mime

    def mimeTypes(self) -> list[str]:
        return [KIND_MIME]
