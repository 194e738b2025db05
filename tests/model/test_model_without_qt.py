"""The model is pure Python: every module imports where importing PySide6 or pyqtgraph fails."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import builtins, importlib, pkgutil, sys
real_import = builtins.__import__
def no_qt(name, *args, **kwargs):
    if name.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph', 'PyQt5', 'PyQt6'):
        raise ImportError('Qt is not available here: ' + name)
    return real_import(name, *args, **kwargs)
builtins.__import__ = no_qt
import model
names = [m.name for m in pkgutil.walk_packages(model.__path__, 'model.')]
for name in names:
    importlib.import_module(name)
assert not any(k.startswith(('PySide6', 'pyqtgraph')) for k in sys.modules)
print(len(names))
"""


def test_every_model_module_imports_without_qt():
    result = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 7


def test_cli_check_runs_without_qt():
    code = PROBE.split("import model")[0] + (
        "import sys; from gui.cli import main\n"
        "sys.exit(main(['check', 'seeds/xiaomi-fintech.stakemap.json']))")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
