"""File > Open Register...: the address of a register store, a SQLite file (Browse...) or a
PostgreSQL server (``postgresql://user@host/database``), with the stores opened before to pick from.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from model.errors import InvalidValueError
from model.register.engine import is_postgres

STORE_FILTER = "Register stores (*.sqlite *.sqlite3 *.db);;All files (*)"


def check_address(address: str) -> str:
    """The address to connect to, or InvalidValueError saying why not (a SQLite file must exist:
    opening a store never makes a new one).

    >>> check_address(" postgresql://me@db/psc ")
    'postgresql://me@db/psc'
    >>> check_address("/nowhere/psc.sqlite")
    Traceback (most recent call last):
    model.errors.InvalidValueError: there is no register store at /nowhere/psc.sqlite
    """
    address = address.strip()
    if not address:
        raise InvalidValueError("give a register store: a .sqlite file or a postgresql:// address")
    if is_postgres(address):
        return address
    if not Path(address).is_file():
        raise InvalidValueError(f"there is no register store at {address}")
    return address


class OpenRegisterDialog(QDialog):
    """Asks for a store's address; ``address()`` is what was chosen."""

    def __init__(self, recent: list[str], folder: str = "", parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("open_register_dialog")
        self.setWindowTitle("Open Register")
        self.folder = folder or os.getcwd()
        self.place = QComboBox(objectName="register_address", editable=True)
        self.place.addItems(recent)
        self.place.setMinimumWidth(460)
        self.place.lineEdit().setPlaceholderText("register.sqlite or postgresql://user@host/database")
        browse = QPushButton("Browse\u2026", objectName="register_browse")
        browse.clicked.connect(self.browse)
        row = QHBoxLayout()
        row.addWidget(self.place, 1)
        row.addWidget(browse)
        choice = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(choice.Open | choice.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("A register store made by <b>stakemap index</b>: its SQLite file, or the "
                                "address of its PostgreSQL database."))
        layout.addLayout(row)
        layout.addWidget(buttons)

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Open register store", self.folder, STORE_FILTER)
        if path:
            self.place.setEditText(path)

    def address(self) -> str:
        return self.place.currentText().strip()
