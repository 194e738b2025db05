"""The README's test command is what CI runs, word for word."""

from tests.conftest import ROOT


def _commands(text):
    return [line.strip() for line in text.splitlines() if "python3 -m venv" in line]


def test_ci_runs_the_readme_test_command():
    readme = _commands((ROOT / "README.md").read_text(encoding="utf-8"))
    ci = _commands((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    test_command = next(c for c in readme if "pytest" in c)
    assert ci == [test_command]


def test_readme_names_every_system_package_installed():
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    script = (ROOT / ".ci" / "system-packages").read_text(encoding="utf-8")
    lists = [block.split(")")[0].split() for block in script.split("=(")[1:4]]
    packages = [p for block in lists for p in block]
    assert len(packages) > 20
    assert [p for p in packages if f"{p} " not in readme and f"{p}`" not in readme] == []


def test_both_readme_commands_install_the_system_packages_first():
    readme = _commands((ROOT / "README.md").read_text(encoding="utf-8"))
    assert readme[0].startswith(".ci/system-packages && ") and "stakemap" in readme[0]
    assert readme[1].startswith(".ci/system-packages --test && ") and "pytest" in readme[1]
