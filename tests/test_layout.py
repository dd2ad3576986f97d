"""The package layout: stages import only stages below them, and no modules import each other in a cycle."""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parents[1] / "kortrade"
# Lowest first. A module may import from its own stage and from the stages before it, never after.
# `figures`, `entities`, `timeline` and `relations` are extractors side by side: none imports another.
LAYERS = (("common",), ("ingest",), ("figures", "entities", "timeline", "relations"), ("run",), ("report",), ("cli",))


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """The kortrade modules a file imports, as dotted names (type-checking imports included)."""
    module = _module_name(path)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            elif node.module and node.module.startswith("kortrade"):
                target = node.module
            else:
                continue
            for alias in node.names:
                candidate = f"{target}.{alias.name}"
                found.add(candidate if _exists(candidate) else target)
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith("kortrade")}
    return found


def _exists(dotted: str) -> bool:
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _stage(module: str) -> str:
    """The stage of a module: its subpackage; `cli` for the command-line modules at the top."""
    parts = module.split(".")
    if len(parts) == 1:
        return "kortrade"
    return parts[1] if (PACKAGE / parts[1]).is_dir() else "cli"


def _rank(stage: str) -> int:
    return next(i for i, layer in enumerate(LAYERS) if stage in layer)


def _graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        for target in _imports(path):
            graph.add_edge(_module_name(path), target)
    return graph


def test_every_module_belongs_to_a_stage():
    top_level = {path.stem for path in PACKAGE.glob("*.py")} - {"__init__", "__main__"}
    assert top_level == {"cli"}, "modules belong in a stage's subpackage"
    stages = {path.parent.name for path in PACKAGE.glob("*/__init__.py")}
    assert stages == {stage for layer in LAYERS for stage in layer} - {"cli"}


def test_no_stage_imports_a_later_or_sibling_stage():
    wrong = []
    for source, target in _graph().edges:
        source_stage, target_stage = _stage(source), _stage(target)
        if "kortrade" in (source_stage, target_stage) or source_stage == target_stage:
            continue
        if _rank(target_stage) >= _rank(source_stage):
            wrong.append(f"{source} imports {target}")
    assert wrong == []


def test_no_import_cycles():
    graph = _graph()
    graph.remove_nodes_from([node for node in list(graph) if node == "kortrade"])
    assert list(nx.simple_cycles(graph)) == []


def test_the_checks_see_imports():
    """The graph holds the imports it is meant to judge (a parser that found none would pass everything)."""
    graph = _graph()
    assert graph.has_edge("kortrade.figures.rows", "kortrade.figures.frame")
    assert graph.has_edge("kortrade.figures.garbled", "kortrade.figures.figure")
    assert graph.has_edge("kortrade.report.workspace", "kortrade.run.pipeline")
