"""The search engine stays behind its contract: only ``worldbrief.search.tantivy`` and the one
factory that builds an index (``search/backends.py``) import Tantivy, so services, pages and
commands depend on ``SearchIndex`` and a second backend needs no change outside ``search/``."""

from __future__ import annotations

import ast
from pathlib import Path

import worldbrief
from worldbrief.services.platform import Platform

SRC = Path(worldbrief.__file__).parent
ALLOWED = {Path("search/backends.py")}


def _imports(tree: ast.AST) -> list[str]:
    found: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def _is_tantivy(module: str) -> bool:
    return module == "tantivy" or module.startswith(("tantivy.", "worldbrief.search.tantivy"))


def test_only_the_tantivy_package_and_the_factory_import_tantivy() -> None:
    reaches = {}
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC)
        if relative.parts[:2] == ("search", "tantivy") or relative in ALLOWED:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if found := [m for m in _imports(tree) if _is_tantivy(m)]:
            reaches[str(relative)] = found
    assert reaches == {}


def test_the_platform_holds_the_contract_not_the_engine() -> None:
    assert Platform.__annotations__["index"] == "SearchIndex"
