// Draws the charts of a page, lazily. This small script is served on its own (deferred);
// the Vega/Vega-Lite/Vega-Embed bundle (~900 KB, see bookbuild/extension.py), and each large chart
// specification (bookbuild/site/chart_specs.py), are fetched only on
// pages that have charts, when the first chart nears the screen, so it never delays the first
// paint. Each chart is drawn, one at a time in idle periods, when it nears the screen.
(function () {
  "use strict";
  var BUNDLE = "__BOOKKIT_BUNDLE__";  // replaced by bookbuild/extension.py
  var DARK_COLOURS = __BOOKKIT_DARK__;  // the house colours' dark variants (bookkit/theme.py)
  var NARROW = 520;  // px of drawing room under which panels stack and long labels wrap
  var charts = Array.prototype.slice.call(document.querySelectorAll(".bookkit-chart"));
  if (!charts.length) return;
  var script = document.currentScript;
  var bundleUrl = new URL(BUNDLE, script ? script.src : document.baseURI).href;
  var embed = null, requested = false, queue = [], busy = false;
  var idle = window.requestIdleCallback
    ? function (fn) { window.requestIdleCallback(fn, { timeout: 500 }); }
    : function (fn) { setTimeout(fn, 1); };

  function loadBundle() {
    if (requested) return;
    requested = true;
    document.addEventListener("bookkit:vega-ready", function (event) {
      embed = event.detail;
      pump();
    }, { once: true });
    var tag = document.createElement("script");
    tag.src = bundleUrl;
    tag.async = true;
    tag.onerror = function () {
      charts.forEach(function (chart) { fail(chart, new Error("the chart library did not load")); });
    };
    document.head.appendChild(tag);
  }

  function fail(chart, error) {
    if (chart.dataset.state === "rendered") return;
    chart.dataset.state = "error";
    var view = chart.querySelector(".bookkit-chart__view");
    if (view) view.textContent = "This chart could not be drawn: " + error.message;
    console.error(error);
  }

  function enqueue(chart, urgent) {
    if (chart.dataset.state || queue.indexOf(chart) >= 0) return;
    if (urgent) queue.unshift(chart); else queue.push(chart);
    loadBundle();
    pump();
  }

  function pump() {
    if (!embed || busy || !queue.length) return;
    busy = true;
    idle(function () {
      var chart = queue.shift();
      draw(chart).then(function () { busy = false; pump(); });
    });
  }

  // A large specification lives in _static/chart-specs/<id>.js (bookbuild/site/chart_specs.py), a
  // script that hands it over through an event; a small one is inline JSON.
  var specWaiters = {};
  document.addEventListener("bookkit:chart-spec", function (event) {
    var waiter = specWaiters[event.detail.id];
    if (waiter) waiter.resolve(event.detail.spec);
  });

  function specOf(specNode) {
    var id = specNode.getAttribute("data-spec");
    if (!id) {
      try { return Promise.resolve(JSON.parse(specNode.textContent)); }
      catch (error) { return Promise.reject(error); }
    }
    if (!specWaiters[id]) {
      var waiter = specWaiters[id] = {};
      waiter.promise = new Promise(function (resolve, reject) {
        waiter.resolve = resolve;
        var tag = document.createElement("script");
        tag.src = new URL("chart-specs/" + id + ".js", bundleUrl).href;
        tag.async = true;
        tag.onerror = function () { reject(new Error("the chart's data did not load")); };
        document.head.appendChild(tag);
      });
    }
    return specWaiters[id].promise;
  }

  // --- laying a chart out for the room it gets -------------------------------------------
  // The specification is the chart's screen layout (bookkit/charts.py: no drawn title block,
  // no text under 11 px). Its views' widths are scaled so that the drawing fills the column,
  // never shrunk as a picture; under NARROW px side-by-side panels stack and long category
  // labels wrap. Widths are found by drawing off screen twice (the drawn width is linear in
  // the scale of the views' widths).
  function clone(value) { return JSON.parse(JSON.stringify(value)); }

  function walk(node, visit) {
    if (Array.isArray(node)) { node.forEach(function (child) { walk(child, visit); }); return; }
    if (!node || typeof node !== "object") return;
    visit(node);
    Object.keys(node).forEach(function (key) {
      if (key !== "data" && key !== "datasets" && key !== "values") walk(node[key], visit);
    });
  }

  function isView(node) { return node.mark !== undefined || node.layer !== undefined; }

  function stack(spec) {
    walk(spec, function (node) {
      if (node.hconcat) { node.vconcat = node.hconcat; delete node.hconcat; }
      if (node.concat) node.columns = 1;
      if (node.facet && node.facet.column && !node.facet.row) {
        node.facet.row = node.facet.column; delete node.facet.column;
      }
      if (node.columns) node.columns = 1;
      if (node.encoding && node.encoding.column && !node.encoding.row) {
        node.encoding.row = node.encoding.column; delete node.encoding.column;
      }
    });
  }

  // Layers whose mark has the style "wide-only" (context such as a map's country names, see
  // bookkit/maps.py) are left out under NARROW px, where they would be written over the data.
  function wideOnly(child) {
    var style = child.mark && child.mark.style;
    return [].concat(style || []).indexOf("wide-only") >= 0;
  }
  function dropWideOnly(spec) {
    walk(spec, function (node) {
      if (Array.isArray(node.layer)) {
        node.layer = node.layer.filter(function (child) { return !wideOnly(child); });
      }
    });
  }

  function wrapLabels(spec, room) {
    var chars = Math.max(12, Math.floor(room * 0.4 / 6));
    var titleChars = Math.max(20, Math.floor(room * 0.6 / 6));
    walk(spec, function (node) {
      if (!node.encoding) return;
      // A long axis title would hold the drawing wider than the plot: it goes on more lines.
      ["x", "y"].forEach(function (channel) {
        var def = node.encoding[channel];
        if (def && typeof def.title === "string" && def.title.length > titleChars) {
          def.title = [].concat(wrapText(def.title, titleChars));
        }
      });
      if (!node.encoding.y) return;
      var y = node.encoding.y;
      if ((y.type !== "nominal" && y.type !== "ordinal") || y.axis === null) return;
      y.axis = Object.assign({}, y.axis || {}, {
        labelExpr: "bookkitWrap(datum.label, " + chars + ")",
        labelLimit: Math.round(room * 0.42),
      });
    });
  }

  function wrapText(text, chars) {
    var words = String(text).split(/\s+/), lines = [], line = "";
    words.forEach(function (word) {
      if (line && (line + " " + word).length > chars) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    });
    if (line) lines.push(line);
    return lines.length > 1 ? lines : lines[0] || "";
  }

  // Scale the width of each view (the outermost one of a layer; the panels of a concat or
  // a facet); a view with no width of its own starts from the house width.
  function scaled(spec, k) {
    var copy = clone(spec);
    var base = (copy.config && copy.config.view && copy.config.view.continuousWidth) || 560;
    (function scale(node) {
      if (!node || typeof node !== "object") return;
      if (isView(node)) {
        var width = typeof node.width === "number" ? node.width : base;
        node.width = Math.max(40, Math.round(width * k));
        return;
      }
      ["hconcat", "vconcat", "concat"].forEach(function (key) {
        if (Array.isArray(node[key])) node[key].forEach(scale);
      });
      if (node.spec) scale(node.spec);
    })(copy);
    return copy;
  }

  var EXPRESSIONS = { bookkitWrap: wrapText };

  // A tooltip lists what the report gives for a mark: a field it leaves blank (which Vega-Lite
  // prints as "null" or "NaN") is left out of that mark's tooltip.
  function isBlank(value) {
    return value === null || value === undefined || value === "" || value === "null" ||
      value === "NaN" || value === "undefined" || (typeof value === "number" && isNaN(value));
  }
  function readableTooltip(value, sanitize) {
    if (!value || typeof value !== "object" || Array.isArray(value)) return sanitize(String(value));
    var html = value.title ? "<h2>" + sanitize(value.title) + "</h2>" : "", rows = "";
    Object.keys(value).forEach(function (key) {
      if (key === "title" || key === "image" || isBlank(value[key])) return;
      var shown = typeof value[key] === "object" ? JSON.stringify(value[key]) : value[key];
      rows += '<tr><td class="key">' + sanitize(key) + '</td><td class="value">' +
        sanitize(shown) + "</td></tr>";
    });
    return html + (rows ? "<table>" + rows + "</table>" : "");
  }

  function drawnWidth(spec) {
    var scratch = document.createElement("div");  // never attached: nothing is painted
    return embed(scratch, spec, { renderer: "svg", actions: false, tooltip: false,
                                  expressionFunctions: EXPRESSIONS, logLevel: 0 })
      .then(function (result) {
        var svg = scratch.querySelector("svg");
        var width = svg ? parseFloat(svg.getAttribute("width")) : 0;
        result.finalize();
        return width;
      });
  }

  // Under NARROW px legends list their entries one under another, and the labels of a
  // facet's rows go above each row instead of taking width at its left.
  function narrowLegends(spec, room) {
    // A legend under or over the plot starts where the plot does, right of the axis labels.
    var legend = { direction: "vertical", columns: 1, labelLimit: Math.round(room * 0.6),
                   labelExpr: "bookkitWrap(datum.label, " + Math.max(14, Math.floor(room * 0.55 / 6.2)) + ")" };
    spec.config = spec.config || {};
    spec.config.legend = Object.assign({}, spec.config.legend, legend);
    var header = { labelOrient: "top", labelAngle: 0, labelAlign: "left", labelAnchor: "start",
                   labelLimit: Math.round(room) };
    walk(spec, function (node) {
      if (node.encoding) {
        Object.keys(node.encoding).forEach(function (channel) {
          var def = node.encoding[channel];
          if (def && def.legend) def.legend = Object.assign({}, def.legend, legend);
        });
        if (node.encoding.row) node.encoding.row.header = Object.assign({}, node.encoding.row.header, header);
      }
      if (node.facet && node.facet.row) node.facet.row.header = Object.assign({}, node.facet.row.header, header);
    });
  }

  // The drawn width grows with the scale k of the views' widths, linearly once the views (not
  // a legend or a title) are the widest part: secant steps from k = 1 and k = 1.5 find the
  // k that fills the room.
  // Three layouts, tried in turn until one fits the room: the chart as designed; with its
  // legends and facet row labels stacked; and (always under NARROW px) with its panels
  // stacked and long labels wrapped as well.
  function laidOut(spec, room, level) {
    if (level === undefined) level = room < NARROW ? 2 : 0;
    var layout = clone(spec);
    if (level >= 1) narrowLegends(layout, room);
    if (level >= 2) { stack(layout); wrapLabels(layout, room); dropWideOnly(layout); }
    var tried = [];
    function at(k) {
      return drawnWidth(scaled(layout, k)).then(function (w) { tried.push([k, w]); return [k, w]; });
    }
    function step(a, b, left) {
      var slope = (b[1] - a[1]) / (b[0] - a[0]);
      if (!(slope > 0.5) || left === 0) return Promise.resolve();
      var k = Math.max(0.2, Math.min(3, b[0] + (room - 2 - b[1]) / slope));
      return at(k).then(function (c) {
        if (c[1] <= room && room - c[1] <= 8) return;
        return step(b, c, left - 1);
      });
    }
    return Promise.all([at(1), at(1.5)]).then(function (points) {
      return step(points[0], points[1], 3);
    }).then(function () {
      var fits = tried.filter(function (t) { return t[1] <= room; });
      if (!fits.length && level < 2) return laidOut(spec, room, level + 1);
      // The widest layout that fits; if none does, the narrowest tried.
      var best = fits.length ? fits.reduce(function (a, b) { return b[1] > a[1] ? b : a; })
                             : tried.reduce(function (a, b) { return b[1] < a[1] ? b : a; });
      var result = scaled(layout, best[0]);
      result.usermeta = Object.assign({}, result.usermeta, {
        bookkitFit: { room: room, level: level,
                      tried: tried.map(function (t) { return [+t[0].toFixed(3), t[1]]; }) },
      });
      return result;
    });
  }

  // --- dark pages: the same chart in the house style's dark variant --------------------------
  function isDark() { return document.documentElement.dataset.theme === "dark"; }

  function darkened(spec) {
    var copy = clone(spec);
    (function recolour(node) {
      if (Array.isArray(node)) { node.forEach(function (v, i) { node[i] = recolour(v); }); return node; }
      if (node && typeof node === "object") {
        Object.keys(node).forEach(function (key) {
          if (key !== "data" && key !== "datasets" && key !== "values") node[key] = recolour(node[key]);
        });
        return node;
      }
      if (typeof node === "string" && DARK_COLOURS[node.toLowerCase()] !== undefined) {
        return DARK_COLOURS[node.toLowerCase()];
      }
      return node;
    })(copy);
    return copy;
  }

  // --- exact values by touch: a tap shows what hovering shows (vega/vega#3893) -------------
  var tipHiders = [];
  function tapTooltips(result) {
    var view = result.view, tooltip = view.tooltip();
    if (!tooltip) return;
    function show(event, item) {
      var value = item && item.tooltip !== undefined ? item.tooltip : null;
      tooltip.call(view, view._handler, event, item, value);
    }
    view.addEventListener("click", function (event, item) { show(event, item); });
    tipHiders.push(function (event) { show(event, null); });
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".bookkit-chart__view svg")) return;
    tipHiders.forEach(function (hide) { hide(event); });
  });

  function draw(chart) {
    var specNode = chart.querySelector("script.bookkit-chart__spec");
    var view = chart.querySelector(".bookkit-chart__view");
    if (!specNode || !view || chart.dataset.state === "loading") return Promise.resolve();
    var first = !chart.dataset.state;
    chart.dataset.state = "loading";
    // The placeholder carries the text alternative as role="img"; once drawn, the SVG does,
    // and the container (which then holds the export menu) is no longer an image.
    var description = chart.dataset.description || view.getAttribute("aria-label") || "";
    chart.dataset.description = description;
    var room = Math.max(200, view.clientWidth - 38);  // vega-embed keeps 38 px for its menu
    var options = {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
      downloadFileName: chart.id.replace(/^chart-/, ""),
      scaleFactor: { png: 2 },
      expressionFunctions: EXPRESSIONS,
      tooltip: { formatTooltip: readableTooltip },
    };
    return specOf(specNode).then(function (spec) {
      return laidOut(isDark() ? darkened(spec) : spec, room);
    }).then(function (spec) {
      if (!first) view.style.minHeight = view.offsetHeight + "px";  // no jump while redrawn
      if (chart.bookkitResult) chart.bookkitResult.finalize();
      return embed(view, spec, options);
    }).then(function (result) {
      chart.bookkitResult = result;
      chart.dataset.room = String(room);
      chart.dataset.dark = String(isDark());
      tapTooltips(result);
      view.removeAttribute("role");
      view.removeAttribute("aria-label");
      var svg = view.querySelector("svg");
      if (svg) {
        svg.querySelectorAll("[role], [aria-label], [aria-roledescription]").forEach(function (node) {
          node.removeAttribute("role");
          node.removeAttribute("aria-label");
          node.removeAttribute("aria-roledescription");
        });
        svg.setAttribute("role", "img");
        svg.setAttribute("aria-label", description);
        svg.removeAttribute("aria-roledescription");
      }
      var summary = view.querySelector("details > summary");
      if (summary) {
        summary.setAttribute("aria-label", "Chart menu: save as SVG or PNG");
        summary.parentNode.removeAttribute("title");
      }
      view.style.minHeight = "";
      chart.dataset.state = "rendered";
      // The drawn view, for a page's own script (static/js/explore.js sets its menu's choice).
      chart.dispatchEvent(new CustomEvent("bookkit:chart-drawn", { detail: { view: result.view } }));
    }).catch(function (error) { fail(chart, error); });
  }

  // Drawn charts are laid out again when their room changes (a turned phone, a resized
  // window, the sidebar toggled) or the page turns dark or light.
  function redrawChanged() {
    charts.forEach(function (chart) {
      if (chart.dataset.state !== "rendered") return;
      var view = chart.querySelector(".bookkit-chart__view");
      var room = Math.max(200, view.clientWidth - 38);
      var was = parseFloat(chart.dataset.room || "0");
      var crossed = (room < NARROW) !== (was < NARROW);
      if (crossed || Math.abs(room - was) > 24 || chart.dataset.dark !== String(isDark())) {
        queue.push(chart);
      }
    });
    pump();
  }
  var resizeTimer = null;
  window.addEventListener("resize", function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(redrawChanged, 200);
  });
  new MutationObserver(redrawChanged).observe(document.documentElement,
    { attributes: true, attributeFilter: ["data-theme"] });

  // Printing waits for nothing but promise jobs (no timers, no downloads): so once the page
  // has loaded, the chart library and every chart's data are fetched (not drawn), and when
  // the reader prints, every chart not yet drawn is drawn there and then.
  function prefetch() {
    loadBundle();
    charts.forEach(function (chart) {
      var node = chart.querySelector("script.bookkit-chart__spec");
      if (node) specOf(node).catch(function () {});
    });
  }
  function drawForPrint() {
    if (!embed) return;
    var chain = Promise.resolve();
    charts.forEach(function (chart) {
      if (chart.dataset.state) return;
      var at = queue.indexOf(chart);
      if (at >= 0) queue.splice(at, 1);
      chain = chain.then(function () { return draw(chart); });
    });
  }

  // Charts are drawn as they come within 400 px of the screen, so a reader who never scrolls
  // to a chart never pays for drawing it; the first paint and the page's main thread stay free.
  function drawAll() { charts.forEach(function (c) { enqueue(c, false); }); }
  if ("IntersectionObserver" in window) {
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          enqueue(entry.target, true);
        }
      });
    }, { rootMargin: "400px 0px" });
    charts.forEach(function (chart) { observer.observe(chart); });
    window.addEventListener("load", function () { idle(prefetch); }, { once: true });
    window.addEventListener("beforeprint", drawForPrint);
  } else if (document.readyState === "complete") {
    idle(drawAll);
  } else {
    window.addEventListener("load", function () { idle(drawAll); }, { once: true });
  }
})();
