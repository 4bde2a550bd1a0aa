"""The layers of DESIGN.md, checked on every import statement of the code base."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STDLIB = set(sys.stdlib_module_names)

# What each layer may import, besides the standard library (and itself).
ALLOWED = {
    "app/domain": {"app.domain", "phonenumbers", "babel"},
    "app/persistence": {"app.domain", "app.persistence", "peewee", "playhouse", "psycopg"},
    # Shared plumbing (atomic writes, workbook cells): below the services, never the database.
    "app/infra": {"app.domain", "app.infra", "openpyxl"},
    "app/services": {"app.domain", "app.persistence", "app.infra", "app.services", "app.paths", "app.logs"},
    "app": {"app"},
    "ui": {"ui", "app.domain", "app.services", "app.paths", "app.logs", "PySide6", "shiboken6", "pyqtgraph"},
}
# Third-party libraries that services may use (no Qt, no peewee).
SERVICE_LIBRARIES = {
    "openpyxl",
    "reportlab",
    "defusedxml",
    "python_calamine",
    "rapidfuzz",
    "phonenumbers",
    "dateutil",
    "keyring",
    "nicknames",
}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def _layer(path: Path) -> str:
    relative = path.relative_to(ROOT).as_posix()
    for layer in ("app/domain", "app/persistence", "app/infra", "app/services", "ui"):
        if relative.startswith(layer + "/"):
            return layer
    return "app"


def _allowed(layer: str, module: str) -> bool:
    top = module.split(".")[0]
    if top in STDLIB and top not in {"app", "ui"}:
        return True
    allowed = ALLOWED[layer] | (SERVICE_LIBRARIES if layer == "app/services" else set())
    return any(module == prefix or module.startswith(prefix + ".") for prefix in allowed)


SOURCES = sorted(p for folder in ("app", "ui") for p in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_imports_follow_the_layers(path: Path) -> None:
    layer = _layer(path)
    wrong = [m for m in _imports(path) if not _allowed(layer, m)]
    assert not wrong, f"{path.relative_to(ROOT)} ({layer}) must not import {wrong}"


def test_the_checker_catches_a_violation(tmp_path: Path) -> None:
    """A test that cannot fail is a defect: prove the rule bites."""
    assert not _allowed("app/domain", "peewee")
    assert _allowed("app/domain", "babel.dates") and not _allowed("app/domain", "reportlab")
    assert not _allowed("ui", "peewee")
    assert not _allowed("ui", "app.persistence.tables")
    assert not _allowed("app/services", "PySide6.QtCore")
    assert _allowed("ui", "app.services.customers")
    assert not _allowed("app/infra", "app.services.exporting")
    assert not _allowed("app/infra", "app.persistence.db")
    assert not _allowed("ui", "app.infra.workbooks")
    assert _allowed("app/services", "app.infra.workbooks")


# ---------------------------------------------------------------- services that must not need each other
def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module(p): p for p in SOURCES}


def _reaches(start: str) -> set[str]:
    """Every module of the code base that importing `start` imports, however indirectly."""

    def direct(module: str) -> set[str]:
        tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
            else:
                continue
            for name in names:
                parts = name.split(".")
                found |= {".".join(parts[:n]) for n in range(1, len(parts) + 1)} & MODULES.keys()
        return found

    seen, todo = set(), [start]
    while todo:
        module = todo.pop()
        for target in direct(module) - seen:
            seen.add(target)
            todo.append(target)
    return seen


def _within(package: str, modules: set[str]) -> set[str]:
    return {m for m in modules if m == package or m.startswith(package + ".")}


def test_exporting_and_importing_do_not_import_each_other() -> None:
    """They share the workbook helpers of app.infra; neither needs the other, even indirectly."""
    assert not _within("app.services.importing", _reaches("app.services.exporting"))
    importing = _within("app.services.importing", set(MODULES))
    assert len(importing) > 10  # the package is where this test looks for it
    for module in sorted(importing):
        assert "app.services.exporting" not in _reaches(module), f"{module} imports app.services.exporting"


def test_the_reach_rule_bites() -> None:
    assert "app.infra.workbooks" in _reaches("app.services.exporting")
    assert "app.services.importing.report" in _reaches("app.services.importing")
    assert "app.domain.errors" in _reaches("app.services.importing.report")


def test_one_email_pattern() -> None:
    """What counts as an e-mail address is decided in one place (app/domain/values.py)."""
    holders = [
        p.relative_to(ROOT).as_posix()
        for p in SOURCES
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and "[^@" in node.value
    ]
    assert holders == ["app/domain/values.py"]


def test_main_is_tiny() -> None:
    assert _imports(ROOT / "main.py") == ["sys", "ui.application"]


# ---------------------------------------------------------------- one Clock
WALL_CLOCK_CALLS = {("date", "today"), ("datetime", "now"), ("datetime", "today"), ("datetime", "utcnow")}
THE_CLOCK = ROOT / "app" / "domain" / "clock.py"


def _wall_clock_calls(source: str) -> list[int]:
    """Lines that read the wall clock directly: `date.today()`, `datetime.now()`, `time.time()`..."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        # A reference counts as much as a call: `default=datetime.date.today` reads the wall clock later.
        if not isinstance(node, ast.Attribute):
            continue
        owner = node.value
        owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if (owner_name, node.attr) in WALL_CLOCK_CALLS | {("time", "time")}:
            lines.append(node.lineno)
    return lines


# Migrations are frozen history: they run once, before the app's clock matters.
CLOCK_CHECKED = [p for p in SOURCES if p != THE_CLOCK and "migrations" not in p.parts]


@pytest.mark.parametrize("path", CLOCK_CHECKED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_only_the_clock_reads_the_wall_clock(path: Path) -> None:
    lines = _wall_clock_calls(path.read_text(encoding="utf-8"))
    assert not lines, f"{path.relative_to(ROOT)} reads the wall clock on lines {lines}: ask app.domain.clock"


def test_the_clock_rule_bites() -> None:
    assert _wall_clock_calls("import datetime\nx = datetime.date.today()\n") == [2]
    assert _wall_clock_calls("from datetime import datetime\nx = datetime.now()\n") == [2]
    assert _wall_clock_calls("import time\nx = time.time()\n") == [2]
    assert _wall_clock_calls("import datetime\nf = Field(default=datetime.date.today)\n") == [2]
    assert _wall_clock_calls("from app.domain import clock\nx = clock.today()\n") == []
