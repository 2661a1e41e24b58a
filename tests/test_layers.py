"""The layers stay apart: the GUI reaches the data only through the operation runner,
and the database layer knows nothing of the services."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "mash_desktop"
RUNNER = PACKAGE / "gui" / "operations.py"


def _imports(path: Path) -> list[tuple[int, str, list[str]]]:
    """(line, absolute module, names) of every import in the file, TYPE_CHECKING ones too."""
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    package = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = package[:len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            found.append((node.lineno, module, [a.name for a in node.names]))
    return found


def _sources(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*.py") if "forms" not in p.parts]


def test_only_the_operation_runner_touches_sqlalchemy_models_or_sessions() -> None:
    offenders = []
    for path in _sources(PACKAGE / "gui"):
        if path == RUNNER:
            continue
        for line, module, _names in _imports(path):
            if module.split(".")[0] == "sqlalchemy" or module == "mash_desktop.models" \
                    or module.startswith("mash_desktop.models."):
                offenders.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}")
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr in {"session", "reader"}:
                offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno} opens a session")
    assert not offenders, "\n".join(offenders)


def test_the_checker_finds_a_session_opened_in_the_gui(tmp_path: Path) -> None:
    """The check above is not vacuous: it sees the patterns it forbids."""
    bad = PACKAGE / "gui" / "_layer_probe.py"
    bad.write_text("from sqlalchemy import select\n"
                   "def f(db):\n    with db.session() as s:\n        return s\n")
    try:
        try:
            test_only_the_operation_runner_touches_sqlalchemy_models_or_sessions()
        except AssertionError as exc:
            assert "_layer_probe.py:1 imports sqlalchemy" in str(exc)
            assert "_layer_probe.py:3 opens a session" in str(exc)
        else:
            raise AssertionError("the probe was not caught")
    finally:
        bad.unlink()


def test_the_database_layer_imports_no_services() -> None:
    offenders = [f"{p.relative_to(PACKAGE)}:{line} imports {module}"
                 for p in _sources(PACKAGE / "db") for line, module, _ in _imports(p)
                 if module.startswith("mash_desktop.services")]
    assert not offenders, "\n".join(offenders)
