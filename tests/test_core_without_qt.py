"""The core (everything outside gui/) must work with no Qt at all: CLI, scripts, reports."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "mash_desktop"


def test_no_core_module_imports_pyside6() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "gui" in path.relative_to(PACKAGE).parts:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            if any(n.split(".")[0] in {"PySide6", "shiboken6"} for n in names):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []


def test_core_imports_and_runs_with_pyside6_blocked(tmp_path: Path) -> None:
    """Import every core module and run the CLI with PySide6 made unimportable."""
    code = f"""
import importlib, pkgutil, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in ('PySide6', 'shiboken6'):
            raise ImportError('Qt is blocked in this test: ' + name)
sys.meta_path.insert(0, Block())
import mash_desktop
for m in pkgutil.walk_packages(mash_desktop.__path__, 'mash_desktop.'):
    if '.gui' in m.name or m.name.endswith('__main__'):
        continue
    importlib.import_module(m.name)
from mash_desktop.cli import main
assert main(['--db', {str(tmp_path / 'c.db')!r}, 'demo']) == 0
assert main(['--db', {str(tmp_path / 'c.db')!r}, 'check']) == 0
assert not any(k.startswith('PySide6') for k in sys.modules)
print('core ok')
"""
    root = PACKAGE.parent
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "core ok" in result.stdout
