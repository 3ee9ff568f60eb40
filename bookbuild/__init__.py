"""Build-time code of the book; a chapter's kernel never imports it.

* ``extension``: the Sphinx extension (the chart script and library, the data zip, the
  ``{web}`` role, page trims as pages are written), with ``freshness`` (never a stale page)
  and ``parallel_execution`` (notebooks on every core), and ``citations``;
* ``site``: the one pass over the written site after an HTML build.

What chapters import, and what the build reads back from them, is ``bookkit``.
"""
