// kehoach serve: show the first error, ask before a remove and before leaving unsaved edits.
(function () {
  "use strict";
  var dirty = false;
  document.addEventListener("input", function (event) {
    if (event.target.form && event.target.form.id === "editor") { dirty = true; }
  });
  document.addEventListener("submit", function () { dirty = false; });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
    }
  });
  window.addEventListener("DOMContentLoaded", function () {
    var first = document.querySelector(".has-error");
    if (first) { first.scrollIntoView({block: "center"}); }
  });
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
}());
