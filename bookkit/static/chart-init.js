// Draws the charts of a page, lazily. This small script is served on its own (deferred);
// the Vega/Vega-Lite/Vega-Embed bundle (~900 KB, see bookkit/sphinx_ext.py), and each large chart
// specification (bookkit/chart_specs.py), are fetched only on
// pages that have charts, when the first chart nears the screen, so it never delays the first
// paint. Each chart is drawn, one at a time in idle periods, when it nears the screen.
(function () {
  "use strict";
  var BUNDLE = "__BOOKKIT_BUNDLE__";  // replaced by bookkit/sphinx_ext.py
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

  // A large specification lives in _static/chart-specs/<id>.js (bookkit/chart_specs.py), a
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

  function draw(chart) {
    var specNode = chart.querySelector("script.bookkit-chart__spec");
    var view = chart.querySelector(".bookkit-chart__view");
    if (!specNode || !view || chart.dataset.state) return Promise.resolve();
    chart.dataset.state = "loading";
    // The placeholder carries the text alternative as role="img"; once drawn, the SVG does,
    // and the container (which then holds the export menu) is no longer an image.
    var description = view.getAttribute("aria-label") || "";
    var options = {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
      downloadFileName: chart.id.replace(/^chart-/, ""),
    };
    return specOf(specNode).then(function (spec) {
      return embed(view, spec, options);
    }).then(function () {
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
    }).catch(function (error) { fail(chart, error); });
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
    window.addEventListener("beforeprint", drawAll, { once: true });
  } else if (document.readyState === "complete") {
    idle(drawAll);
  } else {
    window.addEventListener("load", function () { idle(drawAll); }, { once: true });
  }
})();
