"""Build time: each page's doctree unpickled once per build for the passes that only read it.

Sphinx unpickles the whole doctree of a page to resolve every ``{numref}`` that points to it
(sphinx-doc/sphinx#12883, open), and again to number the figures and tables of every page
after any page was read (``TocTreeCollector.assign_figure_numbers``). This book's doctrees
are large (they hold every chart's outputs), so writing one chapter spent most of its time
unpickling the same pages again. Both passes only read the doctree (ids, node types,
captions), so they share one unpickled copy per page, kept from the end of reading (when the
pages stop changing) to the end of the build. Writing a page still gets its own copy.
"""
from __future__ import annotations

from sphinx.domains.std import StandardDomain
from sphinx.environment.collectors.toctree import TocTreeCollector

_doctrees: dict[str, object] = {}
_resolve_numref = StandardDomain._resolve_numref_xref
_assign_figure_numbers = TocTreeCollector.assign_figure_numbers


def _reading_from_memo(env, call):
    def get_doctree(docname):
        if docname not in _doctrees:
            _doctrees[docname] = type(env).get_doctree(env, docname)
        return _doctrees[docname]

    env.get_doctree = get_doctree  # an instance attribute, for this pass only
    try:
        return call()
    finally:
        del env.get_doctree


def _resolve_numref_with_memo(self, env, *args, **kwargs):
    return _reading_from_memo(env, lambda: _resolve_numref(self, env, *args, **kwargs))


def _assign_figure_numbers_with_memo(self, env):
    return _reading_from_memo(env, lambda: _assign_figure_numbers(self, env))


def _forget(*_args) -> None:
    _doctrees.clear()


def setup(app) -> None:
    StandardDomain._resolve_numref_xref = _resolve_numref_with_memo
    TocTreeCollector.assign_figure_numbers = _assign_figure_numbers_with_memo
    app.connect("env-updated", _forget)  # reading is over; numbering and writing follow
    app.connect("build-finished", _forget)
