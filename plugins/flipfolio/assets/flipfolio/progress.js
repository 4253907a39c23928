/* Flipfolio's progress, kept in this browser only (localStorage; nothing is
   sent anywhere). One entry per lesson page, "flipfolio:v1:<page path>":
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

  function write(name, value) {
    try {
      if (value === null) localStorage.removeItem(STORE + name);
      else localStorage.setItem(STORE + name, JSON.stringify(value));
    } catch (e) { /* storage off or full: answers last as long as the page */ }
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
      var saved = entry(new URL(link.href, location.href).pathname), done = Math.min(saved.done || 0, of);
      if (!done) continue;
      var note = document.createElement("span");
      note.className = "ff-chip ff-chip--done";
      ff.put(note, done === of ? ff.t("progress.done") : ff.t("progress.answered", { done: done, count: of }));
      link.parentNode.insertBefore(note, link.nextSibling);
      link.parentNode.insertBefore(document.createTextNode(" "), note);
    }
  }

  ff.progress = {
    entry: entry,
    save: function (path, saved) { write(path, Object.keys(saved.answers).length ? saved : null); },
    name: function (value) {
      if (value === undefined) return read("name") || "";
      write("name", value.trim() ? value.trim() : null);
    },
    mark: mark
  };
})(window.flipfolio = window.flipfolio || {});
