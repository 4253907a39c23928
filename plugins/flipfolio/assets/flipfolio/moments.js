/* Questions at a moment of a video (li[data-ff-at][data-ff-in-video=N] of the
   set; video N is #ff-video-N). Playback reaching a question's time pauses
   the video and moves the question, state and all, into a panel under the
   player (never over it: YouTube forbids overlays) until answered
   right ("ff:answered", questions.js), or skipped, or let go after a wrong
   answer (the video waits for a try again); then play goes on. A question asks
   once per playthrough (again after a seek back before it, unless answered);
   a seek over it does not ask it. With data-ff-no-skip on the set (honour
   system), a forward seek past the furthest point watched and over a question
   not answered is pulled back, until the video has played to its end. The
   transcript links each question from the line spoken at its time. Until a
   video reports its time nothing moves: the set stays a plain list. */
(function (ff) {
  "use strict";
  if (ff.moments) return;

  function clock(s) {
    var m = Math.floor(s / 60), r = Math.floor(s % 60);
    return (m >= 60 ? Math.floor(m / 60) + ":" + (m % 60 < 10 ? "0" : "") + m % 60 : m) + (r < 10 ? ":0" : ":") + r;
  }

  function make(tag, className, text, parent) {
    var node = document.createElement(tag);
    node.className = className;
    ff.put(node, text || "");
    if (parent) parent.appendChild(node);
    return node;
  }

  function attach(box, player) {
    var items = document.querySelectorAll('.ff-questions li[data-ff-at][data-ff-in-video="' + box.id.slice(9) + '"]');
    var id = box.id + "-moment", where = box.querySelector(".ff-player, video");
    if (!items.length || !where) return;
    var questions = [].map.call(items, function (li) {
      return { li: li, at: +li.getAttribute("data-ff-at"), n: [].indexOf.call(li.parentNode.children, li) + 1 };
    }).sort(function (a, b) { return a.at - b.at; });
    var noSkip = items[0].closest("[data-ff-no-skip]");
    var moment = make("div", "ff-moment"), note = make("p", "ff-moment__note", "", moment);
    var panel = make("section", "ff-moment__panel", "", moment), title = make("p", "ff-moment__title", "", panel);
    var list = make("ol", "", "", panel), done = make("button", "md-button", "", panel);
    note.setAttribute("role", "status");
    if (noSkip) ff.put(note, ff.t("moments.no_skip"));
    title.id = id;
    title.tabIndex = -1;
    panel.setAttribute("aria-labelledby", id);
    panel.hidden = true;
    done.type = "button";
    where.parentNode.insertBefore(moment, where.nextSibling);

    questions.forEach(function (q) {  // the transcript's line spoken at the question's time (or its first)
      [].forEach.call(box.querySelectorAll(".ff-cues"), function (cues) {
        var line = [].filter.call(cues.children, function (li, i) {
          return !i || li.querySelector("[data-ff-seek]").getAttribute("data-ff-seek") <= q.at;
        }).pop();
        if (!line) return;
        make("a", "ff-cue-q", ff.t("moments.question", { n: q.n }), line).href = "#ff-q-" + q.li.getAttribute("data-ff-question");
        line.classList.add("ff-cue-at");
      });
    });

    var active = null, queue = [], paused = false, last = 0, wall = Date.now(), furthest = 0, ended = false;

    function answered(q) { return q.li.hasAttribute("data-ff-answered"); }

    function home() {  // the question shown goes back to its place in the set
      if (active) active.home.replaceWith(active.li);
      active = null;
    }

    function show(q) {
      // A student typing the question's answer keeps the field, and what is typed next goes on in it.
      var typing = q.li.contains(document.activeElement) ? document.activeElement : null;
      var from = typing && typing.selectionStart, to = typing && typing.selectionEnd;
      if (q !== active) {
        home();
        active = q;
        q.home = make("li", "ff-moment__away");
        make("a", "", ff.t("moments.shown_under"), q.home).href = "#" + id;
        q.li.replaceWith(q.home);
        list.appendChild(q.li);
        list.start = q.n;
      }
      ff.put(title, ff.t("moments.paused_title", { n: q.n }));
      ff.put(done, ff.t("moments.skip"));
      panel.hidden = false;
      if (typing && document.activeElement !== typing) {
        typing.focus({ preventScroll: true });
        try { if (from !== null) typing.setSelectionRange(from, to); } catch (e) { /* (not a text field) */ }
      }
      paused = true;
      player.pause();
      if (document.fullscreenElement) document.exitFullscreen().catch(function () {});
      var focus = document.activeElement;
      if (!typing && (!focus || focus === document.body || box.contains(focus))) title.focus();
      else ff.put(note, ff.t("moments.paused_note", { n: q.n }));
    }

    function next() {  // the next question of the same moment, or play on
      if (queue.length) return show(queue.shift());
      if (paused) player.play();
      paused = false;
    }

    panel.addEventListener("ff:answered", function (event) {
      ff.put(title, ff.t("moments.question", { n: active.n }));
      if (event.detail && event.detail.right === false) {  // wrong: the video waits, to try again or go on
        ff.put(done, ff.t("moments.go_on"));
        return;
      }
      ff.put(done, ff.t("moments.close"));
      next();
    });
    done.addEventListener("click", function () {
      home();
      panel.hidden = true;
      next();
      if (panel.hidden) (box.querySelector("video, iframe, button") || title).focus();
    });

    player.onTime(function (t, sought) {
      var now = Date.now(), step = t - last, prev = last;
      // Playing: no seek, and no further than the time since the last report allows (reports
      // come at least every second while a video plays; up to twice the normal speed).
      var played = !sought && step > -0.3 && step <= 1.25 + 2 * Math.min((now - wall) / 1000, 2);
      wall = now;
      last = t;
      if (step < -0.5) {  // back: the questions after this point ask again
        queue = [];
        questions.forEach(function (q) { if (q.at > t) q.fired = false; });
      }
      if (noSkip && !played && !ended && t > furthest + 0.5 && questions.some(function (q) {
        return q.at > furthest && q.at <= t && !answered(q);
      })) {
        last = furthest;
        ff.put(note, ff.t("moments.back_to", { time: clock(furthest) }));
        return player.seek(furthest);
      }
      furthest = Math.max(furthest, t);
      if (!played || step < 0) return;
      var due = questions.filter(function (q) {
        return !q.fired && !answered(q) && q.at <= t && (q.at > prev || !prev);
      });
      due.forEach(function (q) { q.fired = true; });
      if (!due.length) return;
      queue = due.slice(1);
      show(due[0]);
    });

    player.onEnd(function () {
      if (noSkip && !ended) ff.put(note, ff.t("moments.watched"));
      ended = true;
    });
  }

  ff.moments = { attach: attach };
})(window.flipfolio = window.flipfolio || {});
