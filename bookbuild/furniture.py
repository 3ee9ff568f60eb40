"""Build time: figures and numbered tables linked to the data catalogue both ways, their
"furniture" on the website (permalink, citation, licence, data link, PNG export), and
in-page contents for the glossary and the sources.

* The chart HTML names its datasets (``data-datasets``, ``bookkit.charts.chart_html``) and a
  numbered table carries a class per dataset (``bookkit.catalogue.dataset_class``). When a
  page is read, :func:`_collect` records which of its figures and tables use which datasets
  (``env.bookkit_uses``; purged and merged as Sphinx's own collectors are).
* Each catalogue entry holds a ``{dataset-uses}`` placeholder (``bookkit.catalogue``). When a
  page is written its placeholders become links to the figures and tables, numbered as
  Sphinx numbers them; the catalogue page is written again whenever what it would list
  changed (``env-get-updated``), so an incremental build never shows a stale list.
* On the website only (the PDF and the EPUB never get it), every figure and numbered table
  gets a row of controls under it; ``static/js/furniture.js`` fills in the citation (the
  page's address and the date it is read) and copies it.
"""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx import addnodes
from sphinx.util.nodes import make_refnode

from bookkit import data
from bookkit.catalogue import dataset_class, dataset_label, discrepancy_label

WEB_BUILDERS = ("html", "dirhtml", "singlehtml")
_DATASETS_ATTRIBUTE = re.compile(r'\bdata-datasets="([^"]*)"')
_CHART_TITLE = re.compile(r'class="bookkit-chart__title">(.*?)</p>', re.S)


class dataset_uses(nodes.General, nodes.Element):
    """Where a catalogue entry lists the figures and tables that use its dataset."""


class DatasetUses(Directive):
    required_arguments = 1
    has_content = True  # MyST counts the blank body of bookkit.markup.directive as content

    def run(self):
        return [dataset_uses(dataset=self.arguments[0])]


def _discrepancy_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{discrepancy}`check-id```: a link to the check's entry in the notes on the data, on
    the website (the PDF's notes carry no targets)."""
    from .extension import web_only

    env = inliner.document.settings.env
    xref = addnodes.pending_xref(rawtext, nodes.inline(text="see the note on the data"),
                                 refdomain="std", reftype="ref",
                                 reftarget=discrepancy_label(text.strip()).lower(),
                                 refexplicit=True, refwarn=True, refdoc=env.docname)
    return [web_only("", "", nodes.Text(" ("), xref, nodes.Text(")"),
                     classes=["web-only", "bookkit-discrepancy-link"])], []


# --- what uses what ------------------------------------------------------------------------

def _titles() -> dict[str, str]:
    """Every dataset's title, read without ``bookkit.data.names``/``metadata``: those note
    what a page read, and while Sphinx reads a page the record they would write to is the
    executing notebook's (``bookkit.inputs``)."""
    return {r["name"]: r.get("title", r["name"]) for r in data._resources()}


def _table_datasets(table: nodes.table) -> list[str]:
    classes = set(table.get("classes", []))
    return [name for name in _titles() if dataset_class(name) in classes]


def _collect(app, doctree) -> None:
    env = app.env
    uses = []
    for figure in doctree.findall(nodes.figure):
        if not figure["ids"]:
            continue
        for raw in figure.findall(nodes.raw):
            found = _DATASETS_ATTRIBUTE.search(raw.astext())
            if found:
                title = _CHART_TITLE.search(raw.astext())
                caption = next(figure.findall(nodes.caption), None)
                uses.append({"kind": "figure", "id": figure["ids"][0],
                             "datasets": html.unescape(found.group(1)).split(),
                             "title": html.unescape(title.group(1)) if title else
                             (caption.astext() if caption else "")})
                break
    for table in doctree.findall(nodes.table):
        names = _table_datasets(table)
        if names and table["ids"]:
            title = next(iter(table.findall(nodes.title)), None)
            uses.append({"kind": "table", "id": table["ids"][0], "datasets": names,
                         "title": title.astext() if title else ""})
    if not hasattr(env, "bookkit_uses"):
        env.bookkit_uses = {}
    env.bookkit_uses[env.docname] = uses


def _purge(app, env, docname) -> None:
    getattr(env, "bookkit_uses", {}).pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    if not hasattr(env, "bookkit_uses"):
        env.bookkit_uses = {}
    for docname in docnames:
        if docname in getattr(other, "bookkit_uses", {}):
            env.bookkit_uses[docname] = other.bookkit_uses[docname]


def _number(env, config, docname: str, use: dict) -> str:
    """"Figure 3.2" as Sphinx numbers it (after the toctree collector has numbered them)."""
    number = env.toc_fignumbers.get(docname, {}).get(use["kind"], {}).get(use["id"])
    label = "Figure" if use["kind"] == "figure" else "Table"
    if not number:
        return label
    return config.numfig_format.get(use["kind"], label + " %s") % ".".join(map(str, number))


def _users(env, config) -> dict[str, list[tuple]]:
    """For each dataset: (docname, kind, id, number, title) of what uses it, in book order."""
    order = {doc: i for i, doc in enumerate(_reading_order(env))}
    users: dict[str, list[tuple]] = {}
    for docname, uses in sorted(getattr(env, "bookkit_uses", {}).items(),
                                key=lambda item: (order.get(item[0], len(order)), item[0])):
        for use in uses:
            for name in use["datasets"]:
                users.setdefault(name, []).append(
                    (docname, use["kind"], use["id"], _number(env, config, docname, use),
                     use["title"]))
    for listed in users.values():  # figures first, then tables, each in book order
        listed.sort(key=lambda u: u[1] != "figure")
    return users


def _reading_order(env) -> list[str]:
    root = env.config.root_doc
    seen, order = set(), []

    def visit(doc):
        if doc in seen:
            return
        seen.add(doc)
        order.append(doc)
        for child in env.toctree_includes.get(doc, []):
            visit(child)
    visit(root)
    return order


def _updated(app, env) -> list[str]:
    """The catalogue is written again when what it lists (or how it is numbered) changed."""
    signature = json.dumps(_users(env, app.config), sort_keys=True)
    if getattr(env, "bookkit_uses_signature", None) == signature:
        return []
    env.bookkit_uses_signature = signature
    catalogue = _catalogue_doc(env)
    return [catalogue] if catalogue else []


def _catalogue_doc(env) -> str | None:
    labels = env.domaindata["std"]["labels"]
    for name in _titles():
        if dataset_label(name) in labels:
            return labels[dataset_label(name)][0]
    return None


# --- writing ---------------------------------------------------------------------------

def _resolved(app, doctree, docname) -> None:
    web = app.builder.name in WEB_BUILDERS
    for placeholder in list(doctree.findall(dataset_uses)):
        if web:
            placeholder.replace_self(_uses_list(app, docname, placeholder["dataset"]))
        else:
            placeholder.parent.remove(placeholder)
    if not web:
        return
    uses = {use["id"]: use for use in getattr(app.env, "bookkit_uses", {}).get(docname, [])}
    for figure in list(doctree.findall(nodes.figure)):
        use = figure["ids"] and uses.get(figure["ids"][0])
        if use:
            figure.append(_furniture(app, docname, use))
    for table in list(doctree.findall(nodes.table)):
        use = table["ids"] and uses.get(table["ids"][0])
        if use:
            after = table
            following = table.parent.index(table) + 1
            if following < len(table.parent) and isinstance(table.parent[following], nodes.paragraph):
                after = table.parent[following]  # the table's source and notes
            after.parent.insert(after.parent.index(after) + 1, _furniture(app, docname, use))
    _letter_contents(doctree)


def _uses_list(app, docname: str, dataset: str) -> nodes.Node:
    users = _users(app.env, app.config).get(dataset, [])
    paragraph = nodes.paragraph(classes=["bookkit-dataset-uses"])
    paragraph += nodes.strong(text="Shown in: ")
    if not users:
        paragraph += nodes.Text("no figure or numbered table of the book.")
        return paragraph
    for i, (todoc, _kind, target, number, title) in enumerate(users):
        if i:
            paragraph += nodes.Text("; ")
        text = nodes.inline(text=f"{number}: {title}" if title else number)
        ref = make_refnode(app.builder, docname, todoc, target, text, f"{number}: {title}")
        ref["classes"].append("bookkit-dataset-uses__link")
        paragraph += ref
    paragraph += nodes.Text(".")
    return paragraph


def _book_citation(app) -> dict:
    """Title, authors and year of the edition (``CITATION.cff``, else ``_config.yml``)."""
    import yaml

    cff = Path(app.srcdir) / "CITATION.cff"
    meta = yaml.safe_load(cff.read_text(encoding="utf-8")) if cff.is_file() else {}
    authors = [a.get("name") or " ".join(filter(None, [a.get("given-names"), a.get("family-names")]))
               for a in meta.get("authors", [])]
    released = str(meta.get("date-released", app.config.copyright or ""))
    return {"title": meta.get("title") or app.config.project,
            "authors": "; ".join(filter(None, authors)) or app.config.author,
            "year": released[:4]}


def _licences() -> str:
    package = data._package()  # parsed once while the file is unchanged (one row per figure)
    return "; ".join(f"{lic.get('title', lic.get('name', ''))} ({lic['name']})" if lic.get("title")
                     else lic.get("name", "") for lic in package.get("licenses", []))


def _furniture(app, docname: str, use: dict) -> nodes.raw:
    """The row under a figure or table. HTML built here, every value escaped."""
    esc = lambda value: html.escape(str(value), quote=True)  # noqa: E731
    number = _number(app.env, app.config, docname, use)
    book = _book_citation(app)
    labels = app.env.domaindata["std"]["labels"]
    kind = use["kind"]
    links = []
    for name in use["datasets"]:
        label = dataset_label(name)
        if label not in labels:
            continue
        todoc, anchor, _ = labels[label]
        href = app.builder.get_relative_uri(docname, todoc) + "#" + anchor
        links.append(f'<a class="bookkit-furniture__data" href="{esc(href)}">'
                     f'{esc(_titles()[name])}</a>')
    png = ('<button type="button" class="bookkit-furniture__button bookkit-furniture__png">'
           'Download PNG (2x)</button>' if kind == "figure" else "")
    return nodes.raw("", "".join([
        f'<div class="bookkit-furniture" data-anchor="{esc(use["id"])}" data-kind="{esc(kind)}"'
        f' data-number="{esc(number)}" data-title="{esc(use["title"])}"'
        f' data-book-title="{esc(book["title"])}" data-book-authors="{esc(book["authors"])}"'
        f' data-book-year="{esc(book["year"])}">',
        '<div class="bookkit-furniture__row">',
        f'<a class="bookkit-furniture__permalink bookkit-furniture__button" href="#{esc(use["id"])}"'
        f' title="Link to this {kind}">Link to {esc(number)}</a>',
        f'<button type="button" class="bookkit-furniture__button bookkit-furniture__cite-toggle"'
        f' aria-expanded="false" aria-controls="cite-{esc(use["id"])}">Cite this {kind}</button>',
        png,
        '</div>',
        '<p class="bookkit-furniture__meta"><span>Data: ', ", ".join(links) or "see the source above",
        '</span> <span class="bookkit-furniture__licence">Licence of the data: ',
        esc(_licences()), '</span></p>',
        f'<div class="bookkit-furniture__cite" id="cite-{esc(use["id"])}" hidden="hidden">',
        '<p class="bookkit-furniture__label">Plain text</p>',
        '<p class="bookkit-furniture__text bookkit-furniture__cite-text"></p>',
        '<button type="button" class="bookkit-furniture__button" data-copy="cite-text">'
        'Copy the citation</button>',
        '<p class="bookkit-furniture__label">BibTeX</p>',
        '<pre class="bookkit-furniture__text bookkit-furniture__bibtex"></pre>',
        '<button type="button" class="bookkit-furniture__button" data-copy="bibtex">'
        'Copy the BibTeX</button>',
        '<span class="bookkit-furniture__status" role="status" aria-live="polite"></span>',
        '</div></div>',
    ]), format="html")


# --- in-page contents of the glossary and the sources ---------------------------------------

def _letter_contents(doctree) -> None:
    """A nav of initial letters above a glossary or a bibliography: no headings there, so the
    theme's "On this page" has nothing to show."""
    for holder, entries in list(_letter_targets(doctree)):  # the tree changes below
        letters: dict[str, str] = {}
        for text, anchor in entries:
            letters.setdefault(text[:1].upper(), anchor)
        if len(letters) < 2:
            continue
        items = "".join(f'<li><a href="#{html.escape(anchor, quote=True)}">{html.escape(letter)}</a></li>'
                        for letter, anchor in sorted(letters.items()))
        nav = nodes.raw("", '<nav class="bookkit-letters" aria-label="On this page: entries by '
                        f'initial letter"><p>Entries by initial letter</p><ul>{items}</ul></nav>',
                        format="html")
        holder.parent.insert(holder.parent.index(holder), nav)


def _letter_targets(doctree):
    for glossary in list(doctree.findall(addnodes.glossary)):
        terms = [(term.astext(), term["ids"][0]) for term in glossary.findall(nodes.term)
                 if term["ids"]]
        yield glossary, terms
    citations = [c for c in doctree.findall(nodes.citation) if c["ids"]]
    if citations:
        entries = []
        for citation in citations:
            label = next(iter(citation.findall(nodes.label)), None)
            entries.append(((label.astext() if label else citation.astext()).strip("[] "),
                            citation["ids"][0]))
        first = citations[0].parent
        yield first, entries


def setup(app) -> None:
    app.add_node(dataset_uses)
    app.add_directive("dataset-uses", DatasetUses)
    app.add_role("discrepancy", _discrepancy_role)
    app.connect("doctree-read", _collect)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    # After the toctree collector (priority 500) has numbered the figures.
    app.connect("env-get-updated", _updated, priority=900)
    app.connect("doctree-resolved", _resolved)
