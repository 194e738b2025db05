"""A wheel installs and runs like any Python app's: built from the checkout, installed into a fresh
virtual environment in another folder, and run there (the example, check, export, the window)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.conftest import ROOT

WINDOW = """
import sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
import gui
from gui.paths import SEED
from gui.window import MainWindow
window = MainWindow(QSettings(sys.argv[1], QSettings.Format.IniFormat))
assert window.open_path(str(SEED))
window.show()
app.processEvents()
print(len(window.editor.scene.entity_items), gui.__file__)
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A new virtual environment, outside the checkout, holding only the wheel (its dependencies
    are borrowed from the test environment's site-packages, so nothing is downloaded)."""
    place = tmp_path_factory.mktemp("elsewhere")
    source = place / "source"  # the files a clean clone has: no build/ left over from earlier builds
    for name in _tracked_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
                            "-w", str(place / "dist"), str(source)], capture_output=True, text=True)
    if build.returncode != 0 and "No matching distribution" in build.stderr:
        pytest.skip(f"the build backend cannot be fetched here: {build.stderr.strip()[-200:]}")
    assert build.returncode == 0, build.stderr
    wheel = next((place / "dist").glob("stakemap-*.whl"))
    venv = place / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    Path(site, "borrowed-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", str(wheel)], check=True)
    return venv


def _tracked_files() -> list[str]:
    """The checkout's files (tracked, or new and not ignored), as a clean clone would have them."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True)
    if listed.returncode != 0:
        pytest.skip("not a git checkout: cannot tell which files a clean clone has")
    return [name for name in listed.stdout.splitlines() if (ROOT / name).is_file()]


def run(venv: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": ""}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_the_installed_commands_work_away_from_the_checkout(installed, tmp_path):
    stakemap = str(installed / "bin" / "stakemap")
    assert run(installed, stakemap, "example", "-o", "x.stakemap.json", cwd=tmp_path).returncode == 0
    assert (tmp_path / "x.stakemap.json").stat().st_size > 10_000
    check = run(installed, stakemap, "check", "x.stakemap.json", cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    for out in ("x.svg", "x.png", "x.csv"):
        result = run(installed, stakemap, "export", "x.stakemap.json", "-o", out, cwd=tmp_path)
        assert result.returncode == 0, result.stderr
        assert (tmp_path / out).stat().st_size > 1000
    assert "Xiaomi" in (tmp_path / "x.svg").read_text(encoding="utf-8")
    again = run(installed, stakemap, "example", "-o", "x.stakemap.json", cwd=tmp_path)
    assert again.returncode == 2 and "already exists" in again.stderr  # nothing overwritten unasked


def test_the_window_starts_from_the_wheel(installed, tmp_path):
    result = run(installed, str(installed / "bin" / "python"), "-c", WINDOW, str(tmp_path / "s.ini"),
                 cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    count, package = result.stdout.split()
    assert int(count) == 20
    assert str(installed) in package and str(ROOT) not in package  # the wheel's code, not the checkout's
