"""File > Export: one dialog for pictures (PNG, SVG, PDF) and data (CSV, GraphML, BODS, FtM).

It remembers the last folder and choices (QSettings) and writes nothing until the user picks a file.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
)

from .export_image import ExportOptions

FORMATS = {
    "png": "PNG picture (*.png)",
    "svg": "SVG picture, text as text (*.svg)",
    "pdf": "PDF, vector (*.pdf)",
    "csv": "Fact sheet CSV (*.csv)",
    "graphml": "GraphML for yEd / Gephi (*.graphml)",
    "bods.json": "BODS 0.4 JSON (*.bods.json)",
    "ftm.jsonl": "FollowTheMoney JSON Lines (*.ftm.jsonl)",
}
PICTURES = ("png", "svg", "pdf")
PAGE_CHOICES = (("fit", "Sized to the diagram"), ("a4", "A4 landscape"), ("letter", "Letter landscape"))


class ExportDialog(QDialog):
    def __init__(self, settings: QSettings, has_selection: bool, title: str, parent=None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        self.setObjectName("export_dialog")
        self.settings = settings
        form = QFormLayout()
        self.format = QComboBox(objectName="format")
        for key, label in FORMATS.items():
            self.format.addItem(label, key)
        self.scale = QDoubleSpinBox(objectName="scale", minimum=1.0, maximum=4.0, singleStep=0.5, suffix="x")
        self.transparent = QCheckBox("Transparent background", objectName="transparent")
        self.selection_only = QCheckBox("Selection only", objectName="selection_only")
        self.selection_only.setEnabled(has_selection)
        self._selection_possible = has_selection
        self.legend = QCheckBox("Legend", objectName="legend")
        self.notes = QCheckBox("Numbered source notes", objectName="notes")
        self.title = QLineEdit(title, objectName="title", placeholderText="no title")
        self.page = QComboBox(objectName="page")
        for key, label in PAGE_CHOICES:
            self.page.addItem(label, key)
        form.addRow("Format", self.format)
        form.addRow("Scale (PNG)", self.scale)
        form.addRow("Page (PDF)", self.page)
        form.addRow("Title", self.title)
        for box in (self.legend, self.notes, self.transparent, self.selection_only):
            form.addRow("", box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        ok = QDialogButtonBox.StandardButton.Ok
        buttons = QDialogButtonBox(ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(ok).setText("Export\u2026")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.format.currentIndexChanged.connect(self._format_changed)
        self._restore()
        self._format_changed()

    def _restore(self) -> None:
        s = self.settings
        self.format.setCurrentIndex(max(0, self.format.findData(s.value("export/format", "png"))))
        self.scale.setValue(float(s.value("export/scale", 2.0)))
        self.page.setCurrentIndex(max(0, self.page.findData(s.value("export/page", "fit"))))
        for box in (self.legend, self.notes, self.transparent):
            box.setChecked(str(s.value(f"export/{box.objectName()}", "false")) == "true")

    def remember(self) -> None:
        s = self.settings
        s.setValue("export/format", self.chosen_format())
        s.setValue("export/scale", self.scale.value())
        s.setValue("export/page", self.page.currentData())
        for box in (self.legend, self.notes, self.transparent):
            s.setValue(f"export/{box.objectName()}", "true" if box.isChecked() else "false")

    def _format_changed(self) -> None:
        picture = self.chosen_format() in PICTURES
        for widget in (self.legend, self.notes, self.title, self.selection_only):
            widget.setEnabled(picture and (widget is not self.selection_only or self._selection_possible))
        self.scale.setEnabled(self.chosen_format() == "png")
        self.transparent.setEnabled(self.chosen_format() in ("png", "svg"))
        self.page.setEnabled(self.chosen_format() == "pdf")

    def chosen_format(self) -> str:
        return self.format.currentData()

    def options(self) -> ExportOptions:
        return ExportOptions(
            scale=self.scale.value(),
            transparent=self.transparent.isChecked() and self.transparent.isEnabled(),
            selection_only=self.selection_only.isChecked() and self.selection_only.isEnabled(),
            legend=self.legend.isChecked(), title=self.title.text().strip(), notes=self.notes.isChecked(),
            page=self.page.currentData())


def with_suffix(path: str, fmt: str) -> str:
    """The path, with the format's extension added when the user left it off."""
    return path if Path(path).name.lower().endswith(f".{fmt}") else f"{path}.{fmt}"
