/* The search box of a unit's offline pack (delivery/pack.py). The pack is
   opened from disk, where fetch() does not work: its lessons come from
   search-index.js, a script that sets flipfolio.packIndex, loaded before
   this one. Every word typed must be in a lesson (its title, summary, text,
   questions or transcripts), in any case, with or without accents; lessons
   with the words in their title come first. Results are written as text,
   never as HTML. Without scripts the box stays hidden. */
(function (ff) {
  "use strict";

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function start() {
    var form = document.querySelector("form[data-ff-pack-search]");
    if (!form || !ff.packIndex || form.hasAttribute("data-ff-ready")) return;
    form.setAttribute("data-ff-ready", "");
    var input = form.querySelector("input"), status = form.querySelector("[role=status]");
    var list = form.querySelector("[data-ff-pack-results]");
    var lessons = ff.packIndex.lessons.map(function (lesson) {
      return { lesson: lesson, title: fold(lesson.title),
               all: fold([lesson.title, lesson.summary, lesson.text].join(" ")) };
    });

    function search() {
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!words.length) { status.textContent = ""; return; }
      var found = lessons.filter(function (entry) {
        return words.every(function (word) { return entry.all.indexOf(word) >= 0; });
      }).map(function (entry, n) {
        var inTitle = words.filter(function (word) { return entry.title.indexOf(word) >= 0; }).length;
        return { entry: entry, rank: inTitle, n: n };
      }).sort(function (a, b) { return b.rank - a.rank || a.n - b.n; });
      status.textContent = status.getAttribute(found.length ? "data-ff-found" : "data-ff-none");
      found.forEach(function (hit) {
        var lesson = hit.entry.lesson, item = document.createElement("li"), link = document.createElement("a");
        link.href = lesson.url;
        link.textContent = lesson.title;
        item.appendChild(link);
        if (lesson.summary) {
          var summary = document.createElement("span");
          summary.className = "ff-pack-summary";
          summary.textContent = lesson.summary;
          item.appendChild(summary);
        }
        list.appendChild(item);
      });
    }

    input.addEventListener("input", search);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      search();
      var first = list.querySelector("a");
      if (first) first.focus();
    });
    form.hidden = false;
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window.flipfolio = window.flipfolio || {});
