"""Small dialogs: the new-relationship editor asks for the kind and the share or role."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from model.errors import InvalidValueError
from model.types import BASIS_WORDS, OWNERSHIP, STATUSES, Share
from model.wording import kind_choice


class RelationshipDialog(QDialog):
    """Ask how two entities are related; offers only the kinds that make sense for the two."""

    def __init__(self, subject_name: str, object_name: str, kinds: list[str], parent=None,
                 share: str = "") -> None:
        super().__init__(parent)
        self.setWindowTitle("New relationship")
        self.setObjectName("relationship_dialog")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{_escape(subject_name)}</b> \u2192 <b>{_escape(object_name)}</b>"))
        form = QFormLayout()
        self.kind = QComboBox(objectName="kind")
        for kind in kinds:
            self.kind.addItem(kind_choice(kind), kind)
        self.share = QLineEdit(share, objectName="share")
        self.share.setPlaceholderText("29.5, 25-50, or empty if undisclosed")
        self.basis = QComboBox(objectName="basis")
        self.basis.addItems(BASIS_WORDS)
        self.role = QLineEdit(objectName="role", placeholderText="vice president, banking licence\u2026")
        self.status = QComboBox(objectName="status")
        self.status.addItems(STATUSES)
        form.addRow("Kind", self.kind)
        form.addRow("Share %", self.share)
        form.addRow("Basis", self.basis)
        form.addRow("Role / licence", self.role)
        form.addRow("Status", self.status)
        layout.addLayout(form)
        self.error = QLabel(objectName="error")
        self.error.setStyleSheet("color: #b00020")
        layout.addWidget(self.error)
        ok_cancel = QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        buttons = QDialogButtonBox(ok_cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def chosen_kind(self) -> str:
        return self.kind.currentData()

    def _kind_changed(self) -> None:
        ownership = self.chosen_kind() == OWNERSHIP
        self.share.setEnabled(ownership)
        self.basis.setEnabled(ownership)
        self.role.setEnabled(not ownership)

    def parsed_share(self) -> Share:
        return Share.parse(self.share.text()) if self.chosen_kind() == OWNERSHIP else Share()

    def accept(self) -> None:
        try:
            self.parsed_share()
        except InvalidValueError as error:
            self.error.setText(str(error))
            self.share.setFocus()
            return
        super().accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
