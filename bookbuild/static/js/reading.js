/* The buttons that open the book's contents and the page's contents.
 *
 * pydata-sphinx-theme 0.17.1 (and sphinx-book-theme 1.3.0 on top of it) attach their
 * handlers to the first `.primary-toggle` and `.secondary-toggle` in the page, which sit in
 * a header that sphinx-book-theme hides; the buttons a reader sees do nothing
 * (pydata-sphinx-theme#2451, sphinx-book-theme#988). A press on a visible button is handed to
 * the first one, so the theme's own code still opens the drawer (narrow screens) or hides the
 * sidebar (wide ones). Once upstream binds every button, the first button is the one pressed
 * and this does nothing.
 *
 * A link in the page-contents drawer also closes the drawer, so the section it leads to is
 * not left hidden under the dialog.
 */
(function () {
  "use strict";
  ["primary-toggle", "secondary-toggle"].forEach(function (name) {
    var first = document.querySelector("." + name);
    document.querySelectorAll("." + name).forEach(function (button) {
      if (button === first) return;
      button.addEventListener("click", function (event) {
        event.preventDefault();
        first.click();
      });
    });
  });
  ["pst-primary-sidebar-modal", "pst-secondary-sidebar-modal"].forEach(function (id) {
    var dialog = document.getElementById(id);
    if (!dialog) return;
    dialog.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[href]");
      if (!link || !dialog.open || event.button || event.ctrlKey || event.metaKey ||
          event.shiftKey || event.altKey) return;
      // Follow the link once the theme has put the contents back and returned the focus;
      // followed from inside the open dialog, the page stops short of the section.
      event.preventDefault();
      dialog.addEventListener("close", function () {
        setTimeout(function () { location.href = link.href; }, 0);
      }, { once: true });
      dialog.close();
    });
  });
})();
