"""Build time: each page's doctree unpickled once per write pass for numbered references.

Sphinx resolves every ``{numref}`` by unpickling the whole doctree of the page it points to
(sphinx-doc/sphinx#12883, open), and this book's doctrees are large (they hold every chart's
outputs for all formats), so writing one chapter spent most of its time unpickling the same
pages again. The lookup only reads the doctree (an id and the node's type), so it is given
one unpickled copy per page, kept until the pages change (the end of reading) or the build
ends.
"""
from __future__ import annotations

from sphinx.domains.std import StandardDomain

_doctrees: dict[str, object] = {}
_resolve_numref = StandardDomain._resolve_numref_xref


def _resolve_numref_with_memo(self, env, *args, **kwargs):
    def get_doctree(docname):
        if docname not in _doctrees:
            _doctrees[docname] = type(env).get_doctree(env, docname)
        return _doctrees[docname]

    env.get_doctree = get_doctree  # an instance attribute, for this lookup only
    try:
        return _resolve_numref(self, env, *args, **kwargs)
    finally:
        del env.get_doctree


def _forget(*_args) -> None:
    _doctrees.clear()


def setup(app) -> None:
    StandardDomain._resolve_numref_xref = _resolve_numref_with_memo
    app.connect("env-updated", _forget)
    app.connect("build-finished", _forget)
