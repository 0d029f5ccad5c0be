"""Pages and the API reach stored data through services only: no module of ``worldbrief.web``
imports ``worldbrief.store`` or touches a platform's store, so a new surface cannot bypass
the paywall and the use cases that services hold."""

from __future__ import annotations

import ast
from pathlib import Path

import worldbrief.web

WEB = Path(worldbrief.web.__file__).parent


def _web_modules() -> list[Path]:
    return sorted(WEB.rglob("*.py"))


def _store_imports(tree: ast.AST) -> list[str]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "worldbrief.store" or node.module.startswith("worldbrief.store."):
                found.append(f"line {node.lineno}: from {node.module} import ...")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("worldbrief.store"):
                    found.append(f"line {node.lineno}: import {alias.name}")
        elif isinstance(node, ast.Attribute) and node.attr == "store":
            found.append(f"line {node.lineno}: .store")
    return found


def test_no_web_module_reaches_the_store() -> None:
    reaches = {
        str(path.relative_to(WEB)): found
        for path in _web_modules()
        if (found := _store_imports(ast.parse(path.read_text(encoding="utf-8"))))
    }
    assert reaches == {}


def test_the_check_sees_web_modules() -> None:
    assert len(_web_modules()) > 20
