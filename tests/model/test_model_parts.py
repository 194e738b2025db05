"""The model's parts depend one way: the core knows none of the folders, and nothing in model/ knows gui/.

core (document, types, errors, checks, citations, dates...) <- formats, layout, lookthrough
layout <- picture
A module that breaks this would tie, say, the project file to the layout maths; this test names it.
"""

import ast
from pathlib import Path

MODEL = Path(__file__).resolve().parents[2] / "model"

# What each part may import from model/, besides itself.
ALLOWED = {
    "core": {"core"},
    "formats": {"core"},
    "layout": {"core"},
    "picture": {"core", "layout"},
    "lookthrough": {"core"},
    "extract": {"core"},
    "register": {"core", "formats", "lookthrough"},
}


def part_of(module: str) -> str:
    pieces = module.split(".")
    return pieces[1] if len(pieces) > 1 and pieces[1] in ALLOWED else "core"


def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(MODEL.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_every_model_module_imports_only_what_its_part_may():
    wrong = []
    files = sorted(MODEL.rglob("*.py"))
    assert len(files) > 30
    for path in files:
        name = module_name(path)
        for imported in imports_of(path):
            top = imported.split(".")[0]
            if top == "gui":
                wrong.append(f"{name} imports {imported}")
            elif top == "model" and "." in imported:
                target = part_of(imported)
                if target not in ALLOWED[part_of(name)] | {part_of(name)}:
                    wrong.append(f"{name} ({part_of(name)}) imports {imported} ({target})")
    assert not wrong, "\n".join(wrong)


def test_the_rule_catches_a_wrong_import(tmp_path):
    # The checker itself: a core module importing the layout, or any module importing gui, is caught.
    bad = tmp_path / "bad.py"
    bad.write_text("from model.layout.layered import layered_layout\nimport gui.scene\n")
    found = imports_of(bad)
    assert "model.layout.layered" in found and "gui.scene" in found
    assert part_of("model.layout.layered") == "layout" and part_of("model.document") == "core"
