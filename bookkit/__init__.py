"""Shared code of the book: data loading, chart house style and export, numbered tables,
and reconciliation checks. A chapter starts with ``from bookkit import *``.

The names below are imported when first used (PEP 562), so a page imports only the modules
it needs: a page that draws no chart never imports ``charts`` or ``theme``, and the freshness
guard (which re-executes a page when a module it imported changed) leaves it alone when the
house style changes.
"""
import importlib

from myst_nb import glue

from . import data, inputs
from .data import DataError, load, metadata

inputs.start()

_LAZY = {"figure": "charts", "Figure": "charts", "table": "tables", "Table": "tables",
         "fmt_number": "tables", "agree": "checks", "discrepancy_note": "checks",
         "ReconciliationError": "checks"}

__all__ = ["glue", "load", "metadata", "figure", "Figure", "table", "Table", "fmt_number",
           "agree", "discrepancy_note", "DataError", "ReconciliationError"]


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
