// Draws every chart of the page. Bundled with Vega, Vega-Lite and Vega-Embed by vl-convert
// (see bookkit/sphinx_ext.py); the bundle is wrapped in a function, so nothing leaks.
function bookkitRenderCharts() {
  document.querySelectorAll(".bookkit-chart").forEach(function (chart) {
    if (chart.dataset.state) return;
    var specNode = chart.querySelector("script.bookkit-chart__spec");
    var view = chart.querySelector(".bookkit-chart__view");
    if (!specNode || !view) return;
    chart.dataset.state = "loading";
    var options = {
      renderer: "svg",
      actions: { export: true, source: false, compiled: false, editor: false },
      downloadFileName: chart.id.replace(/^chart-/, ""),
    };
    vegaEmbed(view, JSON.parse(specNode.textContent), options)
      .then(function () { chart.dataset.state = "rendered"; })
      .catch(function (error) {
        chart.dataset.state = "error";
        view.textContent = "This chart could not be drawn: " + error.message;
        console.error(error);
      });
  });
}
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", bookkitRenderCharts);
} else {
  bookkitRenderCharts();
}
