/* Flipfolio's transcripts and chapters, on top of the player layer: each line
   (an <li data-ff-seek>, plain text without this script) becomes a button that
   plays the video from its moment, and the transcript follows the video: the
   line being spoken is highlighted, found by binary search on each time report;
   the page changes only when the line does. A video with captions in several
   languages has a transcript per language and a choice of the one shown. */
(function (ff) {
  "use strict";
  if (ff.transcript) return;

  var LEAD = 0.3;  // a seek lands on the nearest frame, a little before the line's start

  function buttons(list, className) {
    var items = list ? list.querySelectorAll("li[data-ff-seek]") : [], lines = [];
    for (var i = 0; i < items.length; i++) {
      var item = items[i], button = document.createElement("button");
      button.type = "button";
      if (className) button.className = className;
      for (var names = ["data-ff-seek", "data-ff-end"], n = 0; n < names.length; n++) {
        if (item.hasAttribute(names[n])) button.setAttribute(names[n], item.getAttribute(names[n]));
        item.removeAttribute(names[n]);
      }
      while (item.firstChild) button.appendChild(item.firstChild);
      item.appendChild(button);
      lines.push({ button: button, start: parseFloat(button.getAttribute("data-ff-seek")),
                   end: parseFloat(button.getAttribute("data-ff-end")) });
    }
    return lines;
  }

  /* The line spoken at `time`: the last one started by then, if not yet over (-1: none). */
  function find(lines, time) {
    var low = 0, high = lines.length - 1, found = -1;
    while (low <= high) {
      var middle = (low + high) >> 1;
      if (lines[middle].start <= time + LEAD) { found = middle; low = middle + 1; } else high = middle - 1;
    }
    return found >= 0 && time < lines[found].end ? found : -1;
  }

  /* Scroll the transcript box (never the page) to show the highlighted line. */
  function reveal(list, button) {
    if (list.scrollHeight <= list.clientHeight) return;
    var box = list.getBoundingClientRect(), line = button.getBoundingClientRect();
    if (line.top < box.top || line.bottom > box.bottom) list.scrollTop += line.top - box.top - box.height / 3;
  }

  /* A video's transcripts: one per language of its captions. With several, the
     language choice (hidden without this script) shows only the chosen one;
     only the transcript shown follows the video. */
  function attach(box, player) {
    var transcripts = [], time = -1, found = box.querySelectorAll(".ff-cues");
    for (var i = 0; i < found.length; i++) {
      var lines = buttons(found[i], "ff-cue");
      if (lines.length) found[i].removeAttribute("tabindex");  // the buttons take the focus now
      transcripts.push({ list: found[i], lines: lines, current: -1 });
    }
    buttons(box.querySelector(".ff-chapters"), "");
    box.addEventListener("click", function (event) {
      var target = event.target.closest("button[data-ff-seek]");
      if (!target || !box.contains(target)) return;
      player.seek(parseFloat(target.getAttribute("data-ff-seek")));
      player.play();
    });

    function follow() {
      transcripts.forEach(function (t) {
        var now = t.list.closest("[hidden]") ? -1 : find(t.lines, time);
        if (now === t.current) return;
        if (t.current >= 0) t.lines[t.current].button.removeAttribute("aria-current");
        if (now >= 0) {
          t.lines[now].button.setAttribute("aria-current", "time");
          reveal(t.list, t.lines[now].button);
        }
        t.current = now;
      });
    }
    player.onTime(function (now) { time = now; follow(); });

    var choice = box.querySelector(".ff-transcript-lang"), select = choice && choice.querySelector("select");
    if (!select) return;
    var shown = box.querySelectorAll(".ff-transcript");
    function show() {  // the chosen transcript, open if the one it replaces was
      var open = false, i;
      for (i = 0; i < shown.length; i++) open = open || (!shown[i].hidden && shown[i].open);
      for (i = 0; i < shown.length; i++) {
        shown[i].hidden = shown[i].getAttribute("data-ff-lang") !== select.value;
        if (open && !shown[i].hidden) shown[i].open = true;
      }
      follow();
    }
    select.addEventListener("change", function () {
      show();
      // A video file showing captions shows them in the language chosen for the transcript too.
      var tracks = [].slice.call((box.querySelector("video") || {}).textTracks || []);
      var on = tracks.filter(function (t) { return t.mode === "showing"; });
      var chosen = tracks.filter(function (t) { return t.language === select.value; })[0];
      if (!on.length || !chosen) return;
      on.forEach(function (t) { if (t !== chosen) t.mode = "disabled"; });
      chosen.mode = "showing";
    });
    choice.hidden = false;
    show();
  }

  ff.transcript = { attach: attach };
})(window.flipfolio = window.flipfolio || {});
