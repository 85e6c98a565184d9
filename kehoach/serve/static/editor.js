// kehoach serve: check the plan as the clerk types, show the first error, ask before a
// remove and before leaving unsaved edits. No library: the page works without it too.
(function () {
  "use strict";
  var dirty = false;
  var timer = null;

  function show(result) {
    document.querySelectorAll("#editor .field > p.error").forEach(function (p) { p.remove(); });
    document.querySelectorAll("#editor .field.has-error").forEach(function (f) {
      f.classList.remove("has-error");
    });
    Object.keys(result.fields).forEach(function (id) {
      var input = document.getElementById(id);
      if (!input) { return; }
      result.fields[id].forEach(function (message) {
        var p = document.createElement("p");
        p.className = "error live";
        p.textContent = message;
        input.parentNode.appendChild(p);
      });
      input.parentNode.classList.add("has-error");
    });
    var box = document.getElementById("loi-song");
    box.textContent = "";
    result.other.forEach(function (message) {
      var li = document.createElement("li");
      li.textContent = message;
      box.appendChild(li);
    });
    box.hidden = result.other.length === 0;
  }

  function check(form) {
    fetch(form.action + "/check", {method: "POST", body: new FormData(form)})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result) { show(result); } })
      .catch(function () { /* the check on save still runs */ });
  }

  function edited(event) {
    var form = event.target.form;
    if (!form || form.id !== "editor") { return; }
    dirty = true;
    window.clearTimeout(timer);
    timer = window.setTimeout(function () { check(form); }, 600);
  }

  function chosen(event) {
    var input = event.target;
    if (input.type !== "file" || !input.closest(".file-pick")) { return; }
    var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
    input.closest(".file-pick").querySelector(".chosen").textContent =
      names.length ? names.join(", ") : "chưa chọn tệp";
  }

  document.addEventListener("change", chosen);
  document.addEventListener("input", edited);
  document.addEventListener("change", edited);
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
