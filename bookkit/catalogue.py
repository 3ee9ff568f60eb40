"""Reader-facing pages generated from the data package: the data catalogue and the notes."""
from __future__ import annotations

from . import data
from .checks import _fmt, _sentence
from .markup import MyST, Output, cell, code, download, escape, lines, myst, output

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
    parts = [myst("The whole package as one file: {} (all CSV files, {} and the notes).",
                  download(ZIP_NAME, f"/downloads/{ZIP_NAME}"), code("datapackage.json")),
             MyST("")]
    current = None
    for name in data.names():
        meta = data.metadata(name)
        topic = _topic(name)
        if topic != current:
            parts += [myst("## {}", SECTION_TITLES.get(topic, topic.title())), MyST("")]
            current = topic
        report = meta.get("report", {})
        first, last = report.get("lines", ["?", "?"])
        parts += [
            myst("### {}", meta["title"]), MyST(""),
            escape(meta["description"]), MyST(""),
            myst("- **Dataset:** {}, {} rows; {}", code(name), len(data.load(name)),
                 download("download CSV", f"/data/{meta['path']}")),
            myst("- **From the report:** {}, section {}, lines {}-{} of the extracted text",
                 report.get("exhibit", ""), report.get("section", ""), first, last),
            myst("- **Source the report cites:** {}", report.get("cited_source", "not stated")),
            MyST(""),
            *_field_rows(meta), MyST(""),
        ]
    return output(lines(parts))


def notes() -> Output:
    """Every recorded discrepancy, then every transcription decision, in plain words."""
    table = data.load("discrepancies")
    parts = [MyST("## Where the report disagrees with itself"), MyST(""),
             myst("{} disagreements are recorded. The book keeps both values and the checks in "
                  "the chapters and tests fail if either changes.", len(table)), MyST("")]
    for row in table.itertuples(index=False):
        diff = "" if row.difference is None or str(row.difference) in ("<NA>", "nan") \
            else myst(" Difference: {}.", _fmt(row.difference))
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
