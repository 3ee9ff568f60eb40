"""Unit tests of the editions extension (bookbuild/editions.py): the parts that need no build."""
from types import SimpleNamespace

from docutils import nodes
from sphinx import addnodes

from bookbuild import editions


def test_pdf_metadata_are_plain_strings_with_tex_specials_escaped():
    config = SimpleNamespace(project="Trade & migration", author="A. Author",
                             bookkit_subject="100% data_sets", bookkit_keywords=["China", "Kazakhstan"],
                             language="en")
    preamble = editions.pdf_metadata_preamble(config)
    assert "pdftitle={Trade \\& migration}" in preamble
    assert "pdfsubject={100\\% data\\_sets}" in preamble
    assert "pdfkeywords={China, Kazakhstan}" in preamble and "pdflang={en}" in preamble


def _footer_paragraph():
    """A table footer as MyST parses it: note, hard line break, download link."""
    link = addnodes.download_reference("", "", nodes.literal("", "Download the data (CSV)"),
                                       reftarget="/data/x.csv", filename="abc123/x.csv")
    return nodes.paragraph("", "", nodes.Text("Source: an agency"),
                           nodes.raw("", "<br />\n", format="html"),
                           nodes.raw("", "\\\\\n", format="latex"), link)


def test_download_link_is_left_out_with_its_line_break():
    paragraph = _footer_paragraph()
    editions._remove_with_line_break(paragraph[-1])
    assert [type(n) for n in paragraph] == [nodes.Text]
    assert paragraph.astext() == "Source: an agency"


def test_a_paragraph_holding_only_the_link_goes_too():
    section = nodes.section("", nodes.paragraph("", "", addnodes.download_reference("", "zip")))
    editions._remove_with_line_break(section[0][0])
    assert len(section) == 0


def test_cover_is_a_tall_png(tmp_path):
    from PIL import Image

    cover = tmp_path / "cover.png"
    editions.draw_cover(cover, "A title: with a subtitle", "The editors")
    assert Image.open(cover).size == (1600, 2400)
