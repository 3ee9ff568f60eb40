"""bookkit.markup: text from data stays text in every place the package puts it.

Each payload is put through the package's helpers and parsed by the same MyST parser the
book uses (with the book's extensions); the parsed document must hold the payload as plain
text, with no HTML, role, substitution, link, emphasis or extra block.
"""
import io
import re

import pytest
from docutils import nodes
from docutils.core import publish_doctree
from myst_parser.parsers.docutils_ import Parser

from bookkit.markup import (MyST, cell, code, directive, download, escape, lines, myst, output,
                            target_name)

PAYLOADS = {
    "script": "<script>alert(1)</script>",
    "image": "<img src=x onerror=alert(1)>",
    "html block": "<div onclick=alert(1)>\n\n<b>bold</b>",
    "substitution": "{{ x }} and {{x}}",
    "role": "{download}`f <x.csv>` {raw}`<i>x</i>`",
    "pipe": "a | b || c",
    "emphasis": "*em* _u_ **strong** ~~s~~",
    "link": "[click](javascript:alert(1)) <http://example.org> ![i](x.png)",
    "entity": "&lt;script&gt; &amp; &#60;",
    "code": "`code` ``two``",
    "math": "$x$ $$y$$",
    "backslash": "C:\\path\\ end\\",
    "new block": "first\n# heading\n```{raw} html\n<script>alert(1)</script>\n```\n- item",
    "table row": "x |\n| --- |\n| y",
    "directive end": "~~~~\n```\n:::",
    "target": "(label)= [^1] ^ %",
}


def doctree(markup: str) -> nodes.document:
    return publish_doctree(markup, parser=Parser(), settings_overrides={
        "myst_enable_extensions": ["colon_fence", "deflist", "substitution"],
        "warning_stream": io.StringIO(), "report_level": 1})


def inline(text: str) -> str:
    """What the reader should see: the payload, line breaks as spaces."""
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def assert_only_text(tree: nodes.Node, where: str) -> None:
    unwanted = (nodes.raw, nodes.reference, nodes.emphasis, nodes.strong, nodes.literal,
                nodes.substitution_reference, nodes.system_message, nodes.image, nodes.target,
                nodes.math, nodes.problematic, nodes.footnote_reference, nodes.literal_block)
    found = [type(n).__name__ for n in tree.findall() if isinstance(n, unwanted)]
    assert not found, f"{where}: parsed into {found}"


@pytest.mark.parametrize("kind", PAYLOADS)
def test_a_value_in_a_paragraph_is_text(kind):
    tree = doctree(myst("Value: {}", PAYLOADS[kind]))
    assert_only_text(tree, kind)
    paragraphs = list(tree.findall(nodes.paragraph))
    assert len(paragraphs) == 1 and paragraphs[0].astext() == "Value: " + inline(PAYLOADS[kind])


@pytest.mark.parametrize("kind", PAYLOADS)
def test_a_value_in_a_table_cell_is_text(kind):
    table = lines([MyST("| a | b |"), MyST("|--|--|"),
                   myst("| {} | {} |", cell(PAYLOADS[kind]), cell("end"))])
    tree = doctree(table)
    assert_only_text(tree, kind)
    entries = [e.astext() for e in tree.findall(nodes.entry)]
    assert entries == ["a", "b", inline(PAYLOADS[kind]), "end"]


@pytest.mark.parametrize("kind", PAYLOADS)
def test_a_value_in_a_heading_list_and_directive_title_is_text(kind):
    value = PAYLOADS[kind]
    markup = lines([myst("# {}", value), MyST(""), myst("- **Item:** {}", value), MyST(""),
                    directive("admonition", value, {"class": "warning"}, myst("- {}", value))])
    tree = doctree(markup)
    title, *_ = tree.findall(nodes.title)
    assert title.astext() == inline(value)
    items = [i.astext() for i in tree.findall(nodes.list_item)]
    assert items == ["Item: " + inline(value), inline(value)]
    admonition, = tree.findall(nodes.admonition)
    assert admonition[0].astext() == inline(value)
    assert not list(tree.findall(nodes.raw)) and not list(tree.findall(nodes.system_message))


@pytest.mark.parametrize("value", ["plain", "a`b", "``x``", "`", "a|b", "<script>"])
def test_code_shows_its_value_in_and_out_of_tables(value):
    tree = doctree(lines([myst("Name {}", code(value)), MyST(""), MyST("| a |"), MyST("|--|"),
                          myst("| {} |", cell(code(value)))]))
    literals = [n.astext() for n in tree.findall(nodes.literal)]
    assert literals == [value, value]


def test_joining_trusted_markup_with_plain_text_escapes_the_text():
    assert MyST("**") + "<b>" + MyST("**") == "**\\<b\\>**"
    assert "<b>" + MyST("*") == "\\<b\\>*"
    assert MyST(", ").join(["*a*", MyST("*b*")]) == "\\*a\\*, *b*"
    assert myst("{:,}", 1234) == "1\\,234"


def test_string_methods_drop_trust_and_output_refuses_plain_strings():
    assert type(MyST("**x**").replace("x", "<script>")) is str
    with pytest.raises(TypeError, match="plain str"):
        output("<script>alert(1)</script>")
    assert output(myst("{}", "<b>")).data == "\\<b\\>"


@pytest.mark.parametrize("target", ["/data/x`y.csv", "/data/../secret", "data/a b.csv",
                                    "/data/x.csv>`{raw}", "http://example.org/x.csv", "a\nb"])
def test_download_targets_that_could_escape_the_role_are_refused(target):
    with pytest.raises(ValueError, match="download target"):
        download("Download", target)


def test_download_labels_and_targets_that_are_safe_pass():
    assert download("download CSV", "/data/geo/x_y-1.csv") == \
        "{download}`download CSV </data/geo/x_y-1.csv>`"
    with pytest.raises(ValueError, match="download label"):
        download("a `b`", "/data/x.csv")


@pytest.mark.parametrize("name,options", [("tbl-x\n:class: x", {}), ("tbl x", {}),
                                          ("table", {"class": "a\n:name: b"}),
                                          ("table", {"name": "x` <y>"})])
def test_directive_names_and_option_values_are_checked(name, options):
    with pytest.raises(ValueError):
        directive(name, "caption", options)
    with pytest.raises(ValueError):
        target_name(name + "`")


def test_markup_values_take_no_format_specification():
    with pytest.raises(ValueError, match="format specification"):
        myst("{:>5}", MyST("*x*"))


def test_escape_keeps_trusted_markup_and_escapes_everything_else():
    assert escape(MyST("*x*")) == "*x*"
    assert escape(12.5) == "12\\.5"
    assert escape("line one\r\n  line two") == "line one line two"


def test_raw_html_takes_only_escaped_html_on_one_line():
    from markupsafe import Markup

    from bookkit.markup import raw_html

    with pytest.raises(TypeError, match="markupsafe.Markup"):
        raw_html("<p>plain</p>")
    block = raw_html(Markup("<p>{}</p>").format("<script>\n~~~~\n{download}`x <y>`"))
    assert block.splitlines() == [
        "~~~~{raw} html", "",
        "<p>&lt;script&gt; ~~~~ {download}`x &lt;y&gt;`</p>", "~~~~"]
