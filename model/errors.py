"""Every exception the model raises, under one base class."""

from __future__ import annotations


class StakemapError(Exception):
    """Base class of every error Stakemap raises on purpose."""


class InvalidValueError(StakemapError, ValueError):
    """A value a user typed or a file holds is not acceptable (a share of 150, an empty name)."""


class UnknownIdError(StakemapError, KeyError):
    """An id names no entity, relationship or source in the document."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else "unknown id"


class LoadError(StakemapError):
    """A file could not be read: says which file, where in it, and why.

    >>> str(LoadError("a.json", "$.entities[2].name", "must be a non-empty string"))
    'a.json: $.entities[2].name: must be a non-empty string'
    """

    def __init__(self, path: str, where: str, reason: str):
        self.path = str(path)
        self.where = where
        self.reason = reason
        super().__init__(f"{self.path}: {where}: {reason}" if where else f"{self.path}: {reason}")


class ExportError(StakemapError):
    """An export could not be written (unknown format, unwritable place)."""


class CircularOwnershipError(StakemapError, ArithmeticError):
    """A cycle of stakes whose look-through has no finite answer (100% each way, say).

    ``entity_ids`` are the members of the cycle and ``spectral_radius`` the growth factor of one
    turn round it; the series converges only below 1.
    """

    def __init__(self, message: str, entity_ids: tuple[str, ...], spectral_radius: float):
        super().__init__(message)
        self.entity_ids = entity_ids
        self.spectral_radius = spectral_radius
