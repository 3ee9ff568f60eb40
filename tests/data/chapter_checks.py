"""The check ids that the chapters' code cells pass to ``agree(...)`` or ``recorded(...)``
(the record of a disagreement agree() cannot compare), read without running the cells.

An id is either a string literal or an f-string built from the variables of enclosing
``for`` loops over literal values (``range(...)``, a tuple or list of constants, the keys
of a dict literal). An id built any other way is not found, so a record it would exercise
counts as unused: test_discrepancies.py fails loudly rather than passing on a guess.
"""
from __future__ import annotations

import ast
import itertools
from pathlib import Path

import jupytext

CHECKS = {"agree", "recorded"}


def _loop_values(node: ast.expr) -> list | None:
    """The values a ``for`` loop runs over, when they are written out literally."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "range":
        try:
            return list(range(*[ast.literal_eval(a) for a in node.args]))
        except ValueError:
            return None
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "items":
        node = node.func.value  # the keys of a dict literal; the values are left unbound
        return [(k, None) for k in _loop_values(node) or []] if isinstance(node, ast.Dict) else None
    if isinstance(node, ast.Dict):
        node = ast.List(elts=node.keys)
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        try:
            return [ast.literal_eval(e) for e in node.elts]
        except ValueError:
            return None
    return None


def _bind(target: ast.expr, value, scope: dict) -> None:
    if isinstance(target, ast.Name):
        scope[target.id] = value
    elif isinstance(target, ast.Tuple) and isinstance(value, tuple) and len(value) == len(target.elts):
        for t, v in zip(target.elts, value):
            _bind(t, v, scope)


def _format(node: ast.expr, scope: dict) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if not isinstance(node, ast.JoinedStr):
        return None
    out = []
    for part in node.values:
        if isinstance(part, ast.Constant):
            out.append(str(part.value))
        elif (isinstance(part, ast.FormattedValue) and isinstance(part.value, ast.Name)
              and scope.get(part.value.id) is not None and part.format_spec is None):
            out.append(str(scope[part.value.id]))
        else:
            return None
    return "".join(out)


def _ids(node: ast.AST, loops: list[ast.For]) -> set[str]:
    found: set[str] = set()
    if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in CHECKS
            and node.args):
        domains = [_loop_values(loop.iter) for loop in loops]
        known = [(loop, values) for loop, values in zip(loops, domains) if values is not None]
        for combination in itertools.product(*(values for _, values in known)):
            scope: dict = {}
            for (loop, _), value in zip(known, combination):
                _bind(loop.target, value, scope)
            check_id = _format(node.args[0], scope)
            if check_id is not None:
                found.add(check_id)
    inner = loops + [node] if isinstance(node, ast.For) else loops
    for child in ast.iter_child_nodes(node):
        found |= _ids(child, inner)
    return found


def ids_in_source(source: str) -> set[str]:
    """Check ids of the agree() calls in one cell's Python source."""
    code = "\n".join(line for line in source.splitlines() if not line.lstrip().startswith(("%", "!")))
    return _ids(ast.parse(code), [])


def ids_checked_by_chapter(path: Path) -> set[str]:
    notebook = jupytext.read(path)
    return set().union(*(ids_in_source(c.source) for c in notebook.cells if c.cell_type == "code"))
