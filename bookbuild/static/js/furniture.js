// The controls under each figure and numbered table (bookbuild/furniture.py): the citation,
// written here because it holds the page's address and the date it is read, copied with one
// click; and the chart as a PNG at twice its size.
(function () {
  "use strict";
  var PNG_SCALE = 2;

  function bibtexText(value) { return String(value).replace(/([{}\\%&#$_^~])/g, "\\$1"); }

  function texts(box) {
    var d = box.dataset;
    var url = location.href.split("#")[0] + "#" + d.anchor;
    var today = new Date().toISOString().slice(0, 10);
    var title = d.number + (d.title ? ": " + d.title : "");
    var plain = d.bookAuthors + " (" + d.bookYear + "). " + title + ". In " + d.bookTitle +
      ". " + url + " (accessed " + today + ").";
    var key = (d.anchor + "-" + d.bookYear).replace(/[^A-Za-z0-9_-]/g, "-");
    var bibtex = "@misc{" + key + ",\n" +
      "  author = {{" + bibtexText(d.bookAuthors) + "}},\n" +
      "  title = {" + bibtexText(title) + "},\n" +
      "  howpublished = {In " + bibtexText(d.bookTitle) + "},\n" +
      "  year = {" + bibtexText(d.bookYear) + "},\n" +
      "  url = {" + url + "},\n" +
      "  urldate = {" + today + "},\n" +
      "  note = {Accessed " + today + "}\n}";
    return { plain: plain, bibtex: bibtex };
  }

  function fill(box) {
    var t = texts(box);
    box.querySelector(".bookkit-furniture__cite-text").textContent = t.plain;
    box.querySelector(".bookkit-furniture__bibtex").textContent = t.bibtex;
  }

  // Without the clipboard API (an insecure origin, an old browser) the text is selected, so
  // that the reader's own copy command takes it.
  function select(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  function copy(box, node) {
    var status = box.querySelector(".bookkit-furniture__status");
    fill(box);
    var text = node.textContent;
    function selected() {
      select(node);
      var done = false;
      try { done = document.execCommand("copy"); } catch (error) { done = false; }
      status.textContent = done ? "Copied." : "Selected: press Ctrl+C or Cmd+C to copy.";
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { status.textContent = "Copied."; }, selected);
    } else {
      selected();
    }
  }

  function savePng(box, button) {
    var chart = box.closest("figure") && box.closest("figure").querySelector(".bookkit-chart");
    var result = chart && chart.bookkitResult;
    if (!result) { button.textContent = "The chart is still being drawn"; return; }
    result.view.toImageURL("png", PNG_SCALE).then(function (url) {
      var link = document.createElement("a");
      link.href = url;
      link.download = chart.id.replace(/^chart-/, "") + ".png";
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
  }

  document.querySelectorAll(".bookkit-furniture").forEach(function (box) {
    fill(box);
    var panel = box.querySelector(".bookkit-furniture__cite");
    var toggle = box.querySelector(".bookkit-furniture__cite-toggle");
    toggle.addEventListener("click", function () {
      fill(box);
      panel.hidden = !panel.hidden;
      toggle.setAttribute("aria-expanded", String(!panel.hidden));
    });
    box.querySelectorAll("[data-copy]").forEach(function (button) {
      button.addEventListener("click", function () {
        var node = box.querySelector(button.dataset.copy === "bibtex"
          ? ".bookkit-furniture__bibtex" : ".bookkit-furniture__cite-text");
        copy(box, node);
      });
    });
    var png = box.querySelector(".bookkit-furniture__png");
    if (png) png.addEventListener("click", function () { savePng(box, png); });
  });
})();
