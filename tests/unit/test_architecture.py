"""The layer rules of STYLE.md, enforced by import-linter (ui -> services -> infra -> core)."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _imports(path: Path) -> set[str]:
    """Every module a file imports, at any depth (top level, functions, TYPE_CHECKING blocks)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_services_use_qtcore_only() -> None:
    # import-linter cannot name an external package's submodules, so this one is checked here.
    offenders = {
        str(path.relative_to(ROOT)): sorted(n for n in _imports(path) if n.startswith(("PySide6.QtWidgets", "PySide6.QtGui")))
        for path in (ROOT / "app" / "services").rglob("*.py")
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_the_import_rules_catch_a_breach(tmp_path: Path) -> None:
    # The contracts are deny-by-default: a new module that imports llama.cpp, or a view that
    # reaches into infra, breaks them. Checked on a copy of the package, so the rule is seen to bite.
    copy = tmp_path / "src"
    shutil.copytree(ROOT / "app", copy / "app", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "app" / "services" / "sneaky.py").write_text("import llama_cpp\n")
    (copy / "app" / "ui" / "peek.py").write_text("from app.infra.store import HistoryStore\n")
    lint = Path(sys.executable).with_name("lint-imports")
    env = {**os.environ, "PYTHONPATH": str(copy)}
    result = subprocess.run([str(lint), "--no-cache"], cwd=copy, capture_output=True, text=True, timeout=120, env=env)
    assert result.returncode != 0
    assert "app.services.sneaky -> llama_cpp" in result.stdout
    assert "app.ui.peek -> app.infra.store" in result.stdout


def test_the_gui_process_never_imports_llama_cpp(tmp_path: Path) -> None:
    # The real window, built as bootstrap builds it, shown, with the hardware probed (that reads
    # the llama.cpp build's libraries from disk) and shut down: libllama stays out of this process.
    code = f"""
import os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from app.bootstrap import build_window
from app.paths import resolve_paths
app, window, session = build_window(resolve_paths({str(tmp_path / "data")!r}))
window.show()
window.models.show_manager()
deadline = time.monotonic() + 30
while session.fit.report is None and time.monotonic() < deadline:
    app.processEvents(); time.sleep(0.01)
session.shutdown()
print(session.fit.report is not None, "PySide6.QtWidgets" in sys.modules, "llama_cpp" in sys.modules)
"""
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    assert out.stdout.strip().splitlines()[-1:] == ["True True False"], out.stdout + out.stderr
