// kehoach serve: check the plan as the clerk types, show the first error, ask before a
// remove and before leaving unsaved edits; find words, step through the review marks,
// come back to the same place after every button. No library, no inline script (the
// pages forbid it): the page works without this file too.
(function () {
  "use strict";
  var dirty = false;
  var timer = null;
  var PLACE = "kehoach-cho-dang-xem";

  function show(result) {
    document.querySelectorAll("#editor .field > p.error.live").forEach(function (p) { p.remove(); });
    document.querySelectorAll("#editor .field.has-error").forEach(function (f) {
      if (!f.querySelector("p.error")) { f.classList.remove("has-error"); }
    });
    Object.keys(result.fields).forEach(function (id) {
      var input = document.getElementById(id);
      if (!input) { return; }
      var field = input.closest(".field") || input.parentNode;
      result.fields[id].forEach(function (message) {
        var p = document.createElement("p");
        p.className = "error live";
        p.textContent = message;
        field.appendChild(p);
      });
      field.classList.add("has-error");
    });
    var box = document.getElementById("loi-song");
    box.textContent = "";
    var other = result.other.slice();
    if (result.stale) {
      other.push("Tệp vừa được lưu ở nơi khác. Khi bấm Lưu, trang sẽ giữ chữ bạn đã gõ và " +
                 "hiện bản mới nhất bên cạnh để bạn chọn.");
    }
    other.forEach(function (message) {
      var li = document.createElement("li");
      li.textContent = message;
      box.appendChild(li);
    });
    box.hidden = other.length === 0;
  }

  function check(form) {
    fetch(form.action + "/check", {method: "POST", body: new FormData(form)})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (result) { if (result) { show(result); } })
      .catch(function () { /* the check on save still runs */ });
  }

  function edited(event) {
    var form = event.target.form;
    if (!form || form.id !== "editor" || event.target.id === "tim") { return; }
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

  // ---- finding words and review marks --------------------------------------------
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d")
      .replace(/Đ/g, "D").toLowerCase();
  }

  var found = [];
  var at = -1;

  function go(list, index, counter) {
    if (!list.length) { return -1; }
    index = (index + list.length) % list.length;
    var target = list[index];
    target.scrollIntoView({block: "center"});  // never focused: Enter there would save
    document.querySelectorAll(".current-find").forEach(function (e) {
      e.classList.remove("current-find");
    });
    target.classList.add("current-find");
    if (counter) { counter.textContent = (index + 1) + "/" + list.length; }
    return index;
  }

  function search() {
    var box = document.getElementById("tim");
    var counter = document.getElementById("tim-so");
    var words = fold(box.value.trim());
    document.querySelectorAll(".found").forEach(function (e) { e.classList.remove("found"); });
    found = [];
    at = -1;
    if (!words) { counter.textContent = ""; return; }
    document.querySelectorAll(".sheet input[type=text], .sheet textarea, .sheet legend, " +
                              ".sheet .marks p, .sheet select").forEach(function (e) {
      var text = e.tagName === "SELECT" ? (e.options[e.selectedIndex] || {}).text || "" :
        (e.value !== undefined && e.tagName !== "LEGEND" ? e.value : e.textContent);
      if (fold(text).indexOf(words) >= 0) {
        e.classList.add("found");
        found.push(e);
      }
    });
    counter.textContent = found.length ? "" : "không thấy";
    if (found.length) { at = go(found, 0, counter); }
  }

  function marks(step) {
    var list = Array.prototype.slice.call(document.querySelectorAll(".sheet .marks"));
    if (!list.length) { return; }
    var middle = window.innerHeight / 2;
    var index = step > 0 ? list.findIndex(function (m) {
      return m.getBoundingClientRect().top > middle + 5;
    }) : list.length - 1 - list.slice().reverse().findIndex(function (m) {
      return m.getBoundingClientRect().top < middle - 5;
    });
    if (index < 0 || index >= list.length) { index = step > 0 ? 0 : list.length - 1; }
    go(list, index, null);
  }

  // ---- staying in place ----------------------------------------------------------
  function remember() {
    try {
      window.sessionStorage.setItem(PLACE, JSON.stringify(
        {path: window.location.pathname, y: window.scrollY}));
    } catch (e) { /* private mode: the page opens at the top */ }
  }

  function comeBack() {
    var first = document.querySelector(".message.warning") &&
      document.querySelector(".has-error, .field.kept, #da-go-mat-cho");
    if (first) { first.scrollIntoView({block: "center"}); return; }
    if (window.location.hash) { return; }  // the element the button acted on
    try {
      var place = JSON.parse(window.sessionStorage.getItem(PLACE) || "null");
      if (place && place.path === window.location.pathname) { window.scrollTo(0, place.y); }
    } catch (e) { /* nothing remembered */ }
    window.sessionStorage.removeItem(PLACE);
  }

  document.addEventListener("change", chosen);
  document.addEventListener("input", edited);
  document.addEventListener("change", edited);
  document.addEventListener("submit", function () { dirty = false; remember(); });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.getAttribute("data-confirm"))) {
      event.preventDefault();
      return;
    }
    var use = event.target.closest("button.use");
    if (use) {
      var field = document.getElementById(use.getAttribute("data-for"));
      if (field) { field.value = use.getAttribute("data-text"); dirty = true; field.focus(); }
      return;
    }
    var close = event.target.closest(".message .close");
    if (close) { close.parentNode.hidden = true; return; }
    var back = event.target.closest("a.back");
    if (back && window.history.length > 1) { event.preventDefault(); window.history.back(); }
    var ids = {"tim-sau": 1, "tim-truoc": -1};
    if (event.target.id in ids) {
      if (at < 0) { search(); } else { at = go(found, at + ids[event.target.id],
                                                  document.getElementById("tim-so")); }
    }
    if (event.target.id === "dau-sau") { marks(1); }
    if (event.target.id === "dau-truoc") { marks(-1); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.target.id === "tim" && event.key === "Enter") {
      event.preventDefault();  // Enter finds the next place, it does not save
      if (at < 0) { search(); } else { at = go(found, at + (event.shiftKey ? -1 : 1),
                                                  document.getElementById("tim-so")); }
    }
  });
  document.addEventListener("input", function (event) {
    if (event.target.id === "tim") { search(); }
  });
  window.addEventListener("load", comeBack);  // once styled: the page has its full height
  window.addEventListener("beforeunload", function (event) {
    if (dirty) { event.preventDefault(); event.returnValue = ""; }
  });
}());
