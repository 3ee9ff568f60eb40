"""Reader-facing pages generated from the data package: the data catalogue and the notes."""
from __future__ import annotations

from IPython.display import Markdown

from . import data
from .checks import _fmt, _sentence

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


def _cell(text) -> str:
    # "<" as an entity: a description such as "centre of <place>" is text, not an HTML tag.
    return str(text).replace("|", "\\|").replace("\n", " ").replace("<", "&lt;")


# Print widths of the field tables (column name, type, unit, meaning), in hundredths of the
# line: left to itself LaTeX squeezes "Type" and "Unit" until "integer" is hyphenated.
FIELD_TABLE_COLUMNS = "\\X{26}{100}\\X{11}{100}\\X{17}{100}\\X{46}{100}"


def _field_rows(descriptor: dict) -> list[str]:
    rows = [f"```{{tabularcolumns}} {FIELD_TABLE_COLUMNS}", "```", "",
            "| Column | Type | Unit | Meaning |", "|:--|:--|:--|:--|"]
    for f in descriptor["schema"]["fields"]:
        rows.append(f"| `{f['name']}` | {f['type']} | {_cell(f.get('unit', ''))} | "
                    f"{_cell(f.get('description', ''))} |")
    return rows


def catalogue() -> Markdown:
    """Every dataset: title, description, provenance, columns with units, download link."""
    parts = [f"The whole package as one file: {{download}}`{ZIP_NAME} </downloads/{ZIP_NAME}>` "
             "(all CSV files, `datapackage.json` and the notes).", ""]
    current = None
    for name in data.names():
        meta = data.metadata(name)
        topic = _topic(name)
        if topic != current:
            parts += [f"## {SECTION_TITLES.get(topic, topic.title())}", ""]
            current = topic
        report = meta.get("report", {})
        lines = report.get("lines", ["?", "?"])
        parts += [
            f"### {meta['title']}", "",
            f"{meta['description']}", "",
            f"- **Dataset:** `{name}`, {len(data.load(name))} rows; "
            f"{{download}}`download CSV </data/{meta['path']}>`",
            f"- **From the report:** {report.get('exhibit', '')}, section {report.get('section', '')}, "
            f"lines {lines[0]}-{lines[1]} of the extracted text",
            f"- **Source the report cites:** {report.get('cited_source', 'not stated')}",
            "",
            *_field_rows(meta), "",
        ]
    return Markdown("\n".join(parts))


def notes() -> Markdown:
    """Every recorded discrepancy, then every transcription decision, in plain words."""
    table = data.load("discrepancies")
    parts = ["## Where the report disagrees with itself", "",
             f"{len(table)} disagreements are recorded. The book keeps both values and the "
             "checks in the chapters and tests fail if either changes.", ""]
    for row in table.itertuples(index=False):
        diff = "" if row.difference is None or str(row.difference) in ("<NA>", "nan") \
            else f" Difference: {_fmt(row.difference)}."
        parts.append(f"- **{row.exhibit}** (`{row.id}`): {_sentence(row.description)} "
                     f"Printed: {_fmt(row.value_a)} ({row.where_a}); against: "
                     f"{_fmt(row.value_b)} ({row.where_b}).{diff}")
    parts += ["", "## How the figures were transcribed", ""]
    current = None
    for name in data.names():
        meta = data.metadata(name)
        decisions = meta.get("notes", [])
        if not decisions:
            continue
        topic = _topic(name)
        if topic != current:
            parts += [f"### {SECTION_TITLES.get(topic, topic.title())}", ""]
            current = topic
        parts.append(f"**{meta['title']}** (`{name}`)")
        parts += [""] + [f"- {_cell(n)}" for n in decisions] + [""]
    return Markdown("\n".join(parts))
