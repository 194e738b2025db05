"""Shared fixtures: the seed, the shared data folder (skipped where absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "xiaomi-fintech.stakemap.json"
ARTICLE = ROOT / "seeds" / "xiaomi-fintech-2020-04-24.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_doc():
    from model.formats import projectfile

    return projectfile.load(SEED)


@pytest.fixture
def shared_dir() -> Path:
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}); this test reads the shared data")
    return SHARED
