/* Flipfolio's progress, kept in this browser only (localStorage; nothing is
   sent anywhere). One entry per lesson page, "flipfolio:v1:<page path>" (in an offline pack,
   "flipfolio:v1:pack:<unit>/<lesson>.html"):
   {"answers": {<question id>: {"answer", "right", "tries", "answered", "seconds"}},
    "done": <questions of the set answered>, "of": <questions in the set>}.
   Answers are kept by question id, so editing or removing one question keeps
   the others. The student's name for receipts is "flipfolio:v1:name". On the
   lessons index and unit pages, a lesson with questions (a[data-ff-of]) is
   marked "Done" or "n of m answered" from its entry. */
(function (ff) {
  "use strict";
  if (ff.progress) return;

  var STORE = "flipfolio:v1:";

  function read(name) {
    try { return JSON.parse(localStorage.getItem(STORE + name)); } catch (e) { return null; }
  }

  /* Whether it was kept: false when the browser's storage is off or full (the answers then last
     as long as the page, and the page says so). */
  function write(name, value) {
    try {
      if (value === null) localStorage.removeItem(STORE + name);
      else localStorage.setItem(STORE + name, JSON.stringify(value));
      return true;
    } catch (e) { return false; }
  }

  /* The name of a page's entry: its path on a site; in a unit's offline pack opened from disk
     (file:), "pack:<unit folder>/<file>", so that a pack unzipped or copied elsewhere (another
     folder, a USB stick with another drive letter) keeps its answers. */
  function page(url) {
    var address = new URL(url || location.href, location.href);
    if (address.protocol !== "file:") return address.pathname;
    return "pack:" + address.pathname.split("/").filter(Boolean).slice(-2).join("/");
  }

  function entry(path) {
    var saved = read(path);
    return saved && typeof saved.answers === "object" && saved.answers ? saved : { answers: {} };
  }

  /* "Done" or "n of m answered" beside each lesson link with questions. */
  function mark() {
    var links = document.querySelectorAll("a[data-ff-of]:not([data-ff-marked])");
    for (var i = 0; i < links.length; i++) {
      var link = links[i], of = +link.getAttribute("data-ff-of");
      link.setAttribute("data-ff-marked", "");
      var saved = entry(page(link.href)), done = Math.min(saved.done || 0, of);
      if (!done) continue;
      var note = document.createElement("span");
      note.className = "ff-chip ff-chip--done";
      ff.put(note, done === of ? ff.t("progress.done") : ff.t("progress.answered", { done: done, count: of }));
      link.parentNode.insertBefore(note, link.nextSibling);
      link.parentNode.insertBefore(document.createTextNode(" "), note);
    }
  }

  ff.progress = {
    page: page,
    entry: entry,
    save: function (path, saved) { return write(path, Object.keys(saved.answers).length ? saved : null); },
    name: function (value) {
      if (value === undefined) return read("name") || "";
      write("name", value.trim() ? value.trim() : null);
    },
    mark: mark
  };
})(window.flipfolio = window.flipfolio || {});
