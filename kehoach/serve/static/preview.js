// kehoach serve: the editor's live preview panel (templates/preview_panel.html). It shows
// the printed page(s) of the field being edited, with a band where that field is, as the
// plan was last saved. It asks the server again when the clerk moves to another field,
// when the page is loaded (the save's reload: the field is remembered for the tab), and
// at the event "kehoach:saved" on document, which a save that does not reload the page
// dispatches. Closed, it asks nothing. No library.
(function () {
  "use strict";
  var panel = document.getElementById("xem-song");
  if (!panel) { return; }
  var slot = panel.closest(".preview-slot") || panel;
  var box = document.getElementById("xem-song-anh");
  var status = document.getElementById("xem-song-tinh-trang");
  var where = document.getElementById("xem-song-trang");
  var toggle = document.getElementById("xem-song-mo");
  var fonts = document.getElementById("xem-song-phong-chu");
  var fieldKey = "kehoach-xem-truoc:" + panel.getAttribute("data-plan");
  var openKey = "kehoach-xem-truoc-mo";
  var path = window.sessionStorage.getItem(fieldKey);
  var answer = null;   // the server's last answer
  var first = 1;       // the first page shown
  var asked = 0;       // the number of the last request: older answers are dropped
  var timer = null;
  var draws = 0;       // the number of the last drawing: an older one is not put in place

  function isOpen() {
    var chosen = window.localStorage.getItem(openKey);
    return chosen ? chosen === "mo" : window.innerWidth >= 1200;
  }

  function setOpen(open) {
    panel.classList.toggle("closed", !open);
    place();
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
    if (open && !answer) { ask(); }
  }

  function say(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function ask() {
    if (!isOpen()) { return; }
    var mine = ++asked;
    var slow = window.setTimeout(function () { say("Đang tạo bản xem trước…"); }, 300);
    var url = panel.getAttribute("data-at") + (path ? "?path=" + encodeURIComponent(path) : "");
    fetch(url, {headers: {"Accept": "application/json"}})
      .then(function (response) {
        if (!response.ok) { throw new Error(String(response.status)); }
        return response.json();
      })
      .then(function (result) {
        window.clearTimeout(slow);
        if (mine === asked) { shown(result); }
      })
      .catch(function () {
        window.clearTimeout(slow);
        if (mine === asked) { say("Chưa xem trước được; hãy lưu rồi thử lại."); }
      });
  }

  function shown(result) {
    if (result.error) { say("Chưa xem trước được: " + result.error); return; }
    fonts.querySelector("p").textContent = result.fonts || "";  // not set in the plan's font
    fonts.hidden = !result.fonts;
    if (result.pdf) { return pdfOnly(result.pdf); }
    var same = answer && answer.sha === result.sha;
    answer = result;
    if (result.marks.length) {
      first = result.marks[0].page;
    } else if (!same) {
      first = Math.min(first, result.total);
    }
    draw(result.marks.length ? result.marks[result.marks.length - 1].page : first);
  }

  function markOn(page) {
    return answer.marks.filter(function (m) { return m.page === page; })[0];
  }

  function figure(page) {
    var fig = document.createElement("figure");
    var link = document.createElement("a");
    link.href = panel.getAttribute("data-full") + "#trang-" + page;
    link.target = "_blank";
    link.rel = "noopener";
    var img = document.createElement("img");
    img.src = answer.pages[page - 1];
    img.alt = "Trang " + page;
    link.appendChild(img);
    fig.appendChild(link);
    var mark = markOn(page);
    if (mark) {
      var band = document.createElement("div");
      band.className = "preview-mark";
      band.style.top = (mark.top * 100) + "%";
      band.style.height = ((mark.bottom - mark.top) * 100) + "%";
      link.appendChild(band);
    }
    var caption = document.createElement("figcaption");
    caption.textContent = "Trang " + page;
    fig.appendChild(caption);
    return fig;
  }

  function draw(last) {
    var figures = [];
    for (var page = first; page <= last; page++) { figures.push(figure(page)); }
    var images = figures.map(function (f) { return f.querySelector("img"); });
    var waiting = images.length;
    var sha = answer.sha;
    var mine = ++draws;
    function done() {  // all loaded (or failed): swap at once, no flicker between saves
      if (--waiting > 0 || mine !== draws) { return; }
      box.textContent = "";
      figures.forEach(function (f) { box.appendChild(f); });
      where.textContent = "Trang " + first + (last > first ? "–" + last : "") + "/" + answer.total;
      panel.setAttribute("data-sha", sha);
      say("");
      var band = box.querySelector(".preview-mark");
      if (band) {
        box.scrollTop += band.getBoundingClientRect().top - box.getBoundingClientRect().top - 24;
      }
    }
    images.forEach(function (img) {
      if (img.complete) { window.setTimeout(done, 0); return; }
      img.addEventListener("load", done);
      img.addEventListener("error", done);
    });
  }

  function pdfOnly(url) {  // no poppler on this computer: the browser shows the PDF
    var shown = box.querySelector("iframe");
    if (shown && shown.getAttribute("src") === url) { say(""); return; }
    box.textContent = "";
    var object = document.createElement("iframe");
    object.src = url;
    object.title = "Văn bản dạng PDF";
    object.className = "preview-pdf";
    box.appendChild(object);
    where.textContent = "";
    say("");
  }

  function step(by) {
    if (!answer) { return; }
    var page = Math.max(1, Math.min(answer.total, first + by));
    if (page === first) { return; }
    first = page;
    draw(page);
  }

  document.addEventListener("focusin", function (event) {
    var name = event.target && event.target.name;
    if (!name || name.indexOf("v:") !== 0 || name.slice(2) === path) { return; }
    path = name.slice(2);
    window.sessionStorage.setItem(fieldKey, path);
    window.clearTimeout(timer);
    timer = window.setTimeout(ask, 250);
  });
  document.addEventListener("kehoach:saved", function () {
    answer = null;  // closed now, the panel asks again when opened
    ask();
  });
  panel.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-step]");
    if (button) { step(Number(button.getAttribute("data-step"))); }
  });
  function place() {  // below a sticky save bar that spans the panel's column, if any
    var bar = document.querySelector(".savebar");
    var top = 8;
    if (bar && window.getComputedStyle(bar).position === "sticky") {
      var b = bar.getBoundingClientRect();
      var p = slot.getBoundingClientRect();
      if (b.left < p.right && b.right > p.left) { top += bar.offsetHeight; }
    }
    slot.style.top = top + "px";
    panel.style.maxHeight = "calc(100vh - " + (top + 8) + "px)";
  }

  toggle.addEventListener("click", function () {
    var open = !isOpen();
    window.localStorage.setItem(openKey, open ? "mo" : "dong");
    setOpen(open);
  });
  window.addEventListener("resize", place);
  place();
  setOpen(isOpen());
}());
