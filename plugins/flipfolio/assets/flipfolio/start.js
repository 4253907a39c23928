/* Flipfolio's start-up: sets up each video of the page ([data-ff-video]) with
   its player and features, the page's question set (questions.js), then the
   questions at moments of each video (moments.js).
   Material's instant navigation replaces the page's content without
   reloading and runs this script again when it arrives with a new page: the
   first run starts on Material's `document$` (every page, loaded
   or swapped in), or once the page is parsed without it. Idempotent: a video
   set up is marked (data-ff-ready) and left alone. */
(function (ff) {
  "use strict";

  /* Material's instant navigation fetches the page again on the first click
     of a link to a part of the same page, which stops its videos and loses
     answers not yet checked: such a link of the content (a question from the
     transcript, "shown under the video") is left to the browser, which goes
     to the part as for any page (a step Back returns), and kept from Material. */
  function toPart(event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (!link || link.target) return;
    var id;
    try { id = decodeURIComponent(link.getAttribute("href").slice(1)); } catch (e) { return; }
    if (id && document.getElementById(id)) event.stopPropagation();
  }

  function start() {
    var content = document.querySelector(".md-content");
    if (content && !content.ffParts) {
      content.ffParts = true;
      content.addEventListener("click", toPart);
    }
    var boxes = document.querySelectorAll("[data-ff-video]:not([data-ff-ready])"), players = [];
    for (var i = 0; i < boxes.length; i++) {
      boxes[i].setAttribute("data-ff-ready", "");
      players[i] = ff.player.of(boxes[i]);
      if (players[i]) ff.transcript.attach(boxes[i], players[i]);
    }
    if (ff.questions) ff.questions.start();
    for (i = 0; i < boxes.length; i++) if (players[i] && ff.moments) ff.moments.attach(boxes[i], players[i]);
  }

  if (ff.start) return ff.start();
  ff.start = start;
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})(window.flipfolio = window.flipfolio || {});
