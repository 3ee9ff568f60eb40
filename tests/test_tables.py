"""Numbered tables render as MyST tables with caption, label, source and download link."""
import re

import pandas as pd

from bookkit import fmt_number, load, table


def test_fmt_number():
    assert fmt_number(15347) == "15,347"
    assert fmt_number(203520.6) == "203,520.6"
    assert fmt_number(pd.NA) == ""
    assert fmt_number("82,411*") == "82,411*"


def test_table_markdown(small_package):
    frame = load("crossings").pivot(index="year", columns="purpose", values="persons").reset_index()
    md = table(frame, dataset="crossings", name="tbl-test").markdown()
    lines = md.splitlines()
    assert "```{tabularcolumns} LRR" in lines  # right-aligned figures in the PDF too
    # The PDF keeps the table, its source and notes on one page.
    assert lines[0] == "```{raw} latex" and lines[1].startswith("\\needspace{")
    assert "~~~~{table} Test crossings" in lines
    assert ":name: tbl-test" in lines
    assert "| 2000 | – | 486 |" in md  # a blank is a dash, the year unformatted
    assert "| 2001 | – | 26\\,149 |" in md  # the comma escaped, as all punctuation
    assert "– not given in the report" in md  # the dash explained once
    assert "Source: Test Agency\\, via the report \\(Table 9\\.9\\)" in md
    assert "{download}`Download the data (CSV) </data/crossings.csv>`" in md


def test_table_escapes_markdown_characters(small_package):
    frame = pd.DataFrame({"label": ["a|b"], "value": ["82,411*"]})
    md = table(frame, dataset="crossings", name="tbl-esc",
               titles={"label": "Label", "value": "Value"}).markdown()
    # The row splitter takes one backslash from before the pipe; the other escapes it.
    assert "| a\\\\|b | 82\\,411\\* |" in md


def test_wide_text_tables_get_column_widths_for_print(small_package):
    wide = pd.DataFrame({"Indicator": ["Urban population, share of the total population"],
                         "Kazakhstan": ["55.2 % (1 October 2014), as printed in the report"],
                         "China": ["54.77 % (2014), with the year given in a note below"]})
    md = table(wide, dataset="crossings", name="tbl-wide").markdown()
    widths = [int(w) for w in md.split(":widths: ")[1].split("\n")[0].split()]
    assert len(widths) == 3 and sum(widths) <= 100
    assert max(widths) - min(widths) <= 3  # three columns of long text share the page


def test_columns_of_figures_keep_room_for_their_widest_figure(small_package):
    wide = pd.DataFrame({"Company": ["PetroKazakhstan", "CNPC-Aktobemunaigaz"],
                         "Activity": ["vertically integrated oil and gas group: exploration, "
                                      "field development, production, refining and sales"] * 2,
                         "Where": ["Kyzylorda and South Kazakhstan regions, and others"] * 2,
                         "Shareholders named": ["JSC National Company KazMunaiGaz and, "
                                                "indirectly, CNPC"] * 2,
                         "CNPC stake": [85.42, None]})
    md = table(wide, dataset="crossings", name="tbl-oil").markdown()
    widths = [int(w) for w in md.split(":widths: ")[1].split("\n")[0].split()]
    for column, width in zip(wide.columns, widths):
        longest_word = max(len(w) for text in [column, *map(str, wide[column])]
                           for w in text.split())
        assert width > min(longest_word, len("CNPC-Aktobemunaigaz")), column
    assert sum(widths) <= 100


def test_narrow_tables_keep_natural_widths(small_package):
    narrow = pd.DataFrame({"Year": [2000], "Persons": [15347]})
    assert ":widths:" not in table(narrow, dataset="crossings", name="tbl-n").markdown()


def test_every_column_and_cell_reaches_the_table(small_package):
    frame = pd.DataFrame({"Region": ["North", "South"], "Persons": [15347, 2],
                          "Share": [10.5, 20.0], "Note": ["first", "second"]})
    md = table(frame, dataset="crossings", name="tbl-all").markdown()
    rows = [line for line in md.splitlines() if line.startswith("|")]
    cells = [[re.sub(r"\\(.)", r"\1", c.strip()) for c in re.split(r"(?<!\\)\|", row)[1:-1]]
             for row in rows]  # as the reader sees them: Markdown's backslash escapes undone
    assert [len(row) for row in cells] == [4, 4, 4, 4]
    assert cells[0] == ["Region", "Persons", "Share", "Note"]
    assert cells[2] == ["North", "15,347", "10.5", "first"]
    assert cells[3] == ["South", "2", "20", "second"]


def test_wide_tables_are_ragged_in_print_with_figures_right_aligned(small_package):
    wide = pd.DataFrame({"Indicator": ["Urban population, share of the total population"],
                         "Kazakhstan": ["55.2 % (1 October 2014), as printed in the report"],
                         "China": ["54.77 % (2014), with the year given in a note below"],
                         "Investment": ["23,888 (a)"]})
    md = table(wide, dataset="crossings", name="tbl-wide").markdown()
    assert ":widths:" in md
    spec = next(line for line in md.splitlines() if line.startswith("```{tabularcolumns}"))
    columns = spec.removeprefix("```{tabularcolumns} ").split(">")[1:]
    assert [c.split("\\arraybackslash")[0] for c in columns] == [
        "{\\raggedright", "{\\raggedright", "{\\raggedright", "{\\raggedleft"]  # never justified
