"""The README's test command is what CI runs, word for word."""

from tests.conftest import ROOT


def _commands(text):
    return [line.strip() for line in text.splitlines() if line.strip().startswith("python3 -m venv")]


def test_ci_runs_the_readme_test_command():
    readme = _commands((ROOT / "README.md").read_text(encoding="utf-8"))
    ci = _commands((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    test_command = next(c for c in readme if "pytest" in c)
    assert ci == [test_command]


def test_readme_system_packages_cover_ci():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    block = ci.split("SYSTEM_PACKAGES=(")[1].split(")")[0].split()
    assert all(package in readme for package in block)
