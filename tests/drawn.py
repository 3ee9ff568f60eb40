"""What the built site's charts draw: for every mark of every chart, the values of the fields
its position, size or angle encode, read from a real Vega view in Chromium (the site's own
bundle), with the texts of the row each mark stands for."""
import html
import json
import re
from pathlib import Path

from test_site import SITE

_CHART = re.compile(r'<div class="bookkit-chart" id="chart-([^"]+)".*?'
                    r'<script type="application/json" class="bookkit-chart__spec"'
                    r'( data-spec="(\w+)")?>(.*?)</script>', re.S)


def site_specs(site: Path = SITE) -> dict[str, dict]:
    """Each chart's specification as the site draws it, by chart name."""
    specs = {}
    for page in sorted(site.glob("**/*.html")):
        for name, _, ref, body in _CHART.findall(page.read_text(encoding="utf-8")):
            if ref:  # a large specification, moved to its own file by bookbuild/site/chart_specs.py
                text = (site / "_static" / "chart-specs" / f"{ref}.js").read_text(encoding="utf-8")
                body = text[text.index("spec: ") + 6: text.rindex("} }));")]
            specs[name] = json.loads(html.unescape(body) if not ref else body)
    return specs


# Channels that place or size a mark; text marks are left out (a label could be right
# while the bar under it is wrong).
_EXTRACT = """async ([bundle, specs]) => {
  const embed = await new Promise(resolve => {
    document.addEventListener('bookkit:vega-ready', e => resolve(e.detail), {once: true});
    const tag = document.createElement('script'); tag.src = bundle; document.head.appendChild(tag);
  });
  const CHANNELS = [['x', 'x2'], ['y', 'y2'], ['theta', 'theta2'], ['size'], ['radius'], ['width'], ['height']];
  const out = {};
  for (const [name, spec] of Object.entries(specs)) {
    const div = document.createElement('div'); document.body.appendChild(div);
    const result = await embed(div, spec, {renderer: 'none', actions: false});
    const fieldsOf = {};
    (function walk(marks) {
      for (const mark of marks || []) {
        const update = (mark.encode && mark.encode.update) || {};
        const field = ch => { let e = update[ch]; if (Array.isArray(e)) e = e[e.length - 1];
                              return e && typeof e.field === 'string' ? e.field : null; };
        if (mark.type !== 'text' && mark.type !== 'group') fieldsOf[mark.name] = CHANNELS.map(pair => pair.map(field));
        walk(mark.marks);
      }
    })(result.vgSpec.marks);
    const marks = [];
    (function walk(node) {
      if (node.marktype && fieldsOf[node.name]) {
        for (const item of node.items || []) {
          if (!item.datum) continue;
          const values = [];
          for (const [a, b] of fieldsOf[node.name]) {
            const va = a ? item.datum[a] : undefined, vb = b ? item.datum[b] : undefined;
            if (typeof va === 'number') values.push(va);
            if (typeof vb === 'number') values.push(vb);
            if (typeof va === 'number' && typeof vb === 'number') values.push(Math.abs(va - vb));
          }
          const texts = Object.values(item.datum).filter(v => typeof v === 'string' || typeof v === 'number').map(String);
          marks.push({values, texts});
        }
      }
      for (const child of node.items || []) if (child && (child.items || child.marktype)) walk(child);
    })(result.view.scenegraph().root);
    out[name] = marks;
    result.finalize(); div.remove();
  }
  return out;
}"""


def drawn_marks(browser, site_url: str, specs: dict[str, dict]) -> dict[str, list[dict]]:
    page = browser.new_page()
    page.goto(site_url + "index.html", wait_until="load")
    marks = page.evaluate(_EXTRACT, [site_url + "_static/vega-charts.js", specs])
    page.close()
    return marks
