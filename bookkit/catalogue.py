"""Reader-facing pages generated from the data package: the data catalogue and the notes."""
from __future__ import annotations

from docutils.nodes import make_id
from markupsafe import Markup

from . import data
from .checks import _fmt, _sentence
from .markup import (MyST, Output, cell, code, directive, download, escape, lines, myst, output,
                     raw_html, target_name)

SECTION_TITLES = {
    "history": "Reasons for China's presence and the history of migration (report section 1)",
    "xinjiang": "Regionalisation with Xinjiang (report section 2)",
    "migration": "Contemporary migration (report section 3)",
    "business": "Chinese business (report section 4)",
    "agriculture": "Agriculture (report section 5)",
    "surveys": "The surveys behind the report",
    "education": "Soft power and education (report section 6)",
    "attitudes": "Attitudes, myths and risks (report section 7)",
    "discrepancies": "Checks",
}
ZIP_NAME = "china-kazakhstan-data.zip"


def _topic(name: str) -> str:
    return name.split("_")[0]


def dataset_label(name: str) -> str:
    """The stable target of a dataset's catalogue entry (``#data-<name>`` on the page)."""
    return target_name(f"data-{name}")


def dataset_class(name: str) -> str:
    """The class that names a dataset on a numbered table (as docutils writes class names),
    read by the build to link the table and the dataset's entry both ways."""
    return make_id(f"bookkit-dataset-{name}")


def discrepancy_label(check_id: str) -> str:
    """The stable target of a recorded discrepancy on the notes page."""
    return target_name(f"discrepancy-{check_id}")


# Filters the catalogue as the reader types (once the entries below the script are parsed): an entry is its heading and what follows it
# up to the next heading; a group heading hides with its last shown entry. Written without
# line comments or reliance on line breaks, which raw_html turns into spaces.
_FILTER_SCRIPT = r"""
document.addEventListener("DOMContentLoaded", () => {
  const nav = document.querySelector("nav.bookkit-catalogue-contents");
  const input = nav.querySelector("input.bookkit-catalogue-filter");
  const count = nav.querySelector(".bookkit-catalogue-count");
  const none = nav.querySelector(".bookkit-catalogue-none");
  const isHeading = el => /^H[1-3]$/.test(el.tagName);
  const entries = [...nav.querySelectorAll("li a")].map(link => {
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    const heading = target.closest("h2, h3") || target;
    const parts = [heading];
    for (let el = heading.nextElementSibling; el && !isHeading(el); el = el.nextElementSibling) {
      parts.push(el);
    }
    let group = heading.previousElementSibling;
    while (group && group.tagName !== "H2") { group = group.previousElementSibling; }
    const text = parts.map(el => el.textContent).join(" ").toLowerCase();
    return {item: link.parentElement, parts, group, text};
  });
  const update = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    let shown = 0;
    const groupsShown = new Set();
    for (const entry of entries) {
      const match = words.every(word => entry.text.includes(word));
      entry.item.hidden = !match;
      entry.parts.forEach(el => { el.hidden = !match; });
      if (match) { shown += 1; groupsShown.add(entry.group); }
    }
    for (const entry of entries) { if (entry.group) { entry.group.hidden = !groupsShown.has(entry.group); } }
    nav.querySelectorAll(".bookkit-catalogue-group").forEach(div => {
      div.hidden = !div.querySelector("li:not([hidden])");
    });
    none.hidden = shown > 0;
    count.textContent = words.length ? `${shown} of ${entries.length} datasets shown` : "";
  };
  input.addEventListener("input", update);
  update();
});
"""


def _web_target(label: MyST) -> MyST:
    """A target for the website only. In LaTeX a target before a heading becomes a label
    between the heading's spaces, which then add up instead of merging: about a line more
    before each of the 82 headings, two pages in all."""
    return directive("only", MyST("html"), body=myst("({})=", label))


def _contents(groups: dict[str, list[str]]) -> MyST:
    """The page's contents for the website: a filter box and every entry, grouped."""
    html = Markup(
        '<nav class="bookkit-catalogue-contents" aria-label="Datasets on this page">'
        '<p><label>Filter the datasets <input type="search" class="bookkit-catalogue-filter" '
        'placeholder="a word from a title, description or column" size="40" '
        'style="max-width: 100%" /></label> '
        '<span class="bookkit-catalogue-count" aria-live="polite"></span></p>'
        '<p class="bookkit-catalogue-none" hidden="hidden">No dataset matches every word typed.</p>')
    for title, names in groups.items():
        items = Markup("").join(
            Markup('<li><a href="#{}">{}</a></li>').format(make_id(dataset_label(n)),
                                                           data.metadata(n)["title"])
            for n in names)
        html += Markup('<div class="bookkit-catalogue-group"><p><strong>{}</strong></p>'
                       '<ul>{}</ul></div>').format(title, items)
    html += Markup("</nav><script>{}</script>").format(Markup(_FILTER_SCRIPT))
    return raw_html(html)


# Print widths of the field tables (column name, type, unit, meaning), in hundredths of the
# line: left to itself LaTeX squeezes "Type" and "Unit" until "integer" is hyphenated.
FIELD_TABLE_COLUMNS = "\\X{26}{100}\\X{11}{100}\\X{17}{100}\\X{46}{100}"


def _field_rows(descriptor: dict) -> list[MyST]:
    rows = [MyST(f"```{{tabularcolumns}} {FIELD_TABLE_COLUMNS}"), MyST("```"), MyST(""),
            MyST("| Column | Type | Unit | Meaning |"), MyST("|:--|:--|:--|:--|")]
    for f in descriptor["schema"]["fields"]:
        rows.append(myst("| {} | {} | {} | {} |", cell(code(f["name"])), cell(f["type"]),
                         cell(f.get("unit", "")), cell(f.get("description", ""))))
    return rows


def catalogue() -> Output:
    """Every dataset: title, description, provenance, columns with units, download link."""
    groups: dict[str, list[str]] = {}
    for name in data.names():
        groups.setdefault(SECTION_TITLES.get(_topic(name), _topic(name).title()), []).append(name)
    parts = [myst("The whole package as one file: {} (all CSV files, {} and the notes).",
                  download(ZIP_NAME, f"/downloads/{ZIP_NAME}"), code("datapackage.json")),
             MyST(""), _contents(groups), MyST("")]
    for group, names in groups.items():
        parts += [myst("## {}", group), MyST("")]
        for name in names:
            parts += _entry(name)
    return output(lines(parts))


def _entry(name: str) -> list[MyST]:
    meta = data.metadata(name)
    report = meta.get("report", {})
    first, last = report.get("lines", ["?", "?"])
    return [
        _web_target(dataset_label(name)),
        myst("### {}", meta["title"]), MyST(""),
        escape(meta["description"]), MyST(""),
        myst("- **Dataset:** {}, {} rows; {}", code(name), len(data.load(name)),
             download("download CSV", f"/data/{meta['path']}")),
        myst("- **From the report:** {}, section {}, lines {}-{} of the extracted text",
             report.get("exhibit", ""), report.get("section", ""), first, last),
        myst("- **Source the report cites:** {}", report.get("cited_source", "not stated")),
        MyST(""),
        # Filled by the build with links to the figures and tables that show it.
        directive("dataset-uses", target_name(name)), MyST(""),
        *_field_rows(meta), MyST(""),
    ]


def notes() -> Output:
    """Every recorded discrepancy, then every transcription decision, in plain words."""
    table = data.load("discrepancies")
    parts = [MyST("## Where the report disagrees with itself"), MyST(""),
             myst("{} disagreements are recorded. The book keeps both values and the checks in "
                  "the chapters and tests fail if either changes.", len(table)), MyST("")]
    for row in table.itertuples(index=False):
        diff = "" if row.difference is None or str(row.difference) in ("<NA>", "nan") \
            else myst(" Difference: {}.", _fmt(row.difference))
        # Each record its own one-item list, so that its target can stand before it.
        parts += [MyST(""), _web_target(discrepancy_label(row.id))]
        parts.append(myst("- **{}** ({}): {} Printed: {} ({}); against: {} ({}).{}",
                          row.exhibit, code(row.id), _sentence(row.description),
                          _fmt(row.value_a), row.where_a, _fmt(row.value_b), row.where_b,
                          diff))
    parts += [MyST(""), MyST("## How the figures were transcribed"), MyST("")]
    current = None
    for name in data.names():
        meta = data.metadata(name)
        decisions = meta.get("notes", [])
        if not decisions:
            continue
        topic = _topic(name)
        if topic != current:
            parts += [myst("### {}", SECTION_TITLES.get(topic, topic.title())), MyST("")]
            current = topic
        parts.append(myst("**{}** ({})", meta["title"], code(name)))
        parts += [MyST("")] + [myst("- {}", n) for n in decisions] + [MyST("")]
    return output(lines(parts))
