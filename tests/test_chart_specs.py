"""Large chart specifications move from the pages to cached script files (bookbuild.site.chart_specs)."""
import json
import re

import pytest

from bookbuild.site import chart_specs

SMALL = {"mark": "bar", "data": {"values": [{"a": 1}]}}
LARGE = {"mark": "line", "data": {"values": [{"year": y, "value": y * 3} for y in range(400)]},
         "title": "Crossings </script> and more"}


def _spec_tag(spec):
    body = json.dumps(spec, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" class="bookkit-chart__spec">{body}</script>'


def _site(tmp_path):
    (tmp_path / "chapters").mkdir()
    page = tmp_path / "chapters" / "one.html"
    page.write_text(f"<html><body>{_spec_tag(SMALL)}<p>text</p>{_spec_tag(LARGE)}</body></html>")
    return page


def test_large_specs_leave_the_page_and_small_ones_stay(tmp_path):
    page = _site(tmp_path)
    result = chart_specs.externalize(tmp_path, threshold=2000)
    html = page.read_text()
    assert result["moved"] == 1
    assert _spec_tag(SMALL) in html
    ids = re.findall(r'data-spec="(\w+)"', html)
    assert len(ids) == 1 and '"line"' not in html


def test_the_script_file_hands_over_the_same_specification(tmp_path):
    page = _site(tmp_path)
    chart_specs.externalize(tmp_path, threshold=2000)
    spec_id = re.search(r'data-spec="(\w+)"', page.read_text()).group(1)
    script = (tmp_path / chart_specs.FOLDER / f"{spec_id}.js").read_text()
    match = re.fullmatch(r'document\.dispatchEvent\(new CustomEvent\("bookkit:chart-spec", '
                         r'\{ detail: \{ id: "(\w+)", spec: (.*) \} \}\)\);\n', script, re.S)
    assert match and match.group(1) == spec_id
    assert json.loads(match.group(2)) == LARGE


def test_running_again_changes_nothing(tmp_path):
    page = _site(tmp_path)
    chart_specs.externalize(tmp_path, threshold=2000)
    before = page.read_text()
    assert chart_specs.externalize(tmp_path, threshold=2000)["moved"] == 0
    assert page.read_text() == before


def test_a_broken_specification_names_its_page(tmp_path):
    page = _site(tmp_path)
    page.write_text(page.read_text().replace('"line"', '"line'))
    with pytest.raises(chart_specs.ChartSpecError, match=r"chapters/one\.html"):
        chart_specs.externalize(tmp_path, threshold=2000)
