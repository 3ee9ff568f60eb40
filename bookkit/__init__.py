"""Shared code of the book: data loading, chart house style and export, numbered tables,
and reconciliation checks. A chapter starts with ``from bookkit import *``."""
from myst_nb import glue

from . import data, inputs
from .charts import Figure, figure
from .checks import ReconciliationError, agree, discrepancy_note
from .data import DataError, load, metadata
from .tables import Table, fmt_number, table

inputs.start()

__all__ = ["glue", "load", "metadata", "figure", "Figure", "table", "Table", "fmt_number",
           "agree", "discrepancy_note", "DataError", "ReconciliationError"]
