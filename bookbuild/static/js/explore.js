/* The data explorer (appendix/explore.md, bookkit/explore.py): the dataset picked in the menu
 * is the one whose title, source, notes and table are shown, and whose bars the chart draws.
 *
 * Every dataset's text and table are in the page, built and escaped by bookkit/explore.py;
 * this script only shows one of them and hands the choice to the chart, whose Vega view
 * chart-init.js announces with a "bookkit:chart-drawn" event each time it draws it (a turned
 * phone or a dark page redraws it, and the redrawn chart is given the choice again).
 */
(function () {
  "use strict";
  document.querySelectorAll(".bookkit-explore").forEach(function (box) {
    var menu = box.querySelector("select.bookkit-explore__menu");
    var chart = box.querySelector(".bookkit-chart");
    var param = box.getAttribute("data-param");
    var view = null;
    if (!menu || !chart || !param) return;

    function show() {
      var picked = menu.value;
      box.querySelectorAll("[data-dataset]").forEach(function (part) {
        part.hidden = part.getAttribute("data-dataset") !== picked;
      });
      if (view) view.signal(param, Number(picked)).runAsync();
    }

    menu.addEventListener("change", show);
    chart.addEventListener("bookkit:chart-drawn", function (event) {
      view = event.detail.view;
      show();
    });
    show();  // the browser may have kept an earlier choice across a reload
  });
})();
